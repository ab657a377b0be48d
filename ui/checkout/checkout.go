// Package checkout is the page between the cart and real orders. It
// previews each supplier's group (1688 takes one supplier per order), shows
// what the preview says the goods, freight and totals are, asks for an
// explicit confirmation, places the orders through the order journal, and
// asks for payment. Real money moves here, so the page never sends a create
// twice: each group has one outOrderId and an in-flight flag, and a lost
// answer is looked up before anything else is offered.
package checkout

import (
	"time"

	"caigou/ui/cart"
	"caigou/ui/common"
	"caigou/xport"

	tea "github.com/charmbracelet/bubbletea"
)

// Model is the checkout page.
type Model struct {
	c      *common.Common
	id     int
	req    *common.Requests
	addr   xport.Address
	groups []*group

	sel        int
	confirming bool
	// asked is what the open question would place: every orderable group,
	// or the one group a retry is for.
	asked []int
	// round is true from a confirmation until every group it sent has its
	// outcome, so the summary is announced once.
	round  bool
	paying bool
	// typing is the prompt for the end of a reference, the one way to
	// order unsettled goods again; typed is what was typed so far.
	typing bool
	typed  []rune
	// ticking is set while the recheck timer is scheduled; after makes
	// the timer (tests replace it to fire the recheck by hand).
	ticking bool
	after   func(time.Duration, tea.Msg) tea.Cmd
	// payIssued are the orders a payment link was already asked for, so
	// P moves on to the next batch.
	payIssued map[string]bool

	w, h     int
	header   []string
	body     []string // the groups, scrolled
	footer   []string // totals and the question
	groupTop []int    // the first body line of each group
	offset   int
	more     string // the body's last line while more is below

	// What the parts were drawn for (layout.go): the width, the group
	// the cursor was on, the groups changed since, and every change of
	// any group (gen), which the footer's totals follow.
	laidW   int
	laidSel int
	stale   []int
	gen     int
	footFor footKey
}

// New builds the page for the supplier groups to order, shipped to addr.
// messages maps a seller's open id to an optional message to that seller.
func New(c *common.Common, addr xport.Address, groups []cart.Group, messages map[string]string) common.Page {
	m := &Model{
		c:         c,
		id:        c.NextID(),
		req:       common.NewRequests(c.Ctx),
		addr:      addr,
		payIssued: map[string]bool{},
		after: func(d time.Duration, msg tea.Msg) tea.Cmd {
			return tea.Tick(d, func(time.Time) tea.Msg { return msg })
		},
	}
	for _, g := range groups {
		if len(g.Lines) == 0 {
			continue
		}
		// The groups are a snapshot: the cart may change under us (another
		// session), but what was previewed is what is ordered.
		g.Lines = append([]cart.Line(nil), g.Lines...)
		m.groups = append(m.groups, &group{g: g, message: messages[g.SellerOpenID]})
	}
	return m
}

// ID implements common.Page.
func (m *Model) ID() int { return m.id }

// Init previews every group at once, in parallel: one preview per
// supplier.
func (m *Model) Init() tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(m.groups))
	for i := range m.groups {
		cmds = append(cmds, m.preview(i))
	}
	m.layout()
	return tea.Batch(cmds...)
}

// SetSize implements common.Page.
func (m *Model) SetSize(w, h int) {
	m.w, m.h = w, h
	m.layout()
}

// Title implements common.Page.
func (m *Model) Title() string { return "Checkout" }

// CapturesInput implements common.Page: the typed reference is text.
// The confirmation takes every key too: "any other key goes back" must
// hold for q, which the root would otherwise take as quit.
func (m *Model) CapturesInput() bool { return m.typing || m.confirming }

// ClaimsBack keeps the page open while a question is asked (back answers
// no) and while orders are being placed or looked up (their outcome must
// be seen, and their cart lines removed, by this page).
func (m *Model) ClaimsBack() bool { return m.confirming || m.typing || m.busy() }

// Close cancels the previews and the payment request. Creates and
// look-ups run on the session's context instead: cancelling a create that
// was sent would only turn a known outcome into an unknown one.
func (m *Model) Close() { m.req.Close() }

// busy reports a create or a look-up in flight.
func (m *Model) busy() bool {
	for _, g := range m.groups {
		if g.inFlight {
			return true
		}
	}
	return false
}
