package sourcingview

import (
	"context"
	"strings"
	"testing"

	"caigou/ui/pricing"
	"caigou/ui/sourcing"
	"caigou/ui/uitest"
	"caigou/xport/sandbox"
)

// compareOf makes a list with one item of target pieces whose candidates
// are offers, and opens its comparison.
func compareOf(t *testing.T, s uitest.Session, target int64, offers []*sandbox.Offer) (*Compare, *sourcing.Store, int64) {
	t.Helper()
	st := s.WithLists(t)
	ctx := context.Background()
	lid, _ := st.CreateList(ctx, "Client A")
	iid, _ := st.AddItem(ctx, lid, "dress", target, "")
	for _, o := range offers {
		if _, err := st.AddCandidate(ctx, iid, sourcing.Candidate{OfferID: o.ID, Info: sourcing.Info{Title: o.Subject}}); err != nil {
			t.Fatal(err)
		}
	}
	items, _ := st.Items(ctx, lid)
	ls, _ := st.Lists(ctx, false)
	p := NewCompare(s.C, ls[0], items[0])
	open(t, p, 120, 40)
	return p, st, iid
}

func stocked(o *sandbox.Offer, q int64) bool {
	if !o.Sellable() || len(o.Tiers) == 0 {
		return false
	}
	for _, k := range o.SKUs {
		if k.Stock >= q {
			return true
		}
	}
	return false
}

func TestCompareAtTheTargetQuantity(t *testing.T) {
	s := uitest.NewSession(t)
	offers := findOffers(t, s.Sandbox, 3, func(o *sandbox.Offer) bool { return stocked(o, 2000) && o.Batch > 1 && o.MOQ < 500 })
	p, st, iid := compareOf(t, s, 500, offers)
	if p.state != ready || len(p.rows) != 3 || p.freightLeft != 0 {
		t.Fatalf("state %d, %d rows, freight left %d:\n%s", p.state, len(p.rows), p.freightLeft, p.View())
	}
	for _, r := range p.rows {
		rules := r.q.Rules
		want := sourcing.Orderable(500, rules)
		if r.q.Quantity != want || want%rules.Batch != 0 || want < 500 {
			t.Errorf("%s: quantity %d, want %d (lot %d)", r.c.OfferID, r.q.Quantity, want, rules.Batch)
		}
		// The unit price is the tier that quantity reaches.
		if got := pricing.UnitPrice(r.q.Line.QuoteType, r.q.Line.Tiers, r.q.Line.SKUPrice, r.q.Quantity); got.Unit != r.q.Price.Unit {
			t.Errorf("%s: unit %d, tier says %d", r.c.OfferID, r.q.Price.Unit, got.Unit)
		}
		if !r.freightOK || !r.intlOK || r.landed.PerUnit <= r.q.Price.Unit {
			t.Errorf("%s: freight %v (%s), intl %v (%s), landed %d over unit %d", r.c.OfferID, r.freightOK, r.freightWhy, r.intlOK, r.intlWhy, r.landed.PerUnit, r.q.Price.Unit)
		}
		// Landed per unit is every part over the quantity, rounded up.
		whole := int64(r.q.Price.Unit)*r.q.Quantity + int64(r.freight) + int64(r.intl)
		if got := int64(r.landed.PerUnit) * r.q.Quantity; got < whole || got-whole >= r.q.Quantity {
			t.Errorf("%s: landed %d × %d does not cover %d", r.c.OfferID, r.landed.PerUnit, r.q.Quantity, whole)
		}
	}
	v := p.View()
	if strings.Count(v, "★") != 1 || !strings.Contains(v, "Air (example rates)") || !strings.Contains(v, "figures of") {
		t.Fatalf("the cheapest is not marked once, or the estimate is not said:\n%s", v)
	}
	// Sorted by landed cost at first: the cheapest is on top.
	if p.order[0] != p.cheapest() {
		t.Fatalf("first row %d, cheapest %d", p.order[0], p.cheapest())
	}
	if st := statusOf(press(t, p, "s")); !strings.Contains(st, "Sorted by unit price") {
		t.Fatalf("s: %q", st)
	}
	for i := 1; i < len(p.order); i++ {
		if unitKey(&p.rows[p.order[i-1]]) > unitKey(&p.rows[p.order[i]]) {
			t.Fatal("not sorted by unit price")
		}
	}
	// space chooses the row under the cursor; it is kept.
	press(t, p, "down")
	r, _ := p.selected()
	press(t, p, " ")
	items, _ := st.Items(context.Background(), p.list.ID)
	for _, c := range items[0].Candidates {
		if c.Chosen != (c.OfferID == r.c.OfferID) {
			t.Fatalf("chosen kept wrong: %+v", items[0].Candidates)
		}
	}
	if !strings.Contains(p.View(), "✓") {
		t.Fatalf("the chosen candidate is not marked:\n%s", p.View())
	}
	// a puts it in the cart at the orderable quantity.
	if st := statusOf(press(t, p, "a")); !strings.Contains(st, "Added "+pricing.Count(r.q.Quantity)) {
		t.Fatalf("a: %q", st)
	}
	lines := s.C.Cart.Lines()
	if len(lines) != 1 || lines[0].OfferID != r.c.OfferID || lines[0].Quantity != r.q.Quantity || lines[0].SpecID == "" {
		t.Fatalf("cart %+v", lines)
	}
	_ = iid
	for _, size := range [][2]int{{80, 21}, {60, 13}, {200, 47}} {
		p.SetSize(size[0], size[1])
		fits(t, p, size[0], size[1], "comparison")
	}
}

