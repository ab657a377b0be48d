package export

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/xuri/excelize/v2"
)

func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// clientWorkbook is a list as a client makes it in Excel: ids typed into
// General cells, so they are stored as numbers.
func clientWorkbook(t *testing.T, cells map[string]any) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for cell, v := range cells {
		var err error
		if s, ok := v.(rawNumber); ok {
			err = f.SetCellDefault("Sheet1", cell, string(s))
		} else {
			err = f.SetCellValue("Sheet1", cell, v)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "client.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// rawNumber is a number cell's stored text, for ids another program wrote
// with all their digits.
type rawNumber string

func TestReadXLSXNumericIDsComeBackAsDigits(t *testing.T) {
	path := clientWorkbook(t, map[string]any{
		"A1": "offer", "B1": "order", "C1": "note", "D1": "qty",
		"A2": 623456789012, "B2": rawNumber("3301234567890123456"), "C2": "1E+5", "D2": 3,
		"A3": 623456789013.0, "B3": 3.301234567890123e18, "C3": "=not a formula", "D3": 0.5,
	})
	header, rows, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(header, []string{"offer", "order", "note", "qty"}) {
		t.Errorf("header %q", header)
	}
	want := [][]string{
		{"623456789012", "3301234567890123456", "1E+5", "3"},
		// Excel (and excelize) keep 15 digits of a number: the rest is gone
		// before the file is saved, and zeros is what Excel shows too.
		{"623456789013", "3301234567890120000", "=not a formula", "0.5"},
	}
	if len(rows) != len(want) {
		t.Fatalf("rows %q", rows)
	}
	for i := range want {
		if !slices.Equal(rows[i], want[i]) {
			t.Errorf("row %d = %q, want %q", i+2, rows[i], want[i])
		}
	}
}

func TestReadXLSXShapes(t *testing.T) {
	// A gap row, a short row, a sheet that goes on with empty rows.
	path := clientWorkbook(t, map[string]any{
		"A1": "a", "B1": "b", "C1": "c",
		"A2": "x",
		"B4": "y",
		"A9": "",
	})
	header, rows, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"x", "", ""}, {"", "", ""}, {"", "y", ""}}
	if len(header) != 3 || len(rows) != len(want) {
		t.Fatalf("header %q rows %q", header, rows)
	}
	for i := range want {
		if !slices.Equal(rows[i], want[i]) {
			t.Errorf("row %d = %q, want %q", i+2, rows[i], want[i])
		}
	}
}

func TestReadCSVShapes(t *testing.T) {
	for name, c := range map[string]struct {
		in     string
		header []string
		rows   [][]string
	}{
		"bom crlf":  {"\uFEFFa,b\r\n1,2\r\n", []string{"a", "b"}, [][]string{{"1", "2"}}},
		"no bom lf": {"a,b\n1,2\n", []string{"a", "b"}, [][]string{{"1", "2"}}},
		"short rows padded, trailing empties dropped": {
			"a,b,c,,\n1\n,,\n2,3,4,,\n,,,\n\n", []string{"a", "b", "c"},
			[][]string{{"1", "", ""}, {"", "", ""}, {"2", "3", "4"}},
		},
		"quoted newline and comma": {"a,b\n\"x,\ny\",\"say \"\"hi\"\"\"\n", []string{"a", "b"}, [][]string{{"x,\ny", `say "hi"`}}},
		"bare quote":               {"size,name\n15.6\" screen,laptop\n", []string{"size", "name"}, [][]string{{`15.6" screen`, "laptop"}}},
		"tabs":                     {"a\tb\n1,5\t2\n", []string{"a", "b"}, [][]string{{"1,5", "2"}}},
		"semicolons":               {"a;b\n1,5;2\n", []string{"a", "b"}, [][]string{{"1,5", "2"}}},
		"apostrophe":               {"a\n'=x\n''y\n'z\n", []string{"a"}, [][]string{{"=x"}, {"'y"}, {"z"}}},
		"header only":              {"a,b\n", []string{"a", "b"}, [][]string{}},
	} {
		t.Run(name, func(t *testing.T) {
			header, rows, err := ReadFile(writeTemp(t, "list.csv", []byte(c.in)))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(header, c.header) {
				t.Errorf("header %q, want %q", header, c.header)
			}
			if len(rows) != len(c.rows) {
				t.Fatalf("rows %q, want %q", rows, c.rows)
			}
			for i := range rows {
				if !slices.Equal(rows[i], c.rows[i]) {
					t.Errorf("row %d = %q, want %q", i+2, rows[i], c.rows[i])
				}
			}
		})
	}
}

