package orders

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"caigou/ui/uitest"
	"caigou/xport"
	"caigou/xport/sandbox"
	"caigou/xport/xportcn"

	tea "github.com/charmbracelet/bubbletea"
)

// on limits f to the endpoints eps.
func on(f sandbox.Faults, eps ...xport.Endpoint) sandbox.Faults {
	f.Only = eps
	return f
}

// flat folds a view's line breaks and runs of spaces, so wrapped words
// still match.
func flat(v string) string { return strings.Join(strings.Fields(v), " ") }

// wired places n orders, the first paid and shipped (so it has a trace
// to fail), then puts a Wire between the client and the sandbox.
func wired(t *testing.T, n int, o uitest.WireOptions) (*env, *uitest.Wire, []string) {
	t.Helper()
	e := newEnv(t)
	ids := e.place(t, n)
	e.pay(t, ids[0])
	e.clock.Advance(30 * time.Hour)
	cl, w := uitest.NewWire(t, e.sb, o)
	e.c.Client = cl
	return e, w, ids
}

// The order list and an order's page under each fault: a few failures
// are retried by the client and never shown; once the retries are spent
// the page says what happened in words and r tries again, and works once
// the fault is gone. Requests are counted on the wire.
func TestOrdersFaultsAreRetriedThenOfferR(t *testing.T) {
	for _, fk := range uitest.ReadFaults() {
		t.Run(fk.Name, func(t *testing.T) {
			e, w, ids := wired(t, 3, uitest.WireOptions{})
			retries := e.c.Client.(*xportcn.Client).Config().ReadRetries

			// Transient: the list loads as if nothing happened (open
			// fails the test on any reported error).
			w.Faults(on(fk.Faults, xport.EpOrderList), retries)
			m, tk := e.open(t, 80, 24)
			if n := w.Count(xport.EpOrderList); n != retries+1 || len(m.t.rows) != 3 {
				t.Fatalf("%d attempts, %d rows; want %d and 3", n, len(m.t.rows), retries+1)
			}

			// Persistent, on an automatic refresh: the rows stay, the
			// info line says the refresh failed, why, and what r does.
			w.Faults(on(fk.Faults, xport.EpOrderList), 0)
			before := w.Count(xport.EpOrderList)
			msgs := uitest.Run(t, updater(m), tk.last())
			if n := w.Count(xport.EpOrderList) - before; n != retries+1 {
				t.Fatalf("refresh: %d attempts, want %d", n, retries+1)
			}
			if len(errorsIn(msgs)) != 0 || len(m.t.rows) != 3 {
				t.Fatalf("an automatic refresh should fail quietly and keep the rows (%d)", len(m.t.rows))
			}
			v := m.View()
			checkFits(t, "refresh failed", v, 80, 24)
			if !strings.Contains(v, "Refresh failed (r tries again)") || !strings.Contains(v, firstWords(fk.Words, 2)) {
				t.Errorf("the info line does not say the refresh failed, why and what r does:\n%s", v)
			}
			w.Faults(sandbox.Faults{}, 0)
			press(t, m, "r")
			if m.refreshErr != nil || strings.Contains(m.View(), "Refresh failed") {
				t.Fatalf("r did not refresh:\n%s", m.View())
			}

			// Persistent, on the first load of a page.
			w.Faults(on(fk.Faults, xport.EpOrderList), 0)
			m2 := newModel(e.c)
			m2.after = (&ticks{}).after
			m2.SetSize(80, 24)
			t.Cleanup(m2.Close)
			before = w.Count(xport.EpOrderList)
			msgs = uitest.Drain(t, updater(m2), m2.Init())
			if n := w.Count(xport.EpOrderList) - before; n != retries+1 || m2.state != failed {
				t.Fatalf("%d attempts, state %v", n, m2.state)
			}
			if errs := errorsIn(msgs); len(errs) != 1 || xport.Hint(errs[0].Err) == "" {
				t.Fatalf("reported %v, want one error with advice", errs)
			}
			v = flat(m2.View())
			for _, want := range []string{"failed", fk.Words, "Press r to try again"} {
				if !strings.Contains(v, want) {
					t.Errorf("the page does not say %q:\n%s", want, m2.View())
				}
			}
			w.Faults(sandbox.Faults{}, 0)
			press(t, m2, "r")
			if m2.state != ready || len(m2.t.rows) != 3 {
				t.Fatalf("r: state %v, %d rows", m2.state, len(m2.t.rows))
			}

			// An order's page: the order and its trace each fail in
			// words with r, and r brings both.
			d := e.openDetail(t, ids[0], 100, 90) // tall: the trace is on screen
			w.Faults(on(fk.Faults, xport.EpOrderDetail, xport.EpLogistics), 0)
			before = w.Count(xport.EpOrderDetail) + w.Count(xport.EpLogistics)
			msgs = press(t, d, "r")
			if n := w.Count(xport.EpOrderDetail) + w.Count(xport.EpLogistics) - before; n != 2*(retries+1) {
				t.Fatalf("order page: %d attempts, want %d for the order and its trace", n, 2*(retries+1))
			}
			if errs := errorsIn(msgs); len(errs) != 2 {
				t.Fatalf("order page: reported %v, want the order and the trace", errs)
			}
			v = flat(d.View())
			for _, want := range []string{"could not load the full order", "Could not load the trace", fk.Words, "Press r to try again"} {
				if !strings.Contains(v, want) {
					t.Errorf("the order page does not say %q:\n%s", want, d.View())
				}
			}
			w.Faults(sandbox.Faults{}, 0)
			press(t, d, "r")
			if d.loadErr != nil || d.traceState != traceLoaded {
				t.Fatalf("r on the order page: %v, trace %v", d.loadErr, d.traceState)
			}
		})
	}
}

