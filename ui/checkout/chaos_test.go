package checkout_test

// TestChaosPurchases is the proof of "nothing ordered twice" under the
// rules of issue 8: hundreds of randomized purchases through the checkout
// page against the sandbox, with faults on the preview, the create, the
// look-up and the payment, creates whose answer is lost and that commit
// LATER (after the desk has looked them up and found nothing), services
// that do not deduplicate the outOrderId, and the process killed between
// send and answer, each kill followed by a new start of the whole app on
// the same state directory.
//
// The worlds. Each seed is one world (one sandbox, one state directory,
// a succession of processes); its kind is seed mod 4:
//
//   - held+nodedupe: the default dialect with NoDedupe; this test's
//     transport holds some creates (the service has them, the desk hears
//     nothing) and commits them at a later point of its choosing;
//   - lost: the sandbox's lost dialect: no create is ever answered, each
//     commits when the test calls FlushLost;
//   - lost+nodedupe: the same, and a second create under one outOrderId
//     makes a second order;
//   - push+held: orders come without outOrderId and the list ignores the
//     outOrderId filter, so no look-up can prove anything once an order
//     exists (the desk must say UNKNOWN, never "not placed"); creates are
//     held as in the first kind.
//
// Held and lost creates commit at random points between messages (after
// zero, one or more look-ups of their reference, and always before the
// last start), so a look-up that found nothing is routinely followed by
// the order landing. Nothing but the desk stands between the agent and a
// double order: in the nodedupe worlds a second create of a reference is
// a second order.
//
// The agent presses random keys between commands (r, y, enter, up, down,
// esc, and R, whose prompt then gets random characters, enter or esc),
// presses r, waits for the page's recheck timer, types wrong codes after
// R, and only now and then the right one (the only way to order unsettled
// goods again). Statistics count each.
//
// What is checked, and when:
//
//   - At every create that leaves the desk (in the transport): the
//     journal already holds its intent with these lines, pending; a create
//     under an outOrderId sent before is allowed only right after the
//     agent typed that reference's code at the R prompt, and its intent
//     carries Again; no intent carries Again without that; the first
//     create of a reference is not sent while another create of the same
//     goods is unsettled, nor after the same goods were created in the
//     same purchase, nor (within one page) under a second reference.
//   - At every journal record, as soon as it is written: never
//     not_placed; refused only for a create answered in words, and never
//     for a reference one of whose creates lost its answer; created only
//     with orders the sandbox holds under that reference; not_found_yet
//     only when the sandbox holds none.
//   - After every message: the page never says "not placed" (nor does a
//     status line); no group is ready (one key sends it) whose reference
//     was sent before or whose goods an unsettled create carries; r is
//     offered only to preview again or to look up; every unsettled
//     group's reference is pending in the journal.
//   - At the end of each page: each group's state agrees with the
//     journal and the sandbox.
//   - At each start: every intent pending before it was looked up; one
//     found is created, its orders named in the status line and its lines
//     out of the cart; one not found stays pending and the status line
//     says "not found yet" or "UNKNOWN" for its reference, or that it
//     could not be looked up.
//   - At every P: at most one payment request.
//   - At the end, after every held create committed and a start without
//     faults: every intent is created with exactly the orders the sandbox
//     holds under it, refused with none, or still pending with none
//     (push: with the orders the desk cannot see, and then its status
//     said UNKNOWN); an outOrderId holds more than one order only in a
//     nodedupe world after the agent typed its code, and then an intent
//     of it carries Again; every order belongs to an intent.
//
// Mutations it must catch (each checked by hand once: made, run, seen
// to fail, reverted):
//
//   - (a) FindByOutOrderID without its client-side outOrderId filter
//     (xport/order.go): the desk takes the account's other orders for the
//     lost one's. Every world fails within its first purchases with
//     "CREATED WITH ORDERS NOT ITS OWN" (the journal check) and a group
//     that "shows orders …; the sandbox has …", the push worlds because
//     their list ignores the filter, the others through the "filter
//     ignored" look-up fault.
//   - (b) journal.OutcomeOf recording NotPlaced (final) when a look-up
//     finds nothing: "NOT PLACED WRITTEN" and "shows unsettled; the
//     journal says …" at the first such look-up, in every world whose
//     look-ups can prove absence. With those two checks off, the creates
//     that commit after the look-up still fail it: at the end intents
//     "ended not_placed; the sandbox has orders" (the held create landed
//     after the look-up settled it), and the reference, no longer
//     pending, is sent again ("ORDERED TWICE: … sent again although the
//     journal settled the reference as not_placed"; "start N recorded
//     not_placed").
//
// Commands run one at a time, in an order drawn from the seed, and the
// faults, the commits of held creates and the timer are drawn from the
// same seed, so a failure comes back with -chaos.seed=N -chaos.worlds=1
// (unless it hung on the machine's timing: a request that times out
// without a fault is one more fault, which the checks allow). The test is
// in package checkout_test so that a start can be the app's own
// (app.New(...).Init()); chaos_export_test.go lets it read the page.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptrace"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"caigou/ui/app"
	"caigou/ui/cart"
	"caigou/ui/checkout"
	"caigou/ui/common"
	"caigou/ui/journal"
	"caigou/ui/keys"
	"caigou/ui/statedb"
	"caigou/ui/uitest"
	"caigou/xport"
	"caigou/xport/sandbox"
	"caigou/xport/xportcn"

	tea "github.com/charmbracelet/bubbletea"
)

var (
	chaosSeed   = flag.Uint64("chaos.seed", 5, "seed of TestChaosPurchases (each world adds its number; the world's kind is its seed mod 4)")
	chaosN      = flag.Int("chaos.n", 220, "purchases in TestChaosPurchases, over all worlds")
	chaosWorlds = flag.Int("chaos.worlds", 8, "independent worlds (sandbox and state directory) TestChaosPurchases shares the purchases among")
)

// chaosTimeout bounds one HTTP attempt. Faults that cost a whole timeout
// (an answer that never comes, latency beyond it) are kept rare outside
// the lost worlds so the test stays fast.
const chaosTimeout = 200 * time.Millisecond

// mustHappen are what the whole run must have seen at least once with
// every kind of world present, or it proves less than it says.
var mustHappen = []string{
	"unsettled groups shown",
	"creates committed after a look-up found nothing",
	"creates committed after a look-up",
	"wrong codes entered",
	"right codes entered",
	"creates sent again after the typed code",
	"recheck timers fired",
	"look-ups that proved nothing (unknown)",
	"not found yet at start",
	"found placed at start",
}

func TestChaosPurchases(t *testing.T) {
	// Several small worlds rather than one big one: each check reads the
	// journal, which grows with every purchase.
	worlds := max(*chaosWorlds, 1)
	per := (max(*chaosN, 1) + worlds - 1) / worlds
	var mu sync.Mutex
	total := map[string]int{}
	kinds := map[int]bool{}
	t.Cleanup(func() {
		t.Logf("all worlds: %s", statLine(total))
		if t.Failed() || len(kinds) < len(worldKinds) || worlds*per < 100 {
			return
		}
		for _, k := range mustHappen {
			if total[k] == 0 {
				t.Errorf("no world had %q: the test no longer drives what it claims to", k)
			}
		}
	})
	// All at once, not t.Parallel (which runs two at a time on two
	// cores): most of a world's time is spent waiting for timeouts.
	var wg sync.WaitGroup
	for i := range worlds {
		seed := *chaosSeed + uint64(i)
		wg.Go(func() {
			t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
				w := newWorld(t, seed)
				defer func() {
					mu.Lock()
					defer mu.Unlock()
					kinds[int(seed%uint64(len(worldKinds)))] = true
					for k, v := range w.stats {
						total[k] += v
					}
				}()
				w.run(per)
			})
		})
	}
	wg.Wait()
}

// worldKind is how a world's service behaves.
type worldKind struct {
	name    string
	dialect sandbox.Dialect
	// hold: this test's transport holds some creates and commits them
	// later; creates are otherwise answered.
	hold bool
}

var worldKinds = []worldKind{
	{name: "held+nodedupe", dialect: sandbox.Dialect{NoDedupe: true}, hold: true},
	{name: "lost", dialect: sandbox.Dialect{Lost: true}},
	{name: "lost+nodedupe", dialect: sandbox.Dialect{Lost: true, NoDedupe: true}},
	{name: "push+held", dialect: sandbox.Dialect{Push: true}, hold: true},
}

// fault is what one request meets on its way.
type fault int

const (
	fNone         fault = iota
	fSlow               // an answer that comes late, but in time
	fLate               // latency beyond the timeout: the request is dropped unread
	fCommitLost         // the create takes effect and its answer never comes
	fDropped            // the create takes effect and the connection drops as the answer is read
	fTruncated          // the answer (after the create took effect) is cut short
	fHeld               // the service holds the create and commits it later; the desk times out
	fHeldDropped        // the same, and the connection drops at once
	fReset              // the connection drops before the service reads the request
	f5xx                // 502
	fMalformed          // an HTML page with status 200
	f429                // rate limited
	fIgnoreFilter       // the order list ignores the outOrderId filter
)

var faultNames = map[fault]string{
	fNone: "none", fSlow: "slow", fLate: "late beyond the timeout", fCommitLost: "commit then no answer",
	fDropped: "commit then dropped", fTruncated: "answer cut short", fHeld: "held, commits later",
	fHeldDropped: "held, commits later, dropped", fReset: "connection reset", f5xx: "502",
	fMalformed: "HTML answer", f429: "429", fIgnoreFilter: "outOrderId filter ignored",
}

func (f fault) String() string { return faultNames[f] }

