package checkout_test

// TestChaosPurchases is the proof of "nothing ordered twice" (issue 5):
// hundreds of randomized purchases through the checkout page against the
// sandbox, with faults on the create, the look-up and the payment, and the
// process killed between send and answer, each kill followed by a new
// start of the whole app on the same state directory.
//
// What is checked, and when:
//
//   - At every create that leaves the desk (in the transport, before it
//     reaches the sandbox): the journal already holds its intent with
//     these lines; no order exists under its outOrderId; a create sent
//     again under the same outOrderId follows a look-up that found
//     nothing; and no other create of the same goods is unresolved, or
//     already created in the same purchase. Any of these is a blind retry.
//   - After every message the page handles: a group the page offers to
//     send again (in its state, and any reference its text offers to send
//     again) has a journal whose last word is a look-up that found
//     nothing, and no order in the sandbox.
//   - At the end of each purchase: each group's state agrees with the
//     journal and the sandbox; a group still unknown is one whose last
//     look-up failed.
//   - At each start: every intent pending before it is settled as the
//     sandbox says, or still pending because its look-up failed; the
//     status line says what was found; lines of orders found to exist left
//     the cart.
//   - At every P: at most one payment request.
//   - At the end, after a start without faults: no intent is pending; each
//     outOrderId has exactly one order or none, as its outcome says; every
//     order in the sandbox belongs to an intent.
//
// Commands run one at a time, in an order drawn from the seed, and the
// faults are drawn per request from the same seed, so a failure comes back
// with -chaos.seed (unless it hung on the machine's timing: a request that
// times out without a fault is one more fault, which the checks allow). The test is in package checkout_test so that a start
// can be the app's own (app.New(...).Init()); chaos_export_test.go lets it
// read the page.

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
	"os"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"caigou/ui/app"
	"caigou/ui/cart"
	"caigou/ui/checkout"
	"caigou/ui/common"
	"caigou/ui/journal"
	"caigou/ui/keys"
	"caigou/ui/uitest"
	"caigou/xport"
	"caigou/xport/sandbox"

	tea "github.com/charmbracelet/bubbletea"
)

var (
	chaosSeed   = flag.Uint64("chaos.seed", 5, "seed of TestChaosPurchases (each world adds its number)")
	chaosN      = flag.Int("chaos.n", 220, "purchases in TestChaosPurchases, over all worlds")
	chaosWorlds = flag.Int("chaos.worlds", 8, "independent worlds (sandbox and state directory) TestChaosPurchases shares the purchases among")
)

// chaosTimeout bounds one HTTP attempt. Faults that cost a whole timeout
// (an answer that never comes, latency beyond it) are kept rare so the
// test stays fast.
const chaosTimeout = 200 * time.Millisecond

func TestChaosPurchases(t *testing.T) {
	// Several small worlds rather than one big one: each check reads the
	// whole journal, which grows with every purchase.
	worlds := max(*chaosWorlds, 1)
	per := (max(*chaosN, 1) + worlds - 1) / worlds
	var offers atomic.Int64
	t.Cleanup(func() {
		// The text check must have matched something, or it checks nothing.
		if !t.Failed() && offers.Load() == 0 {
			t.Error("the page's text never offered to send again: has its wording changed? (see offerRe)")
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
				w.run(per)
				offers.Add(int64(w.stats["view offers"]))
			})
		})
	}
	wg.Wait()
}

// fault is what one request meets on its way.
type fault int

const (
	fNone       fault = iota
	fSlow             // an answer that comes late, but in time
	fLate             // latency beyond the timeout: the request is dropped unread
	fCommitLost       // the write takes effect and its answer never comes
	fTruncated        // the answer (after the write took effect) is cut short
	fReset            // the connection drops before the service reads the request
	f5xx              // 502
	fMalformed        // an HTML page with status 200
	f429              // rate limited
)

var faultNames = map[fault]string{
	fNone: "none", fSlow: "slow", fLate: "late beyond the timeout", fCommitLost: "commit then no answer",
	fTruncated: "answer cut short", fReset: "connection reset", f5xx: "502", fMalformed: "HTML answer", f429: "429",
}

