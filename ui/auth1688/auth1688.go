// Package auth1688 keeps the buyer's 1688 Open Platform login: the OAuth
// token in the state database (0600, never in the config, never printed),
// refreshed before it runs out, and a refresh that fails said in words
// (run `caigou login` again) without touching anything else the desk
// keeps.
package auth1688

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"caigou/ui/statedb"
	"caigou/xport/ali1688"
)

// pref is where the token is kept in the state database.
const pref = "ali1688_token"

// ErrNoLogin is a token asked for before anyone signed in.
var ErrNoLogin = errors.New("not signed in to 1688: run `caigou login` (your cart and lists are kept)")

// Store keeps the token.
type Store struct{ DB *statedb.DB }

// Load reads the token; ok is false when there is none.
func (s Store) Load(ctx context.Context) (t ali1688.Token, ok bool, err error) {
	v, ok, err := s.DB.Pref(ctx, pref)
	if err != nil || !ok || v == "" {
		return t, false, err
	}
	if err := json.Unmarshal([]byte(v), &t); err != nil {
		// A token that cannot be read is no login: say so, keep nothing.
		return ali1688.Token{}, false, nil
	}
	return t, t.AccessToken != "", nil
}

// Save keeps t, replacing any earlier login.
func (s Store) Save(ctx context.Context, t ali1688.Token) error {
	b, err := json.Marshal(t)
	if err != nil {
		return err
	}
	return s.DB.SetPref(ctx, pref, string(b))
}

// Forget drops the login (`caigou login` replaces it; nothing else does).
func (s Store) Forget(ctx context.Context) error { return s.DB.SetPref(ctx, pref, "") }

// Refresher gets a new access token from a refresh token; the 1688
// client is one.
type Refresher interface {
	Refresh(ctx context.Context, refreshToken string) (ali1688.Token, error)
}

// Source hands the client a live access token: the kept one while it has
// more than Margin left, else a refreshed one, saved before it is used.
// It is safe for the desk's concurrent commands.
type Source struct {
	Store     Store
	Refresher Refresher
	Now       func() time.Time
	// Margin is how long before expiry the token is refreshed.
	Margin time.Duration

	mu     sync.Mutex
	tok    ali1688.Token
	loaded bool
}

// RefreshError is a refresh 1688 refused or that failed: the agent signs
// in again; nothing else is lost.
type RefreshError struct{ Err error }

func (e *RefreshError) Error() string {
	return fmt.Sprintf("the 1688 login could not be renewed (%v): run `caigou login` again; your cart and lists are kept", e.Err)
}
func (e *RefreshError) Unwrap() error { return e.Err }

// Token implements ali1688.TokenSource.
func (s *Source) Token(ctx context.Context) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.load(ctx); err != nil {
		return "", err
	}
	now := s.now()
	if s.tok.AccessExpires.IsZero() || now.Add(s.margin()).Before(s.tok.AccessExpires) {
		return s.tok.AccessToken, nil
	}
	return s.refresh(ctx, now)
}

// Renew implements ali1688.TokenRenewer: 1688 refused refused before the
// time the kept token said (revoked when the buyer signed in elsewhere,
// or 1688's clock ahead of this machine's). Unless another call has
// renewed it since, the token is refreshed now and kept.
func (s *Source) Renew(ctx context.Context, refused string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.load(ctx); err != nil {
		return "", err
	}
	if s.tok.AccessToken != refused && s.tok.AccessToken != "" {
		return s.tok.AccessToken, nil
	}
	return s.refresh(ctx, s.now())
}

// load reads the kept login once; s.mu is held.
func (s *Source) load(ctx context.Context) error {
	if s.loaded {
		return nil
	}
	t, ok, err := s.Store.Load(ctx)
	if err != nil {
		return err
	}
	if !ok {
		return ErrNoLogin
	}
	s.tok, s.loaded = t, true
	return nil
}

// refresh trades the refresh token for a new pair and keeps it; s.mu is
// held.
func (s *Source) refresh(ctx context.Context, now time.Time) (string, error) {
	if s.tok.RefreshToken == "" || (!s.tok.RefreshExpires.IsZero() && !now.Before(s.tok.RefreshExpires)) {
		return "", &RefreshError{Err: errors.New("the sign-in has run out (about 180 days)")}
	}
	t, err := s.Refresher.Refresh(ctx, s.tok.RefreshToken)
	if err != nil {
		return "", &RefreshError{Err: err}
	}
	// Kept for this session even when saving fails: the next start
	// refreshes again.
	_ = s.Store.Save(ctx, t)
	s.tok = t
	return t.AccessToken, nil
}

// Left is how long the kept access token has, for `caigou check`; ok is
// false when there is no login.
func (s *Source) Left(ctx context.Context) (access, refresh time.Duration, ok bool, err error) {
	t, ok, err := s.Store.Load(ctx)
	if err != nil || !ok {
		return 0, 0, false, err
	}
	now := s.now()
	access = t.AccessExpires.Sub(now)
	if !t.RefreshExpires.IsZero() {
		refresh = t.RefreshExpires.Sub(now)
	}
	return access, refresh, true, nil
}

func (s *Source) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Source) margin() time.Duration {
	if s.Margin > 0 {
		return s.Margin
	}
	return 5 * time.Minute
}
