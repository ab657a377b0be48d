package sandbox

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"caigou/xport"
	"caigou/xport/xportcn"
)

// These tests build small marketplaces by hand and install them into a
// Server directly (s.cat), so they do not depend on the generator.

type manualClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *manualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *manualClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

type testMarket struct {
	cat                        *Catalogue
	shop, mixShop, consignShop *Seller
	partialShop                *Seller
	skuSeq                     int
}

func specOf(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:16])
}

// seller makes a seller whose partial-shipping trait is as asked (the
// sandbox picks partial shippers by a hash of the ids).
func (m *testMarket) seller(name, city, province string, partial bool) *Seller {
	for i := 0; ; i++ {
		s := &Seller{
			OpenID:   fmt.Sprintf("BBB%s%03dx", name, i),
			LoginID:  "tb" + name,
			Company:  city + name + "贸易有限公司",
			Province: province,
			City:     city,
			Wangwang: city + name + "贸易",
		}
		if (obHash("partial", s.OpenID, s.LoginID)%5 == 0) == partial {
			m.cat.Sellers = append(m.cat.Sellers, s)
			m.cat.SellerByOpen[s.OpenID] = s
			return s
		}
	}
}

// offer adds a published offer with n colour SKUs (0: no axes, one SKU),
// each at price with stock, free postage, MOQ 1 and no lot size.
func (m *testMarket) offer(id string, s *Seller, quoteType, n int, price xport.Fen, stock int64) *Offer {
	o := &Offer{
		ID: id, Subject: "测试商品" + id, SubjectEN: "Test item " + id, Seller: s,
		QuoteType: quoteType, MOQ: 1, Batch: 1, Unit: "件", UnitEN: "piece",
		Status: "published", Freight: FreightRule{FreePostage: true},
		Images: []string{"https://cbu01.alicdn.com/img/ibank/" + id + ".jpg"},
	}
	if n == 0 {
		m.skuSeq++
		o.SKUs = []*SKU{{ID: fmt.Sprintf("1000000%06d", m.skuSeq), SpecID: specOf(id), Stock: stock, Price: price}}
	} else {
		ax := Axis{ID: "3216", Name: "颜色", NameEN: "Colour"}
		for i := range n {
			ax.Values = append(ax.Values, AxisValue{Value: fmt.Sprintf("颜色%d", i+1), ValueEN: fmt.Sprintf("colour %d", i+1)})
			m.skuSeq++
			o.SKUs = append(o.SKUs, &SKU{ID: fmt.Sprintf("1000000%06d", m.skuSeq), SpecID: specOf(fmt.Sprint(id, i)), Values: []int{i}, Stock: stock, Price: price})
		}
		o.Axes = []Axis{ax}
	}
	m.cat.Offers = append(m.cat.Offers, o)
	m.cat.OfferByID[id] = o
	return o
}

func newTestMarket(t testing.TB) *testMarket {
	m := &testMarket{cat: &Catalogue{CategoryByID: map[string]*Category{}, OfferByID: map[string]*Offer{}, SellerByOpen: map[string]*Seller{}}}
	m.shop = m.seller("A", "义乌", "浙江", false)
	m.mixShop = m.seller("B", "广州", "广东", false)
	m.mixShop.Mix = MixRule{Enabled: true, Number: 20, Amount: 10000}
	m.consignShop = m.seller("C", "深圳", "广东", false)
	m.consignShop.NeedsConsign = true
	m.partialShop = m.seller("D", "汕头", "广东", true)

	// 101: SKUs priced together by quantity (quoteType 2), per-piece
	// freight template.
	o := m.offer("100000000101", m.shop, 2, 2, 500, 200)
	o.Tiers = []Tier{{10, 500}, {50, 450}, {100, 400}}
	o.MOQ = 10
	o.Freight = FreightRule{ChargeType: 1, FirstUnit: 10, FirstFee: 800, NextUnit: 10, NextFee: 200}
	// 102: priced per SKU (quoteType 1); its ladder must not apply.
	o = m.offer("100000000102", m.shop, 1, 2, 1200, 100)
	o.SKUs[1].Price = 1500
	o.Tiers = []Tier{{2, 1200}, {10, 1000}}
	o.MOQ = 2
	// 103: no SKUs (quoteType 0), weight-based freight.
	o = m.offer("100000000103", m.shop, 0, 0, 300, 100)
	o.Tiers = []Tier{{5, 300}, {20, 280}}
	o.MOQ = 5
	o.WeightGrams = 250
	o.Freight = FreightRule{ChargeType: 0, FirstUnit: 1000, FirstFee: 600, NextUnit: 1000, NextFee: 300}
	m.offer("100000000104", m.shop, 0, 0, 300, 100).Status = "auditing"
	m.offer("100000000105", m.shop, 1, 1, 0, 100)
	o = m.offer("100000000106", m.shop, 0, 0, 300, 100)
	o.MOQ, o.Batch = 6, 6
	o = m.offer("100000000107", m.shop, 2, 1, 300, 100)
	o.MOQ, o.Tiers = 5, []Tier{{20, 300}, {50, 280}}
	m.offer("100000000108", m.shop, 0, 0, 250, 50) // scarce stock

	o = m.offer("100000000201", m.mixShop, 2, 1, 500, 500)
	o.MOQ, o.Tiers = 10, []Tier{{10, 500}}
	o = m.offer("100000000202", m.mixShop, 2, 1, 2500, 500)
	o.MOQ, o.Tiers = 10, []Tier{{10, 2500}}
	m.offer("100000000301", m.consignShop, 0, 0, 900, 100)
	m.offer("100000000401", m.partialShop, 0, 0, 1000, 100)
	// 500: 60 SKUs, to make the preview split in two orders.
	m.offer("100000000500", m.shop, 1, 60, 100, 100)
	// 909 carries the sandbox's small promotion.
	m.offer("100000000909", m.shop, 0, 0, 1000, 100)

	for _, o := range m.cat.Offers {
		if promo := ordPromoCut(o.ID, 1000); (promo > 0) != (o.ID == "100000000909" || o.ID == "100000000401") {
			t.Fatalf("test catalogue: offer %s promotion %v is not what the tests assume", o.ID, promo)
		}
	}
	return m
}

