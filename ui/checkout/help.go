package checkout

import (
	"caigou/ui/keys"

	"github.com/charmbracelet/bubbles/key"
)

// relabel is a binding with this page's word for it: enter places orders
// here, it does not open anything.
func relabel(b key.Binding, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(b.Help().Key, desc))
}

// ShortHelp lists the keys that do something now.
func (m *Model) ShortHelp() []key.Binding {
	km := m.c.Keys
	if m.confirming {
		return []key.Binding{relabel(km.Get(keys.Confirm), "yes, place"), relabel(km.Get(keys.Back), "no")}
	}
	if m.typing {
		// The prompt reads enter and esc themselves, whatever the keymap.
		return []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "check the reference")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "go back")),
		}
	}
	var out []key.Binding
	for _, g := range m.groups {
		if g.phase == ready {
			out = append(out, relabel(km.Get(keys.Open), "place orders"))
			break
		}
	}
	if len(m.groups) > 0 && m.groups[m.sel].retriable() {
		out = append(out, m.retryBinding())
	}
	if len(m.groups) > 0 && m.groups[m.sel].phase == unsettled && len(m.groups[m.sel].previews) > 0 {
		out = append(out, km.Get(keys.OrderAgain))
	}
	for _, g := range m.groups {
		if len(g.orderIDs) > 0 {
			out = append(out, relabel(km.Get(keys.Pay), "pay"))
			break
		}
	}
	if len(m.groups) > 1 {
		out = append(out, relabel(km.Get(keys.Down), "next supplier"))
	}
	if !m.busy() {
		out = append(out, km.Get(keys.Back))
	}
	return out
}

// retryBinding names what r does for the selected group.
func (m *Model) retryBinding() key.Binding {
	b := m.c.Keys.Get(keys.Retry)
	switch m.groups[m.sel].phase {
	case previewFailed:
		return relabel(b, "preview again")
	case unsettled:
		return relabel(b, "look up again")
	}
	return b
}

// FullHelp lists every key of the page.
func (m *Model) FullHelp() [][]key.Binding {
	km := m.c.Keys
	return [][]key.Binding{
		{
			relabel(km.Get(keys.Open), "place orders"),
			relabel(km.Get(keys.Confirm), "yes (when asked)"),
			relabel(km.Get(keys.Retry), "retry the supplier's preview or look-up"),
			relabel(km.Get(keys.Pay), "pay the created orders"),
			km.Get(keys.OrderAgain),
			relabel(km.Get(keys.Export), "export the cart with the previewed totals"),
		},
		{
			relabel(km.Get(keys.Up), "previous supplier"),
			relabel(km.Get(keys.Down), "next supplier"),
			km.Get(keys.PageUp), km.Get(keys.PageDown), km.Get(keys.Top), km.Get(keys.Bottom),
			km.Get(keys.Back),
		},
	}
}