func (f fault) String() string { return faultNames[f] }

// sandbox is the sandbox setting that makes a request to ep meet f.
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

// The faults each endpoint meets, as many times as they weigh. The ones
// that cost a whole timeout (fLate, fCommitLost) are the rarest.
var (
	createFaults = []fault{fCommitLost, fLate, fTruncated, fTruncated, fReset, fReset, f5xx, f5xx, fMalformed, fMalformed, fSlow, fSlow, f429}
	listFaults   = []fault{fReset, fReset, f5xx, f5xx, f5xx, fMalformed, fMalformed, fTruncated, fTruncated, f429, f429, fSlow, fSlow, fLate}
	payFaults    = []fault{fCommitLost, f5xx, fReset, fTruncated, fMalformed, fSlow}
)

// profile is how often requests meet a fault, per mille.
type profile struct{ create, list, pay int }

// world is one sandbox and one state directory, lived in by a succession
// of processes (Commons), one purchase after another.
type world struct {
	t     *testing.T
	seed  uint64
	rng   *rand.Rand
	sb    *sandbox.Server
	dir   string
	addr  xport.Address
	paths map[string]xport.Endpoint
	aud   *xport.Client // sees the sandbox as it is, without faults

	offers   []*sandbox.Offer // orderable
	bySeller map[*sandbox.Seller][]*sandbox.Offer
	shorts   []*sandbox.Offer           // refused at one piece (500_005)
	left     map[*sandbox.SKU]int64     // stock not yet spoken for, by this test's count
	sellerOf map[string]*sandbox.Seller // by offer id

	proc   *process
	procs  []*process
	starts int

	n       int      // the purchase under way (0 before the first)
	total   int      // the purchases to make
	trace   []string // what happened in it
	prof    profile
	sentBy  map[string]sendRec // the first create of each outOrderId
	sent    map[string]int     // create requests per outOrderId
	lookups map[string]bool    // outOrderId: its last look-up request was answered cleanly
	lookAt  map[string]int     // outOrderId: the start (process) that last looked it up
	stats   map[string]int
	fails   int

	page    int                // the checkout pages opened so far
	pageRef map[pageKey]string // the first reference each page sent each supplier's goods under

	jcache jview               // the journal as last read
	jsize  int64               // its size then
	ocache map[string][]string // the sandbox's orders by outOrderId, until the next create
}

type pageKey struct {
	page   int
	seller string
}

