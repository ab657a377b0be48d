package detail

import (
	"strings"

	"caigou/ui/link"
	"caigou/ui/pricing"
	"caigou/ui/sanitize"
	"caigou/xport"
)

// product is a ProductDetail read once for display: every string that
// came from the API is cleaned here, so no later code can draw a raw one,
// and nothing is recomputed per frame.
type product struct {
	d *xport.ProductDetail

	offerID    string
	titleEN    string
	titleZH    string
	category   string
	unit       string // 件
	unitEN     string // piece
	status     string // "" when published
	company    string
	shipFrom   string
	sellerOpen string
	pageURL    string
	images     []string // normalized http(s) URLs
	attrs      []attr
	quoteType  int64
	tiers      []pricing.Tier
	mix        pricing.Mix
	moq        int64
	batch      int64
	offerStock int64 // for offers without SKUs
	axes       []axis
	skus       []skuView
	seller     xport.SellerData
	badges     []string
	descEN     string // description as text, sanitised; wrapped later
	descZH     string
	descErr    string
}

type attr struct{ name, nameEN, value, valueEN string }

// pageURL is the offer's page on 1688, which agents paste into chats and
// spreadsheets. The id is checked to be digits so nothing else can ride in.
func pageURL(id string) string {
	if id == "" || strings.Trim(id, "0123456789") != "" {
		return ""
	}
	return "https://detail.1688.com/offer/" + id + ".html"
}

func newProduct(d *xport.ProductDetail, card xport.Offer) *product {
	p := &product{d: d}
	p.offerID = sanitize.Line(string(d.OfferID))
	if p.offerID == "" {
		p.offerID = sanitize.Line(string(card.OfferID))
	}
	p.titleEN = sanitize.Line(string(d.SubjectTrans))
	p.titleZH = sanitize.Line(string(d.Subject))
	if p.titleZH == "" {
		p.titleZH = sanitize.Line(string(card.Subject))
	}
	p.category = sanitize.Line(string(d.CategoryName))
	p.unit = sanitize.Line(string(d.SaleInfo.UnitInfo.Unit))
	p.unitEN = sanitize.Line(string(d.SaleInfo.UnitInfo.TransUnit))
	if st := sanitize.Line(string(d.Status)); st != "" && st != "published" {
		p.status = st
	}
	p.company = sanitize.Line(string(d.CompanyName))
	p.shipFrom = sanitize.Line(string(d.ShippingInfo.SendGoodsAddressText))
	if p.shipFrom == "" {
		p.shipFrom = sanitize.Line(string(card.SendGoodsAddressText))
	}
	p.sellerOpen = string(d.SellerOpenID)
	p.pageURL = pageURL(p.offerID)
	for _, raw := range d.ProductImage.Images {
		if u, ok := link.Normalize(raw); ok {
			p.images = append(p.images, u)
		}
	}
	for _, a := range d.Attributes {
		p.attrs = append(p.attrs, attr{
			name:    sanitize.Line(string(a.AttributeName)),
			nameEN:  sanitize.Line(string(a.AttributeNameTrans)),
			value:   sanitize.Line(string(a.Value)),
			valueEN: sanitize.Line(string(a.ValueTrans)),
		})
	}
	p.quoteType = int64(d.SaleInfo.QuoteType)
	p.tiers = pricing.Tiers(d.SaleInfo.PriceRangeList)
	p.mix = pricing.MixOf(d.SellerMixSetting)
	p.moq = int64(d.MinOrderQuantity)
	p.batch = int64(d.BatchNumber)
	p.offerStock = int64(d.SaleInfo.AmountOnSale)
	p.seller = d.SellerData
	if p.seller.TpYear == 0 {
		p.seller = mergeSeller(p.seller, card.SellerData)
	}
	for _, id := range card.SellerIdentities {
		if b := badge(id); b != "" {
			p.badges = append(p.badges, b)
		}
	}
	p.axes, p.skus = buildSKUs(d.SKUs)
	p.descEN, p.descErr = describe(string(d.DescriptionTrans))
	zh, err := describe(string(d.Description))
	p.descZH = zh
	if p.descErr == "" {
		p.descErr = err
	}
	return p
}

// mergeSeller fills a detail's missing seller record from the search card,
// which often carries it when the detail does not.
func mergeSeller(d, card xport.SellerData) xport.SellerData {
	if d.CompositeServiceScore == "" && d.LogisticsExperienceScore == "" {
		return card
	}
	if d.TpYear == 0 {
		d.TpYear = card.TpYear
	}
	return d
}

// badge names a seller identity code in words.
func badge(code string) string {
	switch code {
	case "super_factory":
		return "super factory (超级工厂)"
	case "powerful_merchants":
		return "powerful merchant (实力商家)"
	case "tp_member":
		return "TrustPass member (诚信通)"
	}
	return ""
}

// title is the name to show first: the translation when there is one.
func (p *product) title() string {
	if p.titleEN != "" {
		return p.titleEN
	}
	return p.titleZH
}

// unitWord is the unit for counts in sentences: the translation, else the
// Chinese unit, else pieces.
func (p *product) unitWord() string {
	if p.unitEN != "" {
		return p.unitEN
	}
	return p.unit
}

// orderable is false, with the reason, when 1688 would refuse any order.
func (p *product) orderable() (bool, string) {
	if p.status != "" {
		return false, "this product cannot be ordered: its status is “" + p.status + "”, not published"
	}
	return true, ""
}
