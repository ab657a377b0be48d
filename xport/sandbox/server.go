// Package sandbox is an embedded Xportcn: an http.Handler that speaks the
// KA API's wire format over a generated 1688 marketplace. caigou runs on it
// until the user configures credentials, and every test uses it as the far
// side of the wire. It verifies signatures like the real service, so a
// client bug in signing fails here too.
package sandbox

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"caigou/xport"
)

// Demo credentials. They are public on purpose: they only open the sandbox.
const (
	DemoAccessKey = "5a4d0b2c7e1f4a3b9c8d6e5f40312a7b"
	DemoSecret    = "caigou-sandbox-demo-secret"
	DemoUserID    = "2100000000001"
	// DemoDevelopID is the developId every answer carries.
	DemoDevelopID = "1000000000000000001"
)

// Options configures a sandbox.
type Options struct {
	// Seed makes the catalogue; the same seed gives the same marketplace.
	Seed int64
	// Offers is the catalogue size (default 360).
	Offers int
	// Clock is the marketplace's time, which moves orders along. Nil means
	// the wall clock sped up by TimeScale.
	Clock func() time.Time
	// TimeScale speeds the wall clock up for demos: 60 makes a minute of
	// marketplace time pass each second. 0 or 1 is real time.
	TimeScale int
	// WallClock is what signed timestamps are checked against (nil: time.Now).
	WallClock func() time.Time
	// Faults injects failures.
	Faults Faults
	// Hostile hides terminal attacks (escape sequences, control
	// characters, bidi overrides) in the text a seller writes: titles, SKU
	// values, attributes, company names, chat nicks and logistics remarks.
	// It is for testing that the desk shows none of it (hostile.go).
	Hostile bool
	// Dialect picks one of the plausible wire formats a live account
	// might use (dialect.go); the zero value is the default.
	Dialect Dialect
	// FirstOrderSeq numbers the first order created (0: 1). The demo desk
	// starts it from the wall clock in milliseconds, so a restarted
	// sandbox never gives an id an earlier run gave: the order journal
	// keeps its outcomes across runs, and two orders under one id there
	// would be two different orders.
	FirstOrderSeq uint64
	// Store keeps the order book, addresses and clock between runs (nil:
	// every run starts afresh).
	Store Store
}

// Server is the sandbox. It is safe for concurrent use.
type Server struct {
	opts    Options
	wall    func() time.Time
	market  func() time.Time
	routes  map[string]route
	faults  *faultState
	cat     *Catalogue
	mu      sync.Mutex
	nonces  map[string]time.Time
	swept   time.Time
	reqSeq  uint64
	orders  *orderBook
	book    *addressBook
	started time.Time
	lost    lostQueue
	creates atomic.Int64
	gw      *gw1688State // the 1688 Open Platform dialect (gw1688.go)
}

type route struct {
	name    xport.Endpoint
	handler handlerFunc
	write   bool
}

// apiErr is an envelope error answer.
type apiErr struct {
	HTTP int
	Code string
	Msg  string
}

func errf(httpStatus int, code, format string, args ...any) *apiErr {
	return &apiErr{HTTP: httpStatus, Code: code, Msg: fmt.Sprintf(format, args...)}
}

// New builds a sandbox.
func New(opts Options) *Server {
	if opts.Offers <= 0 {
		opts.Offers = 360
	}
	s := &Server{
		opts:   opts,
		wall:   opts.WallClock,
		nonces: map[string]time.Time{},
		gw:     newGW1688(),
	}
	if s.wall == nil {
		s.wall = time.Now
	}
	s.started = s.wall()
	s.faults = newFaultState(opts.Faults, opts.Seed)
	s.cat = Generate(opts.Seed, opts.Offers)
	if opts.Hostile {
		makeHostile(s.cat)
	}
	s.orders = newOrderBook(s)
	if opts.FirstOrderSeq > 0 {
		s.orders.seq = opts.FirstOrderSeq - 1
	}
	s.book = newAddressBook()
	// The marketplace clock goes on from where a saved run left it.
	base := s.started
	if opts.Store != nil {
		if b, err := opts.Store.Load(); err == nil && len(b) > 0 {
			if at, err := s.restore(b); err == nil && !at.IsZero() {
				base = at
			}
		}
	}
	s.market = opts.Clock
	if s.market == nil {
		scale := opts.TimeScale
		if scale < 1 {
			scale = 1
		}
		start := s.started
		s.market = func() time.Time {
			return base.Add(time.Duration(scale) * time.Since(start))
		}
	}
	s.routes = map[string]route{}
	handlers := handlerTable()
	for ep, info := range kaRoutes() {
		if h, ok := handlers[ep]; ok {
			s.routes[opts.Dialect.path(ep, info.path)] = route{name: ep, handler: h, write: info.write}
		}
	}
	return s
}

