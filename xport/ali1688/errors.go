package ali1688

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"caigou/xport"
)

// Error is a refusal from 1688: a gateway error ({"error_code":"gw.…"},
// ref §5) or a business envelope whose success is false or whose error code
// is set. It keeps the wire facts (code, message, request id for the log)
// and the class caigou gave it.
//
// The desk classifies every failure with xport.Classify, which knows
// *xport.APIError. Error therefore answers errors.As for *xport.APIError
// (see As) with an APIError that xport.Classify puts in the same class, so
// IsAuth, IsRateLimited, RequestIDOf, RuleOf, Hint and the read-retry rule
// all work unchanged on 1688 errors.
type Error struct {
	API        string // "namespace:apiName"
	HTTPStatus int
	Code       string // "gw.SignatureInvalid", "500_004", "S0001"…
	Msg        string
	RequestID  string
	Class      xport.Class
	// Gateway is true for a gw.* error: the gateway refused the call
	// before the API ran.
	Gateway bool
}

func (e *Error) Error() string {
	msg := e.Msg
	if msg == "" {
		msg = "no message"
	}
	s := fmt.Sprintf("1688 answered %s with code %s: %s", e.API, e.Code, msg)
	if e.RequestID != "" {
		s += " (request id " + e.RequestID + ")"
	}
	return s
}

// As hands xport an *xport.APIError of the same class. It carries the real
// code, message and request id when xport's own reading of them already
// gives that class; otherwise (xport reads "gw.AccessTokenExpired" at HTTP
// 400 as a validation error) the code is replaced by the HTTP status that
// stands for the class, so the class, and with it the retry rule and the
// hint, is the one decided here.
func (e *Error) As(target any) bool {
	p, ok := target.(**xport.APIError)
	if !ok {
		return false
	}
	ae := e.plainAPIError()
	if xport.Classify(ae) != e.Class {
		ae.Code, ae.Msg, ae.Rule = classCode[e.Class], "", ""
		if e.Class == xport.ClassUnknown {
			ae.HTTPStatus = 200
		} else {
			ae.HTTPStatus = statusOf(e.Class)
		}
	}
	*p = ae
	return true
}

func (e *Error) plainAPIError() *xport.APIError {
	return &xport.APIError{
		Endpoint:   xport.Endpoint("1688:" + e.API),
		HTTPStatus: e.HTTPStatus,
		Code:       e.Code,
		Msg:        e.Msg,
		RequestID:  e.RequestID,
		Rule:       xport.RuleIn(e.Code + " " + e.Msg),
	}
}

// classCode is the envelope code xport.Classify reads as each class (an
// HTTP status, see xport.httpLikeCode); ClassUnknown gets a code it does
// not know.
var classCode = map[xport.Class]string{
	xport.ClassAuth:       "401",
	xport.ClassRateLimit:  "429",
	xport.ClassValidation: "400",
	xport.ClassNotFound:   "404",
	xport.ClassServer:     "500",
	xport.ClassUnknown:    "1688",
}

func statusOf(c xport.Class) int {
	switch c {
	case xport.ClassAuth:
		return 401
	case xport.ClassRateLimit:
		return 429
	case xport.ClassValidation:
		return 400
	case xport.ClassNotFound:
		return 404
	}
	return 500
}

// codeRule maps a 1688 code to a class. [INF] The gateway codes come from
// client code, not an official table (ref §5), and the code for an expired
// or invalid access_token was not found: any code naming a token, session
// or auth is read as auth (ref §5 [INF]). This table is the one place to
// correct the reading; it is checked in order, first match wins.
var codeRules = []struct {
	match func(code string) bool
	class xport.Class
}{
	// Rate limits: per app and per API (ref §5, §6).
	{prefix("gw.Qos"), xport.ClassRateLimit},
	{contains("FrequencyLimit"), xport.ClassRateLimit},
	// Credentials: signature, token, session, the app's API grant (ACL)
	// and a used-up paid package all need the user or the account, and
	// waiting does not help.
	{contains("Signature"), xport.ClassAuth},
	{contains("Token"), xport.ClassAuth},
	{contains("Session"), xport.ClassAuth},
	{contains("Auth"), xport.ClassAuth},
	{equal("gw.APIACLDecline"), xport.ClassAuth},
	{equal("gw.NoUsageLeftError"), xport.ClassAuth},
	{equal("order.nopermission.buyer"), xport.ClassAuth},
	// The request as sent.
	{prefix("gw.Param"), xport.ClassValidation},
	{contains("ParamMissing"), xport.ClassValidation},
	{prefix("500_"), xport.ClassValidation}, // preview rules, ref §4.7
	{prefix("400_"), xport.ClassValidation},
	{equal("ORDER_STATUS_ERROR"), xport.ClassValidation},
	{equal("CLOSE_ORDER_TOO_FAST"), xport.ClassValidation},
	{equal("order.createtime.history"), xport.ClassValidation},
	// No such API or record.
	{equal("gw.APIUnsupported"), xport.ClassNotFound},
	{equal("ORDER_NOT_EXIST"), xport.ClassNotFound},
	{equal("404"), xport.ClassNotFound},
	// The provider behind the gateway failed or timed out.
	{prefix("gw.ISP"), xport.ClassServer},
}

