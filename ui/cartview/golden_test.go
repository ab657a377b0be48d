package cartview_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"caigou/ui/app"
	"caigou/ui/cart"
	"caigou/ui/pricing"
	"caigou/ui/search"
	"caigou/ui/uitest"
	"caigou/xport/sandbox"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
)

// TestCartGolden drives the whole desk: from the search page, c opens
// the cart with two suppliers' goods, the addresses arrive, the cursor
// goes to the second supplier and one quantity is raised by a lot. The
// golden is the final screen (the colour profile is pinned in TestMain).
func TestCartGolden(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			s := uitest.NewSession(t)
			two(t, s)
			root := app.New(s.C, search.New(s.C))
			tm := teatest.NewTestModel(t, root, teatest.WithInitialTermSize(size[0], size[1]))
			wait := func(what string) {
				t.Helper()
				teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(what)) },
					teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
			}
			wait("Search:")
			tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
			tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("c")})
			// The renderer redraws only changed lines, so one wait per
			// change: the cart opens with the address loaded or loading.
			wait("Ship to: 陈志强")
			tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j")})
			tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("+")})
			wait("quantity")
			tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
			final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*app.Model)
			teatest.RequireEqualOutput(t, []byte(final.View()))
		})
	}
}

// two fills the cart with a tiered offer's two SKUs from one seller and
// an offer without SKUs from another, the way the product page does.
func two(t *testing.T, s uitest.Session) {
	t.Helper()
	var a, b *sandbox.Offer
	for _, o := range s.Sandbox.Catalogue().Offers {
		switch {
		case a == nil && o.Sellable() && o.QuoteType == 2 && len(o.Axes) == 2 && len(o.Tiers) > 1 && o.MOQ > 1 && !o.Seller.Mix.Enabled:
			a = o
		case a != nil && b == nil && o.Sellable() && o.QuoteType == 0 && len(o.Axes) == 0 && o.Seller != a.Seller && len(o.Tiers) > 0 && o.MOQ > 1 && o.Batch <= 1:
			b = o
		}
	}
	if a == nil || b == nil {
		t.Fatal("the sandbox has no offers for the golden")
	}
	var ks []*sandbox.SKU
	for _, k := range a.SKUs {
		if k.Stock >= 1000 && len(ks) < 2 {
			ks = append(ks, k)
		}
	}
	add := func(o *sandbox.Offer, k *sandbox.SKU, q int64) {
		l := cart.Line{OfferID: o.ID, Title: o.SubjectEN, TitleZH: o.Subject, Quantity: q, SellerOpenID: o.Seller.OpenID,
			SellerName: o.Seller.Company, MOQ: o.MOQ, Batch: max(o.Batch, 1), QuoteType: int64(o.QuoteType), Stock: k.Stock, Unit: o.UnitEN}
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
		if err := s.C.Cart.Put(l); err != nil {
			t.Fatal(err)
		}
	}
	lot := max(a.Batch, 1)
	add(a, ks[0], (a.MOQ+lot-1)/lot*lot)
	add(a, ks[1], lot)
	// One piece, below the second supplier's minimum: the golden shows
	// the warning.
	add(b, b.SKUs[0], 1)
}
