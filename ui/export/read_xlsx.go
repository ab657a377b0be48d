package export

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// parseXLSX reads the first sheet of a workbook as the strings Excel
// shows, with one exception: a number shown in scientific notation comes
// back as its digits. A client who typed an offer id into a General cell
// sees 1.23457E+11 only because the column is narrow; the id is what they
// mean.
func parseXLSX(data []byte) (cells [][]string, err error) {
	// The workbook is a stranger's file and excelize's parser has panicked
	// on crafted input before; a bad import must cost the agent an error
	// message, not the whole session.
	defer func() {
		if p := recover(); p != nil {
			cells, err = nil, fmt.Errorf("the workbook is damaged or not a real .xlsx file (%v)", p)
		}
	}()
	switch {
	case hasPrefix(data, cfbMagic):
		return nil, errors.New("this is an old .xls workbook or one protected by a password; in Excel save it as .xlsx without a password")
	case !hasPrefix(data, zipMagic):
		if utf8.Valid(data) {
			return nil, errors.New("this is not an Excel workbook but a text file; if it is a CSV, name it .csv")
		}
		return nil, errors.New("this is not an .xlsx workbook")
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzipped})
	if err != nil {
		if strings.Contains(err.Error(), "unzip size") {
			return nil, fmt.Errorf("the workbook unpacks to more than %d MB", maxUnzipped>>20)
		}
		return nil, fmt.Errorf("the workbook is damaged or not a real .xlsx file (%v)", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, errors.New("the workbook has no sheets")
	}
	shown, err := sheetRows(f, sheets[0], false)
	if err != nil {
		return nil, err
	}
	type ref struct{ row, col int }
	var sci []ref
	for i, r := range shown {
		for j, c := range r {
			if looksScientific(c) {
				sci = append(sci, ref{i, j})
			}
		}
	}
	if len(sci) == 0 {
		return shown, nil
	}
	// A second pass for the raw values, only when needed. The stored value
	// of a number cell is its digits; a text cell's raw value is the text
	// itself, so "1E+5" typed as text is left alone.
	raw, err := sheetRows(f, sheets[0], true)
	if err != nil {
		return nil, err
	}
	for _, p := range sci {
		if p.row >= len(raw) || p.col >= len(raw[p.row]) {
			continue
		}
		v := raw[p.row][p.col]
		if v == shown[p.row][p.col] {
			continue
		}
		if s, ok := plainNumber(v); ok {
			shown[p.row][p.col] = s
		}
	}
	return shown, nil
}

// sheetRows streams a sheet's rows, stopping at the caps rather than
// loading a hostile sheet whole. Row i of the result is sheet row i+1;
// empty rows in between are kept so row numbers stay true.
func sheetRows(f *excelize.File, sheet string, raw bool) ([][]string, error) {
	it, err := f.Rows(sheet)
	if err != nil {
		return nil, fmt.Errorf("the first sheet cannot be read (%v)", err)
	}
	defer it.Close()
	opts := excelize.Options{RawCellValue: raw}
	var out [][]string
	for n := 1; it.Next(); n++ {
		cols, err := it.Columns(opts)
		if err != nil {
			return nil, fmt.Errorf("row %d cannot be read (%v)", n, err)
		}
		cols = trimRow(cols)
		if len(cols) == 0 {
			continue
		}
		if n > maxRows+1 {
			return nil, tooManyRows()
		}
		if len(cols) > maxColumns {
			return nil, tooManyColumns(n)
		}
		// A styled empty cell far to the right makes excelize allocate the
		// whole width; keep only what holds text.
		if cap(cols) > 2*len(cols)+8 {
			cols = slices.Clone(cols)
		}
		for len(out) < n-1 {
			out = append(out, nil)
		}
		out = append(out, cols)
	}
	if err := it.Error(); err != nil {
		if errors.Is(err, excelize.ErrMaxRows) {
			return nil, tooManyRows()
		}
		return nil, fmt.Errorf("the first sheet cannot be read (%v)", err)
	}
	return out, nil
}

// looksScientific reports text like "1.23457E+11" that is a number in
// scientific notation.
func looksScientific(s string) bool {
	if !strings.ContainsAny(s, "eE") {
		return false
	}
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// plainNumber writes a stored number without an exponent: an integer as
// its digits, as stored (a 19-digit id written by another program keeps
// all 19), anything else in the shortest decimal form.
func plainNumber(raw string) (string, bool) {
	digits := strings.TrimPrefix(raw, "-")
	if digits != "" && strings.Trim(digits, "0123456789") == "" {
		return raw, true
	}
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) || math.Abs(v) >= 1e21 {
		return "", false
	}
	return strconv.FormatFloat(v, 'f', -1, 64), true
}
