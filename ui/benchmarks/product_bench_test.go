package benchmarks

import (
	"strings"
	"testing"
	"time"

	"caigou/ui/common"
	"caigou/ui/detail"
	"caigou/ui/search"
	"caigou/ui/uitest"
	"caigou/xport"
	"caigou/xport/sandbox"

	tea "github.com/charmbracelet/bubbletea"
)

// BenchmarkProductScreen is a quantity step on the product page (+, then
// -) and the frame, for an offer with two SKU axes, tiers and plenty of
// stock. The freight estimate the step schedules is not waited for.
func BenchmarkProductScreen(b *testing.B) {
	Each(b, func(b *testing.B, sz Size, p Profile) {
		s := NewSession(b, p.Profile)
		var o *sandbox.Offer
		for _, c := range s.Sandbox.Catalogue().Offers {
			if c.Sellable() && len(c.Axes) == 2 && len(c.Tiers) > 1 && stocked(c) {
				o = c
				break
			}
		}
		if o == nil {
			b.Fatal("no offer with two axes in stock")
		}
		root := NewRoot(b, s.C, search.New(s.C), sz)
		// What the search page sends when enter opens a result.
		card := xport.Offer{OfferID: xport.ID(o.ID), Subject: xport.Text(o.Subject), SubjectTrans: xport.Text(o.SubjectEN)}
		_, cmd := root.Update(common.PushMsg{Page: detail.New(s.C, card)})
		Settle(b, root, cmd, 200*time.Millisecond)
		if v := root.View(); !strings.Contains(v, "Seller") {
			b.Fatalf("the product page did not load:\n%s", v)
		}
		steps := []tea.KeyMsg{uitest.Key("+"), uitest.Key("-")}
		i := 0
		KeyAndView(b, root, func() tea.KeyMsg { i++; return steps[i%2] })
	})
}

// stocked is true when the offer's first SKUs have stock for several lots
// above the least quantity, so + and - both move.
func stocked(o *sandbox.Offer) bool {
	for _, k := range o.SKUs {
		if k.Stock > 0 {
			return k.Stock > least(o)+4*lot(o)
		}
	}
	return false
}