type desk struct {
	s   *Server
	c   *xportcn.Client
	clk *manualClock
	m   *testMarket
	url string // the HTTP server in front of s
}

var testStart = time.Date(2026, 5, 20, 10, 0, 0, 0, orderZone)

func newDesk(t testing.TB) *desk { return newDeskWith(t, Dialect{}) }

// newDeskWith is newDesk on a sandbox speaking the dialect dl.
func newDeskWith(t testing.TB, dl Dialect) *desk {
	t.Helper()
	clk := &manualClock{t: testStart}
	s := New(Options{Seed: 7, Offers: 1, Clock: clk.Now, Dialect: dl})
	m := newTestMarket(t)
	s.cat = m.cat
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	cfg := kaConfig(srv.URL)
	cfg.RequestsPerSecond = 10000
	c, err := xportcn.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return &desk{s: s, c: c, clk: clk, m: m, url: srv.URL}
}

func warehouse() xport.AddressParam {
	return xport.AddressParam{
		FullName: "陈志强", Mobile: "13800001688", PostCode: "510470",
		ProvinceText: "广东省", CityText: "广州市", AreaText: "白云区", TownText: "人和镇",
		Address: "鹤龙一路88号 集运仓3号库", DistrictCode: "440111",
	}
}

func (d *desk) sku(offer string, i int) string { return d.m.cat.OfferByID[offer].SKUs[i].SpecID }

func (d *desk) req(lines ...xport.Cargo) xport.OrderRequest {
	return xport.OrderRequest{Address: warehouse(), Cargo: lines}
}

func line(offer, spec string, q int64) xport.Cargo {
	return xport.Cargo{OfferID: xport.NumID(offer), SpecID: spec, Quantity: q}
}

func asAPIError(t *testing.T, err error) *xport.APIError {
	t.Helper()
	var ae *xport.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("want an API error, got %v", err)
	}
	return ae
}

func TestPreviewRuleRefusals(t *testing.T) {
	d := newDesk(t)
	ctx := context.Background()
	cases := []struct {
		name  string
		lines []xport.Cargo
		rule  string
		in    string // in the message
	}{
		{"unknown offer", []xport.Cargo{line("100000009999", "", 1)}, "500_001", "100000009999"},
		{"not published", []xport.Cargo{line("100000000104", "", 5)}, "500_001", "auditing"},
		{"two sellers", []xport.Cargo{line("100000000101", d.sku("100000000101", 0), 10), line("100000000201", d.sku("100000000201", 0), 10)}, "500_002", "100000000201"},
		{"wrong spec", []xport.Cargo{line("100000000101", specOf("nope"), 10)}, "500_003", specOf("nope")},
		{"missing spec on an offer with axes", []xport.Cargo{line("100000000101", "", 10)}, "500_003", "(empty)"},
		{"another offer's spec", []xport.Cargo{line("100000000101", d.sku("100000000102", 0), 10)}, "500_003", "100000000101"},
		{"stock", []xport.Cargo{line("100000000101", d.sku("100000000101", 0), 250)}, "500_004", "250 > 200"},
		{"moq", []xport.Cargo{line("100000000101", d.sku("100000000101", 0), 3)}, "500_005", "offer 100000000101: 3 < 10"},
		{"moq across SKUs", []xport.Cargo{line("100000000101", d.sku("100000000101", 0), 4), line("100000000101", d.sku("100000000101", 1), 5)}, "500_005", "9 < 10"},
		{"mixed batch not reached", []xport.Cargo{line("100000000201", d.sku("100000000201", 0), 3), line("100000000202", d.sku("100000000202", 0), 2)}, "500_006", "20 pieces or ¥100.00"},
		{"consignment only", []xport.Cargo{line("100000000301", "", 1)}, "500_007", ""},
		{"zero price", []xport.Cargo{line("100000000105", d.sku("100000000105", 0), 1)}, "500_008", ""},
		{"wholesale minimum", []xport.Cargo{line("100000000107", d.sku("100000000107", 0), 10)}, "500_009", "10 < 20"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := d.c.PreviewOrder(ctx, d.req(tc.lines...))
			ae := asAPIError(t, err)
			if ae.Code != tc.rule || ae.Rule != tc.rule || !strings.HasPrefix(ae.Msg, tc.rule+": ") || !strings.Contains(ae.Msg, tc.in) {
				t.Fatalf("got code %q rule %q msg %q, want %s mentioning %q", ae.Code, ae.Rule, ae.Msg, tc.rule, tc.in)
			}
			if !xport.IsValidation(err) {
				t.Fatalf("%v is not classed as validation", err)
			}
			// create refuses the same way and orders nothing
			r := d.req(tc.lines...)
			r.OutOrderID = "refused-" + tc.name
			if _, err := d.c.CreateOrder(ctx, r); xport.RuleOf(err) != tc.rule {
				t.Fatalf("create: %v, want %s", err, tc.rule)
			}
		})
	}
	if n := len(d.s.orders.orders); n != 0 {
		t.Fatalf("refused creates made %d orders", n)
	}
}

