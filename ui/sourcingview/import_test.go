package sourcingview

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"caigou/ui/uitest"
)

func TestImportAClientListKeysOnly(t *testing.T) {
	s := uitest.NewSession(t)
	st := s.WithLists(t)
	dir := t.TempDir()
	s.C.ExportDir = dir
	path := filepath.Join(dir, "Client A list.xlsx")
	uitest.WriteSheet(t, path, uitest.ClientList(t, s.Sandbox))

	lists := NewLists(s.C)
	open(t, lists, 100, 30)
	p, ok := pushed(press(t, lists, "I")).(*Import)
	if !ok {
		t.Fatal("I should open the import")
	}
	open(t, p, 100, 30)
	if !p.CapturesInput() || !strings.Contains(p.View(), dir) {
		t.Fatalf("the import should ask for the file in the start folder:\n%s", p.View())
	}
	p.prompt.in.SetValue("")
	typeText(t, p, path)
	uitest.Run(t, update(p), uitest.Key("enter"))
	if p.step != stepReport {
		t.Fatalf("step %d after the check:\n%s", p.step, p.View())
	}
	v := p.View()
	for _, want := range []string{"20 rows:", "3 invalid", "does not exist", "names 5 SKUs", "not a number", "Client A list"} {
		if !strings.Contains(flatten(v), want) {
			t.Errorf("the report does not say %q:\n%s", want, v)
		}
	}
	if ls, _ := st.Lists(context.Background(), false); len(ls) != 0 {
		t.Fatal("something was kept before the report was confirmed")
	}
	msgs := press(t, p, "y")
	if !strings.Contains(statusOf(msgs), "Imported «Client A list»: 17 items; 3 rows left out") {
		t.Fatalf("confirm: %q", statusOf(msgs))
	}
	ls, _ := st.Lists(context.Background(), false)
	if len(ls) != 1 || ls[0].Items != 17 {
		t.Fatalf("lists %+v", ls)
	}
	items, _ := st.Items(context.Background(), ls[0].ID)
	if items[0].Target != 1000 || len(items[0].Candidates) != 1 || items[0].Candidates[0].SpecID == "" || !strings.HasPrefix(items[0].Note, "唛头 A-") {
		t.Fatalf("item %+v", items[0])
	}
	p.SetSize(80, 24)
	fits(t, p, 80, 24, "report")
}

// Unknown headings ask which column is which; esc at the report keeps
// nothing.
func TestImportMapsUnknownHeadingsAndCancels(t *testing.T) {
	s := uitest.NewSession(t)
	st := s.WithLists(t)
	dir := t.TempDir()
	list := uitest.ClientList(t, s.Sandbox)
	list[0] = []string{"Col A", "Col B", "Col C", "Col D"}
	path := filepath.Join(dir, "x.csv")
	uitest.WriteSheet(t, path, list[:5])
	p := NewImport(s.C)
	open(t, p, 100, 30)
	p.prompt.in.SetValue("")
	typeText(t, p, path)
	press(t, p, "enter")
	if p.step != stepMapping || !strings.Contains(p.View(), "link or offer id") {
		t.Fatalf("unknown headings should ask:\n%s", p.View())
	}
	// link = Col A, quantity = Col C, SKU = Col B, note = Col D, name = none.
	press(t, p, "enter") // "none" is refused for a required field
	if p.step != stepMapping || p.field != 0 {
		t.Fatal("none was accepted for the link")
	}
	press(t, p, "down")
	press(t, p, "enter")
	press(t, p, "down")
	press(t, p, "down")
	press(t, p, "down")
	press(t, p, "enter")
	press(t, p, "down")
	press(t, p, "down")
	press(t, p, "enter")
	for range 4 {
		press(t, p, "down")
	}
	press(t, p, "enter")
	uitest.Run(t, update(p), uitest.Key("enter"))
	if p.step != stepReport || !strings.Contains(p.View(), "4 rows: 4 valid") {
		t.Fatalf("after mapping:\n%s", p.View())
	}
	press(t, p, "esc")
	if ls, _ := st.Lists(context.Background(), false); len(ls) != 0 {
		t.Fatal("esc at the report kept a list")
	}
}

func flatten(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestImportSaysAMissingFile(t *testing.T) {
	s := uitest.NewSession(t)
	s.WithLists(t)
	p := NewImport(s.C)
	open(t, p, 80, 24)
	p.prompt.in.SetValue("")
	typeText(t, p, "/no/such/client.xlsx")
	press(t, p, "enter")
	if v := flatten(p.View()); !strings.Contains(v, "There is no file /no/such/client.xlsx") || !p.CapturesInput() {
		t.Fatalf("a missing file:\n%s", p.View())
	}
	fits(t, p, 80, 24, "import with an error")
}
