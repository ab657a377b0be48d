package app

import (
	"bytes"
	"context"
	"testing"
	"time"

	"caigou/ui/search"
	"caigou/xport"
	"caigou/xport/sandbox"
	"caigou/xport/xportcn"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
)

// The dialect × settings matrix of issue 8: the whole purchase, from a
// search to a parcel's trace, against each wire dialect the sandbox
// speaks, once with the settings that fit it and once with the defaults.
// With the right settings it works; with the wrong ones the agent is told
// in words which setting to change — never a wrong amount, never "not
// placed" for an order the desk cannot see, never a second create.

// flowCase is one row: a dialect, the settings, and what the agent must
// see where the defaults do not fit.
type flowCase struct {
	name     string
	dialect  sandbox.Dialect
	settings func(*xportcn.Config)
	// searchFails is what the search says when nothing can work (the
	// credentials or the success code); the flow ends there.
	searchFails string
	// freightFails, payFails, traceFails: what those steps say instead.
	freightFails, payFails, traceFails string
	// amountsUnknown: order amounts are shown as "? unit", not money.
	amountsUnknown bool
	// payAmount: the pay panel says what the link will charge.
	payAmount bool
}

func matrix() []flowCase {
	yuan := func(c *xportcn.Config) {
		c.Wire.OrderAmountUnit = xport.UnitYuan
		c.Wire.FreightBody = xportcn.FreightNest
		c.Wire.PayIDs = xportcn.PayIDsNumber
		c.Paths = map[string]string{string(xport.EpLogistics): "/alibaba/ka/order/logistics/trace"}
	}
	return []flowCase{
		{name: "default/right", dialect: sandbox.Dialect{}},
		{name: "1688/right", dialect: sandbox.Dialect{Is1688: true}, settings: yuan},
		{name: "1688/defaults", dialect: sandbox.Dialect{Is1688: true}, freightFails: "productFreightQueryParamsNew",
			payFails: "expects numbers", traceFails: "order_logistics", amountsUnknown: true},
		{name: "push/defaults", dialect: sandbox.Dialect{Push: true}},
		{name: "strict-ms/right", dialect: sandbox.Dialect{StrictMS: true}, settings: func(c *xportcn.Config) { c.TimestampUnit = "ms" }},
		{name: "strict-ms/defaults", dialect: sandbox.Dialect{StrictMS: true}, searchFails: "timestamp_unit"},
		{name: "sibling/right", dialect: sandbox.Dialect{Sibling: true}, settings: func(c *xportcn.Config) {
			c.Wire.SuccessCodes = map[string][]string{"default": {"200", "0"}}
		}},
		{name: "sibling/defaults", dialect: sandbox.Dialect{Sibling: true}, searchFails: "success_codes"},
	}
}

// dialectDesk is the whole desk on a sandbox of one dialect, with the
// case's settings, and no read retried (a refusal shows at once).
func dialectDesk(t *testing.T, fc flowCase, timeout time.Duration) (*purchaseDesk, *sandbox.Server) {
	t.Helper()
	d := newDesk(t, fc.dialect, timeout, func(c *xportcn.Config) {
		c.ReadRetries, c.ReadRetriesSet = 0, true
		if fc.settings != nil {
			fc.settings(c)
		}
	})
	return d, d.sb
}

func TestPurchaseAcrossDialects(t *testing.T) {
	for _, fc := range matrix() {
		t.Run(fc.name, func(t *testing.T) {
			d, sb := dialectDesk(t, fc, 5*time.Second)
			runFlow(t, d, sb, fc, false)
		})
	}
}

// TestLostCreateAcrossDialects: the create commits only after the desk
// gave up and looked it up. Found nothing is "not found yet" (or UNKNOWN
// where the orders carry no outOrderId), no key sends it again, and once
// the create lands the next look-up finds exactly one order — also where
// the service does not deduplicate outOrderId.
func TestLostCreateAcrossDialects(t *testing.T) {
	for _, fc := range []flowCase{
		{name: "lost", dialect: sandbox.Dialect{Lost: true}},
		{name: "lost+nodedupe", dialect: sandbox.Dialect{Lost: true, NoDedupe: true}},
		{name: "lost+push+nodedupe", dialect: sandbox.Dialect{Lost: true, Push: true, NoDedupe: true}},
		{name: "lost+1688", dialect: sandbox.Dialect{Lost: true, Is1688: true}, settings: func(c *xportcn.Config) {
			c.Wire.OrderAmountUnit, c.Wire.FreightBody, c.Wire.PayIDs = xport.UnitYuan, xportcn.FreightNest, xportcn.PayIDsNumber
			c.Paths = map[string]string{string(xport.EpLogistics): "/alibaba/ka/order/logistics/trace"}
		}},
	} {
		t.Run(fc.name, func(t *testing.T) {
			d, sb := dialectDesk(t, fc, 300*time.Millisecond)
			runFlow(t, d, sb, fc, true)
		})
	}
}

