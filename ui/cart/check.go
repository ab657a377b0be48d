package cart

import (
	"fmt"

	"caigou/ui/pricing"
	"caigou/ui/sanitize"
	"caigou/xport"
)

// Kind is what a warning is about, so a screen can mark the line and a
// test can tell the warnings apart without matching words.
type Kind int

// The warnings the cart gives before any call. Each stands for a refusal
// 1688's preview would answer (1688-rules §3.9).
const (
	// BelowMOQ: the offer's total is under its minimum order (500_005).
	BelowMOQ Kind = iota + 1
	// BelowTier: the offer meets its minimum but not the first price
	// tier, so no wholesale price applies (500_009).
	BelowTier
	// MixNotReached: an offer is under its minimum and the seller's
	// mixed-batch threshold, which would waive it, is not reached (500_006).
	MixNotReached
	// NotLot: a line's quantity is not a multiple of the lot size.
	NotLot
	// OutOfStock: the SKU has none (500_004).
	OutOfStock
	// OverStock: the quantity is more than the stock (500_004).
	OverStock
	// NoPrice: the SKU has no price (500_008).
	NoPrice
	// TooLarge: a total does not fit in an amount.
	TooLarge
)

// Warning is one problem of a supplier group, in words for the agent.
// Key is the line it concerns; for an offer-wide problem it is the
// offer's first line in the group.
type Warning struct {
	Kind Kind
	Key  Key
	Text string
}

// Summary is a supplier group priced and checked.
type Summary struct {
	Group
	Subtotal xport.Fen
	Pieces   int64
	// OK is false when an amount overflowed; Subtotal is then 0.
	OK bool
	// Mixed is true when some offer is under its own minimum and the
	// seller's mixed-batch threshold is reached, which lets it pass.
	Mixed    bool
	Warnings []Warning
}

// Summarize prices and checks each group.
func Summarize(groups []Group) []Summary {
	out := make([]Summary, len(groups))
	for i, g := range groups {
		out[i] = Check(g)
	}
	return out
}

// GrandTotal adds the subtotals; ok is false on overflow or when a
// subtotal overflowed.
func GrandTotal(ss []Summary) (xport.Fen, bool) {
	var t xport.Fen
	for _, s := range ss {
		if !s.OK {
			return 0, false
		}
		var ok bool
		if t, ok = t.Add(s.Subtotal); !ok {
			return 0, false
		}
	}
	return t, true
}

// Check prices a group's lines from the tiers that apply to their offer
// totals and states, in plain words, what 1688's preview would refuse:
// the minimum order on each offer's total (waived when the seller's
// mixed-batch threshold is reached by the whole group), the lot size and
// the stock of each SKU, and a missing price.
func Check(g Group) Summary {
	lines := Reprice(append([]Line(nil), g.Lines...))
	s := Summary{Group: g, OK: true}
	s.Lines = lines
	s.Subtotal, s.OK = Sum(lines)
	s.Pieces, _ = Pieces(lines)
	if !s.OK {
		s.Warnings = append(s.Warnings, Warning{TooLarge, lines[0].Key(),
			"the amounts are too large to add up: lower a quantity"})
	}

	for _, l := range lines {
		s.Warnings = append(s.Warnings, lineWarnings(l)...)
	}

	totals := OfferQuantities(lines)
	var short []Warning // offers under their own minimum
	var mix pricing.Mix
	seen := map[string]bool{}
	for _, l := range lines {
		if l.Mix.Enabled && !mix.Enabled {
			mix = l.Mix
		}
		if seen[l.OfferID] {
			continue
		}
		seen[l.OfferID] = true
		if w, ok := offerMinimum(l, totals[l.OfferID]); ok {
			short = append(short, w)
		}
	}
	if len(short) == 0 {
		return s
	}
	if mix.Enabled && s.OK && mixReached(mix, s.Pieces, s.Subtotal) {
		s.Mixed = true
		return s
	}
	for _, w := range short {
		if mix.Enabled {
			w = mixWarning(w, mix, s, firstUnit(lines))
		}
		s.Warnings = append(s.Warnings, w)
	}
	return s
}

