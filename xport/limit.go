package xport

import (
	"context"
	"sync"
	"time"
)

// limiter keeps a client under its requests-per-second cap in every
// one-second window, not on average: a token bucket whose burst equals
// its rate sends almost twice the cap in the first second after a pause
// (19 at 10 qps), which is what an account's QPS limit punishes. It
// remembers when the last n requests left; the next waits until the
// oldest of them is more than a window old.
type limiter struct {
	mu    sync.Mutex
	n     int
	sent  []time.Time // ring of the last n send times
	next  int
	now   func() time.Time
	sleep func(context.Context, time.Duration) error
}

// window is one second and a little: the margin covers the jitter between
// the moment a request is let go and the moment it reaches the server
// (scheduling on a loaded 2-core box, the race detector), and costs 2.5%
// of the rate.
const window = time.Second + 25*time.Millisecond

func newLimiter(perSecond int) *limiter {
	return &limiter{n: max(perSecond, 1), now: time.Now, sleep: SleepCtx}
}

// Wait blocks until one more request fits in the window, or ctx ends.
func (l *limiter) Wait(ctx context.Context) error {
	for {
		l.mu.Lock()
		now := l.now()
		if len(l.sent) < l.n {
			l.sent = append(l.sent, now)
			l.mu.Unlock()
			return nil
		}
		oldest := l.sent[l.next]
		if wait := oldest.Add(window).Sub(now); wait > 0 {
			l.mu.Unlock()
			if err := l.sleep(ctx, wait); err != nil {
				return err
			}
			continue
		}
		l.sent[l.next] = now
		l.next = (l.next + 1) % l.n
		l.mu.Unlock()
		return nil
	}
}