type sendRec struct {
	purchase int
	seller   string
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
	w := &world{
		t:        t,
		seed:     seed,
		rng:      rand.New(rand.NewPCG(seed, 0xc4a05)),
		sb:       sandbox.New(sandbox.Options{Seed: 1, Clock: func() time.Time { return time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC) }}),
		dir:      t.TempDir(),
		paths:    map[string]xport.Endpoint{},
		bySeller: map[*sandbox.Seller][]*sandbox.Offer{},
		left:     map[*sandbox.SKU]int64{},
		sellerOf: map[string]*sandbox.Seller{},
		sentBy:   map[string]sendRec{},
		sent:     map[string]int{},
		lookups:  map[string]bool{},
		lookAt:   map[string]int{},
		stats:    map[string]int{},
		ocache:   map[string][]string{},
		pageRef:  map[pageKey]string{},
	}
	for ep, info := range xport.DefaultPaths() {
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
		if k.Price > 0 && k.Stock >= 4*qtyOf(o) {
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

func (w *world) client(p *process) *xport.Client {
	cfg := sandbox.Credentials("http://sandbox.invalid/api")
	cfg.RequestsPerSecond = 10000
	cfg.Timeout = chaosTimeout
	if p == nil {
		// The auditor meets no faults; a busy machine must not fail it.
		cfg.Timeout = 5 * time.Second
	}
	cl, err := xport.New(cfg,
		xport.WithHTTPClient(&http.Client{Transport: &wire{w: w, p: p}}),
		xport.WithSleep(func(ctx context.Context, _ time.Duration) error { return ctx.Err() }))
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
		// be settled, none is left to a session still sending it.
		Now: func() time.Time { return time.Now().Add(time.Hour) },
	}
	p.c.Init()
	w.procs = append(w.procs, p)
	return p
}

// ---- the purchases ----

func (w *world) run(n int) {
	began := time.Now()
	w.total = n
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
	// The last start meets no fault: everything left must settle.
	w.restart("the last start, without faults", false)
	w.audit()
	w.t.Logf("seed %d: %d purchases, %d starts in %s; %v", w.seed, n, w.starts, time.Since(began).Round(time.Millisecond), w.statLine())
}

func (w *world) statLine() string {
	var ks []string
	for k := range w.stats {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	var out []string
	for _, k := range ks {
		out = append(out, fmt.Sprintf("%s %d", k, w.stats[k]))
	}
	return strings.Join(out, ", ")
}

func (w *world) chance(perMille int) bool { return w.rng.IntN(1000) < perMille }

func (w *world) drawProfile() profile {
	rates := []int{0, 0, 300, 600, 1000}
	return profile{
		create: rates[w.rng.IntN(len(rates))],
		// Now and then the order list is down: every look-up fails.
		list: []int{0, 0, 200, 500, 1000}[w.rng.IntN(5)],
		pay:  rates[w.rng.IntN(len(rates))],
	}
}

func (w *world) purchase() {
	p := w.proc
	w.prof = w.drawProfile()
	msgs := w.fillCart(p)
	w.logf("profile: create %d‰, look-up %d‰, pay %d‰", w.prof.create, w.prof.list, w.prof.pay)
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
		page, ok = w.checkout(p, msgs)
	}
	if !ok {
		w.stats["kills"]++
		w.restart("after the kill", true)
		return
	}
	page.Close()
	p.kill = nil
	if w.chance(50) {
		w.restart("the agent quits and starts again", true)
	}
}

// reopenChance is how likely the agent opens the checkout again: most
// likely when a group is left unknown, the case that must not become a
// blind retry.
func (w *world) reopenChance(page common.Page) int {
	for _, g := range checkout.ChaosGroups(page) {
		if g.Phase == checkout.ChaosCheckFailed {
			return 700
		}
	}
	return 250
}

// unsettled reports a group the agent might want to order again.
func (w *world) unsettled(page common.Page) bool {
	for _, g := range checkout.ChaosGroups(page) {
		switch g.Phase {
		case checkout.ChaosCheckFailed, checkout.ChaosNotPlaced, checkout.ChaosFailed:
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
	keep := w.chance(300) && len(crt.Lines()) > 0
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
		if k.Price > 0 && w.left[k] >= 3*q {
			return k
		}
	}
	return nil
}

func (w *world) put(crt *cart.Cart, o *sandbox.Offer, k *sandbox.SKU, q int64, why string) {
	// Spoken for twice over: the checkout may be opened again over it.
	w.left[k] -= 2 * q
	w.logf("cart: %s %s ×%d from %s %s", o.ID, k.SpecID, q, o.Seller.OpenID, why)
	w.must(crt.Put(cart.Line{
		OfferID: o.ID, SpecID: k.SpecID, SkuID: k.ID, Title: o.SubjectEN, TitleZH: o.Subject,
		Quantity: q, UnitPrice: k.Price, SellerOpenID: o.Seller.OpenID, SellerName: o.Seller.Company,
		MOQ: o.MOQ, Batch: o.Batch, Stock: -1,
	}))
}

// checkout opens the page over the cart and does what an agent does:
// enter and y, r on what is left unknown or not placed, P now and then.
// ok is false when the process was killed on the way.
func (w *world) checkout(p *process, msgs map[string]string) (common.Page, bool) {
	w.page++
	page := checkout.New(p.c, w.addr, p.c.Cart.Groups(), msgs)
	page.SetSize(200, 80)
	d := w.pageDriver(p, page)
	if !d.run(page.Init()) {
		return page, false
	}
	d.keys = []string{"r", "y", "enter", "up", "down", "esc"}
	d.press("enter")
	if checkout.ChaosConfirming(page) {
		d.press("y")
	}
	if !d.run(nil) {
		return page, false
	}
	// What the agent does about what is left.
	for range 3 {
		acted := false
		for i, g := range checkout.ChaosGroups(page) {
			switch {
			case g.Phase == checkout.ChaosCheckFailed && w.chance(400):
				if w.chance(300) {
					w.prof.list = 0
				}
				checkout.ChaosSelect(page, i)
				d.press("r")
			case g.Phase == checkout.ChaosNotPlaced && w.chance(600):
				checkout.ChaosSelect(page, i)
				d.press("r")
				if checkout.ChaosConfirming(page) {
					d.press("y")
				}
			case g.Phase == checkout.ChaosReady:
				// Ready since (an earlier create of its goods was found
				// absent, then it was previewed).
				if checkout.ChaosConfirming(page) {
					d.press("esc")
				}
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
	if checkout.ChaosConfirming(page) {
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

// ---- the start ----

// restart is the next start: a new process on the same state directory
// and sandbox, driven through the app's own Init, whose start check looks
// up every pending intent.
func (w *world) restart(why string, faults bool) {
	before := w.journal()
	pending := before.recs.Pending()
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
	if !d.run(root.Init()) {
		killed = true
	}
	p.kill = nil
	w.stats["starts"]++
	if killed {
		w.stats["kills during a start"]++
		w.restart("after a kill during the start", faults)
		return
	}
	status := strings.Join(d.status, "\n")
	after := w.journal()
	lines := map[cart.Key]bool{}
	for _, l := range p.c.Cart.Lines() {
		lines[l.Key()] = true
	}
	for _, in := range pending {
		id := in.OutOrderID
		if w.lookAt[id] != p.n {
			w.failf("start %d did not look up %s (%s), pending before it", p.n, id, in.SellerName)
			continue
		}
		if after.pending[id] {
			w.stats["left pending by a failed look-up at start"]++
			if w.lookups[id] {
				w.failf("%s (%s) is still pending after start %d, whose look-up of it was answered", id, in.SellerName, p.n)
			}
			if !strings.Contains(status, "Could not check") || !strings.Contains(status, in.SellerName) {
				w.failf("the start did not say it could not check %s (%s): %q", id, in.SellerName, status)
			}
			continue
		}
		orders := w.ordersOf(id)
		last, _ := after.lastFinal(id)
		switch {
		case len(orders) > 0:
			w.stats["found placed at start"]++
			if last.Result != journal.Created || !sameSet(last.OrderIDs, orders) {
				w.failf("start %d settled %s as %s %v; the sandbox has %v", p.n, id, last.Result, last.OrderIDs, orders)
			}
			for _, o := range orders {
				if !strings.Contains(status, "WAS placed") || !strings.Contains(status, o) {
					w.failf("the start did not say %s was placed as order %s: %q", id, o, status)
				}
			}
			for _, l := range in.Lines {
				if lines[cart.Key{OfferID: l.OfferID, SpecID: l.SpecID}] {
					w.failf("%s was found placed at start, but its line %s %s is still in the cart", id, l.OfferID, l.SpecID)
				}
			}
		default:
			w.stats["found not placed at start"]++
			if last.Result != journal.NotPlaced {
				w.failf("start %d settled %s as %q; the sandbox has no order", p.n, id, last.Result)
			}
			if !strings.Contains(status, "was NOT placed") {
				w.failf("the start did not say %s was not placed: %q", id, status)
			}
		}
	}
}

// ---- the driver ----

// driver runs a model's commands one at a time, in an order drawn from
// the seed, feeding each message back, as the Bubble Tea runtime would
// with its goroutines in some order. It stops when the process is killed.
type driver struct {
	w      *world
	p      *process
	update func(tea.Msg) tea.Cmd
	after  func()
	pool   []tea.Cmd
	status []string
	// keys are pressed at random between commands, as an impatient agent
	// would.
	keys []string
}

func (w *world) pageDriver(p *process, page common.Page) *driver {
	d := &driver{w: w, p: p}
	d.update = func(msg tea.Msg) tea.Cmd {
		_, cmd := page.Update(msg)
		return cmd
	}
	d.after = func() { w.checkOffers(page) }
	return d
}

func (d *driver) add(cmd tea.Cmd) {
	if cmd != nil {
		d.pool = append(d.pool, cmd)
	}
}

func (d *driver) press(k string) {
	d.w.logf("key %s", k)
	d.add(d.update(uitest.Key(k)))
	if d.after != nil {
		d.after()
	}
}

// run runs cmd and everything that follows from it; false if the process
// was killed.
func (d *driver) run(cmd tea.Cmd) bool {
	d.add(cmd)
	for len(d.pool) > 0 {
		if len(d.keys) > 0 && d.w.chance(120) {
			d.press(d.keys[d.w.rng.IntN(len(d.keys))])
		}
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
	case common.ErrorMsg:
		d.status = append(d.status, fmt.Sprintf("%s: %v", m.What, m.Err))
		d.w.logf("error: %s: %v", m.What, m.Err)
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
// meets, checks every create before it leaves, kills the process when its
// plan says, and hands the request to the sandbox. p is nil for the
// auditor's client, which meets no faults.
type wire struct {
	w *world
	p *process
}

type doneKey struct{}

// tracked closes the request's done channel when the sandbox is through
// with it, so a request the client gave up on cannot land after the client
// moved on (a commit after the look-up that found nothing is a race of the
// test's making, which no desk can see).
type tracked struct{ h http.Handler }

func (t tracked) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	if done, ok := r.Context().Value(doneKey{}).(chan struct{}); ok {
		defer close(done)
	}
	t.h.ServeHTTP(rw, r)
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
		return x.forward(req, ep, body, fNone)
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
	switch ep {
	case xport.EpOrderCreate:
		f = w.onCreate(body)
	case xport.EpOrderList:
		f = w.draw(w.prof.list, listFaults)
	case xport.EpOrderPay:
		p.pays++
		f = w.draw(w.prof.pay, payFaults)
	}
	p.seen[ep]++
	if k := p.kill; k != nil && k.ep == ep && p.seen[ep] == k.nth {
		if k.forward {
			if resp, err := x.forward(req, ep, body, f); err == nil {
				resp.Body.Close()
			}
		}
		w.logf("KILLED at %s #%d, %s", ep, k.nth, map[bool]string{true: "after the service had the request", false: "before the request left"}[k.forward])
		close(p.dead)
		<-p.release
		return nil, errKilled
	}
	began := time.Now()
	resp, err := x.forward(req, ep, body, f)
	took := time.Since(began)
	if ep == xport.EpOrderList {
		var q struct {
			OutOrderID string `json:"outOrderId"`
		}
		json.Unmarshal(body, &q)
		// Answered cleanly: no fault but a little latency, and in good time.
		clean := (f == fNone || f == fSlow) && err == nil && resp.StatusCode == http.StatusOK && took < chaosTimeout*3/4
		w.lookups[q.OutOrderID] = clean
		w.lookAt[q.OutOrderID] = p.n
	}
	if err != nil {
		w.logf("%s → %v", ep, err)
	} else {
		w.logf("%s → HTTP %d", ep, resp.StatusCode)
	}
	return resp, err
}

func (x *wire) forward(req *http.Request, ep xport.Endpoint, body []byte, f fault) (*http.Response, error) {
	done := make(chan struct{})
	r := req.Clone(context.WithValue(req.Context(), doneKey{}, done))
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.ContentLength = int64(len(body))
	x.w.sb.SetFaults(f.sandbox(ep))
	defer x.w.sb.SetFaults(sandbox.Faults{})
	resp, err := (&sandbox.Transport{Handler: tracked{x.w.sb}}).RoundTrip(r)
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		x.w.t.Errorf("%s: the sandbox was still handling a %s request 5s later", x.w.where(), ep)
	}
	return resp, err
}

// draw picks the fault of one request.
func (w *world) draw(perMille int, from []fault) fault {
	if !w.chance(perMille) {
		return fNone
	}
	return from[w.rng.IntN(len(from))]
}

// onCreate checks a create about to leave the desk and draws its fault.
func (w *world) onCreate(body []byte) fault {
	var in xport.OrderRequest
	if err := json.Unmarshal(body, &in); err != nil || len(in.Cargo) == 0 {
		w.failf("a create the test cannot read (%v): %s", err, body)
		return fNone
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

	// The intent is on disk before the create leaves, with these lines.
	if len(intents) == 0 {
		w.failf("%s was sent with no intent in the journal", who)
	} else {
		cur := intents[len(intents)-1]
		if !sameLines(cur.Lines, in.Cargo) || cur.SellerOpenID != seller {
			w.failf("%s: the journal's intent is for %s %+v", who, cur.SellerOpenID, cur.Lines)
		}
		if !j.pending[id] {
			w.failf("%s: its intent is not pending as the create leaves", who)
		}
	}

	// Sent again under the same outOrderId: only after a look-up found
	// nothing (or the service refused it outright).
	if w.sent[id] > 0 {
		w.stats["sent again under the same reference"]++
		if len(intents) < 2 {
			w.failf("%s: sent again without a new intent", who)
		} else {
			prev, cur := intents[len(intents)-2], intents[len(intents)-1]
			finals := j.finalsBetween(id, prev.At, cur.At)
			if len(finals) == 0 || finals[len(finals)-1].Result == journal.Created {
				w.failf("BLIND RETRY: %s sent again while the earlier attempt's fate was %s", who, describe(finals))
			}
		}
		if first := w.sentBy[id]; first.purchase != w.n && w.n > 0 {
			w.stats["reference adopted from an earlier purchase"]++
		}
	}

	// A page sends a group's goods under one reference, however often:
	// should an earlier attempt land late, the service answers the retry
	// with the same order instead of a second one.
	pk := pageKey{w.page, seller}
	if first, ok := w.pageRef[pk]; ok && first != id {
		w.failf("RETRIED UNDER A NEW REFERENCE: %s, where this page sent the same supplier's goods under %s before", who, first)
	} else if !ok {
		w.pageRef[pk] = id
	}

	// No other create of the same goods may be unresolved, nor created in
	// this purchase.
	for _, other := range j.recs.Intents {
		oid := other.OutOrderID
		if oid == id || other.SellerOpenID != seller || !overlap(other.Lines, skus) {
			continue
		}
		if j.pending[oid] {
			w.failf("BLIND RETRY: %s sent while %s, an earlier create of the same goods, is unresolved (%s)", who, oid, describe(j.finals(oid)))
		}
		if last, ok := j.lastFinal(oid); ok && last.Result == journal.Created && w.sentBy[oid].purchase == w.n {
			w.failf("ORDERED TWICE: %s sent in the purchase that already created %s (orders %v) for the same goods", who, oid, last.OrderIDs)
		}
	}

	// The service holds nothing under it yet.
	if orders := w.ordersOf(id); len(orders) > 0 {
		w.failf("%s sent again although the service has orders %v under it", who, orders)
	}

	// What the sandbox holds may change from here.
	clear(w.ocache)
	if _, ok := w.sentBy[id]; !ok {
		w.sentBy[id] = sendRec{purchase: w.n, seller: seller}
	}
	w.sent[id]++
	w.stats["creates sent"]++
	f := w.draw(w.prof.create, createFaults)
	w.stats["create fault: "+f.String()]++
	w.logf("create %s %v, fault %s", id, skus, f)
	return f
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

// offerRe finds the references the page's text offers to send again: in
// a group's words ("…has no order under reference X. r sends it again…")
// and in the question ("Send the order with … again …, under the same
// reference X? …").
var offerRe = regexp.MustCompile(`under reference ([^\s.]+)\. \S+ sends it again|under the same reference ([^\s?,]+)\?`)

// checkOffers runs after every message and key: whatever the page offers
// to send again must have been looked up and found absent.
func (w *world) checkOffers(page common.Page) {
	var offered []string
	for i, g := range checkout.ChaosGroups(page) {
		if g.Retriable && g.Phase == checkout.ChaosNotPlaced {
			offered = append(offered, g.OutOrderID)
			w.stats["retry offers"]++
			if g.OutOrderID == "" {
				w.failf("group %d (%s) offers to send again with no reference", i, g.SellerOpenID)
			}
		}
		if g.Retriable && g.Phase != checkout.ChaosNotPlaced && g.Phase != checkout.ChaosCheckFailed && g.Phase != checkout.ChaosPreviewFailed {
			w.failf("group %d (%s, %s) offers r in phase %s", i, g.SellerOpenID, g.OutOrderID, g.Phase)
		}
	}
	for _, m := range offerRe.FindAllStringSubmatch(strings.Join(strings.Fields(checkout.ChaosText(page)), " "), -1) {
		w.stats["view offers"]++
		offered = append(offered, m[1]+m[2])
	}
	if len(offered) == 0 {
		return
	}
	j := w.journal()
	for _, id := range offered {
		last, ok := j.lastFinal(id)
		if j.pending[id] || !ok || last.Result != journal.NotPlaced {
			w.failf("BLIND RETRY OFFERED: the page offers to send %s again, but the journal's last word on it is %s (pending %v)", id, describe(j.finals(id)), j.pending[id])
		}
		if orders := w.ordersOf(id); len(orders) > 0 {
			w.failf("BLIND RETRY OFFERED: the page offers to send %s again, but the service has orders %v under it", id, orders)
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
			if len(orders) != 1 || !sameSet(orders, g.OrderIDs) {
				w.failf("%s shows orders %v; the sandbox has %v", who, g.OrderIDs, orders)
			}
			if !final || last.Result != journal.Created || !sameSet(last.OrderIDs, orders) || j.pending[g.OutOrderID] {
				w.failf("%s is created; the journal says %s", who, describe(j.finals(g.OutOrderID)))
			}
		case checkout.ChaosFailed, checkout.ChaosNotPlaced:
			if len(orders) != 0 {
				w.failf("%s shows %s; the sandbox has orders %v", who, g.Phase, orders)
			}
			want := journal.Refused
			if g.Phase == checkout.ChaosNotPlaced {
				want = journal.NotPlaced
			}
			if !final || last.Result != want || j.pending[g.OutOrderID] {
				w.failf("%s shows %s; the journal says %s", who, g.Phase, describe(j.finals(g.OutOrderID)))
			}
		case checkout.ChaosCheckFailed:
			// Unknown stays unknown only while the look-up fails.
			if !j.pending[g.OutOrderID] {
				w.failf("%s shows unknown; the journal has it settled: %s", who, describe(j.finals(g.OutOrderID)))
			}
			if w.lookups[g.OutOrderID] {
				w.failf("%s shows the look-up failed, but its last look-up was answered", who)
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

// audit is the end: every intent settled, each as the sandbox says.
func (w *world) audit() {
	j := w.journal()
	byOut := w.allOrders()
	seen := map[string]bool{}
	perGroup := map[string][]string{}
	for _, in := range j.recs.Intents {
		id := in.OutOrderID
		if seen[id] {
			continue
		}
		seen[id] = true
		orders := byOut[id]
		w.stats["intents"]++
		who := fmt.Sprintf("%s (%s, purchase %d)", id, in.SellerName, w.sentBy[id].purchase)
		if len(orders) > 1 {
			w.failf("ORDERED TWICE: %s has %d orders: %v", who, len(orders), orders)
		}
		if j.pending[id] {
			w.failf("%s is still pending after a start without faults: %s", who, describe(j.finals(id)))
			continue
		}
		for _, o := range j.finals(id) {
			if o.Result == journal.Created && !sameSet(o.OrderIDs, orders) {
				w.failf("%s: an outcome says created as %v; the sandbox has %v", who, o.OrderIDs, orders)
			}
		}
		last, _ := j.lastFinal(id)
		w.stats["intents ended "+string(last.Result)]++
		switch last.Result {
		case journal.Created:
			if len(orders) != 1 {
				w.failf("%s is created; the sandbox has %v", who, orders)
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
	for id, orders := range byOut {
		if !seen[id] {
			w.failf("the sandbox has orders %v under %q, which no intent names", orders, id)
		}
	}
	for k, ids := range perGroup {
		if len(ids) > 1 {
			w.failf("ORDERED TWICE: %s was created under %v", k, ids)
		}
	}
	if len(j.recs.Notes) > 0 {
		w.failf("the journal has lines it cannot read: %v", j.recs.Notes)
	}
}

// ---- the journal and the sandbox, as they are ----

type jview struct {
	recs    *journal.Records
	pending map[string]bool
}

// journal reads the journal as it is on disk. The file only grows, so a
// read is kept until its size changes.
func (w *world) journal() jview {
	// Errorf, not Fatal: this runs in the wire too.
	j, err := journal.Open(w.dir)
	if err != nil {
		w.t.Errorf("%s: opening the journal: %v", w.where(), err)
		return jview{recs: &journal.Records{}, pending: map[string]bool{}}
	}
	var size int64 = -1
	if fi, err := os.Stat(j.Path()); err == nil {
		size = fi.Size()
	}
	if w.jcache.recs != nil && size == w.jsize {
		return w.jcache
	}
	r, err := j.Read()
	if err != nil {
		w.t.Errorf("%s: reading the journal: %v", w.where(), err)
		r = &journal.Records{}
	}
	v := jview{recs: r, pending: map[string]bool{}}
	for _, in := range r.Pending() {
		v.pending[in.OutOrderID] = true
	}
	w.jcache, w.jsize = v, size
	return v
}

func (v jview) intents(id string) []journal.Intent {
	var out []journal.Intent
	for _, in := range v.recs.Intents {
		if in.OutOrderID == id {
			out = append(out, in)
		}
	}
	return out
}

func (v jview) finals(id string) []journal.Outcome {
	var out []journal.Outcome
	for _, o := range v.recs.Outcomes {
		if o.OutOrderID == id && o.Result.Final() {
			out = append(out, o)
		}
	}
	return out
}

func (v jview) finalsBetween(id string, from, to time.Time) []journal.Outcome {
	var out []journal.Outcome
	for _, o := range v.finals(id) {
		if !o.At.Before(from) && !o.At.After(to) {
			out = append(out, o)
		}
	}
	return out
}

func (v jview) lastFinal(id string) (journal.Outcome, bool) {
	f := v.finals(id)
	if len(f) == 0 {
		return journal.Outcome{}, false
	}
	return f[len(f)-1], true
}

func describe(os []journal.Outcome) string {
	if len(os) == 0 {
		return "no final outcome"
	}
	var parts []string
	for _, o := range os {
		parts = append(parts, fmt.Sprintf("%s %v (%s)", o.Result, o.OrderIDs, o.Reason))
	}
	return strings.Join(parts, " then ")
}

// ordersOf is the ids of the sandbox's orders under one outOrderId. Only
// a create changes them, so answers are kept until the next create.
func (w *world) ordersOf(id string) []string {
	if ids, ok := w.ocache[id]; ok {
		return ids
	}
	orders, err := w.aud.FindByOutOrderID(context.Background(), id)
	if err != nil {
		// Errorf, not Fatalf: this runs in the wire too.
		w.t.Errorf("%s: the auditor's look-up of %s: %v", w.where(), id, err)
		return nil
	}
	var ids []string
	for _, o := range orders {
		ids = append(ids, o.BaseInfo.OrderIDString())
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

// ---- reporting ----

func (w *world) where() string {
	switch {
	case w.n == 0:
		return fmt.Sprintf("seed %d, before the first purchase", w.seed)
	case w.n > w.total:
		return fmt.Sprintf("seed %d, the start after the last purchase", w.seed)
	}
	return fmt.Sprintf("seed %d, purchase %d", w.seed, w.n)
}

func (w *world) logf(format string, args ...any) {
	w.trace = append(w.trace, fmt.Sprintf(format, args...))
}

func (w *world) traceText() string {
	tr := w.trace
	if len(tr) > 80 {
		tr = tr[len(tr)-80:]
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