// sandbox is the sandbox setting that makes a request to ep meet f. A
// create's faults that let it commit (fCommitLost, fDropped, fTruncated,
// fHeld…) are the transport's own (send): the sandbox's would commit it
// while the test's transport waits, or never say when.
func (f fault) sandbox(ep xport.Endpoint) sandbox.Faults {
	only := []xport.Endpoint{ep}
	switch f {
	case fSlow:
		return sandbox.Faults{Latency: chaosTimeout / 8, Only: only}
	case fLate:
		return sandbox.Faults{Latency: chaosTimeout + 300*time.Millisecond, Only: only}
	case fCommitLost:
		return sandbox.Faults{CommitTimeoutPerMille: 1000, Only: only}
	case fTruncated:
		return sandbox.Faults{TruncatePerMille: 1000, Only: only}
	case fReset:
		return sandbox.Faults{ResetPerMille: 1000, Only: only}
	case f5xx:
		return sandbox.Faults{ServerErrorPerMille: 1000, Only: only}
	case fMalformed:
		return sandbox.Faults{MalformedPerMille: 1000, Only: only}
	case f429:
		return sandbox.Faults{RateLimitPerMille: 1000, Only: only}
	}
	return sandbox.Faults{}
}

// The faults each endpoint meets, as many times as they weigh.
var (
	createFaults  = []fault{fCommitLost, fDropped, fLate, fTruncated, fTruncated, fReset, fReset, f5xx, f5xx, fMalformed, fMalformed, fSlow, fSlow, f429}
	heldFaults    = []fault{fHeld, fHeld, fHeldDropped, fHeldDropped, fHeldDropped, fHeldDropped, fHeldDropped}
	listFaults    = []fault{fReset, fReset, f5xx, f5xx, f5xx, fMalformed, fMalformed, fTruncated, fTruncated, f429, f429, fSlow, fSlow, fLate, fIgnoreFilter, fIgnoreFilter, fIgnoreFilter}
	payFaults     = []fault{fCommitLost, f5xx, fReset, fTruncated, fMalformed, fSlow}
	previewFaults = []fault{fReset, f5xx, fMalformed, fTruncated, f429, fSlow}
)

// profile is how often requests meet a fault, per mille.
type profile struct{ create, list, pay, preview int }

// world is one sandbox and one state directory, lived in by a succession
// of processes (Commons), one purchase after another.
type world struct {
	t     *testing.T
	seed  uint64
	kind  worldKind
	rng   *rand.Rand
	sb    *sandbox.Server
	dir   string
	addr  xport.Address
	paths map[string]xport.Endpoint
	aud   *xportcn.Client // sees the sandbox as it is, without faults

	offers   []*sandbox.Offer // orderable
	bySeller map[*sandbox.Seller][]*sandbox.Offer
	shorts   []*sandbox.Offer           // refused at one piece (500_005)
	left     map[*sandbox.SKU]int64     // stock not yet spoken for, by this test's count
	sellerOf map[string]*sandbox.Seller // by offer id

	proc   *process
	procs  []*process
	starts int

	n     int      // the purchase under way (0 before the first)
	total int      // the purchases to make
	trace []string // what happened in it
	prof  profile
	// crashed: the last purchase ended with the process killed.
	crashed bool
	// landing is how often, per mille of steps, what the service holds
	// commits while a page is open; drawn per page, 0 for a page through
	// which nothing lands.
	landing int
	stats   map[string]int
	fails   int

	sentBy   map[string]sendRec    // the first create of each outOrderId
	sent     map[string]int        // create requests per outOrderId
	attempts map[string][]*attempt // each create request per outOrderId
	// tokens are the codes the agent typed right at the R prompt, by
	// reference, not yet used by a create.
	tokens    map[string]int
	againSent map[string]int // creates sent again under a reference after its code was typed

	held   []heldCreate // creates this transport holds (hold worlds)
	lostQ  []string     // outOrderIds of creates the lost dialect holds
	ledger map[string][]string
	// looked and notFound note, per outOrderId, a look-up since its last
	// create, and a not_found_yet recorded since.
	looked   map[string]bool
	notFound map[string]bool
	lookups  map[string]bool // outOrderId: its last look-up was answered cleanly
	lookAt   map[string]int  // outOrderId: the start (process) that last looked it up
	curLook  string

	page    int                // the checkout pages opened so far
	pageRef map[pageKey]string // the first reference each page sent each supplier's goods under

	jv     *jview
	ocache map[string][]string // the sandbox's orders by outOrderId, until the next commit
}

type pageKey struct {
	page   int
	seller string
}

type sendRec struct {
	purchase int
	seller   string
}

// attempt is one create request.
type attempt struct {
	intent int  // the index of its intent among the intents of its outOrderId
	lost   bool // the desk did not get the service's answer in words
	fault  fault
	// reached: the service has it (it committed, or will at a flush).
	reached bool
}

func (a *attempt) String() string {
	fate := "never reached the service"
	if a.reached {
		fate = "reached the service"
	}
	return fmt.Sprintf("fault %s, %s", a.fault, fate)
}

// heldCreate is a create the transport holds for the service.
type heldCreate struct {
	id   string
	req  *http.Request
	body []byte
}

type process struct {
	n       int
	c       *common.Common
	cancel  context.CancelFunc
	dead    chan struct{} // closed when the process is killed
	release chan struct{} // closed at the end of the test, freeing what the kill froze
	kill    *killPlan
	seen    map[xport.Endpoint]int
	wg      sync.WaitGroup // the commands it runs
	pays    int
}

// killPlan kills the process at its nth request to ep, after handing the
// request to the service (forward) or before it left.
type killPlan struct {
	ep      xport.Endpoint
	nth     int
	forward bool
}

var errKilled = errors.New("the process was killed")

// arm sets the kill plan, counting requests from now.
func (p *process) arm(k *killPlan) {
	p.kill = k
	clear(p.seen)
}

func newWorld(t *testing.T, seed uint64) *world {
	kind := worldKinds[seed%uint64(len(worldKinds))]
	w := &world{
		t:    t,
		seed: seed,
		kind: kind,
		rng:  rand.New(rand.NewPCG(seed, 0xc4a05)),
		sb: sandbox.New(sandbox.Options{Seed: 1, Dialect: kind.dialect,
			Clock: func() time.Time { return time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC) }}),
		dir:       t.TempDir(),
		paths:     map[string]xport.Endpoint{},
		bySeller:  map[*sandbox.Seller][]*sandbox.Offer{},
		left:      map[*sandbox.SKU]int64{},
		sellerOf:  map[string]*sandbox.Seller{},
		stats:     map[string]int{},
		sentBy:    map[string]sendRec{},
		sent:      map[string]int{},
		attempts:  map[string][]*attempt{},
		tokens:    map[string]int{},
		againSent: map[string]int{},
		ledger:    map[string][]string{},
		looked:    map[string]bool{},
		notFound:  map[string]bool{},
		lookups:   map[string]bool{},
		lookAt:    map[string]int{},
		pageRef:   map[pageKey]string{},
		jv:        newJView(),
		ocache:    map[string][]string{},
	}
	for ep, info := range xportcn.DefaultPaths() {
		w.paths["/api"+info.Path] = ep
	}
	// Stock is read once, before any order moves it.
	for _, o := range w.sb.Catalogue().Offers {
		if o.Seller == nil {
			continue
		}
		w.sellerOf[o.ID] = o.Seller
		for _, k := range o.SKUs {
			w.left[k] = k.Stock
		}
		if !o.Sellable() || o.Seller.NeedsConsign {
			continue
		}
		if len(o.Tiers) > 0 && orderable(o) {
			w.offers = append(w.offers, o)
			w.bySeller[o.Seller] = append(w.bySeller[o.Seller], o)
		}
		if !o.Seller.Mix.Enabled && o.MOQ >= 2 && o.Batch <= 1 {
			for _, k := range o.SKUs {
				if k.Stock > 0 && k.Price > 0 {
					w.shorts = append(w.shorts, o)
					break
				}
			}
		}
	}
	if len(w.offers) < 20 || len(w.shorts) == 0 {
		t.Fatalf("the sandbox has %d orderable offers and %d to refuse", len(w.offers), len(w.shorts))
	}
	w.aud = w.client(nil)
	addrs, err := w.aud.Addresses(context.Background())
	if err != nil || len(addrs) == 0 {
		t.Fatalf("addresses: %v %v", addrs, err)
	}
	w.addr = addrs[0]
	// The processes a kill froze are let go at the end, and waited for
	// before the state directory goes.
	t.Cleanup(func() {
		for _, p := range w.procs {
			p.cancel()
			close(p.release)
			p.wg.Wait()
		}
	})
	return w
}

// orderable reports an offer with a SKU that can be ordered at qty.
func orderable(o *sandbox.Offer) bool {
	for _, k := range o.SKUs {
		if k.Price > 0 && k.Stock >= 6*qtyOf(o) {
			return true
		}
	}
	return false
}

// qtyOf is the least quantity that meets the MOQ, the first price tier and
// the lot size.
func qtyOf(o *sandbox.Offer) int64 {
	q := max(o.MOQ, 1)
	if o.QuoteType != 1 && len(o.Tiers) > 0 {
		q = max(q, o.Tiers[0].Start)
	}
	b := max(o.Batch, 1)
	return (q + b - 1) / b * b
}

func (w *world) client(p *process) *xportcn.Client {
	cfg := uitest.KAConfig("http://sandbox.invalid/api")
	cfg.RequestsPerSecond = 10000
	cfg.Timeout = chaosTimeout
	if p == nil {
		// The auditor meets no faults; a busy machine must not fail it.
		cfg.Timeout = 5 * time.Second
	}
	cl, err := xportcn.New(cfg,
		xportcn.WithHTTPClient(&http.Client{Transport: &wire{w: w, p: p}}),
		xportcn.WithSleep(func(ctx context.Context, _ time.Duration) error { return ctx.Err() }))
	if err != nil {
		w.t.Fatal(err)
	}
	return cl
}

