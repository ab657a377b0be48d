package checkout

import (
	"strings"
	"testing"
	"time"

	"caigou/ui/uitest"
)

// afresh is the page drawn from the state alone, every group again, as
// it was drawn before blocks were kept; it touches no kept block.
func afresh(m *Model) string {
	w := m.laidW
	var body []string
	for i, g := range m.groups {
		if i > 0 {
			body = append(body, "")
		}
		lines := m.groupLines(g, w)
		lines[0] = m.groupHead(g, w, i == m.sel)
		body = append(body, lines...)
	}
	return strings.Join(m.headerLines(w), "\n") + "\n" + strings.Join(body, "\n") + "\n" + strings.Join(m.footerLines(w), "\n")
}

// sameAsAfresh fails when the kept drawing is not what drawing the page
// again from its state gives, or a group's first line is not where the
// body says it is.
func sameAsAfresh(t *testing.T, m *Model, step string) {
	t.Helper()
	if got, want := m.all(), afresh(m); got != want {
		t.Fatalf("%s: the kept drawing is stale\n--- kept:\n%s\n--- drawn afresh:\n%s", step, got, want)
	}
	for i, g := range m.groups {
		head := m.body[m.groupTop[i]]
		if !strings.Contains(head, g.g.SellerName) || strings.Contains(head, "▸") != (i == m.sel) {
			t.Fatalf("%s: group %d (selected %d) starts at body line %d, which is %q", step, i, m.sel, m.groupTop[i], head)
		}
	}
	fits(t, m)
}

// TestKeptBlocksFollowTheState walks the page through everything that
// changes a group's block or the footer, and checks after each step that
// the blocks kept between frames show the state drawn afresh would.
func TestKeptBlocksFollowTheState(t *testing.T) {
	e := newEnv(t, 5*time.Second)
	e.twoSuppliers(t)
	m, _ := e.open(t, 80, 24)
	bad, good := m.groups[0], m.groups[1]
	if bad.phase != refused || good.phase != ready {
		t.Fatalf("phases %d %d", bad.phase, good.phase)
	}
	sameAsAfresh(t, m, "opened")

	// The cursor only swaps first lines: no block is drawn again, and
	// both the group it left and the one it came to show it.
	kept := [][]string{bad.drawn, good.drawn}
	press(t, m, "down")
	sameAsAfresh(t, m, "down")
	if &kept[0][0] != &bad.drawn[0] || &kept[1][0] != &good.drawn[0] {
		t.Error("moving the cursor drew a group again")
	}
	if !strings.HasPrefix(m.body[m.groupTop[0]], "  ") || !strings.HasPrefix(m.body[m.groupTop[1]], "▸ ") {
		t.Errorf("after down the heads are %q and %q", m.body[m.groupTop[0]], m.body[m.groupTop[1]])
	}

	// A group above the cursor previewed again changes height: the
	// groups below move, the cursor with them.
	late := m.preview(0)
	m.layout()
	sameAsAfresh(t, m, "previewing again")
	if !strings.Contains(m.body[m.groupTop[0]], "previewing…") {
		t.Errorf("the group previewed again shows %q", m.body[m.groupTop[0]])
	}
	uitest.Drain(t, update(m), late)
	sameAsAfresh(t, m, "the preview's answer")
	if bad.phase != refused || !strings.Contains(flat(strings.Join(bad.drawn, " ")), "Refused:") {
		t.Errorf("phase %d, block:\n%s", bad.phase, strings.Join(bad.drawn, "\n"))
	}

	press(t, m, "enter")
	sameAsAfresh(t, m, "the question")
	press(t, m, "y")
	if good.phase != created {
		t.Fatalf("phase %d", good.phase)
	}
	sameAsAfresh(t, m, "created")
	if !strings.Contains(m.body[m.groupTop[1]], "created") || !strings.Contains(strings.Join(good.drawn, " "), "✓ Created") {
		t.Errorf("the created group's block:\n%s", strings.Join(good.drawn, "\n"))
	}

	press(t, m, "up")
	sameAsAfresh(t, m, "up")
	m.SetSize(120, 40)
	sameAsAfresh(t, m, "resized")
	press(t, m, "G")
	sameAsAfresh(t, m, "bottom")
}
