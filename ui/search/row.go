package search

import (
	"caigou/ui/pricing"
	"strconv"
	"strings"

	"caigou/ui/common"
	"caigou/ui/sanitize"
	"caigou/xport"
)

// row is one result, formatted once when its page arrives: View only pads
// and cuts these strings, so scrolling costs the same at 50 rows or 50,000.
type row struct {
	offer xport.Offer
	// cells holds the text of every column, indexed by column id; all API
	// text in it has been through sanitize.Line.
	cells [numColumns]string
	// last is true when the value the results are sorted by could not be
	// read: the row goes after every row whose value could.
	last bool
	// line is the row drawn unselected for layout generation gen: a row
	// scrolled past is drawn once, not on every key press.
	line string
	gen  int
}

// unreadable stands in a cell whose value was sent but could not be read:
// a zero there would be a value (¥0.00, MOQ 0) the seller never gave.
const unreadable = "—"

// The JSON paths of the card fields the columns show (xport.Offer's tags).
const (
	fieldSubject      = "subject"
	fieldSubjectTrans = "subjectTrans"
	fieldPrice        = "priceInfo.price"
	fieldMOQ          = "minOrderQuantity"
	fieldMonthSold    = "monthSold"
	fieldRepurchase   = "repurchaseRate"
	fieldShipFrom     = "sendGoodsAddressText"
	fieldTradeScore   = "tradeScore"
	fieldPickup       = "productSimpleShippingInfo.pickupWithin24hRate30d"
	fieldIdentities   = "sellerIdentities"
	fieldOnePsale     = "isOnePsale"
	fieldTpYear       = "sellerDataInfo.tpYear"
)

// sortedBy is the card field a service sort (xport.Sort.Field) orders
// by, or "" for best match.
func sortedBy(sort string) string {
	switch sort {
	case "price":
		return fieldPrice
	case "monthSold":
		return fieldMonthSold
	case "rePurchaseRate":
		return fieldRepurchase
	}
	return ""
}

// newRow formats an offer. sort is the service sort the results are in
// (xport.Sort.Field, "" for best match).
func newRow(c *common.Common, o xport.Offer, sort string) row {
	r := row{offer: o}
	if f := sortedBy(sort); f != "" {
		r.last = !o.Readable(f)
	}
	// or fills an unreadable field's cell with the dash, else with text.
	or := func(field, text string) string {
		if !o.Readable(field) {
			return unreadable
		}
		return text
	}
	zh := or(fieldSubject, sanitize.Line(string(o.Subject)))
	en := or(fieldSubjectTrans, sanitize.Line(string(o.SubjectTrans)))
	if en == "" || en == unreadable {
		en = zh
	}
	if zh == "" || zh == unreadable {
		zh = en
	}
	r.cells[colTitle] = en
	r.cells[colTitleZH] = zh
	price := o.PriceInfo.Price.Fen()
	switch {
	case !o.Readable(fieldPrice):
		r.cells[colPrice] = unreadable
		r.cells[colConverted] = unreadable
	case price > 0:
		r.cells[colPrice] = c.MoneyShort(price)
		r.cells[colConverted] = c.Converted(price)
	default:
		r.cells[colPrice] = "ask"
	}
	if o.MinOrderQuantity > 0 || !o.Readable(fieldMOQ) {
		r.cells[colMOQ] = or(fieldMOQ, count(int64(o.MinOrderQuantity)))
	}
	sold := count(o.MonthSold.N)
	if o.MonthSold.AtLeast {
		sold += "+"
	}
	r.cells[colSold] = or(fieldMonthSold, sold)
	r.cells[colRepurchase] = or(fieldRepurchase, percent(sanitize.Line(string(o.RepurchaseRate))))
	r.cells[colCity] = or(fieldShipFrom, city(sanitize.Line(string(o.SendGoodsAddressText))))
	r.cells[colBadges] = badges(o)
	r.cells[colRating] = or(fieldTradeScore, sanitize.Line(string(o.TradeScore)))
	// The same measure as the "24h pickup ≥95%" filter.
	r.cells[colPickup] = or(fieldPickup, percent(sanitize.Line(string(o.Shipping.PickupWithin24hRate30d))))
	r.cells[colOfferID] = sanitize.Line(string(o.OfferID))
	return r
}

// title is the title cell in the chosen language.
func (r *row) title(chinese bool) string {
	if chinese {
		return r.cells[colTitleZH]
	}
	return r.cells[colTitle]
}

// count writes a quantity with thousands separators, shortened past a
// million so it fits a narrow column.
func count(n int64) string {
	if n < 0 {
		n = 0
	}
	if n >= 1_000_000 {
		return strconv.FormatInt(n/1_000_000, 10) + "." + strconv.FormatInt(n%1_000_000/100_000, 10) + "M"
	}
	return pricing.Count(n)
}

// percent normalises the rates 1688 sends as "0.35", "35" or "35%" to
// "35%". Anything else is shown as sent: a wrong reading would mislead more
// than an odd format.
func percent(s string) string {
	if s == "" || strings.HasSuffix(s, "%") {
		return s
	}
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" || !digits(whole) || !digits(frac) {
		return s
	}
	if whole == "0" && frac != "" {
		// a fraction of one: 0.35 -> 35%, 0.355 -> 35.5%
		frac += "00"
		p := strings.TrimLeft(frac[:2], "0")
		if p == "" {
			p = "0"
		}
		if rest := strings.TrimRight(frac[2:], "0"); rest != "" {
			p += "." + rest[:1]
		}
		return p + "%"
	}
	if whole == "1" && strings.Trim(frac, "0") == "" && frac != "" {
		return "100%"
	}
	if frac = strings.TrimRight(frac, "0"); frac != "" {
		return whole + "." + frac[:1] + "%"
	}
	return whole + "%"
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// badges are the seller's standing in words; colour alone would be lost
// over SSH and to screen readers.
func badges(o xport.Offer) string {
	var out []string
	for _, id := range o.SellerIdentities {
		switch id {
		case "super_factory":
			out = append(out, "factory")
		case "powerful_merchants":
			out = append(out, "power merchant")
		case "tp_member":
			// the years below say more than the membership itself
		default:
			if s := sanitize.Line(strings.ReplaceAll(id, "_", " ")); s != "" {
				out = append(out, s)
			}
		}
	}
	if o.IsOnePsale {
		out = append(out, "dropship")
	}
	if y := int64(o.SellerData.TpYear); y > 0 {
		// Years first: it is the shortest and survives a narrow column.
		out = append([]string{strconv.FormatInt(y, 10) + "y"}, out...)
	}
	if len(out) == 0 && (!o.Readable(fieldIdentities) || !o.Readable(fieldOnePsale) || !o.Readable(fieldTpYear)) {
		// Nothing to show, but not because the seller has nothing.
		return unreadable
	}
	return strings.Join(out, ", ")
}

// city keeps the last part of a long ship-from address ("浙江省 金华市"
// becomes "金华市"): the wholesale hub is what agents compare, and the
// column is narrow.
func city(addr string) string {
	if sanitize.Width(addr) <= 10 {
		return addr
	}
	if i := strings.LastIndexByte(addr, ' '); i >= 0 && i+1 < len(addr) {
		return addr[i+1:]
	}
	return addr
}
