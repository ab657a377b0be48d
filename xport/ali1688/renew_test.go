package ali1688

import (
	"context"
	"net/url"
	"sync"
	"testing"

	"caigou/xport"
)

// renewing hands out "old" until renewed, then "new-1", "new-2"…
type renewing struct {
	mu      sync.Mutex
	tok     string
	renewed []string // the refused tokens it was asked to renew
}

func (r *renewing) Token(context.Context) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.tok, nil
}

func (r *renewing) Renew(_ context.Context, refused string) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.renewed = append(r.renewed, refused)
	r.tok = "new-" + string(rune('0'+len(r.renewed)))
	return r.tok, nil
}

const tokenExpired = `{"error_code":"gw.AccessTokenExpired","error_message":"access token expired","request_id":"r1"}`

// A read refused for its token renews it and is sent again, once; a
// write is sent once and only renews; a signature refusal renews nothing.
func TestRefusedTokenRenewal(t *testing.T) {
	only := func(good string) func(string, url.Values) (int, string) {
		return func(_ string, f url.Values) (int, string) {
			if f.Get("access_token") != good {
				return 401, tokenExpired
			}
			return 200, addressAnswer
		}
	}
	src := &renewing{tok: "old"}
	c, g, _ := newTest(t, only("new-1"), WithTokenSource(src))
	if _, err := c.Addresses(context.Background()); err != nil {
		t.Fatalf("the read was not renewed and sent again: %v", err)
	}
	if g.count() != 2 || len(src.renewed) != 1 || src.renewed[0] != "old" {
		t.Fatalf("%d requests, renewed %v", g.count(), src.renewed)
	}

	// Refused again after the renewal: said, not renewed in a loop.
	src = &renewing{tok: "old"}
	c, g, _ = newTest(t, only("never"), WithTokenSource(src))
	_, err := c.Addresses(context.Background())
	if !xport.IsAuth(err) || g.count() != 2 || len(src.renewed) != 1 {
		t.Fatalf("refused twice: %v, %d requests, renewed %v", err, g.count(), src.renewed)
	}

	// A write: once on the wire, the token renewed for the next.
	src = &renewing{tok: "old"}
	c, g, _ = newTest(t, only("new-1"), WithTokenSource(src))
	if err := c.CancelOrder(context.Background(), "9000000000000000001", "buyCancel"); !xport.IsAuth(err) {
		t.Fatalf("the refused write: %v", err)
	}
	if g.count() != 1 || len(src.renewed) != 1 {
		t.Fatalf("the write: %d requests, renewed %v", g.count(), src.renewed)
	}

	// Other ways 1688 may say it (ref §5: the code was not found; an
	// unsourced gw.InvalidSession circulates): renewed too.
	for _, code := range []string{"gw.InvalidSession", "gw.InvalidAccessToken", "isv.AuthExpired"} {
		src = &renewing{tok: "old"}
		c, _, _ = newTest(t, func(_ string, f url.Values) (int, string) {
			if f.Get("access_token") != "new-1" {
				return 401, `{"error_code":"` + code + `","error_message":"expired","request_id":"r"}`
			}
			return 200, addressAnswer
		}, WithTokenSource(src))
		if _, err := c.Addresses(context.Background()); err != nil || len(src.renewed) != 1 {
			t.Errorf("%s: %v, renewed %v", code, err, src.renewed)
		}
	}

	// Not the token: a bad signature renews nothing.
	src = &renewing{tok: "old"}
	c, g, _ = newTest(t, fixed(`{"error_code":"gw.SignatureInvalid","error_message":"signature invalid","request_id":"r2"}`), WithTokenSource(src))
	if _, err := c.Addresses(context.Background()); !xport.IsAuth(err) || len(src.renewed) != 0 || g.count() != 1 {
		t.Fatalf("signature: %v, %d requests, renewed %v", err, g.count(), src.renewed)
	}
}
