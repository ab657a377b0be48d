package sandbox

import (
	"net/http"
	"sync"
	"time"
)

// The lost dialect: a create reaches the service, the client never hears
// back, and the order appears some time later. This is the case the
// outOrderId exists for, and the one a client gets wrong by resending:
// right after it gives up a look-up finds nothing, so "nothing found"
// must not be read as "safe to send again" until the create had time to
// land, or the same outOrderId must be reused so the service dedupes.

// errNoAnswer tells ServeHTTP to write nothing: the answer was lost. It is
// a sentinel, never changed.
var errNoAnswer = &apiErr{HTTP: http.StatusGatewayTimeout, Code: "lost", Msg: "the answer was lost"}

// lostQueue holds the creates whose answers were lost and that have not
// committed yet. Its mutex is held across commits, so FlushLost returns
// only after every create it took, and any one a timer was committing,
// has landed. Lock order: lostQueue.mu, then orderBook.mu.
type lostQueue struct {
	mu   sync.Mutex
	held []*lostCreate
}

type lostCreate struct {
	in    ordRequest
	outID string
}

// loseCreate queues a create that passed the request checks and holds the
// request until the client gives up, answering nothing. A nil request (a
// test calling the handler directly) is not held.
func (s *Server) loseCreate(r *http.Request, in ordRequest, outID string) (any, *apiErr) {
	lc := &lostCreate{in: in, outID: outID}
	q := &s.lost
	q.mu.Lock()
	q.held = append(q.held, lc)
	q.mu.Unlock()
	if d := s.opts.Dialect.LostDelay; d > 0 {
		// Wall-clock time, not marketplace time: the delay is how long a
		// person or a test waits, however fast the marketplace runs.
		time.AfterFunc(d, func() { s.commitLost(lc) })
	}
	if r != nil {
		<-r.Context().Done()
	}
	return nil, errNoAnswer
}

// commitLost commits one held create unless FlushLost already did.
func (s *Server) commitLost(lc *lostCreate) {
	q := &s.lost
	q.mu.Lock()
	defer q.mu.Unlock()
	for i, h := range q.held {
		if h == lc {
			q.held = append(q.held[:i:i], q.held[i+1:]...)
			s.orders.commit(&lc.in, lc.outID, s.Now())
			return
		}
	}
}

// FlushLost commits every held lost create now, in the order they came,
// and returns how many it committed. A create commits as it would have
// when it arrived: a second one with an outOrderId already committed
// places nothing (unless nodedupe), and one the marketplace now refuses
// (stock gone meanwhile) places nothing either; both still count, as they
// left the queue. It is safe to call while requests are served.
func (s *Server) FlushLost() int {
	q := &s.lost
	q.mu.Lock()
	defer q.mu.Unlock()
	held := q.held
	q.held = nil
	for _, lc := range held {
		s.orders.commit(&lc.in, lc.outID, s.Now())
	}
	return len(held)
}

// Creates is how many create requests reached the create handler, lost or
// not, refused or not: for tests proving that no second create was sent.
func (s *Server) Creates() int { return int(s.creates.Load()) }

// OrderCount is how many orders the book holds.
func (s *Server) OrderCount() int {
	ob := s.orders
	ob.mu.Lock()
	defer ob.mu.Unlock()
	return len(ob.orders)
}
