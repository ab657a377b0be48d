package checkout

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"caigou/ui/cart"
	"caigou/ui/common"
	"caigou/ui/journal"
	"caigou/xport"

	tea "github.com/charmbracelet/bubbletea"
)

// errNoJournal refuses a create the journal could not record.
var errNoJournal = errors.New("there is no order journal, so nothing was sent: without it a lost answer could not be looked up")

func previewKind(i int) string { return "preview-" + strconv.Itoa(i) }

const kindPay = "pay"

type previewMsg struct {
	common.Reply
	group    int
	previews []xport.Preview
	err      error
	// earlier is the outOrderId of an earlier create of the group's goods
	// whose answer was lost, looked up before the preview; earlierIDs are
	// the orders found under it (the goods are already ordered: nothing is
	// previewed). Otherwise look and why say what the look-up found, and
	// lookErr is a look-up that failed: the goods stay tied to the
	// reference either way.
	earlier    string
	earlierIDs []string
	look       lookKind
	why        string
	lookErr    error
	journalErr error
}

// placedMsg is the end of one create. Everything that must happen whatever
// becomes of the page (the journal outcome, the cart lines) has already
// happened in the command; the message only tells the page.
type placedMsg struct {
	common.Reply
	group      int
	outOrderID string
	// sent is false when nothing left the desk (no id, no journal).
	sent     bool
	unknown  bool
	orderIDs []string
	err      error  // the create's failure
	reason   string // why nothing (or not everything) was ordered, in words
	// journalErr is a failure to record the outcome: the order is still
	// what the service said, but the agent must know the journal lags.
	journalErr error
	// stillOpen is a re-send under an unsettled reference that was
	// refused: the earlier create may still land, so the reference stays
	// unsettled.
	stillOpen bool
}

// lookedUpMsg is the end of a look-up after a lost answer.
type lookedUpMsg struct {
	common.Reply
	group      int
	orderIDs   []string
	absent     bool
	why        string
	err        error
	journalErr error
}

// recheckMsg is the page's own timer: unsettled creates are looked up
// again while the page is open.
type recheckMsg struct{ common.Reply }

// recheckEvery is how often an open checkout looks unsettled creates up.
const recheckEvery = 30 * time.Second

type payMsg struct {
	common.Reply
	asked []string
	more  int // created orders left for a later batch
	res   *xport.PayResult
	err   error
}

// preview asks for the group's preview. Goods an earlier create already
// carried, whose answer was lost (a session that died between send and
// answer, a page left while its look-up failed), are looked up first:
// offering them again without knowing would be a blind retry, and could
// order them twice. Goods found unsettled are still previewed, so the
// agent sees what ordering them again would cost, but stay tied to the
// earlier reference.
func (m *Model) preview(i int) tea.Cmd {
	g := m.groups[i]
	m.changed(i)
	if g.phase != unsettled {
		g.phase, g.err = previewing, nil
	}
	g.previews = nil
	ctx, seq := m.req.Start(previewKind(i))
	c, page := m.c, m.id
	r := xport.OrderRequest{Address: m.addr.Param(), Cargo: g.cargo()}
	seller := g.g.SellerOpenID
	keys := make([]cart.Key, 0, len(g.g.Lines))
	for _, l := range g.g.Lines {
		keys = append(keys, l.Key())
	}
	checkEarlier := c.Journal != nil && g.outOrderID == ""
	return func() tea.Msg {
		out := previewMsg{Reply: common.Reply{Page: page, Seq: seq}, group: i}
		if checkEarlier {
			e := settleEarlier(ctx, c, seller, keys)
			out.earlier, out.earlierIDs, out.look, out.why, out.lookErr, out.journalErr = e.ref, e.ids, e.look, e.why, e.err, e.journalErr
			// Found placed, with nothing else unsettled: done. Found
			// placed beside one still unknown: previewed, like any
			// unsettled goods, to show what ordering them again costs.
			if (len(out.earlierIDs) > 0 && out.look == lookNone) || (out.lookErr != nil && out.earlier == "") {
				return out
			}
		}
		out.previews, out.err = marketOf(c).PreviewOrder(ctx, r)
		return out
	}
}

// earlierCreate is what settleEarlier found.
type earlierCreate struct {
	ref        string
	ids        []string
	look       lookKind
	why        string
	err        error
	journalErr error
}