func TestPreviewParameterErrors(t *testing.T) {
	d := newDesk(t)
	ctx := context.Background()
	r := d.req(line("100000000103", "", 5))
	r.Address.CityText = ""
	_, err := d.c.PreviewOrder(ctx, r)
	if ae := asAPIError(t, err); ae.Code != "400" || !strings.Contains(ae.Msg, "cityText") {
		t.Fatalf("missing city: %v", err)
	}
	// lot size: a plain parameter error, not a rule code
	_, err = d.c.PreviewOrder(ctx, d.req(line("100000000106", "", 8)))
	if ae := asAPIError(t, err); ae.Code != "400" || ae.Rule != "" || !strings.Contains(ae.Msg, "batchNumber") {
		t.Fatalf("lot size: %v", err)
	}
	if _, err = d.c.PreviewOrder(ctx, d.req(line("100000000106", "", 12))); err != nil {
		t.Fatalf("two lots: %v", err)
	}
	// raw bodies the typed client would never send
	for body, want := range map[string]string{
		`{"addressParam":{"fullName":"x","mobile":"13800000000","provinceText":"p","cityText":"c","address":"a"},"cargoParamList":[]}`:                                        "cargoParamList",
		`{"addressParam":{"fullName":"x","mobile":"13800000000","provinceText":"p","cityText":"c","address":"a"},"cargoParamList":[{"offerId":100000000103,"quantity":2.5}]}`: "2.5",
		`{"addressParam":{"fullName":"x","mobile":"13800000000","provinceText":"p","cityText":"c","address":"a"},"cargoParamList":[{"offerId":100000000103,"quantity":-1}]}`:  "quantity",
		`{"addressParam":{"fullName":"x","provinceText":"p","cityText":"c","address":"a"},"cargoParamList":[{"offerId":100000000103,"quantity":5}]}`:                          "mobile",
		`{"addressParam":{"fullName":"x","mobile":"13800000000","provinceText":"p","cityText":"c","address":"a"},"cargoParamList":[{"offerId":"","quantity":5}]}`:             "offerId",
		`{"addressParam":{"fullName":"x","mobile":"13800000000","provinceText":"p","cityText":"c","address":"a"},"cargoParamList":[{"offerId":{"a":1},"quantity":5}]}`:        "",
		`[1,2]`: "",
	} {
		_, e := d.s.handlePreview(nil, []byte(body))
		if e == nil || e.Code != "400" || !strings.Contains(e.Msg, want) {
			t.Errorf("%s: got %+v, want 400 mentioning %q", body, e, want)
		}
	}
	// quantity 2.0, offerId as a string and a number both work
	body := `{"addressParam":{"fullName":"x","mobile":"13800000000","provinceText":"p","cityText":"c","address":"a"},"cargoParamList":[{"offerId":"100000000103","quantity":4.0},{"offerId":100000000103,"specId":"","quantity":2}]}`
	out, e := d.s.handlePreview(nil, []byte(body))
	if e != nil {
		t.Fatal(e.Msg)
	}
	if p := out.([]ordPreview); len(p[0].Items) != 1 || p[0].Items[0].Amount != 6*300 {
		t.Fatalf("merged lines: %+v", p)
	}
}

func TestPreviewArithmetic(t *testing.T) {
	d := newDesk(t)
	ctx := context.Background()
	// 30 + 25 pieces of a quoteType 2 offer: the 55-piece total unlocks the
	// 50 tier (4.50) for both SKUs, although neither reaches it alone.
	pv, err := d.c.PreviewOrder(ctx, d.req(
		line("100000000101", d.sku("100000000101", 0), 30),
		line("100000000101", d.sku("100000000101", 1), 25),
	))
	if err != nil {
		t.Fatal(err)
	}
	if len(pv) != 1 || len(pv[0].Items) != 2 {
		t.Fatalf("preview: %+v", pv)
	}
	p := pv[0]
	for i, want := range []xport.Fen{30 * 450, 25 * 450} {
		it := p.Items[i]
		if it.FinalUnitPrice != 450 || it.Amount != want {
			t.Errorf("line %d: unit %d amount %d, want 450 and %d", i, it.FinalUnitPrice, it.Amount, want)
		}
		if string(it.OfferID) != "100000000101" || string(it.SpecID) != d.sku("100000000101", i) || len(it.SkuID) != 13 || len(it.OpenOfferID) != 24 || !strings.HasSuffix(string(it.OpenOfferID), "==") {
			t.Errorf("line %d ids: %+v", i, it)
		}
	}
	// freight: 55 pieces = first 10 for 8.00 + 5 started tens at 2.00
	if p.SumPaymentNoCarriage != 24750 || p.SumCarriage != 1800 || p.SumPayment != 26550 {
		t.Fatalf("sums: %+v", p)
	}
	// 2.5% of 265.50 is 6.6375, which rounds to 6.64
	if p.SumTotalPayment != 26550+664 {
		t.Fatalf("sumTotalPayment %d", p.SumTotalPayment)
	}
	if p.FlowFlag != "general" || len(p.TradeModelList) != 1 || p.TradeModelList[0].TradeType != "assureTrade" || !bool(p.TradeModelList[0].OpSupport) {
		t.Fatalf("trade model: %+v", p)
	}

	// quoteType 0, weight freight: 8 x 250 g = 2 kg = first kg 6.00 + 3.00
	pv, err = d.c.PreviewOrder(ctx, d.req(line("100000000103", "", 8)))
	if err != nil {
		t.Fatal(err)
	}
	if p := pv[0]; p.Items[0].FinalUnitPrice != 300 || p.SumPaymentNoCarriage != 2400 || p.SumCarriage != 900 || p.SumPayment != 3300 {
		t.Fatalf("weight freight: %+v", p)
	}
	// 20 pieces reach the 20 tier; 4201 g is first kg + 4 started kg
	pv, err = d.c.PreviewOrder(ctx, d.req(line("100000000103", "", 20)))
	if err != nil {
		t.Fatal(err)
	}
	if p := pv[0]; p.Items[0].FinalUnitPrice != 280 || p.SumCarriage != 600+4*300 {
		t.Fatalf("20 pieces: %+v", p)
	}
}

