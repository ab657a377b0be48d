package xportcn_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"caigou/xport"
	"caigou/xport/sandbox"
	"caigou/xport/xportcn"
)

// market is a sandbox over real HTTP with a manual marketplace clock.
type market struct {
	sb     *sandbox.Server
	client *xportcn.Client
	clock  *atomic.Int64 // unix seconds of marketplace time
}

func newMarket(t *testing.T, f sandbox.Faults) *market {
	t.Helper()
	clock := &atomic.Int64{}
	clock.Store(time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC).Unix())
	sb := sandbox.New(sandbox.Options{Seed: 7, Clock: func() time.Time { return time.Unix(clock.Load(), 0) }, Faults: f})
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	cfg := xportcn.Config{BaseURL: srv.URL + "/api", AccessKey: sandbox.DemoAccessKey, AccessSecret: sandbox.DemoSecret, UserID: sandbox.DemoUserID, InProcess: true}
	cfg.Timeout = 2 * time.Second
	cfg.RequestsPerSecond = 1000 // the QPS cap is tested on its own; here it would only slow the walk
	c, err := xportcn.New(cfg, xportcn.WithSleep(func(context.Context, time.Duration) error { return nil }))
	if err != nil {
		t.Fatal(err)
	}
	return &market{sb: sb, client: c, clock: clock}
}

func (m *market) advance(d time.Duration) { m.clock.Add(int64(d / time.Second)) }

