package sandbox

import (
	"context"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync"
	"time"

	"caigou/xport"
)

// Faults makes the sandbox misbehave the way networks and services do.
// Rates are per mille (0-1000) so they stay exact and readable on a
// command line.
type Faults struct {
	// Latency is added before every answer.
	Latency time.Duration
	// ServerErrorPerMille answers 502 with an error envelope.
	ServerErrorPerMille int
	// RateLimitPerMille answers 429.
	RateLimitPerMille int
	// MalformedPerMille answers an HTML error page with status 200.
	MalformedPerMille int
	// TruncatePerMille cuts the JSON answer in half and drops the
	// connection.
	TruncatePerMille int
	// ResetPerMille drops the connection without an answer.
	ResetPerMille int
	// CommitTimeoutPerMille makes a write (create, pay, address save) take
	// effect and then never answer, so the client times out not knowing.
	CommitTimeoutPerMille int
	// Only limits the faults to these endpoints (all when empty).
	Only []xport.Endpoint
}

type faultKind int

const (
	faultNone faultKind = iota
	faultServer
	faultRateLimit
	faultMalformed
	faultTruncate
	faultReset
	faultCommitTimeout
)

type faultPlan struct {
	Kind    faultKind
	Latency time.Duration
}

// before plays the faults that answer in the handler's place, after the
// latency: a dropped connection, a rate limit, a server error, or an HTML
// page from the proxy in front (page). limited and failed write the
// gateway's own answers, which differ between the KA API and 1688. It
// reports whether the request is answered already.
func (p faultPlan) before(w http.ResponseWriter, r *http.Request, limited, failed func(), page string) bool {
	if !p.wait(r.Context(), p.Latency) {
		return true
	}
	switch p.Kind {
	case faultReset:
		panic(http.ErrAbortHandler)
	case faultRateLimit:
		limited()
	case faultServer:
		failed()
	case faultMalformed:
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusOK)
		io.WriteString(w, page)
	default:
		return false
	}
	return true
}

// send writes the answer b, or under a truncate fault half of it and a
// dropped connection.
func (p faultPlan) send(w http.ResponseWriter, b []byte) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	if p.Kind == faultTruncate {
		w.Header().Set("Content-Length", strconv.Itoa(len(b)))
		w.WriteHeader(http.StatusOK)
		w.Write(b[:len(b)/2])
		panic(http.ErrAbortHandler)
	}
	w.WriteHeader(http.StatusOK)
	w.Write(b)
}

// wait sleeps for d unless the request goes away first.
func (faultPlan) wait(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

type faultState struct {
	mu  sync.Mutex
	f   Faults
	rng *rand.Rand
}

func newFaultState(f Faults, seed int64) *faultState {
	return &faultState{f: f, rng: rand.New(rand.NewPCG(uint64(seed), 0x5eed))}
}

func (fs *faultState) set(f Faults) {
	fs.mu.Lock()
	fs.f = f
	fs.mu.Unlock()
}

func (fs *faultState) plan(ep xport.Endpoint) faultPlan {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	f := fs.f
	p := faultPlan{Latency: f.Latency}
	if len(f.Only) > 0 {
		hit := false
		for _, o := range f.Only {
			hit = hit || o == ep
		}
		if !hit {
			return faultPlan{}
		}
	}
	roll := fs.rng.IntN(1000)
	for _, c := range []struct {
		rate int
		kind faultKind
	}{
		{f.ServerErrorPerMille, faultServer},
		{f.RateLimitPerMille, faultRateLimit},
		{f.MalformedPerMille, faultMalformed},
		{f.TruncatePerMille, faultTruncate},
		{f.ResetPerMille, faultReset},
		{f.CommitTimeoutPerMille, faultCommitTimeout},
	} {
		if roll < c.rate {
			p.Kind = c.kind
			return p
		}
		roll -= c.rate
	}
	return p
}
