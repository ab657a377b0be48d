package sandbox

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"caigou/xport"
	"caigou/xport/xportcn"
)

// These tests read the raw wire of each dialect, not the client's reading
// of it: the client is written against these shapes, so they are pinned
// here byte for byte where it matters.

// SignRequest sets the documented headers on req, signed with the demo
// credentials and the timestamp ts, as the client does. It is exported so
// the external tests (products_test.go) sign the same way.
func SignRequest(req *http.Request, ts string) {
	nonce := xportcn.NewNonce()
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("access-key", DemoAccessKey)
	req.Header.Set("timestamp", ts)
	req.Header.Set("nonce-str", nonce)
	req.Header.Set("user-id", DemoUserID)
	req.Header.Set("signature", kaSign(DemoAccessKey, ts, nonce, DemoSecret))
}

// wire is one raw answer.
type wire struct {
	status int
	body   string
	env    map[string]json.RawMessage // nil when the body is not a JSON object
}

// code is the envelope code as its JSON text (200, 0, "500_005").
func (w wire) code() string { return string(w.env["code"]) }

func (w wire) msg() string {
	var m string
	json.Unmarshal(w.env["msg"], &m)
	return m
}

func (w wire) data() string { return string(w.env["data"]) }

// dataObj decodes data as an object.
func (w wire) dataObj(t *testing.T) map[string]json.RawMessage {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(w.env["data"], &m); err != nil {
		t.Fatalf("data is not an object: %v\n%s", err, w.body)
	}
	return m
}

func epPath(ep xport.Endpoint) string { return "/api" + KAPath(ep) }

// post sends a signed body, with the timestamp in the unit the dialect
// takes.
func (d *desk) post(t *testing.T, p, body string) wire {
	t.Helper()
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	if d.s.opts.Dialect.StrictMS {
		ts = strconv.FormatInt(time.Now().UnixMilli(), 10)
	}
	w, err := d.postTS(context.Background(), p, body, ts)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func (d *desk) postTS(ctx context.Context, p, body, ts string) (wire, error) {
	return postTo(ctx, d.url, p, body, ts)
}

func postTo(ctx context.Context, base, p, body, ts string) (wire, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+p, strings.NewReader(body))
	if err != nil {
		return wire{}, err
	}
	SignRequest(req, ts)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return wire{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return wire{}, err
	}
	w := wire{status: resp.StatusCode, body: string(b)}
	if json.Unmarshal(b, &w.env) != nil {
		w.env = nil
	}
	return w, nil
}

// newCatalogueDesk is a desk on the generated marketplace, for the product
// endpoints (the hand-made test market has no categories). It has no
// client: these tests read the raw wire.
func newCatalogueDesk(t *testing.T, dl Dialect) (*desk, *Offer) {
	t.Helper()
	s := New(Options{Seed: 1, Dialect: dl})
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return &desk{s: s, url: srv.URL}, s.cat.Offers[0]
}

// rawCreate places an order through the wire and returns its id (default
// and push dialects, where data.orderId is a string).
func (d *desk) rawCreate(t *testing.T, out string, qty int) string {
	t.Helper()
	w := d.post(t, epPath(xport.EpOrderCreate), createBody(out, qty))
	ok(t, w, "200")
	id, err := strconv.Unquote(string(d.dataField(t, w, "orderId")))
	if err != nil {
		t.Fatalf("create: %s", w.body)
	}
	return id
}

const dialectAddr = `"addressParam":{"fullName":"陈志强","mobile":"13800001688","postCode":"510470","provinceText":"广东省","cityText":"广州市","areaText":"白云区","townText":"人和镇","address":"鹤龙一路88号 集运仓3号库","districtCode":"440111"}`

// createBody orders qty of offer 103 (¥3.00, MOQ 5; 5 pieces cost 1500
// fen plus 900 fen freight to Guangzhou).
func createBody(out string, qty int) string {
	return `{"outOrderId":"` + out + `",` + dialectAddr + `,"cargoParamList":[{"offerId":100000000103,"specId":"","quantity":` + strconv.Itoa(qty) + `}]}`
}

// ok fails unless the answer is an HTTP 200 envelope with the code.
func ok(t *testing.T, w wire, code string) {
	t.Helper()
	if w.status != http.StatusOK || w.env == nil || w.code() != code {
		t.Fatalf("want HTTP 200 and code %s, got %d:\n%s", code, w.status, w.body)
	}
}

func keysOf(m map[string]json.RawMessage) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

