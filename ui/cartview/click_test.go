package cartview

import (
	"strings"
	"testing"

	"caigou/ui/uitest"
)

// A click selects the cart line drawn on that line of the page; a second
// click opens its product. Supplier headers select nothing.
func TestClickSelectsThenOpens(t *testing.T) {
	s := uitest.NewSession(t)
	fill(t, s)
	m := page(t, s, 120, 30)
	lines := strings.Split(m.View(), "\n")
	var target, header = -1, -1
	for y := listTop; y < len(lines); y++ {
		r := m.offset + y - listTop
		if r >= len(m.rows) {
			break
		}
		if m.rows[r].line < 0 && header < 0 {
			header = y
		}
		if m.rows[r].line > 0 && target < 0 {
			target = y
		}
	}
	if target < 0 || header < 0 {
		t.Fatalf("no second line or header on screen:\n%s", m.View())
	}
	want := m.rows[m.offset+target-listTop].line
	if cmd := m.Click(header); cmd != nil || m.cursor != 0 {
		t.Fatalf("a click on a supplier header moved the cursor to %d", m.cursor)
	}
	uitest.Exec(t, m.Click(target))
	if m.cursor != want {
		t.Fatalf("a click on line %d: cursor %d, want %d", target, m.cursor, want)
	}
	if !strings.Contains(strings.Split(m.View(), "\n")[target], "▶") {
		t.Errorf("the clicked line is not drawn as selected:\n%s", m.View())
	}
	if p := pushed(uitest.Exec(t, m.Click(target))); p == nil {
		t.Fatal("a second click should open the product")
	}
}
