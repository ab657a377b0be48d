package cli

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"caigou/ui/sanitize"
	"caigou/xport"
	"caigou/xport/xportcn"
)

// deep is `caigou check --deep`: one read of every read endpoint of a live
// account, and per endpoint what came back — path found, envelope and
// shape recognised, fields missing, units sane — with the exact setting
// that fixes what does not fit. Half of the wire format is inferred
// (reference [INF]); this is how an agent finds which guesses their
// account disagrees with before money depends on them. It never writes:
// no preview, create, pay or address save.
type deep struct {
	ck  *checker
	xc  xportcn.Config
	hc  *http.Client
	raw map[xport.Endpoint]rawAnswer
	// fixes are the settings found to fix something, as config lines by
	// section; notes are what no setting fixes.
	fixes map[string][]string
	notes []string
}

type rawAnswer struct {
	status int
	body   []byte
}

// logisticsCandidates are the paths tried when the trace path is not
// there: the reference saw only "/alibaba/ka/order/logistics…" cut off.
var logisticsCandidates = []string{
	"/alibaba/ka/order/logistics/trace",
	"/alibaba/ka/order/logistics/get",
	"/alibaba/ka/order/logistics/trace/get",
	"/alibaba/ka/order/logistics/query",
	"/alibaba/ka/order/logistics/info",
}

func newDeep(ck *checker, xc xportcn.Config, hc *http.Client) *deep {
	return &deep{ck: ck, xc: xc, hc: hc, raw: map[xport.Endpoint]rawAnswer{}, fixes: map[string][]string{}}
}

// client is a client on the checked config, changed by mod to try another
// value of a setting. Every answer is kept for the report and --record.
func (d *deep) client(mod func(*xportcn.Config)) (*xportcn.Client, error) {
	xc := d.xc
	if mod != nil {
		mod(&xc)
	}
	return xportcn.New(xc, xportcn.WithHTTPClient(d.hc), xportcn.WithRecorder(func(ep xport.Endpoint, status int, body []byte) {
		d.raw[ep] = rawAnswer{status: status, body: append([]byte(nil), body...)}
	}))
}

// fix records a setting that fixes something and applies it to the rest
// of the check, so one wrong guess does not hide the next.
func (d *deep) fix(section, line string, apply func(*xportcn.Config)) {
	if apply != nil {
		apply(&d.xc)
	}
	for _, l := range d.fixes[section] {
		if l == line {
			return
		}
	}
	d.fixes[section] = append(d.fixes[section], line)
}

// shape names how the last answer of ep was wrapped.
func (d *deep) shape(ep xport.Endpoint) string {
	a, ok := d.raw[ep]
	if !ok {
		return "no answer"
	}
	return xportcn.AnswerShape(ep, a.body)
}

// say is service text made safe for the terminal.
func say(err error) string { return sanitize.Line(err.Error()) }

func (d *deep) run(ctx context.Context) {
	fmt.Fprintln(d.ck.w, "deep check: one read of each endpoint (nothing is ordered, paid or saved)")
	var main *xportcn.Client
	var offers []xport.Offer
	// A fix found on the first call (the timestamp unit, the success
	// codes) is applied and the call made again, up to twice.
	for try := 0; try < 3; try++ {
		c, err := d.client(nil)
		if err != nil {
			d.ck.fail("client", "%s", say(err))
			return
		}
		fixed := 0
		for _, l := range d.fixes {
			fixed += len(l)
		}
		main, offers = c, d.search(ctx, c)
		now := 0
		for _, l := range d.fixes {
			now += len(l)
		}
		if offers != nil || now == fixed {
			break
		}
	}
	if offers == nil {
		d.report()
		return
	}
	d.detail(ctx, main, offers)
	d.category(ctx, main)
	addr := d.addresses(ctx, main)
	d.freight(ctx, main, offers, addr)
	d.orders(ctx, main)
	d.ck.ok("writes", "not tried: preview, create, pay and address save change things; their settings (pay_ids, success codes of the writes) show on first use")
	d.report()
}

