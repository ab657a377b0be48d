package cart

import (
	"strings"
	"testing"

	"caigou/ui/pricing"
)

func hasKind(ws []Warning, k Kind) bool {
	for _, w := range ws {
		if w.Kind == k {
			return true
		}
	}
	return false
}

// line is an offer of seller s with MOQ 10, lots of 5, unknown stock and a
// flat ¥10.00 price.
func line(offer, spec, seller string, q int64) Line {
	return Line{OfferID: offer, SpecID: spec, Title: "Item " + offer, SKUDesc: spec, Quantity: q, SellerOpenID: seller,
		SellerName: "Seller " + seller, MOQ: 10, Batch: 5, Stock: -1, Tiers: []pricing.Tier{{Start: 1, Price: 1000}}}
}

func check(lines ...Line) Summary { return Check(GroupLines(lines)[0]) }

func TestMinimumIsOnTheOfferTotal(t *testing.T) {
	s := check(line("1", "red", "s", 5), line("1", "blue", "s", 5))
	if len(s.Warnings) != 0 {
		t.Errorf("5 + 5 meets an MOQ of 10: %+v", s.Warnings)
	}
	s = check(line("1", "red", "s", 5))
	if len(s.Warnings) != 1 || s.Warnings[0].Kind != BelowMOQ {
		t.Fatalf("warnings %+v", s.Warnings)
	}
	if want := "Item 1: 5 pieces in the cart, below the minimum order of 10 pieces"; s.Warnings[0].Text != want {
		t.Errorf("text %q\nwant %q", s.Warnings[0].Text, want)
	}
	// Quoted per SKU, the minimum is still the offer's.
	a, b := line("2", "red", "s", 5), line("2", "blue", "s", 5)
	a.QuoteType, b.QuoteType, a.SKUPrice, b.SKUPrice = 1, 1, 900, 950
	if s := check(a, b); len(s.Warnings) != 0 {
		t.Errorf("quoteType 1: %+v", s.Warnings)
	}
	// The minimum is rounded up to a whole lot, as the product page says.
	c := line("3", "", "s", 10)
	c.MOQ = 12
	if s := check(c); len(s.Warnings) != 1 || !strings.Contains(s.Warnings[0].Text, "minimum order of 15 pieces") {
		t.Errorf("unaligned MOQ: %+v", s.Warnings)
	}
}

func TestBelowTheFirstTier(t *testing.T) {
	l := line("1", "", "s", 5)
	l.MOQ = 5
	l.Tiers = []pricing.Tier{{Start: 10, Price: 1000}}
	s := check(l)
	if !hasKind(s.Warnings, BelowTier) || !strings.Contains(s.Warnings[0].Text, "below the first price tier (10 pieces)") {
		t.Errorf("warnings %+v", s.Warnings)
	}
	l.QuoteType, l.SKUPrice = 1, 1000
	if s := check(l); len(s.Warnings) != 0 {
		t.Errorf("per-SKU prices have no wholesale tier to miss: %+v", s.Warnings)
	}
}

func TestLotSize(t *testing.T) {
	s := check(line("1", "red", "s", 12))
	if !hasKind(s.Warnings, NotLot) {
		t.Fatalf("warnings %+v", s.Warnings)
	}
	if want := "Item 1 (red): 12 is not a multiple of the lot size 5: try 10 or 15"; s.Warnings[0].Text != want {
		t.Errorf("text %q\nwant %q", s.Warnings[0].Text, want)
	}
}

func TestStock(t *testing.T) {
	l := line("1", "red", "s", 10)
	l.Stock = 0
	s := check(l)
	if len(s.Warnings) != 1 || s.Warnings[0].Kind != OutOfStock || !strings.Contains(s.Warnings[0].Text, "Item 1 (red) is out of stock") {
		t.Errorf("out of stock: %+v", s.Warnings)
	}
	l.Stock, l.Quantity = 40, 45
	s = check(l)
	if len(s.Warnings) != 1 || s.Warnings[0].Kind != OverStock || s.Warnings[0].Text != "45 in the cart, only 40 in stock for Item 1 (red): order 40 or fewer" {
		t.Errorf("beyond stock: %+v", s.Warnings)
	}
	l.Stock = -1
	if s := check(l); len(s.Warnings) != 0 {
		t.Errorf("unknown stock is not checked: %+v", s.Warnings)
	}
}

