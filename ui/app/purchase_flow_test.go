package app

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"caigou/ui/cart"
	"caigou/ui/common"
	"caigou/ui/journal"
	"caigou/ui/keys"
	"caigou/ui/pricing"
	"caigou/ui/search"
	"caigou/ui/uitest"
	"caigou/xport"
	"caigou/xport/sandbox"
	"caigou/xport/xportcn"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
)

// purchaseDesk is the whole desk on a sandbox whose clock the test moves,
// with a cart store and an order journal in temporary directories.
type purchaseDesk struct {
	c     *common.Common
	sb    *sandbox.Server
	clock *atomic.Int64
}

func newPurchaseDesk(t *testing.T, timeout time.Duration) *purchaseDesk {
	return newDesk(t, sandbox.Dialect{}, timeout, nil)
}

// newDesk is the desk on a sandbox of a dialect, with its client's
// config changed by mod.
func newDesk(t *testing.T, dialect sandbox.Dialect, timeout time.Duration, mod func(*xportcn.Config)) *purchaseDesk {
	t.Helper()
	clock := &atomic.Int64{}
	clock.Store(time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC).Unix())
	sb := sandbox.New(sandbox.Options{Seed: 1, Dialect: dialect, Clock: func() time.Time { return time.Unix(clock.Load(), 0) }})
	cfg := uitest.KAConfig("http://sandbox.invalid/api")
	cfg.RequestsPerSecond = 10000
	cfg.Timeout = timeout
	if mod != nil {
		mod(&cfg)
	}
	cl, err := xportcn.New(cfg, xportcn.WithHTTPClient(&http.Client{Transport: &sandbox.Transport{Handler: sb}}),
		xportcn.WithSleep(func(ctx context.Context, _ time.Duration) error { return ctx.Err() }))
	if err != nil {
		t.Fatal(err)
	}
	km, _ := keys.New(nil)
	crt, err := cart.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	j, err := journal.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	c := &common.Common{Styles: uitest.Styles(), Keys: km, Client: cl, Sandbox: true, UserID: sandbox.DemoUserID, Cart: crt, Journal: j,
		Now: func() time.Time { return time.Unix(clock.Load(), 0) }}
	c.Init()
	c.Config.OrdersRefresh = 0 // the test refreshes with r
	return &purchaseDesk{c: c, sb: sb, clock: clock}
}

// line is a cart line for an offer's first SKU that has room for qty.
func line(o *sandbox.Offer, qty int64) (cart.Line, bool) {
	for _, k := range o.SKUs {
		if k.Stock >= qty+100 && k.Price > 0 {
			tiers := make([]pricing.Tier, len(o.Tiers))
			for i, t := range o.Tiers {
				tiers[i] = pricing.Tier{Start: t.Start, Price: t.Price}
			}
			return cart.Line{OfferID: o.ID, SpecID: k.SpecID, SkuID: k.ID, Title: o.SubjectEN, TitleZH: o.Subject, Quantity: qty,
				UnitPrice: k.Price, SellerOpenID: o.Seller.OpenID, SellerName: o.Seller.Company, MOQ: o.MOQ, Batch: o.Batch,
				QuoteType: int64(o.QuoteType), Tiers: tiers, SKUPrice: k.Price, Stock: k.Stock, Unit: o.UnitEN}, true
		}
	}
	return cart.Line{}, false
}

// fill puts two suppliers in the cart: the first below its minimum (the
// preview refuses it), the second orderable as it stands.
func (d *purchaseDesk) fill(t *testing.T) (refused, good cart.Line) {
	t.Helper()
	var haveR, haveG bool
	for _, o := range d.sb.Catalogue().Offers {
		if !o.Sellable() || o.Seller.NeedsConsign || o.QuoteType == 1 {
			continue
		}
		if !haveR && o.MOQ >= 2 && !o.Seller.Mix.Enabled {
			refused, haveR = line(o, 1)
		} else if !haveG && haveR && o.Seller.OpenID != refused.SellerOpenID {
			q := (o.MOQ + o.Batch - 1) / o.Batch * o.Batch
			good, haveG = line(o, q)
		}
		if haveR && haveG {
			break
		}
	}
	if !haveR || !haveG {
		t.Fatal("no offers for the flow")
	}
	for _, l := range []cart.Line{refused, good} {
		if err := d.c.Cart.Put(l); err != nil {
			t.Fatal(err)
		}
	}
	return refused, good
}

