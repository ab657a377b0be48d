package cart

import (
	"math"
	"reflect"
	"testing"
	"time"

	"caigou/ui/pricing"
)

// The tests of the total the header reads on every frame (the file is
// named for the benchmark work it belongs to).

// sum is the total worked out from scratch, to compare the kept one with.
func sum(c *Cart) int64 {
	t, _ := Sum(c.Lines())
	return int64(t)
}

// TestTotalFollowsEveryChange: the cart keeps its total as lines change
// instead of adding the lines up on every read; after each kind of change
// it must still be the sum of the lines at the prices that apply now.
func TestTotalFollowsEveryChange(t *testing.T) {
	var c Cart
	check := func(what string) {
		t.Helper()
		if got, want := int64(c.Total()), sum(&c); got != want {
			t.Errorf("%s: Total %d, lines add up to %d", what, got, want)
		}
	}
	check("empty")
	if err := c.Put(sku("1", "red", 2, 4)); err != nil {
		t.Fatal(err)
	}
	check("one line")
	// A second SKU of the offer moves both lines to the next tier.
	if err := c.Put(sku("1", "blue", 2, 8)); err != nil {
		t.Fatal(err)
	}
	check("a sibling moved the tier")
	if c.Total() != 12*1180 {
		t.Errorf("12 pieces at the 10+ tier: %d", c.Total())
	}
	if err := c.Set(Key{"1", "blue"}, 50); err != nil {
		t.Fatal(err)
	}
	check("quantity")
	removed := c.Lines()[0]
	if err := c.Delete(removed.Key()); err != nil {
		t.Fatal(err)
	}
	check("removed")
	if err := c.Restore(removed, 0); err != nil {
		t.Fatal(err)
	}
	check("restored")
	// A change that fails changes nothing, the total included.
	before := c.Total()
	if err := c.Set(Key{"nope", ""}, 3); err == nil {
		t.Fatal("a change to a missing line should fail")
	}
	if c.Total() != before {
		t.Errorf("a failed change moved the total to %d", c.Total())
	}
	// Overflow reads as 0, as Total says.
	if err := c.Put(Line{OfferID: "2", Quantity: math.MaxInt64 / 2, UnitPrice: 7}); err != nil {
		t.Fatal(err)
	}
	if c.Total() != 0 {
		t.Errorf("an overflowing cart totals %d, want 0", c.Total())
	}
}

// TestTotalOfAStoredCart: a cart opened from its file, and one that picks
// up another session's change, total what they hold.
func TestTotalOfAStoredCart(t *testing.T) {
	dir := t.TempDir()
	a := open(t, dir)
	if err := a.Put(full()); err != nil {
		t.Fatal(err)
	}
	b := open(t, dir)
	if b.Total() == 0 || b.Total() != a.Total() || int64(b.Total()) != sum(b) {
		t.Errorf("reopened: %d, the saving session %d", b.Total(), a.Total())
	}
	if err := a.Put(line("2", "", "s2", 10)); err != nil {
		t.Fatal(err)
	}
	if changed, err := b.Reload(); !changed || err != nil {
		t.Fatalf("reload: %v %v", changed, err)
	}
	if b.Total() != a.Total() || int64(b.Total()) != sum(b) {
		t.Errorf("after a reload: %d, the other session %d", b.Total(), a.Total())
	}
}

// TestTotalCopiesNothing: reading the total, as the header does on every
// frame, allocates nothing however big the cart.
func TestTotalCopiesNothing(t *testing.T) {
	var c Cart
	for i := range 500 {
		if err := c.Put(Line{OfferID: "o" + string(rune('a'+i%26)) + string(rune('a'+i/26)), Quantity: 1, UnitPrice: 100}); err != nil {
			t.Fatal(err)
		}
	}
	c.Total()
	if n := testing.AllocsPerRun(100, func() { c.Total(); c.Count(); c.Version() }); n != 0 {
		t.Errorf("Total, Count and Version allocate %v times a read", n)
	}
}