func TestPreviewQuoteType1UsesSKUPrice(t *testing.T) {
	d := newDesk(t)
	pv, err := d.c.PreviewOrder(context.Background(), d.req(
		line("100000000102", d.sku("100000000102", 0), 10),
		line("100000000102", d.sku("100000000102", 1), 10),
	))
	if err != nil {
		t.Fatal(err)
	}
	// 20 pieces would reach the ladder's 10.00 tier; quoteType 1 ignores it.
	it := pv[0].Items
	if it[0].FinalUnitPrice != 1200 || it[1].FinalUnitPrice != 1500 || pv[0].SumPaymentNoCarriage != 27000 || pv[0].SumCarriage != 0 {
		t.Fatalf("quoteType 1: %+v", pv[0])
	}
}

func TestPreviewMixedBatchWaivesMOQ(t *testing.T) {
	d := newDesk(t)
	ctx := context.Background()
	// 12 + 8 = 20 pieces reach the mix number; 202 alone is below its MOQ.
	pv, err := d.c.PreviewOrder(ctx, d.req(
		line("100000000201", d.sku("100000000201", 0), 12),
		line("100000000202", d.sku("100000000202", 0), 8),
	))
	if err != nil {
		t.Fatalf("mix by pieces: %v", err)
	}
	if pv[0].SumPaymentNoCarriage != 12*500+8*2500 {
		t.Fatalf("mix by pieces: %+v", pv[0])
	}
	// 5 pieces of 25.00 = 125.00 reach the mix amount of 100.00.
	if _, err := d.c.PreviewOrder(ctx, d.req(line("100000000202", d.sku("100000000202", 0), 5))); err != nil {
		t.Fatalf("mix by amount: %v", err)
	}
	// Without a mix rule the same shortfall is 500_005.
	if _, err := d.c.PreviewOrder(ctx, d.req(line("100000000101", d.sku("100000000101", 0), 9))); xport.RuleOf(err) != "500_005" {
		t.Fatalf("no mix rule: %v", err)
	}
}

func TestPreviewPromotionDiffersFromCatalogue(t *testing.T) {
	d := newDesk(t)
	pv, err := d.c.PreviewOrder(context.Background(), d.req(line("100000000909", "", 3)))
	if err != nil {
		t.Fatal(err)
	}
	u := pv[0].Items[0].FinalUnitPrice
	if u >= 1000 || u < 995 || pv[0].Items[0].Amount != 3*u {
		t.Fatalf("promotion: unit %d from a catalogue price of 1000", u)
	}
}

