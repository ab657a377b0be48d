package xport

import (
	"context"
	"errors"
	"fmt"
	"net"
	"regexp"
	"strconv"
	"strings"
)

// Class sorts failures by what the user should do about them.
type Class int

// The classes of failure.
const (
	ClassUnknown     Class = iota
	ClassAuth              // key, secret, user id, timestamp unit or clock skew
	ClassRateLimit         // too many requests: wait
	ClassValidation        // the request was refused as it stands (500_00x, bad params)
	ClassNotFound          // no such path or record
	ClassServer            // the service failed: try again later
	ClassNetwork           // no answer, connection reset, timeout
	ClassBadResponse       // an answer we could not read
	ClassCanceled          // the user went away
)

func (c Class) String() string {
	return [...]string{"unknown", "auth", "rate-limit", "validation", "not-found", "server", "network", "bad-response", "canceled"}[c]
}

// APIError is an envelope whose code is not success.
type APIError struct {
	Endpoint   Endpoint
	HTTPStatus int
	Code       string // the envelope code as sent ("401", "500_005", ...)
	Msg        string
	RequestID  string
	// Rule is the 1688 rule code found in the code or message ("500_005"),
	// or "" when there is none.
	Rule string
}

func (e *APIError) Error() string {
	msg := e.Msg
	if msg == "" {
		msg = "no message"
	}
	return fmt.Sprintf("Xportcn answered %s with code %s: %s", e.Endpoint, e.Code, msg)
}

// HTTPError is an answer that is not a readable envelope: a non-2xx status
// without one, or a body that is not JSON.
type HTTPError struct {
	Endpoint Endpoint
	Status   int
	Excerpt  string // the start of the body, sanitised of secrets by construction (we never echo headers)
	Reason   string
}

func (e *HTTPError) Error() string {
	if e.Status >= 200 && e.Status < 300 {
		return fmt.Sprintf("%s: %s (HTTP %d): %q", e.Endpoint, e.Reason, e.Status, e.Excerpt)
	}
	return fmt.Sprintf("%s: HTTP %d %s: %q", e.Endpoint, e.Status, e.Reason, e.Excerpt)
}

// NetError is a failure to get any answer.
type NetError struct {
	Endpoint Endpoint
	Err      error
	// Sent is true when the request may have reached the server before the
	// failure (everything after the connection was made). For a write this
	// means the outcome is unknown.
	Sent bool
}

func (e *NetError) Error() string {
	return fmt.Sprintf("%s: no answer from Xportcn: %v", e.Endpoint, e.Err)
}
func (e *NetError) Unwrap() error { return e.Err }

var ruleCode = regexp.MustCompile(`\b(500_0\d\d|400_\d+)\b`)

// RuleIn finds a 1688 order rule code (500_004 out of stock…) in a code
// or message; "" when there is none.
func RuleIn(s string) string { return ruleCode.FindString(s) }

// httpLikeCode maps an envelope code that is an HTTP status (a 3-digit
// number from 400 to 599) to its class. Any other code (10001, "A0001",
// "E100", 1, -1) says nothing caigou can rely on: Xport's error-code table
// was not readable (reference §7), so it is ClassUnknown unless the
// message says more.
func httpLikeCode(code string) Class {
	if len(code) != 3 || !allDigits(code) {
		return ClassUnknown
	}
	n, _ := strconv.Atoi(code)
	if n < 400 || n > 599 {
		return ClassUnknown
	}
	return classOfStatus(n)
}

