package search

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"caigou/ui/common"
	"caigou/ui/pricing"
	"caigou/ui/sanitize"
	"caigou/xport"
)

// row is one result, formatted once when its page arrives: View only pads
// and cuts these strings, so scrolling costs the same at 50 rows or 50,000.
//
// A list may hold 100,000 rows, so a row keeps only its text: every cell,
// and the few card facts the product page shows while its detail loads,
// one after another in one string, with at saying where each is. The
// decoded card itself is dropped; the product page fetches the rest by
// offer id.
type row struct {
	text string
	at   [numKept]span
	// price and moq are the card's, for the product page (0 when not
	// sent or unreadable, as in the card).
	price xport.Fen
	moq   int64
	// tpYear is the seller's years on 1688, which the product page falls
	// back to when the detail has none.
	tpYear int32
	flags  uint8
}

// span is where a field is in row.text.
type span struct{ from, to uint16 }

// The fields kept in row.text after the columns (colTitle...colOfferID):
// what the product page takes from the search card (detail.New) and the
// columns do not show as it was sent.
const (
	// keepID is the offer id as sent: the product page asks for it, and
	// the table lists each id once.
	keepID = numColumns + iota
	// keepShip is the whole ship-from address; the city cell is its end.
	keepShip
	// keepSeller is the seller's scores (xport.SellerData's texts),
	// joined by sellerSep.
	keepSeller
	// keepIdentities is the seller's identities the product page names,
	// one letter each (identityCodes), in the order sent.
	keepIdentities
	numKept
)

// Row flags.
const (
	// flagLast: the value the results are sorted by could not be read, and
	// the row goes after every row whose value could.
	flagLast uint8 = 1 << iota
	// flagEN and flagZH: the card had a translated or a Chinese title; a
	// title cell without its flag holds the other language or the dash.
	flagEN
	flagZH
)

// maxField bounds each field in row.text, in bytes, so the offsets fit in
// 16 bits. A title is a few dozen characters; anything longer is a feed's
// mistake.
const maxField = 2000

// clip cuts s to at most maxField bytes, at a character boundary.
func clip(s string) string {
	if len(s) <= maxField {
		return s
	}
	i := maxField
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i]
}

// sellerSep separates the seller's scores in keepSeller: a control
// character, which sanitize.Line never lets through.
const sellerSep = "\x1f"

// identityLetter is the letter that stands for a seller identity the
// product page names, in keepIdentities; 0 for the others.
func identityLetter(id string) byte {
	switch id {
	case "super_factory":
		return 'f'
	case "powerful_merchants":
		return 'p'
	case "tp_member":
		return 't'
	}
	return 0
}

// identityOf is the identity a letter stands for.
func identityOf(c byte) string {
	switch c {
	case 'f':
		return "super_factory"
	case 'p':
		return "powerful_merchants"
	}
	return "tp_member"
}

// field is the text of a column or a kept card field.
func (r *row) field(f int) string { return r.text[r.at[f].from:r.at[f].to] }

// cell is the text of a column, through sanitize.Line.
func (r *row) cell(col int) string { return r.field(col) }

// id is the offer id as sent.
func (r *row) id() string { return r.field(keepID) }

// last reports whether the row's sort value could not be read.
func (r *row) last() bool { return r.flags&flagLast != 0 }

// rowText builds row.text.
type rowText struct {
	b  []byte
	at *[numKept]span
}

// put appends s as field f.
func (t *rowText) put(f int, s string) {
	s = clip(s)
	from := len(t.b)
	t.b = append(t.b, s...)
	t.at[f] = span{uint16(from), uint16(len(t.b))}
}

