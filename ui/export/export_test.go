package export

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

const (
	orderID = "3301234567890123456" // 19 digits: Excel would show 3.30123E+18
	offerID = "623456789012"        // 12 digits
	evil    = "=cmd|' /C calc'!A0"
)

// placed is 15:40:30 in China, written in UTC so the zone shift is tested.
func placed() time.Time { return time.Date(2026, 5, 20, 7, 40, 30, 0, time.UTC) }

// orders is an order export with every awkward value the package exists
// for. It is a function, not a variable, so no test can change another's
// input.
func orders() Table {
	return Table{
		Sheet: "订单",
		Columns: []Column{
			{"订单号", Identifier},
			{"商品ID", Identifier},
			{"标题", Text},
			{"金额", Money},
			{"数量", Int},
			{"下单时间", Time},
		},
		Rows: [][]Value{
			{ID(orderID), ID(offerID), T("纯棉T恤 女 夏季\x1b[31m新款"), Fen(123456), N(3), At(placed())},
			{ID("3301234567890123457"), ID("623456789013"), T(evil), Fen(-5), N(-1), Empty()},
			{ID("3301234567890123458"), Empty(), T("  plain\ttitle "), Fen(0), N(0), At(time.Time{})},
		},
	}
}

// want is what a client sees in each cell of orders(), in either format.
func wantCells() (header []string, rows [][]string) {
	return []string{"订单号", "商品ID", "标题", "金额", "数量", "下单时间"},
		[][]string{
			{orderID, offerID, "纯棉T恤 女 夏季新款", "1234.56", "3", "2026-05-20 15:40"},
			{"3301234567890123457", "623456789013", evil, "-0.05", "-1", ""},
			{"3301234567890123458", "", "plain title", "0.00", "0", ""},
		}
}

func openXLSX(t *testing.T, tb Table) (*excelize.File, string) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, tb); err != nil {
		t.Fatalf("WriteXLSX: %v", err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("excelize cannot open our file: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f, f.GetSheetList()[0]
}

// numFmt is a cell's number format as a code, resolving the built-ins
// this package uses.
func numFmt(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt != nil {
		return *st.CustomNumFmt
	}
	switch st.NumFmt {
	case 0:
		return "General"
	case 1:
		return "0"
	case 2:
		return "0.00"
	case 49:
		return "@"
	}
	return "builtin " + strconv.Itoa(st.NumFmt)
}

func TestXLSXIDsStayText(t *testing.T) {
	f, sheet := openXLSX(t, orders())
	for _, c := range []struct{ cell, want string }{
		{"A2", orderID}, {"B2", offerID}, {"A3", "3301234567890123457"}, {"A4", "3301234567890123458"},
	} {
		typ, err := f.GetCellType(sheet, c.cell)
		if err != nil {
			t.Fatal(err)
		}
		if typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
			t.Errorf("%s: cell type %v, want a string", c.cell, typ)
		}
		raw, _ := f.GetCellValue(sheet, c.cell, excelize.Options{RawCellValue: true})
		shown, _ := f.GetCellValue(sheet, c.cell)
		if raw != c.want || shown != c.want {
			t.Errorf("%s: raw %q shown %q, want %q", c.cell, raw, shown, c.want)
		}
		if got := numFmt(t, f, sheet, c.cell); got != "@" {
			t.Errorf("%s: number format %q, want @ (text)", c.cell, got)
		}
	}
}

func TestXLSXMoneyIsExactNumber(t *testing.T) {
	f, sheet := openXLSX(t, orders())
	for _, c := range []struct {
		cell, raw string
		value     float64
	}{
		{"D2", "1234.56", 1234.56}, {"D3", "-0.05", -0.05}, {"D4", "0.00", 0},
	} {
		typ, _ := f.GetCellType(sheet, c.cell)
		if typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
			t.Errorf("%s: cell type %v, want a number", c.cell, typ)
		}
		raw, _ := f.GetCellValue(sheet, c.cell, excelize.Options{RawCellValue: true})
		if raw != c.raw {
			t.Errorf("%s: stored %q, want the exact decimal %q", c.cell, raw, c.raw)
		}
		if v, err := strconv.ParseFloat(raw, 64); err != nil || v != c.value {
			t.Errorf("%s: value %v (%v), want %v", c.cell, v, err, c.value)
		}
		if got := numFmt(t, f, sheet, c.cell); got != "0.00" {
			t.Errorf("%s: number format %q, want 0.00", c.cell, got)
		}
	}
	if shown, _ := f.GetCellValue(sheet, "D4"); shown != "0.00" {
		t.Errorf("zero shows as %q, want 0.00", shown)
	}
}