// start is a new process on the state directory: a new Common, client,
// cart and journal.
func (w *world) start() *process {
	w.starts++
	p := &process{n: w.starts, dead: make(chan struct{}), release: make(chan struct{}), seen: map[xport.Endpoint]int{}}
	ctx, cancel := context.WithCancel(context.Background())
	p.cancel = cancel
	km, err := keys.New(nil)
	if err != nil {
		w.t.Fatal(err)
	}
	j, err := journal.Open(w.dir)
	if err != nil {
		w.t.Fatal(err)
	}
	crt, err := cart.Open(w.dir)
	if err != nil {
		w.t.Fatal(err)
	}
	p.c = &common.Common{
		Ctx: ctx, Styles: uitest.Styles(), Keys: km, Client: w.client(p), Cart: crt, Journal: j,
		Sandbox: true, UserID: sandbox.DemoUserID, Env: common.Env{SSH: true},
		// Each start comes well after the last request of the one before
		// (a crash, then a restart): every pending intent is old enough to
		// be looked up, none is left to a session still sending it.
		Now: func() time.Time { return time.Now().Add(time.Hour) },
	}
	p.c.Init()
	w.procs = append(w.procs, p)
	// Codes typed on a page of the last process go with it.
	clear(w.tokens)
	return p
}

// ---- the purchases ----

func (w *world) run(n int) {
	began := time.Now()
	w.total = n
	w.logf("world of kind %s", w.kind.name)
	w.proc = w.start()
	for w.n = 1; w.n <= n; w.n++ {
		w.trace = w.trace[:0]
		w.purchase()
		if w.fails > 0 {
			w.t.FailNow()
		}
	}
	w.n = n + 1
	w.trace = w.trace[:0]
	// Everything the service holds lands; then the last starts meet no
	// fault, and every pending intent is looked up once more.
	w.flush("before the last start")
	for try := 0; ; try++ {
		if !w.restart("the last start, without faults", false) || try == 2 {
			break
		}
		w.logf("a look-up of the last start failed on the machine's timing: once more")
	}
	w.audit()
	w.t.Logf("seed %d (%s): %d purchases, %d starts in %s; %v", w.seed, w.kind.name, n, w.starts, time.Since(began).Round(time.Millisecond), statLine(w.stats))
}

func statLine(stats map[string]int) string {
	var ks []string
	for k := range stats {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	var out []string
	for _, k := range ks {
		out = append(out, fmt.Sprintf("%s %d", k, stats[k]))
	}
	return strings.Join(out, ", ")
}

func (w *world) chance(perMille int) bool { return w.rng.IntN(1000) < perMille }

func (w *world) drawProfile() profile {
	return profile{
		create: []int{0, 300, 600, 1000}[w.rng.IntN(4)],
		// Now and then the order list is down: every look-up fails.
		list: []int{0, 0, 200, 500, 1000}[w.rng.IntN(5)],
		pay:  []int{0, 0, 300, 600, 1000}[w.rng.IntN(5)],
		// Previews fail now and then: goods tied to an unsettled reference
		// are then previewed again after a look-up.
		preview: []int{0, 0, 0, 200, 500}[w.rng.IntN(5)],
	}
}

func (w *world) purchase() {
	p := w.proc
	w.prof = w.drawProfile()
	msgs := w.fillCart(p)
	w.logf("profile: create %d‰, look-up %d‰, pay %d‰, preview %d‰", w.prof.create, w.prof.list, w.prof.pay, w.prof.preview)
	if w.chance(150) {
		p.arm(w.drawKill(len(p.c.Cart.Groups())))
		w.logf("kill armed at %s #%d (forward %v)", p.kill.ep, p.kill.nth, p.kill.forward)
	}
	page, ok := w.checkout(p, msgs)
	if ok && w.unsettled(page) && w.chance(w.reopenChance(page)) {
		// The agent leaves the page and opens the checkout again over what
		// is left in the cart.
		w.logf("the agent leaves the page and opens checkout again")
		page.Close()
		if w.chance(150) {
			w.flush("while the agent is away")
		}
		if w.chance(600) {
			// The previews of goods tied to an unsettled reference fail
			// (reads are retried: most of the time): they are previewed
			// again after a look-up.
			w.prof.preview = max(w.prof.preview, 850)
		}
		page, ok = w.checkout(p, msgs)
	}
	if !ok {
		w.stats["kills"]++
		w.crashed = true
		w.restart("after the kill", true)
		return
	}
	page.Close()
	p.kill = nil
	if w.chance(80) {
		w.restart("the agent quits and starts again", true)
	}
}

// reopenChance is how likely the agent opens the checkout again: most
// likely when a group is left unsettled, the case that must not become a
// blind retry.
func (w *world) reopenChance(page common.Page) int {
	for _, g := range checkout.ChaosGroups(page) {
		if g.Phase == checkout.ChaosUnsettled {
			return 700
		}
	}
	return 250
}

// unsettled reports a group the agent might want to order again.
func (w *world) unsettled(page common.Page) bool {
	for _, g := range checkout.ChaosGroups(page) {
		switch g.Phase {
		case checkout.ChaosUnsettled, checkout.ChaosFailed:
			return true
		}
	}
	return false
}

func (w *world) drawKill(groups int) *killPlan {
	switch r := w.rng.IntN(10); {
	case r < 5:
		return &killPlan{ep: xport.EpOrderCreate, nth: 1 + w.rng.IntN(max(groups, 1)), forward: true}
	case r < 7:
		return &killPlan{ep: xport.EpOrderCreate, nth: 1 + w.rng.IntN(max(groups, 1)), forward: false}
	default:
		// Killed while looking up a lost answer: make answers get lost.
		w.prof.create = 1000
		return &killPlan{ep: xport.EpOrderList, nth: 1 + w.rng.IntN(2), forward: w.rng.IntN(2) == 0}
	}
}

// fillCart puts 1 to 3 suppliers' lines in the cart: 1 or 2 orderable
// lines each, now and then a supplier whose line is one piece below its
// MOQ (refused by the preview), now and then a message too long for the
// create (refused by the create). Sometimes what an earlier purchase left
// in the cart stays.
func (w *world) fillCart(p *process) map[string]string {
	crt := p.c.Cart
	// After a crash the agent goes back to the cart as it was.
	keep := w.chance(map[bool]int{true: 800, false: 300}[w.crashed]) && len(crt.Lines()) > 0
	w.crashed = false
	if !keep {
		var ks []cart.Key
		for _, l := range crt.Lines() {
			ks = append(ks, l.Key())
		}
		w.must(crt.Delete(ks...))
	}
	used := map[string]bool{}
	for _, l := range crt.Lines() {
		used[l.SellerOpenID] = true
		w.logf("left in the cart: %s %s ×%d (%s)", l.OfferID, l.SpecID, l.Quantity, l.SellerOpenID)
	}
	msgs := map[string]string{}
	suppliers := 1 + w.rng.IntN(3)
	for s := 0; s < suppliers; s++ {
		if s > 0 && w.chance(250) {
			o := w.shorts[w.rng.IntN(len(w.shorts))]
			if used[o.Seller.OpenID] {
				continue
			}
			used[o.Seller.OpenID] = true
			for _, k := range o.SKUs {
				if w.left[k] > 0 && k.Price > 0 {
					w.put(crt, o, k, 1, "refused by the rules")
					break
				}
			}
			continue
		}
		var o *sandbox.Offer
		for range 50 {
			c := w.offers[w.rng.IntN(len(w.offers))]
			if !used[c.Seller.OpenID] && w.sku(c) != nil {
				o = c
				break
			}
		}
		if o == nil {
			continue
		}
		used[o.Seller.OpenID] = true
		k := w.sku(o)
		w.put(crt, o, k, qtyOf(o)+int64(w.rng.IntN(2))*max(o.Batch, 1), "")
		if w.rng.IntN(2) == 0 {
			// A second line: another SKU of the offer, or another offer of
			// the seller.
			cands := w.bySeller[o.Seller]
			o2 := cands[w.rng.IntN(len(cands))]
			if k2 := w.sku(o2); k2 != nil && (o2 != o || k2 != k) {
				w.put(crt, o2, k2, qtyOf(o2), "")
			}
		}
		if w.chance(60) {
			msgs[o.Seller.OpenID] = strings.Repeat("请", 501)
			w.logf("a message too long for the create to %s", o.Seller.OpenID)
		}
	}
	return msgs
}

// sku picks a SKU of o with stock this test has not spoken for.
func (w *world) sku(o *sandbox.Offer) *sandbox.SKU {
	q := qtyOf(o) + max(o.Batch, 1)
	start := w.rng.IntN(len(o.SKUs))
	for i := range o.SKUs {
		k := o.SKUs[(start+i)%len(o.SKUs)]
		if k.Price > 0 && w.left[k] >= 5*q {
			return k
		}
	}
	return nil
}

func (w *world) put(crt *cart.Cart, o *sandbox.Offer, k *sandbox.SKU, q int64, why string) {
	// Spoken for four times over: the checkout may be opened again over
	// it, and a nodedupe world may order it twice.
	w.left[k] -= 4 * q
	w.logf("cart: %s %s ×%d from %s %s", o.ID, k.SpecID, q, o.Seller.OpenID, why)
	w.must(crt.Put(cart.Line{
		OfferID: o.ID, SpecID: k.SpecID, SkuID: k.ID, Title: o.SubjectEN, TitleZH: o.Subject,
		Quantity: q, UnitPrice: k.Price, SellerOpenID: o.Seller.OpenID, SellerName: o.Seller.Company,
		MOQ: o.MOQ, Batch: o.Batch, Stock: -1,
	}))
}

// randomKeys are what an impatient agent presses between commands.
var randomKeys = []string{"r", "y", "enter", "up", "down", "esc", "R", "r", "enter", "R"}

// codeRunes are what the agent types at the R prompt.
const codeRunes = "0123456789abcdefghijklmnopqrstuv"

// checkout opens the page over the cart and does what an agent does:
// enter and y, r and waiting on what is left unsettled, R with wrong
// codes and now and then the right one, P now and then. ok is false when
// the process was killed on the way.
func (w *world) checkout(p *process, msgs map[string]string) (common.Page, bool) {
	w.page++
	w.landing = []int{0, 0, 30, 100}[w.rng.IntN(4)]
	w.logf("page %d: held creates land at %d‰ a step", w.page, w.landing)
	page := checkout.New(p.c, w.addr, p.c.Cart.Groups(), msgs)
	page.SetSize(200, 80)
	d := w.pageDriver(p, page)
	defer clear(w.tokens)
	if !d.run(page.Init()) {
		return page, false
	}
	d.keys = randomKeys
	d.press("enter")
	if checkout.ChaosConfirming(page) {
		d.press("y")
	}
	if !d.run(nil) {
		return page, false
	}
	// What the agent does about what is left.
	for range 4 {
		acted := false
		for i, g := range checkout.ChaosGroups(page) {
			if g.InFlight {
				continue
			}
			if page.CapturesInput() {
				d.press("esc")
			}
			if checkout.ChaosConfirming(page) {
				d.press("esc")
			}
			switch {
			case g.Phase == checkout.ChaosUnsettled:
				if !w.onUnsettled(d, page, i) {
					continue
				}
			case g.Phase == checkout.ChaosPreviewFailed && w.chance(500):
				checkout.ChaosSelect(page, i)
				d.press("r")
			case g.Phase == checkout.ChaosReady:
				d.press("enter")
				if checkout.ChaosConfirming(page) {
					d.press("y")
				}
			default:
				continue
			}
			acted = true
			if !d.run(nil) {
				return page, false
			}
		}
		// The agent waits half a minute: the page looks its unsettled
		// creates up, and what the service held may land meanwhile.
		if len(d.timers) > 0 && w.chance(600) {
			if w.chance(3 * w.landing) {
				w.flush("while the agent waits")
			}
			d.fire()
			acted = true
			if !d.run(nil) {
				return page, false
			}
		}
		if !acted {
			break
		}
	}
	if !w.pay(p, page, d) {
		return page, false
	}
	w.checkPage(page)
	return page, true
}

// onUnsettled is what the agent does about an unsettled group: look
// again, or R with a wrong code, or R and give up, or — now and then —
// R with the right code, the deliberate way to order the goods again.
func (w *world) onUnsettled(d *driver, page common.Page, i int) bool {
	checkout.ChaosSelect(page, i)
	switch r := w.rng.IntN(100); {
	case r < 30:
		if w.chance(300) {
			w.prof.list = 0
		}
		d.press("r")
	case r < 50:
		d.press("R")
		if page.CapturesInput() {
			g := checkout.ChaosGroups(page)[i]
			d.typeText(w.wrongCode(g.AgainCode))
			d.press("enter")
		}
	case r < 58:
		d.press("R")
		if page.CapturesInput() {
			d.typeText(w.randomCode(1 + w.rng.IntN(6)))
			d.press("esc")
		}
	case r < 65:
		d.press("R")
		if page.CapturesInput() {
			g := checkout.ChaosGroups(page)[i]
			code := g.AgainCode
			if w.chance(300) {
				code = strings.ToUpper(code)
			}
			d.typeText(code)
			d.press("enter")
		}
	default:
		return false
	}
	return true
}

func (w *world) randomCode(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = codeRunes[w.rng.IntN(len(codeRunes))]
	}
	return string(b)
}

