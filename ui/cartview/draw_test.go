package cartview

import (
	"strconv"
	"strings"
	"testing"

	"caigou/ui/uitest"
)

// many fills the cart with n lines, several suppliers' worth, every SKU
// in stock of the catalogue's published offers.
func many(t testing.TB, s uitest.Session, n int) {
	t.Helper()
	added := 0
	for _, o := range s.Sandbox.Catalogue().Offers {
		if !o.Sellable() || o.Seller == nil {
			continue
		}
		for _, k := range o.SKUs {
			if added == n {
				return
			}
			if k.Stock >= least(o) {
				if err := s.C.Cart.Put(lineOf(o, k, least(o))); err != nil {
					t.Fatal(err)
				}
				added++
			}
		}
	}
	t.Fatalf("only %d lines in stock", added)
}

// fullView is the page drawn from scratch in its present state: what the
// lines kept from earlier frames must add up to.
func fullView(m *Model) string {
	f := *m
	f.rows, f.lineRow, f.groupTop, f.warned, f.offerQty, f.lineDrawn = nil, nil, nil, nil, nil, nil
	f.lines, f.sums, f.groups = nil, nil, nil
	f.sel = selDrawing{}
	f.rebuild()
	f.offset = m.offset
	return f.View()
}

// TestKeptLinesMatchAFullDrawing: the page draws a cart line when it
// comes into view and keeps the drawing until the line, the cursor on it
// or the layout changes. Whatever the agent does, the frame must be the
// one a full drawing gives.
func TestKeptLinesMatchAFullDrawing(t *testing.T) {
	s := uitest.NewSession(t)
	many(t, s, 40)
	m := page(t, s, 120, 16)
	step := func(what string) {
		t.Helper()
		if got, want := m.View(), fullView(m); got != want {
			t.Fatalf("after %s the frame differs from a full drawing:\n%s\n--- want ---\n%s", what, got, want)
		}
	}
	step("opening")
	for i := 0; i < 15; i++ {
		press(t, m, "j")
		step("down")
	}
	press(t, m, "pgdown")
	step("page down")
	press(t, m, "k")
	step("up")
	press(t, m, "G")
	step("last")
	press(t, m, "g")
	step("first")
	press(t, m, "t")
	step("Chinese titles")
	press(t, m, "j")
	step("down in Chinese")
	press(t, m, "t")
	step("English again")
	// Typing a quantity shows in the cursor's line only.
	press(t, m, "1")
	step("typing")
	press(t, m, "2")
	if !strings.Contains(m.View(), "[12▏]") {
		t.Errorf("the typed quantity is not shown:\n%s", m.View())
	}
	step("typing more")
	press(t, m, "backspace")
	step("deleting")
	press(t, m, "esc")
	step("cancelled")
	// A quantity saved: the line and its group change.
	press(t, m, "+")
	step("a quantity step")
	// Another session (or a page above) changes a line out of view.
	last := s.C.Cart.Lines()[39]
	if err := s.C.Cart.Set(last.Key(), last.Quantity*3); err != nil {
		t.Fatal(err)
	}
	m.Update(struct{}{})
	step("a change elsewhere")
	for i, l := range m.lines {
		if l.Key() == last.Key() {
			m.cursor = i
		}
	}
	m.keepCursorInView()
	step("on the changed line")
	if !strings.Contains(m.View(), "  "+strconv.FormatInt(last.Quantity*3, 10)+" ") {
		t.Errorf("the changed quantity %d is not shown:\n%s", last.Quantity*3, m.View())
	}
	press(t, m, "G")
	step("last")
	press(t, m, "d")
	step("removed")
	press(t, m, "u")
	step("put back")
	m.SetSize(90, 12)
	step("narrower")
	m.SetSize(200, 30)
	step("wider")
	press(t, m, "M")
	step("writing a note")
	uitest.Type(t, update(m), "纸箱")
	step("typing a note")
	press(t, m, "enter")
	step("note saved")
}

// TestOnlyLinesInViewAreDrawn: a long cart draws the lines on the screen,
// not the others, and a key press away from the cursor's neighbours
// draws nothing again.
func TestOnlyLinesInViewAreDrawn(t *testing.T) {
	s := uitest.NewSession(t)
	many(t, s, 120)
	m := page(t, s, 120, 20)
	m.View()
	drawn := func() int {
		n := 0
		for _, d := range m.lineDrawn {
			if d != "" {
				n++
			}
		}
		return n
	}
	if n := drawn(); n == 0 || n > m.listHeight() {
		t.Errorf("%d of %d lines drawn for a list of %d rows", n, len(m.lines), m.listHeight())
	}
	before := append([]string(nil), m.lineDrawn...)
	press(t, m, "j")
	m.View()
	for i, d := range before {
		if d != "" && m.lineDrawn[i] != d {
			t.Errorf("line %d was drawn again after a key that did not touch it", i)
		}
	}
	if n := drawn(); n > m.listHeight() {
		t.Errorf("%d lines drawn", n)
	}
}
