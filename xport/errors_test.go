package xport

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// An envelope refused with any code: the class comes from the words first
// and from the code only when it is an HTTP status; the retries counted on
// the wire follow the class; the hint names the setting to look at.
func TestClassifyCodesAndMessages(t *testing.T) {
	const (
		once  = 1 // not retried
		retry = 4 // 1 + the default 3 read retries
	)
	cases := []struct {
		status   int
		code     any // as the envelope sends it: a number or a string
		msg      string
		class    Class
		stamp    bool   // IsTimestamp
		attempts int    // on the wire, for a read
		hint     string // a fragment the hint must hold
	}{
		// Signature, credentials and the clock, whatever the code.
		{200, 10001, "签名错误", ClassAuth, false, once, "access_secret"},
		{200, 10001, "Invalid signature", ClassAuth, false, once, "access_key"},
		{200, "gw.SignatureInvalid", "", ClassAuth, false, once, "user_id"},
		{200, 10010, "user-id无权限", ClassAuth, false, once, "user_id"},
		{200, "A0001", "AccessKey不存在", ClassAuth, false, once, "caigou check"},
		{200, 10011, "鉴权失败", ClassAuth, false, once, "timestamp_unit"},
		{200, 10012, "Unauthorized", ClassAuth, false, once, "access_key"},
		{200, 10013, "nonce-str重复", ClassAuth, false, once, "access_key"},
		{200, 401, "缺少系统参数 missing header: access-key, timestamp, nonce-str", ClassAuth, false, once, "access_key"},
		{200, 10002, "timestamp已过期", ClassAuth, true, once, "timestamp_unit"},
		{200, "A0002", "请求已过期", ClassAuth, true, once, "date -u"},
		{200, 10003, "签名已过期", ClassAuth, true, once, "timestamp_unit"},
		{200, 10004, "时间戳错误", ClassAuth, true, once, "timestamp_unit"},
		{200, 401, "Invalid TIMESTAMP", ClassAuth, true, once, "date -u"},
		{200, 10005, "timestamp格式错误", ClassAuth, true, once, "timestamp_unit"},
		{200, 10006, "The request has expired", ClassAuth, true, once, "timestamp_unit"},
		// Too many requests: wait and try again.
		{200, 10020, "请求过于频繁", ClassRateLimit, false, retry, "wait"},
		{200, "E100", "QPS limit exceeded", ClassRateLimit, false, retry, "wait"},
		{200, 10021, "Rate limit reached", ClassRateLimit, false, retry, "wait"},
		{200, 10022, "接口限流", ClassRateLimit, false, retry, "wait"},
		{200, 10023, "Too many requests", ClassRateLimit, false, retry, "wait"},
		{200, 10024, "request too frequent", ClassRateLimit, false, retry, "wait"},
		// The request as it stands.
		{200, 10030, "参数错误", ClassValidation, false, once, "check the values"},
		{200, 10031, "offerId is required", ClassValidation, false, once, "check the values"},
		{200, 10032, "收货人手机号必填", ClassValidation, false, once, "check the values"},
		{200, 10033, "手机号格式错误", ClassValidation, false, once, "check the values"},
		{200, "E1", "invalid argument: pageSize", ClassValidation, false, once, "check the values"},
		{200, "isv.invalid-parameter", "", ClassValidation, false, once, "check the values"},
		{200, "500_005", "低于起批量", ClassValidation, false, once, "minimum order quantity"},
		{200, 500, "500_004:库存不足", ClassValidation, false, once, "not enough stock"},
		// A rule code wins over words that look like something else.
		{200, 10040, "500_007: no consignment relationship", ClassValidation, false, once, "consignment"},
		// HTTP-like codes, only as 3-digit numbers 400–599.
		{200, 401, "", ClassAuth, false, once, "access_key"},
		{200, 403, "forbidden", ClassAuth, false, once, "access_key"},
		{200, 404, "no such interface", ClassNotFound, false, once, "[xport.paths]"},
		{200, "404", "暂无物流信息", ClassNotFound, false, once, "[xport.paths]"},
		{200, 429, "", ClassRateLimit, false, retry, "wait"},
		{200, 400, "bad", ClassValidation, false, once, "check the values"},
		{200, 502, "上游服务异常", ClassServer, false, retry, "try again"},
		{502, 502, "", ClassServer, false, retry, "try again"},
		{200, 503, "服务繁忙", ClassServer, false, retry, "try again"},
		// Any other code with words caigou does not know: unknown, never
		// retried, and the hint says what to do.
		{200, 10001, "", ClassUnknown, false, once, "code 10001"},
		{200, 10001, "系统异常", ClassUnknown, false, once, "caigou check"},
		{200, "A0001", "某种错误", ClassUnknown, false, once, "code A0001"},
		{200, "E100", "odd", ClassUnknown, false, once, "requestId"},
		{200, 1, "failed", ClassUnknown, false, once, "code 1,"},
		{200, -1, "failed", ClassUnknown, false, once, "code -1,"},
		{200, 600, "", ClassUnknown, false, once, "code 600"},
		{200, 4001, "", ClassUnknown, false, once, "code 4001"},
		{200, 5000, "", ClassUnknown, false, once, "code 5000"},
		// Words that merely contain a keyword are not it, and "expired"
		// is about the clock only beside a request, signature or timestamp.
		{200, 10050, "no consignment relationship with this seller", ClassUnknown, false, once, "code 10050"},
		{200, 10051, "design not available", ClassUnknown, false, once, "code 10051"},
		{200, 10052, "订单已过期", ClassUnknown, false, once, "code 10052"},
	}
	for _, tc := range cases {
		code, _ := json.Marshal(tc.code)
		name := fmt.Sprintf("%d/%s/%s", tc.status, code, tc.msg)
		t.Run(name, func(t *testing.T) {
			body, _ := json.Marshal(map[string]any{"code": tc.code, "msg": tc.msg, "requestId": "rid-1"})
			s := &scripted{replies: []func(http.ResponseWriter){answer(tc.status, string(body))}}
			c := newTestClient(t, s, nil)
			_, err := c.Addresses(context.Background())
			if err == nil {
				t.Fatal("the refusal was taken as success")
			}
			if got := Classify(err); got != tc.class {
				t.Errorf("class %v, want %v (%v)", got, tc.class, err)
			}
			if got := IsTimestamp(err); got != tc.stamp {
				t.Errorf("IsTimestamp = %v, want %v", got, tc.stamp)
			}
			if got := s.n.Load(); got != int64(tc.attempts) {
				t.Errorf("%d attempts on the wire, want %d", got, tc.attempts)
			}
			h := Hint(err)
			if !strings.Contains(h, tc.hint) {
				t.Errorf("hint %q lacks %q", h, tc.hint)
			}
			if strings.Contains(h, testSecret) {
				t.Errorf("hint shows the secret: %q", h)
			}
		})
	}
}

