package export

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"caigou/ui/sanitize"
)

// Excel's built-in number formats used here (ECMA-376 18.8.30). Built-ins
// need no custom format entry, so every Excel locale renders them.
const (
	numFmtInt   = 1  // "0": integers never switch to 1.2E+10
	numFmtMoney = 2  // "0.00"
	numFmtText  = 49 // "@"
)

// timeNumFmt is the date-time format of Time cells: the same text the CSV
// holds, so both files read alike.
const timeNumFmt = "yyyy-mm-dd hh:mm"

// maxExactNumber is the largest integer whose every digit survives in an
// Excel cell: numbers are doubles, and Excel keeps 15 significant digits of
// them. A number with more is written as text instead of silently losing
// its last digits. For Money the limit is on fen, so amounts up to about
// ten trillion yuan stay numbers.
const maxExactNumber = 999_999_999_999_999

// Column widths in Excel's units (about one Latin character). The cap keeps
// a 200-character title from pushing every other column off screen.
const (
	minColWidth = 6
	maxColWidth = 60
)

// styles are the cell styles of one workbook, by purpose.
type styles struct {
	header, text, money, integer, time int
}

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	var err error
	// The header is text too: "@" keeps a heading like "-运费" from being
	// re-read as a formula when the client edits it.
	if s.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, NumFmt: numFmtText}); err != nil {
		return s, err
	}
	// "@" on text cells is more than looks: a cell formatted as Text stays
	// text when the client presses F2 and Enter on it, so "=cmd|..." does
	// not turn into a formula on its first edit either.
	if s.text, err = f.NewStyle(&excelize.Style{NumFmt: numFmtText}); err != nil {
		return s, err
	}
	if s.money, err = f.NewStyle(&excelize.Style{NumFmt: numFmtMoney}); err != nil {
		return s, err
	}
	if s.integer, err = f.NewStyle(&excelize.Style{NumFmt: numFmtInt}); err != nil {
		return s, err
	}
	fmtTime := timeNumFmt
	if s.time, err = f.NewStyle(&excelize.Style{CustomNumFmt: &fmtTime}); err != nil {
		return s, err
	}
	return s, nil
}

func (s styles) of(k Kind) int {
	switch k {
	case Money:
		return s.money
	case Int:
		return s.integer
	case Time:
		return s.time
	}
	return s.text
}

// WriteXLSX writes t as an Excel workbook of one sheet: bold header frozen
// on top, columns as wide as their content, ids as text, money as numbers
// to the cent, times as real dates in China time.
func WriteXLSX(w io.Writer, t Table) error {
	if err := t.check(); err != nil {
		return err
	}
	if len(t.Rows)+1 > excelize.TotalRows || len(t.Columns) > excelize.MaxColumns {
		return fmt.Errorf("export: an Excel sheet holds at most %d rows and %d columns; this table has %d rows and %d columns",
			excelize.TotalRows-1, excelize.MaxColumns, len(t.Rows), len(t.Columns))
	}
	f := excelize.NewFile()
	defer f.Close()
	sheet := sheetName(t.Sheet)
	if err := f.SetSheetName(f.GetSheetName(0), sheet); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	widths := make([]int, len(t.Columns))
	for j, c := range t.Columns {
		col, err := excelize.ColumnNumberToName(j + 1)
		if err != nil {
			return err
		}
		// Set before any cell: a column style is what a cell the client
		// types later gets, so a pasted id in an id column stays text.
		if err := f.SetColStyle(sheet, col, st.of(c.Kind)); err != nil {
			return err
		}
		name := cleanText(c.Name)
		if err := f.SetCellStr(sheet, col+"1", xlsxEscape(name)); err != nil {
			return err
		}
		// Bold is wider than regular; one extra unit pays for it.
		widths[j] = sanitize.Width(name) + 1
	}
	if err := f.SetCellStyle(sheet, "A1", cellName(len(t.Columns), 1), st.header); err != nil {
		return err
	}
	for i, row := range t.Rows {
		for j, v := range row {
			cell := cellName(j+1, i+2)
			asText, err := setCell(f, sheet, cell, v)
			if err != nil {
				return err
			}
			style := st.of(t.Columns[j].Kind)
			if asText {
				style = st.text
			}
			if err := f.SetCellStyle(sheet, cell, cell, style); err != nil {
				return err
			}
			widths[j] = max(widths[j], sanitize.Width(v.display()))
		}
	}
	for j, wd := range widths {
		col, _ := excelize.ColumnNumberToName(j + 1)
		if err := f.SetColWidth(sheet, col, col, float64(min(max(wd+2, minColWidth), maxColWidth))); err != nil {
			return err
		}
	}
	// Freeze the header so it stays in view over a long order list.
	if err := f.SetPanes(sheet, &excelize.Panes{
		Freeze:      true,
		YSplit:      1,
		TopLeftCell: "A2",
		ActivePane:  "bottomLeft",
	}); err != nil {
		return err
	}
	return f.Write(w)
}