// settleEarlier looks up every pending intent of the seller that carries
// one of keys, records what it finds, and takes the lines of an order it
// finds out of the cart, as the lost answer would have. It returns the
// reference the goods stay tied to (the newest still unsettled, so a
// create sent later goes under the same outOrderId and the service's
// idempotency covers a late landing of the earlier one), the orders
// found, and a look-up (or journal read) that failed.
func settleEarlier(ctx context.Context, c *common.Common, seller string, keys []cart.Key) earlierCreate {
	var e earlierCreate
	pending, _, err := c.Journal.PendingFor(seller)
	if err != nil {
		e.err = fmt.Errorf("the order journal could not be read to check for an earlier order of these goods: %w", err)
		return e
	}
	var placed []cart.Key
	for _, in := range pending {
		var shared []cart.Key
		for _, l := range in.Lines {
			if k := (cart.Key{OfferID: l.OfferID, SpecID: l.SpecID}); in.SellerOpenID == seller && slices.Contains(keys, k) {
				shared = append(shared, k)
			}
		}
		if len(shared) == 0 {
			continue
		}
		l, err := journal.Resolve(ctx, marketOf(c), in)
		if err != nil {
			e.ref, e.look, e.err = in.OutOrderID, lookFailed, err
			return e
		}
		if werr := c.Journal.Outcome(journal.OutcomeOf(in.OutOrderID, l, "before ordering the same goods again")); werr != nil {
			e.journalErr = werr
		}
		if ids := l.OrderIDs(); len(ids) > 0 {
			e.ids = append(e.ids, ids...)
			placed = append(placed, shared...)
			if e.look == lookNone {
				e.ref = in.OutOrderID
			}
			continue
		}
		e.ref, e.look, e.why = in.OutOrderID, lookUnproven, l.Why
		if l.Absent {
			e.look = lookNotFound
		}
	}
	if len(placed) > 0 {
		c.Cart.Remove(placed...)
	}
	return e
}

// place sends one group's create: intent first, then the create, never
// retried, then its outcome. Creates run on the session's context, not the
// page's, so leaving the page cannot cut one off halfway.
func (m *Model) place(i int, again string) tea.Cmd {
	g := m.groups[i]
	m.changed(i)
	g.inFlight, g.phase, g.err, g.note = true, placing, nil, ""
	var lines []journal.Line
	for _, l := range g.g.Lines {
		lines = append(lines, journal.Line{OfferID: l.OfferID, SpecID: l.SpecID, Quantity: l.Quantity})
	}
	in := journal.Intent{
		// A retry keeps the outOrderId of the first attempt: should that
		// attempt still land late, the service's idempotency by outOrderId
		// answers the retry with the same order instead of a second one.
		OutOrderID:   g.outOrderID,
		SellerOpenID: g.g.SellerOpenID,
		SellerName:   g.g.SellerName,
		Lines:        lines,
		PreviewTotal: g.total(),
		Again:        again,
	}
	// The create carries what the backend's preview decided for it (1688:
	// the flow it priced with and the trade type chosen from those it
	// offers). Xportcn decides nothing there: its create keeps the flow
	// its preview was asked with, as Xport's wrapping of 1688's flowFlag
	// is not documented.
	r := xport.OrderRequest{Address: m.addr.Param(), Cargo: g.cargo(), Message: g.message}
	if len(g.previews) > 0 {
		r.Flow, r.TradeType = g.previews[0].PlaceFlow, g.previews[0].PlaceTradeType
	}
	glines := g.g.Lines
	keys := make([]cart.Key, 0, len(glines))
	for _, l := range glines {
		keys = append(keys, l.Key())
	}
	c, page := m.c, m.id
	return func() tea.Msg {
		out := placedMsg{Reply: common.Reply{Page: page}, group: i}
		if c.Journal == nil {
			out.err = errNoJournal
			out.reason = errNoJournal.Error()
			return out
		}
		if in.OutOrderID == "" {
			id, err := journal.NewOutOrderID(c.Now())
			if err != nil {
				out.err = err
				out.reason = "no order reference could be made, so nothing was sent: " + err.Error()
				return out
			}
			in.OutOrderID = id
		}
		out.outOrderID = in.OutOrderID
		if err := c.Journal.Intend(in); err != nil {
			out.err = err
			out.reason = "the order journal could not be written, so nothing was sent: " + err.Error()
			return out
		}
		out.sent = true
		r.OutOrderID = in.OutOrderID
		res, err := marketOf(c).CreateOrder(c.Ctx, r)
		o := journal.Outcome{OutOrderID: in.OutOrderID}
		switch {
		case err == nil && len(res.OrderIDs()) > 0:
			out.orderIDs = res.OrderIDs()
			o.Result, o.OrderIDs = journal.Created, out.orderIDs
			kept, why := failedLines(res.FailedOffers, glines)
			out.reason, o.Reason = why, why
			c.Cart.Remove(without(keys, kept)...)
		case err == nil:
			// CreateOrder returns an answer without orders only when it
			// says in words that nothing was ordered.
			out.reason = createRefusal(res)
			o.Result, o.Reason = journal.Refused, out.reason
		case xport.ExplicitRefusal(err):
			out.err, out.reason = err, refusal(err)
			o.Result, o.Reason = journal.Refused, out.reason
		default:
			// No answer, or one that does not say: the create may have
			// taken effect. Refused is only ever what the service said.
			out.err, out.unknown = err, true
			o.Result, o.Reason = journal.Unknown, err.Error()
		}
		if o.Result == journal.Refused && again != "" {
			// This attempt was refused, but an earlier create under the
			// same reference lost its answer and may still land: the
			// reference stays open, and is looked up as before.
			out.stillOpen = true
			o.Result = journal.Unknown
			o.Reason = "this attempt was refused (" + out.reason + "); an earlier create under the same reference lost its answer and may still land"
		}
		out.journalErr = c.Journal.Outcome(o)
		return out
	}
}

