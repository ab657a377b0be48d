package orders

import (
	"strconv"
	"strings"

	"caigou/ui/sanitize"
	"caigou/xport"
)

// Times are shown in China time, the zone of every 1688 date and of the
// trace: an agent comparing the desk with 1688's pages or a supplier's
// chat must see the same clock.
const (
	longTime  = "2006-01-02 15:04"
	shortTime = "01-02 15:04"
	traceTime = "2006-01-02 15:04:05"
)

// when formats t in China time, or shows what was sent when it could not
// be read.
func when(t xport.Time, layout string) string {
	if t.Time.IsZero() {
		return sanitize.Line(t.Raw)
	}
	return t.In(xport.ChinaTime()).Format(layout)
}

// shortID is an order id for messages, "9000…123"; tables and the detail
// show ids in full because agents copy them.
func shortID(id string) string {
	if len(id) <= 10 {
		return id
	}
	return id[:4] + "…" + id[len(id)-3:]
}

// supplierName is the seller as agents know it: the company, else the
// shop, else the login.
func supplierName(b xport.BaseInfo) string {
	for _, s := range []xport.Text{b.SellerContact.CompanyName, b.SellerContact.ShopName, b.SellerLoginID, b.SellerContact.Name} {
		if v := sanitize.Line(string(s)); v != "" {
			return v
		}
	}
	return "?"
}

// pieces is the total quantity over an order's lines.
func pieces(o xport.Order) int64 {
	var n int64
	for _, it := range o.ProductItems {
		if q := it.Quantity.Whole; q > 0 {
			n += q
		}
	}
	return n
}

// orderIDOf is an order's id as a string, never a number.
func orderIDOf(o xport.Order) string { return sanitize.Line(o.BaseInfo.OrderIDString()) }

// joinNonEmpty joins the parts that are not empty.
func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

func itoa(n int) string { return strconv.Itoa(n) }

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
