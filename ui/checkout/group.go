package checkout

import (
	"caigou/ui/cart"
	"caigou/xport"
)

// phase is where a group is on its way to an order.
type phase int

const (
	previewing    phase = iota
	previewFailed       // no answer (network, server): r previews again
	refused             // the preview refused it: fix it in the cart
	ready               // previewed: can be placed
	placing             // the create is in flight
	checking            // the create's answer was lost: looking it up
	created             // orders exist
	failed              // the create was refused: nothing was ordered
	// unsettled: a create of these goods lost its answer and no order has
	// been found under its reference. It is not "not placed": the create
	// may still land, or the answers could not prove anything. r looks
	// again (and the page looks by itself every recheckEvery); ordering
	// the goods again takes the reference typed, never one key.
	unsettled
)

// lookKind is what the look-ups of an unsettled create found.
type lookKind int

const (
	lookNone     lookKind = iota // not looked up yet
	lookNotFound                 // no order yet, and the answer proves it for now
	lookUnproven                 // the answer cannot prove there is no order
	lookFailed                   // the look-up itself failed
)

// group is one supplier's part of the checkout.
type group struct {
	g       cart.Group
	message string
	phase   phase

	previews []xport.Preview
	err      error  // the last failure, for its words
	lost     error  // why the create's answer was lost, while that matters
	note     string // what else the agent should know (lines the create refused, a journal problem)

	// outOrderID is made once, before the first create, and kept for
	// every later attempt of this group.
	outOrderID string
	orderIDs   []string
	// earlier is set when the reference is an earlier create's, found
	// pending when the page opened: its answer had been lost.
	earlier bool
	// look and why say what the look-ups of an unsettled create found.
	look lookKind
	why  string
	// inFlight is set when a create or a look-up is sent and cleared by
	// its answer; nothing else is sent for the group meanwhile.
	inFlight bool

	// gen counts the group's changes (Model.changed). drawn is its block
	// of lines as drawn for drawnFor, kept while that still holds, with
	// its first line as it is without the cursor; selHead is that line
	// with the cursor on it.
	gen      int
	drawn    []string
	selHead  string
	drawnFor drawKey
}

// orders is how many orders the group becomes (a preview may split it).
func (g *group) orders() int { return max(len(g.previews), 1) }

// total is the previewed sumPayment (goods and freight) of the group.
func (g *group) total() xport.Fen {
	var t xport.Fen
	for _, p := range g.previews {
		t, _ = t.Add(p.SumPayment)
	}
	return t
}

// totalWithFee is the previewed sumTotalPayment; the reference cannot say
// what it adds (an Xport fee or an FX adjustment), so it is shown beside
// sumPayment, never instead of it.
func (g *group) totalWithFee() xport.Fen {
	var t xport.Fen
	for _, p := range g.previews {
		t, _ = t.Add(p.SumTotalPayment)
	}
	return t
}

// cargo is the order lines of the group.
func (g *group) cargo() []xport.Cargo {
	out := make([]xport.Cargo, 0, len(g.g.Lines))
	for _, l := range g.g.Lines {
		out = append(out, xport.Cargo{OfferID: xport.NumID(l.OfferID), SpecID: l.SpecID, Quantity: l.Quantity})
	}
	return out
}

// line finds the cart line a preview item prices.
func (g *group) line(it xport.PreviewItem) (cart.Line, bool) {
	for _, l := range g.g.Lines {
		if l.OfferID == string(it.OfferID) && (l.SpecID == string(it.SpecID) || it.SpecID == "") {
			return l, true
		}
	}
	return cart.Line{}, false
}

// retriable reports what r would do for the group, if anything.
func (g *group) retriable() bool {
	if g.inFlight {
		return false
	}
	switch g.phase {
	case previewFailed, unsettled:
		return true
	}
	return false
}

// againCode is what the agent types to order unsettled goods again: the
// end of the reference, enough that no stray key sequence can send it.
func (g *group) againCode() string {
	r := []rune(g.outOrderID)
	return string(r[max(len(r)-againLen, 0):])
}

const againLen = 6