func TestReadErrorsSayWhatIsWrong(t *testing.T) {
	gbk := []byte("a,b\n1,\xb4\xbf\xc3\xde\n") // 纯棉 in GBK
	xlsx := func() []byte {
		data, err := os.ReadFile(clientWorkbook(t, map[string]any{"A1": "a"}))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}()
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"list.csv", []byte("a,b\n1,2\n1,2,3\n"), "row 3 has 3 columns, the header has 2"},
		{"list.csv", gbk, "line 2 is not UTF-8"},
		{"list.csv", []byte("\xFF\xFEa\x00"), "UTF-16"},
		{"list.csv", nil, "empty"},
		{"list.csv", []byte("\n\n,,\n"), "empty"},
		{"list.csv", []byte(",,\n1,2\n"), "row 1 should hold the column names"},
		{"list.csv", xlsx, "rename it to .xlsx"},
		{"list.xlsx", []byte("a,b\n1,2\n"), "name it .csv"},
		{"list.xlsx", []byte(cfbMagic + "rest"), "password"},
		{"list.xlsx", []byte(zipMagic + "broken"), "damaged"},
		{"list.xls", []byte("x"), "save it as .xlsx"},
		{"list.txt", []byte("x"), "only .xlsx and .csv"},
	} {
		_, _, err := ReadFile(writeTemp(t, c.name, c.data))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s %q: error %v, want one saying %q", c.name, c.data, err, c.want)
		}
	}
	if _, _, err := ReadFile(filepath.Join(t.TempDir(), "missing.csv")); err == nil {
		t.Error("missing file read")
	}
}

func TestReadRefusesHugeFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	// Sparse: 21 MB without writing 21 MB.
	if err := f.Truncate(21 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if _, _, err := ReadFile(path); err == nil || !strings.Contains(err.Error(), "20 MB") {
		t.Errorf("error %v, want the 20 MB limit", err)
	}
}

func TestReadRefusesTooManyRows(t *testing.T) {
	var b strings.Builder
	b.WriteString("n\n")
	for range maxRows {
		b.WriteString("1\n")
	}
	header, rows, err := ReadFile(writeTemp(t, "ok.csv", []byte(b.String())))
	if err != nil || len(header) != 1 || len(rows) != maxRows {
		t.Fatalf("exactly %d rows: %d rows, %v", maxRows, len(rows), err)
	}
	b.WriteString("1\n")
	big := []byte(b.String())
	_, _, err = ReadFile(writeTemp(t, "big.csv", big))
	if err == nil || !strings.Contains(err.Error(), "more than 100000 rows") {
		t.Errorf("error %v, want the row limit", err)
	}
	// Each layer on its own: the parser stops early (memory), shape
	// guards whatever parser feeds it.
	if _, err := parseCSV(big); err == nil {
		t.Error("parseCSV read past the row limit")
	}
	if _, _, err := shape(make([][]string, maxRows+2)); err != nil && !strings.Contains(err.Error(), "empty") {
		t.Errorf("trailing empty rows counted: %v", err)
	}
	tooMany := slices.Repeat([][]string{{"1"}}, maxRows+2)
	if _, _, err := shape(tooMany); err == nil {
		t.Error("shape accepted too many rows")
	}

	f := excelize.NewFile()
	defer f.Close()
	f.SetCellStr("Sheet1", "A1", "n")
	f.SetCellStr("Sheet1", "A100002", "too far")
	// Empty rows far down, as a sheet formatted to its end has, are fine.
	f.SetCellStr("Sheet1", "A100001", "last")
	f.SetRowHeight("Sheet1", 500000, 20)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if _, err := parseXLSX(buf.Bytes()); err == nil || !strings.Contains(err.Error(), "more than 100000 rows") {
		t.Errorf("parseXLSX: error %v, want the row limit", err)
	}
	f.SetCellStr("Sheet1", "A100002", "")
	buf.Reset()
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	cells, err := parseXLSX(buf.Bytes())
	if err != nil || len(cells) != maxRows+1 {
		t.Errorf("parseXLSX of %d rows then empty ones: %d rows, %v", maxRows+1, len(cells), err)
	}
}

// The size cap holds while reading, not only by Stat: a FIFO has no size.
func TestReadCapsWhatItReads(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pipe.csv")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	go func() {
		w, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer w.Close()
		chunk := bytes.Repeat([]byte("a,b\n"), 1<<16)
		for range 100 { // 25 MB, or until the reader stops
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}()
	if _, _, err := ReadFile(path); err == nil || !strings.Contains(err.Error(), "20 MB") {
		t.Errorf("error %v, want the 20 MB limit", err)
	}
}

func TestReadRefusesTooManyColumns(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetCellStr("Sheet1", "A1", "n")
	f.SetCellStr("Sheet1", "XFD2", "far right")
	path := filepath.Join(t.TempDir(), "wide.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	if _, _, err := ReadFile(path); err == nil || !strings.Contains(err.Error(), "row 2 has more than") {
		t.Errorf("error %v, want the column limit", err)
	}
}
