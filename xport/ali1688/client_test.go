package ali1688

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"caigou/xport"
)

const (
	testKey    = "1234567"
	testSecret = "S3CRET-never-shown-9f8e7d"
	testToken  = "TOKEN-abc"
)

// gateway is a fake 1688 gateway on a loopback http server (allowed by
// the HTTPS rule). Every request must pass the independent verifier.
type gateway struct {
	t      *testing.T
	mu     sync.Mutex
	reqs   []seen
	answer func(api string, form url.Values) (status int, body string)
}

type seen struct {
	api  string
	form url.Values
}

func (g *gateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	if err := verifyRequest(r, body, testKey, testSecret); err != nil {
		g.t.Errorf("request %s failed the independent verifier: %v", r.URL.Path, err)
	}
	form, _ := url.ParseQuery(string(body))
	segs := strings.Split(strings.TrimPrefix(r.URL.Path, "/openapi/"), "/")
	api := ""
	if len(segs) == 5 {
		api = segs[2] + ":" + segs[3]
	}
	g.mu.Lock()
	g.reqs = append(g.reqs, seen{api, form})
	g.mu.Unlock()
	status, out := g.answer(api, form)
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	io.WriteString(w, out)
}

func (g *gateway) count() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.reqs)
}

// logBuf is a capturing slog logger.
type logBuf struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func newTest(t *testing.T, answer func(api string, form url.Values) (int, string), opts ...Option) (*Client, *gateway, *logBuf) {
	t.Helper()
	g := &gateway{t: t, answer: answer}
	srv := httptest.NewServer(g)
	t.Cleanup(srv.Close)
	logs := &logBuf{}
	base := []Option{
		WithHTTPClient(srv.Client()),
		WithTokenSource(StaticToken(testToken)),
		WithLogger(slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))),
		WithSleep(func(context.Context, time.Duration) error { return nil }),
	}
	c, err := New(Config{AppKey: testKey, AppSecret: testSecret, BaseURL: srv.URL + "/openapi"}, append(base, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if strings.Contains(logs.String(), testSecret) || strings.Contains(logs.String(), testToken) {
			t.Errorf("the log holds the secret or the token:\n%s", logs)
		}
	})
	return c, g, logs
}

func fixed(body string) func(string, url.Values) (int, string) {
	return func(string, url.Values) (int, string) { return 200, body }
}

// noSecret fails when an error's text shows the secret.
func noSecret(t *testing.T, err error) {
	t.Helper()
	if err != nil && (strings.Contains(err.Error(), testSecret) || strings.Contains(fmt.Sprintf("%+v", err), testSecret)) {
		t.Errorf("error shows the secret: %v", err)
	}
}

// Recorded-looking answers written from the reference's field lists.
const searchAnswer = `{"result":{"success":true,"code":"200","message":null,"result":{
 "totalRecords":2000,"totalPage":100,"pageSize":20,"currentPage":1,
 "data":[
  {"offerId":612345678901,"subject":"连衣裙 夏","subjectTrans":"Summer dress","imageUrl":"https://cbu01.alicdn.com/img/ibank/O1.jpg",
   "priceInfo":{"price":"23.50","jxhyPrice":"22.00","pfJxhyPrice":"21.5","consignPrice":"25.00","promotionPrice":""},
   "monthSold":"1.2万","repurchaseRate":"35%","tradeScore":"4.5","minOrderQuantity":2,
   "sellerIdentities":["tp_member"],"offerIdentities":["yx"],"isJxhy":true,
   "topCategoryId":10166,"secondCategoryId":1037192,"thirdCategoryId":127380009,
   "traceInfo":"x","token":"t","promotionURL":"https://example.invalid/p"},
  {"offerId":612345678902,"subject":"连衣裙 冬","priceInfo":{"price":"3.505"},"isJxhy":2},
  {"subject":"no id"}
 ]}}}`

