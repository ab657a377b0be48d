package detail

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"caigou/ui/common"
	"caigou/ui/uitest"
	"caigou/xport"
	"caigou/xport/sandbox"
	"caigou/xport/xportcn"

	tea "github.com/charmbracelet/bubbletea"
)

// only limits f to one endpoint.
func only(f sandbox.Faults, ep xport.Endpoint) sandbox.Faults {
	f.Only = []xport.Endpoint{ep}
	return f
}

// flat folds a view's line breaks and runs of spaces, so wrapped words
// still match.
func flat(v string) string { return strings.Join(strings.Fields(v), " ") }

func errorsOut(msgs []tea.Msg) []common.ErrorMsg {
	var out []common.ErrorMsg
	for _, m := range msgs {
		if e, ok := m.(common.ErrorMsg); ok {
			out = append(out, e)
		}
	}
	return out
}

// wired is a test env whose client reaches the sandbox through a Wire.
func wired(t *testing.T, o uitest.WireOptions) (*testEnv, *uitest.Wire) {
	t.Helper()
	e := newEnv(t)
	cl, w := uitest.NewWire(t, e.sb, o)
	e.c.Client = cl
	return e, w
}

// The product's three reads under each fault: the detail, the addresses
// and the freight estimate. A few failures are retried by the client and
// never shown; once the retries are spent the page says what happened in
// words and r tries again, and works once the fault is gone.
func TestDetailFaultsAreRetriedThenOfferR(t *testing.T) {
	for _, fk := range uitest.ReadFaults() {
		t.Run(fk.Name, func(t *testing.T) {
			e, w := wired(t, uitest.WireOptions{})
			o := e.sb.Catalogue().Offers[0]
			retries := e.c.Client.(*xportcn.Client).Config().ReadRetries

			// Transient: the product opens as if nothing happened.
			w.Faults(only(fk.Faults, xport.EpProductDetail), retries)
			_, out := e.open(t, o, 80, 24)
			if n := w.Count(xport.EpProductDetail); n != retries+1 {
				t.Fatalf("%d attempts, want 1 + %d retries", n, retries)
			}
			if errs := errorsOut(out); len(errs) > 0 {
				t.Fatalf("a recovered load was reported: %v", errs[0].Err)
			}

			// Persistent, on the detail: the failed page, in words, with r.
			w.Faults(only(fk.Faults, xport.EpProductDetail), 0)
			m := New(e.c, card(o)).(*Model)
			m.debounce = time.Millisecond
			m.SetSize(80, 24)
			before := w.Count(xport.EpProductDetail)
			out = run(t, m, m.Init())
			if n := w.Count(xport.EpProductDetail) - before; n != retries+1 || m.state != failed {
				t.Fatalf("%d attempts, state %v; want %d and failed", n, m.state, retries+1)
			}
			if errs := errorsOut(out); len(errs) != 1 || xport.Hint(errs[0].Err) == "" {
				t.Fatalf("reported %v, want one error with advice", errs)
			}
			v := flat(m.View())
			for _, want := range []string{"Could not load this product", fk.Words, "r tries again"} {
				if !strings.Contains(v, want) {
					t.Errorf("the page does not say %q:\n%s", want, m.View())
				}
			}
			w.Faults(sandbox.Faults{}, 0)
			before = w.Count(xport.EpProductDetail)
			press(t, m, "r")
			if n := w.Count(xport.EpProductDetail) - before; n != 1 || m.state != loaded {
				t.Fatalf("r: %d requests, state %v", n, m.state)
			}

			// Persistent, on the addresses and then the freight: the
			// product stays usable, the freight line says why it has no
			// estimate, and r brings it.
			for _, ep := range []xport.Endpoint{xport.EpAddressList, xport.EpFreight} {
				w.Faults(only(fk.Faults, ep), 0)
				m := New(e.c, card(o)).(*Model)
				m.debounce = time.Millisecond
				m.SetSize(160, 50) // wide: the freight pane is beside the order
				before := w.Count(ep)
				run(t, m, m.Init())
				if n := w.Count(ep) - before; n != retries+1 || m.state != loaded {
					t.Fatalf("%s: %d attempts, state %v; want %d, and the product shown", ep, n, m.state, retries+1)
				}
				line := flat(m.freightLine())
				for _, want := range []string{"could not", fk.Words, "r tries again"} {
					if !strings.Contains(line, want) {
						t.Errorf("%s: the freight line %q does not say %q", ep, line, want)
					}
				}
				// The line wraps inside its column; its ends are enough.
				if v := m.View(); !strings.Contains(v, "could not") || !strings.Contains(v, "r tries again.") {
					t.Errorf("%s: the freight line is not on screen:\n%s", ep, v)
				}
				w.Faults(sandbox.Faults{}, 0)
				before = w.Count(ep)
				press(t, m, "r")
				if n := w.Count(ep) - before; n != 1 || m.freight == nil {
					t.Fatalf("%s: r made %d requests; freight %v, line %q", ep, n, m.freight, m.freightLine())
				}
				m.Close()
			}
		})
	}
}

