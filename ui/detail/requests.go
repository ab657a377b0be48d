package detail

import (
	"time"

	"caigou/ui/common"
	"caigou/xport"

	tea "github.com/charmbracelet/bubbletea"
)

// Request kinds: each new one cancels the previous of its kind.
const (
	kindDetail    = "detail"
	kindAddresses = "addresses"
	kindFreight   = "freight"
	kindChat      = "chat"
)

type detailMsg struct {
	common.Reply
	d   *xport.ProductDetail
	err error
}

type addressMsg struct {
	common.Reply
	list []xport.Address
	err  error
}

// freightDue fires when the quantity has been still for the debounce
// time; Seq is the generation of the choice it was scheduled for.
type freightDue struct{ common.Reply }

type freightMsg struct {
	common.Reply
	f   *xport.Freight
	err error
}

type chatMsg struct {
	common.Reply
	url string
	err error
}

func (m *Model) fetchDetail() tea.Cmd {
	ctx, seq := m.req.Start(kindDetail)
	cl, id, page := marketOf(m.c), string(m.offer.OfferID), m.id
	return func() tea.Msg {
		d, err := cl.ProductDetail(ctx, id)
		return detailMsg{Reply: common.Reply{Page: page, Seq: seq}, d: d, err: err}
	}
}

func (m *Model) fetchAddresses() tea.Cmd {
	ctx, seq := m.req.Start(kindAddresses)
	cl, page := marketOf(m.c), m.id
	return func() tea.Msg {
		list, err := cl.Addresses(ctx)
		return addressMsg{Reply: common.Reply{Page: page, Seq: seq}, list: list, err: err}
	}
}

// scheduleFreight debounces: the estimate is asked for only once the
// agent stops pressing + for a moment, not once per key.
func (m *Model) scheduleFreight() tea.Cmd {
	m.freightGen++
	m.freightErr = nil
	if m.req.InFlight(kindFreight) {
		// An estimate on its way is for the old choice: drop it, or it
		// would show as this one's until the debounce runs out.
		_, seq := m.req.Start(kindFreight)
		m.req.Done(kindFreight, seq)
	}
	if m.addr == nil {
		return nil
	}
	gen, page := m.freightGen, m.id
	m.freightWaiting = true
	return tea.Tick(m.debounce, func(time.Time) tea.Msg {
		return freightDue{common.Reply{Page: page, Seq: gen}}
	})
}

func (m *Model) fetchFreight() tea.Cmd {
	q, ok := m.freightQuery()
	if !ok {
		m.freightWaiting = false
		return nil
	}
	ctx, seq := m.req.Start(kindFreight)
	cl, page := marketOf(m.c), m.id
	return func() tea.Msg {
		f, err := cl.FreightEstimate(ctx, q)
		return freightMsg{Reply: common.Reply{Page: page, Seq: seq}, f: f, err: err}
	}
}

func (m *Model) fetchChat() tea.Cmd {
	ctx, seq := m.req.Start(kindChat)
	cl, page := marketOf(m.c), m.id
	open, offer := m.p.sellerOpen, m.p.offerID
	return func() tea.Msg {
		u, err := cl.ChatLink(ctx, open, offer)
		return chatMsg{Reply: common.Reply{Page: page, Seq: seq}, url: u, err: err}
	}
}
