package xportcn

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"caigou/xport"
)

// The tests of issue 8: where the wire format is only inferred, an answer
// in another plausible shape must end as "unknown" or as a refusal in
// words, never as a silent wrong value. Each was a defect before.

func orderReq() xport.OrderRequest {
	return xport.OrderRequest{OutOrderID: "cg-x", Address: xport.AddressParam{FullName: "a", Address: "b"}, Cargo: []xport.Cargo{{OfferID: "1", SpecID: "s", Quantity: 1}}}
}

func envelopeWith(data string) string {
	return `{"requestId":"r1","code":200,"msg":"成功","data":` + data + `}`
}

// Observation 1: the look-up gets an order list in another plausible shape
// and finds nothing: that proves nothing, and must say so.
func TestLookUpInAnotherShapeProvesNothing(t *testing.T) {
	for name, list := range map[string]string{
		// Xport's push-message shape: no outOrderId anywhere.
		"push": `{"totalRecords":1,"data":[{"orderId":"3305075341149134260","orderNo":"PO202605200001","orderStatus":"WAITING_FOR_PAYMENT","payStatus":1,"totalAmount":10000}]}`,
		// 1688's TradeInfo without baseInfo.outOrderId.
		"tradeinfo without outOrderId": `{"totalRecord":1,"result":[{"baseInfo":{"idOfStr":"3305075341149134260","status":"waitbuyerpay","totalAmount":10000}}]}`,
		// A list under a key caigou does not know.
		"unknown page": `{"total":1,"list":[{"orderId":"3305075341149134260"}]}`,
	} {
		t.Run(name, func(t *testing.T) {
			s := &scripted{replies: []func(http.ResponseWriter){answer(200, envelopeWith(list))}}
			c := newTestClient(t, s, nil)
			l, err := c.FindByOutOrderID(context.Background(), "cg-x")
			if err == nil && (l.Absent || len(l.Orders) > 0 || l.Why == "") {
				t.Fatalf("look-up %+v: nothing may be proven from this answer", l)
			}
		})
	}
}

// An empty filtered list proves absence only when this account's orders
// are known to carry outOrderId: with a service that does not know the
// field (it answers [] to any filter) it proves nothing.
func TestEmptyLookUpNeedsEvidence(t *testing.T) {
	empty := envelopeWith(`{"totalRecords":0,"data":[]}`)
	withField := envelopeWith(`{"totalRecords":1,"data":[{"baseInfo":{"idOfStr":"1","status":"success","totalAmount":100,"outOrderId":"cg-other"}}]}`)
	withoutField := envelopeWith(`{"totalRecords":1,"data":[{"baseInfo":{"idOfStr":"1","status":"success","totalAmount":100}}]}`)
	for name, tc := range map[string]struct {
		replies []func(http.ResponseWriter)
		absent  bool
	}{
		"field carried elsewhere": {[]func(http.ResponseWriter){answer(200, empty), answer(200, withField)}, true},
		"field never carried":     {[]func(http.ResponseWriter){answer(200, empty), answer(200, withoutField)}, false},
		"no orders at all":        {[]func(http.ResponseWriter){answer(200, empty), answer(200, empty)}, true},
	} {
		t.Run(name, func(t *testing.T) {
			c := newTestClient(t, &scripted{replies: tc.replies}, nil)
			l, err := c.FindByOutOrderID(context.Background(), "cg-x")
			if err != nil || l.Absent != tc.absent || len(l.Orders) != 0 {
				t.Fatalf("look-up %+v err %v, want absent=%v", l, err, tc.absent)
			}
		})
	}
}

// A server that ignores the filter must not make another order ours, and
// one whose list has more pages proves nothing.
func TestIgnoredFilterIsNotProof(t *testing.T) {
	other := `{"baseInfo":{"idOfStr":"1","status":"success","totalAmount":100,"outOrderId":"cg-other"}}`
	c := newTestClient(t, &scripted{replies: []func(http.ResponseWriter){answer(200, envelopeWith(`{"totalRecords":120,"data":[`+other+`]}`))}}, nil)
	l, err := c.FindByOutOrderID(context.Background(), "cg-x")
	if err != nil || len(l.Orders) != 0 || l.Absent || !strings.Contains(l.Why, "ignored") {
		t.Fatalf("%+v %v", l, err)
	}
}