// Keys work while a call is in flight: Update returns at once (calls run
// in commands), r while the product loads starts again and drops the
// first load, and + while an estimate is on its way changes the quantity
// at once and drops the estimate for the old one. Requests are held on
// the wire rather than slowed by a clock, so the test costs no time.
func TestDetailStaysResponsiveWhileCallsAreInFlight(t *testing.T) {
	e, w := wired(t, uitest.WireOptions{})
	o := findOffer(t, e.sb, "deep in stock", func(o *sandbox.Offer) bool {
		k := inStock(o)
		return published(o) && k != nil && k.Stock >= least(o)+5*lot(o)
	})
	quick := func(what string, m *Model, msg tea.Msg) tea.Cmd {
		t.Helper()
		// Update never calls the network itself: with requests held on
		// the wire, one that did would not return.
		return uitest.NoWait(t, what, func() tea.Cmd { _, cmd := m.Update(msg); return cmd })
	}

	release := w.Hold()
	defer release()
	m := New(e.c, card(o)).(*Model)
	m.debounce = time.Millisecond
	m.SetSize(100, 40)
	waitFirst := uitest.Go(t, m.Init())
	if !strings.Contains(m.View(), "Loading product details") {
		t.Fatalf("the page should say it is loading:\n%s", m.View())
	}
	quick("+ while loading", m, keyMsg("+"))
	waitSecond := uitest.Go(t, quick("r while loading", m, keyMsg("r")))
	var stale tea.Msg
	for _, msg := range waitFirst() {
		if d, ok := msg.(detailMsg); ok {
			stale = d
		}
	}
	if d, ok := stale.(detailMsg); !ok || !errors.Is(d.err, context.Canceled) {
		t.Fatalf("the first load replied %#v, want it canceled by r", stale)
	}
	if quick("stale reply", m, stale); m.state != loading {
		t.Fatalf("the canceled load's reply was taken (state %v)", m.state)
	}
	release()
	for _, msg := range waitSecond() {
		run(t, m, quick("reply", m, msg))
	}
	if m.state != loaded || m.freight == nil {
		t.Fatalf("state %v, freight %v: the page did not finish loading", m.state, m.freight)
	}

	// An estimate in flight when the quantity changes is for the old
	// quantity: it must not show as the new one's.
	release = w.Hold()
	q0 := m.qty
	due := uitest.Exec(t, quick("+", m, keyMsg("+")))
	var fetch tea.Cmd
	for _, msg := range due {
		if c := quick("debounce", m, msg); c != nil {
			fetch = c
		}
	}
	if fetch == nil {
		t.Fatal("no estimate was asked for after +")
	}
	waitOld := uitest.Go(t, fetch)
	before := m.View()
	quick("+ again", m, keyMsg("+"))
	if m.qty != q0+2*lot(o) || m.View() == before {
		t.Fatalf("quantity %d, want %d at once while an estimate is in flight", m.qty, q0+2*lot(o))
	}
	release()
	for _, msg := range waitOld() {
		quick("old estimate", m, msg)
	}
	if !strings.Contains(m.freightLine(), "estimating") {
		t.Fatalf("the estimate for %d shows for %d: %q", q0+lot(o), m.qty, m.freightLine())
	}
}
