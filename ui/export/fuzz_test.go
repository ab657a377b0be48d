package export

import (
	"bytes"
	"strings"
	"testing"
	"unicode"

	"github.com/xuri/excelize/v2"
)

func FuzzReadCSV(f *testing.F) {
	for _, s := range []string{
		"", "a", "a,b\n1,2\n", "\uFEFFa,b\r\n1,2\r\n", "a,b\n1,2,3\n", "a\n\"unterminated\n",
		"a;b\n1;2", "a\tb\n", ",,\n1\n", "a\n'=x\n", "a,\"b\"\"c\"\n\"x\ny\",2\n", "\xff\xfe", "a\n\xb4\xbf",
		"PK\x03\x04", "a,b\n\n\n,,\n", "a,b,c\n1\n2,3\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cells, err := parseCSV(data)
		if err != nil {
			return
		}
		if len(cells) > maxRows+1+bytes.Count(data, []byte("\n"))+1 {
			t.Fatalf("%d records from %d lines", len(cells), bytes.Count(data, []byte("\n")))
		}
		header, rows, err := shape(cells)
		if err != nil {
			return
		}
		if len(header) == 0 || header[len(header)-1] == "" {
			t.Fatalf("header %q", header)
		}
		if len(rows) > maxRows || len(rows) > len(cells) {
			t.Fatalf("%d rows from %d records", len(rows), len(cells))
		}
		for i, r := range rows {
			if len(r) != len(header) {
				t.Fatalf("row %d has %d cells, header %d", i+2, len(r), len(header))
			}
		}
		if n := len(rows); n > 0 && len(trimRow(rows[n-1])) == 0 {
			t.Fatalf("trailing empty row kept: %q", rows)
		}
	})
}

func FuzzCellText(f *testing.F) {
	for _, s := range []string{
		"", "plain", "=cmd|' /C calc'!A0", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", " =x", "'", "''=x",
		"纯棉T恤", "x\x1b]0;title\x07y", "\u202e=1", "\u3000=1", "a\r\nb", "_x0041_", "\xff=",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		clean := cleanText(s)
		out := csvText(s)
		if out != clean && out != "'"+clean {
			t.Fatalf("csvText(%q) = %q, not %q with or without an apostrophe", s, out, clean)
		}
		if out != "" && strings.ContainsRune("=+-@\t\r", rune(out[0])) {
			t.Fatalf("csvText(%q) = %q starts a formula", s, out)
		}
		if csvUnquote(out) != clean {
			t.Fatalf("csvUnquote(%q) = %q, want %q", out, csvUnquote(out), clean)
		}
		for _, r := range out {
			if unicode.IsControl(r) || r == '\u202e' {
				t.Fatalf("csvText(%q) = %q keeps control %U", s, out, r)
			}
		}

		tb := Table{Columns: []Column{{"h", Text}}, Rows: [][]Value{{T(s)}}}
		var csvBuf bytes.Buffer
		if err := WriteCSV(&csvBuf, tb); err != nil {
			t.Fatal(err)
		}
		cells, err := parseCSV(csvBuf.Bytes())
		if err != nil {
			t.Fatalf("our CSV does not parse: %v", err)
		}
		_, rows, err := shape(cells)
		if err != nil {
			t.Fatal(err)
		}
		if clean == "" {
			if len(rows) != 0 {
				t.Fatalf("empty text came back as %q", rows)
			}
		} else if len(rows) != 1 || rows[0][0] != clean {
			t.Fatalf("CSV round trip of %q: %q, want %q", s, rows, clean)
		}

		var xBuf bytes.Buffer
		if err := WriteXLSX(&xBuf, tb); err != nil {
			t.Fatal(err)
		}
		x, err := excelize.OpenReader(&xBuf)
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		sheet := x.GetSheetList()[0]
		if formula, _ := x.GetCellFormula(sheet, "A2"); formula != "" {
			t.Fatalf("%q became formula %q", s, formula)
		}
		if got, _ := x.GetCellValue(sheet, "A2"); got != clean {
			t.Fatalf("XLSX round trip of %q: %q, want %q", s, got, clean)
		}
	})
}

// FuzzReadXLSX feeds damaged workbooks to the reader: it must answer with
// rows or an error, never a crash or rows of the wrong width.
func FuzzReadXLSX(f *testing.F) {
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, orders()); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte(zipMagic))
	f.Add([]byte("a,b\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cells, err := parseXLSX(data)
		if err != nil {
			return
		}
		header, rows, err := shape(cells)
		if err != nil {
			return
		}
		for i, r := range rows {
			if len(r) != len(header) {
				t.Fatalf("row %d has %d cells, header %d", i+2, len(r), len(header))
			}
		}
	})
}
