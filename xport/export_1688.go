package xport

import (
	"context"
	"errors"
	"time"
)

// This file only exports helpers that already exist in this package, for
// the 1688 Open Platform backend (package xport/ali1688), so both backends
// share one rate limiter, one back-off, one loopback rule and one lenient
// decoder. It adds no behaviour.

// Limiter is the per-second request cap of limit.go.
type Limiter = limiter

// NewLimiter returns a Limiter allowing perSecond requests in any window
// (see limiter). now and sleep replace the clock and the wait, for tests;
// nil keeps the real ones.
func NewLimiter(perSecond int, now func() time.Time, sleep func(context.Context, time.Duration) error) *Limiter {
	l := newLimiter(perSecond)
	if now != nil {
		l.now = now
	}
	if sleep != nil {
		l.sleep = sleep
	}
	return l
}

// Backoff is the read-retry wait before attempt n (1-based), with jitter.
func Backoff(attempt int) time.Duration { return backoff(attempt) }

// Loopback reports a host that is this machine, the only plain-http
// address allowed without allow_insecure_http.
func Loopback(host string) bool { return loopback(host) }

// DecodeLenient decodes a JSON object into the struct dst points to field
// by field, returning the paths of the fields that could not be read (see
// decodeLenient).
func DecodeLenient(b []byte, dst any) ([]string, error) { return decodeLenient(b, dst) }

// SleepCtx waits d or until ctx ends.
func SleepCtx(ctx context.Context, d time.Duration) error { return sleepCtx(ctx, d) }

// PlainNetErr words an attempt's own timeout (after) as people read it;
// other errors pass through (see timeoutError).
func PlainNetErr(err error, after time.Duration) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return timeoutError{after: after}
	}
	return err
}

// ScrubURL drops the URL around a transport error (see scrubURL).
func ScrubURL(err error) error { return scrubURL(err) }