func TestMixedBatch(t *testing.T) {
	mix := pricing.Mix{Enabled: true, Number: 30, Amount: 50000}
	a, b := line("1", "", "s", 5), line("2", "", "s", 15)
	a.Mix, b.Mix = mix, mix
	s := check(a, b)
	if s.Mixed || len(s.Warnings) != 1 || s.Warnings[0].Kind != MixNotReached {
		t.Fatalf("20 pieces, ¥200.00 does not reach 30 pieces or ¥500.00: %+v", s)
	}
	for _, want := range []string{"Item 1: 5 is below this product's minimum of 10", "30 pieces or ¥500.00", "the order has 20 pieces, ¥200.00 so far"} {
		if !strings.Contains(s.Warnings[0].Text, want) {
			t.Errorf("%q lacks %q", s.Warnings[0].Text, want)
		}
	}
	// Reaching the number of pieces with another offer waives the minimum.
	b.Quantity = 25
	if s := check(a, b); !s.Mixed || len(s.Warnings) != 0 {
		t.Errorf("30 pieces reach the threshold: %+v", s)
	}
	// So does reaching the amount.
	b.Quantity = 15
	b.Tiers = []pricing.Tier{{Start: 1, Price: 3000}}
	if s := check(a, b); !s.Mixed || len(s.Warnings) != 0 {
		t.Errorf("¥500.00 reaches the threshold: %+v", s)
	}
	// Without the seller's rule the same cart is below the minimum.
	a.Mix, b.Mix = pricing.Mix{}, pricing.Mix{}
	if s := check(a, b); s.Mixed || len(s.Warnings) != 1 || s.Warnings[0].Kind != BelowMOQ {
		t.Errorf("no mixed batch: %+v", s)
	}
}

func TestNoPrice(t *testing.T) {
	l := line("1", "", "s", 10)
	l.Tiers = []pricing.Tier{{Start: 1, Price: 0}}
	s := check(l)
	if !hasKind(s.Warnings, NoPrice) || s.Lines[0].UnitPrice != 0 {
		t.Errorf("zero price: %+v", s)
	}
}

func TestGroupsBySupplierInOrderOfFirstAppearance(t *testing.T) {
	var c Cart
	c.Add(line("1", "a", "s1", 10))
	c.Add(line("2", "", "s2", 10))
	c.Add(line("1", "b", "s1", 10))
	c.Add(line("3", "", "s3", 10))
	gs := c.Groups()
	if len(gs) != 3 || gs[0].SellerOpenID != "s1" || gs[1].SellerOpenID != "s2" || gs[2].SellerOpenID != "s3" {
		t.Fatalf("groups %+v", gs)
	}
	if len(gs[0].Lines) != 2 || gs[0].Lines[0].SpecID != "a" || gs[0].Lines[1].SpecID != "b" || gs[0].SellerName != "Seller s1" {
		t.Errorf("first group %+v", gs[0])
	}
	ss := Summarize(gs)
	if ss[0].Subtotal != 20000 || ss[0].Pieces != 20 || ss[1].Subtotal != 10000 {
		t.Errorf("subtotals %v %v %v", ss[0].Subtotal, ss[0].Pieces, ss[1].Subtotal)
	}
	if g, ok := GrandTotal(ss); !ok || g != 40000 || c.Total() != 40000 {
		t.Errorf("grand total %v %v, cart %v", g, ok, c.Total())
	}
}

func TestCartContract(t *testing.T) {
	var c Cart
	c.Add(line("1", "a", "s1", 10))
	c.Add(line("1", "a", "s1", 5))
	if l := c.Lines(); len(l) != 1 || l[0].Quantity != 15 {
		t.Fatalf("the same SKU adds up: %+v", l)
	}
	if c.SetQuantity(Key{"9", ""}, 5) || c.Err() != ErrNoLine {
		t.Errorf("a missing line: %v", c.Err())
	}
	if !c.SetQuantity(Key{"1", "a"}, 20) || c.Lines()[0].Quantity != 20 {
		t.Error("SetQuantity")
	}
	if c.SetQuantity(Key{"1", "a"}, 0) || c.Lines()[0].Quantity != 20 {
		t.Error("a quantity of 0 must be refused")
	}
	c.Add(line("2", "", "s2", 10))
	if err := c.SetMessage("s2", "请用纸箱包装"); err != nil {
		t.Fatal(err)
	}
	if err := c.SetMessage("s2", strings.Repeat("长", MaxMessage+1)); err == nil || !strings.Contains(err.Error(), "at most 500") {
		t.Errorf("a long message: %v", err)
	}
	if err := c.SetMessage("nobody", "hi"); err == nil {
		t.Error("a message to a seller without lines")
	}
	v := c.Version()
	removed := c.Lines()[0]
	c.Remove(removed.Key())
	if c.Count() != 1 || c.Version() == v {
		t.Error("Remove")
	}
	if err := c.Restore(removed, 0); err != nil || c.Lines()[0].Key() != removed.Key() {
		t.Errorf("Restore put it back at the top: %v %+v", err, c.Lines())
	}
	c.Remove(Key{"2", ""})
	if c.Message("s2") != "" || len(c.Messages()) != 0 {
		t.Error("the message to a seller whose lines are gone must go too")
	}
	if err := c.SetDefaultAddress("300001"); err != nil || c.DefaultAddress() != "300001" {
		t.Error("a memory cart keeps the default address")
	}
	if c.Path() != "" {
		t.Error("the zero cart is memory only")
	}
}
