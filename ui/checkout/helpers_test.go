package checkout

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"caigou/ui/cart"
	"caigou/ui/common"
	"caigou/ui/journal"
	"caigou/ui/keys"
	"caigou/ui/theme"
	"caigou/ui/uitest"
	"caigou/xport"
	"caigou/xport/sandbox"
	"caigou/xport/xportcn"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// marketTime is the sandbox's clock: orders are made at a fixed moment.
var marketTime = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

type env struct {
	c    *common.Common
	sb   *sandbox.Server
	addr xport.Address
}

// newEnv is a session on a fresh sandbox, with the journal in a temporary
// state directory. timeout bounds one HTTP attempt: short where a test
// makes a create time out.
func newEnv(t testing.TB, timeout time.Duration) *env {
	t.Helper()
	sb := sandbox.New(sandbox.Options{Seed: 1, Clock: func() time.Time { return marketTime }})
	cfg := uitest.KAConfig("http://sandbox.invalid/api")
	cfg.RequestsPerSecond = 10000
	cfg.Timeout = timeout
	cl, err := xportcn.New(cfg,
		xportcn.WithHTTPClient(&http.Client{Transport: &sandbox.Transport{Handler: sb}}),
		xportcn.WithSleep(func(ctx context.Context, _ time.Duration) error { return ctx.Err() }))
	if err != nil {
		t.Fatal(err)
	}
	km, err := keys.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	j, err := journal.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	c := &common.Common{
		Styles:  theme.New(r, theme.DefaultPalette()),
		Keys:    km,
		Client:  cl,
		Journal: j,
		Sandbox: true,
		Env:     common.Env{SSH: true},
		Now:     func() time.Time { return marketTime },
	}
	c.Init()
	addrs, err := cl.Addresses(context.Background())
	if err != nil || len(addrs) == 0 {
		t.Fatalf("addresses: %v %v", addrs, err)
	}
	return &env{c: c, sb: sb, addr: addrs[0]}
}

// refusedOffer is sold by a seller without a mixed-batch rule and needs
// at least two pieces: one piece is refused with 500_005.
func refusedOffer(t testing.TB, sb *sandbox.Server, not *sandbox.Seller) (*sandbox.Offer, *sandbox.SKU) {
	t.Helper()
	for _, o := range sb.Catalogue().Offers {
		s := o.Seller
		if !o.Sellable() || s == nil || s == not || s.Mix.Enabled || s.NeedsConsign || o.MOQ < 2 {
			continue
		}
		if k := stocked(o, 1); k != nil && k.Price > 0 {
			return o, k
		}
	}
	t.Skip("the sandbox has no offer for a refused group")
	return nil, nil
}

// orderableOffer can be ordered at qty(o) pieces of one SKU.
func orderableOffer(t testing.TB, sb *sandbox.Server, not *sandbox.Seller) (*sandbox.Offer, *sandbox.SKU) {
	t.Helper()
	for _, o := range sb.Catalogue().Offers {
		s := o.Seller
		if !o.Sellable() || s == nil || s == not || s.NeedsConsign || len(o.Axes) == 0 {
			continue
		}
		if k := stocked(o, qty(o)); k != nil && k.Price > 0 && len(o.Tiers) > 0 {
			return o, k
		}
	}
	t.Skip("the sandbox has no orderable offer")
	return nil, nil
}

func stocked(o *sandbox.Offer, n int64) *sandbox.SKU {
	for _, k := range o.SKUs {
		if k.Stock >= n {
			return k
		}
	}
	return nil
}

// qty is the least quantity that passes every minimum on its own: the MOQ,
// the first price tier and the lot size.
func qty(o *sandbox.Offer) int64 {
	q := max(o.MOQ, 1)
	if o.QuoteType != 1 && len(o.Tiers) > 0 {
		q = max(q, o.Tiers[0].Start)
	}
	b := max(o.Batch, 1)
	return (q + b - 1) / b * b
}

