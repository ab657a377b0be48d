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

// codeClass is the [INF] mapping of envelope codes to classes. The Xport
// error-code table was not readable (reference §7); these follow HTTP
// conventions, which the sandbox also uses. Adjust here only.
func codeClass(code string) Class {
	if strings.HasPrefix(code, "500_") || strings.HasPrefix(code, "400_") {
		return ClassValidation
	}
	n, err := strconv.Atoi(code)
	if err != nil {
		return ClassUnknown
	}
	switch {
	case n == 401 || n == 403:
		return ClassAuth
	case n == 429:
		return ClassRateLimit
	case n == 404:
		return ClassNotFound
	case n >= 400 && n < 500:
		return ClassValidation
	case n >= 500:
		return ClassServer
	}
	return ClassUnknown
}

// Classify reports the class of any error a Client method returns.
func Classify(err error) Class {
	if err == nil {
		return ClassUnknown
	}
	if errors.Is(err, context.Canceled) {
		return ClassCanceled
	}
	var ae *APIError
	if errors.As(err, &ae) {
		if ae.Rule != "" {
			return ClassValidation
		}
		if c := codeClass(ae.Code); c != ClassUnknown {
			return c
		}
		return classOfStatus(ae.HTTPStatus)
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

// Hint says what the user can do about err, in a sourcing agent's words.
func Hint(err error) string {
	switch Classify(err) {
	case ClassAuth:
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
	}
	return ""
}