func TestParseDialect(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Dialect
		name string
	}{
		{"", Dialect{}, "default"},
		{"default", Dialect{}, "default"},
		{" Default ", Dialect{}, "default"},
		{"1688", Dialect{Is1688: true}, "1688"},
		{"push", Dialect{Push: true}, "push"},
		{"strict-ms", Dialect{StrictMS: true}, "strict-ms"},
		{"sibling", Dialect{Sibling: true}, "sibling"},
		{"lost", Dialect{Lost: true}, "lost"},
		{"nodedupe", Dialect{NoDedupe: true}, "nodedupe"},
		{"push+lost", Dialect{Lost: true, Push: true}, "lost+push"},
		{"lost,nodedupe", Dialect{Lost: true, NoDedupe: true}, "lost+nodedupe"},
		{"LOST + 1688", Dialect{Lost: true, Is1688: true}, "1688+lost"},
		{"lost+lost+", Dialect{Lost: true}, "lost"},
		{"strict-ms+sibling+push+nodedupe+lost+1688", Dialect{Is1688: true, Push: true, StrictMS: true, Sibling: true, Lost: true, NoDedupe: true}, "1688+lost+nodedupe+push+sibling+strict-ms"},
	} {
		got, err := ParseDialect(c.in)
		if err != nil || got != c.want || got.String() != c.name {
			t.Errorf("ParseDialect(%q) = %+v %q, %v; want %+v %q", c.in, got, got.String(), err, c.want, c.name)
		}
		if again, err := ParseDialect(got.String()); err != nil || again != got {
			t.Errorf("%q does not read back: %+v %v", got.String(), again, err)
		}
	}
	for _, bad := range []string{"lsot", "push+xml", "+", " , ", "strict_ms"} {
		_, err := ParseDialect(bad)
		if err == nil {
			t.Errorf("ParseDialect(%q) took it", bad)
			continue
		}
		for _, n := range DialectNames() {
			if !strings.Contains(err.Error(), n) {
				t.Errorf("ParseDialect(%q): %q does not list %s", bad, err, n)
			}
		}
	}
	if got := DialectNames(); !slices.Equal(got, []string{"1688", "lost", "nodedupe", "push", "sibling", "strict-ms"}) {
		t.Fatalf("names %v", got)
	}
	if s := (Dialect{Lost: true, LostDelay: time.Second}).String(); s != "lost" {
		t.Fatalf("the delay is not part of the name: %q", s)
	}
}

func TestDefaultDialectWire(t *testing.T) {
	d := newDesk(t)
	id := d.rawCreate(t, "D1", 5)

	// Order amounts are integer fen numbers; the discount too.
	for _, p := range []struct{ ep, body string }{
		{epPath(xport.EpOrderList), `{"outOrderId":"D1"}`},
		{epPath(xport.EpOrderDetail), `{"orderId":"` + id + `","webSite":"1688"}`},
	} {
		w := d.post(t, p.ep, p.body)
		ok(t, w, "200")
		wantWire(t, w.data(), `"totalAmount":2400,"shippingFee":900,"sumProductPayment":1500,"discount":0,"refund":0,`,
			`"phasAmount":2400,`, `"itemAmount":1500,`, `"price":300,`, `"outOrderId":"D1"`)
	}
	// Product prices stay yuan strings.
	pd, o := newCatalogueDesk(t, Dialect{})
	w := pd.post(t, epPath(xport.EpKeywordSearch), `{"keyword":"`+o.ID+`","beginPage":1,"pageSize":1}`)
	ok(t, w, "200")
	wantWire(t, w.data(), `"offerId":`+o.ID+`,`, `"priceInfo":{"price":"`+o.LowestPrice().Yuan()+`"`)
	w = pd.post(t, epPath(xport.EpFreight), `{"offerId":`+o.ID+`,"toProvinceCode":"440000","totalNum":`+strconv.FormatInt(o.MOQ, 10)+`}`)
	ok(t, w, "200")
	wantWire(t, w.data(), `"freight":"`+o.QuoteFreight("440000", o.MOQ).Total.Yuan()+`"`)

	// An unknown path is the gateway's 404, not an envelope.
	w = d.post(t, "/api/alibaba/ka/order/logistics/trace", `{"orderId":"`+id+`"}`)
	if w.status != http.StatusNotFound || w.env == nil || w.env["code"] != nil {
		t.Fatalf("unknown path: %d %s", w.status, w.body)
	}
	wantWire(t, w.body, `"status":404,"error":"Not Found","path":"/api/alibaba/ka/order/logistics/trace"}`)
	var gw struct{ Timestamp string }
	json.Unmarshal([]byte(w.body), &gw)
	if _, err := time.Parse("2006-01-02T15:04:05.000-07:00", gw.Timestamp); err != nil {
		t.Fatalf("gateway timestamp %q: %v", gw.Timestamp, err)
	}
	// Not shipped yet is the API's own 404 in an HTTP 200 envelope.
	w = d.post(t, epPath(xport.EpLogistics), `{"orderId":"`+id+`","webSite":"1688"}`)
	ok(t, w, "404")
	if w.msg() != "404: 暂无物流信息 no tracking info yet" {
		t.Fatalf("not shipped: %s", w.body)
	}

	// The freight query is flat here; the nested form names what is expected.
	w = pd.post(t, epPath(xport.EpFreight), `{"productFreightQueryParamsNew":{"offerId":`+o.ID+`,"toProvinceCode":"440000","totalNum":5}}`)
	ok(t, w, "400")
	if !strings.Contains(w.msg(), "offerId") || !strings.Contains(w.msg(), "productFreightQueryParamsNew") {
		t.Fatalf("nested freight: %s", w.body)
	}
	// Pay takes ids as strings and as numbers.
	w = d.post(t, epPath(xport.EpOrderPay), `{"orderIdList":["`+id+`"]}`)
	ok(t, w, "200")
	if got := string(d.dataField(t, w, "orderId")); got != strconv.Quote(id) {
		t.Fatalf("pay: %s", w.body)
	}
	id2 := d.rawCreate(t, "D2", 5)
	ok(t, d.post(t, epPath(xport.EpOrderPay), `{"orderIdList":[`+id2+`]}`), "200")
}