// failed reports a call that failed and looks for the setting behind it.
// It reports whether a fix was found.
func (d *deep) failed(ctx context.Context, ep xport.Endpoint, err error, retry func(*xportcn.Client) error) {
	d.ck.fail(string(ep), "%s (%s)", say(err), d.shape(ep))
	var ae *xport.APIError
	if errors.As(err, &ae) && xportcn.SuccessWords(ae.Msg) {
		d.ck.advice("code %s came with the message %q, which reads like success: this account answers success with code %s", sanitize.Line(ae.Code), sanitize.Line(ae.Msg), sanitize.Line(ae.Code))
		code := sanitize.Line(ae.Code)
		d.fix("[xport.wire.success_codes]", fmt.Sprintf("default = [\"200\", %q]", code), func(c *xportcn.Config) {
			codes := map[string][]string{}
			for k, v := range c.Wire.SuccessCodes {
				codes[k] = append(v, code)
			}
			c.Wire.SuccessCodes = codes
		})
		return
	}
	if xport.IsAuth(err) && retry != nil {
		other := map[string]string{"s": "ms", "ms": "s"}[d.xc.TimestampUnit]
		alt, aerr := d.client(func(c *xportcn.Config) { c.TimestampUnit = other })
		if aerr == nil && retry(alt) == nil {
			d.ck.advice("the same call works with timestamps in %s", map[string]string{"s": "seconds", "ms": "milliseconds"}[other])
			d.fix("[xport]", fmt.Sprintf("timestamp_unit = %q", other), func(c *xportcn.Config) { c.TimestampUnit = other })
			return
		}
		d.ck.advice("Xportcn refused the credentials with either timestamp unit: check access_key, access_secret and user_id (Console → AccessKey Management), and this machine's clock (`date -u`, within 10 minutes)")
		return
	}
	if h := xport.Hint(err); h != "" {
		d.ck.advice("%s", h)
	}
	if id := xport.RequestIDOf(err); id != "" {
		d.ck.advice("request id %s (quote it to Xportcn support)", sanitize.Line(id))
	}
}

func (d *deep) search(ctx context.Context, c *xportcn.Client) []xport.Offer {
	q := xport.SearchQuery{Keyword: "T恤", PageSize: 5}
	page, err := c.SearchKeyword(ctx, q)
	if err != nil {
		d.failed(ctx, xport.EpKeywordSearch, err, func(alt *xportcn.Client) error {
			_, err := alt.SearchKeyword(ctx, q)
			return err
		})
		return nil
	}
	priced, odd := cardCounts(page.Offers)
	d.ck.ok(string(xport.EpKeywordSearch), "%s; %d offer(s), %d with a price in yuan", d.shape(xport.EpKeywordSearch), len(page.Offers), priced)
	if odd > 0 || page.Skipped > 0 {
		d.ck.warn(string(xport.EpKeywordSearch), "%d card(s) had fields caigou could not read and %d could not be read at all; they show as — (run with --record and send the file)", odd, page.Skipped)
	}
	if len(page.Offers) == 0 {
		d.ck.warn(string(xport.EpKeywordSearch), "no offers came back, so the product endpoints cannot be checked")
	}
	return page.Offers
}

func (d *deep) detail(ctx context.Context, c *xportcn.Client, offers []xport.Offer) {
	if len(offers) == 0 {
		return
	}
	p, err := c.ProductDetail(ctx, string(offers[0].OfferID))
	if err != nil {
		d.failed(ctx, xport.EpProductDetail, err, nil)
		return
	}
	var missing []string
	if len(p.SKUs) == 0 && len(p.SaleInfo.PriceRangeList) == 0 {
		missing = append(missing, "prices (no SKUs and no price tiers)")
	}
	if p.SellerOpenID == "" {
		missing = append(missing, "sellerOpenId (chat)")
	}
	d.ck.ok(string(xport.EpProductDetail), "%s; %d SKU(s), %d price tier(s)", d.shape(xport.EpProductDetail), len(p.SKUs), len(p.SaleInfo.PriceRangeList))
	if len(missing) > 0 {
		d.ck.warn(string(xport.EpProductDetail), "missing: %s", strings.Join(missing, ", "))
	}
}

func (d *deep) category(ctx context.Context, c *xportcn.Client) {
	cat, err := c.Category(ctx, "0")
	if err != nil {
		d.failed(ctx, xport.EpCategory, err, nil)
		return
	}
	d.ck.ok(string(xport.EpCategory), "%s; %d top categories", d.shape(xport.EpCategory), len(cat.Children))
}

func (d *deep) addresses(ctx context.Context, c *xportcn.Client) *xport.Address {
	list, err := c.Addresses(ctx)
	if err != nil {
		d.failed(ctx, xport.EpAddressList, err, nil)
		return nil
	}
	d.ck.ok(string(xport.EpAddressList), "%s; %d address(es)", d.shape(xport.EpAddressList), len(list))
	for i := range list {
		if len(list[i].DistrictCode) == 6 {
			return &list[i]
		}
	}
	return nil
}

