package sandbox

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"caigou/xport"
)

// The 1688 Open Platform dialect (1688-open-api.md): the sandbox also
// answers as gw.open.1688.com, over the same catalogue, address book and
// order book as the Xport KA dialect, so an order placed through one is
// seen through the other.
//
// Routes (ServeHTTP sends these here; everything else is the KA dialect):
//
//	GET       /oauth/authorize?client_id&site&redirect_uri&state   (gw1688_oauth.go)
//	POST      /openapi/http/1/system.oauth2/getToken/{appKey}       (gw1688_oauth.go)
//	POST      /openapi/param2/1/system.oauth2/postponeToken/{appKey}
//	GET|POST  /openapi/param2/1/{namespace}/{apiName}/{appKey}      (signed)
//
// A client points its gateway base at the sandbox's base URL (the
// equivalent of https://gw.open.1688.com) and its authorize base at the
// same URL (the equivalent of https://auth.1688.com).

// Demo 1688 app credentials. Public on purpose: they only open the sandbox.
const (
	DemoAppKey    = "7016888"
	DemoAppSecret = "caigou-sandbox-1688-app-secret"
	// DemoRedirectURI is the callback registered for the demo app. The
	// authorize page also takes any http(s) loopback callback (localhost,
	// 127.0.0.1, [::1], any port and path), as a desk waiting on a local
	// port would give.
	DemoRedirectURI = "https://caigou.example/oauth/1688/callback"
	// The buyer the demo app is authorised for: the token answer's aliId,
	// memberId and resource_owner.
	DemoAliID      = "2210000000001"
	DemoMemberID   = "b2b-2210000000001sbx"
	DemoBuyerLogin = "caigou_sandbox_buyer"
)

// AccessTokenLife1688 is how long an access token lasts on the sandbox's
// marketplace clock (reference §3.2: about 10 h), which a --time-scale
// shortens in real time.
const AccessTokenLife1688 = 10 * time.Hour

// Token lifetimes (reference §3.2, §3.3): tokens on the marketplace clock,
// the sign-in code on the wall clock (the agent pastes it in real time).
const (
	gwCodeLife    = 2 * time.Minute
	gwAccessLife  = AccessTokenLife1688
	gwRefreshLife = 180 * 24 * time.Hour
	// gwPostponeWindow: postponeToken issues a new refresh token only when
	// the old one has less than this left (ZyLob's comment, §3.3).
	gwPostponeWindow = 30 * 24 * time.Hour
	// gwClockSkew is how far _aop_timestamp may be from the wall clock.
	gwClockSkew = 10 * time.Minute
)

// gw1688State is the gateway's own state: the authorisation codes (single
// use, so they must be remembered) and the cancellations made through
// alibaba.trade.cancel. Tokens are self-verifying (gw1688_oauth.go) and
// need no state, so they survive a sandbox restart until they expire.
type gw1688State struct {
	mu        sync.Mutex
	codes     map[string]*gwCode
	cancelled map[string]gwCancel
}

type gwCancel struct {
	at     time.Time
	reason string
}

func newGW1688() *gw1688State {
	return &gw1688State{codes: map[string]*gwCode{}, cancelled: map[string]gwCancel{}}
}

// is1688Path reports whether a request belongs to the 1688 dialect.
func is1688Path(p string) bool {
	return strings.HasPrefix(p, "/openapi/") || p == "/oauth/authorize"
}

// gwParams are a request's parameters, query and form body together, the
// first value of each name.
type gwParams map[string]string

func (p gwParams) get(k string) string { return strings.TrimSpace(p[k]) }

// gwAPI is one API the gateway answers.
type gwAPI struct {
	// ep is the KA endpoint whose Faults apply (Faults.Only).
	ep      xport.Endpoint
	noToken bool // alibaba.category.get
	needTS  bool // wangwangnick.openuid.decrypt
	write   bool
	h       func(s *Server, r *http.Request, p gwParams) any
}