func TestSearchKeyword(t *testing.T) {
	c, g, _ := newTest(t, fixed(searchAnswer))
	page, err := c.SearchKeyword(context.Background(), xport.SearchQuery{Keyword: "dress <a&b>", Page: 2, Sort: xport.Sort{Field: "price"}, PriceMin: 1050})
	if err != nil {
		t.Fatal(err)
	}
	if page.TotalRecords != 2000 || page.TotalPage != 100 || len(page.Offers) != 2 || page.Skipped != 1 {
		t.Fatalf("page = %+v", page)
	}
	o := page.Offers[0]
	if o.OfferID != "612345678901" || o.PriceInfo.Price.Fen() != 2350 || o.MonthSold.N != 12000 || o.SubjectTrans != "Summer dress" {
		t.Errorf("offer = %+v", o)
	}
	// A bad price and a bad flag cost those fields, not the card.
	if bad := page.Offers[1]; bad.OfferID != "612345678902" || bad.Readable("priceInfo.price") || bad.Readable("isJxhy") {
		t.Errorf("second card = %+v (unreadable %v)", bad, bad.Unreadable)
	}
	r := g.reqs[0]
	if r.api != nsCrossborder+":"+apiKeywordQuery || r.form.Get("access_token") != testToken {
		t.Errorf("sent %s with %v", r.api, r.form)
	}
	var p map[string]any
	if err := json.Unmarshal([]byte(r.form.Get("offerQueryParam")), &p); err != nil {
		t.Fatal(err)
	}
	if p["keyword"] != "dress <a&b>" || p["beginPage"] != 2.0 || p["pageSize"] != 20.0 || p["country"] != "en" || p["sort"] != `{"price":"asc"}` || p["priceStart"] != "10.50" {
		t.Errorf("offerQueryParam = %s", r.form.Get("offerQueryParam"))
	}
	if strings.Contains(r.form.Get("offerQueryParam"), `\u003c`) {
		t.Error("JSON parameter is HTML-escaped")
	}
}

const detailAnswer = `{"result":{"success":true,"code":"200","message":"","result":{
 "offerId":612345678901,"categoryId":127380009,"categoryName":"连衣裙","subject":"连衣裙","subjectTrans":"Dress",
 "status":"published","createDate":"2024-01-02 03:04:05","description":"<p>d</p>","mainVideo":"https://v.example.invalid/m.mp4",
 "productImage":{"images":["https://cbu01.alicdn.com/a.jpg","https://cbu01.alicdn.com/b.jpg"],"whiteImage":"https://cbu01.alicdn.com/w.jpg"},
 "productAttribute":[{"attributeId":"2176","attributeName":"品牌","value":"其他","attributeNameTrans":"Brand","valueTrans":"Other"}],
 "productSkuInfos":[{"skuId":5012345678901,"specId":"b266e0726506185beaf205cbae88530d","amountOnSale":120,"price":"23.50","promotionPrice":"22.00","consignPrice":"25.00","cargoNumber":"A-1",
   "skuAttributes":[{"attributeId":3216,"attributeName":"颜色","attributeNameTrans":"Color","value":"红色","valueTrans":"red","skuImageUrl":"https://cbu01.alicdn.com/r.jpg"}]}],
 "productSaleInfo":{"amountOnSale":120,"priceRangeList":[{"startQuantity":2,"price":"23.50","promotionPrice":""},{"startQuantity":50,"price":"21.00"}],"quoteType":1,"unitInfo":{"unit":"件","transUnit":"piece"},
   "fenxiaoSaleInfo":{"onePieceFreePostage":true,"startQuantity":1,"onePiecePrice":"30.00","offerPrice":"24.00"}},
 "productShippingInfo":{"weight":0.35,"width":20,"height":5,"length":30,"shippingTimeGuarantee":"shipIn48Hours","skuShippingInfoList":[{"specId":"b266","skuId":5012345678901,"weight":350}]},
 "minOrderQuantity":2,"batchNumber":1,"sellerMixSetting":{"generalHunpi":true,"mixAmount":"100","mixNumber":3},
 "sellerOpenId":"BBBopenuid","companyName":"义乌某服饰","tradeScore":"4.8","sellingPoint":["fast"],"offerIdentities":["yx"],"isJxhy":true}}}`