type handlerFunc = func(*Server, *http.Request, []byte) (any, *apiErr)

// handlerTable maps each endpoint to its implementation: products.go,
// orders.go and account.go. Routes follow kaRoutes, the reference's
// paths, except where a dialect moves one (Dialect.path).
func handlerTable() map[xport.Endpoint]handlerFunc {
	return map[xport.Endpoint]handlerFunc{
		xport.EpKeywordSearch: (*Server).handleKeywordSearch,
		xport.EpImageSearch:   (*Server).handleImageSearch,
		xport.EpCategory:      (*Server).handleCategory,
		xport.EpProductDetail: (*Server).handleProductDetail,
		xport.EpDetailMulti:   (*Server).handleDetailMulti,
		xport.EpFreight:       (*Server).handleFreight,
		xport.EpOrderPreview:  (*Server).handlePreview,
		xport.EpOrderCreate:   (*Server).handleCreate,
		xport.EpOrderPay:      (*Server).handlePay,
		xport.EpOrderList:     (*Server).handleOrderList,
		xport.EpOrderDetail:   (*Server).handleOrderDetail,
		xport.EpLogistics:     (*Server).handleLogistics,
		xport.EpIMDecrypt:     (*Server).handleIMDecrypt,
		xport.EpAddressList:   (*Server).handleAddressList,
		xport.EpAddressSave:   (*Server).handleAddressSave,
	}
}

// Catalogue returns the generated marketplace (read-only).
func (s *Server) Catalogue() *Catalogue { return s.cat }

// Now is the marketplace's current time.
func (s *Server) Now() time.Time { return s.market() }

// SetFaults replaces the injected faults.
func (s *Server) SetFaults(f Faults) { s.faults.set(f) }

type envelope struct {
	RequestID string `json:"requestId"`
	Code      any    `json:"code"`
	DevelopID string `json:"developId"`
	Msg       string `json:"msg"`
	Data      any    `json:"data"`
}

func (s *Server) requestID() string {
	s.mu.Lock()
	s.reqSeq++
	n := s.reqSeq
	s.mu.Unlock()
	return fmt.Sprintf("sbx%029x", n)
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if is1688Path(r.URL.Path) {
		// /openapi/… and /oauth/authorize speak the 1688 Open Platform
		// (gw1688.go); every other path is the KA dialect.
		s.serve1688(w, r)
		return
	}
	rid := s.requestID()
	// The real service hangs its paths off /api (reference §1.1); accept
	// both so the sandbox can be mounted at a bare host too.
	rt, ok := s.routes[strings.TrimPrefix(r.URL.Path, "/api")]
	if r.Method != http.MethodPost {
		s.writeErr(w, rid, errf(http.StatusMethodNotAllowed, "405", "only POST is supported"))
		return
	}
	if !ok {
		s.writeNotFound(w, r)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 16<<20))
	if err != nil {
		s.writeErr(w, rid, errf(http.StatusBadRequest, "400", "could not read the request body"))
		return
	}
	if e := s.authenticate(r); e != nil {
		s.writeErr(w, rid, e)
		return
	}
	plan := s.faults.plan(rt.name)
	if plan.before(w, r,
		func() {
			s.writeErr(w, rid, errf(http.StatusTooManyRequests, "429", "请求过于频繁 too many requests"))
		},
		func() { s.writeErr(w, rid, errf(http.StatusBadGateway, "502", "上游服务异常 upstream error")) },
		"<html><body>502 Bad Gateway nginx</body></html>") {
		return
	}
	data, e := rt.handler(s, r, body)
	if rt.write {
		// Whatever the write did is kept for the next run, answered or not.
		s.save()
	}
	if e == errNoAnswer {
		// A lost create (lost.go): the client gave up waiting.
		return
	}
	if e == nil && plan.Kind == faultCommitTimeout && rt.write {
		// The write took effect; the answer never comes.
		<-r.Context().Done()
		return
	}
	if data, e = s.shape(rt.name, data, e); e != nil {
		s.writeErr(w, rid, e)
		return
	}
	b, err := s.okEnvelope(rid, rt.name, data)
	if err != nil {
		s.writeErr(w, rid, errf(http.StatusInternalServerError, "500", "encoding: %v", err))
		return
	}
	plan.send(w, b)
}

