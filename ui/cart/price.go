package cart

import (
	"caigou/ui/pricing"
	"caigou/xport"
)

// OfferQuantities sums the quantity of each offer over its lines. For
// quoteType 0 and 2 that sum is what unlocks a tier (1688-rules §3.7) and
// what the minimum order is measured against.
func OfferQuantities(lines []Line) map[string]int64 {
	out := map[string]int64{}
	for _, l := range lines {
		if q, ok := addQty(out[l.OfferID], l.Quantity); ok {
			out[l.OfferID] = q
		} else {
			out[l.OfferID] = maxInt64
		}
	}
	return out
}

// Price is the unit price that applies to l when its offer totals offerQty
// pieces in the cart. A line added without price facts (no tiers, no SKU
// price) keeps the price it was added at.
func Price(l Line, offerQty int64) pricing.Price {
	if len(l.Tiers) == 0 && l.SKUPrice <= 0 {
		return pricing.Price{Unit: l.UnitPrice, Tier: -1, OK: l.UnitPrice > 0}
	}
	return pricing.UnitPrice(l.QuoteType, l.Tiers, l.SKUPrice, offerQty)
}

// Reprice sets each line's UnitPrice from the tier that applies to its
// offer's total quantity. A line that has no price keeps 0, which the
// checks report (1688 refuses a zero price, 500_008).
func Reprice(lines []Line) []Line {
	totals := OfferQuantities(lines)
	for i := range lines {
		p := Price(lines[i], totals[lines[i].OfferID])
		if p.OK {
			lines[i].UnitPrice = p.Unit
		} else {
			lines[i].UnitPrice = 0
		}
	}
	return lines
}

// Sum adds the line totals; ok is false when a line total or the sum
// overflows, and the amount is then meaningless.
func Sum(lines []Line) (xport.Fen, bool) {
	var t xport.Fen
	for _, l := range lines {
		lt, ok := l.Total()
		if !ok {
			return 0, false
		}
		if t, ok = t.Add(lt); !ok {
			return 0, false
		}
	}
	return t, true
}

// Pieces adds the quantities; ok is false on overflow.
func Pieces(lines []Line) (int64, bool) {
	var n int64
	for _, l := range lines {
		var ok bool
		if n, ok = addQty(n, l.Quantity); !ok {
			return 0, false
		}
	}
	return n, true
}
