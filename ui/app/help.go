package app

import (
	"strings"

	"caigou/ui/keys"
	"caigou/ui/sanitize"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// The full help (?) takes the page's area rather than the footer's: a
// screen's every key in columns that fit the width, scrolled when taller
// than the area, never cut with "…" (issue 11: at 80x24 the product
// page's help lost half its keys). esc or ? closes it.

// helpColumn is one group of the help: its key column and its words.
type helpColumn struct {
	keys, descs []string
	kw, dw      int
}

func (c helpColumn) width() int { return c.kw + 1 + c.dw }

// helpGroups are the page's groups and the global keys it does not list.
func (m *Model) helpGroups() [][]key.Binding {
	groups := m.top().FullHelp()
	return append(groups, m.fullGlobals(groups))
}

// helpLines is the help laid out at width w for the page on top, kept
// while the help stays open on it: scrolling must not lay it out again.
func (m *Model) helpLines(w int) []string {
	id := m.top().ID()
	if m.helpDrawn == nil || m.helpFor != [2]int{id, w} {
		m.helpDrawn, m.helpFor = m.layHelp(w), [2]int{id, w}
	}
	return m.helpDrawn
}

// layHelp lays the help out at width w: columns side by side while they
// fit, the next ones below; a column wider than w is cut per line.
func (m *Model) layHelp(w int) []string {
	s := m.c.Styles
	var cols []helpColumn
	for _, g := range m.helpGroups() {
		var c helpColumn
		for _, b := range g {
			if !b.Enabled() {
				continue
			}
			h := b.Help()
			c.keys = append(c.keys, h.Key)
			c.descs = append(c.descs, h.Desc)
			c.kw = max(c.kw, sanitize.Width(h.Key))
			c.dw = max(c.dw, sanitize.Width(h.Desc))
		}
		if len(c.keys) > 0 {
			cols = append(cols, c)
		}
	}
	const gap = 4
	var out []string
	for len(cols) > 0 {
		// As many columns as fit in a row (at least one).
		n, used := 0, 0
		for n < len(cols) && (n == 0 || used+gap+cols[n].width() <= w) {
			if n > 0 {
				used += gap
			}
			used += cols[n].width()
			n++
		}
		row := cols[:n]
		cols = cols[n:]
		height := 0
		for _, c := range row {
			height = max(height, len(c.keys))
		}
		for i := 0; i < height; i++ {
			var b strings.Builder
			for j, c := range row {
				if j > 0 {
					b.WriteString(strings.Repeat(" ", gap))
				}
				k, d := "", ""
				if i < len(c.keys) {
					k, d = c.keys[i], c.descs[i]
				}
				cell := s.Key.Render(sanitize.Pad(k, c.kw)) + " " + s.KeyDesc.Render(d)
				if j < len(row)-1 {
					cell += strings.Repeat(" ", c.dw-sanitize.Width(d))
				}
				b.WriteString(cell)
			}
			out = append(out, sanitize.Truncate(b.String(), w))
		}
		out = append(out, "")
	}
	return out
}

// helpView is the page area while the help is open, from helpTop down.
func (m *Model) helpView(w, h int) string {
	lines := m.helpLines(w)
	title := m.c.Styles.Bold.Render(sanitize.Truncate("Keys of "+m.top().Title()+" — esc or ? closes", w))
	body := h - 1
	top := max(0, min(m.helpTop, len(lines)-body))
	end := min(top+body, len(lines))
	shown := append([]string(nil), lines[top:end]...)
	if end < len(lines) && body > 0 {
		shown[len(shown)-1] = m.c.Styles.Muted.Render(sanitize.Truncate("↓ more: ↓ or pgdn scrolls", w))
	}
	return fitLines(strings.Join(append([]string{title}, shown...), "\n"), h)
}

// helpKey handles a key while the help is open: scrolling, closing; any
// other key closes the help and does what it does.
func (m *Model) helpKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	km := m.c.Keys
	switch {
	case km.Matches(msg, keys.Help), km.Matches(msg, keys.Back):
		m.full, m.helpTop, m.helpDrawn = false, 0, nil
		return nil, true
	case km.Matches(msg, keys.Down):
		m.helpTop = min(m.helpTop+1, m.helpLast())
		return nil, true
	case km.Matches(msg, keys.Up):
		m.helpTop = max(m.helpTop-1, 0)
		return nil, true
	case km.Matches(msg, keys.PageDown):
		m.helpTop = min(m.helpTop+max(m.pageH-2, 1), m.helpLast())
		return nil, true
	case km.Matches(msg, keys.PageUp):
		m.helpTop = max(m.helpTop-max(m.pageH-2, 1), 0)
		return nil, true
	}
	m.full, m.helpTop, m.helpDrawn = false, 0, nil
	return nil, false
}

// helpLast is the last first line scrolling can reach: the end of the
// help at the bottom of the page's area (its title takes one line).
func (m *Model) helpLast() int {
	return max(len(m.helpLines(m.w))-(m.pageH-1), 0)
}

// helpFooter is what the footer lists while the help is open.
func (m *Model) helpFooter() []key.Binding {
	km := m.c.Keys
	return []key.Binding{
		key.NewBinding(key.WithKeys("down"), key.WithHelp(km.Get(keys.Down).Help().Key+" "+km.Get(keys.PageDown).Help().Key, "scroll")),
		key.NewBinding(key.WithKeys("esc"), key.WithHelp(km.Get(keys.Back).Help().Key+"/"+km.Get(keys.Help).Help().Key, "close help")),
	}
}
