package checkout

import (
	"path/filepath"
	"strings"
	"testing"

	"caigou/ui/common"
	"caigou/ui/savefile"
	"caigou/ui/uitest"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/xuri/excelize/v2"
)

// E at checkout exports the cart with each supplier's previewed totals:
// the one refused has empty preview cells, never a zero.
func TestExportTheCartWithThePreview(t *testing.T) {
	e := newEnv(t, 0)
	f := e.twoSuppliers(t)
	e.c.ExportDir = t.TempDir()
	m, _ := e.open(t, 120, 40)
	var sp *savefile.Page
	for _, msg := range press(t, m, "E") {
		if p, ok := msg.(common.PushMsg); ok {
			sp, _ = p.Page.(*savefile.Page)
		}
	}
	if sp == nil {
		t.Fatal("E should ask where the file goes")
	}
	sp.SetSize(120, 20)
	uitest.Exec(t, sp.Init())
	path := filepath.Join(e.c.ExportDir, "cart.xlsx")
	up := func(msg tea.Msg) tea.Cmd { _, cmd := sp.Update(msg); return cmd }
	uitest.Run(t, up, tea.KeyMsg{Type: tea.KeyCtrlU})
	uitest.Run(t, up, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(path)})
	if st := statuses(uitest.Run(t, up, uitest.Key("enter"))); !strings.Contains(st, "Wrote 2 cart lines") {
		t.Fatalf("write: %q", st)
	}
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, _ := x.GetRows("Cart")
	if len(rows) != 3 {
		t.Fatalf("%d rows", len(rows))
	}
	previewed := 0
	for _, r := range rows[1:] {
		for len(r) < 14 {
			r = append(r, "")
		}
		if r[1] == f.okO.ID && r[13] != "" {
			previewed++
		}
		if r[1] == f.refusedO.ID && r[13] != "" {
			t.Fatalf("the refused supplier has a previewed total: %q", r)
		}
	}
	if previewed != 1 {
		t.Fatalf("the previewed supplier's total is missing: %q", rows)
	}
}