func gwAPIs() map[string]gwAPI {
	return map[string]gwAPI{
		"com.alibaba.fenxiao.crossborder:product.search.keywordQuery":         {ep: xport.EpKeywordSearch, h: (*Server).gwKeywordQuery},
		"com.alibaba.fenxiao.crossborder:product.image.upload":                {ep: xport.EpImageSearch, h: (*Server).gwImageUpload},
		"com.alibaba.fenxiao.crossborder:product.search.imageQuery":           {ep: xport.EpImageSearch, h: (*Server).gwImageQuery},
		"com.alibaba.fenxiao.crossborder:product.search.queryProductDetail":   {ep: xport.EpProductDetail, h: (*Server).gwProductDetail},
		"com.alibaba.product:alibaba.category.get":                            {ep: xport.EpCategory, noToken: true, h: (*Server).gwCategoryGet},
		"com.alibaba.fenxiao.crossborder:category.translation.getById":        {ep: xport.EpCategory, h: (*Server).gwCategoryTranslation},
		"com.alibaba.fenxiao.crossborder:product.freight.estimate":            {ep: xport.EpFreight, h: (*Server).gwFreight},
		"com.alibaba.trade:alibaba.trade.receiveAddress.get":                  {ep: xport.EpAddressList, h: (*Server).gwReceiveAddress},
		"com.alibaba.trade:alibaba.createOrder.preview":                       {ep: xport.EpOrderPreview, h: (*Server).gwPreview},
		"com.alibaba.trade:alibaba.trade.createCrossOrder":                    {ep: xport.EpOrderCreate, write: true, h: (*Server).gwCreateCrossOrder},
		"com.alibaba.trade:alibaba.alipay.url.get":                            {ep: xport.EpOrderPay, write: true, h: (*Server).gwAlipayURL},
		"com.alibaba.trade:alibaba.crossBorderPay.url.get":                    {ep: xport.EpOrderPay, write: true, h: (*Server).gwCrossBorderPayURL},
		"com.alibaba.trade:alibaba.trade.getBuyerOrderList":                   {ep: xport.EpOrderList, h: (*Server).gwBuyerOrderList},
		"com.alibaba.trade:alibaba.trade.get.buyerView":                       {ep: xport.EpOrderDetail, h: (*Server).gwBuyerView},
		"com.alibaba.logistics:alibaba.trade.getLogisticsInfos.buyerView":     {ep: xport.EpLogistics, h: (*Server).gwLogisticsInfos},
		"com.alibaba.logistics:alibaba.trade.getLogisticsTraceInfo.buyerView": {ep: xport.EpLogistics, h: (*Server).gwLogisticsTrace},
		"com.alibaba.account:wangwangnick.openuid.decrypt":                    {ep: xport.EpIMDecrypt, needTS: true, h: (*Server).gwWangwangNick},
		"com.alibaba.trade:alibaba.trade.cancel":                              {ep: xport.EpOrderCreate, write: true, h: (*Server).gwCancel},
	}
}

var gwAPITable = gwAPIs()

// gwErrBody is the gateway's own error answer (reference §5).
type gwErrBody struct {
	ErrorCode    string `json:"error_code"`
	ErrorMessage string `json:"error_message"`
	RequestID    string `json:"request_id"`
}

// gwJSON marshals without HTML escaping, as 1688 writes <, > and & raw.
func gwJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