func prefix(p string) func(string) bool {
	return func(c string) bool { return strings.HasPrefix(c, p) }
}
func contains(p string) func(string) bool {
	return func(c string) bool { return strings.Contains(c, p) }
}
func equal(p string) func(string) bool { return func(c string) bool { return c == p } }

// classify decides an error's class: the 1688 table first, then xport's own
// reading of the code, message and HTTP status (its words table already
// knows "frequency", "sign", "param"…).
func classify(e *Error) xport.Class {
	code := strings.TrimSpace(e.Code)
	for _, r := range codeRules {
		if r.match(code) {
			return r.class
		}
	}
	return xport.Classify(e.plainAPIError())
}

// newError builds a classified Error.
func newError(api string, status int, code, msg, requestID string, gateway bool) *Error {
	e := &Error{API: api, HTTPStatus: status, Code: code, Msg: msg, RequestID: requestID, Gateway: gateway}
	e.Class = classify(e)
	return e
}

// netError is a failure to get any answer. It reads as *xport.NetError for
// xport.Classify and xport.OutcomeUnknown (Sent), but says "1688", not
// "Xportcn".
type netError struct {
	api  string
	err  error
	sent bool
}

func (e *netError) Error() string { return e.api + ": no answer from 1688: " + e.err.Error() }
func (e *netError) Unwrap() error { return e.err }
func (e *netError) As(target any) bool {
	if p, ok := target.(**xport.NetError); ok {
		*p = &xport.NetError{Endpoint: xport.Endpoint("1688:" + e.api), Err: e.err, Sent: e.sent}
		return true
	}
	return false
}

// SuccessCodes are the business codes that mean success when an envelope
// carries a code (ref §5: "200" and "S0000" are documented). [INF] Any
// other code with no success:true is an error; Config.SuccessCodes
// overrides this list.
var SuccessCodes = []string{"200", "S0000"}

// envelope is the union of every shape an answer comes in (ref §5):
//   - gateway: {error_code, error_message, request_id, exception}
//   - crossborder: {success, code, message, result} (often wrapped once
//     more in {"result": …})
//   - order list: {result, errorCode, errorMessage, totalRecord}
//   - preview, crossBorderPay: {success, errorCode, errorMsg, …}
//   - alipay.url.get's misspelt erroMsg, category.get's misspelt succes.
//
// Every field is raw so that one odd value cannot make the envelope, and
// with it the error, unreadable.
type envelope struct {
	GwCode       json.RawMessage `json:"error_code"`
	GwMsg        json.RawMessage `json:"error_message"`
	RequestID    json.RawMessage `json:"request_id"`
	Success      json.RawMessage `json:"success"`
	Succes       json.RawMessage `json:"succes"`
	Code         json.RawMessage `json:"code"`
	Message      json.RawMessage `json:"message"`
	ErrorCode    json.RawMessage `json:"errorCode"`
	ErrorMessage json.RawMessage `json:"errorMessage"`
	ErrorMsg     json.RawMessage `json:"errorMsg"`
	ErroMsg      json.RawMessage `json:"erroMsg"`
	Result       json.RawMessage `json:"result"`
}

// hasBusinessKeys says the object is itself a business envelope, not only
// a wrapper around one.
func (e *envelope) hasBusinessKeys() bool {
	return e.Success != nil || e.Succes != nil || e.Code != nil || e.ErrorCode != nil ||
		e.ErrorMessage != nil || e.ErrorMsg != nil || e.ErroMsg != nil
}

// text reads a scalar as text; objects, arrays and bad JSON give "".
func text(raw json.RawMessage) string {
	var t xport.Text
	if raw == nil || json.Unmarshal(raw, &t) != nil {
		return ""
	}
	return strings.TrimSpace(string(t))
}

