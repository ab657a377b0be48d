package sourcing

import (
	"errors"
	"fmt"
	"math"

	"caigou/ui/pricing"
	"caigou/xport"
)

// Orderable is the quantity that can really be bought for a target: at
// least the MOQ, in whole lots, never below the target ("500 → 504, lot
// of 12"). Stock is not applied here: a candidate short of stock is shown
// as such, not quietly priced at less than the client wants.
func Orderable(target int64, r pricing.Rules) int64 {
	q := max(target, r.Least())
	b := max(r.Batch, 1)
	if q > math.MaxInt64-b {
		return q
	}
	return (q + b - 1) / b * b
}

// OrderableNote says how the target became the orderable quantity, or ""
// when they are the same.
func OrderableNote(target, q int64, r pricing.Rules) string {
	switch {
	case q == target:
		return ""
	case target < r.MOQ && r.Batch > 1:
		return fmt.Sprintf("%d → %d (minimum %d, lot of %d)", target, q, r.MOQ, r.Batch)
	case target < r.MOQ:
		return fmt.Sprintf("%d → %d (minimum %d)", target, q, r.MOQ)
	}
	return fmt.Sprintf("%d → %d, lot of %d", target, q, r.Batch)
}

// Package is a product's package as the detail gives it, for freight.
type Package struct {
	// GramsPerUnit and the size are 0 when not known.
	GramsPerUnit      int64
	LengthMM, WidthMM int64
	HeightMM          int64
	// Source says where the figures came from ("measured", "seller",
	// "predicted", "typed"), for the screen.
	Source string
}

// Band is a rate card's price per kg up to a weight.
type Band struct {
	UpToGrams  int64     // the band covers shipments up to this weight; 0: no upper bound
	FenPerKilo xport.Fen // price per kilogram in the band
}

// Channel is one international freight channel of the rate card
// ([[freight.channel]] in the config).
type Channel struct {
	Name    string
	Bands   []Band // by rising UpToGrams, the unbounded one last
	Minimum xport.Fen
}

// RateCard is the agent's international freight prices ([freight] in
// the config): each channel's price per kg by weight band.
type RateCard struct {
	// Divisor is the volumetric divisor in cm³ per kg (5000 when 0).
	Divisor  int64
	Channels []Channel
	// Example marks the sandbox's made-up card, which the screen says is
	// not anyone's price.
	Example bool
}

// ExampleCard is the rate card of the sandbox: round figures of an air
// channel and a sea channel, for trying the comparison, not for quoting.
func ExampleCard() RateCard {
	return RateCard{Example: true, Channels: []Channel{
		{Name: "Air", Minimum: 5000, Bands: []Band{{UpToGrams: 21000, FenPerKilo: 4500}, {FenPerKilo: 3800}}},
		{Name: "Sea", Minimum: 30000, Bands: []Band{{FenPerKilo: 1200}}},
	}}
}

// ErrNoWeight is an estimate asked for a product whose weight is unknown:
// the screen says so and lets the agent type one.
var ErrNoWeight = errors.New("the product's weight is not known: type one to estimate freight")

// ChargeableGrams is the weight a carrier charges for q units: the actual
// weight or the volumetric one, whichever is more. The volumetric weight
// is length × width × height (cm) ÷ divisor (cm³ per kg) per unit.
func ChargeableGrams(p Package, q, divisor int64) (int64, error) {
	if p.GramsPerUnit <= 0 {
		return 0, ErrNoWeight
	}
	if divisor <= 0 {
		divisor = 5000
	}
	actual := mulSat(p.GramsPerUnit, q)
	// mm³ → cm³ is ÷1000; kg → g is ×1000: grams = mm³ ÷ divisor.
	vol := mulSat(mulSat(mulSat(p.LengthMM, p.WidthMM), p.HeightMM), q)
	volGrams := (vol + divisor - 1) / divisor
	return max(actual, volGrams), nil
}

// Freight is the channel's charge for a chargeable weight, rounded up to
// the fen, never below its minimum.
func (c Channel) Freight(grams int64) (xport.Fen, error) {
	if len(c.Bands) == 0 {
		return 0, fmt.Errorf("freight channel %q has no price per kg", c.Name)
	}
	band := c.Bands[len(c.Bands)-1]
	for _, b := range c.Bands {
		if b.UpToGrams == 0 || grams <= b.UpToGrams {
			band = b
			break
		}
	}
	fen := ceilDiv(mulSat(grams, int64(band.FenPerKilo)), 1000)
	return max(xport.Fen(fen), c.Minimum), nil
}

// Landed is the cost of one unit delivered to the warehouse abroad, and
// what it is made of; every part is for the orderable quantity.
type Landed struct {
	Quantity      int64
	Unit          xport.Fen // unit price at the tier the quantity reaches
	Domestic      xport.Fen // domestic freight for the whole order
	Fee           xport.Fen // the Xport fee or adjustment, when known
	Intl          xport.Fen // international freight estimate, whole order
	PerUnit       xport.Fen // everything ÷ quantity, rounded up to the fen
	IntlKnown     bool
	DomesticKnown bool
}

// LandedCost adds the parts up per unit. A part not known is left out and
// said by its flag: the screen shows "unknown", never a lower figure as
// if it were whole. Rounding is up, so an estimate never flatters.
func LandedCost(q int64, unit, domestic, fee, intl xport.Fen, domesticKnown, intlKnown bool) Landed {
	l := Landed{Quantity: q, Unit: unit, Domestic: domestic, Fee: fee, Intl: intl, IntlKnown: intlKnown, DomesticKnown: domesticKnown}
	if q <= 0 {
		return l
	}
	extra := int64(fee)
	if domesticKnown {
		extra += int64(domestic)
	}
	if intlKnown {
		extra += int64(intl)
	}
	l.PerUnit = unit + xport.Fen(ceilDiv(extra, q))
	return l
}

func ceilDiv(a, b int64) int64 {
	if a <= 0 {
		return a / b
	}
	return (a + b - 1) / b
}

// mulSat multiplies without wrapping: a nonsense weight or size from a
// feed saturates instead of turning negative.
func mulSat(a, b int64) int64 {
	if a <= 0 || b <= 0 {
		return 0
	}
	if a > math.MaxInt64/b {
		return math.MaxInt64
	}
	return a * b
}