// wrongCode is a code that is not right: one character off, cut short,
// the whole reference, or random.
func (w *world) wrongCode(right string) string {
	for {
		var s string
		switch w.rng.IntN(4) {
		case 0:
			b := []byte(right)
			if len(b) > 0 {
				b[w.rng.IntN(len(b))] = codeRunes[w.rng.IntN(len(codeRunes))]
			}
			s = string(b)
		case 1:
			s = right[:max(len(right)-1-w.rng.IntN(3), 0)]
		case 2:
			s = "cg-" + right
		default:
			s = w.randomCode(6)
		}
		if !strings.EqualFold(strings.TrimSpace(s), right) {
			return s
		}
	}
}

// pay presses P (sometimes twice before anything answers) and checks at
// most one payment request left per press that sent one.
func (w *world) pay(p *process, page common.Page, d *driver) bool {
	made := false
	for _, g := range checkout.ChaosGroups(page) {
		made = made || len(g.OrderIDs) > 0
	}
	if !made || !w.chance(400) {
		return true
	}
	d.keys = nil
	if page.CapturesInput() || checkout.ChaosConfirming(page) {
		// A random key left a question open: P would answer it.
		d.press("esc")
	}
	for round := range 1 + w.rng.IntN(2) {
		before := p.pays
		presses := 1 + w.rng.IntN(2)
		for range presses {
			d.press("P")
		}
		if !d.run(nil) {
			return false
		}
		sent := p.pays - before
		w.stats["pay requests"] += sent
		if sent > 1 {
			w.failf("P pressed %d times (round %d) sent %d payment requests: a payment was retried", presses, round+1, sent)
		}
		if round == 0 && sent != 1 {
			w.failf("the first P sent %d payment requests, want 1", sent)
		}
	}
	return true
}

// flush lets everything the service holds commit: the lost dialect's
// creates (FlushLost) and the ones this transport holds.
func (w *world) flush(why string) {
	var ids []string
	if w.kind.dialect.Lost {
		n := w.sb.FlushLost()
		if n != len(w.lostQ) {
			w.logf("FlushLost committed %d, the test counted %d held", n, len(w.lostQ))
		}
		if n > 0 {
			// What the sandbox holds is what it holds, counted or not:
			// the orders it just made must not hide behind a cached
			// look-up made before they existed.
			clear(w.ocache)
		}
		ids = append(ids, w.lostQ...)
		w.lostQ = nil
	}
	held := w.held
	w.held = nil
	for _, h := range held {
		resp, err := w.forward(h.req, xport.EpOrderCreate, h.body, fNone)
		if err != nil {
			w.t.Errorf("%s: committing a held create of %s: %v", w.where(), h.id, err)
			continue
		}
		resp.Body.Close()
		ids = append(ids, h.id)
	}
	if len(ids) == 0 {
		return
	}
	clear(w.ocache)
	for _, id := range ids {
		if n := len(w.ordersOf(id)); n > 1 && !(w.kind.dialect.NoDedupe && w.againSent[id] > 0) {
			w.failf("ORDERED TWICE: %s holds %d orders once its held creates landed (sent %d times, %d after the typed code)", id, n, w.sent[id], w.againSent[id])
		}
		w.stats["held creates committed"]++
		if w.looked[id] {
			w.stats["creates committed after a look-up"]++
		}
		if w.notFound[id] {
			w.stats["creates committed after a look-up found nothing"]++
		}
	}
	w.logf("FLUSH (%s): %d held creates reach the service: %v", why, len(ids), ids)
}

func (w *world) holding() bool { return len(w.held) > 0 || len(w.lostQ) > 0 }

// ---- the start ----

// restart is the next start: a new process on the same state directory
// and sandbox, driven through the app's own Init, whose start check looks
// up every pending intent. It reports whether a look-up of it failed.
func (w *world) restart(why string, faults bool) bool {
	before := w.journal()
	pending := before.pendingIntents()
	seenBefore := map[string]int{}
	for _, in := range pending {
		seenBefore[in.OutOrderID] = len(before.outcomes(in.OutOrderID))
	}
	p := w.start()
	w.proc = p
	w.prof = profile{}
	if faults {
		w.prof.list = []int{0, 0, 300, 800}[w.rng.IntN(4)]
	}
	w.logf("START %d (%s), %d intents pending, look-up faults %d‰", p.n, why, len(pending), w.prof.list)
	killed := false
	if len(pending) > 0 && w.prof.list > 0 && w.chance(100) {
		p.arm(&killPlan{ep: xport.EpOrderList, nth: 1 + w.rng.IntN(len(pending)), forward: w.rng.IntN(2) == 0})
		w.logf("kill armed during the start at look-up #%d", p.kill.nth)
	}
	root := app.New(p.c, checkout.New(p.c, w.addr, nil, nil))
	d := &driver{w: w, p: p, update: func(msg tea.Msg) tea.Cmd { _, cmd := root.Update(msg); return cmd }}
	d.after = func() { w.journal() }
	if !d.run(root.Init()) {
		killed = true
	}
	p.kill = nil
	w.stats["starts"]++
	if killed {
		w.stats["kills during a start"]++
		return w.restart("after a kill during the start", faults)
	}
	status := strings.Join(d.status, "\n")
	after := w.journal()
	lines := map[cart.Key]bool{}
	for _, l := range p.c.Cart.Lines() {
		lines[l.Key()] = true
	}
	failed := false
	for _, in := range pending {
		id := in.OutOrderID
		ref := "reference " + id
		if w.lookAt[id] != p.n {
			w.failf("start %d did not look up %s (%s), pending before it", p.n, id, in.SellerName)
			continue
		}
		news := after.outcomes(id)[seenBefore[id]:]
		if len(news) == 0 {
			failed = true
			w.stats["look-ups failed at start"]++
			if !after.pending(id) {
				w.failf("%s (%s) is settled after start %d, which recorded nothing for it", id, in.SellerName, p.n)
			}
			if w.lookups[id] {
				w.failf("start %d recorded nothing for %s (%s), whose look-up was answered", p.n, id, in.SellerName)
			}
			if !strings.Contains(status, "Could not look up") || !strings.Contains(status, ref) {
				w.failf("the start did not say it could not look up %s (%s): %q", id, in.SellerName, status)
			}
			continue
		}
		o := news[len(news)-1]
		switch o.Result {
		case journal.Created:
			w.stats["found placed at start"]++
			if after.pending(id) {
				w.failf("start %d found %s created but it is still pending", p.n, id)
			}
			for _, oid := range o.OrderIDs {
				if !strings.Contains(status, "WAS placed") || !strings.Contains(status, oid) {
					w.failf("the start did not say %s was placed as order %s: %q", id, oid, status)
				}
			}
			for _, l := range in.Lines {
				if lines[cart.Key{OfferID: l.OfferID, SpecID: l.SpecID}] {
					w.failf("%s was found placed at start, but its line %s %s is still in the cart", id, l.OfferID, l.SpecID)
				}
			}
		case journal.NotFoundYet:
			w.stats["not found yet at start"]++
			if !after.pending(id) {
				w.failf("start %d recorded %s as not found yet, but it is no longer pending", p.n, id)
			}
			if !strings.Contains(status, "not found yet and may still land") || !strings.Contains(status, ref) {
				w.failf("the start did not say %s was not found yet: %q", id, status)
			}
		case journal.Unknown:
			w.stats["unknown at start"]++
			if !after.pending(id) {
				w.failf("start %d recorded %s as unknown, but it is no longer pending", p.n, id)
			}
			if !strings.Contains(status, "UNKNOWN whether") || !strings.Contains(status, ref) {
				w.failf("the start did not say it cannot tell whether %s was placed: %q", id, status)
			}
		default:
			w.failf("start %d recorded %s for %s (%s)", p.n, o.Result, id, in.SellerName)
		}
	}
	return failed
}

