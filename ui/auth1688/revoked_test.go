package auth1688

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"caigou/ui/statedb"
	"caigou/xport/ali1688"
	"caigou/xport/sandbox"
)

// marketClock is the sandbox's clock, moved by hand.
type marketClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *marketClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *marketClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// 1688 can refuse an access token the desk still believes good: revoked
// when the buyer signed in elsewhere, or a clock that runs ahead (the
// demo's marketplace runs 60 times faster). A read then renews the token
// once and is sent again; the agent sees the answer, not "run caigou
// login". A write is not sent again, but the next one goes out with the
// renewed token.
func TestRefusedTokenIsRenewedOnce(t *testing.T) {
	clk := &marketClock{t: time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)}
	sb := sandbox.New(sandbox.Options{Seed: 1, Clock: clk.Now})
	db, err := statedb.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	access, refresh := sb.IssueToken1688()
	// The desk's own view: ten hours left by its clock.
	st := Store{DB: db}
	if err := st.Save(ctx, ali1688.Token{AccessToken: access, RefreshToken: refresh, AccessExpires: time.Now().Add(10 * time.Hour), RefreshExpires: time.Now().Add(180 * 24 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	src := &Source{Store: st}
	cl, err := ali1688.New(ali1688.Config{AppKey: sandbox.DemoAppKey, AppSecret: sandbox.DemoAppSecret, BaseURL: "https://sandbox.invalid/openapi", RequestsPerSecond: 10000}.Defaults(),
		ali1688.WithHTTPClient(&http.Client{Transport: &sandbox.Transport{Handler: sb}}), ali1688.WithTokenSource(src))
	if err != nil {
		t.Fatal(err)
	}
	src.Refresher = cl
	if _, err := cl.Addresses(ctx); err != nil {
		t.Fatalf("a fresh token: %v", err)
	}
	// 1688's clock passes the token's end; the desk's does not.
	clk.Advance(11 * time.Hour)
	calls := cl.Calls()
	if _, err := cl.Addresses(ctx); err != nil {
		t.Fatalf("the read failed instead of renewing the token: %v", err)
	}
	// The refused call, the renewal and the call again.
	if n := cl.Calls() - calls; n != 3 {
		t.Errorf("%d requests for one read with a refused token, want 3 (call, renewal, call)", n)
	}
	kept, _, _ := st.Load(ctx)
	if kept.AccessToken == access {
		t.Fatal("the renewed token was not kept")
	}
	if _, err := cl.Addresses(ctx); err != nil {
		t.Fatalf("the renewed token: %v", err)
	}
	// A write with a refused token is sent once; the token is renewed for
	// the next one.
	clk.Advance(11 * time.Hour)
	calls = cl.Calls()
	err = cl.CancelOrder(ctx, "9000000000000000001", "buyCancel")
	if err == nil {
		t.Fatal("the write with a refused token reported success")
	}
	if n := cl.Calls() - calls; n != 2 {
		t.Errorf("%d requests for one refused write, want 2 (the write once, the renewal)", n)
	}
	if _, err := cl.Addresses(ctx); err != nil {
		t.Fatalf("after the refused write the token is not renewed: %v", err)
	}
}