func TestProductDetail(t *testing.T) {
	c, g, _ := newTest(t, fixed(detailAnswer))
	d, err := c.ProductDetail(context.Background(), "612345678901")
	if err != nil {
		t.Fatal(err)
	}
	if d.OfferID != "612345678901" || len(d.SKUs) != 1 || d.SKUs[0].Price.Fen() != 2350 || d.SKUs[0].SpecID != "b266e0726506185beaf205cbae88530d" ||
		d.SaleInfo.QuoteType != 1 || len(d.SaleInfo.PriceRangeList) != 2 || d.SaleInfo.PriceRangeList[1].Price.Fen() != 2100 ||
		d.SellerMixSetting.MixAmount.Fen() != 10000 || d.ShippingInfo.Weight != "0.35" || len(d.ProductImage.Images) != 2 {
		t.Fatalf("detail = %+v", d)
	}
	if got := g.reqs[0].form.Get("offerDetailParam"); got != `{"country":"en","offerId":612345678901}` {
		t.Errorf("offerDetailParam = %s", got)
	}
}

const freightAnswer = `{"result":{"success":true,"code":"S0000","message":"","result":{
 "offerId":612345678901,"freight":"8.00","templateId":123,"templateType":1,"subTemplateType":0,
 "firstFee":"5","firstUnit":"1","nextFee":"1.5","nextUnit":"1","chargeType":0,"freePostage":false,"discount":null,
 "productFreightSkuInfoModels":[]}}}`

func TestFreightEstimate(t *testing.T) {
	c, g, _ := newTest(t, fixed(freightAnswer))
	f, err := c.FreightEstimate(context.Background(), xport.FreightQuery{OfferID: "612345678901", ProvinceCode: "330000", CityCode: "330100", DistrictCode: "330108", TotalNum: 3,
		SKUs: []xport.FreightSKU{{SkuID: "5012345678901", Number: 3}}})
	if err != nil {
		t.Fatal(err)
	}
	if f.Freight.Fen() != 800 || f.FirstFee.Fen() != 500 || f.NextFee.Fen() != 150 || f.OfferID != "612345678901" || f.TemplateType != 1 {
		t.Fatalf("freight = %+v", f)
	}
	want := `{"offerId":612345678901,"toProvinceCode":"330000","toCityCode":"330100","toCountryCode":"330108","totalNum":3,"logisticsSkuNumModels":[{"skuId":5012345678901,"number":3}]}`
	if got := g.reqs[0].form.Get("productFreightQueryParamsNew"); got != want {
		t.Errorf("productFreightQueryParamsNew = %s", got)
	}
	// A bad secondary field costs that field only; a bad freight fails.
	if f, err := decodeFreight([]byte(`{"freight":"8.00","chargeType":"x"}`)); err != nil || f.Freight.Fen() != 800 {
		t.Errorf("lenient freight = %+v, %v", f, err)
	}
	if _, err := decodeFreight([]byte(`{"freight":"8.005"}`)); err == nil {
		t.Error("an unreadable freight was accepted")
	}
}

const addressAnswer = `{"success":true,"code":"200","message":"","result":{"receiveAddressItems":[
 {"id":88001,"fullName":"张三","address":"文一西路 969 号","post":"310000","phone":"0571-88888888","mobilePhone":"13800138000",
  "addressCode":"330106","addressCodeText":"浙江省 杭州市 西湖区","isDefault":true,"townCode":"330106001","townName":"文新街道"},
 {"id":"88002","fullName":"李四","address":"科技园路 1 号","phone":"0755-1234567","addressCode":"440305","addressCodeText":"广东省深圳市南山区","isDefault":"x"},
 "junk"]}}`

