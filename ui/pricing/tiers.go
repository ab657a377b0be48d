package pricing

import (
	"sort"

	"caigou/xport"
)

// Tier is a quantity price break: from Start pieces on, each costs Price.
type Tier struct {
	Start int64
	Price xport.Fen
}

// Tiers reads a priceRangeList into ascending tiers. The wire list is not
// promised to be sorted, a start of 0 means "from the first piece", and a
// repeated start keeps the later entry, as the 1688 page does.
func Tiers(list []xport.PriceRange) []Tier {
	out := make([]Tier, 0, len(list))
	for _, r := range list {
		start := int64(r.StartQuantity)
		if start < 1 {
			start = 1
		}
		out = append(out, Tier{Start: start, Price: r.Price.Fen()})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	dedup := out[:0]
	for _, t := range out {
		if n := len(dedup); n > 0 && dedup[n-1].Start == t.Start {
			dedup[n-1] = t
			continue
		}
		dedup = append(dedup, t)
	}
	return dedup
}

// Applicable is the index of the tier with the largest start not above
// qty, or -1 when qty is below every tier (or there are none).
func Applicable(tiers []Tier, qty int64) int {
	idx := -1
	for i, t := range tiers {
		if t.Start <= qty {
			idx = i
		}
	}
	return idx
}

// Price is a unit price with where it came from.
type Price struct {
	Unit xport.Fen
	// Tier is the index of the tier used, or -1 when the SKU's own price
	// applies.
	Tier int
	// Below is true when the quantity is under the first tier (allowed by
	// a mixed-batch seller): the first tier's price is used, as the
	// smallest quantity the seller prices.
	Below bool
	// OK is false when no price is known: a zero price cannot be ordered
	// (1688 rule 500_008).
	OK bool
}

// UnitPrice applies the 1688 price logic. quoteType 1 prices each SKU on
// its own; 0 and 2 price by the tier the offer's quantity reaches (for 2
// that is the quantity summed over the offer's SKUs, which the caller
// passes). skuPrice is 0 when no SKU is chosen.
func UnitPrice(quoteType int64, tiers []Tier, skuPrice xport.Fen, qty int64) Price {
	if quoteType == 1 && skuPrice > 0 {
		return Price{Unit: skuPrice, Tier: -1, OK: true}
	}
	if len(tiers) == 0 {
		if skuPrice > 0 {
			return Price{Unit: skuPrice, Tier: -1, OK: true}
		}
		return Price{Tier: -1}
	}
	if quoteType == 1 && skuPrice <= 0 {
		// A per-SKU offer whose SKU carries no price: the tiers are the
		// default SKU's, so they only stand in when no SKU is chosen.
		return Price{Tier: -1}
	}
	i := Applicable(tiers, qty)
	below := false
	if i < 0 {
		i, below = 0, true
	}
	p := tiers[i].Price
	return Price{Unit: p, Tier: i, Below: below, OK: p > 0}
}

// TierLabel is a tier's quantity range as the 1688 page writes it:
// "2–9", "≥50". next is the following tier's start, 0 for the last.
func TierLabel(t Tier, next int64) string {
	switch {
	case next == 0:
		return "≥" + itoa(t.Start)
	case next-1 <= t.Start:
		return itoa(t.Start)
	default:
		return itoa(t.Start) + "–" + itoa(next-1)
	}
}