// Classify reports the class of any error a Client method returns. For an
// answer from Xportcn it reads, in order: a 1688 rule code, the words of
// the code and message (see cues), the code when it is an HTTP status, and
// last the HTTP status of a non-2xx answer.
func Classify(err error) Class {
	if err == nil {
		return ClassUnknown
	}
	if errors.Is(err, context.Canceled) {
		return ClassCanceled
	}
	var ae *APIError
	if errors.As(err, &ae) {
		c, _ := classifyAPI(ae)
		return c
	}
	var he *HTTPError
	if errors.As(err, &he) {
		if c := classOfStatus(he.Status); c != ClassUnknown {
			return c
		}
		return ClassBadResponse
	}
	var ne *NetError
	if errors.As(err, &ne) || errors.Is(err, context.DeadlineExceeded) {
		return ClassNetwork
	}
	var nerr net.Error
	if errors.As(err, &nerr) {
		return ClassNetwork
	}
	return ClassUnknown
}

// classifyAPI is Classify for an envelope refusal; timestamp is true when
// the words are about the request's time.
func classifyAPI(ae *APIError) (c Class, timestamp bool) {
	if ae.Rule != "" || strings.HasPrefix(ae.Code, "500_") || strings.HasPrefix(ae.Code, "400_") {
		return ClassValidation, false
	}
	if c, ts := classOfWords(ae.Code + " " + ae.Msg); c != ClassUnknown {
		return c, ts
	}
	if c := httpLikeCode(strings.TrimSpace(ae.Code)); c != ClassUnknown {
		return c, false
	}
	// A refusal sent with an error status (a gateway's JSON error page) is
	// what that status says.
	if ae.HTTPStatus < 200 || ae.HTTPStatus >= 300 {
		return classOfStatus(ae.HTTPStatus), false
	}
	return ClassUnknown, false
}

// cue is what a word in a refusal points at.
type cue int

const (
	cueCredential cue = iota // a key, the user id, a permission: which account
	cueSignature             // the signature or authentication as such
	cueTime                  // the request's timestamp
	cueExpired               // "expired": about the clock only beside cueRequest, cueSignature or cueTime
	cueRequest               // the request itself, to tell "请求已过期" from "订单已过期"
	cueRate                  // too many requests
	cueParam                 // a parameter refused as it stands
)

// cueWord is one word of a refusal. An ASCII word matches without regard
// to case and only at the start of a word ("sign" in "gw.SignatureInvalid"
// and "invalidSignature", not in "consignment"); a Chinese word matches
// anywhere.
type cueWord struct {
	word string
	cue  cue
}

// cues is the [INF] reading of the words Xportcn and 1688 refusals use:
// Xport's error-code table was not readable (reference §7) and its codes
// (10001, "A0001"...) carry no meaning caigou could rely on, so the words
// decide. This is the one place to correct it.
func cues() []cueWord {
	return []cueWord{
		{"accesskey", cueCredential}, {"access-key", cueCredential}, {"access key", cueCredential}, {"access_key", cueCredential},
		{"user-id", cueCredential}, {"userid", cueCredential}, {"user id", cueCredential},
		{"nonce", cueCredential}, {"unauthori", cueCredential}, {"权限", cueCredential},
		{"sign", cueSignature}, {"签名", cueSignature}, {"鉴权", cueSignature}, {"认证", cueSignature},
		{"timestamp", cueTime}, {"时间戳", cueTime},
		{"过期", cueExpired}, {"expire", cueExpired},
		{"请求", cueRequest}, {"request", cueRequest},
		// "too many" alone would take "too many SKU lines" for a rate limit.
		{"频繁", cueRate}, {"too many request", cueRate}, {"rate limit", cueRate}, {"rate-limit", cueRate},
		{"限流", cueRate}, {"qps", cueRate}, {"frequen", cueRate},
		{"参数", cueParam}, {"param", cueParam}, {"invalid argument", cueParam}, {"必填", cueParam},
		{"required", cueParam}, {"格式错误", cueParam},
	}
}