// ---- the driver ----

// driver runs a model's commands one at a time, in an order drawn from
// the seed, feeding each message back, as the Bubble Tea runtime would
// with its goroutines in some order. It stops when the process is killed.
type driver struct {
	w      *world
	p      *process
	page   common.Page // the checkout page, nil for the app
	update func(tea.Msg) tea.Cmd
	after  func()
	pool   []tea.Cmd
	status []string
	// keys are pressed at random between commands, as an impatient agent
	// would.
	keys []string
	// timers are the page's recheck messages, scheduled and not yet
	// delivered.
	timers []tea.Msg
}

func (w *world) pageDriver(p *process, page common.Page) *driver {
	d := &driver{w: w, p: p, page: page}
	d.update = func(msg tea.Msg) tea.Cmd {
		_, cmd := page.Update(msg)
		return cmd
	}
	d.after = func() { w.checkView(page) }
	checkout.ChaosTimer(page, func(msg tea.Msg) { d.timers = append(d.timers, msg) })
	return d
}

func (d *driver) add(cmd tea.Cmd) {
	if cmd != nil {
		d.pool = append(d.pool, cmd)
	}
}

// press feeds one key. At the R prompt it notes whether enter submits the
// right code: only then may a create under a reference sent before leave.
func (d *driver) press(k string) {
	w := d.w
	if d.page != nil && d.page.CapturesInput() && k == "enter" {
		typed := strings.TrimSpace(checkout.ChaosTyped(d.page))
		gs := checkout.ChaosGroups(d.page)
		g := gs[checkout.ChaosSelected(d.page)]
		if strings.EqualFold(typed, g.AgainCode) {
			w.tokens[g.OutOrderID]++
			w.stats["right codes entered"]++
			w.logf("the agent types the code %q of %s and presses enter", typed, g.OutOrderID)
		} else {
			w.stats["wrong codes entered"]++
			w.logf("the agent types %q for %s (code %s) and presses enter", typed, g.OutOrderID, g.AgainCode)
		}
	} else {
		w.logf("key %s", k)
	}
	d.add(d.update(uitest.Key(k)))
	if d.after != nil {
		d.after()
	}
}

func (d *driver) typeText(s string) {
	for _, r := range s {
		d.add(d.update(uitest.Key(string(r))))
	}
	if d.after != nil {
		d.after()
	}
}

// randomKey is what an impatient agent presses: at the R prompt mostly
// characters, now and then enter, backspace or esc.
func (d *driver) randomKey() {
	if d.page != nil && d.page.CapturesInput() {
		switch r := d.w.rng.IntN(10); {
		case r < 6:
			d.typeText(string(codeRunes[d.w.rng.IntN(len(codeRunes))]))
		case r < 7:
			d.press("backspace")
		case r < 9:
			d.press("enter")
		default:
			d.press("esc")
		}
		return
	}
	d.press(d.keys[d.w.rng.IntN(len(d.keys))])
}

// lookAgain is, now and then, the agent pressing r on a group the page
// shows unsettled and not being looked up, while other commands (a
// preview, another group's create) are still running; most often on one
// that has no preview yet, as its words ask ("r looks the earlier order
// up and previews again").
func (d *driver) lookAgain() {
	if d.page == nil || d.page.CapturesInput() || checkout.ChaosConfirming(d.page) {
		return
	}
	var open, bare []int
	for i, g := range checkout.ChaosGroups(d.page) {
		if g.Phase == checkout.ChaosUnsettled && !g.InFlight {
			open = append(open, i)
			if !g.Previewed {
				bare = append(bare, i)
			}
		}
	}
	var i int
	switch {
	case len(bare) > 0 && d.w.chance(400):
		i = bare[d.w.rng.IntN(len(bare))]
	case len(open) > 0 && d.w.chance(40):
		i = open[d.w.rng.IntN(len(open))]
	default:
		return
	}
	if d.w.chance(3 * d.w.landing) {
		d.w.flush("before the agent looks again")
	}
	checkout.ChaosSelect(d.page, i)
	d.press("r")
}

// fire delivers the page's recheck timer.
func (d *driver) fire() bool {
	if len(d.timers) == 0 {
		return true
	}
	msg := d.timers[0]
	d.timers = d.timers[1:]
	d.w.stats["recheck timers fired"]++
	d.w.logf("the recheck timer fires")
	return d.deliver(msg)
}

// run runs cmd and everything that follows from it; false if the process
// was killed. Between commands the agent presses keys, the page's timer
// fires, and what the service holds may commit.
func (d *driver) run(cmd tea.Cmd) bool {
	d.add(cmd)
	skipped := 0
	for len(d.pool) > 0 {
		if len(d.keys) > 0 && d.w.chance(120) {
			d.randomKey()
		}
		if len(d.keys) > 0 {
			d.lookAgain()
		}
		if len(d.timers) > 0 && d.w.chance(50) {
			d.fire()
		}
		if d.w.holding() && d.w.chance(d.w.landing) {
			d.w.flush("between messages")
		}
		if len(d.pool) == 0 {
			break
		}
		if len(d.keys) > 0 && skipped < 4 && d.w.chance(250) {
			// What is in flight is slow: the agent acts again first.
			skipped++
			continue
		}
		skipped = 0
		i := d.w.rng.IntN(len(d.pool))
		c := d.pool[i]
		d.pool = slices.Delete(d.pool, i, i+1)
		if !d.exec(c) {
			d.pool = nil
			return false
		}
	}
	return true
}

// exec runs one command and delivers what it returns.
func (d *driver) exec(c tea.Cmd) bool {
	ch := make(chan tea.Msg, 1)
	d.p.wg.Add(1)
	go func() {
		defer d.p.wg.Done()
		ch <- c()
	}()
	var msg tea.Msg
	select {
	case msg = <-ch:
	case <-d.p.dead:
		return false
	case <-time.After(uitest.Timeout):
		d.w.t.Fatalf("%s: a command did not return within %s\n%s", d.w.where(), uitest.Timeout, d.w.traceText())
	}
	return d.deliver(msg)
}

var cmdType = reflect.TypeOf(tea.Cmd(nil))

func (d *driver) deliver(msg tea.Msg) bool {
	switch m := msg.(type) {
	case nil:
		return true
	case tea.BatchMsg:
		for _, c := range m {
			d.add(c)
		}
		return true
	case common.StatusMsg:
		d.status = append(d.status, m.Text)
		d.w.logf("status: %s", m.Text)
		d.w.checkWords("a status line", m.Text)
	case common.ErrorMsg:
		d.status = append(d.status, fmt.Sprintf("%s: %v", m.What, m.Err))
		d.w.logf("error: %s: %v", m.What, m.Err)
		d.w.checkWords("an error line", m.What+": "+m.Err.Error())
	}
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == cmdType {
		// A sequence: in order, each to its end.
		for i := range v.Len() {
			c, _ := v.Index(i).Interface().(tea.Cmd)
			if c != nil && !d.exec(c) {
				return false
			}
		}
		return true
	}
	if uitest.IsTick(msg) {
		return true
	}
	d.add(d.update(msg))
	if d.after != nil {
		d.after()
	}
	return true
}

// ---- the wire ----

// wire is each process's transport: it draws the fault each request
// meets, checks every create before it leaves, holds creates for a later
// commit, kills the process when its plan says, and hands the request to
// the sandbox. p is nil for the auditor's client, which meets no faults.
type wire struct {
	w *world
	p *process
}

type doneKey struct{}

// served closes the request's done channel when the sandbox is through
// with it, so the sandbox does nothing behind the test's back: a create
// it holds (lost dialect) or this transport holds commits only when the
// test flushes it, at a point drawn from the seed.
type served struct{ h http.Handler }

func (t served) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	if done, ok := r.Context().Value(doneKey{}).(chan struct{}); ok {
		defer close(done)
	}
	t.h.ServeHTTP(rw, r)
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// markSent tells the client the request left, as a real connection does
// once it has written the headers.
func markSent(req *http.Request) {
	if tr := httptrace.ContextClientTrace(req.Context()); tr != nil && tr.WroteHeaders != nil {
		tr.WroteHeaders()
	}
}

func answer(req *http.Request, status int, body io.Reader) *http.Response {
	return &http.Response{
		Status: fmt.Sprintf("%d %s", status, http.StatusText(status)), StatusCode: status,
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Header: http.Header{},
		Body: io.NopCloser(body), ContentLength: -1, Request: req,
	}
}

