package export

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// parseCSV splits a CSV file into rows of cells. It accepts what Excel
// writes and what people make by hand: a BOM or none, CRLF or LF, stray
// quotes inside unquoted cells, and a tab or semicolon separator when the
// first line has no comma. A cell's leading apostrophe is dropped, as Excel
// drops it: it is the "this is text" mark our own CSVs put before
// formula-like text.
func parseCSV(data []byte) ([][]string, error) {
	switch {
	case hasPrefix(data, zipMagic):
		return nil, errors.New("this is an Excel workbook with a .csv name; rename it to .xlsx")
	case hasPrefix(data, cfbMagic):
		return nil, errors.New(`this is an old .xls workbook (or a password-protected one) with a .csv name; in Excel save it as "CSV UTF-8" or .xlsx`)
	case hasPrefix(data, "\xFF\xFE"), hasPrefix(data, "\xFE\xFF"):
		return nil, errors.New(`the file is saved as UTF-16 ("Unicode Text"); in Excel save it as "CSV UTF-8" or .xlsx`)
	}
	data = bytes.TrimPrefix(data, []byte(utf8BOM))
	if line, ok := invalidUTF8Line(data); ok {
		// Chinese Excel's plain "CSV" is GBK. Guessing the encoding could
		// silently turn a client's list into different characters; asking
		// for UTF-8 cannot.
		return nil, fmt.Errorf(`line %d is not UTF-8 text (plain "CSV" from a Chinese Excel is GBK); in Excel save it as "CSV UTF-8" or .xlsx`, line)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = sniffSeparator(data)
	r.FieldsPerRecord = -1 // widths are checked against the header later, with a better message
	r.LazyQuotes = true    // Excel opens `15.6" laptop` too
	var out [][]string
	for n := 1; ; n++ {
		rec, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("line %d is not valid CSV: %v", pe.StartLine, pe.Err)
			}
			return nil, err
		}
		used := len(trimRow(rec))
		if used > 0 && n > maxRows+1 {
			return nil, tooManyRows()
		}
		if used > maxColumns {
			return nil, tooManyColumns(n)
		}
		for j, c := range rec {
			rec[j] = csvUnquote(c)
		}
		out = append(out, rec)
	}
}

// invalidUTF8Line is the 1-based line of the first byte that is not UTF-8.
func invalidUTF8Line(data []byte) (int, bool) {
	if utf8.Valid(data) {
		return 0, false
	}
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return bytes.Count(data[:i], []byte("\n")) + 1, true
		}
		i += size
	}
	return 0, false
}

// sniffSeparator picks the separator from the first line: a comma unless
// the line has none and has tabs (a list copied out of Excel) or
// semicolons (Excel where the decimal point is a comma).
func sniffSeparator(data []byte) rune {
	first, _, _ := bytes.Cut(data, []byte("\n"))
	switch {
	case bytes.IndexByte(first, ',') >= 0:
		return ','
	case bytes.IndexByte(first, '\t') >= 0:
		return '\t'
	case bytes.IndexByte(first, ';') >= 0:
		return ';'
	}
	return ','
}