// catalogueUnit is the price the catalogue gives qty pieces (before the
// sandbox's occasional promotion of a few fen).
func catalogueUnit(o *sandbox.Offer, k *sandbox.SKU, n int64) xport.Fen {
	p := k.Price
	if o.QuoteType != 1 && len(o.Tiers) > 0 {
		p = o.Tiers[0].Price
		for _, t := range o.Tiers {
			if t.Start <= n {
				p = t.Price
			}
		}
	}
	return p
}

func line(o *sandbox.Offer, k *sandbox.SKU, n int64, unit xport.Fen) cart.Line {
	return cart.Line{
		OfferID: o.ID, SpecID: k.SpecID, SkuID: k.ID,
		Title: o.SubjectEN, TitleZH: o.Subject, Quantity: n, UnitPrice: unit,
		SellerOpenID: o.Seller.OpenID, SellerName: o.Seller.Company, MOQ: o.MOQ, Batch: o.Batch,
	}
}

// twoSuppliers fills the cart: first the refused group (one piece below
// the MOQ), then the orderable one, whose cart price is 7 fen off the
// catalogue's so the preview's price differs from the cart's.
type fixture struct {
	refusedO, okO *sandbox.Offer
	refusedK, okK *sandbox.SKU
	okQty         int64
	cartUnit      xport.Fen
}

func (e *env) twoSuppliers(t testing.TB) fixture {
	t.Helper()
	var f fixture
	f.okO, f.okK = orderableOffer(t, e.sb, nil)
	f.refusedO, f.refusedK = refusedOffer(t, e.sb, f.okO.Seller)
	f.okQty = qty(f.okO)
	f.cartUnit = catalogueUnit(f.okO, f.okK, f.okQty) + 7
	e.c.Cart.Add(line(f.refusedO, f.refusedK, 1, catalogueUnit(f.refusedO, f.refusedK, 1)))
	e.c.Cart.Add(line(f.okO, f.okK, f.okQty, f.cartUnit))
	return f
}

// open builds the page over the cart's groups and runs the previews.
func (e *env) open(t testing.TB, w, h int) (*Model, []tea.Msg) {
	t.Helper()
	m := New(e.c, e.addr, e.c.Cart.Groups(), nil).(*Model)
	// The recheck timer does not run in these tests: a test fires it by
	// sending recheckMsg.
	m.after = func(time.Duration, tea.Msg) tea.Cmd { return nil }
	m.SetSize(w, h)
	return m, uitest.Drain(t, update(m), m.Init())
}

func update(m *Model) func(tea.Msg) tea.Cmd {
	return func(msg tea.Msg) tea.Cmd {
		_, cmd := m.Update(msg)
		return cmd
	}
}

// press feeds keys and runs everything they start.
func press(t testing.TB, m *Model, ks ...string) []tea.Msg {
	t.Helper()
	var out []tea.Msg
	for _, k := range ks {
		out = append(out, uitest.Run(t, update(m), uitest.Key(k))...)
	}
	return out
}

func statuses(msgs []tea.Msg) string {
	var out []string
	for _, msg := range msgs {
		switch msg := msg.(type) {
		case common.StatusMsg:
			out = append(out, msg.Text)
		case common.ErrorMsg:
			out = append(out, "ERROR "+msg.What+": "+msg.Err.Error())
		}
	}
	return strings.Join(out, "\n")
}

// ordersOf lists the sandbox's orders, all of them.
func (e *env) orders(t testing.TB) []xport.Order {
	t.Helper()
	p, err := e.c.Client.ListOrders(context.Background(), xport.OrderQuery{PageSize: 100})
	if err != nil {
		t.Fatal(err)
	}
	return p.Orders
}

// all is the whole page, not just the part in view.
func (m *Model) all() string {
	return strings.Join(m.header, "\n") + "\n" + strings.Join(m.body, "\n") + "\n" + strings.Join(m.footer, "\n")
}

func TestMain(m *testing.M) { uitest.Main(m) }

// typeCode types the end of the group's reference at the R prompt.
func typeCode(t testing.TB, m *Model, g *group) []tea.Msg {
	t.Helper()
	return press(t, m, strings.Split(g.againCode(), "")...)
}