// setCell stores v in cell. It reports asText when a number or time had to
// be stored as text because Excel cannot hold it (more than 15 digits, a
// date before 1900), so the caller gives the cell the text style.
func setCell(f *excelize.File, sheet, cell string, v Value) (asText bool, err error) {
	if !v.set {
		return false, nil
	}
	switch v.kind {
	case Text, Identifier:
		// SetCellStr makes a string cell whatever the text: "=cmd" stays
		// the four characters it is and is never stored as a formula.
		// (Excel's cell limit is 32,767 characters; excelize cuts longer
		// text there, which no title or note comes near.)
		return false, f.SetCellStr(sheet, cell, xlsxEscape(cleanText(v.s)))
	case Money, Int:
		s := v.display()
		if v.n < -maxExactNumber || v.n > maxExactNumber {
			return true, f.SetCellStr(sheet, cell, s)
		}
		// The cell's <v> is the exact decimal built from the integer
		// ("1234.56"), never a float64 formatted back: SetCellDefault
		// stores a numeric string as a number cell verbatim. Excel parses
		// it into its double only when it opens the file, and any decimal
		// of at most 15 significant digits comes back from a double the
		// same, so the client sees the amount to the cent.
		return false, f.SetCellDefault(sheet, cell, s)
	case Time:
		serial, ok := excelSerial(chinaTime(v.t))
		if !ok {
			return true, f.SetCellStr(sheet, cell, v.display())
		}
		return false, f.SetCellDefault(sheet, cell, serial)
	}
	return false, nil
}

// excelEpochUnix is 1899-12-30 00:00 UTC, day 0 of Excel's 1900 date
// system for every date from 1900-03-01 on (Excel counts a 29 February 1900
// that never was, so the epoch is not 1899-12-31).
const excelEpochUnix = -2209161600

// excelSerial is the Excel date-time serial of t's wall clock: Excel dates
// have no zone, so the China-time clock reading is what gets stored. It is
// computed here, in whole seconds, rather than by excelize's time setter,
// which applies its own default style and zone shift. ok is false for
// dates Excel cannot show.
func excelSerial(t time.Time) (string, bool) {
	if t.Before(time.Date(1900, 3, 1, 0, 0, 0, 0, t.Location())) || t.Year() > 9999 {
		return "", false
	}
	wall := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
	secs := wall.Unix() - excelEpochUnix
	days, rem := secs/86400, secs%86400
	if rem == 0 {
		return strconv.FormatInt(days, 10), true
	}
	return strconv.FormatFloat(float64(days)+float64(rem)/86400, 'f', -1, 64), true
}

// xlsxEscape protects text that looks like an XLSX character escape. The
// format spells characters XML cannot hold as _xHHHH_, and Excel decodes
// any such run in a string cell, so a title holding "_x0041_" would show
// as "A"; excelize does not escape it. The standard's escape for a literal
// run is to escape its underscore as _x005F_.
func xlsxEscape(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if isCharEscape(s[i:]) {
			b.WriteString("_x005F")
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// isCharEscape reports whether s starts with _xHHHH_.
func isCharEscape(s string) bool {
	if len(s) < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range []byte(s[2:6]) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// cellName is the A1 name of a cell; col and row are 1-based and in range.
func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// sheetName makes a tab name Excel accepts: a caller may build it from a
// shop or client name, and Excel refuses a workbook whose sheet name is
// longer than 31 characters, holds []:*?/\, starts or ends with an
// apostrophe, or is "History".
func sheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '_'
		}
		return r
	}, cleanText(s))
	s = strings.Trim(s, "' ")
	var b strings.Builder
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r) // Excel counts UTF-16 units
		if n > 31 {
			break
		}
		b.WriteRune(r)
	}
	s = strings.Trim(b.String(), "' ")
	switch {
	case s == "":
		return "Sheet1"
	case strings.EqualFold(s, "History"):
		return s + "_"
	}
	return s
}
