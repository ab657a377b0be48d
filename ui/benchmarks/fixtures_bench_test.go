package benchmarks

import (
	"strings"
	"testing"

	"caigou/ui/cart"
	"caigou/ui/pricing"
	"caigou/ui/uitest"
	"caigou/xport/sandbox"
)

func TestMain(m *testing.M) { uitest.Main(m) }

func lot(o *sandbox.Offer) int64 { return max(o.Batch, 1) }

// least is the first whole lot at or above the minimum order.
func least(o *sandbox.Offer) int64 {
	moq := o.MOQ
	if moq < 1 && len(o.Tiers) > 0 {
		moq = o.Tiers[0].Start
	}
	b := lot(o)
	return (max(moq, 1) + b - 1) / b * b
}

// lineOf is the line the product page puts in the cart for one SKU.
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

// cartLines are n lines as an agent fills a big cart: every SKU in stock
// of the catalogue's published offers, in catalogue order, at the least
// quantity each offer takes.
func cartLines(tb testing.TB, sb *sandbox.Server, n int) []cart.Line {
	tb.Helper()
	var out []cart.Line
	for _, o := range sb.Catalogue().Offers {
		if !o.Sellable() || o.Seller == nil {
			continue
		}
		for _, k := range o.SKUs {
			if len(out) == n {
				return out
			}
			if k.Stock >= least(o) {
				out = append(out, lineOf(o, k, least(o)))
			}
		}
	}
	if len(out) < n {
		tb.Fatalf("the sandbox catalogue has %d SKUs in stock, want %d", len(out), n)
	}
	return out
}

// orderable is one line per supplier that the preview takes as it is: a
// published offer of a supplier without a mixed-batch rule, a SKU with
// stock for the least quantity, for n suppliers.
func orderable(tb testing.TB, sb *sandbox.Server, n int) []cart.Line {
	tb.Helper()
	seen := map[*sandbox.Seller]bool{}
	var out []cart.Line
	for _, o := range sb.Catalogue().Offers {
		if len(out) == n {
			break
		}
		if !o.Sellable() || o.Seller == nil || seen[o.Seller] || o.Seller.Mix.Enabled || o.Seller.NeedsConsign {
			continue
		}
		q := least(o)
		if len(o.Tiers) > 0 && o.Tiers[0].Start > q {
			q = (o.Tiers[0].Start + lot(o) - 1) / lot(o) * lot(o)
		}
		for _, k := range o.SKUs {
			if k.Stock >= q && k.Price > 0 {
				out = append(out, lineOf(o, k, q))
				seen[o.Seller] = true
				break
			}
		}
	}
	if len(out) < n {
		tb.Fatalf("the sandbox catalogue has %d suppliers with an orderable offer, want %d", len(out), n)
	}
	return out
}
