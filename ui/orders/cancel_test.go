package orders

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"caigou/ui/journal"
	"caigou/xport/ali1688"
	"caigou/xport/sandbox"
)

// use1688 puts the env's desk on the sandbox's 1688 gateway.
func (e *env) use1688(t *testing.T) {
	t.Helper()
	access, _ := e.sb.IssueToken1688()
	cl, err := ali1688.New(ali1688.Config{AppKey: sandbox.DemoAppKey, AppSecret: sandbox.DemoAppSecret, BaseURL: "https://sandbox.invalid/openapi", RequestsPerSecond: 10000}.Defaults(),
		ali1688.WithHTTPClient(&http.Client{Transport: &sandbox.Transport{Handler: e.sb}}), ali1688.WithTokenSource(ali1688.StaticToken(access)))
	if err != nil {
		t.Fatal(err)
	}
	e.c.Client = cl
}

// X on an unpaid order of a backend that cancels asks first; any other
// key keeps it, y cancels it, and the order is read again.
func TestCancelAnUnpaidOrder(t *testing.T) {
	e := newEnv(t)
	e.use1688(t)
	id := e.place(t, 1)[0]
	e.clock.Advance(time.Minute) // 1688 refuses a cancel in the first 10 s
	d := e.openDetail(t, id, 100, 30)
	found := false
	for _, b := range d.ShortHelp() {
		found = found || b.Help().Key == "X"
	}
	if !found {
		t.Fatal("X is not offered on an unpaid order")
	}
	press(t, d, "X")
	if !d.CapturesInput() || !strings.Contains(d.View(), "Cancel order "+id+"?") {
		t.Fatalf("X should ask:\n%s", d.View())
	}
	if st := statusesIn(press(t, d, "q")); !anyContains(st, "is kept") || d.confirmCancel {
		t.Fatalf("q at the question: %v", st)
	}
	press(t, d, "X")
	msgs := press(t, d, "y")
	if !anyContains(statusesIn(msgs), "is cancelled") {
		t.Fatalf("y: %v %v", statusesIn(msgs), errorsIn(msgs))
	}
	if !strings.Contains(d.View(), "cancel") {
		t.Fatalf("the order was not read again:\n%s", d.View())
	}
	if st := statusesIn(press(t, d, "X")); !anyContains(st, "only an order awaiting payment") {
		t.Fatalf("X on a cancelled order: %v", st)
	}
}

// On the Xportcn backend there is no cancel: X says so, nothing is sent.
func TestNoCancelOnXportcn(t *testing.T) {
	e := newEnv(t)
	id := e.place(t, 1)[0]
	d := e.openDetail(t, id, 100, 30)
	for _, b := range d.ShortHelp() {
		if b.Help().Key == "X" {
			t.Fatal("X is offered where the backend cannot cancel")
		}
	}
	if st := statusesIn(press(t, d, "X")); !anyContains(st, "not available with the Xportcn backend") {
		t.Fatalf("X: %v", st)
	}
}

// 1688's order list does not show the reference (outOrderId) an order was
// placed under; the desk fills it from its journal for the orders it
// placed, so "Your order no." matches the client's references on either
// backend. Orders it did not place stay blank.
func TestReferenceFromTheJournalOn1688(t *testing.T) {
	e := newEnv(t)
	e.use1688(t)
	ids := e.place(t, 2)
	j, err := journal.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { j.Close() })
	e.c.Journal = j
	// The desk's own record of the first (the second was placed elsewhere).
	in := journal.Intent{OutOrderID: "cg-test-0001", SellerOpenID: "s", Lines: []journal.Line{{OfferID: "1", Quantity: 1}}, At: start}
	if err := e.c.Journal.Intend(in); err != nil {
		t.Fatal(err)
	}
	if err := e.c.Journal.Outcome(journal.Outcome{OutOrderID: in.OutOrderID, Result: journal.Created, OrderIDs: ids[:1]}); err != nil {
		t.Fatal(err)
	}
	m, _ := e.open(t, 200, 40)
	if r := m.t.rows[m.t.find(ids[0])]; r.cells[colOutID] != "cg-test-0001" {
		t.Errorf("the desk's order shows reference %q", r.cells[colOutID])
	}
	if r := m.t.rows[m.t.find(ids[1])]; r.cells[colOutID] != "" {
		t.Errorf("an order the journal does not know shows reference %q", r.cells[colOutID])
	}
}
