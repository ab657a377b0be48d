package orders

import (
	"strings"
	"time"

	"caigou/ui/common"
	"caigou/ui/keys"
	"caigou/ui/link"
	"caigou/xport"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

const (
	reqDetail = "detail"
	reqTrace  = "trace"
)

type traceState int

const (
	traceLoading traceState = iota
	traceLoaded
	traceFailed
)

// detailMsg is the order as the detail endpoint has it.
type detailMsg struct {
	common.Reply
	at  time.Time
	res *xport.Order
	err error
}

// traceMsg is the order's parcels' traces.
type traceMsg struct {
	common.Reply
	at  time.Time
	res []xport.LogisticsTrace
	err error
}

// Detail is one order: lines, money, statuses, supplier, address, times
// and the parcels' traces.
type Detail struct {
	c    *common.Common
	id   int
	req  *common.Requests
	w, h int

	orderID string
	order   xport.Order
	// preview is what the agent confirmed for this order at checkout (0
	// when it was not ordered from this desk): the cross-check of the
	// amounts' unit.
	preview xport.Fen
	loaded  bool // the detail endpoint has answered
	loadErr error

	traceState traceState
	traceErr   error
	traces     []xport.LogisticsTrace
	parcels    []parcel
	parcel     int // the parcel y copies

	paying  bool
	payNote string
	// confirmCancel: the question "cancel this order?" is shown and the
	// next key answers it; cancelling: its answer is awaited.
	confirmCancel, cancelling bool
	// updated is when the order and its trace last both answered.
	updated time.Time

	// lines is the laid-out page, rebuilt when the data or the size
	// changes, never in View.
	lines  []string
	offset int
}

// NewDetail opens an order from the list, showing what the list had
// while the detail and the trace load.
func NewDetail(c *common.Common, o xport.Order) common.Page { return newDetail(c, o) }

func newDetail(c *common.Common, o xport.Order) *Detail {
	return &Detail{c: c, id: c.NextID(), req: common.NewRequests(c.Ctx), orderID: orderIDOf(o), order: o}
}

// ID implements common.Page.
func (d *Detail) ID() int { return d.id }

// Init implements common.Page.
func (d *Detail) Init() tea.Cmd { return d.reload() }

// reload asks for the order and its trace at once.
func (d *Detail) reload() tea.Cmd {
	if d.orderID == "" {
		return common.Status(common.Warn, "This order has no id to look up")
	}
	client, id, now := marketOf(d.c), d.orderID, d.c.Now
	dctx, dseq := d.req.Start(reqDetail)
	tctx, tseq := d.req.Start(reqTrace)
	d.traceState = traceLoading
	d.layout()
	dr := common.Reply{Page: d.id, Seq: dseq}
	tr := common.Reply{Page: d.id, Seq: tseq}
	return tea.Batch(
		func() tea.Msg {
			res, err := client.OrderDetail(dctx, id)
			return detailMsg{Reply: dr, at: now(), res: res, err: err}
		},
		func() tea.Msg {
			res, err := client.Logistics(tctx, id)
			return traceMsg{Reply: tr, at: now(), res: res, err: err}
		},
	)
}

// Title implements common.Page.
func (d *Detail) Title() string { return "Order " + shortID(d.orderID) }

// CapturesInput implements common.Page.
func (d *Detail) CapturesInput() bool { return d.confirmCancel }

// Close implements common.Page.
func (d *Detail) Close() { d.req.Close() }

// SetSize implements common.Page.
func (d *Detail) SetSize(w, h int) {
	d.w, d.h = w, h
	d.layout()
}

// Update implements common.Page.
func (d *Detail) Update(msg tea.Msg) (common.Page, tea.Cmd) {
	switch msg := msg.(type) {
	case detailMsg:
		return d, d.onDetail(msg)
	case traceMsg:
		return d, d.onTrace(msg)
	case payMsg:
		return d, d.onPay(msg)
	case cancelMsg:
		return d, d.onCancel(msg)
	case tea.KeyMsg:
		if d.confirmCancel {
			return d, d.onConfirmKey(msg)
		}
		return d, d.onKey(msg)
	}
	return d, nil
}

func (d *Detail) onDetail(msg detailMsg) tea.Cmd {
	if !d.req.Current(reqDetail, msg.Seq) {
		return nil
	}
	d.req.Done(reqDetail, msg.Seq)
	d.answered(msg.at)
	if msg.err != nil {
		d.loadErr = msg.err
		d.layout()
		return common.Error("Loading order "+d.orderID, msg.err)
	}
	if msg.res == nil {
		return nil
	}
	before := strings.TrimSpace(string(d.order.BaseInfo.Status))
	d.order, d.loaded, d.loadErr = *msg.res, true, nil
	d.parcels = parcels(d.order, d.traces)
	d.parcel = min(d.parcel, max(len(d.parcels)-1, 0))
	d.layout()
	if after := strings.TrimSpace(string(d.order.BaseInfo.Status)); before != "" && after != before {
		return announce([]change{{id: d.orderID, from: before, to: after}})
	}
	return nil
}

func (d *Detail) onTrace(msg traceMsg) tea.Cmd {
	if !d.req.Current(reqTrace, msg.Seq) {
		return nil
	}
	d.req.Done(reqTrace, msg.Seq)
	d.answered(msg.at)
	if msg.err != nil {
		d.traceState, d.traceErr = traceFailed, msg.err
		d.layout()
		return common.Error("Loading the tracking of order "+d.orderID, msg.err)
	}
	d.traceState, d.traceErr, d.traces = traceLoaded, nil, msg.res
	d.parcels = parcels(d.order, d.traces)
	d.parcel = min(d.parcel, max(len(d.parcels)-1, 0))
	d.layout()
	return nil
}

// answered notes the time once both the order and its trace are in.
func (d *Detail) answered(at time.Time) {
	if !d.req.InFlight(reqDetail) && !d.req.InFlight(reqTrace) {
		d.updated = at
	}
}

func (d *Detail) onKey(msg tea.KeyMsg) tea.Cmd {
	km := d.c.Keys
	switch {
	case km.Matches(msg, keys.Up):
		d.scroll(-1)
	case km.Matches(msg, keys.Down):
		d.scroll(1)
	case km.Matches(msg, keys.PageUp):
		d.scroll(-d.rows())
	case km.Matches(msg, keys.PageDown):
		d.scroll(d.rows())
	case km.Matches(msg, keys.Top):
		d.offset = 0
	case km.Matches(msg, keys.Bottom):
		d.scroll(len(d.lines))
	case km.Matches(msg, keys.NextPane), km.Matches(msg, keys.Right):
		d.pickParcel(1)
	case km.Matches(msg, keys.PrevPane), km.Matches(msg, keys.Left):
		d.pickParcel(-1)
	case km.Matches(msg, keys.Copy):
		return d.copyBill()
	case km.Matches(msg, keys.Pay):
		return d.pay()
	case km.Matches(msg, keys.BuyAgain):
		return common.Push(NewAgain(d.c, d.order))
	case km.Matches(msg, keys.Cancel):
		return d.askCancel()
	case km.Matches(msg, keys.Retry), km.Matches(msg, keys.Refresh):
		return d.reload()
	}
	return nil
}

func (d *Detail) scroll(n int) {
	d.offset = max(min(d.offset+n, len(d.lines)-d.rows()), 0)
}

// rows is how many laid-out lines the screen shows: one less than the
// height when a line is needed to say there is more.
func (d *Detail) rows() int {
	if len(d.lines) > d.h {
		return max(d.h-1, 1)
	}
	return d.h
}

func (d *Detail) pickParcel(n int) {
	if len(d.parcels) < 2 {
		return
	}
	d.parcel = (d.parcel + n + len(d.parcels)) % len(d.parcels)
	d.layout()
}

// copyBill puts the chosen parcel's bill number on the clipboard through
// the link panel's OSC 52 copy.
func (d *Detail) copyBill() tea.Cmd {
	if d.parcel >= len(d.parcels) || d.parcels[d.parcel].billNo == "" {
		return common.Status(common.Warn, "No bill number to copy yet: the seller has not shipped")
	}
	bill := d.parcels[d.parcel].billNo
	cp := link.Copy(d.c, bill)
	return func() tea.Msg {
		msg := cp()
		if st, ok := msg.(common.StatusMsg); ok && st.Text == link.CopiedText {
			st.Text = "Bill number " + bill + " copied (OSC 52) — if nothing was copied, select it on the screen"
			return st
		}
		return msg
	}
}

// pay asks for a payment link for this order, when it is unpaid.
func (d *Detail) pay() tea.Cmd {
	st := string(d.order.BaseInfo.Status)
	switch {
	case d.paying:
		return common.Status(common.Info, "Already asking for a payment link…")
	case !Unpaid(st):
		return common.Status(common.Warn, "Order "+shortID(d.orderID)+" is "+statusWords(st)+": nothing to pay")
	}
	ctx, seq := d.req.Start(reqPay)
	d.paying = true
	d.payNote = ""
	ids := []string{d.orderID}
	return tea.Batch(payCmd(ctx, marketOf(d.c), common.Reply{Page: d.id, Seq: seq}, ids),
		common.Status(common.Info, payWhat(ids)+": asking for the payment link…"))
}

func (d *Detail) onPay(msg payMsg) tea.Cmd {
	if !d.req.Current(reqPay, msg.Seq) {
		return nil
	}
	d.req.Done(reqPay, msg.Seq)
	d.paying = false
	if msg.err != nil {
		return tea.Batch(common.Error(payWhat(msg.ids), msg.err), d.reload())
	}
	if msg.res == nil {
		return common.Status(common.Warn, payWhat(msg.ids)+": the service answered nothing")
	}
	am := link.Amounts{ByID: map[string]xport.Fen{}}
	if f, ok := payAmount(d.order, d.preview); ok {
		am.ByID[d.orderID] = f
	}
	ans := link.ReadPay(d.c, msg.ids, msg.res, am)
	d.payNote = ans.Cant
	d.layout()
	return tea.Batch(append(ans.Cmds(), d.reload())...)
}

// ShortHelp implements common.Page.
func (d *Detail) ShortHelp() []key.Binding {
	km := d.c.Keys
	var out []key.Binding
	if Unpaid(string(d.order.BaseInfo.Status)) {
		out = append(out, relabel(km, keys.Pay, "pay"))
	}
	if d.parcel < len(d.parcels) && d.parcels[d.parcel].billNo != "" {
		out = append(out, relabel(km, keys.Copy, "copy bill no."))
	}
	if len(d.parcels) > 1 {
		out = append(out, relabel(km, keys.NextPane, "next parcel"))
	}
	if d.confirmCancel {
		return []key.Binding{relabel(km, keys.Confirm, "cancel the order"), key.NewBinding(key.WithKeys("esc"), key.WithHelp("any other key", "keep it"))}
	}
	if d.canCancel() {
		out = append(out, relabel(km, keys.Cancel, "cancel"))
	}
	out = append(out, relabel(km, keys.BuyAgain, "buy again"), relabel(km, keys.Retry, "refresh"), relabel(km, keys.Down, "scroll"))
	return out
}

// FullHelp implements common.Page.
func (d *Detail) FullHelp() [][]key.Binding {
	km := d.c.Keys
	return [][]key.Binding{
		km.Bindings(keys.Up, keys.Down, keys.PageUp, keys.PageDown, keys.Top, keys.Bottom),
		{relabel(km, keys.NextPane, "next parcel"), relabel(km, keys.PrevPane, "previous parcel"), relabel(km, keys.Copy, "copy bill no.")},
		{relabel(km, keys.Pay, "pay if unpaid"), relabel(km, keys.Cancel, "cancel if unpaid (where the backend can)"), relabel(km, keys.BuyAgain, "buy again: its lines back in the cart"), relabel(km, keys.Retry, "refresh"), relabel(km, keys.Refresh, "refresh")},
	}
}
