package sourcing

import (
	"errors"
	"math"
	"testing"

	"caigou/ui/pricing"
)

func TestOrderable(t *testing.T) {
	lot12 := pricing.NewRules(100, 12, 0, -1, pricing.Mix{}, "", "")
	for _, c := range []struct {
		target int64
		r      pricing.Rules
		want   int64
		note   string
	}{
		{500, lot12, 504, "500 → 504, lot of 12"},
		{504, lot12, 504, ""},
		{10, lot12, 108, "10 → 108 (minimum 100, lot of 12)"},
		{3, pricing.NewRules(50, 1, 0, -1, pricing.Mix{}, "", ""), 50, "3 → 50 (minimum 50)"},
		{math.MaxInt64 - 1, lot12, math.MaxInt64 - 1, ""},
	} {
		got := Orderable(c.target, c.r)
		if got != c.want || OrderableNote(c.target, got, c.r) != c.note {
			t.Errorf("%d: %d %q, want %d %q", c.target, got, OrderableNote(c.target, got, c.r), c.want, c.note)
		}
	}
}

func TestChargeableWeightAndFreight(t *testing.T) {
	// 200 g a unit in a 30×20×10 cm box: 6000 cm³ ÷ 5000 = 1.2 kg
	// volumetric, more than its weight.
	p := Package{GramsPerUnit: 200, LengthMM: 300, WidthMM: 200, HeightMM: 100}
	if g, err := ChargeableGrams(p, 10, 0); err != nil || g != 12000 {
		t.Fatalf("volumetric: %d, %v", g, err)
	}
	p.GramsPerUnit = 2000
	if g, _ := ChargeableGrams(p, 10, 6000); g != 20000 {
		t.Fatalf("actual: %d", g)
	}
	if _, err := ChargeableGrams(Package{}, 10, 0); !errors.Is(err, ErrNoWeight) {
		t.Fatalf("no weight: %v", err)
	}
	if g, _ := ChargeableGrams(Package{GramsPerUnit: math.MaxInt64, LengthMM: math.MaxInt64, WidthMM: 2, HeightMM: 2}, 3, 0); g != math.MaxInt64 {
		t.Fatalf("saturation: %d", g)
	}
	ch := Channel{Name: "air", Minimum: 5000, Bands: []Band{{UpToGrams: 21000, FenPerKilo: 4500}, {FenPerKilo: 3800}}}
	for _, c := range []struct{ grams, want int64 }{{500, 5000}, {12000, 54000}, {12001, 54005}, {30000, 114000}} {
		if f, err := ch.Freight(c.grams); err != nil || int64(f) != c.want {
			t.Errorf("%d g: %d, want %d (%v)", c.grams, f, c.want, err)
		}
	}
	if _, err := (Channel{Name: "x"}).Freight(10); err == nil {
		t.Error("a channel without prices priced something")
	}
}

func TestLandedCostRoundsUpAndSaysWhatIsMissing(t *testing.T) {
	l := LandedCost(3, 100, 1000, 0, 1, true, true)
	if l.PerUnit != 100+334 {
		t.Fatalf("per unit %d", l.PerUnit)
	}
	l = LandedCost(3, 100, 1000, 0, 999, true, false)
	if l.PerUnit != 100+334 || l.IntlKnown {
		t.Fatalf("unknown international freight was added: %+v", l)
	}
	if l := LandedCost(0, 100, 1000, 0, 0, true, true); l.PerUnit != 0 {
		t.Fatalf("no quantity: %+v", l)
	}
}