func (s *Server) writeErr(w http.ResponseWriter, rid string, e *apiErr) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	status := e.HTTP
	if status == 0 {
		status = http.StatusOK
	}
	var code any = e.Code
	if n, err := strconv.Atoi(e.Code); err == nil {
		code = n
	}
	b, _ := json.Marshal(envelope{RequestID: rid, Code: code, DevelopID: DemoDevelopID, Msg: e.Msg})
	w.WriteHeader(status)
	w.Write(b)
}

// authenticate checks the documented headers (reference §1.2, §2.3): the
// signature, a timestamp within 600 s of UTC now (seconds or milliseconds;
// only milliseconds in strict-ms), and a nonce not seen within that window.
func (s *Server) authenticate(r *http.Request) *apiErr {
	key := r.Header.Get("access-key")
	ts := r.Header.Get("timestamp")
	nonce := r.Header.Get("nonce-str")
	sig := r.Header.Get("signature")
	uid := r.Header.Get("user-id")
	if key == "" || ts == "" || nonce == "" || sig == "" || uid == "" {
		return errf(http.StatusOK, "401", "缺少系统参数 missing header: access-key, timestamp, nonce-str, user-id and signature are required")
	}
	if key != DemoAccessKey {
		return errf(http.StatusOK, "401", "AccessKey不存在 unknown access key")
	}
	if len(nonce) != 32 {
		return errf(http.StatusOK, "401", "nonce-str必须为32位 nonce-str must be 32 characters")
	}
	n, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return errf(http.StatusOK, "401", "timestamp格式错误 timestamp is not a number")
	}
	if e := s.checkTimestampUnit(ts); e != nil {
		return e
	}
	var sent time.Time
	if len(ts) >= 13 {
		sent = time.UnixMilli(n)
	} else {
		sent = time.Unix(n, 0)
	}
	now := s.wall()
	if d := now.Sub(sent); d > 600*time.Second || d < -600*time.Second {
		return errf(http.StatusOK, "401", "timestamp已过期 timestamp is more than 600 seconds from server time")
	}
	if !strings.EqualFold(sig, kaSign(key, ts, nonce, DemoSecret)) || sig != strings.ToUpper(sig) {
		return s.authErr("签名错误 signature mismatch")
	}
	if uid != DemoUserID {
		return errf(http.StatusOK, "403", "user-id无权限 user-id has no access")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	// Sweep expired nonces at most once a minute, so the check stays O(1)
	// per request however busy the sandbox is.
	if now.Sub(s.swept) > time.Minute {
		for k, t := range s.nonces {
			if now.Sub(t) > 700*time.Second {
				delete(s.nonces, k)
			}
		}
		s.swept = now
	}
	if _, seen := s.nonces[nonce]; seen {
		return errf(http.StatusOK, "401", "nonce-str重复 nonce-str was already used")
	}
	s.nonces[nonce] = now
	return nil
}

// decode reads a request body into v, answering 400 in the envelope on
// malformed JSON.
func decode(body []byte, v any) *apiErr {
	if err := json.Unmarshal(body, v); err != nil {
		return errf(http.StatusOK, "400", "参数错误 request body is not valid: %v", err)
	}
	return nil
}
