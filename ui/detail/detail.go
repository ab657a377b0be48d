// Package detail is the product page: one offer with its price tiers, SKUs,
// quantity rules, seller, freight and description, from which the agent
// adds a line to the cart or opens a chat with the supplier.
package detail

import (
	"caigou/ui/common"
	"caigou/ui/keys"
	"caigou/ui/sanitize"
	"caigou/xport"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Model is the product page.
type Model struct {
	c     *common.Common
	id    int
	offer xport.Offer
	w, h  int
}

// New opens the product page for a search card. The card's title and price
// show at once; the rest arrives with the detail request.
func New(c *common.Common, offer xport.Offer) common.Page {
	return &Model{c: c, id: c.NextID(), offer: offer}
}

// ID implements common.Page.
func (m *Model) ID() int { return m.id }

// Init implements common.Page.
func (m *Model) Init() tea.Cmd { return nil }

// Update implements common.Page.
func (m *Model) Update(msg tea.Msg) (common.Page, tea.Cmd) { return m, nil }

// View implements common.Page.
func (m *Model) View() string {
	return sanitize.Truncate(sanitize.Line(string(m.offer.Subject)), m.w)
}

// SetSize implements common.Page.
func (m *Model) SetSize(w, h int) { m.w, m.h = w, h }

// Title implements common.Page.
func (m *Model) Title() string { return "Product" }

// CapturesInput implements common.Page.
func (m *Model) CapturesInput() bool { return false }

// ShortHelp implements common.Page.
func (m *Model) ShortHelp() []key.Binding { return m.c.Keys.Bindings(keys.Back) }

// FullHelp implements common.Page.
func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

// Close implements common.Page.
func (m *Model) Close() {}
