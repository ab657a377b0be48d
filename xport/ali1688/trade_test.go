package ali1688

import (
	"context"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"caigou/xport"
)

func orderReq() xport.OrderRequest {
	return xport.OrderRequest{
		OutOrderID: "cg-20260101-0001",
		Address: xport.AddressParam{FullName: "张三", Mobile: "13800138000", ProvinceText: "浙江省", CityText: "杭州市",
			AreaText: "西湖区", Address: "文一西路 969 号", DistrictCode: "330106"},
		Cargo:   []xport.Cargo{{OfferID: "612345678901", SpecID: "b266e0726506185beaf205cbae88530d", Quantity: 2}},
		Message: "请尽快发货",
		// What the desk copies from the preview (Preview.PlaceTradeType).
		TradeType: "assureTrade",
	}
}

// The reference's own sample (ref §4.7): totals in fen, lines in yuan.
const previewAnswer = `{"success":true,"errorCode":null,"errorMsg":null,"orderPreviewResuslt":[
 {"sumPayment":4400,"sumCarriage":800,"sumPaymentNoCarriage":3600,"discountFee":0,"flowFlag":"general",
  "tradeModelList":[{"name":"担保交易","tradeType":"assureTrade","opSupport":true}],
  "cargoList":[{"offerId":612345678901,"specId":"b266e0726506185beaf205cbae88530d","skuId":5012345678901,"amount":36,"finalUnitPrice":18,"resultCode":"200"},
               {"offerId":612345678902,"specId":"c1","amount":"10.50","finalUnitPrice":"5.25","resultCode":"X_LIMIT"}]}],
 "postFeeByDescOfferList":[],"consignOfferList":[]}`

