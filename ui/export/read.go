package export

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Limits on what ReadFile accepts. A client's list is a few hundred rows;
// the caps are far above that and exist so a wrong or hostile file fails
// fast with a message instead of eating the agent's memory.
const (
	maxFileBytes = 20 << 20
	maxRows      = 100_000 // data rows, not counting the header
	maxColumns   = 1_000
	// maxUnzipped bounds what an .xlsx may expand to: a 20 MB zip of
	// repeated XML can otherwise inflate to gigabytes.
	maxUnzipped = 256 << 20
)

// ReadFile reads a client's spreadsheet, .csv or .xlsx (its first sheet),
// as text the way the client sees it in Excel: the first row is the
// header, every other row is padded to the header's width, and trailing
// empty rows are dropped. Row numbers in errors count the header as row 1,
// as Excel does.
//
// The text is returned as found: like anything else from outside, it must
// go through sanitize before it is shown.
func ReadFile(path string) (header []string, rows [][]string, err error) {
	ext := strings.ToLower(filepath.Ext(path))
	if ext != ".csv" && ext != ".xlsx" {
		hint := ""
		if ext == ".xls" {
			hint = " (open it in Excel and save it as .xlsx)"
		}
		return nil, nil, fmt.Errorf("cannot read %s: only .xlsx and .csv files can be imported%s", filepath.Base(path), hint)
	}
	data, err := readCapped(path)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read %s: %w", filepath.Base(path), err)
	}
	var cells [][]string
	if ext == ".csv" {
		cells, err = parseCSV(data)
	} else {
		cells, err = parseXLSX(data)
	}
	if err == nil {
		header, rows, err = shape(cells)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read %s: %w", filepath.Base(path), err)
	}
	return header, rows, nil
}

// readCapped reads the whole file, refusing one over maxFileBytes. The
// limit is applied while reading, not only from Stat, which a pipe or a
// file still being written would get wrong.
func readCapped(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil {
		if info.IsDir() {
			return nil, fmt.Errorf("it is a folder, not a file")
		}
		if info.Size() > maxFileBytes {
			return nil, tooBig()
		}
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxFileBytes {
		return nil, tooBig()
	}
	return data, nil
}

func tooBig() error {
	return fmt.Errorf("the file is larger than %d MB; split the list into smaller files", maxFileBytes>>20)
}

func tooManyRows() error {
	return fmt.Errorf("the sheet has more than %d rows (split the list into smaller files)", maxRows)
}

func tooManyColumns(row int) error {
	return fmt.Errorf("row %d has more than %d columns", row, maxColumns)
}

// shape turns the parsed cells into header and rows: it drops trailing
// empty rows and trailing empty cells, checks no row is wider than the
// header, and pads the rest, so callers can index any row by a header
// position.
func shape(cells [][]string) ([]string, [][]string, error) {
	for len(cells) > 0 && len(trimRow(cells[len(cells)-1])) == 0 {
		cells = cells[:len(cells)-1]
	}
	if len(cells) == 0 {
		return nil, nil, fmt.Errorf("the file is empty")
	}
	header := trimRow(cells[0])
	if len(header) == 0 {
		return nil, nil, fmt.Errorf("row 1 should hold the column names, but it is empty")
	}
	if len(cells)-1 > maxRows {
		return nil, nil, tooManyRows()
	}
	rows := make([][]string, 0, len(cells)-1)
	for i, r := range cells[1:] {
		r = trimRow(r)
		if len(r) > len(header) {
			return nil, nil, fmt.Errorf("row %d has %d columns, the header has %d", i+2, len(r), len(header))
		}
		if len(r) < len(header) {
			padded := make([]string, len(header))
			copy(padded, r)
			r = padded
		}
		rows = append(rows, r)
	}
	return header, rows, nil
}

// trimRow drops trailing empty cells: Excel writes a cell that was once
// touched, and a CSV saved from it keeps the commas.
func trimRow(r []string) []string {
	n := len(r)
	for n > 0 && r[n-1] == "" {
		n--
	}
	return r[:n]
}

// Leading bytes of files people save with the wrong name or format.
const (
	zipMagic = "PK\x03\x04"
	// cfbMagic is an OLE compound file: an old .xls, or an .xlsx saved
	// with a password (Excel wraps encrypted workbooks the same way).
	cfbMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"
)

func hasPrefix(data []byte, magic string) bool { return bytes.HasPrefix(data, []byte(magic)) }
