package uitest

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"caigou/xport"
	"caigou/xport/sandbox"
	"caigou/xport/xportcn"

	tea "github.com/charmbracelet/bubbletea"
)

// Wire stands between a client and the sandbox, the way a network does in
// the fault tests: it counts every request that arrives (retries
// included), can hold requests in flight until released, and can lift the
// sandbox's faults after a number of requests, so a test can make the
// first attempts fail and a retry succeed.
type Wire struct {
	sb    *sandbox.Server
	paths map[string]xport.Endpoint

	mu     sync.Mutex
	counts map[xport.Endpoint]int
	total  int
	hold   chan struct{}
	// liftAt is the request number from which faults are off; 0: never.
	liftAt int
}

// WireOptions shape the client NewWire makes.
type WireOptions struct {
	// Timeout bounds one attempt (default 2s, well above what the sandbox
	// takes without injected latency).
	Timeout time.Duration
	// ReadRetries is how often a read is tried again; 0 keeps the
	// client's default (3).
	ReadRetries int
}

// NewWire makes a client that reaches sb through a Wire. Back-off sleeps
// are skipped, so retries cost no time; everything else (the retry limit,
// the per-attempt timeout) is the real client's.
func NewWire(tb testing.TB, sb *sandbox.Server, o WireOptions) (*xportcn.Client, *Wire) {
	tb.Helper()
	w := &Wire{sb: sb, paths: map[string]xport.Endpoint{}, counts: map[xport.Endpoint]int{}}
	for ep, info := range xportcn.DefaultPaths() {
		w.paths[info.Path] = ep
	}
	cfg := KAConfig("http://sandbox.invalid/api")
	cfg.RequestsPerSecond = 10000
	cfg.Timeout = o.Timeout
	if cfg.Timeout == 0 {
		cfg.Timeout = 2 * time.Second
	}
	cfg.ReadRetries = o.ReadRetries
	hc := &http.Client{Transport: &sandbox.Transport{Handler: w}}
	cl, err := xportcn.New(cfg, xportcn.WithHTTPClient(hc), xportcn.WithSleep(func(ctx context.Context, _ time.Duration) error { return ctx.Err() }))
	if err != nil {
		tb.Fatalf("client: %v", err)
	}
	return cl, w
}

// ServeHTTP implements http.Handler.
func (w *Wire) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	ep := w.paths[strings.TrimPrefix(r.URL.Path, "/api")]
	w.mu.Lock()
	w.counts[ep]++
	w.total++
	if w.liftAt > 0 && w.total >= w.liftAt {
		w.sb.SetFaults(sandbox.Faults{})
		w.liftAt = 0
	}
	hold := w.hold
	w.mu.Unlock()
	if hold != nil {
		select {
		case <-hold:
		case <-r.Context().Done():
			return
		}
	}
	w.sb.ServeHTTP(rw, r)
}

// NoWait runs update (a model's Update) and returns its command, failing
// the test if update blocks: with requests held on the wire, an Update
// that called the network itself would never return. The bound is a
// hang detector, not a speed limit; speed is for benchmarks.
func NoWait(tb testing.TB, what string, update func() tea.Cmd) tea.Cmd {
	tb.Helper()
	done := make(chan tea.Cmd, 1)
	go func() { done <- update() }()
	select {
	case cmd := <-done:
		return cmd
	case <-time.After(10 * time.Second):
		tb.Fatalf("%s: Update blocked; it must not wait for the network", what)
		return nil
	}
}

// Count is how many requests for ep arrived, retries included.
func (w *Wire) Count(ep xport.Endpoint) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.counts[ep]
}

// Faults injects f into the sandbox until n requests have failed with it;
// the request after those is served normally. n = 0 keeps f until the
// next call.
func (w *Wire) Faults(f sandbox.Faults, n int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.sb.SetFaults(f)
	w.liftAt = 0
	if n > 0 {
		w.liftAt = w.total + n + 1
	}
}

// Hold keeps every request from now on in flight until the returned
// function is called (or the request is canceled), so a test can press
// keys while a call is outstanding without waiting for a clock.
func (w *Wire) Hold() (release func()) {
	ch := make(chan struct{})
	w.mu.Lock()
	w.hold = ch
	w.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			w.mu.Lock()
			if w.hold == ch {
				w.hold = nil
			}
			w.mu.Unlock()
			close(ch)
		})
	}
}

// Go runs cmd in the background, as the runtime does, and returns a
// function that waits for its messages (at most Timeout). Keys can be fed
// to the model in between, while the command's call is in flight.
func Go(tb testing.TB, cmd tea.Cmd) (wait func() []tea.Msg) {
	tb.Helper()
	type result struct {
		msgs []tea.Msg
		err  error
	}
	ch := make(chan result, 1)
	go func() {
		msgs, err := execute(cmd)
		ch <- result{msgs, err}
	}()
	return func() []tea.Msg {
		tb.Helper()
		r := <-ch
		if r.err != nil {
			tb.Fatal(r.err)
		}
		return r.msgs
	}
}