// Observation 3: an unexpected create answer is unknown, never refused.
func TestUnexpectedCreateAnswerIsUnknown(t *testing.T) {
	for name, reply := range map[string]func(http.ResponseWriter){
		"success without order id": answer(200, envelopeWith(`{"status":"accepted","taskId":"t-1"}`)),
		"success with data null":   answer(200, envelopeWith(`null`)),
		"success without data":     answer(200, `{"requestId":"r1","code":200,"msg":"成功"}`),
		"unknown code":             answer(200, `{"requestId":"r1","code":"A0001","msg":"处理中"}`),
		"server error":             answer(502, `{"code":502,"msg":"bad gateway"}`),
	} {
		t.Run(name, func(t *testing.T) {
			c := newTestClient(t, &scripted{replies: []func(http.ResponseWriter){reply}}, nil)
			res, err := c.CreateOrder(context.Background(), orderReq())
			if err == nil || xport.ExplicitRefusal(err) {
				t.Fatalf("res %+v err %v: must be an error that is not a refusal", res, err)
			}
		})
	}
	refusals := map[string]func(http.ResponseWriter){
		"a rule":          answer(200, `{"requestId":"r1","code":"500_005","msg":"低于起批量"}`),
		"bad parameters":  answer(200, `{"requestId":"r1","code":400,"msg":"参数错误"}`),
		"success false":   answer(200, envelopeWith(`{"success":false,"code":"500_004","message":"库存不足"}`)),
		"answer says no":  answer(200, envelopeWith(`{"success":false,"message":"库存不足","failedOfferList":[{"offerId":1}]}`)),
		"1688 wrap false": answer(200, envelopeWith(`{"success":false,"code":"400","message":"参数错误"}`)),
	}
	for name, reply := range refusals {
		t.Run("refused: "+name, func(t *testing.T) {
			c := newTestClient(t, &scripted{replies: []func(http.ResponseWriter){reply}}, nil)
			res, err := c.CreateOrder(context.Background(), orderReq())
			if !(err != nil && xport.ExplicitRefusal(err)) && !(err == nil && res.Refused) {
				t.Fatalf("res %+v err %v: an explicit refusal", res, err)
			}
		})
	}
	// Nothing left the desk: that is a refusal of its own.
	c := newTestClient(t, &scripted{replies: []func(http.ResponseWriter){answer(200, envelopeWith(`{}`))}}, nil)
	if _, err := c.CreateOrder(context.Background(), xport.OrderRequest{}); !xport.ExplicitRefusal(err) {
		t.Fatalf("a create refused before sending: %v", err)
	}
}

// Observation 9: signed requests never follow a redirect; a 307 on a
// create would re-send its body elsewhere.
func TestRedirectIsNotFollowed(t *testing.T) {
	var elsewhere atomic.Int64
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { elsewhere.Add(1) }))
	defer other.Close()
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/steal", http.StatusTemporaryRedirect)
	}), nil)
	_, err := c.CreateOrder(context.Background(), orderReq())
	if err == nil || xport.ExplicitRefusal(err) || elsewhere.Load() != 0 || !strings.Contains(err.Error(), "redirect") {
		t.Fatalf("err %v, redirected requests %d", err, elsewhere.Load())
	}
}

// Observation 4: order amounts are read in the configured unit; fen by
// default, and an amount that does not fit is never converted.
func TestOrderAmountsFollowTheSetting(t *testing.T) {
	list := envelopeWith(`{"totalRecords":2,"data":[{"baseInfo":{"idOfStr":"1","status":"success","totalAmount":10000,"outOrderId":"a"}},{"baseInfo":{"idOfStr":"2","status":"success","totalAmount":"64.00","outOrderId":"b"}}]}`)
	for _, tc := range []struct {
		unit       string
		first      xport.Fen
		secondOK   bool
		secondWant xport.Fen
	}{{xport.UnitFen, 10000, false, 0}, {xport.UnitYuan, 1000000, true, 6400}} {
		c := newTestClient(t, &scripted{replies: []func(http.ResponseWriter){answer(200, list)}}, nil)
		c.cfg.Wire.OrderAmountUnit = tc.unit
		p, err := c.ListOrders(context.Background(), xport.OrderQuery{})
		if err != nil {
			t.Fatal(err)
		}
		a, b := p.Orders[0].BaseInfo.TotalAmount, p.Orders[1].BaseInfo.TotalAmount
		if !a.Known() || a.Fen() != tc.first || b.Known() != tc.secondOK || (tc.secondOK && b.Fen() != tc.secondWant) {
			t.Errorf("%s: %v (%v) and %v (%v)", tc.unit, a.Fen(), a.Err(), b.Fen(), b.Err())
		}
		if !tc.secondOK && p.Orders[1].AmountError() == nil {
			t.Errorf("%s: an amount that does not fit the unit is not said to", tc.unit)
		}
		// What to do is the backend's to say: on Xportcn, the setting.
		if fix := c.Backend().AmountUnitFix; !strings.Contains(fix, "order_amount_unit") || !strings.Contains(fix, "check --deep") {
			t.Errorf("the Xportcn backend's advice does not name the setting: %q", fix)
		}
	}
}

