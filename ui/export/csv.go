package export

import (
	"encoding/csv"
	"io"
)

// utf8BOM starts every CSV: without it Excel guesses the local code page
// (GBK on a Chinese Windows) and shows UTF-8 Chinese as mojibake.
const utf8BOM = "\uFEFF"

// WriteCSV writes t as CSV: UTF-8 with a BOM, RFC 4180 quoting, CRLF line
// ends, the header first.
//
// CSV has no cell types, so Excel guesses them when it opens the file: a
// 19-digit id is written as plain digits here and Excel will still show it
// as 3.30123E+18 and drop its last digits if the client saves. That is a
// limit of CSV, not something to patch with the ="..." trick (which breaks
// every other program reading the file); XLSX is the format that keeps ids
// safe in Excel, and the one to offer clients first.
func WriteCSV(w io.Writer, t Table) error {
	if err := t.check(); err != nil {
		return err
	}
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	record := make([]string, len(t.Columns))
	for j, c := range t.Columns {
		record[j] = csvText(c.Name)
	}
	if err := cw.Write(record); err != nil {
		return err
	}
	for _, row := range t.Rows {
		for j, v := range row {
			record[j] = csvCell(v)
		}
		if err := cw.Write(record); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvCell is v as CSV text. Money is the exact decimal ("123.45",
// "-0.05") and times are China time to the minute; numbers are written
// bare so Excel reads them as numbers.
func csvCell(v Value) string {
	if v.set && (v.kind == Text || v.kind == Identifier) {
		return csvText(v.s)
	}
	return v.display()
}
