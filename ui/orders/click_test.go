package orders

import (
	"strings"
	"testing"

	"caigou/ui/uitest"
)

// A click selects the order on its line; a second click opens it. The
// line is the one drawn: the third order's line selects the third order.
func TestClickSelectsThenOpens(t *testing.T) {
	e := newEnv(t)
	e.place(t, 3)
	m, _ := e.open(t, 120, 30)
	lines := strings.Split(m.View(), "\n")
	third := m.rowIDs()[2]
	if !strings.Contains(lines[rowsTop+2], third) {
		t.Fatalf("line %d is not the third order %s:\n%s", rowsTop+2, third, m.View())
	}
	if pushesIn(uitest.Exec(t, m.Click(rowsTop+2))) != nil || m.t.cursor != 2 {
		t.Fatalf("a click on the third order: cursor %d", m.t.cursor)
	}
	if got := pushesIn(uitest.Exec(t, m.Click(rowsTop+2))); len(got) != 1 {
		t.Fatalf("a second click should open the order: %v", got)
	}
	// The header, the tabs and the lines under the list select nothing.
	for _, y := range []int{0, 1, rowsTop - 1, rowsTop + 3, 29} {
		m.Click(y)
		if m.t.cursor != 2 {
			t.Fatalf("a click on line %d moved the cursor to %d", y, m.t.cursor)
		}
	}
}
