package cli

import (
	"context"
	"fmt"
	"strings"

	"caigou/ui/common"
	"caigou/ui/sanitize"
	"caigou/xport"
)

// deep1688 is `caigou check --deep` on the 1688 Open Platform: one read of
// each read API the desk uses, and per API what came back. Unlike the
// Xportcn KA API, 1688's wire is documented (paths, envelopes, units), so
// there are no wire settings to find; what can still go wrong with one
// account is a permission the app was not granted, a field an API leaves
// out, or an amount that does not add up in the reference's unit. It never
// writes: no preview, create, pay or cancel. It reaches 1688 through the
// same interface the screens use, so it checks what the desk will see.
type deep1688 struct {
	ck *checker
	m  common.Market
}

// api1688 is one step of the check: a short name for the desk's column and
// the 1688 API behind it as the reference names it, so an agent can quote
// it to 1688 support or look up the app's permission.
type api1688 struct{ step, name string }

var (
	deepSearch    = api1688{"search", "product.search.keywordQuery"}
	deepDetail    = api1688{"detail", "product.search.queryProductDetail"}
	deepCategory  = api1688{"categories", "alibaba.category.get"}
	deepFreight   = api1688{"freight", "product.freight.estimate"}
	deepOrders    = api1688{"order list", "alibaba.trade.getBuyerOrderList"}
	deepOrder     = api1688{"order detail", "alibaba.trade.get.buyerView"}
	deepLogistics = api1688{"tracking", "alibaba.trade.getLogisticsTraceInfo.buyerView"}
)

func (a api1688) ok(ck *checker, format string, args ...any) {
	ck.ok(a.step, "%s: %s", a.name, fmt.Sprintf(format, args...))
}

func (a api1688) warn(ck *checker, format string, args ...any) {
	ck.warn(a.step, "%s: %s", a.name, fmt.Sprintf(format, args...))
}

func (a api1688) fail(ck *checker, format string, args ...any) {
	ck.fail(a.step, "%s: %s", a.name, fmt.Sprintf(format, args...))
}

func (d *deep1688) run(ctx context.Context, addrs []xport.Address) {
	fmt.Fprintln(d.ck.w, "deep check: one read of each 1688 API the desk uses (nothing is ordered, paid or cancelled)")
	offers := d.search(ctx)
	d.detail(ctx, offers)
	d.category(ctx)
	d.freight(ctx, offers, addrs)
	d.orders(ctx)
	d.ck.ok("writes", "not tried: preview, create, pay and cancel change things; they are checked by their own answers on first use")
}

// failed says which API refused and what to do, in the desk's words.
func (d *deep1688) failed(api api1688, err error) {
	api.fail(d.ck, "%s", say(err))
	switch {
	case xport.IsAuth(err):
		d.ck.advice("1688 refused this API for this app or login: check on open.1688.com that the app is granted %s, then run caigou login again", api.name)
	default:
		if h := xport.Hint(err); h != "" {
			d.ck.advice("%s", h)
		}
	}
}

func (d *deep1688) search(ctx context.Context) []xport.Offer {
	page, err := d.m.SearchKeyword(ctx, xport.SearchQuery{Keyword: "T恤", PageSize: 5})
	if err != nil {
		d.failed(deepSearch, err)
		return nil
	}
	priced, odd := cardCounts(page.Offers)
	deepSearch.ok(d.ck, "%d offer(s) of %d, %d with a price", len(page.Offers), page.TotalRecords, priced)
	if odd > 0 || page.Skipped > 0 {
		deepSearch.warn(d.ck, "%d offer(s) had fields caigou could not read and %d could not be read at all; they show as —", odd, page.Skipped)
	}
	if len(page.Offers) == 0 {
		deepSearch.warn(d.ck, "no offers came back, so detail and freight cannot be checked")
	}
	return page.Offers
}

func (d *deep1688) detail(ctx context.Context, offers []xport.Offer) {
	if len(offers) == 0 {
		return
	}
	p, err := d.m.ProductDetail(ctx, string(offers[0].OfferID))
	if err != nil {
		d.failed(deepDetail, err)
		return
	}
	var missing []string
	if len(p.SKUs) == 0 && len(p.SaleInfo.PriceRangeList) == 0 {
		missing = append(missing, "prices (no SKUs and no price tiers)")
	}
	if p.SellerOpenID == "" {
		missing = append(missing, "sellerOpenId (chat)")
	}
	deepDetail.ok(d.ck, "offer %s: %d SKU(s), %d price tier(s)", sanitize.Line(string(p.OfferID)), len(p.SKUs), len(p.SaleInfo.PriceRangeList))
	if len(missing) > 0 {
		deepDetail.warn(d.ck, "missing: %s", strings.Join(missing, ", "))
	}
}