// classOfWords classifies a refusal by its words alone; timestamp is true
// when they are about the request's time and name no credential (a list
// of missing headers that includes the timestamp is not a clock problem).
func classOfWords(text string) (c Class, timestamp bool) {
	var has [cueParam + 1]bool
	lower := lowerASCII(text)
	for _, w := range cues() {
		if !has[w.cue] && containsWord(text, lower, w.word) {
			has[w.cue] = true
		}
	}
	aboutTime := has[cueTime] || (has[cueExpired] && (has[cueRequest] || has[cueSignature]))
	switch {
	case aboutTime && !has[cueCredential]:
		return ClassAuth, true
	case aboutTime || has[cueCredential] || has[cueSignature]:
		return ClassAuth, false
	case has[cueRate]:
		return ClassRateLimit, false
	case has[cueParam]:
		return ClassValidation, false
	}
	return ClassUnknown, false
}

// lowerASCII lowers ASCII letters only, so byte offsets stay those of s.
func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// containsWord reports whether word (lower case) occurs in lower (s
// lowered by lowerASCII). An ASCII word must start a word of s: after a
// non-letter, or as the upper-case start of a camelCase part.
func containsWord(s, lower, word string) bool {
	ascii := word[0] < 0x80
	for from := 0; from < len(lower); {
		i := strings.Index(lower[from:], word)
		if i < 0 {
			return false
		}
		i += from
		if !ascii || i == 0 || !isLetter(s[i-1]) || (isLower(s[i-1]) && !isLower(s[i])) {
			return true
		}
		from = i + 1
	}
	return false
}

func isLetter(c byte) bool { return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') }
func isLower(c byte) bool  { return 'a' <= c && c <= 'z' }

func classOfStatus(s int) Class {
	switch {
	case s == 401 || s == 403:
		return ClassAuth
	case s == 404:
		return ClassNotFound
	case s == 429:
		return ClassRateLimit
	case s >= 500:
		return ClassServer
	case s >= 400:
		return ClassValidation
	}
	return ClassUnknown
}

// IsAuth reports a credentials or signature problem.
func IsAuth(err error) bool { return Classify(err) == ClassAuth }

// IsRateLimited reports a rate-limit answer.
func IsRateLimited(err error) bool { return Classify(err) == ClassRateLimit }

// IsValidation reports a request refused as it stands, such as the preview's
// 500_00x rule codes.
func IsValidation(err error) bool { return Classify(err) == ClassValidation }

// IsServer reports a failure on the service's side.
func IsServer(err error) bool { return Classify(err) == ClassServer }

// RuleOf returns the 1688 rule code carried by err ("500_005"), or "".
func RuleOf(err error) string {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.Rule
	}
	return ""
}

// RequestIDOf returns the requestId of an API error, for the log.
func RequestIDOf(err error) string {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.RequestID
	}
	return ""
}

// OutcomeUnknown reports whether a write that failed with err may still have
// been carried out: the request may have reached the server and we did not
// get a clear refusal. An order create that ends like this must be looked up
// by its outOrderId before anything is sent again.
func OutcomeUnknown(err error) bool {
	if err == nil {
		return false
	}
	var ne *NetError
	if errors.As(err, &ne) {
		return ne.Sent
	}
	switch Classify(err) {
	case ClassServer, ClassBadResponse, ClassNetwork:
		return true
	case ClassUnknown:
		// A code caigou does not know is not a clear refusal either.
		var ae *APIError
		return errors.As(err, &ae)
	}
	return false
}

// ruleText is what each 1688 rule code means, in the words of the reference
// (§7), for people rather than programs.
var ruleText = map[string]string{
	"500_001": "this product cannot be ordered online",
	"500_002": "an order can hold only one seller's goods",
	"500_003": "one seller per order, or a SKU (specId) is missing or wrong",
	"500_004": "not enough stock",
	"500_005": "below the minimum order quantity",
	"500_006": "the seller's mixed-batch minimum is not reached",
	"500_007": "no consignment (dropshipping) relationship with this seller",
	"500_008": "the SKU has a price of zero and cannot be ordered",
	"500_009": "below the wholesale minimum order quantity",
}

