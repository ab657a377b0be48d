package orders

import (
	"context"
	"strings"
	"testing"

	"caigou/ui/uitest"
)

// Buy again shows what changed since the order (here the price) before
// adding, and enter puts the lines in the cart at the quantity ordered.
func TestBuyAgainShowsChangesThenAdds(t *testing.T) {
	e := newEnv(t)
	ids := e.place(t, 2)
	o, err := e.c.Client.OrderDetail(context.Background(), ids[0])
	if err != nil {
		t.Fatal(err)
	}
	it := o.ProductItems[0]
	// The seller raised the price since.
	offer := e.sb.Catalogue().OfferByID[string(it.ProductID)]
	for i := range offer.Tiers {
		offer.Tiers[i].Price += 11
	}
	for _, k := range offer.SKUs {
		if k.Price > 0 {
			k.Price += 11
		}
	}
	d := newDetail(e.c, *o)
	d.SetSize(100, 30)
	p, ok := pushesIn(press(t, d, "B"))[0].(*Again)
	if !ok {
		t.Fatal("B on an order should open buy again")
	}
	p.SetSize(100, 30)
	uitest.Drain(t, updater(p), p.Init())
	v := p.View()
	if !strings.Contains(v, "price ") || !strings.Contains(v, "→") || !strings.Contains(v, "1 of 1 can be added") {
		t.Fatalf("the price change is not shown before adding:\n%s", v)
	}
	if e.c.Cart.Count() != 0 {
		t.Fatal("something was added before enter")
	}
	msgs := press(t, p, "enter")
	if !anyContains(statusesIn(msgs), "Added 1 line of order") {
		t.Fatalf("enter: %v", statusesIn(msgs))
	}
	lines := e.c.Cart.Lines()
	if len(lines) != 1 || lines[0].OfferID != string(it.ProductID) || lines[0].Quantity != it.Quantity.Whole || lines[0].SpecID != string(it.SpecID) {
		t.Fatalf("cart %+v, ordered %+v", lines, it)
	}
}

// A line whose SKU is gone is said and not added.
func TestBuyAgainSkipsWhatIsGone(t *testing.T) {
	e := newEnv(t)
	ids := e.place(t, 1)
	o, _ := e.c.Client.OrderDetail(context.Background(), ids[0])
	o.ProductItems[0].SpecID = "no-such-spec"
	p := NewAgain(e.c, *o)
	p.SetSize(100, 30)
	uitest.Drain(t, updater(p), p.Init())
	if v := p.View(); !strings.Contains(v, "no longer offered") || !strings.Contains(v, "0 of 1") {
		t.Fatalf("view:\n%s", v)
	}
	if st := statusesIn(press(t, p, "enter")); !anyContains(st, "Nothing of this order") {
		t.Fatalf("enter: %v", st)
	}
	if e.c.Cart.Count() != 0 {
		t.Fatal("a gone SKU went to the cart")
	}
}
