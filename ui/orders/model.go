// Package orders is the orders screen: the buyer's 1688 orders by status,
// found by pasted ids, paid one or ten at a time, and each order's detail
// with its statuses in words and its parcels' traces.
package orders

import (
	"time"

	"caigou/ui/common"
	"caigou/ui/sanitize"
	"caigou/xport"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// state is where the list stands.
type state int

const (
	loading state = iota // the first page is on its way
	ready                // orders (possibly none) are shown
	failed               // the first page failed; r tries again
)

// prefetchWithin is how close to the end of the loaded rows the cursor
// may come before the next page is asked for.
const prefetchWithin = 10

// tab is one status filter: the five getBuyerOrderList accepts, and all.
type tab struct{ status, zh, en string }

func tabs() []tab {
	return []tab{
		{"", "全部", "all"},
		{"waitbuyerpay", "待付款", "awaiting payment"},
		{"waitsellersend", "待发货", "awaiting shipment"},
		{"waitbuyerreceive", "已发货", "shipped"},
		{"success", "已完成", "completed"},
		{"cancel", "已取消", "cancelled"},
	}
}

// query is what the list shows: a status filter and, after a search, the
// ids asked for.
type query struct {
	id     int
	status string
	ids    []string
}

// Model is the orders list.
type Model struct {
	c    *common.Common
	id   int
	req  *common.Requests
	w, h int

	tab     int
	q       query
	lastQID int

	t         table
	state     state
	err       error
	total     int
	pageSize  int
	loaded    int // pages of pageSize loaded
	more      bool
	moreErr   error
	exhausted bool
	// refreshing is true while a reload of the loaded rows is in flight;
	// refreshErr is why the last automatic one failed, shown in place
	// rather than as an error every minute.
	refreshing bool
	refreshErr error
	updated    time.Time

	// known is each order's status at its last load, to announce changes.
	known map[string]string
	// marks are the unpaid orders chosen to pay together.
	marks   map[string]bool
	paying  bool
	payNote string

	finding  bool
	input    textinput.Model
	findNote string
	notFound []string

	// previews are the totals confirmed at checkout, by outOrderId, read
	// from the order journal for the orders of each page as it comes: the
	// unit cross-check.
	previews map[string]xport.Fen

	// gen numbers the refresh timer; a tick of an older timer is dropped.
	gen    int
	after  func(time.Duration, tea.Msg) tea.Cmd
	closed bool
}

// New makes the orders list, on the "all" tab.
func New(c *common.Common) common.Page { return newModel(c) }

func newModel(c *common.Common) *Model {
	m := &Model{
		c:        c,
		id:       c.NextID(),
		req:      common.NewRequests(c.Ctx),
		pageSize: c.Config.PageSize,
		known:    map[string]string{},
		marks:    map[string]bool{},
		after:    tick,
	}
	if m.pageSize <= 0 {
		m.pageSize = 20
	}
	m.input = newInput(c)
	m.t.reset()
	m.lastQID++
	m.q = query{id: m.lastQID}
	return m
}

// newInput is the id search field. It takes a paste of any length: a
// truncated paste would drop ids without a word. ctrl+v is off because it
// reads the clipboard of the machine the desk runs on, which over SSH is
// not the agent's; the terminal's own paste works everywhere.
func newInput(c *common.Common) textinput.Model {
	s := c.Styles
	in := textinput.New()
	in.Prompt = "Order ids: "
	in.Placeholder = "paste one or many, separated by spaces, commas or lines"
	in.PromptStyle = s.Bold
	in.TextStyle = s.App
	in.PlaceholderStyle = s.Muted
	in.Cursor.Style = s.App
	in.Cursor.TextStyle = s.App
	in.Cursor.SetMode(cursor.CursorStatic)
	in.KeyMap.Paste = key.NewBinding(key.WithDisabled())
	return in
}

// tick is the refresh timer.
func tick(d time.Duration, msg tea.Msg) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return msg })
}

// ID implements common.Page.
func (m *Model) ID() int { return m.id }

// Init implements common.Page: the first page and the refresh timer.
func (m *Model) Init() tea.Cmd { return tea.Batch(m.run(), m.startTimer()) }

// Resume is called by the root when the page is on top again: the timer
// stopped while another page was, and what that page did (a payment, a
// look at an order) may have changed the list.
func (m *Model) Resume() tea.Cmd { return tea.Batch(m.refresh(false), m.startTimer()) }

// Title implements common.Page.
func (m *Model) Title() string {
	if m.q.ids != nil {
		return "Orders: " + itoa(len(m.q.ids)) + " ids"
	}
	return "Orders"
}

// CapturesInput implements common.Page.
func (m *Model) CapturesInput() bool { return m.finding }

// ClaimsBack keeps esc for closing the id search, and for clearing a
// search's results before leaving.
func (m *Model) ClaimsBack() bool { return m.finding || m.q.ids != nil }

// Close implements common.Page: requests are cancelled and the timer's
// next tick is dropped.
func (m *Model) Close() {
	m.closed = true
	m.gen++
	m.req.Close()
}

// SetSize implements common.Page.
func (m *Model) SetSize(w, h int) {
	m.w, m.h = w, h
	m.input.Width = max(w-len(m.input.Prompt)-2, 1)
	m.t.layout(w, m.tableRows(), m.c.Config.DisplayCurrency)
}

// tableRows is how many rows fit: the page less the tabs, the info line,
// the table header and the count line.
func (m *Model) tableRows() int { return max(m.h-4, 1) }

// Selected is the order under the cursor.
func (m *Model) Selected() (xport.Order, bool) {
	if r := m.t.selected(); r != nil && m.state == ready {
		return r.order, true
	}
	return xport.Order{}, false
}

// tabName is the tab in words, for messages.
func (m *Model) tabName() string {
	t := tabs()[m.tab]
	if t.status == "" {
		return "all orders"
	}
	return "orders " + t.en
}

func clean(s string) string { return sanitize.Line(s) }
