package auth1688

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"caigou/ui/statedb"
	"caigou/xport/ali1688"
)

type fakeRefresher struct {
	calls int
	err   error
	now   time.Time
}

func (f *fakeRefresher) Refresh(_ context.Context, rt string) (ali1688.Token, error) {
	f.calls++
	if f.err != nil {
		return ali1688.Token{}, f.err
	}
	return ali1688.Token{AccessToken: "new-access", RefreshToken: rt, AccessExpires: f.now.Add(10 * time.Hour)}, nil
}

func TestSourceRefreshesBeforeExpiryAndSaves(t *testing.T) {
	db, err := statedb.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	now := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	st := Store{DB: db}
	src := &Source{Store: st, Now: func() time.Time { return now }}
	if _, err := src.Token(ctx); !errors.Is(err, ErrNoLogin) || !strings.Contains(err.Error(), "caigou login") {
		t.Fatalf("no login: %v", err)
	}
	st.Save(ctx, ali1688.Token{AccessToken: "old-access", RefreshToken: "r1", AccessExpires: now.Add(time.Hour), RefreshExpires: now.Add(24 * time.Hour)})
	f := &fakeRefresher{now: now}
	src = &Source{Store: st, Refresher: f, Now: func() time.Time { return now }}
	if tok, err := src.Token(ctx); err != nil || tok != "old-access" || f.calls != 0 {
		t.Fatalf("an hour left: %q %v (%d refreshes)", tok, err, f.calls)
	}
	now = now.Add(58 * time.Minute) // within the margin
	if tok, err := src.Token(ctx); err != nil || tok != "new-access" || f.calls != 1 {
		t.Fatalf("near expiry: %q %v (%d refreshes)", tok, err, f.calls)
	}
	if kept, _, _ := st.Load(ctx); kept.AccessToken != "new-access" {
		t.Fatal("the refreshed token was not kept")
	}
	// A refused refresh says what to do; a run-out sign-in too.
	now = now.Add(11 * time.Hour)
	f.err = errors.New("gw.RefreshTokenInvalid")
	_, err = src.Token(ctx)
	var re *RefreshError
	if !errors.As(err, &re) || !strings.Contains(err.Error(), "run `caigou login` again") || !strings.Contains(err.Error(), "cart") {
		t.Fatalf("refused refresh: %v", err)
	}
	st.Save(ctx, ali1688.Token{AccessToken: "a", RefreshToken: "r", AccessExpires: now, RefreshExpires: now})
	src = &Source{Store: st, Refresher: f, Now: func() time.Time { return now }}
	if _, err := src.Token(ctx); !errors.As(err, &re) {
		t.Fatalf("run-out sign-in: %v", err)
	}
}
