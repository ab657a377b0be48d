package orders

import (
	"path/filepath"
	"strings"
	"testing"

	"caigou/ui/savefile"
	"caigou/ui/uitest"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/xuri/excelize/v2"
)

// E on the orders exports them to XLSX; read back with excelize, the
// 19-digit order ids are text and whole, and the amounts are numbers.
func TestExportOrdersToXLSX(t *testing.T) {
	e := newEnv(t)
	ids := e.place(t, 3)
	e.c.ExportDir = t.TempDir()
	m, _ := e.open(t, 120, 40)
	p, ok := pushesIn(press(t, m, "E"))[0].(*savefile.Page)
	if !ok {
		t.Fatal("E should ask where the export goes")
	}
	p.SetSize(120, 20)
	uitest.Exec(t, p.Init())
	if !strings.Contains(p.View(), filepath.Join(e.c.ExportDir, "orders-")) {
		t.Fatalf("the default path should be in the folder the desk started in:\n%s", p.View())
	}
	path := filepath.Join(e.c.ExportDir, "client-report.xlsx")
	uitest.Run(t, updater(p), tea.KeyMsg{Type: tea.KeyCtrlU})
	uitest.Run(t, updater(p), tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(path)})
	msgs := uitest.Run(t, updater(p), uitest.Key("enter"))
	if !anyContains(statusesIn(msgs), "Wrote 3 orders to "+path) {
		t.Fatalf("enter: %v\n%s", statusesIn(msgs), p.View())
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Orders")
	if err != nil || len(rows) != 4 {
		t.Fatalf("rows %d, %v", len(rows), err)
	}
	got := map[string]bool{}
	for r := 2; r <= 4; r++ {
		cell, _ := excelize.CoordinatesToCellName(1, r)
		v, _ := f.GetCellValue("Orders", cell)
		typ, _ := f.GetCellType("Orders", cell)
		if typ == excelize.CellTypeNumber || len(v) < 16 || strings.ContainsAny(v, "E+.") {
			t.Fatalf("order id cell %s = %q (%v): not kept as text", cell, v, typ)
		}
		got[v] = true
		total, _ := excelize.CoordinatesToCellName(15, r)
		tv, _ := f.GetCellValue("Orders", total)
		if typ, _ := f.GetCellType("Orders", total); (typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset) || tv == "" || strings.Count(tv, ".") != 1 {
			t.Fatalf("order total %s = %q is %v, not a number with two decimals", total, tv, typ)
		}
	}
	for _, id := range ids {
		if !got[id] {
			t.Errorf("order %s is not in the file (%v)", id, got)
		}
	}
}

// The save page: a wrong ending is said, a missing folder is said, a file
// already there is replaced only on a second enter.
func TestSaveFilePage(t *testing.T) {
	e := newEnv(t)
	e.place(t, 1)
	dir := t.TempDir()
	e.c.ExportDir = dir
	m, _ := e.open(t, 120, 40)
	p := pushesIn(press(t, m, "E"))[0].(*savefile.Page)
	p.SetSize(100, 20)
	uitest.Exec(t, p.Init())
	set := func(s string) {
		uitest.Run(t, updater(p), tea.KeyMsg{Type: tea.KeyCtrlU})
		uitest.Run(t, updater(p), tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)})
	}
	set(filepath.Join(dir, "report.pdf"))
	uitest.Run(t, updater(p), uitest.Key("enter"))
	if !strings.Contains(p.View(), "End the name in .xlsx") {
		t.Fatalf("a .pdf:\n%s", p.View())
	}
	set(filepath.Join(dir, "no-such-folder", "r.csv"))
	uitest.Run(t, updater(p), uitest.Key("enter"))
	if !strings.Contains(p.View(), "Not written") {
		t.Fatalf("a missing folder:\n%s", p.View())
	}
	path := filepath.Join(dir, "r.csv")
	set(path)
	if !anyContains(statusesIn(uitest.Run(t, updater(p), uitest.Key("enter"))), "Wrote 1 order") {
		t.Fatal("first write")
	}
	p2 := pushesIn(press(t, m, "E"))[0].(*savefile.Page)
	p2.SetSize(100, 20)
	uitest.Exec(t, p2.Init())
	p = p2
	set(path)
	if st := statusesIn(uitest.Run(t, updater(p), uitest.Key("enter"))); len(st) != 0 || !strings.Contains(p.View(), "enter again replaces it") {
		t.Fatalf("a file already there: %v\n%s", st, p.View())
	}
	if !anyContains(statusesIn(uitest.Run(t, updater(p), uitest.Key("enter"))), "Wrote 1 order") {
		t.Fatal("the second enter should replace it")
	}
}
