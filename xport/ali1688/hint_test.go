package ali1688

import (
	"errors"
	"strings"
	"testing"

	"caigou/xport"
)

// The desk's advice for a 1688 refusal names 1688's settings and login,
// never Xportcn's access_key or timestamp_unit.
func TestHintsSpeak1688(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{&Error{Code: "gw.AccessTokenExpired", Class: xport.ClassAuth}, "caigou login"},
		{&Error{Code: "gw.SignatureInvalid", Class: xport.ClassAuth}, "[ali1688]"},
		{&Error{Code: "gw.InvalidTimestamp", Class: xport.ClassAuth}, "date -u"},
		{&Error{Code: "gw.QosAppFrequencyLimit", Class: xport.ClassRateLimit}, "requests_per_second in [ali1688]"},
		{&netError{api: "x", err: errors.New("reset")}, "No answer from 1688"},
	} {
		h := xport.Hint(c.err)
		if !strings.Contains(h, c.want) || strings.Contains(h, "Xportcn") || strings.Contains(h, "access_key") {
			t.Errorf("%v: %q", c.err, h)
		}
	}
}

// order.nopermission.buyer is another buyer's order (ref §4.12), not an
// app or login to fix.
func TestHintOtherBuyersOrder(t *testing.T) {
	h := newError("com.alibaba.trade:alibaba.trade.get.buyerView", 200, "order.nopermission.buyer", "no permission", "r", false).Hint()
	if !strings.Contains(h, "another 1688 buyer") || strings.Contains(h, "app_secret") {
		t.Fatalf("hint %q", h)
	}
}