// Push-shaped orders are read, with their documented fen whatever the
// setting says.
func TestPushShapedOrder(t *testing.T) {
	c := newTestClient(t, &scripted{replies: []func(http.ResponseWriter){answer(200, envelopeWith(
		`{"orderId":"3305075341149134260","orderNo":"PO1","orderStatus":"WAITING_FOR_SENT","payStatus":2,"totalAmount":10000,"shippingFee":500,"productAmount":9500}`))}}, nil)
	c.cfg.Wire.OrderAmountUnit = xport.UnitYuan
	o, err := c.OrderDetail(context.Background(), "3305075341149134260")
	if err != nil || o.Shape != xport.OrderShapePush || o.BaseInfo.Status != "waitsellersend" || o.BaseInfo.TotalAmount.Fen() != 10000 || o.CarriesOutOrderID {
		t.Fatalf("%+v %v", o, err)
	}
}

// Observation 6: only a proper envelope's "no tracking" code means "not
// shipped yet"; a gateway 404 (a wrong path) says so and names the setting.
func TestLogisticsWrongPathIsNotNotShipped(t *testing.T) {
	c := newTestClient(t, &scripted{replies: []func(http.ResponseWriter){answer(404, `{"timestamp":"2026-12-07T10:00:00.000+00:00","status":404,"error":"Not Found","path":"/api/x"}`)}}, nil)
	tr, err := c.Logistics(context.Background(), "1")
	var se *xport.ShapeError
	if err == nil || !errors.As(err, &se) || !strings.Contains(err.Error(), "order_logistics") {
		t.Fatalf("traces %v err %v", tr, err)
	}
	// An envelope 404 with HTTP 404 is a gateway's too.
	c = newTestClient(t, &scripted{replies: []func(http.ResponseWriter){answer(404, `{"code":404,"msg":"no such interface"}`)}}, nil)
	if _, err := c.Logistics(context.Background(), "1"); err == nil {
		t.Fatal("an HTTP 404 must not read as not shipped")
	}
	c = newTestClient(t, &scripted{replies: []func(http.ResponseWriter){answer(200, `{"code":404,"msg":"暂无物流信息"}`)}}, nil)
	if tr, err := c.Logistics(context.Background(), "1"); err != nil || len(tr) != 0 {
		t.Fatalf("not shipped yet: %v %v", tr, err)
	}
	// 1688's own envelope says it with success=false and errorCode 404.
	c = newTestClient(t, &scripted{replies: []func(http.ResponseWriter){answer(200, envelopeWith(`{"success":false,"errorCode":"404","errorMessage":"暂无物流信息"}`))}}, nil)
	if tr, err := c.Logistics(context.Background(), "1"); err != nil || len(tr) != 0 {
		t.Fatalf("not shipped yet (1688): %v %v", tr, err)
	}
}

// Observation 9: code 0 is success only where configured, data null is
// not an empty answer, and read_retries = 0 means one attempt.
func TestSuccessCodesAndEmptyData(t *testing.T) {
	zero := answer(200, `{"code":0,"msg":"success","data":{"totalRecords":0,"data":[]}}`)
	s := &scripted{replies: []func(http.ResponseWriter){zero}}
	c := newTestClient(t, s, nil)
	c.cfg.ReadRetries = 0
	if _, err := c.SearchKeyword(context.Background(), xport.SearchQuery{Keyword: "x"}); err == nil || s.n.Load() != 1 {
		t.Fatalf("code 0 on search: err %v after %d attempts", err, s.n.Load())
	}
	c.cfg.Wire.SuccessCodes = map[string][]string{"default": {"200", "0"}}
	if _, err := c.SearchKeyword(context.Background(), xport.SearchQuery{Keyword: "x"}); err != nil {
		t.Fatalf("with 0 configured: %v", err)
	}
	bare := &scripted{replies: []func(http.ResponseWriter){answer(200, `{"code":0,"msg":"success"}`)}}
	c = newTestClient(t, bare, nil)
	if id, err := c.SaveAddress(context.Background(), xport.Address{Name: "a", Phone: "13800000000", Address: "b"}); err != nil || id != "" {
		t.Fatalf("a bare save: id %q err %v", id, err)
	}
	null := &scripted{replies: []func(http.ResponseWriter){answer(200, envelopeWith(`null`))}}
	c = newTestClient(t, null, nil)
	c.cfg.ReadRetries = 0
	if _, err := c.ProductDetail(context.Background(), "1"); err == nil {
		t.Fatal("a detail with data null must be an error, not an empty product")
	}
}