func gwWriteJSON(w http.ResponseWriter, status int, v any) {
	b, err := gwJSON(v)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"error_code":"gw.ISPInvokeError","error_message":"encoding failed"}`)
	}
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	w.Write(b)
}

func gwWriteErr(w http.ResponseWriter, rid string, status int, code, msg string) {
	gwWriteJSON(w, status, gwErrBody{ErrorCode: code, ErrorMessage: msg, RequestID: rid})
}

// The gateway error codes and the HTTP status each is answered with.
// Documented codes (§5): gw.SignatureInvalid, gw.QosAppFrequencyLimit,
// gw.APIUnsupported, gw.ParamMissing, gw.ISPInvokeError, gw.APIACLDecline
// (HTTP 400 where the reference shows a status). The token codes are the
// sandbox's own (the reference found no official one); each contains
// "Token", which §5 advises clients to treat as "refresh, then retry once".
const (
	gwCodeSignature    = "gw.SignatureInvalid"     // 400
	gwCodeParamMissing = "gw.ParamMissing"         // 400
	gwCodeUnsupported  = "gw.APIUnsupported"       // 400 (404 for a path that is no API path)
	gwCodeAppKey       = "gw.AppKeyNotExist"       // 400 [INF]
	gwCodeTimestamp    = "gw.InvalidTimestamp"     // 400 [INF]
	gwCodeTokenInvalid = "gw.InvalidAccessToken"   // 401 [INF]
	gwCodeTokenExpired = "gw.AccessTokenExpired"   // 401 [INF]
	gwCodeQos          = "gw.QosAppFrequencyLimit" // 400
	gwCodeISP          = "gw.ISPInvokeError"       // 500 [INF]
	gwCodeMethod       = "gw.HttpMethodNotAllowed" // 405 [INF]
)

// serve1688 answers a request of the 1688 dialect.
func (s *Server) serve1688(w http.ResponseWriter, r *http.Request) {
	rid := s.requestID()
	if r.URL.Path == "/oauth/authorize" {
		s.gwAuthorize(w, r)
		return
	}
	parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/openapi/"), "/")
	if len(parts) != 5 || slices.Contains(parts, "") {
		gwWriteErr(w, rid, http.StatusNotFound, gwCodeUnsupported, "API path must be /openapi/{protocol}/{version}/{namespace}/{apiName}/{appKey}")
		return
	}
	protocol, version, ns, name, appKey := parts[0], parts[1], parts[2], parts[3], parts[4]
	if r.Method != http.MethodPost && r.Method != http.MethodGet {
		gwWriteErr(w, rid, http.StatusMethodNotAllowed, gwCodeMethod, "only GET and POST are supported")
		return
	}
	r.Body = http.MaxBytesReader(nil, r.Body, 16<<20)
	if err := r.ParseForm(); err != nil {
		gwWriteErr(w, rid, http.StatusBadRequest, gwCodeParamMissing, "could not read the parameters: "+err.Error())
		return
	}
	p := gwParams{}
	for k, v := range r.Form {
		if len(v) > 0 {
			p[k] = v[0]
		}
	}
	if appKey != DemoAppKey {
		gwWriteErr(w, rid, http.StatusBadRequest, gwCodeAppKey, "AppKey "+appKey+" does not exist")
		return
	}
	if version != "1" {
		gwWriteErr(w, rid, http.StatusBadRequest, gwCodeUnsupported, "API version "+version+" is not supported")
		return
	}
	if ns == "system.oauth2" {
		switch {
		case protocol == "http" && name == "getToken":
			s.gwGetToken(w, r, rid, p)
			return
		case protocol == "param2" && name == "postponeToken":
			s.gwPostponeToken(w, r, rid, p)
			return
		}
	}
	if protocol != "param2" {
		gwWriteErr(w, rid, http.StatusBadRequest, gwCodeUnsupported, "protocol "+protocol+" is not supported for "+ns+":"+name)
		return
	}
	api, ok := gwAPITable[ns+":"+name]
	if !ok {
		gwWriteErr(w, rid, http.StatusBadRequest, gwCodeUnsupported, "API "+ns+":"+name+" is not supported")
		return
	}
	sig := p["_aop_signature"]
	if sig == "" {
		gwWriteErr(w, rid, http.StatusBadRequest, gwCodeParamMissing, "Missing parameter: _aop_signature")
		return
	}
	urlPath := strings.Join(parts, "/")
	if !aopVerify(urlPath, p, DemoAppSecret, sig) {
		gwWriteErr(w, rid, http.StatusBadRequest, gwCodeSignature, "Request signature is invalid")
		return
	}
	if ts, has := p["_aop_timestamp"]; has {
		if msg := s.gwCheckTimestamp(ts); msg != "" {
			gwWriteErr(w, rid, http.StatusBadRequest, gwCodeTimestamp, msg)
			return
		}
	} else if api.needTS {
		gwWriteErr(w, rid, http.StatusBadRequest, gwCodeParamMissing, "Missing parameter: _aop_timestamp")
		return
	}
	if !api.noToken {
		tok := p.get("access_token")
		if tok == "" {
			gwWriteErr(w, rid, http.StatusBadRequest, gwCodeParamMissing, "Missing parameter: access_token")
			return
		}
		switch s.gwCheckToken(tok, gwKindAccess) {
		case gwTokenExpired:
			gwWriteErr(w, rid, http.StatusUnauthorized, gwCodeTokenExpired, "access_token is expired, refresh it")
			return
		case gwTokenInvalid:
			gwWriteErr(w, rid, http.StatusUnauthorized, gwCodeTokenInvalid, "access_token is invalid")
			return
		}
	}
	plan := s.faults.plan(api.ep)
	if plan.before(w, r,
		func() { gwWriteErr(w, rid, http.StatusBadRequest, gwCodeQos, "App call exceeds limited frequency") },
		func() { gwWriteErr(w, rid, http.StatusInternalServerError, gwCodeISP, "ISP invoke error") },
		"<html><body>502 Bad Gateway Tengine</body></html>") {
		return
	}
	body := api.h(s, r, p)
	if api.write {
		s.save()
	}
	if _, lost := body.(gwNoAnswer); lost {
		return
	}
	if plan.Kind == faultCommitTimeout && api.write {
		// The write took effect; the answer never comes.
		<-r.Context().Done()
		return
	}
	b, err := gwJSON(body)
	if err != nil {
		gwWriteErr(w, rid, http.StatusInternalServerError, gwCodeISP, "encoding: "+err.Error())
		return
	}
	plan.send(w, b)
}

// gwCheckTimestamp checks an _aop_timestamp: milliseconds since the epoch
// within gwClockSkew of the wall clock. A seconds value is 1970 read as
// milliseconds and is refused, so a client sending seconds learns it.
func (s *Server) gwCheckTimestamp(ts string) string {
	n, err := strconv.ParseInt(strings.TrimSpace(ts), 10, 64)
	if err != nil {
		return "_aop_timestamp " + strconv.Quote(ts) + " is not a number of milliseconds"
	}
	d := s.wall().Sub(time.UnixMilli(n))
	if d > gwClockSkew || d < -gwClockSkew {
		return "_aop_timestamp is out of range: milliseconds since the epoch, within 10 minutes of server time"
	}
	return ""
}

// ---- business envelopes ----

// gwResult is the crossborder APIs' inner object {success, code, message,
// result}; they answer it under an outer "result" (gwOuter).
type gwResult struct {
	Success bool   `json:"success"`
	Code    string `json:"code"`
	Message string `json:"message"`
	Result  any    `json:"result,omitempty"`
}

type gwOuter struct {
	Result gwResult `json:"result"`
}

// gwCross wraps a KA handler's answer in the crossborder envelope; okCode
// is the API's success code ("200" or "S0000").
func gwCross(data any, e *apiErr, okCode string) any {
	if e != nil {
		return gwOuter{Result: gwResult{Success: false, Code: e.Code, Message: e.Msg}}
	}
	return gwOuter{Result: gwResult{Success: true, Code: okCode, Message: "成功", Result: data}}
}

// gwTradeErr is the {success:false, errorCode, errorMessage} answer of the
// trade and logistics APIs.
type gwTradeErr struct {
	Success      bool   `json:"success"`
	ErrorCode    string `json:"errorCode"`
	ErrorMessage string `json:"errorMessage"`
}

func gwFail(code, msg string) gwTradeErr {
	return gwTradeErr{ErrorCode: code, ErrorMessage: msg}
}

// gwBody turns a JSON-valued parameter into a body for a KA handler; an
// absent parameter is an empty object.
func gwBody(raw string) []byte {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return []byte("{}")
	}
	return []byte(raw)
}
