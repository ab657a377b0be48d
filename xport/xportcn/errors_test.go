package xportcn

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"caigou/xport"
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
		class    xport.Class
		stamp    bool   // IsTimestamp
		attempts int    // on the wire, for a read
		hint     string // a fragment the hint must hold
	}{
		// Signature, credentials and the clock, whatever the code.
		{200, 10001, "签名错误", xport.ClassAuth, false, once, "access_secret"},
		{200, 10001, "Invalid signature", xport.ClassAuth, false, once, "access_key"},
		{200, "gw.SignatureInvalid", "", xport.ClassAuth, false, once, "user_id"},
		{200, 10010, "user-id无权限", xport.ClassAuth, false, once, "user_id"},
		{200, "A0001", "AccessKey不存在", xport.ClassAuth, false, once, "caigou check"},
		{200, 10011, "鉴权失败", xport.ClassAuth, false, once, "timestamp_unit"},
		{200, 10012, "Unauthorized", xport.ClassAuth, false, once, "access_key"},
		{200, 10013, "nonce-str重复", xport.ClassAuth, false, once, "access_key"},
		{200, 401, "缺少系统参数 missing header: access-key, timestamp, nonce-str", xport.ClassAuth, false, once, "access_key"},
		{200, 10002, "timestamp已过期", xport.ClassAuth, true, once, "timestamp_unit"},
		{200, "A0002", "请求已过期", xport.ClassAuth, true, once, "date -u"},
		{200, 10003, "签名已过期", xport.ClassAuth, true, once, "timestamp_unit"},
		{200, 10004, "时间戳错误", xport.ClassAuth, true, once, "timestamp_unit"},
		{200, 401, "Invalid TIMESTAMP", xport.ClassAuth, true, once, "date -u"},
		{200, 10005, "timestamp格式错误", xport.ClassAuth, true, once, "timestamp_unit"},
		{200, 10006, "The request has expired", xport.ClassAuth, true, once, "timestamp_unit"},
		// Too many requests: wait and try again.
		{200, 10020, "请求过于频繁", xport.ClassRateLimit, false, retry, "wait"},
		{200, "E100", "QPS limit exceeded", xport.ClassRateLimit, false, retry, "wait"},
		{200, 10021, "Rate limit reached", xport.ClassRateLimit, false, retry, "wait"},
		{200, 10022, "接口限流", xport.ClassRateLimit, false, retry, "wait"},
		{200, 10023, "Too many requests", xport.ClassRateLimit, false, retry, "wait"},
		{200, 10024, "request too frequent", xport.ClassRateLimit, false, retry, "wait"},
		// The request as it stands.
		{200, 10030, "参数错误", xport.ClassValidation, false, once, "check the values"},
		{200, 10031, "offerId is required", xport.ClassValidation, false, once, "check the values"},
		{200, 10032, "收货人手机号必填", xport.ClassValidation, false, once, "check the values"},
		{200, 10033, "手机号格式错误", xport.ClassValidation, false, once, "check the values"},
		{200, "E1", "invalid argument: pageSize", xport.ClassValidation, false, once, "check the values"},
		{200, "isv.invalid-parameter", "", xport.ClassValidation, false, once, "check the values"},
		{200, "500_005", "低于起批量", xport.ClassValidation, false, once, "minimum order quantity"},
		{200, 500, "500_004:库存不足", xport.ClassValidation, false, once, "not enough stock"},
		// A rule code wins over words that look like something else.
		{200, 10040, "500_007: no consignment relationship", xport.ClassValidation, false, once, "consignment"},
		// HTTP-like codes, only as 3-digit numbers 400–599.
		{200, 401, "", xport.ClassAuth, false, once, "access_key"},
		{200, 403, "forbidden", xport.ClassAuth, false, once, "access_key"},
		{200, 404, "no such interface", xport.ClassNotFound, false, once, "[xport.paths]"},
		{200, "404", "暂无物流信息", xport.ClassNotFound, false, once, "[xport.paths]"},
		{200, 429, "", xport.ClassRateLimit, false, retry, "wait"},
		{200, 400, "bad", xport.ClassValidation, false, once, "check the values"},
		{200, 502, "上游服务异常", xport.ClassServer, false, retry, "try again"},
		{502, 502, "", xport.ClassServer, false, retry, "try again"},
		{200, 503, "服务繁忙", xport.ClassServer, false, retry, "try again"},
		// Any other code with words caigou does not know: unknown, never
		// retried, and the hint says what to do.
		{200, 10001, "", xport.ClassUnknown, false, once, "code 10001"},
		{200, 10001, "系统异常", xport.ClassUnknown, false, once, "caigou check"},
		{200, "A0001", "某种错误", xport.ClassUnknown, false, once, "code A0001"},
		{200, "E100", "odd", xport.ClassUnknown, false, once, "requestId"},
		{200, 1, "failed", xport.ClassUnknown, false, once, "code 1,"},
		{200, -1, "failed", xport.ClassUnknown, false, once, "code -1,"},
		{200, 600, "", xport.ClassUnknown, false, once, "code 600"},
		{200, 4001, "", xport.ClassUnknown, false, once, "code 4001"},
		{200, 5000, "", xport.ClassUnknown, false, once, "code 5000"},
		// Words that merely contain a keyword are not it, and "expired"
		// is about the clock only beside a request, signature or timestamp.
		{200, 10050, "no consignment relationship with this seller", xport.ClassUnknown, false, once, "code 10050"},
		{200, 10051, "design not available", xport.ClassUnknown, false, once, "code 10051"},
		{200, 10052, "订单已过期", xport.ClassUnknown, false, once, "code 10052"},
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
			if got := xport.Classify(err); got != tc.class {
				t.Errorf("class %v, want %v (%v)", got, tc.class, err)
			}
			if got := xport.IsTimestamp(err); got != tc.stamp {
				t.Errorf("IsTimestamp = %v, want %v", got, tc.stamp)
			}
			if got := s.n.Load(); got != int64(tc.attempts) {
				t.Errorf("%d attempts on the wire, want %d", got, tc.attempts)
			}
			h := xport.Hint(err)
			if !strings.Contains(h, tc.hint) {
				t.Errorf("hint %q lacks %q", h, tc.hint)
			}
			if strings.Contains(h, testSecret) {
				t.Errorf("hint shows the secret: %q", h)
			}
		})
	}
}