func (x *wire) RoundTrip(req *http.Request) (*http.Response, error) {
	body, err := io.ReadAll(req.Body)
	req.Body.Close()
	if err != nil {
		return nil, err
	}
	ep := x.w.paths[req.URL.Path]
	p := x.p
	if p == nil {
		return x.w.forward(req, ep, body, fNone)
	}
	select {
	case <-p.dead:
		// A dead process sends nothing.
		<-p.release
		return nil, errKilled
	default:
	}
	w := x.w
	f := fNone
	var at *attempt
	switch ep {
	case xport.EpOrderCreate:
		f, at = w.onCreate(body)
	case xport.EpOrderList:
		f = w.draw(w.prof.list, listFaults)
		w.noteLook(body, p.n)
	case xport.EpOrderPay:
		p.pays++
		f = w.draw(w.prof.pay, payFaults)
	case xport.EpOrderPreview:
		f = w.draw(w.prof.preview, previewFaults)
		w.stats["preview fault: "+f.String()]++
	}
	p.seen[ep]++
	if k := p.kill; k != nil && k.ep == ep && p.seen[ep] == k.nth {
		creates := w.sb.Creates()
		if k.forward {
			if resp, err := w.send(req, ep, body, f); err == nil {
				resp.Body.Close()
			}
		}
		if at != nil {
			at.lost = true
			at.reached = w.sb.Creates() > creates || f == fHeld || f == fHeldDropped
		}
		w.logf("KILLED at %s #%d, %s", ep, k.nth, map[bool]string{true: "after the service had the request", false: "before the request left"}[k.forward])
		close(p.dead)
		<-p.release
		return nil, errKilled
	}
	began, creates := time.Now(), w.sb.Creates()
	resp, err := w.send(req, ep, body, f)
	took := time.Since(began)
	switch ep {
	case xport.EpOrderList:
		// Answered cleanly: no fault but a little latency (or a service
		// that ignores the filter), and in good time.
		clean := (f == fNone || f == fSlow || f == fIgnoreFilter) && err == nil && resp.StatusCode == http.StatusOK && took < chaosTimeout*3/4
		if w.curLook != "" {
			if looksFor(body) != "" {
				w.lookups[w.curLook] = clean
			} else {
				// The unfiltered follow-up of the same look-up.
				w.lookups[w.curLook] = w.lookups[w.curLook] && clean
			}
		}
	case xport.EpOrderCreate:
		// The desk heard the service in words only if the answer came
		// whole, and was not a gateway's.
		at.lost = !(err == nil && resp.StatusCode < 500 && (f == fNone || f == fSlow || f == f429))
		at.reached = w.sb.Creates() > creates || f == fHeld || f == fHeldDropped
	}
	if err != nil {
		w.logf("%s → %v (fault %s)", ep, err, f)
	} else {
		w.logf("%s → HTTP %d (fault %s)", ep, resp.StatusCode, f)
	}
	return resp, err
}

// looksFor is the outOrderId a list request filters on.
func looksFor(body []byte) string {
	var q struct {
		OutOrderID string `json:"outOrderId"`
	}
	json.Unmarshal(body, &q)
	return q.OutOrderID
}

// noteLook notes a look-up of an outOrderId, by this process.
func (w *world) noteLook(body []byte, proc int) {
	id := looksFor(body)
	if id == "" {
		// The unfiltered list FindByOutOrderID reads when the filtered
		// one came back empty: part of the look-up before it.
		return
	}
	w.curLook = id
	w.lookAt[id] = proc
	w.looked[id] = true
}

// send is one request as the fault says: the transport's own faults for
// creates, the sandbox's for the rest.
func (w *world) send(req *http.Request, ep xport.Endpoint, body []byte, f fault) (*http.Response, error) {
	ctx := req.Context()
	switch {
	case ep == xport.EpOrderList && f == fIgnoreFilter:
		var m map[string]any
		if json.Unmarshal(body, &m) == nil {
			delete(m, "outOrderId")
			body, _ = json.Marshal(m)
		}
		return w.forward(req, ep, body, fNone)
	case ep != xport.EpOrderCreate:
		return w.forward(req, ep, body, f)
	case f == fLate:
		// The service never sees it in time, and drops it.
		markSent(req)
		<-ctx.Done()
		return nil, ctx.Err()
	case f == fHeld || f == fHeldDropped:
		markSent(req)
		h := heldCreate{id: outOf(body), req: req.Clone(context.Background()), body: body}
		w.held = append(w.held, h)
		w.stats["creates held"]++
		if f == fHeld {
			<-ctx.Done()
			return nil, ctx.Err()
		}
		return answer(req, http.StatusOK, errReader{io.ErrUnexpectedEOF}), nil
	case f == fCommitLost || f == fDropped || f == fTruncated:
		resp, err := w.forward(req, ep, body, fNone)
		if err != nil {
			return nil, err
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		switch f {
		case fCommitLost:
			<-ctx.Done()
			return nil, ctx.Err()
		case fDropped:
			return answer(req, http.StatusOK, errReader{io.ErrUnexpectedEOF}), nil
		}
		return answer(req, resp.StatusCode, io.MultiReader(bytes.NewReader(b[:len(b)/2]), errReader{io.ErrUnexpectedEOF})), nil
	}
	return w.forward(req, ep, body, f)
}

// forward hands the request to the sandbox with the fault f, and waits
// until the sandbox is through with it. In a push world it keeps the
// ledger of the orders each create made, which the orders themselves do
// not say.
func (w *world) forward(req *http.Request, ep xport.Endpoint, body []byte, f fault) (*http.Response, error) {
	done := make(chan struct{})
	r := req.Clone(context.WithValue(req.Context(), doneKey{}, done))
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.ContentLength = int64(len(body))
	w.sb.SetFaults(f.sandbox(ep))
	defer w.sb.SetFaults(sandbox.Faults{})
	creates, orders := w.sb.Creates(), w.sb.OrderCount()
	resp, err := (&sandbox.Transport{Handler: served{w.sb}}).RoundTrip(r)
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		w.t.Errorf("%s: the sandbox was still handling a %s request 5s later", w.where(), ep)
	}
	if ep != xport.EpOrderCreate {
		return resp, err
	}
	clear(w.ocache)
	id := outOf(body)
	if w.kind.dialect.Push {
		// Requests run one at a time: the orders the book gained are this
		// create's.
		if n := w.sb.OrderCount() - orders; n > 0 {
			for _, oid := range w.newest(n) {
				if !slices.Contains(w.ledger[id], oid) {
					w.ledger[id] = append(w.ledger[id], oid)
				}
			}
		}
	}
	// The lost dialect holds every create it receives, whatever answer
	// this transport then makes up for it (an HTML page is no error).
	if w.kind.dialect.Lost && w.sb.Creates() > creates {
		// The lost dialect holds it: it commits at the next flush.
		w.lostQ = append(w.lostQ, id)
		w.stats["creates lost by the service"]++
	}
	return resp, err
}

// newest is the ids of the n orders the sandbox made last.
func (w *world) newest(n int) []string {
	p, err := w.aud.ListOrders(context.Background(), xport.OrderQuery{Page: 1, PageSize: n})
	if err != nil || len(p.Orders) < n {
		w.t.Errorf("%s: the auditor's list of the %d newest orders: %v", w.where(), n, err)
		return nil
	}
	var ids []string
	for _, o := range p.Orders[:n] {
		ids = append(ids, o.BaseInfo.OrderIDString())
	}
	return ids
}

func outOf(body []byte) string {
	var in struct {
		OutOrderID string `json:"outOrderId"`
	}
	json.Unmarshal(body, &in)
	return in.OutOrderID
}

// draw picks the fault of one request.
func (w *world) draw(perMille int, from []fault) fault {
	if !w.chance(perMille) {
		return fNone
	}
	return from[w.rng.IntN(len(from))]
}

// onCreate checks a create about to leave the desk and draws its fault.
func (w *world) onCreate(body []byte) (fault, *attempt) {
	at := &attempt{}
	var in xport.OrderRequest
	if err := json.Unmarshal(body, &in); err != nil || len(in.Cargo) == 0 {
		w.failf("a create the test cannot read (%v): %s", err, body)
		return fNone, at
	}
	id := in.OutOrderID
	seller := ""
	if s := w.sellerOf[string(in.Cargo[0].OfferID)]; s != nil {
		seller = s.OpenID
	}
	var skus []cart.Key
	for _, c := range in.Cargo {
		skus = append(skus, cart.Key{OfferID: string(c.OfferID), SpecID: c.SpecID})
	}
	who := fmt.Sprintf("create %s (seller %s, %v)", id, seller, skus)
	j := w.journal()
	intents := j.intents(id)
	at.intent = len(intents) - 1

	// The intent is on disk before the create leaves, with these lines.
	var cur journal.Intent
	if len(intents) == 0 {
		w.failf("%s was sent with no intent in the journal", who)
	} else {
		cur = intents[len(intents)-1]
		if !sameLines(cur.Lines, in.Cargo) || cur.SellerOpenID != seller {
			w.failf("%s: the journal's intent is for %s %+v", who, cur.SellerOpenID, cur.Lines)
		}
		if !j.pending(id) {
			w.failf("%s: its intent is not pending as the create leaves", who)
		}
	}

	if w.sent[id] > 0 {
		// Sent again under the same outOrderId: only the agent's typed
		// code does that.
		if w.tokens[id] == 0 {
			w.failf("SENT AGAIN WITHOUT THE CODE: %s is a create sent again under the same reference (%d before), but the agent typed no code for it; its earlier outcomes: %s",
				who, w.sent[id], describe(j.outcomes(id)))
		} else {
			w.tokens[id]--
		}
		if cur.Again == "" {
			w.failf("%s is sent again, but its intent does not say so (Again is empty)", who)
		}
		if len(intents) >= 2 {
			// Nothing settled it since the attempt before: the page only
			// offers R on an unsettled reference.
			if o, ok := j.finalAfter(id, len(intents)-2); ok {
				w.failf("ORDERED TWICE: %s sent again although the journal settled the reference as %s %v since", who, o.Result, o.OrderIDs)
			}
		}
		w.againSent[id]++
		w.stats["creates sent again after the typed code"]++
		if first := w.sentBy[id]; first.purchase != w.n {
			w.stats["sent again from a later purchase"]++
		}
	} else {
		if cur.Again != "" {
			w.failf("%s is the first create of its reference, but its intent says Again %q", who, cur.Again)
		}
		// The first create of a reference: no other create of the same
		// goods may be unsettled, nor created in this purchase.
		for _, other := range j.pendingIntents() {
			if oid := other.OutOrderID; oid != id && other.SellerOpenID == seller && overlap(other.Lines, skus) {
				w.failf("BLIND RETRY: %s sent under a new reference while %s, an earlier create of the same goods, is unsettled (%s)", who, oid, describe(j.outcomes(oid)))
			}
		}
		for _, oid := range j.ids {
			if oid == id || w.sentBy[oid].purchase != w.n {
				continue
			}
			other := j.intents(oid)
			if last, ok := j.lastFinal(oid); ok && last.Result == journal.Created && other[0].SellerOpenID == seller && overlap(other[0].Lines, skus) {
				w.failf("ORDERED TWICE: %s sent in the purchase that already created %s (orders %v) for the same goods", who, oid, last.OrderIDs)
			}
		}
		// The service holds nothing under a fresh reference.
		if orders := w.ordersOf(id); len(orders) > 0 {
			w.failf("%s is the first create of its reference, but the service has orders %v under it", who, orders)
		}
	}

	// A page sends a group's goods under one reference, however often.
	pk := pageKey{w.page, seller}
	if first, ok := w.pageRef[pk]; ok && first != id {
		w.failf("RETRIED UNDER A NEW REFERENCE: %s, where this page sent the same supplier's goods under %s before", who, first)
	} else if !ok {
		w.pageRef[pk] = id
	}

	if _, ok := w.sentBy[id]; !ok {
		w.sentBy[id] = sendRec{purchase: w.n, seller: seller}
	}
	w.sent[id]++
	w.attempts[id] = append(w.attempts[id], at)
	w.looked[id], w.notFound[id] = false, false
	w.stats["creates sent"]++
	f := w.draw(w.prof.create, createFaults)
	if w.kind.hold && w.chance(w.prof.create/2) {
		f = heldFaults[w.rng.IntN(len(heldFaults))]
	}
	at.fault = f
	w.stats["create fault: "+f.String()]++
	w.logf("create %s %v, fault %s", id, skus, f)
	return f, at
}