// TestEqualLineIsDeepEqual: the written-out comparison of lines, which
// decides whether a change or a reload moved the cart, must say what
// reflect.DeepEqual says, field by field, for every field of Line.
func TestEqualLineIsDeepEqual(t *testing.T) {
	base := full()
	variants := map[string]func(*Line){
		"OfferID": func(l *Line) { l.OfferID += "x" }, "SpecID": func(l *Line) { l.SpecID += "x" },
		"SkuID": func(l *Line) { l.SkuID += "x" }, "Title": func(l *Line) { l.Title += "x" },
		"TitleZH": func(l *Line) { l.TitleZH += "x" }, "SKUDesc": func(l *Line) { l.SKUDesc += "x" },
		"Quantity": func(l *Line) { l.Quantity++ }, "UnitPrice": func(l *Line) { l.UnitPrice++ },
		"SellerOpenID": func(l *Line) { l.SellerOpenID += "x" }, "SellerName": func(l *Line) { l.SellerName += "x" },
		"MOQ": func(l *Line) { l.MOQ++ }, "Batch": func(l *Line) { l.Batch++ }, "QuoteType": func(l *Line) { l.QuoteType++ },
		"Tiers": func(l *Line) { l.Tiers[1].Price++ }, "SKUPrice": func(l *Line) { l.SKUPrice++ },
		"Stock": func(l *Line) { l.Stock++ }, "Mix": func(l *Line) { l.Mix.Number++ }, "Unit": func(l *Line) { l.Unit += "x" },
		"AddedAt": func(l *Line) { l.AddedAt = l.AddedAt.Add(time.Second) },
	}
	if n := reflect.TypeOf(Line{}).NumField(); n != len(variants) {
		t.Fatalf("Line has %d fields, the test (and equalLine) %d: compare the new ones", n, len(variants))
	}
	copyLine := func() Line {
		l := base
		l.Tiers = append([]pricing.Tier(nil), base.Tiers...)
		return l
	}
	for name, change := range variants {
		a, b := copyLine(), copyLine()
		if !equalLine(&a, &b) {
			t.Fatalf("equal lines compare unequal")
		}
		change(&b)
		if equalLine(&a, &b) != reflect.DeepEqual(a, b) {
			t.Errorf("%s: equalLine %v, DeepEqual %v", name, equalLine(&a, &b), reflect.DeepEqual(a, b))
		}
	}
	// The cases DeepEqual is particular about.
	a, b := copyLine(), copyLine()
	a.Tiers, b.Tiers = nil, []pricing.Tier{}
	if equalLine(&a, &b) != reflect.DeepEqual(a, b) {
		t.Error("nil and empty tiers")
	}
	a, b = copyLine(), copyLine()
	a.AddedAt = time.Date(2026, 3, 2, 18, 0, 0, 0, time.FixedZone("CST", 8*3600))
	b.AddedAt = time.Date(2026, 3, 2, 18, 0, 0, 0, time.FixedZone("CST", 8*3600))
	if equalLine(&a, &b) != reflect.DeepEqual(a, b) {
		t.Error("the same zone made twice")
	}
	b.AddedAt = a.AddedAt.UTC()
	if equalLine(&a, &b) != reflect.DeepEqual(a, b) {
		t.Error("the same instant in another zone")
	}
	for _, c := range []struct{ a, b contents }{
		{contents{}, contents{lines: []Line{}, messages: map[string]string{}}},
		{contents{lines: []Line{base}}, contents{lines: []Line{base}, messages: map[string]string{"s": ""}}},
		{contents{messages: map[string]string{"s": "a"}}, contents{messages: map[string]string{"s": "b"}}},
		{contents{messages: map[string]string{"s": "a"}}, contents{messages: map[string]string{"t": "a"}}},
	} {
		want := reflect.DeepEqual(c.a, c.b) || (len(c.a.lines) == 0 && len(c.b.lines) == 0 && len(c.a.messages) == 0 && len(c.b.messages) == 0)
		if equalContents(c.a, c.b) != want {
			t.Errorf("equalContents(%+v, %+v) = %v", c.a, c.b, !want)
		}
	}
}
