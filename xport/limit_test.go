package xport

import (
	"context"
	"sort"
	"sync"
	"testing"
	"time"
)

// fakeClock moves only when the limiter sleeps.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (f *fakeClock) now() time.Time { f.mu.Lock(); defer f.mu.Unlock(); return f.t }
func (f *fakeClock) sleep(_ context.Context, d time.Duration) error {
	f.mu.Lock()
	f.t = f.t.Add(d)
	f.mu.Unlock()
	return nil
}

// maxInWindow is the most events of ts (sorted) in any one-second window.
func maxInWindow(ts []time.Time) int {
	best := 0
	for i := range ts {
		j := sort.Search(len(ts), func(k int) bool { return !ts[k].Before(ts[i].Add(time.Second)) })
		best = max(best, j-i)
	}
	return best
}

// Issue 10: after a pause, a token bucket with burst = rate sent 19
// requests in the first second at 10 qps. The limiter never lets more
// than the rate into any one-second window, and under sustained load
// still reaches the rate.
func TestLimiterNeverExceedsTheRateInAnyWindow(t *testing.T) {
	clk := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	l := newLimiter(10)
	l.now, l.sleep = clk.now, clk.sleep
	var sent []time.Time
	for i := 0; i < 200; i++ {
		if i == 100 {
			clk.sleep(nil, 5*time.Second) // a pause, then a rush
		}
		if err := l.Wait(context.Background()); err != nil {
			t.Fatal(err)
		}
		sent = append(sent, clk.now())
	}
	if n := maxInWindow(sent); n > 10 {
		t.Fatalf("%d requests in one second at 10/s", n)
	}
	// Sustained: the 100 requests after the first window take at most
	// about 10 s (≥ 95% of the rate).
	if d := sent[99].Sub(sent[0]); d > 9500*time.Millisecond {
		t.Fatalf("100 requests took %v at 10/s", d)
	}
}
