package detail

import (
	"fmt"
	"strings"
	"testing"

	"caigou/ui/sanitize"
)

// afresh is the page as it would be drawn with nothing kept: a copy of
// the model whose parts are all drawn again. m itself is not touched.
func afresh(m *Model) string {
	c := *m
	c.drawn = drawing{}
	c.refresh()
	return c.View()
}

// TestKeptPartsFollowTheModel changes everything the kept parts are drawn
// from (quantity, price tier, SKU, focus, width, height, language,
// scroll, a reload) and checks after each change that the page shows the
// new state, and shows exactly what a page drawn from nothing shows.
func TestKeptPartsFollowTheModel(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			e := newEnv(t)
			o := flowOffer(t, e.sb)
			m, _ := e.open(t, o, size[0], size[1])
			same := func(after string) {
				t.Helper()
				if got, want := m.View(), afresh(m); got != want {
					t.Fatalf("after %s the page shows\n%s\n\nbut drawn afresh it is\n%s", after, got, want)
				}
			}
			shows := func(after, want string) {
				t.Helper()
				same(after)
				if v := m.View(); !strings.Contains(v, want) {
					t.Fatalf("after %s the page does not show %q:\n%s", after, want, v)
				}
			}
			same("opening")
			// A frame in between, so each change meets parts already kept.
			q := m.qty
			press(t, m, "+")
			shows("+", fmt.Sprintf("Quantity: %d ", q+lot(o)))
			press(t, m, "-")
			shows("-", fmt.Sprintf("Quantity: %d ", q))

			// Another SKU: the axis line, the chosen line and the cursor of
			// the SKU list move.
			before := m.sku
			press(t, m, "tab")
			same("tab to the second axis")
			press(t, m, "l")
			if m.sku == before {
				t.Fatal("l did not choose another SKU")
			}
			shows("l", "Chosen: "+m.chosen().label+" ")
			// The SKU list may be below the fold.
			if order := strings.Join(m.panes[paneOrder].lines, "\n"); !strings.Contains(order, "▶ "+m.chosen().label) {
				t.Fatalf("after l the SKU list does not mark %q:\n%s", m.chosen().label, order)
			}

			// A quantity in the second tier moves the tier table's marker
			// and the SKU list's prices.
			tier := m.price().Tier
			big := (o.Tiers[1].Start + lot(o) - 1) / lot(o) * lot(o)
			typeQty(t, m, itoa(big))
			if m.qty != big || m.price().Tier == tier {
				t.Fatalf("typing %d left quantity %d in tier %d", big, m.qty, m.price().Tier)
			}
			shows("typing a quantity", fmt.Sprintf("Quantity: %d ", big))

			// Wider and taller: every line is drawn for the new width.
			w, h := size[0]+40, size[1]+6
			m.SetSize(w, h)
			same("a resize")
			lines := strings.Split(m.View(), "\n")
			if len(lines) != h {
				t.Errorf("%d lines at height %d", len(lines), h)
			}
			for i, l := range lines {
				if sanitize.Width(l) > w {
					t.Errorf("line %d is wider than %d: %q", i, w, l)
				}
			}
			m.SetSize(w, size[1])
			same("a change of height alone")
			m.SetSize(size[0], size[1])
			shows("the resize back", fmt.Sprintf("Quantity: %d ", big))

			for _, k := range []string{"t", "tab", "tab", "j", "G", "shift+tab", "shift+tab", "shift+tab", "+", "r"} {
				press(t, m, k)
				same(k)
			}
		})
	}
}
