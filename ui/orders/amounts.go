package orders

import (
	"caigou/ui/common"
	"caigou/xport"
)

// On Xportcn the unit of order amounts is a setting ([xport.wire]
// order_amount_unit) because the reference cannot prove it; on 1688 it is
// documented. Either way an amount that does not fit the unit, or an order
// total about a hundred times (or a hundredth) the preview the agent
// confirmed for it, is shown as a question, never as money: a wrong unit
// misleads by exactly that factor. What the agent can do about it is the
// backend's to say (unitAdvice).

// unitAdvice is what the agent can do about amounts that do not fit.
func unitAdvice(c *common.Common) string {
	if marketOf(c) == nil {
		return ""
	}
	return marketOf(c).Backend().AmountUnitFix
}

// unitSuspect reports a total that is about 100× or 1/100× the preview:
// within a fifth either way, far beyond any freight or price change.
func unitSuspect(total, preview xport.Fen) bool {
	const limit = 1 << 50 // keeps the products below from overflowing
	if total <= 0 || preview <= 0 || total > limit || preview > limit {
		return false
	}
	near := func(a, b xport.Fen) bool { return a*10 >= b*8 && a*10 <= b*12 }
	return near(total, preview*100) || near(total*100, preview)
}

// amountProblem says why an order's amounts cannot be shown as money, or
// "" when they can.
func amountProblem(o xport.Order, preview xport.Fen) string {
	if err := o.AmountError(); err != nil {
		return err.Error()
	}
	t := o.BaseInfo.TotalAmount
	if t.Known() && unitSuspect(t.Fen(), preview) {
		return "the total " + t.Raw() + " is about 100 times off the " + preview.String() + " previewed for this order: the amounts look like the wrong unit"
	}
	return ""
}

// moneyCell is an amount for a table cell: "—" when none was sent, "?"
// when it cannot be trusted.
func moneyCell(c *common.Common, a xport.Amount, trusted bool) string {
	switch {
	case !a.Present():
		return "—"
	case !a.Known() || !trusted:
		return "? unit"
	}
	return c.MoneyShort(a.Fen())
}

// payAmount is what an order will charge, when its amount can be trusted
// (read in a known unit and not contradicted by its preview).
func payAmount(o xport.Order, preview xport.Fen) (xport.Fen, bool) {
	a := o.BaseInfo.TotalAmount
	if amountProblem(o, preview) != "" || !a.Known() {
		return 0, false
	}
	return a.Fen(), true
}
