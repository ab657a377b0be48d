package cartview

import (
	"strings"
	"testing"

	"caigou/ui/cart"
	"caigou/ui/common"
	"caigou/ui/pricing"
	"caigou/ui/sanitize"
	"caigou/ui/uitest"
	"caigou/xport/sandbox"

	tea "github.com/charmbracelet/bubbletea"
)

// The test offers, found in the sandbox's seeded catalogue by what they
// are rather than by id, so a new seed changes the data, not the test.

func findOffer(t testing.TB, sb *sandbox.Server, what string, ok func(*sandbox.Offer) bool) *sandbox.Offer {
	t.Helper()
	for _, o := range sb.Catalogue().Offers {
		if ok(o) {
			return o
		}
	}
	t.Fatalf("the sandbox catalogue has no offer that is %s", what)
	return nil
}

func lot(o *sandbox.Offer) int64 { return max(o.Batch, 1) }

// tiered is a published offer with two SKU axes, priced by the offer's
// total quantity over several tiers, with plenty of stock.
func tiered(t testing.TB, sb *sandbox.Server) *sandbox.Offer {
	return findOffer(t, sb, "tiered with two axes", func(o *sandbox.Offer) bool {
		if !o.Sellable() || o.QuoteType != 2 || len(o.Axes) != 2 || len(o.Tiers) < 2 || o.MOQ < 2 || o.Seller.Mix.Enabled {
			return false
		}
		n := 0
		for _, k := range o.SKUs {
			if k.Stock >= 1000 {
				n++
			}
		}
		return n >= 2
	})
}

// plain is a published offer without SKUs from another seller than
// other's.
func plain(t testing.TB, sb *sandbox.Server, other *sandbox.Offer) *sandbox.Offer {
	return findOffer(t, sb, "without SKUs", func(o *sandbox.Offer) bool {
		return o.Sellable() && o.QuoteType == 0 && len(o.Axes) == 0 && o.Seller != other.Seller && o.SKUs[0].Stock >= 1000 && len(o.Tiers) > 0
	})
}

func stocked(o *sandbox.Offer, n int) []*sandbox.SKU {
	var out []*sandbox.SKU
	for _, k := range o.SKUs {
		if k.Stock >= 1000 && len(out) < n {
			out = append(out, k)
		}
	}
	return out
}

// lineOf is the line the product page puts in the cart.
func lineOf(o *sandbox.Offer, k *sandbox.SKU, q int64) cart.Line {
	l := cart.Line{
		OfferID: o.ID, Title: o.SubjectEN, TitleZH: o.Subject, Quantity: q,
		SellerOpenID: o.Seller.OpenID, SellerName: o.Seller.Company,
		MOQ: o.MOQ, Batch: lot(o), QuoteType: int64(o.QuoteType), Stock: k.Stock, Unit: o.UnitEN,
		Mix: pricing.Mix{Enabled: o.Seller.Mix.Enabled, Number: o.Seller.Mix.Number, Amount: o.Seller.Mix.Amount},
	}
	for _, tr := range o.Tiers {
		l.Tiers = append(l.Tiers, pricing.Tier{Start: tr.Start, Price: tr.Price})
	}
	if len(o.Axes) > 0 {
		var parts []string
		for ai, v := range k.Values {
			parts = append(parts, o.Axes[ai].Values[v].Value)
		}
		l.SpecID, l.SkuID, l.SKUDesc, l.SKUPrice = k.SpecID, k.ID, strings.Join(parts, " / "), k.Price
	}
	return l
}

// least is the first whole lot at or above the MOQ.
func least(o *sandbox.Offer) int64 {
	b := lot(o)
	return (max(o.MOQ, 1) + b - 1) / b * b
}

// fill puts two SKUs of a tiered offer and one plain offer of another
// seller in the cart.
func fill(t testing.TB, s uitest.Session) (a, b *sandbox.Offer) {
	t.Helper()
	a = tiered(t, s.Sandbox)
	b = plain(t, s.Sandbox, a)
	ks := stocked(a, 2)
	for _, l := range []cart.Line{lineOf(a, ks[0], least(a)), lineOf(a, ks[1], least(a)), lineOf(b, b.SKUs[0], least(b))} {
		if err := s.C.Cart.Put(l); err != nil {
			t.Fatal(err)
		}
	}
	return a, b
}

// page opens the cart page at a size and runs its start-up commands.
func page(t testing.TB, s uitest.Session, w, h int) *Model {
	t.Helper()
	m := New(s.C)
	m.SetSize(w, h)
	uitest.Drain(t, update(m), m.Init())
	return m
}

func update(p common.Page) func(tea.Msg) tea.Cmd {
	return func(msg tea.Msg) tea.Cmd {
		_, cmd := p.Update(msg)
		return cmd
	}
}

// press sends a key and runs what it starts, returning the messages.
func press(t testing.TB, p common.Page, k string) []tea.Msg {
	t.Helper()
	return uitest.Run(t, update(p), uitest.Key(k))
}

func status(msgs []tea.Msg) string {
	var out []string
	for _, m := range msgs {
		switch m := m.(type) {
		case common.StatusMsg:
			out = append(out, m.Text)
		case common.ErrorMsg:
			out = append(out, m.What+" failed: "+m.Err.Error())
		}
	}
	return strings.Join(out, " | ")
}

func pushed(msgs []tea.Msg) common.Page {
	for _, m := range msgs {
		if p, ok := m.(common.PushMsg); ok {
			return p.Page
		}
	}
	return nil
}

func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// fits fails when the view is wider or taller than the page.
func fits(t testing.TB, p common.Page, w, h int, what string) {
	t.Helper()
	lines := strings.Split(p.View(), "\n")
	if len(lines) > h {
		t.Errorf("%s at %dx%d: %d lines", what, w, h, len(lines))
	}
	for i, l := range lines {
		if sanitize.Width(l) > w {
			t.Errorf("%s at %dx%d: line %d is %d wide: %q", what, w, h, i, sanitize.Width(l), l)
		}
	}
}

func TestMain(m *testing.M) { uitest.Main(m) }