func sameLines(lines []journal.Line, cargo []xport.Cargo) bool {
	if len(lines) != len(cargo) {
		return false
	}
	for i, l := range lines {
		c := cargo[i]
		if l.OfferID != string(c.OfferID) || l.SpecID != c.SpecID || l.Quantity != c.Quantity {
			return false
		}
	}
	return true
}

func overlap(lines []journal.Line, skus []cart.Key) bool {
	for _, l := range lines {
		if slices.Contains(skus, cart.Key{OfferID: l.OfferID, SpecID: l.SpecID}) {
			return true
		}
	}
	return false
}

// ---- the checks ----

// checkWords fails on words that call a create not placed: nothing the
// desk sees proves that (the only "Not placed with" the page has is for a
// create that never left, which this test does not cause).
func (w *world) checkWords(where, text string) {
	if strings.Contains(strings.ToLower(strings.Join(strings.Fields(text), " ")), "not placed") {
		w.failf("%s says \"not placed\": %q", where, text)
	}
}

// checkView runs after every message and key: the page never says "not
// placed", never offers one key to send what was sent before or what an
// unsettled create carries, and shows unsettled only what the journal
// holds open.
func (w *world) checkView(page common.Page) {
	j := w.journal()
	if page.CapturesInput() {
		// The prompt asks whether the agent checked that it was not
		// placed: the question, not a claim.
		w.checkWords("the page", checkout.ChaosGroupsText(page))
	} else {
		w.checkWords("the page", checkout.ChaosText(page))
	}
	for i, g := range checkout.ChaosGroups(page) {
		who := fmt.Sprintf("group %d (%s, reference %q)", i, g.SellerOpenID, g.OutOrderID)
		if g.Retriable && g.Phase != checkout.ChaosPreviewFailed && g.Phase != checkout.ChaosUnsettled {
			w.failf("%s offers r in phase %s", who, g.Phase)
		}
		switch g.Phase {
		case checkout.ChaosReady:
			if g.OutOrderID != "" && w.sent[g.OutOrderID] > 0 {
				w.failf("ONE-KEY SEND OFFERED: %s is ready (enter, y sends it) although its reference was sent before: %s", who, describe(j.outcomes(g.OutOrderID)))
			}
			for _, in := range j.pendingIntents() {
				if in.SellerOpenID == g.SellerOpenID && overlap(in.Lines, g.Keys) {
					w.failf("ONE-KEY SEND OFFERED: %s is ready although %s, a create of the same goods, is unsettled (%s)", who, in.OutOrderID, describe(j.outcomes(in.OutOrderID)))
				}
			}
		case checkout.ChaosUnsettled:
			w.stats["unsettled groups shown"]++
			if !g.Previewed {
				w.stats["unsettled groups shown without a preview"]++
				if slices.Contains(w.lostQ, g.OutOrderID) || slices.ContainsFunc(w.held, func(h heldCreate) bool { return h.id == g.OutOrderID }) {
					// Its create lands later: the preview the next look-up
					// starts may come back after a look-up found the order.
					w.stats["unsettled without a preview, its create still held"]++
				}
			}
			if g.OutOrderID == "" || !j.pending(g.OutOrderID) {
				w.failf("%s shows unsettled; the journal says %s", who, describe(j.outcomes(g.OutOrderID)))
			}
		}
	}
}

// checkPage compares what the page ended with to the journal and the
// sandbox.
func (w *world) checkPage(page common.Page) {
	j := w.journal()
	for i, g := range checkout.ChaosGroups(page) {
		who := fmt.Sprintf("group %d (%s, %s, reference %q)", i, g.SellerOpenID, g.SellerName, g.OutOrderID)
		w.stats["groups ended "+g.Phase]++
		if g.InFlight {
			w.failf("%s is still in flight with nothing left to run", who)
			continue
		}
		var orders []string
		if g.OutOrderID != "" {
			orders = w.ordersOf(g.OutOrderID)
		}
		last, final := j.lastFinal(g.OutOrderID)
		switch g.Phase {
		case checkout.ChaosCreated:
			if len(g.OrderIDs) == 0 || !subset(g.OrderIDs, orders) {
				w.failf("%s shows orders %v; the sandbox has %v", who, g.OrderIDs, orders)
			}
			if !final || last.Result != journal.Created || j.pending(g.OutOrderID) {
				w.failf("%s is created; the journal says %s", who, describe(j.outcomes(g.OutOrderID)))
			}
		case checkout.ChaosFailed:
			if len(orders) != 0 {
				w.failf("%s shows failed; the sandbox has orders %v", who, orders)
			}
			if !final || last.Result != journal.Refused || j.pending(g.OutOrderID) {
				w.failf("%s shows failed; the journal says %s", who, describe(j.outcomes(g.OutOrderID)))
			}
		case checkout.ChaosUnsettled:
			w.stats["groups ended unsettled, "+g.Look]++
			if !j.pending(g.OutOrderID) {
				w.failf("%s shows unsettled; the journal has it settled: %s", who, describe(j.outcomes(g.OutOrderID)))
			}
			if g.Look == "failed" && w.lookups[g.OutOrderID] {
				w.failf("%s shows its look-up failed, but its last look-up was answered", who)
			}
		case checkout.ChaosRefused, checkout.ChaosReady, checkout.ChaosPreviewFailed:
			if g.OutOrderID != "" && len(orders) > 0 {
				w.failf("%s shows %s; the sandbox has orders %v", who, g.Phase, orders)
			}
		default:
			w.failf("%s ended in phase %s", who, g.Phase)
		}
	}
}

// onRecord checks each journal record as it is first seen: right after
// the command that wrote it, before anything the service holds commits.
func (w *world) onRecord(v *jview, r jrec) {
	if r.Outcome == nil {
		return
	}
	o := *r.Outcome
	id := o.OutOrderID
	w.stats["outcomes "+string(o.Result)]++
	switch o.Result {
	case journal.NotPlaced:
		w.failf("NOT PLACED WRITTEN: the desk recorded %s as not placed (%s); only the agent settles that, and never through the desk", id, o.Reason)
	case journal.Refused:
		cur := len(v.intents(id)) - 1
		var lost []string
		for k, at := range w.attempts[id] {
			if at.lost {
				lost = append(lost, fmt.Sprintf("create #%d (%s)", k+1, at))
			}
		}
		switch n := len(w.attempts[id]); {
		case n > 0 && w.attempts[id][n-1].intent == cur && w.attempts[id][n-1].lost:
			w.failf("REFUSED AFTER A LOST ANSWER: %s recorded refused (%s), but its create's answer was lost: %v", id, o.Reason, lost)
		case len(lost) > 0:
			w.failf("REFUSED AFTER A LOST ANSWER: %s recorded refused (%s) on the answer of its create #%d, but earlier creates under the same reference lost their answers and may still land: %v; nothing looks them up any more, and the page says nothing was ordered",
				id, o.Reason, n, lost)
		}
	case journal.Created:
		orders := w.ordersOf(id)
		if len(o.OrderIDs) == 0 || !subset(o.OrderIDs, orders) {
			w.failf("CREATED WITH ORDERS NOT ITS OWN: the journal says %s was created as %v (%s); the sandbox holds %v under it", id, o.OrderIDs, o.Reason, orders)
		}
	case journal.NotFoundYet:
		w.notFound[id] = true
		if orders := w.ordersOf(id); len(orders) > 0 {
			w.failf("the journal says no order under %s yet (%s); the sandbox holds %v under it", id, o.Reason, orders)
		}
	case journal.Unknown:
		if strings.HasPrefix(o.Reason, "looked up") {
			w.stats["look-ups that proved nothing (unknown)"]++
		}
	default:
		w.failf("the journal has %q for %s", o.Result, id)
	}
}