// A candidate short of stock, or gone from 1688, says so and is never the
// cheapest nor put in the cart.
func TestCompareSaysWhatCannotBeOrdered(t *testing.T) {
	s := uitest.NewSession(t)
	short := findOffers(t, s.Sandbox, 1, func(o *sandbox.Offer) bool {
		if !o.Sellable() || len(o.SKUs) == 0 {
			return false
		}
		for _, k := range o.SKUs {
			if k.Stock >= 100000 {
				return false
			}
		}
		return true
	})
	gone := &sandbox.Offer{ID: "699999999999", Subject: "已下架的商品"}
	p, _, _ := compareOf(t, s, 100000, []*sandbox.Offer{short[0], gone})
	for _, r := range p.rows {
		if r.c.OfferID == gone.ID && !r.missing {
			t.Fatal("a missing offer is not said")
		}
		if r.c.OfferID == short[0].ID && !strings.Contains(r.q.Why, "short of") {
			t.Fatalf("short stock: why %q", r.q.Why)
		}
	}
	if p.cheapest() >= 0 {
		t.Fatal("nothing orderable can be the cheapest")
	}
	for i := range p.order {
		p.cursor = i
		if st := statusOf(press(t, p, "a")); !strings.Contains(st, "Not added") && !strings.Contains(st, "nothing to add") {
			t.Fatalf("a on an unorderable row: %q", st)
		}
	}
	if s.C.Cart.Count() != 0 {
		t.Fatal("something went to the cart")
	}
	if v := p.View(); !strings.Contains(v, "offer gone") {
		t.Fatalf("view:\n%s", v)
	}
}