func (d *deep) freight(ctx context.Context, c *xportcn.Client, offers []xport.Offer, addr *xport.Address) {
	if len(offers) == 0 || addr == nil {
		d.ck.warn(string(xport.EpFreight), "not tried: it needs an offer and an address with a district code")
		return
	}
	dc := string(addr.DistrictCode)
	q := xport.FreightQuery{OfferID: string(offers[0].OfferID), ProvinceCode: dc[:2] + "0000", CityCode: dc[:4] + "00", DistrictCode: dc, TotalNum: 10}
	f, err := c.FreightEstimate(ctx, q)
	if err == nil {
		d.ck.ok(string(xport.EpFreight), "%s; freight %s for 10 pieces", d.shape(xport.EpFreight), f.Freight.Fen())
		return
	}
	d.failed(ctx, xport.EpFreight, err, nil)
	other := map[string]string{xportcn.FreightFlat: xportcn.FreightNest, xportcn.FreightNest: xportcn.FreightFlat}[d.xc.Wire.FreightBody]
	alt, aerr := d.client(func(x *xportcn.Config) { x.Wire.FreightBody = other })
	if aerr != nil {
		return
	}
	if _, err := alt.FreightEstimate(ctx, q); err == nil {
		d.ck.advice("the estimate works with the body %s", map[string]string{xportcn.FreightFlat: "flat", xportcn.FreightNest: "nested under productFreightQueryParamsNew"}[other])
		d.fix("[xport.wire]", fmt.Sprintf("freight_body = %q", other), func(c *xportcn.Config) { c.Wire.FreightBody = other })
	}
}

// orders reads the order list, one order's detail and trace, and checks
// what a lost create's look-up and the order amounts depend on.
func (d *deep) orders(ctx context.Context, c *xportcn.Client) {
	page, err := c.ListOrders(ctx, xport.OrderQuery{PageSize: 10})
	if err != nil {
		d.failed(ctx, xport.EpOrderList, err, nil)
		return
	}
	if len(page.Orders) == 0 && page.Unreadable == 0 {
		d.ck.warn(string(xport.EpOrderList), "%s; the account has no orders yet, so order amounts, detail and tracking cannot be checked", d.shape(xport.EpOrderList))
		return
	}
	shapes := map[string]int{}
	carried := 0
	for _, o := range page.Orders {
		shapes[o.Shape]++
		if o.BaseInfo.OutOrderID != "" {
			carried++
		}
	}
	d.ck.ok(string(xport.EpOrderList), "%s; %d order(s) as %s", d.shape(xport.EpOrderList), len(page.Orders), joinCounts(shapes))
	if page.Unreadable > 0 {
		d.ck.fail(string(xport.EpOrderList), "%d order(s) in a shape caigou cannot read (neither 1688's TradeInfo nor Xport's push shape): run with --record and send the file", page.Unreadable)
	}
	if carried == 0 {
		d.ck.warn(string(xport.EpOrderList), "no order carries an outOrderId: when a create's answer is lost, a look-up can never prove it was not placed, so such creates stay UNKNOWN until you settle them by hand")
		d.notes = append(d.notes, "orders carry no outOrderId: ask Xportcn whether the order list can return it and filter by it")
	}
	d.amounts(xport.EpOrderList, page.Orders)
	if len(page.Orders) == 0 {
		return
	}
	pick := traceable(page.Orders)
	id := pick.BaseInfo.OrderIDString()
	if od, err := c.OrderDetail(ctx, id); err != nil {
		d.failed(ctx, xport.EpOrderDetail, err, nil)
	} else {
		d.ck.ok(string(xport.EpOrderDetail), "%s; order %s as %s, %d line(s)", d.shape(xport.EpOrderDetail), sanitize.Line(id), od.Shape, len(od.ProductItems))
		d.amounts(xport.EpOrderDetail, []xport.Order{*od})
	}
	d.trace(ctx, c, pick)
}

// cardCounts is how many search cards carry a price, and how many had
// fields that could not be read.
func cardCounts(offers []xport.Offer) (priced, odd int) {
	for _, o := range offers {
		if o.PriceInfo.Price.Fen() > 0 {
			priced++
		}
		if len(o.Unreadable) > 0 {
			odd++
		}
	}
	return priced, odd
}

// traceable is the order whose trace is worth reading: the first that has
// shipped, else the first. orders is not empty.
func traceable(orders []xport.Order) xport.Order {
	for _, o := range orders {
		if s := string(o.BaseInfo.Status); s == "waitbuyerreceive" || s == "confirm_goods" || s == "success" {
			return o
		}
	}
	return orders[0]
}