// lookUp asks whether a create whose answer was lost took effect. It only
// reads: nothing is sent again from here.
func (m *Model) lookUp(i int) tea.Cmd {
	g := m.groups[i]
	m.changed(i)
	g.inFlight, g.err = true, nil
	in := journal.Intent{OutOrderID: g.outOrderID, SellerOpenID: g.g.SellerOpenID}
	keys := make([]cart.Key, 0, len(g.g.Lines))
	for _, l := range g.g.Lines {
		keys = append(keys, l.Key())
	}
	c, page := m.c, m.id
	return func() tea.Msg {
		out := lookedUpMsg{Reply: common.Reply{Page: page}, group: i}
		l, err := journal.Resolve(c.Ctx, marketOf(c), in)
		if err != nil {
			out.err = err
			return out
		}
		out.orderIDs, out.absent, out.why = l.OrderIDs(), l.Absent, l.Why
		if len(out.orderIDs) > 0 {
			// The lost answer may have listed lines it refused; without it
			// every line of the group leaves the cart, since ordering one
			// twice costs more than re-adding one by hand.
			c.Cart.Remove(keys...)
		}
		out.journalErr = c.Journal.Outcome(journal.OutcomeOf(in.OutOrderID, l, "after a lost answer"))
		return out
	}
}

// recheck schedules the page's next look at its unsettled creates.
func (m *Model) recheck() tea.Cmd {
	if m.ticking {
		return nil
	}
	m.ticking = true
	return m.after(recheckEvery, recheckMsg{common.Reply{Page: m.id}})
}

func (m *Model) pay(ids []string, more int) tea.Cmd {
	m.paying = true
	ctx, seq := m.req.Start(kindPay)
	cl, page := marketOf(m.c), m.id
	return func() tea.Msg {
		res, err := cl.PayOrders(ctx, ids)
		return payMsg{Reply: common.Reply{Page: page, Seq: seq}, asked: ids, more: more, res: res, err: err}
	}
}

// failedLines finds the cart lines a create refused while it created the
// rest: they stay in the cart.
func failedLines(fo []xport.FailedOffer, lines []cart.Line) ([]cart.Key, string) {
	if len(fo) == 0 {
		return nil, ""
	}
	var kept []cart.Key
	why := "not ordered:"
	for _, f := range fo {
		for _, l := range lines {
			if l.OfferID == string(f.OfferID) && (f.SpecID == "" || l.SpecID == string(f.SpecID)) {
				kept = append(kept, l.Key())
			}
		}
		msg := string(f.ErrorMessage)
		if msg == "" {
			msg = string(f.ErrorCode)
		}
		why += fmt.Sprintf(" offer %s %s: %s;", f.OfferID, f.SpecID, msg)
	}
	return kept, why[:len(why)-1]
}

func without(keys, drop []cart.Key) []cart.Key {
	out := keys[:0:0]
	for _, k := range keys {
		keep := true
		for _, d := range drop {
			keep = keep && k != d
		}
		if keep {
			out = append(out, k)
		}
	}
	return out
}
