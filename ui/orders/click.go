package orders

import (
	"caigou/ui/common"

	tea "github.com/charmbracelet/bubbletea"
)

// rowsTop is the page line of the first order: the tabs, the info line
// and the column header come before it (view.go).
const rowsTop = 3

// Click selects the order on page line y ([ui] mouse); a click on the
// order already selected opens it, as enter does.
func (m *Model) Click(y int) tea.Cmd {
	t := &m.t
	if m.finding || m.state != ready || len(t.rows) == 0 {
		return nil
	}
	i := t.offset + y - rowsTop
	if y < rowsTop || y-rowsTop >= t.height || i >= len(t.rows) {
		return nil
	}
	if i == t.cursor {
		return m.openSelected()
	}
	t.cursor = i
	t.clamp()
	return m.prefetch()
}

// openSelected opens the order under the cursor.
func (m *Model) openSelected() tea.Cmd {
	o, ok := m.Selected()
	if !ok {
		return nil
	}
	d := newDetail(m.c, o)
	d.preview = m.previews[string(o.BaseInfo.OutOrderID)]
	return common.Push(d)
}