// TestEveryEndpointOverHTTP walks a purchase through all fifteen endpoints
// against the sandbox, over a real socket, with real signatures.
func TestEveryEndpointOverHTTP(t *testing.T) {
	m := newMarket(t, sandbox.Faults{})
	c := m.client
	ctx := context.Background()

	root, err := c.Category(ctx, "0")
	if err != nil || len(root.Children) < 8 {
		t.Fatalf("category root: %v, %d children", err, len(root.Children))
	}
	lvl1, err := c.Category(ctx, string(root.Children[0].CategoryID))
	if err != nil || len(lvl1.Children) == 0 {
		t.Fatalf("category level 1: %v", err)
	}

	page, err := c.SearchKeyword(ctx, xport.SearchQuery{Keyword: "连衣裙", PageSize: 10})
	if err != nil || len(page.Offers) == 0 || page.TotalRecords == 0 {
		t.Fatalf("keyword search: %v %+v", err, page)
	}
	en, err := c.SearchKeyword(ctx, xport.SearchQuery{Keyword: "phone case", PageSize: 10, Sort: xport.Sort{Field: "price"}})
	if err != nil || len(en.Offers) == 0 {
		t.Fatalf("English search: %v", err)
	}
	for i := 1; i < len(en.Offers); i++ {
		if en.Offers[i].PriceInfo.Price < en.Offers[i-1].PriceInfo.Price {
			t.Fatalf("price sort broken at %d", i)
		}
	}
	img := filepath.Join(t.TempDir(), "x.png")
	os.WriteFile(img, []byte("\x89PNG\r\n\x1a\nfake"), 0o600)
	data, _ := os.ReadFile(img)
	if ip, err := c.SearchImage(ctx, xport.ImageSource{Data: data}, xport.SearchQuery{PageSize: 5}); err != nil || len(ip.Offers) == 0 {
		t.Fatalf("image search: %v", err)
	}
	if ip, err := c.SearchImage(ctx, xport.ImageSource{URL: "https://example.com/a.jpg"}, xport.SearchQuery{PageSize: 5}); err != nil || len(ip.Offers) == 0 {
		t.Fatalf("image URL search: %v", err)
	}

	// Pick an orderable offer with stock.
	var d *xport.ProductDetail
	var sku *xport.SKU
	for _, o := range page.Offers {
		det, err := c.ProductDetail(ctx, string(o.OfferID))
		if err != nil {
			t.Fatalf("detail %s: %v", o.OfferID, err)
		}
		if det.Status != "published" {
			continue
		}
		for i := range det.SKUs {
			if int64(det.SKUs[i].AmountOnSale) > int64(det.MinOrderQuantity)+10 && det.SKUs[i].Price > 0 {
				d, sku = det, &det.SKUs[i]
				break
			}
		}
		if d != nil {
			break
		}
	}
	if d == nil {
		t.Fatal("no orderable offer among the results")
	}
	multi, err := c.ProductDetails(ctx, []string{string(page.Offers[0].OfferID), string(d.OfferID)})
	if err != nil || len(multi) != 2 {
		t.Fatalf("multi detail: %v %d", err, len(multi))
	}

	addrs, err := c.Addresses(ctx)
	if err != nil || len(addrs) == 0 {
		t.Fatalf("addresses: %v", err)
	}
	id, err := c.SaveAddress(ctx, xport.Address{Name: "李四", Phone: "13800000001", Province: "浙江省", City: "金华市", District: "义乌市", Address: "福田街道 1 号", DistrictCode: "330782", PostCode: "322000"})
	if err != nil || id == "" {
		t.Fatalf("save address: %v %q", err, id)
	}
	a := addrs[0]
	dc := string(a.DistrictCode)
	fr, err := c.FreightEstimate(ctx, xport.FreightQuery{OfferID: string(d.OfferID), ProvinceCode: dc[:2] + "0000", CityCode: dc[:4] + "00", DistrictCode: dc, TotalNum: int64(d.MinOrderQuantity)})
	if err != nil || fr.Freight < 0 {
		t.Fatalf("freight: %v", err)
	}

	link, err := c.ChatLink(ctx, string(d.SellerOpenID), string(d.OfferID))
	if err != nil || !strings.HasPrefix(link, "https://air.1688.com/") || !strings.Contains(link, "offerId="+string(d.OfferID)) {
		t.Fatalf("chat link: %v %q", err, link)
	}

	qty := int64(d.MinOrderQuantity)
	if b := int64(d.BatchNumber); b > 1 && qty%b != 0 {
		qty += b - qty%b
	}
	req := xport.OrderRequest{Address: a.Param(), Cargo: []xport.Cargo{{OfferID: xport.NumID(d.OfferID), SpecID: string(sku.SpecID), Quantity: qty}}, OutOrderID: "cg-test-1"}
	pv, err := c.PreviewOrder(ctx, req)
	if err != nil || len(pv) == 0 || pv[0].SumPayment <= 0 || pv[0].SumPayment != pv[0].SumPaymentNoCarriage+pv[0].SumCarriage {
		t.Fatalf("preview: %v %+v", err, pv)
	}
	created, err := c.CreateOrder(ctx, req)
	if err != nil || len(created.OrderIDs()) != 1 || len(created.OrderIDs()[0]) != 19 {
		t.Fatalf("create: %v %+v", err, created)
	}
	again, err := c.CreateOrder(ctx, req)
	if err != nil || again.OrderIDs()[0] != created.OrderIDs()[0] {
		t.Fatalf("create with the same outOrderId must return the same order: %v %+v", err, again)
	}
	orderID := created.OrderIDs()[0]

	found, err := c.FindByOutOrderID(ctx, "cg-test-1")
	if err != nil || len(found.Orders) != 1 || found.Orders[0].BaseInfo.OrderIDString() != orderID {
		t.Fatalf("look-up by outOrderId: %v %+v", err, found)
	}
	if traces, err := c.Logistics(ctx, orderID); err != nil || len(traces) != 0 {
		t.Fatalf("an unshipped order has no trace and no error: %v %+v", err, traces)
	}
	pay, err := c.PayOrders(ctx, []string{orderID})
	if err != nil || !strings.HasPrefix(string(pay.PayURL), "https://") {
		t.Fatalf("pay: %v %+v", err, pay)
	}
	m.advance(3 * 24 * time.Hour)
	od, err := c.OrderDetail(ctx, orderID)
	if err != nil || od.BaseInfo.Status == "waitbuyerpay" || len(od.ProductItems) != 1 || !od.BaseInfo.TotalAmount.Known() || od.BaseInfo.TotalAmount.Fen() <= 0 {
		t.Fatalf("order detail after 3 days: %v %+v", err, od.BaseInfo)
	}
	traces, err := c.Logistics(ctx, orderID)
	if err != nil || len(traces) == 0 || len(traces[0].Steps) == 0 || traces[0].LogisticsBillNo == "" {
		t.Fatalf("trace after shipping: %v %+v", err, traces)
	}
	list, err := c.ListOrders(ctx, xport.OrderQuery{})
	if err != nil || list.TotalRecords < 1 {
		t.Fatalf("order list: %v", err)
	}
}

