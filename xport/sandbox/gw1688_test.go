package sandbox

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The 1688 Open Platform dialect on the raw wire: requests are signed here
// with the sandbox's own aopSign, independent of any client.

func TestAOPSignVectors(t *testing.T) {
	for _, v := range []struct {
		path   string
		params map[string]string
		secret string
		want   string
	}{
		// The official vector (open.1688.com sysSignature, reference §2.1).
		{"param2/1/system/currentTime/1000000", map[string]string{"b": "2", "a": "1"}, "test123", "33E54F4F7B989E3E0E912D3FBD2F1A03CA7CCE88"},
		// §2.4 vector 1: _ sorts before a.
		{"param2/1/com.alibaba.fenxiao.crossborder/product.search.keywordQuery/1234567", map[string]string{
			"access_token": "TOKEN-abc", "_aop_timestamp": "1720000000000",
			"offerQueryParam": `{"keyword":"dress","beginPage":1,"pageSize":20,"country":"en"}`,
			"_aop_signature":  "IGNORED",
		}, "TESTSECRET", "F35B5D005C6A36C00F0F4A1637FA815FB58C1F56"},
		// §2.4 vector 2: the k+v strings are sorted, not the keys.
		{"param2/1/com.example/x.y/1234567", map[string]string{"a": "z", "ab": "0"}, "TESTSECRET", "F282DB1DFD031A9220A430DBE9D23C6A15998E0C"},
		// ozon V3 (§2.3).
		{"param2/1/com.alibaba.trade/alibaba.trade.getBuyerOrderList/1234567", map[string]string{
			"access_token": "tok-simple-0001", "createStartTime": "2026-10-01 00:00:00", "createEndTime": "2026-10-01 23:59:59",
			"isHis": "false", "orderStatus": "waitbuyerreceive", "page": "1", "pageSize": "50", "webSite": "1688",
		}, "test_app_secret_0123456789abcdef", "EC0BC1B49C629EDFD286D936EFC6E497D673EADA"},
		// ozon V4: empty values are signed, _aop_signature is not.
		{"param2/1/com.alibaba.logistics/alibaba.trade.getLogisticsInfos.buyerView/1234567", map[string]string{
			"access_token": "tok-simple-0002", "emptyVal": "", "orderId": "58218860983545944", "fields": "",
			"webSite": "1688", "_aop_signature": "SHOULD_BE_IGNORED",
		}, "test_app_secret_0123456789abcdef", "CE4D74D68081AECD6B36769CE5F4AB2FF643E7CE"},
	} {
		if got := aopSign(v.path, v.params, v.secret); got != v.want {
			t.Errorf("%s: got %s, want %s", v.path, got, v.want)
		}
		if !aopVerify(v.path, v.params, v.secret, v.want) || aopVerify(v.path, v.params, v.secret, strings.ToLower(v.want)) {
			t.Errorf("%s: verify accepts the wrong signatures", v.path)
		}
	}
}

type gwResp struct {
	status int
	body   string
	header http.Header
}

// obj decodes the body (numbers kept exact) and walks the path: string
// keys for objects, ints for arrays.
func (r gwResp) get(t *testing.T, path ...any) any {
	t.Helper()
	var v any
	dec := json.NewDecoder(strings.NewReader(r.body))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("not JSON (%d): %s", r.status, r.body)
	}
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("at %q: not an object in %s", k, r.body)
			}
			if v, ok = m[k]; !ok {
				t.Fatalf("no %q in %s", k, r.body)
			}
		case int:
			a, ok := v.([]any)
			if !ok || k >= len(a) {
				t.Fatalf("at [%d]: not a long enough array in %s", k, r.body)
			}
			v = a[k]
		}
	}
	return v
}

func (r gwResp) str(t *testing.T, path ...any) string {
	t.Helper()
	switch v := r.get(t, path...).(type) {
	case string:
		return v
	case json.Number:
		return string(v)
	case bool:
		return strconv.FormatBool(v)
	default:
		t.Fatalf("%v is %T in %s", path, v, r.body)
	}
	return ""
}