func TestCompareRemoveAndUndo(t *testing.T) {
	s := uitest.NewSession(t)
	offers := findOffers(t, s.Sandbox, 2, func(o *sandbox.Offer) bool { return stocked(o, 100) })
	p, st, _ := compareOf(t, s, 100, offers)
	r, _ := p.selected()
	gone := r.c.OfferID
	if st := statusOf(press(t, p, "d")); !strings.Contains(st, "u puts it back") || len(p.rows) != 1 {
		t.Fatalf("d: %q, %d rows", st, len(p.rows))
	}
	items, _ := st.Items(context.Background(), p.list.ID)
	if len(items[0].Candidates) != 1 || items[0].Candidates[0].OfferID == gone {
		t.Fatalf("kept %+v", items[0].Candidates)
	}
	press(t, p, "u")
	items, _ = st.Items(context.Background(), p.list.ID)
	if len(items[0].Candidates) != 2 || len(p.rows) != 2 {
		t.Fatalf("u: kept %d, shown %d", len(items[0].Candidates), len(p.rows))
	}
}

// w types a piece's weight: the estimate uses it, says so, and it is kept.
func TestCompareTypedWeight(t *testing.T) {
	s := uitest.NewSession(t)
	offers := findOffers(t, s.Sandbox, 1, func(o *sandbox.Offer) bool { return stocked(o, 100) })
	p, st, _ := compareOf(t, s, 100, offers)
	before := p.rows[0].intl
	press(t, p, "w")
	if !p.CapturesInput() {
		t.Fatal("w should ask for the weight")
	}
	typeText(t, p, "2,500")
	if st := statusOf(press(t, p, "enter")); !strings.Contains(st, "2,500 g a piece, as typed") {
		t.Fatalf("enter: %q", st)
	}
	r := p.rows[0]
	if r.grams != 2500*r.q.Quantity || r.intl == before || !strings.Contains(p.View(), "typed: 2,500 g a piece") {
		t.Fatalf("grams %d, intl %d (was %d)\n%s", r.grams, r.intl, before, p.View())
	}
	items, _ := st.Items(context.Background(), p.list.ID)
	if items[0].Candidates[0].Info.Grams != 2500 {
		t.Fatal("the typed weight was not kept")
	}
	press(t, p, "w")
	typeText(t, p, "abc")
	if st := statusOf(press(t, p, "enter")); !strings.Contains(st, "in grams") {
		t.Fatalf("abc: %q", st)
	}
}

// The seller's facts: the repurchase rate the search card showed (kept
// with the candidate) and the dispatch promise of the detail.
func TestCompareSellerFacts(t *testing.T) {
	s := uitest.NewSession(t)
	o := findOffers(t, s.Sandbox, 1, func(o *sandbox.Offer) bool { return stocked(o, 100) && o.Filters["shipIn24Hours"] })[0]
	st := s.WithLists(t)
	ctx := context.Background()
	lid, _ := st.CreateList(ctx, "Client A")
	iid, _ := st.AddItem(ctx, lid, "x", 100, "")
	st.AddCandidate(ctx, iid, sourcing.Candidate{OfferID: o.ID, Info: sourcing.Info{Title: o.Subject, Repurchase: "47%"}})
	items, _ := st.Items(ctx, lid)
	ls, _ := st.Lists(ctx, false)
	p := NewCompare(s.C, ls[0], items[0])
	open(t, p, 200, 40)
	if v := p.View(); !strings.Contains(v, "repurchase 47%") || !strings.Contains(v, "ships in 24 hours") {
		t.Fatalf("seller facts:\n%s", v)
	}
}

// At 200 columns the parts of the landed cost sit beside it.
func TestCompareWideShowsTheParts(t *testing.T) {
	s := uitest.NewSession(t)
	offers := findOffers(t, s.Sandbox, 2, func(o *sandbox.Offer) bool { return stocked(o, 100) })
	p, _, _ := compareOf(t, s, 100, offers)
	p.SetSize(200, 40)
	v := p.View()
	for _, w := range []string{"Domestic", "Intl. est.", "Years"} {
		if !strings.Contains(v, w) {
			t.Errorf("200 columns lack %q:\n%s", w, v)
		}
	}
	fits(t, p, 200, 40, "wide comparison")
	p.SetSize(120, 40)
	if strings.Contains(p.View(), "Intl. est.") {
		t.Error("120 columns show the wide columns")
	}
}
