package search

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"caigou/ui/uitest"
	"caigou/xport"
	"caigou/xport/sandbox"

	tea "github.com/charmbracelet/bubbletea"
)

// flat is a view with its line breaks and runs of spaces folded, so words
// wrapped across lines still match.
func flat(v string) string { return strings.Join(strings.Fields(v), " ") }

// A search under each fault: a few failed attempts are retried by the
// client and never reach the agent; when every attempt fails the page
// says what happened in words and offers r, and r succeeds once the fault
// is gone. Requests are counted on the wire, so a retry that did not
// happen (or one too many) fails the test.
func TestSearchFaultsAreRetriedThenOfferR(t *testing.T) {
	for _, fk := range uitest.ReadFaults() {
		t.Run(fk.Name, func(t *testing.T) {
			s := uitest.NewSession(t)
			cl, w := uitest.NewWire(t, s.Sandbox, uitest.WireOptions{})
			s.C.Client = cl
			m := New(s.C)
			m.Update(uitest.Key("/")) // open the keyword box
			m.SetSize(80, 24)
			t.Cleanup(m.Close)
			retries := cl.Config().ReadRetries

			// Transient: every attempt but the last allowed fails.
			w.Faults(fk.Faults, retries)
			m.input.SetValue("连衣裙")
			_, cmd := m.Update(uitest.Key("enter"))
			rs := results(uitest.Exec(t, cmd))
			if n := w.Count(xport.EpKeywordSearch); n != retries+1 || len(rs) != 1 || rs[0].err != nil {
				t.Fatalf("%d attempts, reply %v; want %d attempts and the results", n, rs, retries+1)
			}
			if cmd := func() tea.Cmd { _, c := m.Update(rs[0]); return c }(); len(errorsIn(uitest.Exec(t, cmd))) != 0 || m.state != ready || len(m.results.rows) == 0 {
				t.Fatalf("a recovered search should just show results (state %v)", m.state)
			}

			// Persistent: the retries are spent, then the page says so.
			w.Faults(fk.Faults, 0)
			uitest.Run(t, updater(m), uitest.Key("/"))
			m.input.SetValue("phone case")
			before := w.Count(xport.EpKeywordSearch)
			_, cmd = m.Update(uitest.Key("enter"))
			rs = results(uitest.Exec(t, cmd))
			if n := w.Count(xport.EpKeywordSearch) - before; n != retries+1 {
				t.Fatalf("%d attempts, want 1 + %d retries", n, retries)
			}
			if len(rs) != 1 || rs[0].err == nil {
				t.Fatalf("reply %v, want the failure", rs)
			}
			_, cmd = m.Update(rs[0])
			errs := errorsIn(uitest.Exec(t, cmd))
			if len(errs) != 1 || xport.Hint(errs[0].Err) == "" || !strings.Contains(errs[0].What, "phone case") {
				t.Fatalf("reported %v, want one error naming the search, with advice", errs)
			}
			v := flat(m.View())
			for _, want := range []string{"Search failed", fk.Words, "Press r to try again"} {
				if !strings.Contains(v, want) {
					t.Errorf("the page does not say %q:\n%s", want, m.View())
				}
			}

			// r, with the fault gone: one request, and the results.
			w.Faults(sandbox.Faults{}, 0)
			before = w.Count(xport.EpKeywordSearch)
			_, cmd = m.Update(uitest.Key("r"))
			if m.state != loading || cmd == nil {
				t.Fatalf("r should search again (state %v)", m.state)
			}
			rs = results(uitest.Exec(t, cmd))
			if n := w.Count(xport.EpKeywordSearch) - before; n != 1 || len(rs) != 1 || rs[0].err != nil {
				t.Fatalf("r: %d requests, reply %v", n, rs)
			}
			m.Update(rs[0])
			if m.state != ready || strings.Contains(m.View(), "Search failed") {
				t.Fatalf("after r: state %v\n%s", m.state, m.View())
			}
		})
	}
}