func (d *desk) dataField(t *testing.T, w wire, k string) json.RawMessage {
	t.Helper()
	v, ok := w.dataObj(t)[k]
	if !ok {
		t.Fatalf("data has no %s:\n%s", k, w.body)
	}
	return v
}

// result1688Of checks data is 1688's result object with the code and
// returns its result.
func result1688Of(t *testing.T, w wire, code string) json.RawMessage {
	t.Helper()
	ok(t, w, "200")
	m := w.dataObj(t)
	if string(m["success"]) != "true" || string(m["code"]) != strconv.Quote(code) || string(m["message"]) != `"成功"` || m["result"] == nil {
		t.Fatalf("want 1688's {success: true, code: %s, message, result}:\n%s", code, w.body)
	}
	return m["result"]
}

// refusal1688 checks data is 1688's refusal with the code.
func refusal1688(t *testing.T, w wire, code string) string {
	t.Helper()
	ok(t, w, "200")
	m := w.dataObj(t)
	var msg string
	json.Unmarshal(m["message"], &msg)
	if string(m["success"]) != "false" || string(m["code"]) != strconv.Quote(code) || msg == "" || m["result"] != nil {
		t.Fatalf("want 1688's {success: false, code: %s, message}:\n%s", code, w.body)
	}
	return msg
}