func TestXLSXFormulaTextIsNotAFormula(t *testing.T) {
	f, sheet := openXLSX(t, orders())
	formula, err := f.GetCellFormula(sheet, "C3")
	if err != nil || formula != "" {
		t.Errorf("C3 formula %q (%v), want none", formula, err)
	}
	if v, _ := f.GetCellValue(sheet, "C3"); v != evil {
		t.Errorf("C3 = %q, want the text %q unchanged (no apostrophe in XLSX)", v, evil)
	}
	typ, _ := f.GetCellType(sheet, "C3")
	if typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
		t.Errorf("C3 type %v, want a string", typ)
	}
	if got := numFmt(t, f, sheet, "C3"); got != "@" {
		t.Errorf("C3 number format %q, want @ so an edit keeps it text", got)
	}
}

func TestXLSXTextIsSanitised(t *testing.T) {
	f, sheet := openXLSX(t, orders())
	if v, _ := f.GetCellValue(sheet, "C2"); v != "纯棉T恤 女 夏季新款" {
		t.Errorf("C2 = %q, escape sequence not removed", v)
	}
	if v, _ := f.GetCellValue(sheet, "C4"); v != "plain title" {
		t.Errorf("C4 = %q", v)
	}
}

func TestXLSXTimeIsChinaDate(t *testing.T) {
	f, sheet := openXLSX(t, orders())
	if got := numFmt(t, f, sheet, "F2"); got != timeNumFmt {
		t.Errorf("F2 number format %q, want %q", got, timeNumFmt)
	}
	typ, _ := f.GetCellType(sheet, "F2")
	if typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("F2 type %v, want a date serial number", typ)
	}
	raw, _ := f.GetCellValue(sheet, "F2", excelize.Options{RawCellValue: true})
	serial, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		t.Fatalf("F2 raw %q: %v", raw, err)
	}
	got, err := excelize.ExcelDateToTime(serial, false)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 5, 20, 15, 40, 30, 0, time.UTC); got.Sub(want).Abs() > time.Millisecond {
		t.Errorf("F2 is %v, want China wall clock %v", got, want)
	}
	if v, _ := f.GetCellValue(sheet, "F2"); v != "2026-05-20 15:40" {
		t.Errorf("F2 shows %q", v)
	}
	for _, cell := range []string{"F3", "F4"} {
		if v, _ := f.GetCellValue(sheet, cell); v != "" {
			t.Errorf("%s = %q, want empty", cell, v)
		}
	}
}

func TestXLSXLayout(t *testing.T) {
	f, sheet := openXLSX(t, orders())
	if sheet != "订单" {
		t.Errorf("sheet %q", sheet)
	}
	id, _ := f.GetCellStyle(sheet, "A1")
	st, _ := f.GetStyle(id)
	if st == nil || st.Font == nil || !st.Font.Bold {
		t.Errorf("header A1 is not bold: %+v", st)
	}
	p, err := f.GetPanes(sheet)
	if err != nil || !p.Freeze || p.YSplit != 1 || p.XSplit != 0 {
		t.Errorf("panes %+v (%v), want the first row frozen", p, err)
	}
	if v, _ := f.GetCellValue(sheet, "E1"); v != "数量" {
		t.Errorf("E1 = %q", v)
	}
	wID, _ := f.GetColWidth(sheet, "A")
	wTitle, _ := f.GetColWidth(sheet, "C")
	wQty, _ := f.GetColWidth(sheet, "E")
	if wID < 19 || wID > maxColWidth {
		t.Errorf("id column width %v, want room for 19 digits", wID)
	}
	// "纯棉T恤 女 夏季新款" is 19 cells wide, not 12 characters.
	if wTitle < 19 {
		t.Errorf("title column width %v, CJK not counted double", wTitle)
	}
	if wQty > 10 {
		t.Errorf("quantity column width %v, want narrow", wQty)
	}
	long := orders()
	long.Rows[0][2] = T(strings.Repeat("长", 500))
	f2, sheet2 := openXLSX(t, long)
	if w, _ := f2.GetColWidth(sheet2, "C"); w != maxColWidth {
		t.Errorf("long title width %v, want the cap %v", w, maxColWidth)
	}
}