func runFlow(t *testing.T, d *purchaseDesk, sb *sandbox.Server, fc flowCase, lost bool) {
	root := New(d.c, search.New(d.c))
	tm := teatest.NewTestModel(t, root, teatest.WithInitialTermSize(120, 40))
	defer func() {
		tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
		tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	}()
	waitOut(t, tm, "Search:")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("/")})
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("phone case")})
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	if fc.searchFails != "" {
		waitOut(t, tm, fc.searchFails)
		if n := sb.Creates(); n != 0 {
			t.Fatalf("%d creates", n)
		}
		return
	}
	waitOut(t, tm, "end of results")
	tm.Send(press("esc")) // leave the search box for the results
	tm.Send(press("enter"))
	if fc.freightFails != "" {
		waitAll(t, tm, "Price by quantity", fc.freightFails)
	} else {
		waitAll(t, tm, "Price by quantity", "Freight to ")
	}
	tm.Send(press("esc"))

	_, good := d.fill(t)
	d.c.Cart.Delete(d.c.Cart.Lines()[0].Key())
	tm.Send(press("c"))
	waitOut(t, tm, "1 supplier")
	tm.Send(press("p"))
	waitOut(t, tm, "1 order with 1 supplier")
	tm.Send(press("enter"))
	waitOut(t, tm, "goes back")
	tm.Send(press("y"))
	if lost {
		waitOut(t, tm, "UNKNOWN")
		// Every key that places or retries, while the create is on its
		// way: none may send it again.
		// (Status lines of keys pressed together may arrive in any order:
		// these keys all say the same.)
		for _, k := range []string{"enter", "y", "y", "enter"} {
			tm.Send(press(k))
		}
		waitOut(t, tm, "wait on an order whose answer was lost")
		// (r, which only looks up, is pressed once the create has landed:
		// a look-up still in flight when it lands would find nothing, and
		// the page's next look is its 30 s timer.)
		if n := sb.Creates(); n != 1 {
			t.Fatalf("%d creates reached the service; want 1", n)
		}
		if n := sb.FlushLost(); n != 1 {
			t.Fatalf("%d creates were held", n)
		}
		tm.Send(press("r"))
		if fc.dialect.Push {
			// Push-shaped orders carry no outOrderId: the desk can never
			// see the order as its own, so it stays unknown.
			waitOut(t, tm, "cannot tell")
			if n := sb.Creates(); n != 1 || sb.OrderCount() != 1 {
				t.Fatalf("creates %d orders %d", n, sb.OrderCount())
			}
			if p, _, _ := d.c.Journal.Pending(); len(p) != 1 {
				t.Fatalf("pending %+v: the unknown create must stay open", p)
			}
			return
		}
		waitOut(t, tm, "WAS placed")
	} else {
		waitOut(t, tm, "✓ Created: order")
	}
	if n, orders := sb.Creates(), sb.OrderCount(); n != 1 || orders != 1 {
		t.Fatalf("creates %d orders %d; want exactly one of each", n, orders)
	}
	page, err := d.c.Client.ListOrders(context.Background(), xport.OrderQuery{})
	if err != nil || len(page.Orders) != 1 {
		t.Fatalf("orders: %v %+v", err, page)
	}
	id := page.Orders[0].BaseInfo.OrderIDString()
	if fc.dialect.Push {
		if page.Orders[0].Shape != xport.OrderShapePush {
			t.Fatalf("shape %q", page.Orders[0].Shape)
		}
	} else if string(page.Orders[0].ProductItems[0].ProductID) != good.OfferID {
		t.Fatalf("ordered %+v", page.Orders[0].ProductItems)
	}

	tm.Send(press("P"))
	if fc.payFails != "" {
		waitOut(t, tm, fc.payFails)
	} else {
		if fc.payAmount {
			waitOut(t, tm, "Pay 1 order · ¥")
		} else {
			waitOut(t, tm, "Pay 1 order")
		}
		tm.Send(press("esc"))
	}
	tm.Send(press("o"))
	// The list's count line too: the pay link drawn before carries the
	// id, and the clock must not move before the list has answered.
	if fc.amountsUnknown {
		waitAll(t, tm, id, "? unit", "1 of 1 order")
	} else {
		waitAll(t, tm, id, "1 of 1 order")
	}
	if fc.payFails == "" {
		d.clock.Add(int64(3 * time.Hour / time.Second))
		tm.Send(press("r"))
		waitOut(t, tm, "已发货")
	}
	tm.Send(press("enter"))
	switch {
	case fc.amountsUnknown:
		waitAll(t, tm, "The amounts cannot be shown", fc.traceFails)
	case fc.traceFails != "":
		waitOut(t, tm, fc.traceFails)
	default:
		waitOut(t, tm, "bill ")
	}
}

// waitAll waits until every one of want has been drawn since the last
// wait: one frame may carry several, and a wait consumes what it read.
func waitAll(t *testing.T, tm *teatest.TestModel, want ...string) {
	t.Helper()
	var seen []byte
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		seen = append(seen, b...)
		for _, w := range want {
			if !bytes.Contains(seen, []byte(w)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}