func Test1688DialectWire(t *testing.T) {
	// Product endpoints: wrapped; category and freight with 1688's S0000.
	pd, o := newCatalogueDesk(t, Dialect{Is1688: true})
	res := result1688Of(t, pd.post(t, epPath(xport.EpKeywordSearch), `{"keyword":"`+o.ID+`","pageSize":1}`), "200")
	wantWire(t, string(res), `"offerId":`+o.ID+`,`, `"priceInfo":{"price":"`+o.LowestPrice().Yuan()+`"`, `"totalRecords":`)
	res = result1688Of(t, pd.post(t, epPath(xport.EpImageSearch), `{"imageAddress":"https://example.com/a.jpg"}`), "200")
	wantWire(t, string(res), `"data":[{`)
	res = result1688Of(t, pd.post(t, epPath(xport.EpCategory), `{"categoryId":0}`), "S0000")
	wantWire(t, string(res), `"categoryId":0,`, `"children":[{`)
	res = result1688Of(t, pd.post(t, epPath(xport.EpProductDetail), `{"offerId":`+o.ID+`}`), "200")
	wantWire(t, string(res), `"offerId":`+o.ID+`,`)
	res = result1688Of(t, pd.post(t, epPath(xport.EpDetailMulti), `{"offerIds":[`+o.ID+`]}`), "200")
	if !strings.HasPrefix(string(res), `[{"offerId":`+o.ID+`,`) {
		t.Fatalf("detail multi result: %s", res)
	}
	if msg := refusal1688(t, pd.post(t, epPath(xport.EpProductDetail), `{"offerId":100000000999}`), "404"); !strings.Contains(msg, "商品不存在") {
		t.Fatalf("unknown offer: %s", msg)
	}

	// Freight: only the nested body.
	qty := strconv.FormatInt(o.MOQ, 10)
	res = result1688Of(t, pd.post(t, epPath(xport.EpFreight), `{"productFreightQueryParamsNew":{"offerId":`+o.ID+`,"toProvinceCode":"440000","toCityCode":"440100","toCountryCode":"1","totalNum":`+qty+`,"logisticsSkuNumModels":[{"skuId":`+o.SKUs[0].ID+`,"number":`+qty+`}]}}`), "S0000")
	wantWire(t, string(res), `"offerId":`+o.ID+`,"freight":"`+o.QuoteFreight("440000", o.MOQ).Total.Yuan()+`"`)
	w := pd.post(t, epPath(xport.EpFreight), `{"offerId":`+o.ID+`,"toProvinceCode":"440000","totalNum":`+qty+`}`)
	ok(t, w, "200")
	if w.data() != `{"success":false,"code":"400","message":"productFreightQueryParamsNew is required 参数错误"}` {
		t.Fatalf("flat freight: %s", w.body)
	}

	d := newDeskWith(t, Dialect{Is1688: true})
	// Preview is documented and unchanged.
	w = d.post(t, epPath(xport.EpOrderPreview), createBody("P", 5))
	ok(t, w, "200")
	if !strings.HasPrefix(w.data(), `[{"sumCarriage":900,`) {
		t.Fatalf("preview: %s", w.body)
	}

	// Create: wrapped, ids as numbers (19 digits, written as digits).
	res = result1688Of(t, d.post(t, epPath(xport.EpOrderCreate), createBody("Y1", 5)), "200")
	var created map[string]json.RawMessage
	json.Unmarshal(res, &created)
	id := string(created["orderId"])
	if len(id) != 19 || strings.Trim(id, "0123456789") != "" {
		t.Fatalf("orderId is not 19 bare digits: %s", res)
	}
	wantWire(t, string(res), `"orderList":[{"orderId":`+id+`,`, `"totalSuccessAmount":2400`)
	if msg := refusal1688(t, d.post(t, epPath(xport.EpOrderCreate), createBody("Y2", 1)), "500_005"); !strings.Contains(msg, "低于最小起订量") {
		t.Fatalf("create refusal: %s", msg)
	}
	if msg := refusal1688(t, d.post(t, epPath(xport.EpOrderCreate), `{"cargoParamList":[]}`), "400"); !strings.Contains(msg, "outOrderId") {
		t.Fatalf("bad create: %s", msg)
	}

	// Order list: 1688 paging, amounts yuan strings.
	if _, e := d.s.handleCreate(nil, []byte(createBody("Y3", 10))); e != nil {
		t.Fatal(e.Msg)
	}
	w = d.post(t, epPath(xport.EpOrderList), `{"page":1,"pageSize":1}`)
	ok(t, w, "200")
	page := w.dataObj(t)
	if got := keysOf(page); !slices.Equal(got, []string{"code", "message", "result", "success", "totalRecord"}) || string(page["totalRecord"]) != "2" || string(page["code"]) != `"200"` {
		t.Fatalf("list: keys %v\n%s", got, w.body)
	}
	var orders []json.RawMessage
	json.Unmarshal(page["result"], &orders)
	if len(orders) != 1 {
		t.Fatalf("page of 1: %s", w.body)
	}
	w = d.post(t, epPath(xport.EpOrderList), `{"outOrderId":"Y1"}`)
	ok(t, w, "200")
	wantWire(t, w.data(), `"totalRecord":1`, `"id":`+id+`,`, `"totalAmount":"24.00","shippingFee":"9.00","sumProductPayment":"15.00","discount":0,"refund":"0.00",`,
		`"phasAmount":"24.00",`, `"itemAmount":"15.00",`, `"price":"3.00",`, `"productID":100000000103,`, `"skuID":1000000000005,`, `"subItemID":900100`)
	if msg := refusal1688(t, d.post(t, epPath(xport.EpOrderList), `{"orderStatus":"confirm_goods"}`), "400"); !strings.Contains(msg, "orderStatus") {
		t.Fatalf("bad filter: %s", msg)
	}

	// Detail: wrapped TradeInfo.
	res = result1688Of(t, d.post(t, epPath(xport.EpOrderDetail), `{"orderId":`+id+`,"webSite":"1688"}`), "200")
	wantWire(t, string(res), `"baseInfo":{"id":`+id+`,`, `"totalAmount":"24.00"`)
	refusal1688(t, d.post(t, epPath(xport.EpOrderDetail), `{"orderId":9000000000000000001}`), "404")

	// Logistics lives at …/trace; the default path is unknown.
	w = d.post(t, epPath(xport.EpLogistics), `{"orderId":`+id+`}`)
	if w.status != http.StatusNotFound || w.env["code"] != nil {
		t.Fatalf("default trace path: %d %s", w.status, w.body)
	}
	w = d.post(t, "/api"+trace1688Path, `{"orderId":`+id+`,"webSite":"1688"}`)
	ok(t, w, "200")
	if w.data() != `{"success":false,"errorCode":"404","errorMessage":"暂无物流信息 no tracking info yet"}` {
		t.Fatalf("not shipped: %s", w.body)
	}

	// Pay: numbers only.
	w = d.post(t, epPath(xport.EpOrderPay), `{"orderIdList":["`+id+`"]}`)
	ok(t, w, "200")
	if w.data() != `{"success":false,"code":"400","message":"orderIdList: 参数类型错误, expects numbers"}` {
		t.Fatalf("string ids: %s", w.body)
	}
	res = result1688Of(t, d.post(t, epPath(xport.EpOrderPay), `{"orderIdList":[`+id+`]}`), "200")
	wantWire(t, string(res), `"orderId":`+id+`,`, `"payUrl":"https://trade.1688.com/order/cashier.htm?orderId=`+id+`"`)

	d.clk.Advance(3 * time.Hour)
	w = d.post(t, "/api"+trace1688Path, `{"orderId":`+id+`,"webSite":"1688"}`)
	ok(t, w, "200")
	m := w.dataObj(t)
	if got := keysOf(m); !slices.Equal(got, []string{"result", "success"}) || string(m["success"]) != "true" || !strings.HasPrefix(string(m["result"]), `[{"logisticsId":`) {
		t.Fatalf("trace: %s", w.body)
	}

	// Not wrapped: the documented IM decrypt and the addresses.
	w = d.post(t, epPath(xport.EpIMDecrypt), `{"openUid":"`+d.m.shop.OpenID+`","offerId":"100000000101"}`)
	ok(t, w, "200")
	if !strings.HasPrefix(w.data(), `{"wangwangUrl":`) {
		t.Fatalf("IM: %s", w.body)
	}
	w = d.post(t, epPath(xport.EpAddressList), `{}`)
	ok(t, w, "200")
	if !strings.HasPrefix(w.data(), `[{"id":300001,`) {
		t.Fatalf("addresses: %s", w.body)
	}
	// Errors before routing keep the default form.
	w, err := d.postTS(context.Background(), epPath(xport.EpOrderDetail), `{}`, "123")
	if err != nil {
		t.Fatal(err)
	}
	ok(t, w, "401")
	if w.data() != "null" {
		t.Fatalf("auth error: %s", w.body)
	}
}

