package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"caigou/ui/common"
	"caigou/xport"
	"caigou/xport/ali1688"
	"caigou/xport/sandbox"
)

// check --deep on 1688 reads every read API the desk uses, names each by
// its 1688 name, and writes nothing.
func TestCheckDeepOn1688(t *testing.T) {
	env := scriptEnv(t)
	code, out, errs := run(t, env, "check", "--demo", "--backend", "1688", "--deep")
	if code != 0 {
		t.Fatalf("exit %d:\n%s%s", code, out, errs)
	}
	for _, want := range []string{
		"product.search.keywordQuery: 5 offer(s)",
		"product.search.queryProductDetail: offer ",
		"alibaba.category.get: ",
		"product.freight.estimate: freight ¥",
		"alibaba.trade.getBuyerOrderList: 2 order(s)",
		"alibaba.trade.get.buyerView: order ",
		"alibaba.trade.getLogisticsTraceInfo.buyerView: ",
		"amounts add up in yuan",
		"not tried: preview, create, pay and cancel",
		"all checks passed",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("check --deep does not say %q:\n%s", want, out)
		}
	}
	// --record keeps Xportcn answers; on 1688 it is refused in words and
	// nothing runs.
	code, out, errs = run(t, env, "check", "--demo", "--backend", "1688", "--deep", "--record", t.TempDir())
	if code != 2 || strings.Contains(out, "deep check") || strings.Contains(out, "ok") || !strings.Contains(errs, "1688 Open Platform is documented") {
		t.Fatalf("--record on 1688: exit %d\n%s%s", code, out, errs)
	}
}

// disagreeing is the 1688 sandbox with answers a real account can give
// and the demo does not: an API the app was not granted, a product
// without a seller id, an order whose amount has a third decimal.
type disagreeing struct {
	common.Market
}

func (d disagreeing) Category(context.Context, string) (*xport.Category, error) {
	return nil, &xport.APIError{Endpoint: "1688:alibaba.category.get", HTTPStatus: 401, Code: "gw.APIUnsupported", Msg: "App does not have permission to access this api"}
}

func (d disagreeing) ProductDetail(ctx context.Context, id string) (*xport.ProductDetail, error) {
	p, err := d.Market.ProductDetail(ctx, id)
	if p != nil {
		p.SellerOpenID = ""
	}
	return p, err
}

func (d disagreeing) ListOrders(ctx context.Context, q xport.OrderQuery) (*xport.OrderPage, error) {
	page, err := d.Market.ListOrders(ctx, q)
	if err != nil {
		return nil, err
	}
	var odd xport.Order
	if err := json.Unmarshal([]byte(`{"baseInfo":{"idOfStr":"9000000000000000001","status":"waitbuyerpay","totalAmount":"12.505","shippingFee":"0.00","sumProductPayment":"12.50"}}`), &odd); err != nil {
		return nil, err
	}
	odd.Resolve(xport.UnitYuan)
	page.Orders = append(page.Orders, odd)
	return page, nil
}

func TestDeep1688SaysWhatDisagrees(t *testing.T) {
	sb := sandbox.New(sandbox.Options{Seed: 1})
	sb.SeedOrders(1)
	access, _ := sb.IssueToken1688()
	cl, err := ali1688.New(ali1688.Config{AppKey: sandbox.DemoAppKey, AppSecret: sandbox.DemoAppSecret, BaseURL: "https://sandbox.invalid/openapi", RequestsPerSecond: 10000}.Defaults(),
		ali1688.WithHTTPClient(&http.Client{Transport: &sandbox.Transport{Handler: sb}}), ali1688.WithTokenSource(ali1688.StaticToken(access)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	ck := &checker{w: &buf}
	addrs, err := cl.Addresses(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	(&deep1688{ck: ck, m: disagreeing{cl}}).run(context.Background(), addrs)
	out := buf.String()
	if !ck.failed {
		t.Errorf("the check passed:\n%s", out)
	}
	for _, want := range []string{
		"✗ FAIL  categories   alibaba.category.get: ",
		"check on open.1688.com that the app is granted alibaba.category.get",
		"! warn  detail       product.search.queryProductDetail: missing: sellerOpenId (chat)",
		"✗ FAIL  order list   alibaba.trade.getBuyerOrderList: 1 order(s) have amounts that do not add up",
		// What still works is still said.
		"✓ ok    search       product.search.keywordQuery: ",
		"✓ ok    tracking     ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	if strings.Contains(out, "[xport") || strings.Contains(out, "order_amount_unit") {
		t.Errorf("an Xportcn setting is offered on 1688:\n%s", out)
	}
}
