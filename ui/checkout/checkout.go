// Package checkout is the page between the cart and real orders: it
// previews each supplier's group, asks for an explicit confirmation, places
// the orders through the journal, and asks for payment.
package checkout

import (
	"caigou/ui/cart"
	"caigou/ui/common"
	"caigou/xport"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Model is the checkout page.
type Model struct {
	c        *common.Common
	id       int
	addr     xport.Address
	groups   []cart.Group
	messages map[string]string
	w, h     int
}

// New builds the page for the supplier groups to order, shipped to addr.
// messages maps a seller's open id to an optional message to that seller.
func New(c *common.Common, addr xport.Address, groups []cart.Group, messages map[string]string) common.Page {
	return &Model{c: c, id: c.NextID(), addr: addr, groups: groups, messages: messages}
}

// ID implements common.Page.
func (m *Model) ID() int { return m.id }

// Init implements common.Page.
func (m *Model) Init() tea.Cmd { return nil }

// Update implements common.Page.
func (m *Model) Update(msg tea.Msg) (common.Page, tea.Cmd) { return m, nil }

// View implements common.Page.
func (m *Model) View() string { return "Checkout" }

// SetSize implements common.Page.
func (m *Model) SetSize(w, h int) { m.w, m.h = w, h }

// Title implements common.Page.
func (m *Model) Title() string { return "Checkout" }

// CapturesInput implements common.Page.
func (m *Model) CapturesInput() bool { return false }

// ShortHelp implements common.Page.
func (m *Model) ShortHelp() []key.Binding { return nil }

// FullHelp implements common.Page.
func (m *Model) FullHelp() [][]key.Binding { return nil }

// Close implements common.Page.
func (m *Model) Close() {}
