// Package cartview is the cart page: lines grouped by supplier, because
// 1688 takes one supplier per order and the minimums and mixed-batch rules
// apply per supplier; quantities, removals, the shipping address and a
// note to each seller are changed here before the preview.
package cartview

import (
	"caigou/ui/cart"
	"caigou/ui/common"
	"caigou/ui/keys"
	"caigou/ui/sanitize"
	"caigou/xport"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// Model is the cart page.
type Model struct {
	c    *common.Common
	id   int
	req  *common.Requests
	w, h int

	// What is drawn, rebuilt when the cart's version moves or the size
	// changes.
	drawn     uint64
	built     bool
	sums      []cart.Summary
	groups    map[string]*group // by seller open id
	lines     []cart.Line       // in display order, what the cursor moves over
	rows      []row
	lineRow   []int // row of each line
	groupTop  []int // row of the first line of each line's group
	warned    []bool
	offerQty  []int64  // each line's offer's quantity in its group
	cells     cols     // the columns at the width laid out for
	lineDrawn []string // each line drawn away from the cursor, "" until in view
	lineSel   []string // each line drawn under the cursor, not being edited
	sel       selDrawing
	total     xport.Fen
	totalOK   bool
	warnings  int // groups with warnings
	cursor    int
	offset    int
	zh        bool // Chinese titles first

	// Saves run one at a time, in order, so a quick +++ cannot land out
	// of order; a quantity waiting to be saved is shown already.
	ops      []op
	inflight bool
	lastPoll string // the last reload error shown, not repeated

	addrs  []xport.Address
	addr   *xport.Address
	addrSt loadState
	// kept is the lines around the list as last drawn; builds counts
	// rebuilds, which is when the totals they show can change.
	kept     keptFrame
	builds   uint64
	addrErr  error
	previewQ bool // p was pressed while the addresses were loading

	editing  bool // the quantity input is open
	input    []rune
	noting   bool // the note input is open
	noteFor  string
	noteName string
	note     textinput.Model
}

type loadState int

const (
	loading loadState = iota
	loaded
	failed
)

// New makes the cart page.
func New(c *common.Common) *Model {
	m := &Model{c: c, id: c.NextID(), req: common.NewRequests(c.Ctx), zh: c.Looks.ZH}
	m.note = textinput.New()
	// A blinking cursor redraws the screen twice a second, which over a
	// slow SSH link is all the agent sees moving.
	m.note.Cursor.SetMode(cursor.CursorStatic)
	m.note.Prompt = ""
	m.note.CharLimit = cart.MaxMessage
	m.note.Placeholder = "e.g. 请用纸箱包装 / pack in cartons"
	return m
}

// ID implements common.Page.
func (m *Model) ID() int { return m.id }

// Init implements common.Page: load the addresses and pick up any change
// another session made while this page was not open.
func (m *Model) Init() tea.Cmd {
	m.rebuild()
	// The root watches for other sessions' changes every second; opening
	// the page looks at once.
	return tea.Batch(m.loadAddresses(), m.reload())
}

// Title implements common.Page.
func (m *Model) Title() string { return "Cart" }

// CapturesInput implements common.Page.
func (m *Model) CapturesInput() bool { return m.editing || m.noting }

// Close implements common.Page.
func (m *Model) Close() { m.req.Close() }

// SetSize implements common.Page.
func (m *Model) SetSize(w, h int) {
	m.w, m.h = w, h
	m.note.Width = max(w-sanitize.Width(m.noteLead())-2, 8)
	m.rebuild()
}

// ShortHelp implements common.Page.
func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	switch {
	case m.editing:
		return []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp(k.Get(keys.Open).Help().Key, "set quantity")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp(k.Get(keys.Back).Help().Key, "cancel")),
		}
	case m.noting:
		return []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp(k.Get(keys.Open).Help().Key, "save note")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp(k.Get(keys.Back).Help().Key, "cancel")),
		}
	case len(m.lines) == 0:
		return k.Bindings(keys.Address, keys.Back)
	}
	return append(k.Bindings(keys.Plus, keys.Minus, keys.Remove, keys.Open, keys.Preview, keys.Address, keys.SellerNote), k.Bindings(keys.Back)...)
}

// FullHelp implements common.Page.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.c.Keys
	digits := key.NewBinding(key.WithKeys("0"), key.WithHelp("0-9", "type a quantity"))
	return [][]key.Binding{
		append(k.Bindings(keys.Plus, keys.Minus), digits),
		k.Bindings(keys.Remove, keys.Undo, keys.Open, keys.Language),
		k.Bindings(keys.Preview, keys.Address, keys.SellerNote, keys.Export),
		k.Bindings(keys.Up, keys.Down, keys.PageUp, keys.PageDown, keys.Top, keys.Bottom, keys.Back),
	}
}
