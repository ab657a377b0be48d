package sourcingview

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"caigou/ui/savefile"
	"caigou/ui/sourcing"
	"caigou/ui/uitest"
	"caigou/xport/sandbox"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/xuri/excelize/v2"
)

// E on a list exports every candidate priced as the comparison prices
// it; read back, the offer ids are text and the landed costs numbers.
func TestExportAListWithItsComparison(t *testing.T) {
	s := uitest.NewSession(t)
	st := s.WithLists(t)
	s.C.ExportDir = t.TempDir()
	ctx := context.Background()
	offers := findOffers(t, s.Sandbox, 3, func(o *sandbox.Offer) bool { return stocked(o, 600) })
	lid, _ := st.CreateList(ctx, "Client/A")
	i1, _ := st.AddItem(ctx, lid, "dress", 500, "唛头 A1")
	st.AddItem(ctx, lid, "to find", 100, "")
	for _, o := range offers {
		st.AddCandidate(ctx, i1, sourcing.Candidate{OfferID: o.ID, Info: sourcing.Info{Title: o.Subject}})
	}
	ls, _ := st.Lists(ctx, false)
	p := NewItems(s.C, ls[0])
	open(t, p, 100, 30)
	sp, ok := pushed(press(t, p, "E")).(*savefile.Page)
	if !ok {
		t.Fatalf("E should gather the figures, then ask where the file goes:\n%s", p.View())
	}
	open(t, sp, 100, 20)
	if !strings.Contains(sp.View(), "Client-A-") {
		t.Fatalf("the default name should be the list's, made safe:\n%s", sp.View())
	}
	path := filepath.Join(s.C.ExportDir, "a.xlsx")
	uitest.Run(t, update(sp), tea.KeyMsg{Type: tea.KeyCtrlU})
	typeText(t, sp, path)
	if st := statusOf(press(t, sp, "enter")); !strings.Contains(st, "Wrote the list «Client/A»") {
		t.Fatalf("write: %q", st)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(f.GetSheetName(0))
	if len(rows) != 1+3+1 {
		t.Fatalf("%d rows: want the heading, 3 candidates and the item with none", len(rows))
	}
	stars := 0
	for r := 2; r <= 4; r++ {
		id, _ := excelize.CoordinatesToCellName(6, r)
		if typ, _ := f.GetCellType(f.GetSheetName(0), id); typ == excelize.CellTypeNumber {
			t.Fatalf("offer id %s is a number", id)
		}
		landed, _ := excelize.CoordinatesToCellName(17, r)
		if v, _ := f.GetCellValue(f.GetSheetName(0), landed); v == "" {
			t.Fatalf("row %d has no landed cost", r)
		}
		star, _ := excelize.CoordinatesToCellName(5, r)
		if v, _ := f.GetCellValue(f.GetSheetName(0), star); v == "yes" {
			stars++
		}
	}
	if stars != 1 {
		t.Fatalf("%d rows marked cheapest", stars)
	}
}