// A timestamp complaint says first to try the other unit and to check the
// clock; other auth failures name every credential setting.
func TestAuthHints(t *testing.T) {
	stamp := Hint(&APIError{Code: "10002", Msg: "timestamp已过期"})
	unit := strings.Index(stamp, "timestamp_unit")
	if unit < 0 || !strings.Contains(stamp, `"s"`) || !strings.Contains(stamp, `"ms"`) || !strings.Contains(stamp, "date -u") || !strings.Contains(stamp, "10 minutes") {
		t.Errorf("timestamp hint %q", stamp)
	}
	if k := strings.Index(stamp, "access_key"); k >= 0 && k < unit {
		t.Errorf("timestamp hint names the key before the unit: %q", stamp)
	}
	other := Hint(&APIError{Code: "10001", Msg: "签名错误"})
	for _, w := range []string{"access_key", "access_secret", "user_id", "timestamp_unit", "caigou check"} {
		if !strings.Contains(other, w) {
			t.Errorf("auth hint %q lacks %q", other, w)
		}
	}
	if stamp == other {
		t.Error("a timestamp complaint gets the generic auth hint")
	}
}

// The hint for an unknown code quotes the code only when it is plain, so a
// hostile code cannot draw on the terminal, and never quotes the message
// (the screen shows it already).
func TestUnknownHintQuotesOnlyAPlainCode(t *testing.T) {
	h := Hint(&APIError{Code: "\x1b]0;pwned\x07", Msg: "x"})
	if h == "" || strings.ContainsAny(h, "\x1b\x07") || strings.Contains(h, "pwned") {
		t.Errorf("hint %q", h)
	}
	if h := Hint(&APIError{Code: strings.Repeat("9", 200), Msg: "x"}); len(h) > 300 {
		t.Errorf("hint is %d bytes", len(h))
	}
	if h := Hint(&APIError{Code: "E7", Msg: "秘密 message text"}); strings.Contains(h, "秘密") {
		t.Errorf("hint quotes the message: %q", h)
	}
	if h := Hint(errors.New("type a keyword")); h != "" {
		t.Errorf("an error of caigou's own got a hint: %q", h)
	}
}

// Wrapped errors classify as what they wrap.
func TestClassifyWrapped(t *testing.T) {
	err := fmt.Errorf("placing: %w", &APIError{Code: "10002", Msg: "时间戳过期"})
	if Classify(err) != ClassAuth || !IsTimestamp(err) || !IsAuth(err) {
		t.Errorf("wrapped: class %v, timestamp %v", Classify(err), IsTimestamp(err))
	}
	if IsTimestamp(nil) || IsTimestamp(errors.New("timestamp")) {
		t.Error("IsTimestamp holds only for an answer from Xportcn")
	}
}

// A write refused with a code caigou does not know may still have been
// carried out: only words or a status it understands are a clear refusal.
func TestUnknownCodeLeavesTheOutcomeUnknown(t *testing.T) {
	for _, c := range []struct {
		err  error
		want bool
	}{
		{&APIError{Code: "10001", Msg: "系统异常", HTTPStatus: 200}, true},
		{&APIError{Code: "10001", Msg: "签名错误", HTTPStatus: 200}, false},
		{&APIError{Code: "500_004", Msg: "库存不足", Rule: "500_004", HTTPStatus: 200}, false},
		{&APIError{Code: "502", HTTPStatus: 200}, true},
		{errors.New("no address"), false},
	} {
		if got := OutcomeUnknown(c.err); got != c.want {
			t.Errorf("OutcomeUnknown(%v) = %v, want %v", c.err, got, c.want)
		}
	}
}