func TestPreviewRefusalCarriesRule(t *testing.T) {
	m := newMarket(t, sandbox.Faults{})
	ctx := context.Background()
	page, err := m.client.SearchKeyword(ctx, xport.SearchQuery{Keyword: "T恤", PageSize: 20})
	if err != nil {
		t.Fatal(err)
	}
	addrs, _ := m.client.Addresses(ctx)
	for _, o := range page.Offers {
		d, err := m.client.ProductDetail(ctx, string(o.OfferID))
		if err != nil || d.MinOrderQuantity < 2 || d.SellerMixSetting.GeneralHunpi || d.Status != "published" {
			continue
		}
		spec := ""
		if len(d.SKUs) > 0 {
			spec = string(d.SKUs[0].SpecID)
		}
		_, err = m.client.PreviewOrder(ctx, xport.OrderRequest{Address: addrs[0].Param(), Cargo: []xport.Cargo{{OfferID: xport.NumID(d.OfferID), SpecID: spec, Quantity: 1}}})
		if !xport.IsValidation(err) || xport.RuleOf(err) == "" || xport.RuleText(xport.RuleOf(err)) == "" {
			t.Fatalf("below-MOQ preview: %v (rule %q)", err, xport.RuleOf(err))
		}
		return
	}
	t.Fatal("no offer with an MOQ above 1 and no mixed batch")
}

func TestSandboxFaultsAndRetries(t *testing.T) {
	// Half the reads fail in some way; retries must still get answers.
	m := newMarket(t, sandbox.Faults{ServerErrorPerMille: 150, RateLimitPerMille: 100, MalformedPerMille: 100, TruncatePerMille: 50, ResetPerMille: 100})
	ok := 0
	for i := 0; i < 20; i++ {
		if _, err := m.client.Addresses(context.Background()); err == nil {
			ok++
		}
	}
	if ok < 15 {
		t.Fatalf("only %d of 20 reads survived retries", ok)
	}
}

func TestCommitThenTimeoutIsAmbiguousAndResolvable(t *testing.T) {
	m := newMarket(t, sandbox.Faults{})
	ctx := context.Background()
	page, _ := m.client.SearchKeyword(ctx, xport.SearchQuery{Keyword: "保温杯", PageSize: 20})
	addrs, _ := m.client.Addresses(ctx)
	var req xport.OrderRequest
	for _, o := range page.Offers {
		d, err := m.client.ProductDetail(ctx, string(o.OfferID))
		if err != nil || d.Status != "published" {
			continue
		}
		for _, s := range d.SKUs {
			q := int64(d.MinOrderQuantity)
			if b := int64(d.BatchNumber); b > 1 && q%b != 0 {
				q += b - q%b
			}
			if int64(s.AmountOnSale) >= q && s.Price > 0 {
				req = xport.OrderRequest{Address: addrs[0].Param(), OutOrderID: "cg-ambiguous", Cargo: []xport.Cargo{{OfferID: xport.NumID(d.OfferID), SpecID: string(s.SpecID), Quantity: q}}}
				break
			}
		}
		if req.OutOrderID != "" {
			break
		}
	}
	if req.OutOrderID == "" {
		t.Fatal("no orderable offer")
	}
	if _, err := m.client.PreviewOrder(ctx, req); err != nil {
		t.Fatalf("preview: %v", err)
	}
	m.sb.SetFaults(sandbox.Faults{CommitTimeoutPerMille: 1000, Only: []xport.Endpoint{xport.EpOrderCreate}})
	short, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	_, err := m.client.CreateOrder(short, req)
	if err == nil || !xport.OutcomeUnknown(err) {
		t.Fatalf("a create that timed out after commit must be outcome-unknown: %v", err)
	}
	var ne *xport.NetError
	if !errors.As(err, &ne) {
		t.Fatalf("want a network error, got %T %v", err, err)
	}
	m.sb.SetFaults(sandbox.Faults{})
	found, err := m.client.FindByOutOrderID(ctx, "cg-ambiguous")
	if err != nil || len(found.Orders) != 1 {
		t.Fatalf("the committed order must be found by its outOrderId: %v %+v", err, found)
	}
}