func TestPreviewSplitsAbove50Lines(t *testing.T) {
	d := newDesk(t)
	var lines []xport.Cargo
	for i := range 60 {
		lines = append(lines, line("100000000500", d.sku("100000000500", i), 1))
	}
	pv, err := d.c.PreviewOrder(context.Background(), d.req(lines...))
	if err != nil {
		t.Fatal(err)
	}
	if len(pv) != 2 || len(pv[0].Items) != 50 || len(pv[1].Items) != 10 || pv[1].SumPaymentNoCarriage != 1000 {
		t.Fatalf("split: %d parts", len(pv))
	}
	r := d.req(lines...)
	r.OutOrderID = "split-1"
	res, err := d.c.CreateOrder(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	if res.OrderID != "" || len(res.OrderIDs()) != 2 || res.TotalSuccessAmount != 6000 {
		t.Fatalf("split create: %+v", res)
	}
}

func TestCreateIsIdempotentByOutOrderID(t *testing.T) {
	d := newDesk(t)
	ctx := context.Background()
	sku := d.m.cat.OfferByID["100000000101"].SKUs[0]
	r := d.req(line("100000000101", sku.SpecID, 20))
	r.OutOrderID = "CG-2026-0001"
	r.Message = "请用纸箱包装"
	first, err := d.c.CreateOrder(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	if !bool(first.Success) || len(first.OrderID) != 19 || !strings.HasPrefix(string(first.OrderID), "900000") {
		t.Fatalf("create: %+v", first)
	}
	// 20 x 5.00 + freight 8.00 + 1 started ten at 2.00
	if first.TotalSuccessAmount != 10000+1000 || first.PostFee != 1000 || len(first.Orders) != 1 || first.Orders[0].OrderAmount != 11000 || len(first.FailedOffers) != 0 {
		t.Fatalf("amounts: %+v", first)
	}
	r.Cargo[0].Quantity = 40 // a changed body under the same outOrderId changes nothing
	second, err := d.c.CreateOrder(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	first.RequestID, second.RequestID = "", ""
	if fmt.Sprint(*first) != fmt.Sprint(*second) {
		t.Fatalf("replay differs:\n%+v\n%+v", first, second)
	}
	if sku.Stock != 180 {
		t.Fatalf("stock %d, want 180", sku.Stock)
	}
	found, err := d.c.FindByOutOrderID(ctx, "CG-2026-0001")
	if err != nil || len(found.Orders) != 1 || found.Orders[0].BaseInfo.OrderIDString() != string(first.OrderID) {
		t.Fatalf("lookup: %v %+v", err, found)
	}
	if m := found.Orders[0].BaseInfo.BuyerMessage; m != "请用纸箱包装" {
		t.Fatalf("buyer message %q", m)
	}

	// outOrderId is required even from a client that skips the check
	_, e := d.s.handleCreate(nil, []byte(`{"addressParam":{"fullName":"x","mobile":"13800000000","provinceText":"p","cityText":"c","address":"a"},"cargoParamList":[{"offerId":100000000103,"quantity":5}]}`))
	if e == nil || e.Code != "400" || !strings.Contains(e.Msg, "outOrderId") {
		t.Fatalf("no outOrderId: %+v", e)
	}
	_, e = d.s.handleCreate(nil, []byte(`{"outOrderId":"x1","tradeType":"period","addressParam":{"fullName":"x","mobile":"13800000000","provinceText":"p","cityText":"c","address":"a"},"cargoParamList":[{"offerId":100000000103,"quantity":5}]}`))
	if e == nil || e.Code != "400" || !strings.Contains(e.Msg, "not support tradeType:【period】") {
		t.Fatalf("trade type: %+v", e)
	}
}

func TestConcurrentCreates(t *testing.T) {
	d := newDesk(t)
	ctx := context.Background()
	sku := d.m.cat.OfferByID["100000000103"].SKUs[0]
	var wg sync.WaitGroup
	ids := make([]string, 8)
	for i := range ids {
		wg.Go(func() {
			r := d.req(line("100000000103", "", 10))
			r.OutOrderID = "same-out-id"
			res, err := d.c.CreateOrder(ctx, r)
			if err != nil {
				t.Error(err)
				return
			}
			ids[i] = string(res.OrderID)
		})
	}
	wg.Wait()
	for _, id := range ids {
		if id != ids[0] || id == "" {
			t.Fatalf("ids differ: %v", ids)
		}
	}
	if len(d.s.orders.orders) != 1 || sku.Stock != 90 {
		t.Fatalf("%d orders, stock %d", len(d.s.orders.orders), sku.Stock)
	}

	// Different outOrderIds racing for 50 pieces in lots of 10: exactly five win.
	scarce := d.m.cat.OfferByID["100000000108"].SKUs[0]
	var mu sync.Mutex
	won, short := 0, 0
	for i := range 8 {
		wg.Go(func() {
			r := d.req(line("100000000108", "", 10))
			r.OutOrderID = fmt.Sprint("race-", i)
			_, err := d.c.CreateOrder(ctx, r)
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				won++
			case xport.RuleOf(err) == "500_004":
				short++
			default:
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if won != 5 || short != 3 || scarce.Stock != 0 {
		t.Fatalf("won %d, short %d, stock left %d", won, short, scarce.Stock)
	}
}

func (d *desk) create(t *testing.T, out string, lines ...xport.Cargo) string {
	t.Helper()
	r := d.req(lines...)
	r.OutOrderID = out
	res, err := d.c.CreateOrder(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	return string(res.OrderID)
}

func TestPay(t *testing.T) {
	d := newDesk(t)
	ctx := context.Background()
	a := d.create(t, "p1", line("100000000103", "", 5))
	b := d.create(t, "p2", line("100000000103", "", 5))
	c := d.create(t, "p3", line("100000000103", "", 5))

	res, err := d.c.PayOrders(ctx, []string{a})
	if err != nil {
		t.Fatal(err)
	}
	if string(res.OrderID) != a || string(res.PayURL) != "https://trade.1688.com/order/cashier.htm?orderId="+a || bool(res.ProtocolPaySuccess) || len(res.CantPayOrderList) != 0 {
		t.Fatalf("pay one: %+v", res)
	}
	// a paid again, an unknown id, and two payable ones
	res, err = d.c.PayOrders(ctx, []string{a, "9000001234567890123", b, c})
	if err != nil {
		t.Fatal(err)
	}
	if string(res.PayURL) != "https://trade.1688.com/order/batch_cashier.htm?orderIds="+b+","+c {
		t.Fatalf("batch url %s", res.PayURL)
	}
	if !slices.Equal([]string(res.CantPayOrderList), []string{a, "9000001234567890123"}) {
		t.Fatalf("cantPay %v", res.CantPayOrderList)
	}
	_, err = d.c.PayOrders(ctx, []string{a, b})
	if ae := asAPIError(t, err); ae.Code != "400" || !strings.Contains(ae.Msg, "already paid") {
		t.Fatalf("nothing payable: %v", err)
	}
	ids := make([]string, 11)
	for i := range ids {
		ids[i] = fmt.Sprint(9000000000000000000 + i)
	}
	body, _ := json.Marshal(map[string]any{"orderIdList": ids})
	if _, e := d.s.handlePay(nil, body); e == nil || e.Code != "400" || !strings.Contains(e.Msg, "at most 10") {
		t.Fatalf("11 ids: %+v", e)
	}
	if _, e := d.s.handlePay(nil, []byte(`{"orderIdList":[]}`)); e == nil || e.Code != "400" {
		t.Fatalf("no ids: %+v", e)
	}
	// numbers are accepted as ids too
	o, e := d.s.handlePay(nil, []byte(`{"orderIdList":[`+a+`]}`))
	if e == nil || !strings.Contains(e.Msg, a) {
		t.Fatalf("numeric id: %+v %+v", o, e)
	}
	detail, err := d.c.OrderDetail(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	if detail.BaseInfo.Status != "waitsellersend" || detail.TradeTerms[0].PayStatus != "2" || !detail.BaseInfo.PayTime.Equal(testStart) {
		t.Fatalf("paid order: %+v", detail.BaseInfo)
	}
}

func TestOrderLifecycle(t *testing.T) {
	d := newDesk(t)
	ctx := context.Background()
	id := d.create(t, "life", line("100000000101", d.sku("100000000101", 1), 12))
	get := func() *xport.Order {
		t.Helper()
		o, err := d.c.OrderDetail(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	o := get()
	b := o.BaseInfo
	if b.Status != "waitbuyerpay" || string(b.ID) != id || string(b.IDOfStr) != id || !b.CreateTime.Equal(testStart) || b.OutOrderID != "life" {
		t.Fatalf("new order: %+v", b)
	}
	// Amounts are checked on the wire, where the unit is the sandbox's
	// (integer fen by default), not the client's reading of it.
	wantWire(t, d.detailJSON(t, id), `"totalAmount":7000,"shippingFee":1000,"sumProductPayment":6000,"discount":0,"refund":0,`,
		`"phasAmount":7000,`, `"itemAmount":6000,`, `"price":500,`)
	if b.SellerLoginID != "tbA" || b.SellerContact.CompanyName == "" || b.ReceiverInfo.ToDivisionCode != "440111" || b.ReceiverInfo.ToFullName != "陈志强" {
		t.Fatalf("parties: %+v", b)
	}
	it := o.ProductItems[0]
	if it.Name != "测试商品100000000101" || it.Quantity.Whole != 12 || string(it.ProductID) != "100000000101" ||
		string(it.SpecID) != d.sku("100000000101", 1) || len(it.SkuInfos) != 1 || it.SkuInfos[0].Value != "颜色2" || it.StatusStr != "等待买家付款" || it.LogisticsStatus != 1 || it.SubItemID == "" {
		t.Fatalf("line: %+v", it)
	}
	if tr, err := d.c.Logistics(ctx, id); err != nil || tr != nil {
		t.Fatalf("unpaid trace: %v %v", tr, err)
	}
	if _, err := d.c.PayOrders(ctx, []string{id}); err != nil {
		t.Fatal(err)
	}
	d.clk.Advance(time.Hour)
	if s := get().BaseInfo.Status; s != "waitsellersend" {
		t.Fatalf("1 h after paying: %s", s)
	}
	_, e := d.s.handleLogistics(nil, []byte(`{"orderId":"`+id+`","webSite":"1688"}`))
	if e == nil || e.Code != "404" || e.Msg != "404: 暂无物流信息 no tracking info yet" {
		t.Fatalf("trace before shipping: %+v", e)
	}

	d.clk.Advance(time.Hour) // shipped now
	o = get()
	li := o.NativeLogistics.LogisticsItems
	if o.BaseInfo.Status != "waitbuyerreceive" || o.ProductItems[0].LogisticsStatus != 2 || o.ProductItems[0].Status != "waitbuyerreceive" || len(li) != 1 {
		t.Fatalf("shipped: %+v %+v", o.BaseInfo, li)
	}
	if !strings.Contains("中通快递圆通速递韵达快递申通快递顺丰速运", string(li[0].LogisticsCompanyName)) || li[0].LogisticsBillNo == "" || !li[0].DeliveredTime.Equal(testStart.Add(2*time.Hour)) || string(li[0].SubItemIDs) != string(it.SubItemID) {
		t.Fatalf("logistics item: %+v", li[0])
	}
	tr, err := d.c.Logistics(ctx, id)
	if err != nil || len(tr) != 1 {
		t.Fatalf("trace: %v %v", tr, err)
	}
	if string(tr[0].OrderID) != id || tr[0].LogisticsBillNo != li[0].LogisticsBillNo || len(tr[0].Steps) != 1 || !strings.Contains(string(tr[0].Steps[0].Remark), "义乌") {
		t.Fatalf("first trace: %+v", tr[0])
	}
	steps := len(tr[0].Steps)
	var remarks string
	for range 4 * 24 {
		d.clk.Advance(time.Hour)
		tr, err = d.c.Logistics(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(tr[0].Steps) < steps {
			t.Fatal("the trace shrank")
		}
		steps = len(tr[0].Steps)
		for i, s := range tr[0].Steps {
			if s.AcceptTime.After(d.clk.Now()) {
				t.Fatalf("step %d is in the future: %v", i, s.AcceptTime)
			}
			if i > 0 && s.AcceptTime.Before(tr[0].Steps[i-1].AcceptTime.Time) {
				t.Fatal("steps not ascending")
			}
		}
	}
	for _, s := range tr[0].Steps {
		remarks += string(s.Remark) + "\n"
	}
	for _, w := range []string{"揽件", "运输中", "到达", "广州", "派件中", "已签收"} {
		if !strings.Contains(remarks, w) {
			t.Errorf("trace lacks %q:\n%s", w, remarks)
		}
	}
	o = get() // 4 days + 2 h after paying: delivered, not yet complete
	if o.BaseInfo.Status != "confirm_goods" || o.ProductItems[0].LogisticsStatus != 3 || string(o.NativeLogistics.LogisticsItems[0].Status) != "SIGN" {
		t.Fatalf("delivered: %+v", o.BaseInfo)
	}
	d.clk.Advance(3 * 24 * time.Hour)
	o = get()
	if o.BaseInfo.Status != "success" || !o.BaseInfo.CompleteTime.Equal(testStart.Add(7*24*time.Hour)) || o.ProductItems[0].StatusStr != "交易成功" {
		t.Fatalf("complete: %+v", o.BaseInfo)
	}
}

func TestUnpaidOrderCancelsAndReturnsStock(t *testing.T) {
	d := newDesk(t)
	ctx := context.Background()
	sku := d.m.cat.OfferByID["100000000103"].SKUs[0]
	id := d.create(t, "late", line("100000000103", "", 30))
	if sku.Stock != 70 {
		t.Fatalf("stock %d", sku.Stock)
	}
	d.clk.Advance(5*24*time.Hour - time.Second)
	if o, _ := d.c.OrderDetail(ctx, id); o.BaseInfo.Status != "waitbuyerpay" {
		t.Fatalf("before the deadline: %s", o.BaseInfo.Status)
	}
	d.clk.Advance(time.Second)
	o, err := d.c.OrderDetail(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if o.BaseInfo.Status != "cancel" || o.BaseInfo.CloseReason != "BUYER_NO_PAY" || o.TradeTerms[0].PayStatus != "8" || o.ProductItems[0].StatusStr != "交易取消" {
		t.Fatalf("cancelled: %+v", o.BaseInfo)
	}
	if sku.Stock != 100 {
		t.Fatalf("stock back %d", sku.Stock)
	}
	_, err = d.c.PayOrders(ctx, []string{id})
	if ae := asAPIError(t, err); ae.Code != "400" || !strings.Contains(ae.Msg, "cancelled") {
		t.Fatalf("pay cancelled: %v", err)
	}
	d.clk.Advance(time.Hour)
	if o, _ := d.c.OrderDetail(ctx, id); o.BaseInfo.Status != "cancel" || sku.Stock != 100 {
		t.Fatal("stock returned twice or state moved")
	}
}

func TestPartialShipment(t *testing.T) {
	d := newDesk(t)
	ctx := context.Background()
	id := d.create(t, "part", line("100000000401", "", 4))
	if _, err := d.c.PayOrders(ctx, []string{id}); err != nil {
		t.Fatal(err)
	}
	d.clk.Advance(3 * time.Hour)
	o, _ := d.c.OrderDetail(ctx, id)
	if o.BaseInfo.Status != "waitbuyerreceive" || o.ProductItems[0].LogisticsStatus != 5 || len(o.NativeLogistics.LogisticsItems) != 1 || o.BaseInfo.AllDeliveredTime.Raw != "" {
		t.Fatalf("part shipped: %+v %+v", o.BaseInfo, o.ProductItems[0])
	}
	d.clk.Advance(24 * time.Hour)
	o, _ = d.c.OrderDetail(ctx, id)
	if o.ProductItems[0].LogisticsStatus != 2 || len(o.NativeLogistics.LogisticsItems) != 2 || !o.BaseInfo.AllDeliveredTime.Equal(testStart.Add(26*time.Hour)) {
		t.Fatalf("all shipped: %+v", o.NativeLogistics)
	}
	if tr, err := d.c.Logistics(ctx, id); err != nil || len(tr) != 2 {
		t.Fatalf("two parcels: %v %v", tr, err)
	}
}

func TestOrderListFiltersAndPaging(t *testing.T) {
	d := newDesk(t)
	ctx := context.Background()
	var ids []string
	for i := range 5 {
		ids = append(ids, d.create(t, fmt.Sprint("L", i), line("100000000103", "", 5)))
		d.clk.Advance(time.Minute)
	}
	if _, err := d.c.PayOrders(ctx, ids[:2]); err != nil {
		t.Fatal(err)
	}
	count := func(status string) int64 {
		t.Helper()
		p, err := d.c.ListOrders(ctx, xport.OrderQuery{Status: status})
		if err != nil {
			t.Fatal(err)
		}
		return p.TotalRecords
	}
	if a, u, p, s := count(""), count("waitbuyerpay"), count("waitsellersend"), count("success"); a != 5 || u != 3 || p != 2 || s != 0 {
		t.Fatalf("counts all %d unpaid %d paid %d success %d", a, u, p, s)
	}
	_, err := d.c.ListOrders(ctx, xport.OrderQuery{Status: "confirm_goods"})
	if ae := asAPIError(t, err); ae.Code != "400" {
		t.Fatalf("bad filter: %v", err)
	}
	page, err := d.c.ListOrders(ctx, xport.OrderQuery{Page: 1, PageSize: 2})
	if err != nil {
		t.Fatal(err)
	}
	if page.TotalRecords != 5 || page.CurrentPage != 1 || len(page.Orders) != 2 || page.Orders[0].BaseInfo.OrderIDString() != ids[4] || page.Orders[1].BaseInfo.OrderIDString() != ids[3] {
		t.Fatalf("page 1: %+v", page)
	}
	page, _ = d.c.ListOrders(ctx, xport.OrderQuery{Page: 3, PageSize: 2})
	if len(page.Orders) != 1 || page.Orders[0].BaseInfo.OrderIDString() != ids[0] {
		t.Fatalf("page 3: %+v", page)
	}
	page, _ = d.c.ListOrders(ctx, xport.OrderQuery{Page: 9, PageSize: 2})
	if len(page.Orders) != 0 || page.TotalRecords != 5 {
		t.Fatalf("page 9: %+v", page)
	}
	page, _ = d.c.ListOrders(ctx, xport.OrderQuery{OrderIDs: []string{ids[1], ids[3], "900000000"}})
	if page.TotalRecords != 2 {
		t.Fatalf("by ids: %+v", page)
	}
	page, _ = d.c.ListOrders(ctx, xport.OrderQuery{OutOrderID: "L2"})
	if page.TotalRecords != 1 || page.Orders[0].BaseInfo.OrderIDString() != ids[2] {
		t.Fatalf("by outOrderId: %+v", page)
	}
	// the wire form: a numeric id beside idOfStr, fen numbers, 1688 dates
	raw, e := d.s.handleOrderList(nil, []byte(`{"orderIds":[`+ids[0]+`]}`))
	if e != nil {
		t.Fatal(e.Msg)
	}
	b, _ := json.Marshal(raw)
	for _, want := range []string{`"id":` + ids[0] + `,`, `"idOfStr":"` + ids[0] + `"`, `"totalAmount":2400,`, `"createTime":"20260520100000000+0800"`, `"discount":0`, `"productID":100000000103`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("list JSON lacks %s:\n%s", want, b)
		}
	}
	if _, err := d.c.OrderDetail(ctx, "9000000000000000001"); xport.Classify(err) != xport.ClassNotFound {
		t.Fatalf("unknown order: %v", err)
	}
}

// detailJSON is the order detail's data as the handler writes it.
func (d *desk) detailJSON(t *testing.T, id string) string {
	t.Helper()
	out, e := d.s.handleOrderDetail(nil, []byte(`{"orderId":"`+id+`","webSite":"1688"}`))
	if e != nil {
		t.Fatal(e.Msg)
	}
	b, err := json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// wantWire fails unless the JSON holds every fragment.
func wantWire(t *testing.T, js string, frags ...string) {
	t.Helper()
	for _, f := range frags {
		if !strings.Contains(js, f) {
			t.Errorf("the wire lacks %s:\n%s", f, js)
		}
	}
}

func TestRuleRefusalEnvelope(t *testing.T) {
	d := newDesk(t)
	// A rule refusal is an envelope with HTTP 200, code and msg carrying
	// the rule, as the reference expects of the real service.
	rec := httptest.NewRecorder()
	_, e := d.s.handlePreview(nil, []byte(`{"addressParam":{"fullName":"x","mobile":"13800000000","provinceText":"p","cityText":"c","address":"a"},"cargoParamList":[{"offerId":100000000103,"quantity":1}]}`))
	d.s.writeErr(rec, "rid", e)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"code":"500_005"`) {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
}

func FuzzPreviewBody(f *testing.F) {
	fuzzSeeds(f)
	s := New(Options{Seed: 1, Offers: 1, Clock: func() time.Time { return testStart }})
	s.cat = newTestMarket(f).cat
	f.Fuzz(func(t *testing.T, body []byte) {
		out, e := s.handlePreview(nil, body)
		if (out == nil) == (e == nil) {
			t.Fatalf("answer %v and error %v", out, e)
		}
		if out != nil {
			if _, err := json.Marshal(out); err != nil {
				t.Fatal(err)
			}
		}
	})
}

func FuzzCreateBody(f *testing.F) {
	fuzzSeeds(f)
	s := New(Options{Seed: 1, Offers: 1, Clock: func() time.Time { return testStart }})
	s.cat = newTestMarket(f).cat
	f.Fuzz(func(t *testing.T, body []byte) {
		out, e := s.handleCreate(nil, body)
		if (out == nil) == (e == nil) {
			t.Fatalf("answer %v and error %v", out, e)
		}
		for _, sku := range s.cat.OfferByID["100000000103"].SKUs {
			if sku.Stock < 0 {
				t.Fatalf("stock went negative: %d", sku.Stock)
			}
		}
	})
}

func fuzzSeeds(f *testing.F) {
	addr := `"addressParam":{"fullName":"x","mobile":"13800000000","provinceText":"广东省","cityText":"广州市","address":"a"}`
	for _, s := range []string{
		`{"outOrderId":"f1",` + addr + `,"cargoParamList":[{"offerId":100000000103,"quantity":5}]}`,
		`{"outOrderId":"f2",` + addr + `,"cargoParamList":[{"offerId":"100000000103","specId":"","quantity":9223372036854775807},{"offerId":100000000103,"quantity":9223372036854775807}]}`,
		`{"outOrderId":"f3",` + addr + `,"cargoParamList":[{"offerId":100000000202,"quantity":2.0},{"offerId":100000000201,"quantity":1e3}]}`,
		`{"outOrderId":"f4",` + addr + `,"cargoParamList":[{"offerId":100000000500,"quantity":1}]}`,
		`{"cargoParamList":null}`, `null`, `{}`, `[]`, `"x"`, ``,
	} {
		f.Add([]byte(s))
	}
}

// TestGeneratedCatalogueOrders checks the order side against whatever the
// generator makes: every published offer of an ordinary seller can be
// ordered at its MOQ from one SKU that has the stock, and is charged what
// the freight estimate quotes.
func TestGeneratedCatalogueOrders(t *testing.T) {
	s := New(Options{Seed: 42, Clock: func() time.Time { return testStart }})
	if len(s.cat.Offers) == 0 {
		t.Skip("the generator made no offers")
	}
	addr := `"addressParam":{"fullName":"陈志强","mobile":"13800001688","provinceText":"广东省","cityText":"广州市","areaText":"白云区","address":"鹤龙一路88号","districtCode":"440111"}`
	tried := 0
	for _, o := range s.cat.Offers {
		if !o.Sellable() || o.Seller.NeedsConsign {
			continue
		}
		qty := max(o.MOQ, o.Batch, 1)
		var sku *SKU
		for _, k := range o.SKUs {
			if k.Stock >= qty && k.Price > 0 {
				sku = k
				break
			}
		}
		if sku == nil {
			continue
		}
		spec := sku.SpecID
		if len(o.Axes) == 0 && tried%2 == 0 {
			spec = "" // both forms order an offer without axes
		}
		body := fmt.Sprintf(`{%s,"cargoParamList":[{"offerId":%s,"specId":%q,"quantity":%d}]}`, addr, o.ID, spec, qty)
		out, e := s.handlePreview(nil, []byte(body))
		if e != nil {
			t.Fatalf("offer %s (quoteType %d, MOQ %d, batch %d, tiers %v): %s", o.ID, o.QuoteType, o.MOQ, o.Batch, o.Tiers, e.Msg)
		}
		p := out.([]ordPreview)[0]
		if want := o.QuoteFreight("440000", qty).Total; p.SumCarriage != want {
			t.Fatalf("offer %s: freight %d, the estimate says %d", o.ID, p.SumCarriage, want)
		}
		if p.SumPayment != p.SumPaymentNoCarriage+p.SumCarriage || p.Items[0].Amount != p.Items[0].FinalUnitPrice*xport.Fen(qty) {
			t.Fatalf("offer %s: %+v", o.ID, p)
		}
		tried++
	}
	if tried < len(s.cat.Offers)/2 {
		t.Fatalf("only %d of %d offers could be ordered", tried, len(s.cat.Offers))
	}
}

// A restarted demo sandbox numbers its orders from the clock, so no id an
// earlier run gave comes back (issue 11: the journal held two outcomes
// under one order id).
func TestOrderIDsDoNotRepeatAcrossRuns(t *testing.T) {
	ids := map[string]int{}
	for run, first := range []uint64{0, 1765100000000, 1765100000000 + 3600_000} {
		s := New(Options{Seed: 1, Offers: 1, FirstOrderSeq: first})
		for i := uint64(1); i <= 50; i++ {
			id := s.orders.orderID(s.orders.seq + i)
			if prev, dup := ids[id]; dup {
				t.Fatalf("run %d repeats id %s of run %d", run, id, prev)
			}
			ids[id] = run
		}
	}
	if s := New(Options{Seed: 1, Offers: 1}); s.orders.seq != 0 {
		t.Errorf("without FirstOrderSeq the first order is not 1: seq %d", s.orders.seq)
	}
}