func TestPushDialectWire(t *testing.T) {
	d := newDeskWith(t, Dialect{Push: true})
	a := d.rawCreate(t, "PA", 5)
	d.clk.Advance(time.Minute)
	b := d.rawCreate(t, "PB", 10)

	// The outOrderId filter is ignored: both orders come back, newest
	// first, in the default paging.
	w := d.post(t, epPath(xport.EpOrderList), `{"outOrderId":"PA","page":1,"pageSize":20}`)
	ok(t, w, "200")
	if strings.Contains(w.body, "outOrderId") || strings.Contains(w.body, "baseInfo") {
		t.Fatalf("push orders carry no outOrderId and no baseInfo:\n%s", w.body)
	}
	page := w.dataObj(t)
	if got := keysOf(page); !slices.Equal(got, []string{"currentPage", "data", "pageSize", "totalPage", "totalRecords"}) || string(page["totalRecords"]) != "2" {
		t.Fatalf("page: %s", w.body)
	}
	var orders []map[string]json.RawMessage
	json.Unmarshal(page["data"], &orders)
	if len(orders) != 2 || string(orders[0]["orderId"]) != strconv.Quote(b) || string(orders[1]["orderId"]) != strconv.Quote(a) {
		t.Fatalf("orders: %s", w.body)
	}
	want := []string{"closeReason", "orderId", "orderNo", "orderStatus", "payStatus", "payTime", "productAmount", "refundAmount", "refundStatus", "shippingFee", "tbCreateTime", "totalAmount"}
	if got := keysOf(orders[1]); !slices.Equal(got, want) {
		t.Fatalf("push keys %v, want %v", got, want)
	}
	one, _ := json.Marshal(orders[1])
	wantOrder := `{"closeReason":null,"orderId":"` + a + `","orderNo":"PO202605200001","orderStatus":"WAITING_FOR_PAYMENT","payStatus":1,"payTime":null,"productAmount":1500,"refundAmount":0,"refundStatus":null,"shippingFee":900,"tbCreateTime":"2026-05-20 10:00:00","totalAmount":2400}`
	if string(one) != wantOrder {
		t.Fatalf("push order:\n%s\nwant\n%s", one, wantOrder)
	}
	// The other filters still work.
	w = d.post(t, epPath(xport.EpOrderList), `{"orderIds":["`+a+`"]}`)
	ok(t, w, "200")
	wantWire(t, w.data(), `"totalRecords":1,`)
	ok(t, d.post(t, epPath(xport.EpOrderPay), `{"orderIdList":["`+b+`"]}`), "200")
	w = d.post(t, epPath(xport.EpOrderList), `{"orderStatus":"waitsellersend"}`)
	ok(t, w, "200")
	wantWire(t, w.data(), `"totalRecords":1,`, `"orderId":"`+b+`"`, `"orderStatus":"WAITING_FOR_SENT","payStatus":2,`, `"payTime":"2026-05-20 10:01:00"`)

	// Detail: the same flat object, through the lifecycle.
	detail := func(id string) map[string]json.RawMessage {
		t.Helper()
		w := d.post(t, epPath(xport.EpOrderDetail), `{"orderId":"`+id+`","webSite":"1688"}`)
		ok(t, w, "200")
		m := w.dataObj(t)
		if got := keysOf(m); !slices.Equal(got, want) {
			t.Fatalf("detail keys %v", got)
		}
		return m
	}
	m := detail(b)
	goods, _ := strconv.Atoi(string(m["productAmount"]))
	freight, _ := strconv.Atoi(string(m["shippingFee"]))
	if string(m["orderStatus"]) != `"WAITING_FOR_SENT"` || goods != 3000 || freight <= 0 || string(m["totalAmount"]) != strconv.Itoa(goods+freight) || string(m["orderNo"]) != `"PO202605200002"` {
		t.Fatalf("paid: %v", m)
	}
	d.clk.Advance(3 * time.Hour)
	if m := detail(b); string(m["orderStatus"]) != `"WAITING_FOR_RECEIVE"` {
		t.Fatalf("shipped: %s", m["orderStatus"])
	}
	d.clk.Advance(7 * 24 * time.Hour)
	if m := detail(b); string(m["orderStatus"]) != `"SUCCESS"` || string(m["payStatus"]) != "2" {
		t.Fatalf("complete: %v", m)
	}
	if m := detail(a); string(m["orderStatus"]) != `"CANCEL"` || string(m["payStatus"]) != "1" || string(m["closeReason"]) != `"buyer_no_pay"` {
		t.Fatalf("closed unpaid: %v", m)
	}
	// Logistics is unchanged.
	w = d.post(t, epPath(xport.EpLogistics), `{"orderId":"`+b+`","webSite":"1688"}`)
	ok(t, w, "200")
	if !strings.HasPrefix(w.data(), `[{"logisticsId":`) {
		t.Fatalf("trace: %s", w.body)
	}
}