// same makes field f the same text as field g, which is already in.
func (t *rowText) same(f, g int) { t.at[f] = t.at[g] }

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
	var r row
	var buf [512]byte
	t := rowText{b: buf[:0], at: &r.at}
	if f := sortedBy(sort); f != "" && !o.Readable(f) {
		r.flags |= flagLast
	}
	// or fills an unreadable field's cell with the dash, else with text.
	or := func(field, text string) string {
		if !o.Readable(field) {
			return unreadable
		}
		return text
	}
	var en, zh string
	if o.Readable(fieldSubjectTrans) {
		en = sanitize.Line(string(o.SubjectTrans))
	}
	if o.Readable(fieldSubject) {
		zh = sanitize.Line(string(o.Subject))
	}
	if en != "" {
		r.flags |= flagEN
	}
	if zh != "" {
		r.flags |= flagZH
	}
	enCell := or(fieldSubjectTrans, en)
	zhCell := or(fieldSubject, zh)
	if enCell == "" || enCell == unreadable {
		enCell = zhCell
	}
	if zhCell == "" || zhCell == unreadable {
		zhCell = enCell
	}
	t.put(colTitle, enCell)
	if zhCell == enCell {
		t.same(colTitleZH, colTitle)
	} else {
		t.put(colTitleZH, zhCell)
	}
	price := o.PriceInfo.Price.Fen()
	r.price = price
	switch {
	case !o.Readable(fieldPrice):
		t.put(colPrice, unreadable)
		t.same(colConverted, colPrice)
	case price > 0:
		t.put(colPrice, c.MoneyShort(price))
		t.put(colConverted, c.Converted(price))
	default:
		t.put(colPrice, "ask")
		t.put(colConverted, "")
	}
	r.moq = int64(o.MinOrderQuantity)
	if o.MinOrderQuantity > 0 || !o.Readable(fieldMOQ) {
		t.put(colMOQ, or(fieldMOQ, count(int64(o.MinOrderQuantity))))
	} else {
		t.put(colMOQ, "")
	}
	sold := count(o.MonthSold.N)
	if o.MonthSold.AtLeast {
		sold += "+"
	}
	t.put(colSold, or(fieldMonthSold, sold))
	t.put(colRepurchase, or(fieldRepurchase, percent(sanitize.Line(string(o.RepurchaseRate)))))
	if o.Readable(fieldShipFrom) {
		// The city is the end of the address: one copy serves both.
		addr := clip(sanitize.Line(string(o.SendGoodsAddressText)))
		t.put(keepShip, addr)
		// city gives the end of addr.
		cut := len(addr) - len(city(addr))
		t.at[colCity] = span{t.at[keepShip].from + uint16(cut), t.at[keepShip].to}
	} else {
		t.put(colCity, unreadable)
		t.put(keepShip, "")
	}
	t.put(colBadges, badges(o))
	t.put(colRating, or(fieldTradeScore, sanitize.Line(string(o.TradeScore))))
	// The same measure as the "24h pickup ≥95%" filter.
	t.put(colPickup, or(fieldPickup, percent(sanitize.Line(string(o.Shipping.PickupWithin24hRate30d)))))
	id := sanitize.Line(string(o.OfferID))
	t.put(colOfferID, id)
	if string(o.OfferID) == id {
		t.same(keepID, colOfferID)
	} else {
		t.put(keepID, string(o.OfferID))
	}
	t.put(keepSeller, sellerText(o.SellerData))
	r.tpYear = int32(min(max(int64(o.SellerData.TpYear), 0), 1<<31-1))
	from := len(t.b)
	for _, id := range o.SellerIdentities {
		// Three kinds, each named once; a longer list is a feed's mistake.
		if c := identityLetter(id); c != 0 && len(t.b)-from < 8 {
			t.b = append(t.b, c)
		}
	}
	t.at[keepIdentities] = span{uint16(from), uint16(len(t.b))}
	r.text = string(t.b)
	return r
}

// sellerText is the seller's scores for keepSeller, "" when none was
// sent.
func sellerText(d xport.SellerData) string {
	parts := [...]xport.Text{d.TradeMedalLevel, d.CompositeServiceScore, d.LogisticsExperienceScore,
		d.DisputeComplaintScore, d.OfferExperienceScore, d.AfterSalesExperienceScore, d.ConsultingExperienceScore,
		d.RepeatPurchasePercent, d.Collect30DayWithin48H, d.QualityRefundWithin30Day}
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteString(sellerSep)
		}
		b.WriteString(sanitize.Line(string(p)))
	}
	if strings.Trim(b.String(), sellerSep) == "" {
		return ""
	}
	return b.String()
}

// card is the search card the product page opens with: what it shows
// while the detail loads and falls back to where the detail is silent.
// Text is as sanitize.Line left it, which the product page's own
// sanitising leaves alone.
func (r *row) card() xport.Offer {
	o := xport.Offer{
		OfferID:              xport.ID(r.id()),
		PriceInfo:            xport.PriceInfo{Price: xport.Yuan(r.price)},
		MinOrderQuantity:     xport.Int(r.moq),
		SendGoodsAddressText: xport.Text(r.field(keepShip)),
	}
	if r.flags&flagZH != 0 {
		o.Subject = xport.Text(r.field(colTitleZH))
	}
	if r.flags&flagEN != 0 {
		o.SubjectTrans = xport.Text(r.field(colTitle))
	}
	if s := r.field(keepSeller); s != "" {
		p := strings.Split(s, sellerSep)
		d := &o.SellerData
		for i, f := range []*xport.Text{&d.TradeMedalLevel, &d.CompositeServiceScore, &d.LogisticsExperienceScore,
			&d.DisputeComplaintScore, &d.OfferExperienceScore, &d.AfterSalesExperienceScore, &d.ConsultingExperienceScore,
			&d.RepeatPurchasePercent, &d.Collect30DayWithin48H, &d.QualityRefundWithin30Day} {
			if i < len(p) {
				*f = xport.Text(p[i])
			}
		}
	}
	o.SellerData.TpYear = xport.Int(r.tpYear)
	for _, c := range []byte(r.field(keepIdentities)) {
		o.SellerIdentities = append(o.SellerIdentities, identityOf(c))
	}
	return o
}

// title is the title cell in the chosen language.
func (r *row) title(chinese bool) string {
	if chinese {
		return r.field(colTitleZH)
	}
	return r.field(colTitle)
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