func (d *deep1688) category(ctx context.Context) {
	cat, err := d.m.Category(ctx, "0")
	if err != nil {
		d.failed(deepCategory, err)
		return
	}
	deepCategory.ok(d.ck, "%d top categories", len(cat.Children))
}

func (d *deep1688) freight(ctx context.Context, offers []xport.Offer, addrs []xport.Address) {
	var addr *xport.Address
	for i := range addrs {
		if len(addrs[i].DistrictCode) == 6 {
			addr = &addrs[i]
			break
		}
	}
	if len(offers) == 0 || addr == nil {
		deepFreight.warn(d.ck, "not tried: it needs an offer and an address with a district code")
		return
	}
	dc := string(addr.DistrictCode)
	q := xport.FreightQuery{OfferID: string(offers[0].OfferID), ProvinceCode: dc[:2] + "0000", CityCode: dc[:4] + "00", DistrictCode: dc, TotalNum: 10}
	f, err := d.m.FreightEstimate(ctx, q)
	if err != nil {
		d.failed(deepFreight, err)
		return
	}
	deepFreight.ok(d.ck, "freight %s for 10 pieces to %s", f.Freight.Fen(), oneLine(*addr))
}

// orders reads the order list, one order's detail and its trace, and
// checks what a lost create's look-up and the amounts depend on.
func (d *deep1688) orders(ctx context.Context) {
	page, err := d.m.ListOrders(ctx, xport.OrderQuery{PageSize: 10})
	if err != nil {
		d.failed(deepOrders, err)
		return
	}
	if len(page.Orders) == 0 && page.Unreadable == 0 {
		deepOrders.warn(d.ck, "the account has no orders yet, so amounts, detail and tracking cannot be checked")
		return
	}
	carried := 0
	for _, o := range page.Orders {
		if o.BaseInfo.OutOrderID != "" {
			carried++
		}
	}
	deepOrders.ok(d.ck, "%d order(s) of %d", len(page.Orders), page.TotalRecords)
	if page.Unreadable > 0 {
		deepOrders.fail(d.ck, "%d order(s) could not be read; the desk shows them as unreadable rather than guess", page.Unreadable)
	}
	if carried == 0 {
		deepOrders.warn(d.ck, "no order carries an outOrderId: when a create's answer is lost, a look-up cannot prove it was not placed, so such orders stay UNKNOWN until you settle them by hand")
	}
	d.amounts(deepOrders, page.Orders)
	if len(page.Orders) == 0 {
		return
	}
	pick := traceable(page.Orders)
	id := pick.BaseInfo.OrderIDString()
	if od, err := d.m.OrderDetail(ctx, id); err != nil {
		d.failed(deepOrder, err)
	} else {
		deepOrder.ok(d.ck, "order %s: %d line(s)", sanitize.Line(id), len(od.ProductItems))
		d.amounts(deepOrder, []xport.Order{*od})
	}
	traces, err := d.m.Logistics(ctx, id)
	switch {
	case err != nil:
		d.failed(deepLogistics, err)
	case len(traces) > 0:
		deepLogistics.ok(d.ck, "%d parcel(s) for order %s", len(traces), sanitize.Line(id))
	default:
		deepLogistics.ok(d.ck, "order %s has no parcel yet (answered as “not shipped”)", sanitize.Line(id))
	}
}

// amounts checks that every order's amounts add up in the unit the
// reference gives for the API (the client resolves it; there is no
// setting to change on 1688, so a misfit is reported, not fixed).
func (d *deep1688) amounts(api api1688, orders []xport.Order) {
	var sent, bad int
	for _, o := range orders {
		if o.BaseInfo.TotalAmount.Present() {
			sent++
		}
		if o.AmountError() != nil {
			bad++
		}
	}
	switch {
	case sent == 0:
		api.warn(d.ck, "no order carries a totalAmount")
	case bad > 0:
		api.fail(d.ck, "%d order(s) have amounts that do not add up in the reference's unit; the desk shows those amounts as unknown", bad)
	default:
		api.ok(d.ck, "amounts add up in yuan, as the reference says; the desk cross-checks each order against the total you confirmed")
	}
}
