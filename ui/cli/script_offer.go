package cli

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"caigou/ui/offerlink"
	"caigou/ui/pricing"
	"caigou/ui/sanitize"
	"caigou/xport"
)

// offerOut is the caigou.offer/1 schema.
type offerOut struct {
	Schema  string      `json:"schema"`
	Sandbox bool        `json:"sandbox"`
	Offer   offerDetail `json:"offer"`
}

type offerDetail struct {
	OfferID          string      `json:"offer_id"`
	Title            string      `json:"title"`
	TitleEN          string      `json:"title_en"`
	Status           string      `json:"status"`
	SoldOut          bool        `json:"sold_out"`
	Sold             *int64      `json:"sold"`
	CategoryID       string      `json:"category_id"`
	Category         string      `json:"category"`
	Company          string      `json:"company"`
	Unit             string      `json:"unit"`
	MinOrderQuantity int64       `json:"min_order_quantity"`
	BatchNumber      int64       `json:"batch_number"`
	Stock            int64       `json:"stock"`
	ShipFrom         string      `json:"ship_from"`
	Link             *string     `json:"link"`
	PriceTiers       []offerTier `json:"price_tiers"`
	SKUs             []offerSKU  `json:"skus"`
	Unreadable       []string    `json:"unreadable"`
}

type offerTier struct {
	MinQuantity int64   `json:"min_quantity"`
	PriceFen    *int64  `json:"price_fen"`
	PriceYuan   *string `json:"price_yuan"`
}

type offerSKU struct {
	SkuID      string      `json:"sku_id"`
	SpecID     string      `json:"spec_id"`
	Spec       string      `json:"spec"`
	Attributes []offerAttr `json:"attributes"`
	PriceFen   *int64      `json:"price_fen"`
	PriceYuan  *string     `json:"price_yuan"`
	Stock      int64       `json:"stock"`
}

type offerAttr struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

func runOfferCmd(env Env, args []string) int {
	r, code, ok := parseScript(env, "offer", args, nil)
	if !ok {
		return code
	}
	if len(r.args) != 1 {
		return usageErr(env, r.name, "give one offer id or 1688 offer link: caigou offer 623456789012, or caigou offer https://detail.1688.com/offer/623456789012.html")
	}
	id, ok := offerlink.ID(sanitize.Line(r.args[0]))
	if !ok {
		return usageErr(env, r.name, fmt.Sprintf("%q is neither an offer id (9 to 20 digits) nor a 1688 offer link", sanitize.Truncate(sanitize.Line(r.args[0]), 60)))
	}
	e, err := r.open()
	if err != nil {
		return r.openFailed(err)
	}
	defer e.close()
	ctx, cancel := e.callCtx(env.Ctx)
	defer cancel()
	d, err := e.client.ProductDetail(ctx, id)
	if err != nil {
		return r.failed("offer "+id, err)
	}
	out := &offerOut{Schema: "caigou.offer/1", Sandbox: e.sandboxed, Offer: offerOf(id, d)}
	return r.emit(out, offerCSVHead, offerCSVText, offerCSV(&out.Offer), func(w io.Writer, width int) error {
		return offerTable(w, width, &out.Offer)
	})
}

func offerOf(asked string, d *xport.ProductDetail) offerDetail {
	id := sanitize.Line(string(d.OfferID))
	if id == "" {
		id = asked
	}
	o := offerDetail{
		OfferID: id, Title: txt(d.Subject), TitleEN: txt(d.SubjectTrans), Status: txt(d.Status),
		CategoryID: sanitize.Line(string(d.CategoryID)), Category: txt(d.CategoryName), Company: txt(d.CompanyName),
		Unit: txt(d.SaleInfo.UnitInfo.Unit), MinOrderQuantity: int64(d.MinOrderQuantity), BatchNumber: int64(d.BatchNumber),
		Stock: int64(d.SaleInfo.AmountOnSale), ShipFrom: txt(d.ShippingInfo.SendGoodsAddressText), Link: offerLink(id),
		PriceTiers: []offerTier{}, SKUs: []offerSKU{}, Unreadable: append([]string{}, d.Unreadable...),
	}
	if o.Unit == "" {
		o.Unit = txt(d.SaleInfo.UnitInfo.TransUnit)
	}
	for _, t := range d.SaleInfo.PriceRangeList {
		p := t.Price.Fen()
		ot := offerTier{MinQuantity: int64(t.StartQuantity)}
		ot.PriceFen, ot.PriceYuan = money(p, p > 0)
		o.PriceTiers = append(o.PriceTiers, ot)
	}
	for _, k := range d.SKUs {
		s := offerSKU{SkuID: sanitize.Line(string(k.SkuID)), SpecID: txt(k.SpecID), Stock: int64(k.AmountOnSale), Attributes: []offerAttr{}}
		var spec []string
		for _, a := range k.Attributes {
			at := offerAttr{Name: txt(a.AttributeName), Value: txt(a.Value)}
			s.Attributes = append(s.Attributes, at)
			spec = append(spec, joinNonEmptyText(":", at.Name, at.Value))
		}
		s.Spec = strings.Join(spec, " / ")
		p := k.Price.Fen()
		s.PriceFen, s.PriceYuan = money(p, p > 0)
		o.SKUs = append(o.SKUs, s)
	}
	// Sold out is what the desk says: no stock on any SKU, or on the
	// offer when it has none (soldOut on the wire is a sales count).
	o.SoldOut = o.Stock <= 0
	if len(o.SKUs) > 0 {
		o.SoldOut = !slices.ContainsFunc(o.SKUs, func(s offerSKU) bool { return s.Stock > 0 })
	}
	if d.Sold.N > 0 && !slices.Contains(d.Unreadable, "soldOut") {
		n := d.Sold.N
		o.Sold = &n
	}
	return o
}