func TestPreviewOrderUnits(t *testing.T) {
	c, g, _ := newTest(t, fixed(previewAnswer))
	r := orderReq()
	r.OutOrderID = ""
	pv, err := c.PreviewOrder(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	if len(pv) != 1 {
		t.Fatalf("previews = %+v", pv)
	}
	p := pv[0]
	// Totals are fen as sent; lines are yuan made fen.
	if p.SumPayment != 4400 || p.SumCarriage != 800 || p.SumPaymentNoCarriage != 3600 || p.SumTotalPayment != 0 {
		t.Errorf("totals = %+v", p)
	}
	if len(p.Items) != 2 || p.Items[0].Amount != 3600 || p.Items[0].FinalUnitPrice != 1800 || p.Items[1].Amount != 1050 || p.Items[1].FinalUnitPrice != 525 {
		t.Errorf("items = %+v", p.Items)
	}
	if p.Items[0].Message != "" || !strings.Contains(string(p.Items[1].Message), "X_LIMIT") || p.FlowFlag != "general" ||
		len(p.TradeModelList) != 1 || p.TradeModelList[0].TradeType != "assureTrade" || p.PlaceFlow != "general" || p.PlaceTradeType != "assureTrade" {
		t.Errorf("preview = %+v", p)
	}
	req := g.reqs[0]
	// No flow: 1688 prices with the best one (ref §4.7), which the create
	// then carries (flowFlag).
	if req.api != nsTrade+":"+apiPreview || req.form.Has("flow") || req.form.Has("outOrderId") || req.form.Has("message") || req.form.Has("tradeType") {
		t.Errorf("sent %s %v", req.api, req.form)
	}
	if got := req.form.Get("cargoParamList"); got != `[{"offerId":612345678901,"specId":"b266e0726506185beaf205cbae88530d","quantity":2}]` {
		t.Errorf("cargoParamList = %s", got)
	}
	var ap map[string]string
	if err := json.Unmarshal([]byte(req.form.Get("addressParam")), &ap); err != nil || ap["fullName"] != "张三" || ap["districtCode"] != "330106" || ap["addressCode"] != "" {
		t.Errorf("addressParam = %s", req.form.Get("addressParam"))
	}
}

func TestPreviewMoneyStrict(t *testing.T) {
	for _, body := range []string{
		`{"success":true,"orderPreviewResuslt":[{"sumPayment":"44.00","cargoList":[]}]}`,                // yuan in a fen total
		`{"success":true,"orderPreviewResuslt":[{"sumPayment":4400,"cargoList":[{"amount":"3.505"}]}]}`, // not a yuan amount
		`{"success":true,"orderPreviewResuslt":[]}`,
		`{"success":true}`,
	} {
		c, _, _ := newTest(t, fixed(body))
		if pv, err := c.PreviewOrder(context.Background(), orderReq()); err == nil {
			t.Errorf("%s: accepted as %+v", body, pv)
		}
	}
}

func TestPreviewRuleRefusal(t *testing.T) {
	c, _, _ := newTest(t, fixed(`{"success":false,"errorCode":"500_004","errorMsg":"库存不足"}`))
	_, err := c.PreviewOrder(context.Background(), orderReq())
	if xport.RuleOf(err) != "500_004" || xport.Classify(err) != xport.ClassValidation {
		t.Errorf("err %v rule %q", err, xport.RuleOf(err))
	}
}

const createAnswer = `{"success":true,"code":"200","message":"","result":{"success":true,"code":"","message":"",
 "orderId":"196965465451498520","totalSuccessAmount":4400,"postFee":800,"accountPeriod":null,
 "failedOfferList":[{"offerId":612345678902,"specId":"c1","errorCode":"500_004","errorMessage":"库存不足"}],
 "orderList":[{"orderId":"196965465451498520","orderAmmount":4400,"postFee":800,"payChannel":"alipay","success":true}]}}`

func TestCreateOrder(t *testing.T) {
	c, g, _ := newTest(t, fixed(createAnswer))
	r := orderReq()
	r.TradeType = "assureTrade"
	res, err := c.CreateOrder(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	if ids := res.OrderIDs(); len(ids) != 1 || ids[0] != "196965465451498520" || res.TotalSuccessAmount != 4400 || res.PostFee != 800 ||
		res.Orders[0].OrderAmount != 4400 || len(res.FailedOffers) != 1 || res.Refused {
		t.Fatalf("result = %+v", res)
	}
	f := g.reqs[0].form
	if g.reqs[0].api != nsTrade+":"+apiCreate || f.Get("outOrderId") != r.OutOrderID || f.Get("flow") != "general" ||
		f.Get("message") != r.Message || f.Get("tradeType") != "assureTrade" || f.Has("shopPromotionId") {
		t.Errorf("sent %s %v", g.reqs[0].api, f)
	}
	if !strings.Contains(f.Get("addressParam"), `"addressCode":"330106"`) {
		t.Errorf("addressParam = %s", f.Get("addressParam"))
	}
}

func TestCreateNeedsOutOrderID(t *testing.T) {
	c, g, _ := newTest(t, fixed(createAnswer))
	r := orderReq()
	r.OutOrderID = " "
	_, err := c.CreateOrder(context.Background(), r)
	if err == nil || g.count() != 0 || !xport.ExplicitRefusal(err) {
		t.Errorf("err %v, %d calls", err, g.count())
	}
	r = orderReq()
	r.Cargo = make([]xport.Cargo, 51)
	for i := range r.Cargo {
		r.Cargo[i] = xport.Cargo{OfferID: "1", Quantity: 1}
	}
	if _, err := c.CreateOrder(context.Background(), r); err == nil || g.count() != 0 || !xport.ExplicitRefusal(err) {
		t.Errorf("51 lines: err %v, %d calls", err, g.count())
	}
}

func TestCreateNeverRetried(t *testing.T) {
	for _, tc := range []struct {
		status int
		body   string
	}{
		{500, ``},
		{502, `<html>bad gateway</html>`},
		{500, `{"error_code":"gw.ISPInvokeTimeout","error_message":"timeout","request_id":"w1"}`},
		{200, `{"success":true,"code":"200","result":{"success":true}}`},    // success with no order id
		{200, `{"success":true,"code":"200","result":{"orderId":{"x":1}}}`}, // unreadable
		{200, `{"result":{"success":true,"code":"200","result":"not json obj"}}`},
	} {
		c, g, _ := newTest(t, func(string, url.Values) (int, string) { return tc.status, tc.body })
		res, err := c.CreateOrder(context.Background(), orderReq())
		if err == nil || g.count() != 1 {
			t.Errorf("%d %q: res %+v err %v, %d attempts; a create is sent once", tc.status, tc.body, res, err, g.count())
			continue
		}
		if !xport.OutcomeUnknown(err) || xport.ExplicitRefusal(err) {
			t.Errorf("%d %q: the outcome must stay unknown: %v", tc.status, tc.body, err)
		}
	}
}

func TestCreateTimeoutNotRetried(t *testing.T) {
	g := &gateway{t: t, answer: func(string, url.Values) (int, string) {
		time.Sleep(300 * time.Millisecond)
		return 200, createAnswer
	}}
	srv := httptest.NewServer(g)
	defer srv.Close()
	c, err := New(Config{AppKey: testKey, AppSecret: testSecret, BaseURL: srv.URL + "/openapi", Timeout: 50 * time.Millisecond},
		WithHTTPClient(srv.Client()), WithTokenSource(StaticToken(testToken)),
		WithSleep(func(context.Context, time.Duration) error { return nil }))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.CreateOrder(context.Background(), orderReq())
	if err == nil || g.count() != 1 || !xport.OutcomeUnknown(err) || xport.ExplicitRefusal(err) {
		t.Errorf("err %v (unknown %v), %d attempts", err, xport.OutcomeUnknown(err), g.count())
	}
	if !strings.Contains(err.Error(), "timed out") {
		t.Errorf("err %v", err)
	}
}

func TestCreateRefusals(t *testing.T) {
	// Refused in words inside the result: an answer, not an error.
	c, _, _ := newTest(t, fixed(`{"success":true,"code":"200","result":{"success":false,"code":"500_005","message":"低于起批量","failedOfferList":[]}}`))
	res, err := c.CreateOrder(context.Background(), orderReq())
	if err != nil || !res.Refused || len(res.OrderIDs()) != 0 {
		t.Errorf("res %+v err %v", res, err)
	}
	// Refused by the envelope: an explicit refusal.
	c, _, _ = newTest(t, fixed(`{"success":false,"code":"400","message":"not support tradeType:【x】"}`))
	if _, err := c.CreateOrder(context.Background(), orderReq()); !xport.ExplicitRefusal(err) {
		t.Errorf("err %v should be an explicit refusal", err)
	}
}

func TestPayOrders(t *testing.T) {
	c, g, _ := newTest(t, fixed(`{"success":true,"payUrl":"https://trade.1688.com/order/cashier.htm?orderId=196965465451498520","payFailureOrderList":[196965465451498521]}`))
	res, err := c.PayOrders(context.Background(), []string{"196965465451498520", "196965465451498521"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(res.PayURL), "https://trade.1688.com/") || len(res.CantPayOrderList) != 1 || res.CantPayOrderList[0] != "196965465451498521" {
		t.Errorf("res = %+v", res)
	}
	if got := g.reqs[0].form.Get("orderIdList"); got != `[196965465451498520,196965465451498521]` {
		t.Errorf("orderIdList = %s", got)
	}
	// alipay.url.get's misspelt erroMsg still makes an error with words.
	c, g, _ = newTest(t, fixed(`{"success":false,"errorCode":"PRODUCT_TRADE_STAT_ERROR","erroMsg":"订单状态不对"}`))
	if _, err := c.PayOrders(context.Background(), []string{"1"}); err == nil || !strings.Contains(err.Error(), "订单状态不对") || g.count() != 1 {
		t.Errorf("err %v, %d attempts", err, g.count())
	}
	if _, err := c.PayOrders(context.Background(), []string{"12a"}); err == nil {
		t.Error("a non-numeric order id was sent")
	}
	if _, err := c.PayOrders(context.Background(), make([]string, xport.MaxPayBatch+1)); err == nil {
		t.Error("too many orders accepted")
	}
}

func TestSaveAddressNotAvailable(t *testing.T) {
	c, g, _ := newTest(t, fixed(`{}`))
	_, err := c.SaveAddress(context.Background(), xport.Address{Name: "x", Phone: "1", Address: "y"})
	if !errors.Is(err, ErrNotAvailable) || g.count() != 0 || !strings.Contains(err.Error(), "1688.com") {
		t.Errorf("err %v, %d calls", err, g.count())
	}
}

func TestBackend(t *testing.T) {
	c, _, _ := newTest(t, fixed(`{}`))
	b := c.Backend()
	if b.Name != "1688" || b.Timeout != defaultTimeout || b.RequestsPerSecond != defaultRequestsPerSecond || b.InsecureHTTP {
		t.Errorf("backend = %+v", b)
	}
	c2, err := New(Config{AppKey: testKey, AppSecret: testSecret, BaseURL: "http://gw.example.invalid/openapi", AllowInsecureHTTP: true})
	if err != nil || !c2.Backend().InsecureHTTP {
		t.Errorf("insecure backend = %+v, %v", c2.Backend(), err)
	}
}