// audit is the end: every intent as the sandbox says.
func (w *world) audit() {
	j := w.journal()
	perGroup := map[string][]string{}
	held := 0
	for _, id := range j.ids {
		orders := w.ordersOf(id)
		held += len(orders)
		in := j.intents(id)
		w.stats["intents"]++
		who := fmt.Sprintf("%s (%s, purchase %d)", id, in[0].SellerName, w.sentBy[id].purchase)
		again := w.againSent[id]
		deliberate := w.kind.dialect.NoDedupe && again > 0
		if len(orders) > 1 {
			switch {
			case !deliberate:
				w.failf("ORDERED TWICE: %s has %d orders: %v (sent %d times, %d after the typed code)", who, len(orders), orders, w.sent[id], again)
			case len(orders) > 1+again:
				w.failf("ORDERED TWICE: %s has %d orders: %v, more than its %d creates", who, len(orders), orders, 1+again)
			default:
				w.stats["second orders the agent chose (code typed, nodedupe)"] += len(orders) - 1
				if !slices.ContainsFunc(in, func(x journal.Intent) bool { return x.Again != "" }) {
					w.failf("%s has %d orders after a typed code, but no intent of it says Again", who, len(orders))
				}
			}
		}
		if j.pending(id) {
			last, _ := j.lastOutcome(id)
			w.stats["intents left unsettled"]++
			if len(orders) > 0 {
				if w.kind.dialect.Push && last.Result == journal.Unknown {
					w.stats["unsettled with an order the desk cannot see (push)"]++
				} else {
					w.failf("%s is still pending (%s) after every create landed and a start without faults; the sandbox has %v", who, describe(j.outcomes(id)), orders)
				}
			}
			continue
		}
		last, _ := j.lastFinal(id)
		w.stats["intents ended "+string(last.Result)]++
		switch last.Result {
		case journal.Created:
			if !subset(last.OrderIDs, orders) || (!sameSet(last.OrderIDs, orders) && !deliberate) {
				w.failf("%s is created as %v; the sandbox has %v", who, last.OrderIDs, orders)
			}
			if r := w.sentBy[id]; r.purchase > 0 {
				k := fmt.Sprintf("purchase %d seller %s", r.purchase, r.seller)
				perGroup[k] = append(perGroup[k], id)
			}
		default:
			if len(orders) != 0 {
				w.failf("%s ended %s; the sandbox has orders %v", who, last.Result, orders)
			}
		}
	}
	// Every order in the sandbox belongs to an intent.
	if w.kind.dialect.Push {
		if n := w.sb.OrderCount(); n != held {
			w.failf("the sandbox holds %d orders; the intents account for %d", n, held)
		}
	} else {
		for id, orders := range w.allOrders() {
			if len(j.intents(id)) == 0 {
				w.failf("the sandbox has orders %v under %q, which no intent names", orders, id)
			}
		}
	}
	for k, ids := range perGroup {
		if len(ids) > 1 {
			w.failf("ORDERED TWICE: %s was created under %v", k, ids)
		}
	}
	// The journal's own reading agrees with this test's.
	jr, err := journal.Open(w.dir)
	w.must(err)
	recs, err := jr.Read()
	w.must(err)
	if len(recs.Notes) > 0 {
		w.failf("the journal has lines it cannot read: %v", recs.Notes)
	}
	var mine, theirs []string
	for _, in := range j.pendingIntents() {
		mine = append(mine, in.OutOrderID)
	}
	for _, in := range recs.Pending() {
		theirs = append(theirs, in.OutOrderID)
	}
	if !slices.Equal(mine, theirs) {
		w.failf("the journal's pending intents are %v; by this test's reading %v", theirs, mine)
	}
}

// ---- the journal and the sandbox, as they are ----

// jrec is one line of the journal.
type jrec struct {
	Kind    string           `json:"kind"`
	Intent  *journal.Intent  `json:"intent"`
	Outcome *journal.Outcome `json:"outcome"`
}

// jview is the journal as read so far, record by record in the order
// written (the journal only grows).
type jview struct {
	seq  int64
	jr   *journal.Journal // this test's own handle on the state database
	byID map[string][]jrec
	ids  []string // in the order of their first intent
}

func newJView() *jview { return &jview{byID: map[string][]jrec{}} }

// journal reads what was appended to the journal since the last read,
// checking each new record.
func (w *world) journal() *jview {
	v := w.jv
	if v.jr == nil {
		if _, err := os.Stat(filepath.Join(w.dir, statedb.FileName)); errors.Is(err, os.ErrNotExist) {
			return v
		}
		jr, err := journal.Open(w.dir)
		if err != nil {
			// Errorf, not Fatal: this runs in the wire too.
			w.t.Errorf("%s: opening the journal: %v", w.where(), err)
			return v
		}
		v.jr = jr
	}
	for {
		es, err := v.jr.Since(v.seq, 500)
		if err != nil {
			w.failf("the journal has a record this test cannot read: %v", err)
			return v
		}
		if len(es) == 0 {
			return v
		}
		for _, e := range es {
			v.seq = e.Seq
			r := jrec{Intent: e.Intent, Outcome: e.Outcome}
			var id string
			switch {
			case r.Intent != nil:
				r.Kind = "intent"
				id = r.Intent.OutOrderID
				if len(v.byID[id]) == 0 {
					v.ids = append(v.ids, id)
				}
			case r.Outcome != nil:
				r.Kind = "outcome"
				id = r.Outcome.OutOrderID
			default:
				w.failf("the journal has a record of no kind: %d", e.Seq)
				continue
			}
			v.byID[id] = append(v.byID[id], r)
			w.onRecord(v, r)
		}
	}
}

func (v *jview) intents(id string) []journal.Intent {
	var out []journal.Intent
	for _, r := range v.byID[id] {
		if r.Intent != nil {
			out = append(out, *r.Intent)
		}
	}
	return out
}

func (v *jview) outcomes(id string) []journal.Outcome {
	var out []journal.Outcome
	for _, r := range v.byID[id] {
		if r.Outcome != nil {
			out = append(out, *r.Outcome)
		}
	}
	return out
}

// pending reports an intent of id with no final outcome after it.
func (v *jview) pending(id string) bool {
	open := false
	for _, r := range v.byID[id] {
		switch {
		case r.Intent != nil:
			open = true
		case r.Outcome.Result.Final():
			open = false
		}
	}
	return open
}

// pendingIntents are the latest intent of each pending id, oldest id
// first.
func (v *jview) pendingIntents() []journal.Intent {
	var out []journal.Intent
	for _, id := range v.ids {
		if v.pending(id) {
			in := v.intents(id)
			out = append(out, in[len(in)-1])
		}
	}
	return out
}

func (v *jview) lastFinal(id string) (journal.Outcome, bool) {
	var last journal.Outcome
	ok := false
	for _, o := range v.outcomes(id) {
		if o.Result.Final() {
			last, ok = o, true
		}
	}
	return last, ok
}

func (v *jview) lastOutcome(id string) (journal.Outcome, bool) {
	os := v.outcomes(id)
	if len(os) == 0 {
		return journal.Outcome{}, false
	}
	return os[len(os)-1], true
}

// finalAfter is a final outcome of id written after its intent number k.
func (v *jview) finalAfter(id string, k int) (journal.Outcome, bool) {
	n := -1
	for _, r := range v.byID[id] {
		switch {
		case r.Intent != nil:
			n++
		case n == k && r.Outcome.Result.Final():
			return *r.Outcome, true
		}
	}
	return journal.Outcome{}, false
}

func describe(os []journal.Outcome) string {
	if len(os) == 0 {
		return "no outcome"
	}
	var parts []string
	for _, o := range os {
		parts = append(parts, fmt.Sprintf("%s %v (%s)", o.Result, o.OrderIDs, o.Reason))
	}
	return strings.Join(parts, " then ")
}

// ordersOf is the ids of the sandbox's orders under one outOrderId: the
// auditor's look-up, or in a push world (whose orders carry no
// outOrderId) the ledger forward keeps. Only a commit changes them, so
// answers are kept until the next one.
func (w *world) ordersOf(id string) []string {
	if id == "" {
		return nil
	}
	if w.kind.dialect.Push {
		return slices.Clone(w.ledger[id])
	}
	if ids, ok := w.ocache[id]; ok {
		return ids
	}
	page, err := w.aud.ListOrders(context.Background(), xport.OrderQuery{OutOrderID: id, PageSize: 100})
	if err != nil {
		// Errorf, not Fatalf: this runs in the wire too.
		w.t.Errorf("%s: the auditor's look-up of %s: %v", w.where(), id, err)
		return nil
	}
	ids := []string{}
	for _, o := range page.Orders {
		if string(o.BaseInfo.OutOrderID) == id {
			ids = append(ids, o.BaseInfo.OrderIDString())
		}
	}
	w.ocache[id] = ids
	return ids
}

// allOrders is every order in the sandbox by outOrderId.
func (w *world) allOrders() map[string][]string {
	out := map[string][]string{}
	for page := 1; ; page++ {
		p, err := w.aud.ListOrders(context.Background(), xport.OrderQuery{Page: page, PageSize: 100})
		if err != nil {
			w.t.Fatal(err)
		}
		for _, o := range p.Orders {
			id := string(o.BaseInfo.OutOrderID)
			out[id] = append(out[id], o.BaseInfo.OrderIDString())
		}
		if len(p.Orders) < 100 {
			return out
		}
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func subset(a, b []string) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

// ---- reporting ----

func (w *world) where() string {
	switch {
	case w.n == 0:
		return fmt.Sprintf("seed %d (%s), before the first purchase", w.seed, w.kind.name)
	case w.n > w.total:
		return fmt.Sprintf("seed %d (%s), the start after the last purchase", w.seed, w.kind.name)
	}
	return fmt.Sprintf("seed %d (%s), purchase %d", w.seed, w.kind.name, w.n)
}

func (w *world) logf(format string, args ...any) {
	w.trace = append(w.trace, fmt.Sprintf(format, args...))
}

func (w *world) traceText() string {
	tr := w.trace
	if len(tr) > 100 {
		tr = tr[len(tr)-100:]
	}
	return "    " + strings.Join(tr, "\n    ")
}

func (w *world) failf(format string, args ...any) {
	w.fails++
	if w.fails > 5 {
		return
	}
	w.t.Errorf("%s: %s\n  (-chaos.seed=%d -chaos.worlds=1 repeats it) what happened in this purchase:\n%s",
		w.where(), fmt.Sprintf(format, args...), w.seed, w.traceText())
}

func (w *world) must(err error) {
	if err != nil {
		w.t.Fatalf("%s: %v", w.where(), err)
	}
}