// truth reads success: true, "true", 1… (it is a string in imageQuery and
// crossBorderPay, ref §5). ok is false when it is absent or unreadable.
func truth(raw json.RawMessage) (v, ok bool) {
	if raw == nil || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return false, false
	}
	var b xport.Bool
	if json.Unmarshal(raw, &b) != nil {
		return false, true // present but not a truth value: not a success
	}
	return bool(b), true
}

// unwrap reads an answer body and returns the business payload (the
// innermost result) or the refusal as an *Error. status is the HTTP
// status; a non-JSON body is an *xport.HTTPError.
//
// The rule (ref §5 [INF], adjusted): an error_code / errorCode that is set
// and is not a success code, or a success that is present and false, or a
// code that is not a success code while success is not true, is an error.
// A missing success alone is not: the order list's documented envelope has
// none (ref §4.10), so reading "missing" as failure would refuse a
// documented success.
func unwrap(api string, status int, body []byte, successCodes []string) (payload json.RawMessage, requestID string, err error) {
	return unwrapAt(api, status, body, successCodes, false)
}

// unwrapAt is unwrap; with whole set it returns, instead of the result,
// the object that carried the business status (the body, or the wrapper's
// result when the envelope is wrapped once more). The APIs whose payload
// sits beside the status rather than under "result" need it: the preview
// (orderPreviewResuslt), the pay URLs (payUrl), the order list (result
// beside totalRecord), the trace (logisticsTrace), category.get
// (categoryInfo) and the WangWang nick (wangwangNick, ref §4, §5).
func unwrapAt(api string, status int, body []byte, successCodes []string, whole bool) (payload json.RawMessage, requestID string, err error) {
	var env envelope
	level := json.RawMessage(body)
	if jerr := json.Unmarshal(body, &env); jerr != nil {
		return nil, "", badAnswer(api, status, body, "the answer is not a JSON object")
	}
	requestID = text(env.RequestID)
	if gw := text(env.GwCode); gw != "" {
		return nil, requestID, newError(api, status, gw, text(env.GwMsg), requestID, true)
	}
	// The crossborder APIs wrap their envelope once more: {"result":{success,code,message,result}}.
	for depth := 0; depth < 2 && !env.hasBusinessKeys() && isObject(env.Result); depth++ {
		var inner envelope
		if json.Unmarshal(env.Result, &inner) != nil || !inner.hasBusinessKeys() {
			break
		}
		if id := text(inner.RequestID); id != "" {
			requestID = id
		}
		level = env.Result
		env = inner
	}
	isOK := func(code string) bool {
		for _, c := range successCodes {
			if code == c {
				return true
			}
		}
		return false
	}
	succ, hasSucc := truth(env.Success)
	if !hasSucc {
		succ, hasSucc = truth(env.Succes)
	}
	errCode := text(env.ErrorCode)
	code := text(env.Code)
	msg := firstText(env.ErrorMessage, env.ErrorMsg, env.ErroMsg, env.Message)
	switch {
	case errCode != "" && !isOK(errCode):
		return nil, requestID, newError(api, status, errCode, msg, requestID, false)
	case hasSucc && !succ:
		if code == "" {
			code = "success=false"
		}
		return nil, requestID, newError(api, status, code, msg, requestID, false)
	case code != "" && !isOK(code) && !succ:
		return nil, requestID, newError(api, status, code, msg, requestID, false)
	}
	if status < 200 || status >= 300 {
		// A non-2xx answer that does not say what went wrong.
		return nil, requestID, badAnswer(api, status, body, "")
	}
	if whole {
		return level, requestID, nil
	}
	if !env.hasBusinessKeys() && env.Result == nil {
		return nil, requestID, badAnswer(api, status, body, "the answer has neither a result nor a status")
	}
	return env.Result, requestID, nil
}

func firstText(raws ...json.RawMessage) string {
	for _, r := range raws {
		if t := text(r); t != "" {
			return t
		}
	}
	return ""
}

func isObject(raw json.RawMessage) bool {
	b := bytes.TrimSpace(raw)
	return len(b) > 0 && b[0] == '{'
}

func isNull(raw json.RawMessage) bool {
	b := bytes.TrimSpace(raw)
	return len(b) == 0 || bytes.Equal(b, []byte("null"))
}

// badAnswer is an answer caigou could not read, as the desk's HTTPError.
func badAnswer(api string, status int, body []byte, reason string) *xport.HTTPError {
	if reason == "" {
		reason = httpStatusText(status)
	}
	return &xport.HTTPError{Endpoint: xport.Endpoint("1688:" + api), Status: status, Reason: reason, Excerpt: xport.Excerpt(body, 120)}
}
