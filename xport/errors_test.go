package xport

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

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