func TestAddresses(t *testing.T) {
	c, g, _ := newTest(t, fixed(addressAnswer))
	as, err := c.Addresses(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 2 {
		t.Fatalf("addresses = %+v", as)
	}
	a := as[0]
	if a.ID != "88001" || a.Name != "张三" || a.Phone != "13800138000" || a.Province != "浙江省" || a.City != "杭州市" || a.District != "西湖区" ||
		a.Town != "文新街道" || a.DistrictCode != "330106" || a.PostCode != "310000" || !bool(a.IsDefault) {
		t.Errorf("first = %+v", a)
	}
	if b := as[1]; b.ID != "88002" || b.Phone != "0755-1234567" || b.Province != "广东省深圳市南山区" || b.IsDefault {
		t.Errorf("second = %+v", b)
	}
	if r := g.reqs[0]; r.api != nsTrade+":"+apiReceiveAddress || len(r.form) != 3 {
		t.Errorf("sent %s %v", r.api, r.form)
	}
}

func TestGatewayErrorTyped(t *testing.T) {
	c, g, logs := newTest(t, func(string, url.Values) (int, string) {
		return 400, `{"error_code":"gw.SignatureInvalid","error_message":"Signature invalid","request_id":"0ba1c2d3e4"}`
	})
	_, err := c.ProductDetail(context.Background(), "1")
	var e *Error
	if !errors.As(err, &e) || e.Code != "gw.SignatureInvalid" || e.RequestID != "0ba1c2d3e4" || !e.Gateway || e.Class != xport.ClassAuth {
		t.Fatalf("err = %#v", err)
	}
	if xport.Classify(err) != xport.ClassAuth || xport.RequestIDOf(err) != "0ba1c2d3e4" || !xport.IsAuth(err) {
		t.Errorf("xport reads class %v, request id %q", xport.Classify(err), xport.RequestIDOf(err))
	}
	if g.count() != 1 {
		t.Errorf("an auth refusal was retried: %d attempts", g.count())
	}
	if !strings.Contains(logs.String(), "0ba1c2d3e4") {
		t.Errorf("request id not logged: %s", logs)
	}
	noSecret(t, err)
}

func TestErrorClasses(t *testing.T) {
	cases := []struct {
		status int
		body   string
		want   xport.Class
		rule   string
	}{
		{401, `{"error_code":"gw.AccessTokenExpired","error_message":"access token expired","request_id":"r1"}`, xport.ClassAuth, ""},
		{400, `{"error_code":"gw.AccessTokenInvalid","error_message":"invalid","request_id":"r2"}`, xport.ClassAuth, ""},
		{400, `{"error_code":"gw.APIACLDecline","error_message":"AppKey is not allowed(acl)","request_id":"r3"}`, xport.ClassAuth, ""},
		{400, `{"error_code":"gw.QosAppFrequencyLimit","error_message":"App call exceeds limited frequency","request_id":"r4"}`, xport.ClassRateLimit, ""},
		{400, `{"error_code":"gw.ParamMissing","error_message":"offerQueryParam","request_id":"r5"}`, xport.ClassValidation, ""},
		{400, `{"error_code":"gw.APIUnsupported","error_message":"x","request_id":"r6"}`, xport.ClassNotFound, ""},
		{500, `{"error_code":"gw.ISPInvokeError","error_message":"x","request_id":"r7"}`, xport.ClassServer, ""},
		{200, `{"success":false,"errorCode":"500_004","errorMsg":"库存不足"}`, xport.ClassValidation, "500_004"},
		{200, `{"result":null,"errorCode":"ORDER_NOT_EXIST","errorMessage":"no such order","totalRecord":0}`, xport.ClassNotFound, ""},
		{200, `{"result":{"success":"false","code":"InvalidSession","message":"session invalid"}}`, xport.ClassAuth, ""},
	}
	for _, tc := range cases {
		c, _, _ := newTest(t, func(string, url.Values) (int, string) { return tc.status, tc.body })
		_, err := c.call(context.Background(), "ns", "a.b", map[string]string{"x": "1"}, callOpts{needToken: true}, nil)
		var e *Error
		if !errors.As(err, &e) || e.Class != tc.want {
			t.Errorf("%s: err %v, class %v, want %v", tc.body, err, e, tc.want)
			continue
		}
		if got := xport.Classify(err); got != tc.want {
			t.Errorf("%s: xport.Classify = %v, want %v", tc.body, got, tc.want)
		}
		if xport.RuleOf(err) != tc.rule {
			t.Errorf("%s: rule %q", tc.body, xport.RuleOf(err))
		}
		if !strings.Contains(err.Error(), e.Code) || strings.Contains(err.Error(), "Xportcn") {
			t.Errorf("message %q", err)
		}
	}
}

func TestReadRetriedOn5xx(t *testing.T) {
	n := 0
	c, g, _ := newTest(t, func(string, url.Values) (int, string) {
		n++
		if n < 3 {
			return 502, `<html>bad gateway</html>`
		}
		return 200, freightAnswer
	})
	if _, err := c.FreightEstimate(context.Background(), xport.FreightQuery{OfferID: "1", TotalNum: 1}); err != nil {
		t.Fatal(err)
	}
	if g.count() != 3 {
		t.Errorf("%d attempts, want 3", g.count())
	}
	// Each retry is signed afresh; the verifier checked all three.
}

func TestReadGivesUpAfterRetries(t *testing.T) {
	c, g, _ := newTest(t, func(string, url.Values) (int, string) { return 503, `` })
	_, err := c.Addresses(context.Background())
	if xport.Classify(err) != xport.ClassServer || g.count() != 1+defaultReadRetries {
		t.Errorf("err %v (%v), %d attempts", err, xport.Classify(err), g.count())
	}
}

func TestWriteNeverRetried(t *testing.T) {
	for _, body := range []string{``, `{"error_code":"gw.ISPInvokeTimeout","error_message":"timeout","request_id":"w1"}`, `{"error_code":"gw.QosApiFrequencyLimit","error_message":"x","request_id":"w2"}`} {
		c, g, _ := newTest(t, func(string, url.Values) (int, string) { return 500, body })
		// A fake write: an order create must be sent once, whatever comes back.
		_, err := c.call(context.Background(), nsTrade, "alibaba.trade.createCrossOrder", map[string]string{"flow": "general"}, callOpts{needToken: true, write: true}, nil)
		if err == nil || g.count() != 1 {
			t.Errorf("body %q: err %v, %d attempts; a write must be sent once", body, err, g.count())
		}
		if !xport.OutcomeUnknown(err) && xport.Classify(err) != xport.ClassRateLimit {
			t.Errorf("body %q: a failed write should leave the outcome unknown: %v", body, err)
		}
	}
}

func TestRateLimiterUsed(t *testing.T) {
	var mu sync.Mutex
	now := time.Unix(1720000000, 0)
	var slept time.Duration
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	sleep := func(_ context.Context, d time.Duration) error {
		mu.Lock()
		defer mu.Unlock()
		slept += d
		now = now.Add(d)
		return nil
	}
	g := &gateway{t: t, answer: fixed(addressAnswer)}
	srv := httptest.NewServer(g)
	defer srv.Close()
	c, err := New(Config{AppKey: testKey, AppSecret: testSecret, BaseURL: srv.URL + "/openapi", RequestsPerSecond: 2},
		WithHTTPClient(srv.Client()), WithTokenSource(StaticToken(testToken)), WithClock(clock), WithSleep(sleep))
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		if _, err := c.Addresses(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	// 5 calls at 2 per window: the 3rd and 5th each wait a window.
	if slept < 2*time.Second {
		t.Errorf("the limiter waited %v for 5 calls at 2/s", slept)
	}
}

func TestNoTokenNoCall(t *testing.T) {
	c, g, _ := newTest(t, fixed(addressAnswer), WithTokenSource(StaticToken("")))
	if _, err := c.Addresses(context.Background()); err == nil || g.count() != 0 {
		t.Errorf("err %v, %d calls", err, g.count())
	}
}

func TestInsecureHTTPRefused(t *testing.T) {
	_, err := New(Config{AppKey: testKey, AppSecret: testSecret, BaseURL: "http://gw.open.1688.com/openapi"})
	if err == nil {
		t.Fatal("plain http to another host was accepted")
	}
	noSecret(t, err)
	if _, err := New(Config{AppKey: testKey, AppSecret: testSecret, BaseURL: "http://127.0.0.1:1/openapi"}); err != nil {
		t.Errorf("loopback refused: %v", err)
	}
	if _, err := New(Config{AppKey: testKey}); !errors.Is(err, ErrNoCredentials) {
		t.Errorf("missing secret: %v", err)
	}
}

func TestSecretNeverPrinted(t *testing.T) {
	cfg := Config{AppKey: testKey, AppSecret: testSecret}.Defaults()
	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("cfg", "config", cfg)
	for _, s := range []string{fmt.Sprint(cfg), fmt.Sprintf("%+v", cfg), fmt.Sprintf("%#v", cfg), cfg.String(), logs.String()} {
		if strings.Contains(s, testSecret) {
			t.Errorf("secret printed: %s", s)
		}
	}
}

func TestNetworkErrorSaysNetwork(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	base := srv.URL
	srv.Close()
	c, err := New(Config{AppKey: testKey, AppSecret: testSecret, BaseURL: base + "/openapi", ReadRetriesSet: true},
		WithTokenSource(StaticToken(testToken)))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Addresses(context.Background())
	if xport.Classify(err) != xport.ClassNetwork || strings.Contains(err.Error(), "Xportcn") {
		t.Errorf("err %v class %v", err, xport.Classify(err))
	}
	noSecret(t, err)
}
