package search

import tea "github.com/charmbracelet/bubbletea"

// resultsTop is the page line of the first result: the keyword box, the
// query line and the column header come before it (view.go).
const resultsTop = 3

// Click selects the result on page line y ([ui] mouse); a click on the
// row already selected opens it, as enter does. Anywhere else nothing
// happens.
func (m *Model) Click(y int) tea.Cmd {
	t := &m.results
	if m.overlay != noOverlay || m.input.Focused() || m.state != ready || len(t.rows) == 0 {
		return nil
	}
	i := t.offset + y - resultsTop
	if y < resultsTop || y-resultsTop >= t.height || i >= len(t.rows) {
		return nil
	}
	if i == t.cursor {
		return m.openSelected()
	}
	t.cursor = i
	t.clamp()
	return m.prefetch()
}
