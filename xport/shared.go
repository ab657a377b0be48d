package xport

import (
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"strings"
	"time"
)

// The transport rules both marketplace clients share (xport/xportcn and
// xport/ali1688), kept in one place so the two backends cannot drift: one
// rate limiter, one back-off, one loopback rule, one lenient decoder, one
// way of wording a timeout.

// SleepCtx waits d or until ctx ends.
func SleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Backoff is exponential with full jitter: 200ms, 400ms, 800ms... capped at
// 3s, times a random factor in [0.5, 1.5) so many desks on one account do
// not retry in step.
func Backoff(attempt int) time.Duration {
	d := 200 * time.Millisecond << (attempt - 1)
	if d > 3*time.Second || d <= 0 {
		d = 3 * time.Second
	}
	return time.Duration(float64(d) * (0.5 + rand.Float64()))
}

// timeoutError is an attempt that ran out of time, said in words:
// "context deadline exceeded" means nothing to a sourcing agent.
type timeoutError struct{ after time.Duration }

func (e timeoutError) Error() string   { return "timed out after " + e.after.String() }
func (e timeoutError) Timeout() bool   { return true }
func (e timeoutError) Temporary() bool { return true }

// Is lets errors.Is(err, context.DeadlineExceeded) still hold.
func (e timeoutError) Is(target error) bool { return target == context.DeadlineExceeded }

// ScrubURL drops the URL from a *url.Error: it holds nothing secret today,
// but the message is shown to users and the host is noise to them.
func ScrubURL(err error) error {
	var ue interface{ Unwrap() error }
	if errors.As(err, &ue) {
		if inner := ue.Unwrap(); inner != nil {
			return inner
		}
	}
	return err
}

// Loopback reports a host that is this machine: the sandbox served with
// `caigou sandbox`, which is the only plain-http address allowed by
// default.
func Loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// MaskKey shows enough of an access key to tell two apart, never all of it.
func MaskKey(k string) string {
	if len(k) <= 8 {
		return strings.Repeat("*", len(k))
	}
	return k[:4] + strings.Repeat("*", len(k)-8) + k[len(k)-4:]
}

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

// DecodeLenient decodes a JSON object into the struct dst points to field
// by field, returning the paths of the fields that could not be read (see decodeLenient).
func DecodeLenient(b []byte, dst any) ([]string, error) { return decodeLenient(b, dst) }

// PlainNetErr words an attempt's own timeout (after) as people read it;
// other errors pass through (see timeoutError).
func PlainNetErr(err error, after time.Duration) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return timeoutError{after: after}
	}
	return err
}
