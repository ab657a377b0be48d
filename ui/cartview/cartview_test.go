package cartview

import (
	"strings"
	"testing"

	"caigou/ui/cart"
	"caigou/ui/sanitize"
	"caigou/ui/uitest"
)

func TestEmptyCart(t *testing.T) {
	s := uitest.NewSession(t)
	m := New(s.C)
	m.SetSize(80, 20)
	m.Init()
	v := strings.Join(strings.Fields(m.View()), " ")
	if !strings.Contains(v, "The cart is empty") || !strings.Contains(v, "press a to add it") {
		t.Fatalf("empty cart:\n%s", m.View())
	}
}

func TestGroupsBySupplierWithTotals(t *testing.T) {
	s := uitest.NewSession(t)
	s.C.Cart.Add(cart.Line{OfferID: "1", SpecID: "a", Title: "Summer dress", SKUDesc: "红色 / M", Quantity: 12, UnitPrice: 1250, SellerOpenID: "s1", SellerName: "义乌服饰"})
	s.C.Cart.Add(cart.Line{OfferID: "2", Title: "Phone case", Quantity: 100, UnitPrice: 350, SellerOpenID: "s2", SellerName: "深圳手机壳厂"})
	s.C.Cart.Add(cart.Line{OfferID: "1", SpecID: "b", Title: "Summer dress", SKUDesc: "蓝色 / L", Quantity: 4, UnitPrice: 1250, SellerOpenID: "s1", SellerName: "义乌服饰"})
	m := New(s.C)
	m.SetSize(80, 30)
	m.Init()
	v := m.View()
	// The second dress line is listed under its supplier, not after the
	// phone case.
	a, b, c := strings.Index(v, "红色 / M"), strings.Index(v, "蓝色 / L"), strings.Index(v, "Phone case")
	if a < 0 || b < 0 || c < 0 || !(a < b && b < c) {
		t.Fatalf("lines not grouped by supplier:\n%s", v)
	}
	for _, want := range []string{"义乌服饰 · 2 lines · ¥200.00", "深圳手机壳厂 · 1 line · ¥350.00", "¥150.00", "Total ¥550.00 · 3 lines"} {
		if !strings.Contains(v, want) {
			t.Errorf("cart lacks %q:\n%s", want, v)
		}
	}
	for i, l := range strings.Split(v, "\n") {
		if sanitize.Width(l) > 80 {
			t.Errorf("line %d is too wide: %q", i, l)
		}
	}
}

func TestScrollsLongCarts(t *testing.T) {
	s := uitest.NewSession(t)
	for i := 0; i < 40; i++ {
		s.C.Cart.Add(cart.Line{OfferID: string(rune('A' + i)), Title: "Item", Quantity: 1, UnitPrice: 100, SellerName: "S"})
	}
	m := New(s.C)
	m.SetSize(60, 10)
	m.Init()
	if n := len(strings.Split(m.View(), "\n")); n != 10 {
		t.Fatalf("view has %d lines, want 10", n)
	}
	if strings.Contains(m.View(), "Total") {
		t.Fatal("the total should be below the fold")
	}
	m.Update(uitest.Key("G"))
	if !strings.Contains(m.View(), "Total ¥40.00") {
		t.Fatalf("G should scroll to the total:\n%s", m.View())
	}
	m.Update(uitest.Key("g"))
	if strings.Contains(m.View(), "Total") {
		t.Fatal("g should scroll back to the top")
	}
}
