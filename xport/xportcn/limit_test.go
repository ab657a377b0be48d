package xportcn

import (
	"context"
	"net/http"
	"sort"
	"sync"
	"testing"
	"time"

	"caigou/xport"
)

// The same, counted on the wire: concurrent reads, each timed as it
// leaves the client for the network (server-side receipt would add the
// test server's own scheduling to what is measured).
func TestRateLimitCountedOnTheWire(t *testing.T) {
	var mu sync.Mutex
	var got []time.Time
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { answer(200, okAddresses)(w) }), nil)
	c.http.Transport = stamping{next: http.DefaultTransport, stamp: func() {
		mu.Lock()
		got = append(got, time.Now())
		mu.Unlock()
	}}
	c.limiter = xport.NewLimiter(40, nil, nil)
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Go(func() {
			for i := 0; i < 15; i++ {
				c.Addresses(context.Background())
			}
		})
	}
	wg.Wait()
	sort.Slice(got, func(i, j int) bool { return got[i].Before(got[j]) })
	if len(got) != 60 {
		t.Fatalf("%d requests", len(got))
	}
	// Two pointers over the sorted times: the most requests that left in
	// any one second.
	most := 0
	for i, j := 0, 0; j < len(got); j++ {
		for got[j].Sub(got[i]) >= time.Second {
			i++
		}
		most = max(most, j-i+1)
	}
	if n := most; n > 40 {
		t.Fatalf("%d requests left the client within one second at 40/s", n)
	}
}

// stamping notes the moment each request goes out.
type stamping struct {
	next  http.RoundTripper
	stamp func()
}

func (s stamping) RoundTrip(r *http.Request) (*http.Response, error) {
	s.stamp()
	return s.next.RoundTrip(r)
}