// With 2 s of latency on every answer, the page never waits for one:
// Update returns at once because calls run in commands (it never touches
// the network), keys are handled while a search is in flight, a second
// search cancels the first (whose late reply is dropped), and a client
// timeout shorter than the latency ends in words and an r that works.
// Nothing here races a clock: searches in flight are held on the wire
// (their client waits a minute), and the timeout is met by a client of
// 250 ms against a latency of 2 s.
func TestSearchStaysResponsiveWhileSlow(t *testing.T) {
	s := uitest.NewSession(t)
	patient, pw := uitest.NewWire(t, s.Sandbox, uitest.WireOptions{Timeout: time.Minute})
	hasty, hw := uitest.NewWire(t, s.Sandbox, uitest.WireOptions{Timeout: 250 * time.Millisecond, ReadRetries: 1})
	s.C.Client = patient
	m := New(s.C)
	m.Update(uitest.Key("/")) // open the keyword box
	m.SetSize(80, 24)
	t.Cleanup(m.Close)
	up := updater(m)
	quick := func(what string, msg tea.Msg) tea.Cmd {
		t.Helper()
		// Update never calls the network itself: with searches held on
		// the wire, one that did would not return.
		return uitest.NoWait(t, what, func() tea.Cmd { _, cmd := m.Update(msg); return cmd })
	}

	release := pw.Hold()
	m.input.SetValue("连衣裙")
	waitA := uitest.Go(t, quick("enter", uitest.Key("enter")))
	if m.state != loading || !strings.Contains(m.View(), "Searching “连衣裙”") {
		t.Fatalf("the page should say it is searching:\n%s", m.View())
	}

	// Keys while the search is in flight.
	quick("esc", uitest.Key("esc"))
	if m.CapturesInput() {
		t.Fatal("esc should leave the input while the search runs")
	}
	quick("/", uitest.Key("/"))
	if !m.CapturesInput() || m.input.Value() != "连衣裙" {
		t.Fatal("/ should open the input, holding the keyword, while the search runs")
	}
	quick("ctrl+u", tea.KeyMsg{Type: tea.KeyCtrlU})
	uitest.Type(t, up, "phone case")
	waitB := uitest.Go(t, quick("second enter", uitest.Key("enter")))

	// The first search was canceled while held, not left to run.
	first := results(waitA())
	if len(first) != 1 || !errors.Is(first[0].err, context.Canceled) {
		t.Fatalf("first search replied %v, want it canceled", first)
	}
	if cmd := quick("late reply", first[0]); cmd != nil || m.state != loading || m.q.keyword != "phone case" {
		t.Fatalf("the canceled search's reply was taken (state %v, keyword %q)", m.state, m.q.keyword)
	}
	release()
	second := results(waitB())
	if len(second) != 1 || second[0].err != nil {
		t.Fatalf("second search replied %v", second)
	}
	quick("second results", second[0])
	if m.state != ready || m.q.keyword != "phone case" {
		t.Fatalf("state %v keyword %q after the second search", m.state, m.q.keyword)
	}

	// A client whose attempts end before the service answers: 250 ms
	// each, 2 s latency, one retry.
	s.C.Client = hasty
	s.Sandbox.SetFaults(sandbox.Faults{Latency: 2 * time.Second})
	quick("/", uitest.Key("/"))
	quick("ctrl+u", tea.KeyMsg{Type: tea.KeyCtrlU})
	uitest.Type(t, up, "连衣裙")
	third := results(uitest.Exec(t, quick("third enter", uitest.Key("enter"))))
	if n := hw.Count(xport.EpKeywordSearch); n != 2 {
		t.Fatalf("%d requests, want 2 (one timed out, one retry)", n)
	}
	if len(third) != 1 || xport.Classify(third[0].err) != xport.ClassNetwork {
		t.Fatalf("the search replied %v, want a timeout", third)
	}
	cmd := quick("failure", third[0])
	if errs := errorsIn(uitest.Exec(t, cmd)); len(errs) != 1 {
		t.Fatalf("reported %v", errs)
	}
	v := flat(m.View())
	for _, want := range []string{"timed out after 250ms", "No answer from Xportcn; check the network", "Press r to try again"} {
		if !strings.Contains(v, want) {
			t.Errorf("the page does not say %q:\n%s", want, m.View())
		}
	}

	// The network is back: r, results, and the cursor moves at once while
	// the next page is in flight.
	s.C.Client = patient
	s.Sandbox.SetFaults(sandbox.Faults{})
	msgs := uitest.Exec(t, quick("r", uitest.Key("r")))
	release = pw.Hold()
	defer release()
	var more tea.Cmd
	for _, msg := range msgs {
		if c := quick("results", msg); c != nil {
			more = c
		}
	}
	if m.state != ready || !m.more {
		t.Fatalf("state %v, next page in flight %v; want results with page 2 on its way", m.state, m.more)
	}
	waitMore := uitest.Go(t, more)
	before := m.View()
	quick("j", uitest.Key("j"))
	quick("j", uitest.Key("j"))
	if m.results.cursor != 2 || m.View() == before {
		t.Fatalf("the cursor is on row %d while a page is in flight; want 2", m.results.cursor)
	}
	release()
	for _, msg := range waitMore() {
		m.Update(msg)
	}
	if m.more || len(m.results.rows) <= 20 {
		t.Fatalf("page 2 did not land (rows %d, more %v)", len(m.results.rows), m.more)
	}
}