// 1688's result envelope inside data is unwrapped; success=false in it is
// the refusal it says.
func TestResultEnvelopeIsUnwrapped(t *testing.T) {
	c := newTestClient(t, &scripted{replies: []func(http.ResponseWriter){answer(200, envelopeWith(
		`{"success":true,"code":"200","message":"成功","result":{"offerId":889512351602,"subject":"连衣裙"}}`))}}, nil)
	p, err := c.ProductDetail(context.Background(), "889512351602")
	if err != nil || p.OfferID != "889512351602" || p.Subject != "连衣裙" {
		t.Fatalf("%+v %v", p, err)
	}
	c = newTestClient(t, &scripted{replies: []func(http.ResponseWriter){answer(200, envelopeWith(`{"success":false,"code":"500_005","message":"低于起批量"}`))}}, nil)
	_, err = c.PreviewOrder(context.Background(), orderReq())
	if xport.RuleOf(err) != "500_005" || !xport.IsValidation(err) {
		t.Fatalf("%v", err)
	}
}

// Issue 9: a password in base_url, plain http to another machine and a
// pasted line break in a credential are refused at load, naming the key,
// and never echoing the password or the secret.
func TestConfigRefusesUnsafeURLsAndCredentials(t *testing.T) {
	base := Config{AccessKey: "0123456789abcdef0123456789abcdef", AccessSecret: "sekret-value", UserID: "2100000000001"}
	for name, tc := range map[string]struct {
		mutate func(*Config)
		want   string // "" = accepted
		never  string
	}{
		"userinfo":           {func(c *Config) { c.BaseURL = "https://agent:hunter2@www.xportcn.com/api" }, "user name or password", "hunter2"},
		"userinfo bad url":   {func(c *Config) { c.BaseURL = "ht!tp://agent:hunter2@x" }, "not a web address", "hunter2"},
		"plain http":         {func(c *Config) { c.BaseURL = "http://www.xportcn.com/api" }, "allow_insecure_http", ""},
		"plain http allowed": {func(c *Config) { c.BaseURL, c.AllowInsecureHTTP = "http://www.xportcn.com/api", true }, "", ""},
		"loopback":           {func(c *Config) { c.BaseURL = "http://127.0.0.1:8688/api" }, "", ""},
		"localhost":          {func(c *Config) { c.BaseURL = "http://localhost:8688/api" }, "", ""},
		"ipv6 loopback":      {func(c *Config) { c.BaseURL = "http://[::1]:8688/api" }, "", ""},
		"https":              {func(c *Config) { c.BaseURL = "https://www.xportcn.com/api" }, "", ""},
		"newline in key":     {func(c *Config) { c.AccessKey = "0123456789abcdef\n0123456789abcdef" }, "access_key has a line break at character 17", ""},
		"header in user id":  {func(c *Config) { c.UserID = "2100000000001\r\nX-Evil: 1" }, "user_id has a line break", ""},
		"space in user id":   {func(c *Config) { c.UserID = "2100 000000001" }, "user_id has a space", ""},
		"wide char in key":   {func(c *Config) { c.AccessKey = "０123" }, "access_key has a character that is not plain ASCII", ""},
		"newline in secret":  {func(c *Config) { c.AccessSecret = "sekret\nvalue" }, "access_secret has a line break", "sekret"},
		"control in secret":  {func(c *Config) { c.AccessSecret = "sek\x1bret" }, "access_secret has a control character", "sek"},
		"sandbox in process": {func(c *Config) { c.BaseURL, c.InProcess = "http://sandbox.invalid/api", true }, "", ""},
	} {
		c := base
		tc.mutate(&c)
		err := c.Defaults().Validate()
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: refused: %v", name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: %v, want %q", name, err, tc.want)
		case tc.never != "" && err != nil && strings.Contains(err.Error(), tc.never):
			t.Errorf("%s: the error shows %q: %v", name, tc.never, err)
		}
	}
}