func TestStrictMSDialectWire(t *testing.T) {
	d := newDeskWith(t, Dialect{StrictMS: true})
	body := `{"keyword":"测试商品","pageSize":1}`
	now := time.Now()
	w, err := d.postTS(context.Background(), epPath(xport.EpKeywordSearch), body, strconv.FormatInt(now.Unix(), 10))
	if err != nil {
		t.Fatal(err)
	}
	if w.status != http.StatusOK || w.code() != "10001" || w.msg() != "时间戳格式错误 invalid timestamp: use milliseconds" {
		t.Fatalf("seconds: %d %s", w.status, w.body)
	}
	w, _ = d.postTS(context.Background(), epPath(xport.EpKeywordSearch), body, strconv.FormatInt(now.UnixMilli(), 10))
	ok(t, w, "200")

	// A bad signature is 10001 too.
	req, _ := http.NewRequest(http.MethodPost, d.url+epPath(xport.EpKeywordSearch), strings.NewReader(body))
	SignRequest(req, strconv.FormatInt(now.UnixMilli(), 10))
	req.Header.Set("signature", strings.Repeat("A", 32))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var env struct {
		Code json.RawMessage
		Msg  string
	}
	json.NewDecoder(resp.Body).Decode(&env)
	if resp.StatusCode != http.StatusOK || string(env.Code) != "10001" || env.Msg != "签名错误 signature mismatch" {
		t.Fatalf("bad signature: %d %s %s", resp.StatusCode, env.Code, env.Msg)
	}
}

