package detail

import (
	"strings"
	"time"

	"caigou/ui/cart"
	"caigou/ui/pricing"
	"caigou/ui/sanitize"
	"caigou/xport"
)

// Quote is an offer priced at a quantity as the product page would price
// it, for pages that compare offers without opening each one (the
// sourcing comparison). It reads the detail the same way the product
// page does, so a comparison and a product page never disagree.
type Quote struct {
	OfferID    string
	TitleZH    string
	Title      string
	Company    string
	SellerOpen string
	Seller     xport.SellerData
	ShipFrom   string
	// Dispatch is the seller's shipping promise in words ("ships in 24
	// hours"), "" when none is made.
	Dispatch string
	// SpecID and SKU are the SKU priced: the one asked for, or when none
	// was (or it is gone) the first that can fill the quantity; Guessed
	// says the desk chose it.
	SpecID  string
	SKU     string
	Guessed bool
	// Missing: the SKU asked for is no longer offered.
	Missing  bool
	Rules    pricing.Rules
	Quantity int64
	Price    pricing.Price
	// Why is why nothing can be ordered ("" when it can): an offer not
	// published, no price, no SKU in stock.
	Why string
	// Line is the cart line at Quantity, ready for cart.AddChecked.
	Line cart.Line
	// GramsPerUnit and the package size are the offer's shipping figures
	// (0: not sent), in grams and millimetres.
	GramsPerUnit                int64
	LengthMM, WidthMM, HeightMM int64
}

// QuoteOf prices offer d's SKU specID at the quantity qty gives for its
// rules (the comparison's orderable quantity for the target).
func QuoteOf(d *xport.ProductDetail, specID string, qty func(pricing.Rules) int64, now time.Time) Quote {
	p := newProductLite(d)
	q := Quote{OfferID: p.offerID, TitleZH: p.titleZH, Title: p.title(), Company: p.company, SellerOpen: p.sellerOpen,
		Seller: p.seller, ShipFrom: p.shipFrom, SpecID: specID}
	sku := -1
	for i, s := range p.skus {
		if s.specID == specID && specID != "" {
			sku = i
		}
	}
	if specID != "" && sku < 0 && len(p.skus) > 0 {
		q.Missing = true
	}
	rulesOf := func(i int) pricing.Rules {
		stock := p.offerStock
		if i >= 0 {
			stock = p.skus[i].stock
		}
		var first int64
		if len(p.tiers) > 0 {
			first = p.tiers[0].Start
		}
		return pricing.NewRules(p.moq, p.batch, first, stock, p.mix, "", p.unitWord())
	}
	if sku < 0 && len(p.skus) > 0 {
		// None asked for: the first SKU whose stock fills the quantity,
		// else the first in stock, else the first.
		q.Guessed = true
		sku = 0
		if i := firstInStock(p.skus); i >= 0 {
			sku = i
		}
		for i := range p.skus {
			r := rulesOf(i)
			if r.Stock >= qty(r) {
				sku = i
				break
			}
		}
	}
	q.Rules = rulesOf(sku)
	q.Quantity = qty(q.Rules)
	var skuPrice xport.Fen
	if sku >= 0 {
		s := p.skus[sku]
		q.SpecID, q.SKU, skuPrice = s.specID, s.label, s.price
	}
	q.Price = pricing.UnitPrice(p.quoteType, p.tiers, skuPrice, q.Quantity)
	switch ok, why := p.orderable(); {
	case !ok:
		q.Why = why
	case q.Missing:
		q.Why = "the SKU chosen is no longer offered"
	case !q.Price.OK:
		q.Why = "no price for this SKU (1688 rule 500_008)"
	case q.Rules.Stock >= 0 && q.Rules.Stock < q.Quantity:
		q.Why = "stock " + pricing.Count(q.Rules.Stock) + ", short of " + pricing.Count(q.Quantity)
	}
	q.Line = cart.Line{
		OfferID: p.offerID, Title: p.title(), TitleZH: p.titleZH, Quantity: q.Quantity, UnitPrice: q.Price.Unit,
		SellerOpenID: p.sellerOpen, SellerName: p.company, MOQ: q.Rules.MOQ, Batch: q.Rules.Batch,
		QuoteType: p.quoteType, Tiers: p.tiers, Stock: q.Rules.Stock, Mix: p.mix, Unit: p.unitWord(), AddedAt: now,
	}
	if sku >= 0 {
		s := p.skus[sku]
		q.Line.SpecID, q.Line.SkuID, q.Line.SKUDesc, q.Line.SKUPrice = s.specID, s.skuID, s.label, s.price
	}
	q.Dispatch = Dispatch(string(d.ShippingInfo.ShippingTimeGuarantee))
	q.GramsPerUnit = decimalTimes(string(d.ShippingInfo.Weight), 1000)
	q.LengthMM = decimalTimes(string(d.ShippingInfo.Length), 10)
	q.WidthMM = decimalTimes(string(d.ShippingInfo.Width), 10)
	q.HeightMM = decimalTimes(string(d.ShippingInfo.Height), 10)
	return q
}

// newProductLite reads what a quote needs, without the description and
// images a product page lays out.
func newProductLite(d *xport.ProductDetail) *product {
	dd := *d
	dd.Description, dd.DescriptionTrans = "", ""
	dd.ProductImage.Images = nil
	dd.Attributes = nil
	return newProduct(&dd, xport.Offer{})
}

// decimalTimes reads a decimal text ("0.383" kg, "12.5" cm) times a power
// of ten (1000: kg to g; 10: cm to mm), exactly and without a float; 0
// for anything that is not a plain positive decimal.
func decimalTimes(s string, scale int64) int64 {
	s = strings.TrimSpace(sanitize.Line(s))
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" && frac == "" {
		return 0
	}
	var n int64
	for _, c := range whole {
		if c < '0' || c > '9' || n > 1e12 {
			return 0
		}
		n = n*10 + int64(c-'0')
	}
	n *= scale
	unit := scale
	for _, c := range frac {
		if c < '0' || c > '9' {
			return 0
		}
		unit /= 10
		if unit == 0 {
			break // finer than the unit: dropped
		}
		n += int64(c-'0') * unit
	}
	return n
}

// Dispatch words 1688's shipping promise codes; an unknown code is shown
// as sent, cleaned.
func Dispatch(code string) string {
	switch c := strings.TrimSpace(sanitize.Line(code)); c {
	case "":
		return ""
	case "shipInToday":
		return "ships today"
	case "shipIn24Hours":
		return "ships in 24 hours"
	case "shipIn48Hours":
		return "ships in 48 hours"
	default:
		return "dispatch: " + c
	}
}
