package search

import (
	"caigou/ui/keys"

	"github.com/charmbracelet/bubbles/key"
)

// relabel is a session binding with a description that fits the moment
// ("enter" is "search" in the input and "open" in the table); the keys
// stay the agent's own.
func (m *Model) relabel(a keys.Action, desc string) key.Binding {
	b := m.c.Keys.Get(a)
	b.SetHelp(b.Help().Key, desc)
	return b
}

// ShortHelp implements common.Page: the keys that work right now.
func (m *Model) ShortHelp() []key.Binding {
	km := m.c.Keys
	switch m.overlay {
	case filterOverlay:
		if m.filters != nil && m.filters.typing() {
			// In a price box only the keys a text box takes act.
			return []key.Binding{
				m.relabel(keys.NextPane, "next field"),
				m.relabel(keys.Open, "apply"),
				m.relabel(keys.Back, "cancel"),
			}
		}
		return []key.Binding{
			m.relabel(keys.NextPane, "next field"),
			m.relabel(keys.Mark, "tick"),
			m.relabel(keys.Open, "tick/apply"),
			m.relabel(keys.Filter, "apply"),
			m.relabel(keys.Back, "cancel"),
		}
	case categoryOverlay:
		return m.categoryHelp()
	case imageOverlay:
		return []key.Binding{m.relabel(keys.Open, "search"), m.relabel(keys.Back, "cancel")}
	}
	if m.input.Focused() {
		return []key.Binding{
			m.relabel(keys.Open, "search"),
			m.relabel(keys.Up, "history"),
			m.relabel(keys.Back, "leave input"),
		}
	}
	// Short enough that the root's "? help" still fits at 80 columns;
	// moving is in the full help. / leads until there are results: the
	// page opens with the box unfocused, and / is how a search starts.
	out := []key.Binding{}
	if m.state == ready && len(m.results.rows) > 0 {
		out = append(out, m.relabel(keys.Open, "open"))
	} else {
		out = append(out, km.Get(keys.Search))
	}
	if m.state == failed || m.moreErr != nil {
		out = append(out, km.Get(keys.Retry))
	}
	out = append(out, km.Get(keys.Sort), km.Get(keys.Filter), m.relabel(keys.Categories, "categories"), m.relabel(keys.Image, "by picture"))
	return out
}

// FullHelp implements common.Page.
func (m *Model) FullHelp() [][]key.Binding {
	if m.overlay != noOverlay || m.input.Focused() {
		return [][]key.Binding{m.ShortHelp()}
	}
	km := m.c.Keys
	return [][]key.Binding{
		km.Bindings(keys.Up, keys.Down, keys.PageUp, keys.PageDown, keys.Top, keys.Bottom),
		{m.relabel(keys.Open, "open product"), km.Get(keys.Candidate), km.Get(keys.Search), km.Get(keys.Language), km.Get(keys.Retry)},
		km.Bindings(keys.Sort, keys.Filter, keys.Categories, keys.Image),
	}
}