// mixWarning restates an offer's shortfall for a seller whose mixed-batch
// rule would waive it, in the product page's words, with how far the
// order is from the threshold.
func mixWarning(w Warning, mix pricing.Mix, s Summary, unit string) Warning {
	far := fmt.Sprintf("; the order has %s, %s so far", pricing.Units(s.Pieces, unit), pricing.Money(s.Subtotal))
	if w.Kind != BelowMOQ {
		w.Text += "; this seller waives it when the order reaches " + mix.Threshold(unit) + " (mixed batch)" + far
		return w
	}
	for _, l := range s.Lines {
		if l.Key() != w.Key {
			continue
		}
		var first int64
		if len(l.Tiers) > 0 {
			first = l.Tiers[0].Start
		}
		r := pricing.NewRules(l.MOQ, l.Batch, first, -1, mix, "", unit)
		total := OfferQuantities(s.Lines)[l.OfferID]
		w.Kind = MixNotReached
		w.Text = title(l) + ": " + r.Warning(total) + far
	}
	return w
}

// lineWarnings checks one SKU's quantity against its lot size and stock
// with the product page's rules; the minimum belongs to the offer, so it
// is checked on the offer's total instead.
func lineWarnings(l Line) []Warning {
	var out []Warning
	name := what(l)
	r := pricing.NewRules(1, l.Batch, 0, l.Stock, pricing.Mix{}, name, l.Unit)
	switch {
	case l.Stock == 0:
		out = append(out, Warning{OutOfStock, l.Key(), name + " is out of stock: remove it or choose another SKU"})
	case l.Quantity%r.Batch != 0:
		out = append(out, Warning{NotLot, l.Key(), name + ": " + r.Check(l.Quantity).Error()})
	case l.Stock > 0 && l.Quantity > l.Stock:
		out = append(out, Warning{OverStock, l.Key(), fmt.Sprintf("%d in the cart, %s", l.Quantity, r.Check(l.Quantity))})
	}
	if l.UnitPrice <= 0 {
		out = append(out, Warning{NoPrice, l.Key(), name + " has no price and cannot be ordered (1688 rule 500_008)"})
	}
	return out
}

// offerMinimum is the warning for an offer whose total is under its
// minimum order, or under the first price tier when that is higher.
func offerMinimum(l Line, total int64) (Warning, bool) {
	var first int64
	if len(l.Tiers) > 0 {
		first = l.Tiers[0].Start
	}
	r := pricing.NewRules(l.MOQ, l.Batch, first, -1, pricing.Mix{}, "", l.Unit)
	name := title(l)
	if total < r.MOQ {
		return Warning{BelowMOQ, l.Key(), fmt.Sprintf("%s: %s in the cart, below the minimum order of %s",
			name, pricing.Units(total, l.Unit), pricing.Units(r.Least(), l.Unit))}, true
	}
	if l.QuoteType != 1 && first > total {
		return Warning{BelowTier, l.Key(), fmt.Sprintf("%s: %s in the cart, below the first price tier (%s), so no wholesale price applies",
			name, pricing.Units(total, l.Unit), pricing.Units(first, l.Unit))}, true
	}
	return Warning{}, false
}

// mixReached is 1688's mixed-batch waiver: the seller's whole order
// reaches the number of pieces or the amount.
func mixReached(m pricing.Mix, pieces int64, goods xport.Fen) bool {
	return (m.Number > 0 && pieces >= m.Number) || (m.Amount > 0 && goods >= m.Amount)
}

// what names a line in a message: its SKU, else its title.
func what(l Line) string {
	if l.SKUDesc != "" {
		return title(l) + " (" + l.SKUDesc + ")"
	}
	return title(l)
}

// title is the line's translated title, else its Chinese one, short
// enough that the warning itself stays in view.
func title(l Line) string {
	t := l.Title
	if t == "" {
		t = l.TitleZH
	}
	return sanitize.Truncate(t, maxTitle)
}

// maxTitle is the width of a title in a warning, in cells.
const maxTitle = 40

func firstUnit(lines []Line) string {
	for _, l := range lines {
		if l.Unit != "" {
			return l.Unit
		}
	}
	return ""
}

func errTooLong(n int) error {
	return fmt.Errorf("the message has %d characters; 1688 takes at most %d", n, MaxMessage)
}
