// Package cartview is a read-only look at the cart: lines grouped by
// supplier, because 1688 orders are placed one supplier at a time and the
// mixed-batch minimums apply per supplier.
package cartview

import (
	"strconv"
	"strings"

	"caigou/ui/cart"
	"caigou/ui/common"
	"caigou/ui/keys"
	"caigou/ui/sanitize"
	"caigou/xport"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Model is the cart page.
type Model struct {
	c      *common.Common
	id     int
	w, h   int
	lines  []string // the whole list, built when the page opens or resizes
	offset int
}

// New makes the cart page.
func New(c *common.Common) *Model {
	return &Model{c: c, id: c.NextID()}
}

// ID implements common.Page.
func (m *Model) ID() int { return m.id }

// Init implements common.Page.
func (m *Model) Init() tea.Cmd { m.build(); return nil }

// Title implements common.Page.
func (m *Model) Title() string { return "Cart" }

// CapturesInput implements common.Page.
func (m *Model) CapturesInput() bool { return false }

// Close implements common.Page.
func (m *Model) Close() {}

// SetSize implements common.Page.
func (m *Model) SetSize(w, h int) {
	m.w, m.h = w, h
	m.build()
}

// ShortHelp implements common.Page.
func (m *Model) ShortHelp() []key.Binding {
	return m.c.Keys.Bindings(keys.Up, keys.Down, keys.Back)
}

// FullHelp implements common.Page.
func (m *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{m.c.Keys.Bindings(keys.Up, keys.Down, keys.PageUp, keys.PageDown, keys.Back)}
}

// Update implements common.Page.
func (m *Model) Update(msg tea.Msg) (common.Page, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	km := m.c.Keys
	switch {
	case km.Matches(k, keys.Up):
		m.scroll(-1)
	case km.Matches(k, keys.Down):
		m.scroll(1)
	case km.Matches(k, keys.PageUp):
		m.scroll(-m.h)
	case km.Matches(k, keys.PageDown):
		m.scroll(m.h)
	case km.Matches(k, keys.Top):
		m.offset = 0
	case km.Matches(k, keys.Bottom):
		m.scroll(len(m.lines))
	}
	return m, nil
}

func (m *Model) scroll(n int) {
	m.offset = max(min(m.offset+n, len(m.lines)-m.h), 0)
}

// View implements common.Page.
func (m *Model) View() string {
	if m.w <= 0 || m.h <= 0 {
		return ""
	}
	end := min(m.offset+m.h, len(m.lines))
	return strings.Join(m.lines[m.offset:end], "\n")
}

// Column widths of a cart line.
const (
	qtyW   = 8
	moneyW = 12
)

// build lays the cart out for the current width.
func (m *Model) build() {
	if m.w <= 0 {
		return
	}
	s := m.c.Styles
	lines := m.c.Cart.Lines()
	if len(lines) == 0 {
		add := m.c.Keys.Get(keys.Add).Help().Key
		open := m.c.Keys.Get(keys.Open).Help().Key
		text := "The cart is empty. Open a product from the search results (" + open + ") and press " + add + " to add it."
		m.lines = strings.Split(s.App.Width(m.w).Render(text), "\n")
		m.offset = 0
		return
	}
	titleW := max(m.w-2-(1+qtyW)-2*(1+moneyW), 10)
	var out []string
	out = append(out, s.TableHeader.Render(sanitize.Pad("  "+sanitize.Pad("Item", titleW)+" "+
		sanitize.PadLeft("Qty", qtyW)+" "+sanitize.PadLeft("Unit", moneyW)+" "+sanitize.PadLeft("Line total", moneyW), m.w)))
	for _, g := range bySupplier(lines) {
		sub := xport.Fen(0)
		for _, l := range g.lines {
			t, _ := l.Total()
			sub, _ = sub.Add(t)
		}
		head := g.name + " · " + plural(len(g.lines), "line") + " · " + m.c.MoneyShort(sub)
		out = append(out, "", s.Bold.Render(sanitize.Truncate(head, m.w)))
		for _, l := range g.lines {
			title := sanitize.Line(l.Title)
			if title == "" {
				title = sanitize.Line(l.TitleZH)
			}
			if d := sanitize.Line(l.SKUDesc); d != "" {
				title += " (" + d + ")"
			}
			total, ok := l.Total()
			totalText := m.c.MoneyShort(total)
			if !ok {
				totalText = "too large"
			}
			row := "  " + sanitize.Pad(title, titleW) + " " +
				sanitize.PadLeft(strconv.FormatInt(l.Quantity, 10), qtyW) + " " +
				sanitize.PadLeft(m.c.MoneyShort(l.UnitPrice), moneyW) + " " +
				s.Price.Render(sanitize.PadLeft(totalText, moneyW))
			out = append(out, sanitize.Truncate(row, m.w))
		}
	}
	out = append(out, "", s.Bold.Render(sanitize.Truncate("Total "+m.c.Money(m.c.Cart.Total())+" · "+plural(len(lines), "line"), m.w)))
	m.lines = out
	m.scroll(0)
}

// group is one supplier's lines.
type group struct {
	name  string
	lines []cart.Line
}

// bySupplier groups lines in the order their suppliers first appear.
func bySupplier(lines []cart.Line) []group {
	var gs []group
	index := map[string]int{}
	for _, l := range lines {
		name := sanitize.Line(l.SellerName)
		k := l.SellerOpenID
		if k == "" {
			k = "name:" + name
		}
		if name == "" {
			name = "Supplier " + sanitize.Line(l.SellerOpenID)
			if l.SellerOpenID == "" {
				name = "Unknown supplier"
			}
		}
		i, ok := index[k]
		if !ok {
			i = len(gs)
			index[k] = i
			gs = append(gs, group{name: name})
		}
		gs[i].lines = append(gs[i].lines, l)
	}
	return gs
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}
