package detail

import (
	"fmt"
	"strings"

	"caigou/ui/keys"
	"caigou/ui/pricing"
	"caigou/ui/sanitize"
	"caigou/xport"
)

// regionCodes derives the province and city codes 1688 wants from a
// 6-digit district code (GB/T 2260: 440111 is in 440100, in 440000).
func regionCodes(district string) (province, city string, ok bool) { return RegionCodes(district) }

// RegionCodes is regionCodes for the pages that ask for freight without a
// product page (the sourcing comparison).
func RegionCodes(district string) (province, city string, ok bool) {
	if len(district) != 6 || strings.Trim(district, "0123456789") != "" {
		return "", "", false
	}
	return district[:2] + "0000", district[:4] + "00", true
}

// place is the destination as the agent knows it: "广州市白云区".
func place(a *xport.Address) string {
	s := sanitize.Line(string(a.City) + string(a.District))
	if s == "" {
		s = sanitize.Line(string(a.Province))
	}
	if s == "" {
		s = "your address"
	}
	return s
}

// freightQuery is the estimate for the current choice, when one can be
// asked for.
func (m *Model) freightQuery() (xport.FreightQuery, bool) {
	if m.p == nil || m.addr == nil || m.qty <= 0 {
		return xport.FreightQuery{}, false
	}
	prov, city, ok := regionCodes(string(m.addr.DistrictCode))
	if !ok {
		return xport.FreightQuery{}, false
	}
	q := xport.FreightQuery{OfferID: m.p.offerID, ProvinceCode: prov, CityCode: city, DistrictCode: string(m.addr.DistrictCode), TotalNum: m.qty}
	if s := m.chosen(); s != nil && s.skuID != "" {
		q.SKUs = []xport.FreightSKU{{SkuID: s.skuID, Number: m.qty}}
	}
	return q, true
}

// freightLine says what the freight is, or why it is not known.
func (m *Model) freightLine() string {
	switch {
	case m.addrErr != nil:
		msg := "Freight: could not read your addresses (" + sanitize.Line(m.addrErr.Error()) + ")."
		if h := xport.Hint(m.addrErr); h != "" {
			msg += " " + h
		}
		return msg + " " + m.retryWords()
	case !m.addrLoaded:
		return "Freight: finding your default address…"
	case m.addr == nil:
		return "Freight: add a shipping address to the account to see the domestic freight."
	}
	to := "Freight to " + place(m.addr)
	if _, _, ok := regionCodes(string(m.addr.DistrictCode)); !ok {
		return to + ": cannot be estimated, the address has no district code."
	}
	switch {
	case m.qty <= 0:
		return to + ": choose a quantity first."
	case m.freightErr != nil:
		msg := to + ": could not be estimated (" + sanitize.Line(m.freightErr.Error()) + ")."
		if h := xport.Hint(m.freightErr); h != "" {
			msg += " " + h
		}
		return msg + " " + m.retryWords()
	case m.freightWaiting || m.freight == nil:
		return to + ": estimating…"
	}
	return to + ": " + freightText(m.freight, m.p.unitWord())
}

// retryWords names the key that loads the product again, and with it
// whatever failed around it.
func (m *Model) retryWords() string {
	return m.c.Keys.Get(keys.Retry).Help().Key + " tries again."
}

// freightText explains an estimate the way the seller's template works:
// "¥12.00 (first 1 kg ¥8.00, then ¥4.00/kg)".
func freightText(f *xport.Freight, unit string) string {
	if f.FreePostage {
		return "free shipping"
	}
	s := pricing.Money(f.Freight.Fen())
	if f.FirstFee.Fen() == 0 && f.NextFee.Fen() == 0 {
		return s
	}
	var measure string
	switch f.ChargeType {
	case 0:
		measure = "kg"
	case 2:
		measure = "m³"
	default:
		measure = ""
	}
	first := sanitize.Line(string(f.FirstUnit))
	next := sanitize.Line(string(f.NextUnit))
	amount := func(n string) string {
		if measure != "" {
			return n + " " + measure
		}
		var v int64
		if _, err := fmt.Sscan(n, &v); err == nil {
			return pricing.Units(v, unit)
		}
		return n + " " + unit
	}
	per := "/" + measure
	if measure == "" {
		per = " per " + strings.TrimPrefix(amount("1"), "1 ")
		if next != "" && next != "1" {
			per = " per " + amount(next)
		}
	} else if next != "" && next != "1" {
		per = " per " + amount(next)
	}
	if first == "" {
		first = "1"
	}
	return fmt.Sprintf("%s (first %s %s, then %s%s)", s, amount(first), pricing.Money(f.FirstFee.Fen()), pricing.Money(f.NextFee.Fen()), per)
}
