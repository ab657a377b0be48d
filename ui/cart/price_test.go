package cart

import (
	"math"
	"testing"

	"caigou/ui/pricing"
	"caigou/xport"
)

// ladder is 2–9 at ¥12.50, 10–49 at ¥11.80, 50 and up at ¥10.90.
func ladder() []pricing.Tier {
	return []pricing.Tier{{Start: 2, Price: 1250}, {Start: 10, Price: 1180}, {Start: 50, Price: 1090}}
}

func sku(offer, spec string, qt int64, q int64) Line {
	return Line{OfferID: offer, SpecID: spec, Title: "Dress", SKUDesc: spec, Quantity: q, QuoteType: qt,
		Tiers: ladder(), SellerOpenID: "s1", SellerName: "义乌服饰", MOQ: 2, Batch: 1, Stock: -1}
}

func TestTierAppliesToTheOfferTotalForQuoteType0And2(t *testing.T) {
	for _, qt := range []int64{0, 2} {
		var c Cart
		c.Add(sku("1", "red", qt, 6))
		if got := c.Lines()[0].UnitPrice; got != 1250 {
			t.Fatalf("qt%d: 6 pieces at %v, want the first tier", qt, got)
		}
		// 6 + 6 = 12 reaches the second tier for both SKUs.
		c.Add(sku("1", "blue", qt, 6))
		for _, l := range c.Lines() {
			if l.UnitPrice != 1180 {
				t.Errorf("qt%d: %s at %v, want ¥11.80 from the offer's 12 pieces", qt, l.SpecID, l.UnitPrice)
			}
		}
		// Another offer does not count towards this one's tier.
		c.Add(sku("2", "red", qt, 45))
		if got := c.Lines()[0].UnitPrice; got != 1180 {
			t.Errorf("qt%d: another offer moved the tier to %v", qt, got)
		}
		if got := c.Lines()[2].UnitPrice; got != 1180 {
			t.Errorf("qt%d: 45 pieces of offer 2 at %v", qt, got)
		}
		// Lowering one SKU drops its sibling back too.
		if !c.SetQuantity(Key{"1", "blue"}, 2) {
			t.Fatal(c.Err())
		}
		for _, l := range c.Lines()[:2] {
			if l.UnitPrice != 1250 {
				t.Errorf("qt%d after lowering: %s at %v", qt, l.SpecID, l.UnitPrice)
			}
		}
	}
}

func TestQuoteType1UsesEachSKUsOwnPrice(t *testing.T) {
	var c Cart
	a := sku("1", "red", 1, 100)
	a.SKUPrice = 1399
	b := sku("1", "blue", 1, 1)
	b.SKUPrice = 1499
	c.Add(a)
	c.Add(b)
	l := c.Lines()
	if l[0].UnitPrice != 1399 || l[1].UnitPrice != 1499 {
		t.Errorf("per-SKU prices %v, %v", l[0].UnitPrice, l[1].UnitPrice)
	}
	if got := c.Total(); got != 1399*100+1499 {
		t.Errorf("total %v", got)
	}
}

func TestLinesWithoutPriceFactsKeepTheirPrice(t *testing.T) {
	var c Cart
	c.Add(Line{OfferID: "1", Quantity: 3, UnitPrice: 41100})
	if got := c.Lines()[0].UnitPrice; got != 41100 {
		t.Errorf("price %v", got)
	}
}

func TestTotalsAndOverflow(t *testing.T) {
	lines := []Line{{OfferID: "1", Quantity: 3, UnitPrice: 250}, {OfferID: "2", Quantity: 2, UnitPrice: 1}}
	if got, ok := Sum(lines); !ok || got != 752 {
		t.Errorf("Sum = %v, %v", got, ok)
	}
	big := []Line{{OfferID: "1", Quantity: math.MaxInt64, UnitPrice: 2}}
	if _, ok := Sum(big); ok {
		t.Error("a line total that overflows must be reported")
	}
	two := []Line{{OfferID: "1", Quantity: 1, UnitPrice: xport.Fen(math.MaxInt64)}, {OfferID: "2", Quantity: 1, UnitPrice: 1}}
	if _, ok := Sum(two); ok {
		t.Error("a sum that overflows must be reported")
	}
	if _, ok := Pieces([]Line{{Quantity: math.MaxInt64}, {Quantity: 1}}); ok {
		t.Error("pieces that overflow must be reported")
	}
	if q := OfferQuantities([]Line{{OfferID: "1", Quantity: math.MaxInt64}, {OfferID: "1", SpecID: "b", Quantity: 5}})["1"]; q != math.MaxInt64 {
		t.Errorf("an offer total that overflows saturates, got %d", q)
	}

	s := Summarize(GroupLines(big))
	if s[0].OK || !hasKind(s[0].Warnings, TooLarge) {
		t.Errorf("overflowing group: %+v", s[0])
	}
	if _, ok := GrandTotal(s); ok {
		t.Error("the grand total of an overflowing group must not be ok")
	}
	var c Cart
	c.Add(Line{OfferID: "1", Quantity: math.MaxInt64, UnitPrice: 1})
	c.Add(Line{OfferID: "1", Quantity: 1, UnitPrice: 1})
	if c.Err() == nil || c.Lines()[0].Quantity != math.MaxInt64 {
		t.Errorf("adding past int64 must fail and change nothing: %v %+v", c.Err(), c.Lines())
	}
}