func TestSiblingDialectWire(t *testing.T) {
	d := newDeskWith(t, Dialect{Sibling: true})
	w := d.post(t, epPath(xport.EpKeywordSearch), `{"keyword":"测试商品","pageSize":1}`)
	ok(t, w, "0")
	if w.msg() != "success" || w.env["requestId"] == nil || w.env["developId"] == nil || !strings.HasPrefix(w.data(), `{"totalRecords":`) {
		t.Fatalf("success: %s", w.body)
	}
	save := `{"name":"李娜","phone":"13800005678","province":"浙江省","city":"金华市","district":"义乌市","address":"稠州北路1号"}`
	w = d.post(t, epPath(xport.EpAddressSave), save)
	if w.status != http.StatusOK || w.body != `{"code":0,"msg":"success"}` {
		t.Fatalf("address save: %d %s", w.status, w.body)
	}
	// the address was saved all the same
	w = d.post(t, epPath(xport.EpAddressList), `{}`)
	ok(t, w, "0")
	wantWire(t, w.data(), `"name":"李娜"`)
	// Errors keep their codes.
	w = d.post(t, epPath(xport.EpAddressSave), `{"name":"李娜"}`)
	ok(t, w, "400")
	w = d.post(t, epPath(xport.EpOrderPreview), createBody("S", 1))
	ok(t, w, `"500_005"`)
}

func TestDialectsCompose(t *testing.T) {
	d := newDeskWith(t, Dialect{Is1688: true, Sibling: true, Push: true})
	w := d.post(t, epPath(xport.EpOrderCreate), createBody("C1", 5))
	ok(t, w, "0")
	m := w.dataObj(t)
	if string(m["success"]) != "true" || string(m["code"]) != `"200"` {
		t.Fatalf("create: %s", w.body)
	}
	// 1688 paging around push-shaped orders (which keep Xport's fen and
	// string ids).
	w = d.post(t, epPath(xport.EpOrderList), `{"outOrderId":"nothing"}`)
	ok(t, w, "0")
	wantWire(t, w.data(), `"totalRecord":1}`, `"result":[{"orderId":"900000`, `"totalAmount":2400,`)
}

// lostDesk is a desk whose HTTP server reports when a create reaches the
// sandbox and when the sandbox is done with it, so a test can make the
// client give up while the create is held, and know it was queued.
type lostDesk struct {
	*desk
	base             string
	arrived, handled chan struct{}
}

func newLostDesk(t *testing.T, dl Dialect) *lostDesk {
	d := &lostDesk{desk: newDeskWith(t, dl), arrived: make(chan struct{}, 16), handled: make(chan struct{}, 16)}
	create := epPath(xport.EpOrderCreate)
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != create {
			d.s.ServeHTTP(w, r)
			return
		}
		d.arrived <- struct{}{}
		defer func() { d.handled <- struct{}{} }()
		d.s.ServeHTTP(w, r)
	}))
	t.Cleanup(hs.Close)
	d.base = hs.URL
	return d
}

// createAndGiveUp sends a create and gives up once the sandbox has it.
// It returns what the client saw: an answer or an error.
func (d *lostDesk) createAndGiveUp(t *testing.T, body string) (wire, error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	type result struct {
		w   wire
		err error
	}
	done := make(chan result, 1)
	go func() {
		w, err := postTo(ctx, d.base, epPath(xport.EpOrderCreate), body, strconv.FormatInt(time.Now().Unix(), 10))
		done <- result{w, err}
	}()
	<-d.arrived
	cancel()
	<-d.handled
	r := <-done
	return r.w, r.err
}

func (d *lostDesk) ordersFor(t *testing.T, out string) string {
	t.Helper()
	w := d.post(t, epPath(xport.EpOrderList), `{"outOrderId":"`+out+`"}`)
	ok(t, w, "200")
	return string(d.dataField(t, w, "totalRecords"))
}