// RuleText explains a 1688 rule code in plain words, or "" if unknown.
func RuleText(rule string) string { return ruleText[rule] }

// IsTimestamp reports an auth refusal whose words are about the request's
// time (a timestamp in the wrong unit, or a clock that is off), so the
// advice can start with the setting most likely to fix it.
func IsTimestamp(err error) bool {
	var ae *APIError
	if !errors.As(err, &ae) {
		return false
	}
	c, ts := classifyAPI(ae)
	return c == ClassAuth && ts
}

// Hinter is an error that knows its own advice: another backend's
// errors word it for that backend (1688, not Xportcn).
type Hinter interface{ Hint() string }

// Hint says what the user can do about err, in a sourcing agent's words.
func Hint(err error) string {
	var h Hinter
	if errors.As(err, &h) {
		return h.Hint()
	}
	var se *ShapeError
	if errors.As(err, &se) && se.Fix != "" {
		// The shape error already says what to change; a second, generic
		// hint would only contradict it.
		return ""
	}
	switch Classify(err) {
	case ClassAuth:
		if IsTimestamp(err) {
			return "Xportcn did not accept the request's time: set timestamp_unit to the other unit (\"s\" or \"ms\") in the config file, and check this machine's clock with `date -u` (it must be within 10 minutes of the real time). Run `caigou check`."
		}
		return "Xportcn did not accept the credentials: check access_key, access_secret and user_id, the timestamp_unit (s or ms) and that this machine's clock is right (within 10 minutes). Run `caigou check`."
	case ClassRateLimit:
		return "Too many requests for the account right now; wait a few seconds and try again (lower requests_per_second if it keeps happening)."
	case ClassValidation:
		if t := RuleText(RuleOf(err)); t != "" {
			return "1688 refused it: " + t + "."
		}
		return "Xportcn refused the request as it stands; check the values and try again."
	case ClassNotFound:
		return "Not found. If this is every call of one kind, the endpoint path may differ for your account: set it under [xport.paths] in the config file."
	case ClassServer:
		return "Xportcn had a problem on its side; try again in a moment."
	case ClassNetwork:
		return "No answer from Xportcn; check the network and try again."
	case ClassBadResponse:
		return "Xportcn sent an answer caigou could not read; try again, and if it persists run `caigou check`."
	case ClassUnknown:
		var ae *APIError
		if errors.As(err, &ae) {
			return unknownCodeHint(ae)
		}
	}
	return ""
}

// unknownCodeHint is the advice for a refusal caigou cannot classify. It
// quotes the code only when it is short and plain (it comes from the
// network and is drawn on a terminal) and never the message, which the
// screen shows already.
func unknownCodeHint(ae *APIError) string {
	code := "a code"
	if c := strings.TrimSpace(ae.Code); plainCode(c) {
		code = "code " + c
	}
	said := "the message is shown above"
	if strings.TrimSpace(ae.Msg) == "" {
		said = "it gave no message"
	}
	return "Xportcn answered with " + code + ", which caigou does not know; " + said + ". If it repeats, run `caigou check` and send Xportcn the requestId from the log."
}

func plainCode(c string) bool {
	if c == "" || len(c) > 24 {
		return false
	}
	for i := 0; i < len(c); i++ {
		b := c[i]
		if !isLetter(b) && !('0' <= b && b <= '9') && !strings.ContainsRune("-_.:=", rune(b)) {
			return false
		}
	}
	return true
}

// NoSuchRecord reports the service's own "no such record": an envelope
// answered with HTTP 2xx whose code says not found. A gateway's 404 is a
// wrong path, a config problem, not a missing record, and is not one.
func NoSuchRecord(err error) bool {
	var ae *APIError
	return errors.As(err, &ae) && ae.HTTPStatus >= 200 && ae.HTTPStatus < 300 && Classify(err) == ClassNotFound
}