// gwSend posts a form to the sandbox.
func gwSend(s *Server, method, path string, form url.Values) gwResp {
	var req *http.Request
	if method == http.MethodGet {
		req = httptest.NewRequest(method, path+"?"+form.Encode(), nil)
	} else {
		req = httptest.NewRequest(method, path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	return gwResp{status: rec.Code, body: rec.Body.String(), header: rec.Header()}
}

// gwCall signs and posts a call of api ("namespace:name") with the token.
func gwCall(t *testing.T, s *Server, api, token string, params map[string]string) gwResp {
	t.Helper()
	ns, name, _ := strings.Cut(api, ":")
	urlPath := "param2/1/" + ns + "/" + name + "/" + DemoAppKey
	p := map[string]string{"_aop_timestamp": strconv.FormatInt(time.Now().UnixMilli(), 10)}
	if token != "" {
		p["access_token"] = token
	}
	for k, v := range params {
		p[k] = v
	}
	form := url.Values{}
	for k, v := range p {
		form.Set(k, v)
	}
	form.Set("_aop_signature", aopSign(urlPath, p, DemoAppSecret))
	return gwSend(s, http.MethodPost, "/openapi/"+urlPath, form)
}

func wantGWErr(t *testing.T, r gwResp, status int, code string) {
	t.Helper()
	if r.status != status || r.str(t, "error_code") != code || r.str(t, "request_id") == "" {
		t.Fatalf("want HTTP %d %s, got %d %s", status, code, r.status, r.body)
	}
}

func TestGW1688GatewayErrors(t *testing.T) {
	d, _ := newCatalogueDesk(t, Dialect{})
	s := d.s
	tok, _ := s.IssueToken1688()
	const api = "com.alibaba.fenxiao.crossborder:product.search.keywordQuery"
	params := map[string]string{"offerQueryParam": `{"keyword":"dress","country":"en"}`}

	// A tampered parameter after signing.
	ns, name, _ := strings.Cut(api, ":")
	urlPath := "param2/1/" + ns + "/" + name + "/" + DemoAppKey
	p := map[string]string{"access_token": tok, "offerQueryParam": params["offerQueryParam"]}
	form := url.Values{"access_token": {tok}, "offerQueryParam": {`{"keyword":"shoe","country":"en"}`}}
	form.Set("_aop_signature", aopSign(urlPath, p, DemoAppSecret))
	wantGWErr(t, gwSend(s, http.MethodPost, "/openapi/"+urlPath, form), 400, "gw.SignatureInvalid")
	// Lower-case hex.
	form.Set("offerQueryParam", p["offerQueryParam"])
	form.Set("_aop_signature", strings.ToLower(aopSign(urlPath, p, DemoAppSecret)))
	wantGWErr(t, gwSend(s, http.MethodPost, "/openapi/"+urlPath, form), 400, "gw.SignatureInvalid")
	// Signed with a leading slash in the path.
	form.Set("_aop_signature", aopSign("/"+urlPath, p, DemoAppSecret))
	wantGWErr(t, gwSend(s, http.MethodPost, "/openapi/"+urlPath, form), 400, "gw.SignatureInvalid")
	// The same request signed right passes, by GET too.
	form.Set("_aop_signature", aopSign(urlPath, p, DemoAppSecret))
	if r := gwSend(s, http.MethodGet, "/openapi/"+urlPath, form); r.status != 200 || r.str(t, "result", "success") != "true" {
		t.Fatalf("GET: %d %s", r.status, r.body)
	}
	form.Del("_aop_signature")
	wantGWErr(t, gwSend(s, http.MethodPost, "/openapi/"+urlPath, form), 400, "gw.ParamMissing")

	wantGWErr(t, gwCall(t, s, "com.alibaba.trade:alibaba.trade.nonesuch", tok, nil), 400, "gw.APIUnsupported")
	wantGWErr(t, gwCall(t, s, api, "", params), 400, "gw.ParamMissing")
	wantGWErr(t, gwCall(t, s, api, "forged-token", params), 401, "gw.InvalidAccessToken")
	_, refresh := s.IssueToken1688()
	wantGWErr(t, gwCall(t, s, api, refresh, params), 401, "gw.InvalidAccessToken")

	// Another app key in the path.
	wrong := "param2/1/" + ns + "/" + name + "/1000000"
	form.Set("_aop_signature", aopSign(wrong, p, DemoAppSecret))
	wantGWErr(t, gwSend(s, http.MethodPost, "/openapi/"+wrong, form), 400, "gw.AppKeyNotExist")

	// A timestamp in seconds.
	r := gwCall(t, s, api, tok, map[string]string{"offerQueryParam": params["offerQueryParam"], "_aop_timestamp": strconv.FormatInt(time.Now().Unix(), 10)})
	wantGWErr(t, r, 400, "gw.InvalidTimestamp")

	// Faults answer in the gateway's shape.
	s.SetFaults(Faults{RateLimitPerMille: 1000})
	wantGWErr(t, gwCall(t, s, api, tok, params), 400, "gw.QosAppFrequencyLimit")
	s.SetFaults(Faults{ServerErrorPerMille: 1000})
	wantGWErr(t, gwCall(t, s, api, tok, params), 500, "gw.ISPInvokeError")
	s.SetFaults(Faults{})
}

func TestGW1688ExpiredToken(t *testing.T) {
	d := newDesk(t)
	tok, _ := d.s.IssueToken1688()
	const api = "com.alibaba.trade:alibaba.trade.receiveAddress.get"
	if r := gwCall(t, d.s, api, tok, nil); r.status != 200 {
		t.Fatalf("fresh token: %s", r.body)
	}
	d.clk.Advance(10*time.Hour + time.Second)
	wantGWErr(t, gwCall(t, d.s, api, tok, nil), 401, "gw.AccessTokenExpired")
}

func TestGW1688OAuthCycle(t *testing.T) {
	d := newDesk(t)
	s := d.s
	authorize := func(redirect string) gwResp {
		return gwSend(s, http.MethodGet, "/oauth/authorize", url.Values{"client_id": {DemoAppKey}, "site": {"1688"}, "redirect_uri": {redirect}, "state": {"xyz"}})
	}
	codeOf := func(r gwResp) string {
		t.Helper()
		if r.status != http.StatusFound {
			t.Fatalf("authorize: %d %s", r.status, r.body)
		}
		u, err := url.Parse(r.header.Get("Location"))
		if err != nil || u.Query().Get("state") != "xyz" || u.Query().Get("code") == "" {
			t.Fatalf("redirect: %q", r.header.Get("Location"))
		}
		return u.Query().Get("code")
	}
	if r := authorize("https://evil.example/cb"); r.status != 400 {
		t.Fatalf("foreign redirect_uri accepted: %d", r.status)
	}
	code := codeOf(authorize(DemoRedirectURI))
	tokenPath := "/openapi/http/1/system.oauth2/getToken/" + DemoAppKey
	exchange := func(code, redirect string) gwResp {
		return gwSend(s, http.MethodPost, tokenPath, url.Values{"grant_type": {"authorization_code"}, "need_refresh_token": {"true"},
			"client_id": {DemoAppKey}, "client_secret": {DemoAppSecret}, "redirect_uri": {redirect}, "code": {code}})
	}
	if r := exchange(code, "http://127.0.0.1:9/cb"); r.status != 400 || r.str(t, "error") != "invalid_grant" {
		t.Fatalf("redirect mismatch: %d %s", r.status, r.body)
	}
	r := exchange(code, DemoRedirectURI)
	if r.status != 200 || r.str(t, "expires_in") != "36000" || r.str(t, "memberId") != DemoMemberID || r.str(t, "aliId") != DemoAliID {
		t.Fatalf("getToken: %d %s", r.status, r.body)
	}
	access, refresh := r.str(t, "access_token"), r.str(t, "refresh_token")
	want := orderTime(testStart.Add(180 * 24 * time.Hour))
	if got := r.str(t, "refresh_token_timeout"); got != want {
		t.Fatalf("refresh_token_timeout %s, want %s", got, want)
	}
	// Single use.
	if r := exchange(code, DemoRedirectURI); r.str(t, "error") != "invalid_grant" {
		t.Fatalf("code reused: %s", r.body)
	}
	const api = "com.alibaba.trade:alibaba.trade.receiveAddress.get"
	if r := gwCall(t, s, api, access, nil); r.status != 200 {
		t.Fatalf("token: %s", r.body)
	}
	d.clk.Advance(10 * time.Hour)
	wantGWErr(t, gwCall(t, s, api, access, nil), 401, "gw.AccessTokenExpired")
	// Wrong secret, then the refresh.
	if r := gwSend(s, http.MethodPost, tokenPath, url.Values{"grant_type": {"refresh_token"}, "client_id": {DemoAppKey}, "client_secret": {"x"}, "refresh_token": {refresh}}); r.status != 401 {
		t.Fatalf("bad secret: %d %s", r.status, r.body)
	}
	r = gwSend(s, http.MethodPost, tokenPath, url.Values{"grant_type": {"refresh_token"}, "client_id": {DemoAppKey}, "client_secret": {DemoAppSecret}, "refresh_token": {refresh}})
	if r.status != 200 {
		t.Fatalf("refresh: %d %s", r.status, r.body)
	}
	if r := gwCall(t, s, api, r.str(t, "access_token"), nil); r.status != 200 {
		t.Fatalf("refreshed token: %s", r.body)
	}
	// The refresh token expires after 180 days.
	d.clk.Advance(181 * 24 * time.Hour)
	r = gwSend(s, http.MethodPost, tokenPath, url.Values{"grant_type": {"refresh_token"}, "client_id": {DemoAppKey}, "client_secret": {DemoAppSecret}, "refresh_token": {refresh}})
	if r.str(t, "error") != "invalid_grant" {
		t.Fatalf("expired refresh token: %s", r.body)
	}
}

// A sign-in code lives 2 minutes of real time, however fast the demo's
// marketplace clock runs: it is the agent's time to paste it, and at
// --time-scale 3600 two market minutes were 33 ms (the end-to-end login
// failed whenever the machine was busy).
func TestGW1688CodeLivesInRealTime(t *testing.T) {
	wall := &manualClock{t: testStart}
	s := New(Options{Seed: 7, Offers: 1, TimeScale: 3600, WallClock: wall.Now})
	code := func() string {
		r := gwSend(s, http.MethodGet, "/oauth/authorize", url.Values{"client_id": {DemoAppKey}, "site": {"1688"}, "redirect_uri": {DemoRedirectURI}, "state": {"s"}})
		u, err := url.Parse(r.header.Get("Location"))
		if err != nil || u.Query().Get("code") == "" {
			t.Fatalf("authorize: %d %s", r.status, r.body)
		}
		return u.Query().Get("code")
	}
	exchange := func(code string) gwResp {
		return gwSend(s, http.MethodPost, "/openapi/http/1/system.oauth2/getToken/"+DemoAppKey, url.Values{"grant_type": {"authorization_code"},
			"client_id": {DemoAppKey}, "client_secret": {DemoAppSecret}, "redirect_uri": {DemoRedirectURI}, "code": {code}})
	}
	c := code()
	// A real second later, an hour on the marketplace: still good.
	wall.Advance(time.Second)
	time.Sleep(50 * time.Millisecond) // the sped-up market clock runs on time.Since
	if r := exchange(c); r.status != 200 {
		t.Fatalf("a code one second old was refused: %d %s", r.status, r.body)
	}
	late := code()
	wall.Advance(2*time.Minute + time.Second)
	if r := exchange(late); r.str(t, "error") != "invalid_grant" || !strings.Contains(string(r.body), "expired") {
		t.Fatalf("a code past 2 minutes was taken: %d %s", r.status, r.body)
	}
}

func TestGW1688Products(t *testing.T) {
	d, o := newCatalogueDesk(t, Dialect{})
	s := d.s
	tok, _ := s.IssueToken1688()
	r := gwCall(t, s, "com.alibaba.fenxiao.crossborder:product.search.keywordQuery", tok,
		map[string]string{"offerQueryParam": `{"keyword":"","categoryId":"` + o.Category.ID + `","beginPage":1,"pageSize":5,"country":"en","sort":{"price":"asc"}}`})
	if r.str(t, "result", "success") != "true" || r.str(t, "result", "code") != "200" {
		t.Fatalf("search: %s", r.body)
	}
	if n := r.str(t, "result", "result", "totalRecords"); n == "0" {
		t.Fatalf("search found nothing: %s", r.body)
	}
	price := r.str(t, "result", "result", "data", 0, "priceInfo", "price")
	if _, err := strconv.ParseFloat(price, 64); err != nil {
		t.Fatalf("price %q is not yuan", price)
	}
	if _, ok := r.get(t, "result", "result", "data", 0, "offerId").(json.Number); !ok {
		t.Fatalf("offerId is not a number: %s", r.body)
	}
	r = gwCall(t, s, "com.alibaba.fenxiao.crossborder:product.search.keywordQuery", tok, map[string]string{"offerQueryParam": `{"keyword":"x"}`})
	if r.status != 200 || r.str(t, "result", "success") != "false" {
		t.Fatalf("no country: %s", r.body)
	}

	r = gwCall(t, s, "com.alibaba.fenxiao.crossborder:product.search.queryProductDetail", tok,
		map[string]string{"offerDetailParam": `{"offerId":` + o.ID + `,"country":"en"}`})
	if r.str(t, "result", "code") != "200" || r.str(t, "result", "result", "offerId") != o.ID {
		t.Fatalf("detail: %s", r.body)
	}
	r.get(t, "result", "result", "productSaleInfo", "priceRangeList", 0, "price")
	r = gwCall(t, s, "com.alibaba.fenxiao.crossborder:product.search.queryProductDetail", tok, map[string]string{"offerDetailParam": `{"offerId":1,"country":"en"}`})
	if r.str(t, "result", "success") != "false" || r.str(t, "result", "code") != "404" {
		t.Fatalf("missing offer: %s", r.body)
	}

	// category.get needs no token; note "succes".
	r = gwCall(t, s, "com.alibaba.product:alibaba.category.get", "", map[string]string{"categoryID": "0"})
	if r.str(t, "succes") != "true" || r.str(t, "categoryInfo", 0, "childCategorys", 0, "id") == "" {
		t.Fatalf("category.get: %s", r.body)
	}
	r = gwCall(t, s, "com.alibaba.fenxiao.crossborder:category.translation.getById", tok, map[string]string{"categoryId": o.Category.ID, "language": "en"})
	if r.str(t, "result", "code") != "S0000" || r.str(t, "result", "result", "categoryId") != o.Category.ID {
		t.Fatalf("translation: %s", r.body)
	}

	r = gwCall(t, s, "com.alibaba.fenxiao.crossborder:product.freight.estimate", tok,
		map[string]string{"productFreightQueryParamsNew": `{"offerId":` + o.ID + `,"toProvinceCode":"440000","toCityCode":"440100","toCountryCode":"440111","totalNum":` + strconv.FormatInt(o.MOQ, 10) + `}`})
	if r.str(t, "result", "code") != "S0000" {
		t.Fatalf("freight: %s", r.body)
	}
	want := o.QuoteFreight("440000", o.MOQ).Total.Yuan()
	if got := r.str(t, "result", "result", "freight"); got != want {
		t.Fatalf("freight %s, want yuan %s", got, want)
	}

	r = gwCall(t, s, "com.alibaba.trade:alibaba.trade.receiveAddress.get", tok, nil)
	if r.str(t, "result", "receiveAddressItems", 0, "id") != "300001" || r.str(t, "result", "receiveAddressItems", 0, "isDefault") != "true" {
		t.Fatalf("addresses: %s", r.body)
	}

	// The nick needs _aop_timestamp.
	r = gwCall(t, s, "com.alibaba.account:wangwangnick.openuid.decrypt", tok, map[string]string{"openUid": o.Seller.OpenID})
	if r.str(t, "wangwangNick") == "" {
		t.Fatalf("nick: %s", r.body)
	}
	ns := "param2/1/com.alibaba.account/wangwangnick.openuid.decrypt/" + DemoAppKey
	p := map[string]string{"access_token": tok, "openUid": o.Seller.OpenID}
	form := url.Values{"access_token": {tok}, "openUid": {o.Seller.OpenID}, "_aop_signature": {aopSign(ns, p, DemoAppSecret)}}
	wantGWErr(t, gwSend(s, http.MethodPost, "/openapi/"+ns, form), 400, "gw.ParamMissing")

	// Image: upload, then query by the id.
	r = gwCall(t, s, "com.alibaba.fenxiao.crossborder:product.image.upload", tok, map[string]string{"uploadImageParam": `{"imageBase64":"aGVsbG8gaW1hZ2U="}`})
	id := r.str(t, "result", "result")
	r = gwCall(t, s, "com.alibaba.fenxiao.crossborder:product.search.imageQuery", tok, map[string]string{"offerQueryParam": `{"imageId":"` + id + `","beginPage":1,"pageSize":3,"country":"en"}`})
	if v, ok := r.get(t, "result", "success").(string); !ok || v != "true" {
		t.Fatalf("imageQuery success must be the string true: %s", r.body)
	}
}

const gwAddr = `{"fullName":"陈志强","mobile":"13800001688","postCode":"510470","provinceText":"广东省","cityText":"广州市","areaText":"白云区","townText":"人和镇","address":"鹤龙一路88号 集运仓3号库","districtCode":"440111"}`

func TestGW1688OrdersAcrossDialects(t *testing.T) {
	d := newDesk(t)
	s := d.s
	tok, _ := s.IssueToken1688()
	cargo := `[{"offerId":100000000103,"specId":"","quantity":5.0}]`

	// Preview: totals fen, cargo lines yuan. 5 x ¥3.00 + ¥9.00 freight.
	r := gwCall(t, s, "com.alibaba.trade:alibaba.createOrder.preview", tok, map[string]string{"addressParam": gwAddr, "cargoParamList": cargo, "flow": "general"})
	if r.str(t, "success") != "true" {
		t.Fatalf("preview: %s", r.body)
	}
	pv := []any{"orderPreviewResuslt", 0}
	if r.str(t, append(pv, "sumPayment")...) != "2400" || r.str(t, append(pv, "sumCarriage")...) != "900" ||
		r.str(t, append(pv, "sumPaymentNoCarriage")...) != "1500" ||
		r.str(t, append(pv, "cargoList", 0, "amount")...) != "15" || r.str(t, append(pv, "cargoList", 0, "finalUnitPrice")...) != "3" {
		t.Fatalf("preview units: %s", r.body)
	}
	// A business refusal in the preview's envelope.
	r = gwCall(t, s, "com.alibaba.trade:alibaba.createOrder.preview", tok, map[string]string{"addressParam": gwAddr, "cargoParamList": `[{"offerId":100000000103,"quantity":1}]`})
	if r.status != 200 || r.str(t, "success") != "false" || r.str(t, "errorCode") != "500_005" || r.str(t, "errorMsg") == "" {
		t.Fatalf("preview MOQ: %s", r.body)
	}
	// addressId from receiveAddress.get.
	r = gwCall(t, s, "com.alibaba.trade:alibaba.createOrder.preview", tok, map[string]string{"addressParam": `{"addressId":300001}`, "cargoParamList": cargo})
	if r.str(t, "success") != "true" {
		t.Fatalf("preview by addressId: %s", r.body)
	}

	create := func(out string) gwResp {
		p := map[string]string{"addressParam": gwAddr, "cargoParamList": cargo, "flow": "general", "tradeType": "assureTrade"}
		if out != "" {
			p["outOrderId"] = out
		}
		return gwCall(t, s, "com.alibaba.trade:alibaba.trade.createCrossOrder", tok, p)
	}
	if r := gwCall(t, s, "com.alibaba.trade:alibaba.trade.createCrossOrder", tok, map[string]string{"addressParam": gwAddr, "cargoParamList": cargo}); r.str(t, "success") != "false" {
		t.Fatalf("create without flow: %s", r.body)
	}
	r = create("GW-1")
	if r.str(t, "success") != "true" || r.str(t, "result", "totalSuccessAmount") != "2400" || r.str(t, "result", "postFee") != "900" {
		t.Fatalf("create: %s", r.body)
	}
	id, ok := r.get(t, "result", "orderId").(string)
	if !ok || len(id) != 19 {
		t.Fatalf("orderId must be a string: %s", r.body)
	}
	// Idempotent on outOrderId.
	if r := create("GW-1"); r.str(t, "result", "orderId") != id || s.OrderCount() != 1 {
		t.Fatalf("replayed create: %s (%d orders)", r.body, s.OrderCount())
	}

	// The KA dialect lists it.
	w := d.post(t, epPath("order_list"), `{"outOrderId":"GW-1"}`)
	if !strings.Contains(w.body, id) {
		t.Fatalf("KA list misses the 1688 order %s: %s", id, w.body)
	}
	// And a KA order shows in the 1688 list.
	kaID := d.rawCreate(t, "KA-1", 5)
	r = gwCall(t, s, "com.alibaba.trade:alibaba.trade.getBuyerOrderList", tok, map[string]string{"page": "1", "pageSize": "10", "orderStatus": "waitbuyerpay"})
	if r.str(t, "totalRecord") != "2" || r.str(t, "result", 0, "baseInfo", "idOfStr") != kaID || r.str(t, "result", 1, "baseInfo", "idOfStr") != id {
		t.Fatalf("1688 list: %s", r.body)
	}
	if got := r.str(t, "result", 1, "baseInfo", "totalAmount"); got != "24.00" {
		t.Fatalf("list totalAmount %s, want yuan 24.00", got)
	}
	if _, ok := r.get(t, "result", 1, "baseInfo", "id").(json.Number); !ok {
		t.Fatalf("baseInfo.id must be a number")
	}

	// Detail.
	r = gwCall(t, s, "com.alibaba.trade:alibaba.trade.get.buyerView", tok, map[string]string{"webSite": "1688", "orderId": id})
	if r.str(t, "success") != "true" || r.str(t, "result", "baseInfo", "status") != "waitbuyerpay" || r.str(t, "result", "productItems", 0, "price") != "3.00" {
		t.Fatalf("buyerView: %s", r.body)
	}
	if r := gwCall(t, s, "com.alibaba.trade:alibaba.trade.get.buyerView", tok, map[string]string{"orderId": id}); r.str(t, "success") != "false" {
		t.Fatalf("buyerView without webSite: %s", r.body)
	}

	// Not shipped yet.
	r = gwCall(t, s, "com.alibaba.logistics:alibaba.trade.getLogisticsInfos.buyerView", tok, map[string]string{"webSite": "1688", "orderId": id})
	if r.str(t, "errorCode") != "500_2" {
		t.Fatalf("logistics before shipping: %s", r.body)
	}

	// Cancel the KA order: not within 10 s, then allowed, then refused.
	cancel := func(oid string) gwResp {
		return gwCall(t, s, "com.alibaba.trade:alibaba.trade.cancel", tok, map[string]string{"webSite": "1688", "tradeID": oid, "cancelReason": "buyerCancel"})
	}
	if r := cancel(kaID); r.str(t, "errorCode") != "CLOSE_ORDER_TOO_FAST" {
		t.Fatalf("fast cancel: %s", r.body)
	}
	d.clk.Advance(time.Minute)
	if r := cancel(kaID); r.str(t, "success") != "true" {
		t.Fatalf("cancel: %s", r.body)
	}
	if r := cancel(kaID); r.str(t, "errorCode") != "ORDER_STATUS_ERROR" {
		t.Fatalf("second cancel: %s", r.body)
	}

	// Pay both: the cancelled one cannot be paid.
	r = gwCall(t, s, "com.alibaba.trade:alibaba.alipay.url.get", tok, map[string]string{"orderIdList": "[" + id + "," + kaID + "]"})
	if r.str(t, "success") != "true" || !strings.Contains(r.str(t, "payUrl"), id) || r.str(t, "payFailureOrderList", 0) != kaID {
		t.Fatalf("pay: %s", r.body)
	}
	r = gwCall(t, s, "com.alibaba.trade:alibaba.crossBorderPay.url.get", tok, map[string]string{"orderIdList": "[" + id + "]"})
	if r.str(t, "success") != "false" || r.str(t, "errorCode") != "400_4" {
		t.Fatalf("paying a paid order: %s", r.body)
	}
	r = gwCall(t, s, "com.alibaba.trade:alibaba.trade.getBuyerOrderList", tok, map[string]string{"orderStatus": "cancel"})
	if r.str(t, "totalRecord") != "1" || r.str(t, "result", 0, "baseInfo", "closeReason") != "buyerCancel" {
		t.Fatalf("cancelled list: %s", r.body)
	}

	// Shipped and tracked; the KA detail agrees on the status.
	d.clk.Advance(3 * time.Hour)
	r = gwCall(t, s, "com.alibaba.logistics:alibaba.trade.getLogisticsInfos.buyerView", tok, map[string]string{"webSite": "1688", "orderId": id})
	if r.str(t, "success") != "true" || r.str(t, "result", 0, "logisticsBillNo") == "" {
		t.Fatalf("logistics: %s", r.body)
	}
	r = gwCall(t, s, "com.alibaba.logistics:alibaba.trade.getLogisticsTraceInfo.buyerView", tok, map[string]string{"webSite": "1688", "orderId": id})
	step := r.str(t, "logisticsTrace", 0, "logisticsSteps", 0, "acceptTime")
	if _, err := time.Parse("2006-01-02 15:04:05", step); err != nil {
		t.Fatalf("trace: %s", r.body)
	}
	w = d.post(t, epPath("order_detail"), `{"orderId":"`+id+`"}`)
	if !strings.Contains(w.body, `"status":"waitbuyerreceive"`) {
		t.Fatalf("KA detail: %s", w.body)
	}

	// A create without outOrderId is its own order every time.
	a, b := create(""), create("")
	if a.str(t, "result", "orderId") == b.str(t, "result", "orderId") || s.OrderCount() != 4 {
		t.Fatalf("creates without outOrderId: %s / %s", a.body, b.body)
	}
}

func TestGW1688CommitTimeoutAndTruncate(t *testing.T) {
	d := newDesk(t)
	s := d.s
	tok, _ := s.IssueToken1688()
	s.SetFaults(Faults{TruncatePerMille: 1000})
	func() {
		defer func() {
			if r := recover(); r != http.ErrAbortHandler {
				t.Fatalf("truncate: recovered %v", r)
			}
		}()
		gwCall(t, s, "com.alibaba.trade:alibaba.trade.receiveAddress.get", tok, nil)
	}()
	s.SetFaults(Faults{MalformedPerMille: 1000})
	if r := gwCall(t, s, "com.alibaba.trade:alibaba.trade.receiveAddress.get", tok, nil); r.status != 200 || !bytes.HasPrefix([]byte(r.body), []byte("<html>")) {
		t.Fatalf("malformed: %s", r.body)
	}
}