// firstWords is the start of a message, as far as a cut line shows it.
func firstWords(s string, n int) string {
	f := strings.Fields(s)
	return strings.Join(f[:min(len(f), n)], " ")
}

// Keys work while the list is on its way: Update returns at once (calls
// run in commands), another tab cancels the load in flight and drops its
// late reply, and the cursor moves while a refresh is held on the wire.
func TestOrdersStayResponsiveWhileCallsAreInFlight(t *testing.T) {
	e, w, _ := wired(t, 4, uitest.WireOptions{})
	quick := func(what string, m *Model, msg tea.Msg) tea.Cmd {
		t.Helper()
		// Update never calls the network itself: with requests held on
		// the wire, one that did would not return.
		return uitest.NoWait(t, what, func() tea.Cmd { _, cmd := m.Update(msg); return cmd })
	}

	release := w.Hold()
	defer release()
	m := newModel(e.c)
	m.after = (&ticks{}).after
	m.SetSize(100, 30)
	t.Cleanup(m.Close)
	waitFirst := uitest.Go(t, m.Init())
	if !strings.Contains(m.View(), "Loading") {
		t.Fatalf("the page should say it is loading:\n%s", m.View())
	}
	waitSecond := uitest.Go(t, quick("right", m, uitest.Key("right")))
	if m.tab != 1 {
		t.Fatalf("tab %d; the key should switch tabs while the list loads", m.tab)
	}
	first := waitFirst()
	if len(first) != 1 || !errors.Is(first[0].(listMsg).err, context.Canceled) {
		t.Fatalf("the first load replied %v, want it canceled", first)
	}
	if quick("stale reply", m, first[0]); m.state != loading {
		t.Fatalf("the canceled load's reply was taken (state %v)", m.state)
	}
	release()
	for _, msg := range waitSecond() {
		uitest.Drain(t, updater(m), quick("reply", m, msg))
	}
	if m.state != ready || len(m.t.rows) == 0 || m.q.status != tabs()[1].status {
		t.Fatalf("state %v, %d rows, status %q", m.state, len(m.t.rows), m.q.status)
	}

	// A refresh held in flight: the cursor moves at once.
	release = w.Hold()
	waitRefresh := uitest.Go(t, quick("r", m, uitest.Key("r")))
	at := m.t.cursor
	before := m.View()
	quick("j", m, uitest.Key("j"))
	if len(m.t.rows) > 1 && (m.t.cursor != at+1 || m.View() == before) {
		t.Fatalf("the cursor did not move while a refresh was in flight")
	}
	release()
	for _, msg := range waitRefresh() {
		uitest.Drain(t, updater(m), quick("refresh", m, msg))
	}
	if m.refreshing || m.refreshErr != nil {
		t.Fatalf("the refresh did not land (%v)", m.refreshErr)
	}
}
