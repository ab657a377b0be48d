// Package detail is the product page: one offer with its price tiers, SKUs,
// quantity rules, seller, freight and description, from which the agent
// adds a line to the cart or opens a chat with the supplier.
package detail

import (
	"time"

	"caigou/ui/cart"
	"caigou/ui/common"
	"caigou/ui/keys"
	"caigou/xport"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
)

type loadState int

const (
	loading loadState = iota
	loaded
	failed
)

// The panes. At 80 columns one shows at a time and tab moves through
// them; from wideWidth on, the order pane stays on the left and the
// others share the right.
const (
	paneOrder = iota
	paneSeller
	paneAttrs
	paneDesc
	paneCount
)

func paneName(i int) string {
	switch i {
	case paneOrder:
		return "Order"
	case paneSeller:
		return "Seller & freight"
	case paneAttrs:
		return "Attributes"
	}
	return "Description"
}

// wideWidth is where two columns start to pay: below it a column would
// cut the Chinese titles and the tier table.
const wideWidth = 120

// Model is the product page.
type Model struct {
	c     *common.Common
	id    int
	req   *common.Requests
	offer xport.Offer // the search card, shown while the detail loads

	state loadState
	err   error
	spin  spinner.Model

	p   *product
	sel []int // chosen value per axis
	sku int   // index of the chosen SKU in p.skus; -1 for an offer without
	qty int64

	editing bool
	input   []rune

	// focus is a stop in the tab order: one per axis in the order pane
	// (at least one), then the other panes.
	focus int
	right int // the pane shown on the right in the wide layout
	panes [paneCount]scroll
	// desc scrolls the description, which is set once per width.
	desc    viewport.Model
	descVer int  // counts the description's contents set
	zh      bool // description in Chinese rather than the translation
	// line is the cart line the page was opened to edit (nil: opened
	// from search), and lineQty its quantity then.
	line    *cart.Key
	lineQty int64

	addrLoaded     bool
	addr           *xport.Address
	addrErr        error
	freight        *xport.Freight
	freightErr     error
	freightGen     int
	freightWaiting bool
	debounce       time.Duration

	chatBusy bool

	w, h  int
	laidW int // the width the attributes and description were laid out at

	drawn drawing
}

// New opens the product page for a search card. The card's title and price
// show at once; the rest arrives with the detail request.
func New(c *common.Common, offer xport.Offer) common.Page {
	m := &Model{
		c:        c,
		id:       c.NextID(),
		req:      common.NewRequests(c.Ctx),
		offer:    offer,
		zh:       c.Looks.ZH,
		sku:      -1,
		right:    paneSeller,
		debounce: 300 * time.Millisecond,
	}
	m.spin = spinner.New(spinner.WithSpinner(spinner.Dot), spinner.WithStyle(c.Styles.Muted))
	m.desc = viewport.New(0, 0)
	return m
}

// NewForLine opens the product page to edit a cart line: it opens on
// the line's SKU and quantity, and a sets that line's quantity instead of
// adding to it (a from a cart line used to double it).
func NewForLine(c *common.Common, offer xport.Offer, k cart.Key, qty int64) common.Page {
	m := New(c, offer).(*Model)
	m.line, m.lineQty = &k, qty
	return m
}

// editsLine reports whether a on key edits the cart line the page was
// opened for.
func (m *Model) editsLine(k cart.Key) bool { return m.line != nil && *m.line == k }

// ID implements common.Page.
func (m *Model) ID() int { return m.id }

// Init starts the detail request (and the spinner, unless plain).
func (m *Model) Init() tea.Cmd {
	m.state = loading
	cmds := []tea.Cmd{m.fetchDetail()}
	if !m.c.Config.Plain {
		cmds = append(cmds, m.spin.Tick)
	}
	return tea.Batch(cmds...)
}

// Title implements common.Page.
func (m *Model) Title() string { return "Product" }

// CapturesInput is true while a quantity is being typed.
func (m *Model) CapturesInput() bool { return m.editing }

// ShortHelp implements common.Page. The root asks for it every frame, so
// the bindings are kept for the mode they were made in; the slice is
// handed out full, so the root's append to it copies rather than writes
// into the kept one.
func (m *Model) ShortHelp() []key.Binding {
	d := m.drawing()
	k := helpKey{editing: m.editing, failed: m.state == failed}
	if !d.helpOK || d.helpFor != k {
		d.help, d.helpFor, d.helpOK = m.shortHelp(), k, true
	}
	return d.help[:len(d.help):len(d.help)]
}

func (m *Model) shortHelp() []key.Binding {
	k := m.c.Keys
	switch {
	case m.editing:
		return []key.Binding{relabel(k.Get(keys.Open), "set quantity"), relabel(k.Get(keys.Add), "set and add to cart"), relabel(k.Get(keys.Back), "cancel")}
	case m.state == failed:
		return k.Bindings(keys.Retry, keys.Back)
	}
	return []key.Binding{
		k.Get(keys.Add),
		relabel(k.Get(keys.Plus), "one lot more"),
		relabel(k.Get(keys.Minus), "one lot less"),
		relabel(k.Get(keys.Right), "next SKU"),
		relabel(k.Get(keys.NextPane), "next axis/pane"),
		k.Get(keys.Message),
		k.Get(keys.Copy),
		k.Get(keys.Back),
	}
}

// relabel keeps a binding's keys, which the agent may have remapped, and
// says what it does on this page.
func relabel(b key.Binding, desc string) key.Binding {
	b.SetHelp(b.Help().Key, desc)
	return b
}

// FullHelp implements common.Page.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.c.Keys
	return [][]key.Binding{
		{k.Get(keys.Add), relabel(k.Get(keys.Plus), "one lot more"), relabel(k.Get(keys.Minus), "one lot less"),
			key.NewBinding(key.WithKeys("0"), key.WithHelp("0-9", "type a quantity (enter sets, a sets and adds)"))},
		{relabel(k.Get(keys.Left), "previous SKU value"), relabel(k.Get(keys.Right), "next SKU value"),
			relabel(k.Get(keys.NextPane), "next axis/pane"), relabel(k.Get(keys.PrevPane), "previous axis/pane")},
		k.Bindings(keys.Up, keys.Down, keys.PageUp, keys.PageDown, keys.Top, keys.Bottom),
		{k.Get(keys.Message), k.Get(keys.Candidate), relabel(k.Get(keys.Copy), "copy page link"), relabel(k.Get(keys.Language), "description language"),
			relabel(k.Get(keys.Retry), "reload"), k.Get(keys.Back)},
	}
}

// Close cancels the page's requests.
func (m *Model) Close() { m.req.Close() }

// chosen is the chosen SKU, or nil.
func (m *Model) chosen() *skuView {
	if m.p == nil || m.sku < 0 || m.sku >= len(m.p.skus) {
		return nil
	}
	return &m.p.skus[m.sku]
}

// axisStops is how many tab stops the order pane has.
func (m *Model) axisStops() int {
	if m.p == nil || len(m.p.axes) == 0 {
		return 1
	}
	return len(m.p.axes)
}

// pane is the pane that has the focus.
func (m *Model) pane() int {
	if f := m.focus - m.axisStops(); f >= 0 {
		return paneSeller + f
	}
	return paneOrder
}

// axisFocus is the axis that has the focus, or -1.
func (m *Model) axisFocus() int {
	if m.p == nil || m.focus >= len(m.p.axes) {
		return -1
	}
	return m.focus
}

func (m *Model) wide() bool { return m.w >= wideWidth }