func joinNonEmptyText(sep string, parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, sep)
}

var (
	offerCSVHead = []string{"offer_id", "title", "company", "min_order_quantity", "batch_number", "unit", "sku_id", "spec_id", "spec", "price_fen", "price_yuan", "stock"}
	offerCSVText = []bool{false, true, true, false, false, true, false, true, true, false, false, false}
)

// offerCSV is one row per SKU, the offer's columns repeated; an offer
// without SKUs is one row with the SKU columns empty and its own stock.
func offerCSV(o *offerDetail) [][]string {
	head := []string{o.OfferID, o.Title, o.Company, strconv.FormatInt(o.MinOrderQuantity, 10), strconv.FormatInt(o.BatchNumber, 10), o.Unit}
	if len(o.SKUs) == 0 {
		return [][]string{append(head, "", "", "", "", "", strconv.FormatInt(o.Stock, 10))}
	}
	rows := make([][]string, 0, len(o.SKUs))
	for _, s := range o.SKUs {
		row := append(append([]string{}, head...), s.SkuID, s.SpecID, s.Spec, intCell(s.PriceFen), deref(s.PriceYuan), strconv.FormatInt(s.Stock, 10))
		rows = append(rows, row)
	}
	return rows
}

// offerTable is the offer's facts, one per line, then its SKUs as a
// table.
func offerTable(w io.Writer, width int, o *offerDetail) error {
	status := orNone(o.Status)
	if o.SoldOut {
		status += " · SOLD OUT"
	}
	var tiers []string
	for _, t := range o.PriceTiers {
		p := "ask"
		if t.PriceFen != nil {
			p = pricing.Money(xport.Fen(*t.PriceFen))
		}
		tiers = append(tiers, "≥"+pricing.Count(t.MinQuantity)+" "+p)
	}
	order := pricing.Count(o.MinOrderQuantity) + " " + o.Unit
	if o.BatchNumber > 1 {
		order += ", in lots of " + pricing.Count(o.BatchNumber)
	}
	facts := [][2]string{
		{"offer", o.OfferID}, {"title", o.Title}, {"title (en)", o.TitleEN}, {"seller", o.Company},
		{"category", o.Category}, {"status", status}, {"minimum", strings.TrimSpace(order)},
		{"stock", pricing.Count(o.Stock)}, {"ships from", o.ShipFrom}, {"price tiers", strings.Join(tiers, " · ")},
		{"link", deref(o.Link)},
	}
	for _, f := range facts {
		v := orNone(sanitize.Line(f[1]))
		if width > 0 {
			v = sanitize.Truncate(v, max(width-13, 8))
		}
		fmt.Fprintf(w, "%-11s  %s\n", f[0], v)
	}
	if len(o.SKUs) == 0 {
		return nil
	}
	fmt.Fprintln(w)
	rows := make([][]string, 0, len(o.SKUs))
	for _, s := range o.SKUs {
		p := "tiers"
		if s.PriceFen != nil {
			p = pricing.Money(xport.Fen(*s.PriceFen))
		}
		rows = append(rows, []string{s.SkuID, p, pricing.Count(s.Stock), orNone(s.Spec)})
	}
	return writeTable(w, width, []column{{head: "SKU ID", max: 20}, {head: "PRICE", right: true}, {head: "STOCK", right: true}, {head: "SPEC"}}, rows)
}