func waitOut(t *testing.T, tm *teatest.TestModel, what string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(what)) },
		teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

func press(s string) tea.KeyMsg { return uitest.Key(s) }

// TestPurchaseFlow is issue 4's flow through the real root: two suppliers
// in the cart, the preview refuses one, the agent confirms, one order is
// created and the refused line stays; pay shows a link; the orders list
// shows the order; the sandbox clock moves it to shipped and the trace
// appears.
func TestPurchaseFlow(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			d := newPurchaseDesk(t, 5*time.Second)
			refused, good := d.fill(t)
			root := New(d.c, search.New(d.c))
			tm := teatest.NewTestModel(t, root, teatest.WithInitialTermSize(size[0], size[1]))
			waitOut(t, tm, "Search:")
			tm.Send(press("c"))
			waitOut(t, tm, "2 suppliers")
			tm.Send(press("p"))
			// Both previews in, not only the good one: enter before the
			// refusal lands is answered "wait for the previews" (found
			// by CI under -race).
			waitAll(t, tm, "1 order with 1 supplier", "as it stands")
			tm.Send(press("enter"))
			waitOut(t, tm, "goes back")
			tm.Send(press("y"))
			waitOut(t, tm, "✓ Created: order")

			lines := d.c.Cart.Lines()
			if len(lines) != 1 || lines[0].Key() != refused.Key() {
				t.Fatalf("after placing, the cart holds %+v; want only the refused line", lines)
			}
			found, err := d.c.Client.ListOrders(context.Background(), xport.OrderQuery{})
			if err != nil || len(found.Orders) != 1 || string(found.Orders[0].ProductItems[0].ProductID) != good.OfferID {
				t.Fatalf("orders in the sandbox: %v %+v", err, found)
			}
			id := found.Orders[0].BaseInfo.OrderIDString()

			tm.Send(press("P"))
			waitOut(t, tm, "Pay 1 order")
			tm.Send(press("esc"))
			tm.Send(press("o"))
			// The list's count line, not the id alone: the pay link just
			// drawn carries the id too, and a clock moved before the list
			// answered would show the order as it was.
			waitAll(t, tm, id, "1 of 1 order")
			d.clock.Add(int64(3 * time.Hour / time.Second))
			tm.Send(press("r"))
			waitOut(t, tm, "已发货")
			tm.Send(press("enter"))
			waitOut(t, tm, "bill ")
			tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
			tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
		})
	}
}

// TestAmbiguousCreateEndsWithOneOrder: the sandbox commits the create and
// never answers; the desk says it is checking, finds the order by its
// outOrderId, and there is exactly one.
func TestAmbiguousCreateEndsWithOneOrder(t *testing.T) {
	d := newPurchaseDesk(t, 400*time.Millisecond)
	_, good := d.fill(t)
	d.c.Cart.Delete(d.c.Cart.Lines()[0].Key())
	root := New(d.c, search.New(d.c))
	tm := teatest.NewTestModel(t, root, teatest.WithInitialTermSize(100, 30))
	waitOut(t, tm, "Search:")
	tm.Send(press("esc"))
	tm.Send(press("c"))
	waitOut(t, tm, "1 supplier")
	tm.Send(press("p"))
	waitOut(t, tm, "1 order with 1 supplier")
	d.sb.SetFaults(sandbox.Faults{CommitTimeoutPerMille: 1000, Only: []xport.Endpoint{xport.EpOrderCreate}})
	tm.Send(press("enter"))
	waitOut(t, tm, "goes back")
	tm.Send(press("y"))
	waitOut(t, tm, "Created 1 order")
	found, err := d.c.Client.ListOrders(context.Background(), xport.OrderQuery{})
	if err != nil || len(found.Orders) != 1 || string(found.Orders[0].ProductItems[0].ProductID) != good.OfferID {
		t.Fatalf("want exactly one order after the lost answer: %v %+v", err, found)
	}
	if pending, _, err := d.c.Journal.Pending(); err != nil || len(pending) != 0 {
		t.Fatalf("the journal still has %d pending (%v)", len(pending), err)
	}
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}