func TestLostDialect(t *testing.T) {
	d := newLostDesk(t, Dialect{Lost: true})
	if w, err := d.createAndGiveUp(t, createBody("L1", 5)); !errors.Is(err, context.Canceled) {
		t.Fatalf("a lost create answered: %v %s", err, w.body)
	}
	if n := d.ordersFor(t, "L1"); n != "0" {
		t.Fatalf("right after giving up the look-up finds %s orders", n)
	}
	if d.s.Creates() != 1 || d.s.OrderCount() != 0 {
		t.Fatalf("creates %d, orders %d", d.s.Creates(), d.s.OrderCount())
	}
	if n := d.s.FlushLost(); n != 1 {
		t.Fatalf("flushed %d", n)
	}
	if n := d.ordersFor(t, "L1"); n != "1" || d.s.OrderCount() != 1 {
		t.Fatalf("after the commit: %s orders", n)
	}
	if sku := d.m.cat.OfferByID["100000000103"].SKUs[0]; sku.Stock != 95 {
		t.Fatalf("stock %d", sku.Stock)
	}
	if d.s.FlushLost() != 0 {
		t.Fatal("flushed twice")
	}

	// The request checks still answer at once.
	w := d.post(t, epPath(xport.EpOrderCreate), `{"cargoParamList":[]}`)
	ok(t, w, "400")

	// Two creates of one outOrderId while held: one order.
	for range 2 {
		if _, err := d.createAndGiveUp(t, createBody("L2", 5)); err == nil {
			t.Fatal("a lost create answered")
		}
	}
	if n := d.s.FlushLost(); n != 2 || d.s.OrderCount() != 2 || d.ordersFor(t, "L2") != "1" {
		t.Fatalf("flushed %d; %d orders, %s for L2", n, d.s.OrderCount(), d.ordersFor(t, "L2"))
	}
	// A create refused at commit time (no stock left) places nothing.
	d.m.cat.OfferByID["100000000103"].SKUs[0].Stock = 0
	d.createAndGiveUp(t, createBody("L3", 5))
	if n := d.s.FlushLost(); n != 1 || d.s.OrderCount() != 2 {
		t.Fatalf("refused at commit: flushed %d, %d orders", n, d.s.OrderCount())
	}
	if d.s.Creates() != 5 {
		t.Fatalf("creates %d", d.s.Creates())
	}
}

func TestLostNoDedupe(t *testing.T) {
	d := newLostDesk(t, Dialect{Lost: true, NoDedupe: true, LostDelay: time.Hour})
	for range 2 {
		d.createAndGiveUp(t, createBody("N1", 5))
	}
	d.s.lost.mu.Lock()
	late := d.s.lost.held[0]
	d.s.lost.mu.Unlock()
	if n := d.s.FlushLost(); n != 2 || d.s.OrderCount() != 2 || d.ordersFor(t, "N1") != "2" {
		t.Fatalf("nodedupe: flushed %d, %d orders", n, d.s.OrderCount())
	}
	// The timer of a create FlushLost already committed does nothing.
	d.s.commitLost(late)
	if d.s.OrderCount() != 2 {
		t.Fatalf("committed twice: %d orders", d.s.OrderCount())
	}
}

func TestNoDedupeAlone(t *testing.T) {
	d := newDeskWith(t, Dialect{NoDedupe: true})
	a := d.post(t, epPath(xport.EpOrderCreate), createBody("ND", 5))
	b := d.post(t, epPath(xport.EpOrderCreate), createBody("ND", 5))
	ok(t, a, "200")
	ok(t, b, "200")
	if ida, idb := string(d.dataField(t, a, "orderId")), string(d.dataField(t, b, "orderId")); ida == idb || d.s.OrderCount() != 2 || d.s.Creates() != 2 {
		t.Fatalf("nodedupe: %s %s, %d orders", ida, idb, d.s.OrderCount())
	}
	// the default dedupes
	d = newDesk(t)
	d.rawCreate(t, "DD", 5)
	d.rawCreate(t, "DD", 5)
	if d.s.OrderCount() != 1 || d.s.Creates() != 2 {
		t.Fatalf("default: %d orders from %d creates", d.s.OrderCount(), d.s.Creates())
	}
}

// FlushLost runs while creates are held and committed by timers; run with
// -race.
func TestFlushLostConcurrently(t *testing.T) {
	d := newDeskWith(t, Dialect{Lost: true, LostDelay: time.Millisecond})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			body := []byte(createBody("C"+strconv.Itoa(i%3), 5))
			d.s.handleCreate(nil, body)
			d.s.FlushLost()
		})
	}
	wg.Wait()
	d.s.FlushLost()
	// Each create committed once, by its timer or a flush; a timer still
	// pending finds nothing left to do. Three outOrderIds, three orders.
	d.s.lost.mu.Lock()
	left := len(d.s.lost.held)
	d.s.lost.mu.Unlock()
	if left != 0 {
		t.Fatalf("%d creates left held", left)
	}
	if d.s.OrderCount() != 3 || d.s.Creates() != 8 {
		t.Fatalf("%d orders from %d creates", d.s.OrderCount(), d.s.Creates())
	}
}