// amounts checks the orders' amounts in the configured unit and, when
// they do not fit, in the other one.
func (d *deep) amounts(ep xport.Endpoint, orders []xport.Order) {
	unit := d.xc.Wire.OrderAmountUnit
	other := map[string]string{xport.UnitFen: xport.UnitYuan, xport.UnitYuan: xport.UnitFen}[unit]
	var bad, fitsOther, sent int
	for _, o := range orders {
		if o.BaseInfo.TotalAmount.Present() {
			sent++
		}
		if o.AmountError() == nil {
			continue
		}
		bad++
		o.Resolve(other)
		if o.AmountError() == nil {
			fitsOther++
		}
	}
	switch {
	case sent == 0:
		d.ck.warn(string(ep), "no order carries a totalAmount")
	case bad > 0 && fitsOther == bad:
		d.ck.fail(string(ep), "amounts do not fit %s but fit %s", unit, other)
		d.fix("[xport.wire]", fmt.Sprintf("order_amount_unit = %q", other), func(c *xportcn.Config) { c.Wire.OrderAmountUnit = other })
	case bad > 0:
		d.ck.fail(string(ep), "%d order(s) have amounts that fit neither fen nor yuan: run with --record and send the file", bad)
	case unit == xport.UnitYuan:
		d.ck.ok(string(ep), "amounts read as yuan; whole numbers would fit fen too — the desk cross-checks each order against the total you confirmed")
	default:
		d.ck.ok(string(ep), "amounts are whole numbers, read as fen; the desk cross-checks each order against the total you confirmed")
	}
}

func (d *deep) trace(ctx context.Context, c *xportcn.Client, o xport.Order) {
	id := o.BaseInfo.OrderIDString()
	traces, err := c.Logistics(ctx, id)
	if err == nil {
		shipped := len(o.NativeLogistics.LogisticsItems) > 0
		switch {
		case len(traces) > 0:
			d.ck.ok(string(xport.EpLogistics), "%s; %d parcel(s) for order %s", d.shape(xport.EpLogistics), len(traces), sanitize.Line(id))
		case shipped:
			d.ck.warn(string(xport.EpLogistics), "order %s lists a parcel but the trace says none yet: if tracking stays empty, check logistics_empty_codes and the path", sanitize.Line(id))
		default:
			d.ck.ok(string(xport.EpLogistics), "%s; order %s has no parcel yet (answered as “not shipped”)", d.shape(xport.EpLogistics), sanitize.Line(id))
		}
		return
	}
	var he *xport.HTTPError
	if !errors.As(err, &he) || he.Status != http.StatusNotFound {
		d.failed(ctx, xport.EpLogistics, err, nil)
		return
	}
	d.ck.fail(string(xport.EpLogistics), "the path %s is not there (HTTP 404)", c.Path(xport.EpLogistics).Path)
	for _, p := range logisticsCandidates {
		if p == c.Path(xport.EpLogistics).Path {
			continue
		}
		alt, aerr := d.client(func(x *xportcn.Config) {
			paths := map[string]string{}
			for k, v := range x.Paths {
				paths[k] = v
			}
			paths[string(xport.EpLogistics)] = p
			x.Paths = paths
		})
		if aerr != nil {
			continue
		}
		if _, err := alt.Logistics(ctx, id); err == nil || !errors.As(err, &he) || he.Status != http.StatusNotFound {
			d.ck.advice("%s answers", p)
			d.fix("[xport.paths]", fmt.Sprintf("order_logistics = %q", p), func(c *xportcn.Config) {
				paths := map[string]string{}
				for k, v := range c.Paths {
					paths[k] = v
				}
				paths[string(xport.EpLogistics)] = p
				c.Paths = paths
			})
			return
		}
	}
	d.ck.advice("none of the usual paths answered: ask Xportcn for the “Order Logistics” path and set order_logistics under [xport.paths]")
}

// report ends the deep check with the config lines that fix what it found.
func (d *deep) report() {
	for _, n := range d.notes {
		fmt.Fprintf(d.ck.w, "deep check: no setting fixes this: %s\n", n)
	}
	if len(d.fixes) == 0 {
		if len(d.notes) == 0 {
			fmt.Fprintln(d.ck.w, "deep check: every answer fits the current settings")
		}
		return
	}
	fmt.Fprintln(d.ck.w, "deep check: put these in your config file (see config.example.toml), then run it again:")
	sections := make([]string, 0, len(d.fixes))
	for s := range d.fixes {
		sections = append(sections, s)
	}
	sort.Strings(sections)
	for _, s := range sections {
		fmt.Fprintf(d.ck.w, "  %s\n", s)
		for _, l := range d.fixes[s] {
			fmt.Fprintf(d.ck.w, "  %s\n", l)
		}
	}
}

func joinCounts(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%d %s", m[k], k))
	}
	return strings.Join(parts, ", ")
}