func TestXLSXTooBigForExcelBecomesText(t *testing.T) {
	tb := Table{Columns: []Column{{"a", Money}, {"b", Int}, {"c", Time}}, Rows: [][]Value{
		{Fen(1_000_000_000_000_000), N(-1_000_000_000_000_000), At(time.Date(1899, 1, 1, 0, 0, 0, 0, time.UTC))},
	}}
	f, sheet := openXLSX(t, tb)
	for cell, want := range map[string]string{"A2": "10000000000000.00", "B2": "-1000000000000000", "C2": "1899-01-01 08:00"} {
		typ, _ := f.GetCellType(sheet, cell)
		v, _ := f.GetCellValue(sheet, cell)
		if typ != excelize.CellTypeSharedString || v != want {
			t.Errorf("%s: type %v value %q, want text %q", cell, typ, v, want)
		}
	}
	if sheet != "Sheet1" {
		t.Errorf("default sheet name %q", sheet)
	}
}

func TestCSVBytes(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, orders()); err != nil {
		t.Fatal(err)
	}
	want := "\uFEFF" +
		"订单号,商品ID,标题,金额,数量,下单时间\r\n" +
		orderID + "," + offerID + ",纯棉T恤 女 夏季新款,1234.56,3,2026-05-20 15:40\r\n" +
		"3301234567890123457,623456789013,'=cmd|' /C calc'!A0,-0.05,-1,\r\n" +
		"3301234567890123458,,plain title,0.00,0,\r\n"
	if got := buf.String(); got != want {
		t.Errorf("CSV:\n got %q\nwant %q", got, want)
	}
}

func TestCSVNeutralisesEveryTrigger(t *testing.T) {
	for _, s := range []string{"=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "'quoted", "''x"} {
		got := csvText(s)
		clean := cleanText(s)
		if got != "'"+clean {
			t.Errorf("csvText(%q) = %q, want an apostrophe before %q", s, got, clean)
		}
		if csvUnquote(got) != clean {
			t.Errorf("csvUnquote(%q) = %q, want %q", got, csvUnquote(got), clean)
		}
	}
	for _, s := range []string{"", "abc", "1", "纯棉", " =spaced"} {
		if got, clean := csvText(s), cleanText(s); formulaStart(got) {
			// " =spaced" is trimmed by sanitize, so it is neutralised too.
			if got != "'"+clean {
				t.Errorf("csvText(%q) = %q", s, got)
			}
		} else if got != clean {
			t.Errorf("csvText(%q) = %q, want %q", s, got, clean)
		}
	}
}

func TestMoneyExact(t *testing.T) {
	for _, c := range []struct {
		fen  int64
		want string
	}{
		{0, "0.00"}, {1, "0.01"}, {-1, "-0.01"}, {-5, "-0.05"}, {10, "0.10"}, {-100, "-1.00"},
		{123456, "1234.56"}, {999_999_999_999_999, "9999999999999.99"},
		{-9223372036854775808, "-92233720368547758.08"}, {9223372036854775807, "92233720368547758.07"},
	} {
		if got := Fen(c.fen).display(); got != c.want {
			t.Errorf("Fen(%d) = %q, want %q", c.fen, got, c.want)
		}
	}
}

func TestTableCheck(t *testing.T) {
	cases := map[string]Table{
		"no columns": {},
		"short row":  {Columns: []Column{{"a", Text}, {"b", Text}}, Rows: [][]Value{{T("x")}}},
		"wrong kind": {Columns: []Column{{"id", Identifier}}, Rows: [][]Value{{Fen(1)}}},
		"bad kind":   {Columns: []Column{{"x", Kind(9)}}},
	}
	for name, tb := range cases {
		if err := WriteCSV(&bytes.Buffer{}, tb); err == nil {
			t.Errorf("%s: WriteCSV accepted it", name)
		}
		if err := WriteXLSX(&bytes.Buffer{}, tb); err == nil {
			t.Errorf("%s: WriteXLSX accepted it", name)
		}
	}
	ok := Table{Columns: []Column{{"a", Money}}, Rows: [][]Value{{Empty()}, {Value{}}}}
	if err := ok.check(); err != nil {
		t.Errorf("empty values rejected: %v", err)
	}
}

func TestSheetName(t *testing.T) {
	for in, want := range map[string]string{
		"":                      "Sheet1",
		"订单":                    "订单",
		"a/b:c*d?e[f]g\\h":      "a_b_c_d_e_f_g_h",
		"'quoted'":              "quoted",
		"history":               "history_",
		strings.Repeat("长", 40): strings.Repeat("长", 31),
		"x\x1b]0;t\x07y":        "xy",
	} {
		if got := sheetName(in); got != want {
			t.Errorf("sheetName(%q) = %q, want %q", in, got, want)
		}
	}
}
