package orders

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"caigou/ui/common"
	"caigou/ui/uitest"
	"caigou/xport"
	"caigou/xport/sandbox"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

type env struct {
	c     *common.Common
	sb    *sandbox.Server
	clock *uitest.Clock
	term  *uitest.Term
	addr  xport.AddressParam
	seq   int
	// created and previews are the sandbox's own numbers for each order
	// placed, in fen as create and preview send them.
	created  map[string]xport.CreatedOrder
	previews map[string]xport.Preview
}

// start is the marketplace time every test begins at: a Monday morning
// in China.
var start = time.Date(2026, 3, 2, 9, 30, 0, 0, time.FixedZone("CST", 8*3600))

func newEnv(t testing.TB) *env { return newEnvWith(t, sandbox.Options{}) }

// newEnvWith is newEnv on a sandbox with opts (seed and clock are set
// here).
func newEnvWith(t testing.TB, opts sandbox.Options) *env {
	t.Helper()
	clk := uitest.NewClock(start)
	opts.Seed, opts.Clock = 1, clk.Now
	ss := uitest.NewSessionWith(t, opts)
	sb, cl, c := ss.Sandbox, ss.C.Client, ss.C
	term := &uitest.Term{}
	c.Env, c.Term, c.Now = common.Env{SSH: true}, term, clk.Now
	e := &env{c: c, sb: sb, clock: clk, term: term, created: map[string]xport.CreatedOrder{}, previews: map[string]xport.Preview{}}
	addrs, err := cl.Addresses(context.Background())
	if err != nil || len(addrs) == 0 {
		t.Fatalf("addresses: %v", err)
	}
	e.addr = addrs[0].Param()
	return e
}

// place creates n orders through the client, each from another offer
// (so from several suppliers), a minute apart. It returns their ids,
// newest last.
func (e *env) place(t testing.TB, n int) []string {
	t.Helper()
	ctx := context.Background()
	cl := e.c.Client
	var ids []string
	for _, o := range e.sb.Catalogue().Offers {
		if len(ids) >= n {
			break
		}
		if !o.Sellable() || o.Seller == nil || o.Seller.NeedsConsign {
			continue
		}
		qty := max(o.MOQ, 1)
		if o.QuoteType != 1 && len(o.Tiers) > 0 {
			qty = max(qty, o.Tiers[0].Start)
		}
		if b := o.Batch; b > 1 && qty%b != 0 {
			qty += b - qty%b
		}
		var sku *sandbox.SKU
		for _, k := range o.SKUs {
			if k != nil && k.Stock >= qty && k.Price > 0 {
				sku = k
				break
			}
		}
		if sku == nil {
			continue
		}
		e.seq++
		req := xport.OrderRequest{
			OutOrderID: fmt.Sprintf("cg-test-%04d", e.seq),
			Address:    e.addr,
			Cargo:      []xport.Cargo{{OfferID: xport.NumID(o.ID), SpecID: sku.SpecID, Quantity: qty}},
		}
		pv, err := cl.PreviewOrder(ctx, req)
		if err != nil || len(pv) != 1 {
			continue
		}
		// As the checkout does: what the preview decided for the create.
		req.Flow, req.TradeType = pv[0].PlaceFlow, pv[0].PlaceTradeType
		res, err := cl.CreateOrder(ctx, req)
		if err != nil || len(res.Orders) != 1 {
			t.Fatalf("create: %v %+v", err, res)
		}
		id := string(res.Orders[0].OrderID)
		e.created[id] = res.Orders[0]
		e.previews[id] = pv[0]
		ids = append(ids, id)
		e.clock.Advance(time.Minute)
	}
	if len(ids) < n {
		t.Fatalf("only %d orderable offers", len(ids))
	}
	return ids[:n]
}

// pay pays orders through the client, as another desk would.
func (e *env) pay(t testing.TB, ids ...string) {
	t.Helper()
	if _, err := e.c.Client.PayOrders(context.Background(), ids); err != nil {
		t.Fatalf("pay: %v", err)
	}
}

// ticks records the refresh timers a page starts instead of waiting for
// them.
type ticks struct{ msgs []tea.Msg }

func (r *ticks) after(_ time.Duration, msg tea.Msg) tea.Cmd {
	r.msgs = append(r.msgs, msg)
	return nil
}

func (r *ticks) last() refreshTick {
	if len(r.msgs) == 0 {
		return refreshTick{}
	}
	return r.msgs[len(r.msgs)-1].(refreshTick)
}

// open makes a sized list page and loads it.
func (e *env) open(t testing.TB, w, h int) (*Model, *ticks) {
	t.Helper()
	m := newModel(e.c)
	tk := &ticks{}
	m.after = tk.after
	m.SetSize(w, h)
	t.Cleanup(m.Close)
	msgs := uitest.Drain(t, updater(m), m.Init())
	if errs := errorsIn(msgs); len(errs) > 0 {
		t.Fatalf("loading: %v", errs[0].Err)
	}
	return m, tk
}

func updater(p common.Page) func(tea.Msg) tea.Cmd {
	return func(msg tea.Msg) tea.Cmd {
		_, cmd := p.Update(msg)
		return cmd
	}
}

func press(t testing.TB, p common.Page, k string) []tea.Msg {
	t.Helper()
	return uitest.Run(t, updater(p), uitest.Key(k))
}

// openDetail makes a sized detail page for an order and loads it.
func (e *env) openDetail(t testing.TB, id string, w, h int) *Detail {
	t.Helper()
	o, err := e.c.Client.OrderDetail(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	d := newDetail(e.c, *o)
	d.SetSize(w, h)
	t.Cleanup(d.Close)
	msgs := uitest.Drain(t, updater(d), d.Init())
	if errs := errorsIn(msgs); len(errs) > 0 {
		t.Fatalf("loading the detail: %v", errs[0].Err)
	}
	return d
}

func errorsIn(msgs []tea.Msg) []common.ErrorMsg {
	var out []common.ErrorMsg
	for _, m := range msgs {
		if e, ok := m.(common.ErrorMsg); ok {
			out = append(out, e)
		}
	}
	return out
}

func statusesIn(msgs []tea.Msg) []string {
	var out []string
	for _, m := range msgs {
		if s, ok := m.(common.StatusMsg); ok {
			out = append(out, s.Text)
		}
	}
	return out
}

func pushesIn(msgs []tea.Msg) []common.Page {
	var out []common.Page
	for _, m := range msgs {
		if p, ok := m.(common.PushMsg); ok {
			out = append(out, p.Page)
		}
	}
	return out
}

// anyContains reports whether one of texts contains want.
func anyContains(texts []string, want string) bool {
	for _, s := range texts {
		if strings.Contains(s, want) {
			return true
		}
	}
	return false
}

// ids lists the page's rows.
func (m *Model) rowIDs() []string {
	var out []string
	for _, r := range m.t.rows {
		out = append(out, r.id)
	}
	return out
}

// checkFits fails when a view is wider or taller than its area.
func checkFits(t testing.TB, what, v string, w, h int) {
	t.Helper()
	lines := strings.Split(v, "\n")
	if len(lines) != h {
		t.Errorf("%s at %dx%d: %d lines", what, w, h, len(lines))
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw > w {
			t.Errorf("%s at %dx%d: line %d is %d wide: %q", what, w, h, i, lw, l)
		}
	}
}

func TestMain(m *testing.M) { uitest.Main(m) }
