package orders

import (
	"caigou/ui/keys"

	"github.com/charmbracelet/bubbles/key"
)

// relabel is a session binding with a description that fits the moment;
// the keys stay the agent's own.
func relabel(km *keys.KeyMap, a keys.Action, desc string) key.Binding {
	b := km.Get(a)
	b.SetHelp(b.Help().Key, desc)
	return b
}

// ShortHelp implements common.Page: the keys that work right now, short
// enough that the root's "? help" still fits at 80 columns.
func (m *Model) ShortHelp() []key.Binding {
	km := m.c.Keys
	if m.finding {
		return []key.Binding{relabel(km, keys.Open, "find"), relabel(km, keys.Back, "cancel")}
	}
	var out []key.Binding
	if m.state == ready && len(m.t.rows) > 0 {
		out = append(out, relabel(km, keys.Open, "open"), relabel(km, keys.Pay, "pay"), relabel(km, keys.Mark, "mark"))
	}
	if m.state == failed || m.moreErr != nil {
		out = append(out, km.Get(keys.Retry))
	}
	out = append(out, relabel(km, keys.FindOrders, "find ids"), relabel(km, keys.NextPane, "next tab"))
	if m.q.ids != nil {
		out = append(out, relabel(km, keys.Back, "all orders"))
	}
	return out
}

// FullHelp implements common.Page.
func (m *Model) FullHelp() [][]key.Binding {
	if m.finding {
		return [][]key.Binding{m.ShortHelp()}
	}
	km := m.c.Keys
	return [][]key.Binding{
		km.Bindings(keys.Up, keys.Down, keys.PageUp, keys.PageDown, keys.Top, keys.Bottom),
		{relabel(km, keys.Right, "next tab"), relabel(km, keys.Left, "previous tab"), relabel(km, keys.NextPane, "next tab"), relabel(km, keys.PrevPane, "previous tab")},
		{relabel(km, keys.Open, "order detail"), relabel(km, keys.Mark, "mark unpaid to pay"), relabel(km, keys.Pay, "pay marked or this"), relabel(km, keys.FindOrders, "find by order ids")},
		{relabel(km, keys.Export, "export to XLSX or CSV"), relabel(km, keys.Retry, "refresh"), relabel(km, keys.Refresh, "refresh")},
	}
}
