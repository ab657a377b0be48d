package journal

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"caigou/xport"
)

var t0 = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

func intent(id string) Intent {
	return Intent{
		OutOrderID: id, SellerOpenID: "open-1", SellerName: "义乌市某某贸易",
		Lines:        []Line{{OfferID: "100000000001", SpecID: "abc", Quantity: 3}},
		PreviewTotal: 12345, At: t0,
	}
}

func open(t *testing.T) *Journal {
	t.Helper()
	j, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return j
}

func pendingIDs(t *testing.T, j *Journal) ([]string, []string) {
	t.Helper()
	p, notes, err := j.Pending()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, in := range p {
		ids = append(ids, in.OutOrderID)
	}
	return ids, notes
}

func TestWriteReopenPending(t *testing.T) {
	dir := t.TempDir()
	j, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"cg-a", "cg-b", "cg-c"} {
		if err := j.Intend(intent(id)); err != nil {
			t.Fatal(err)
		}
	}
	if err := j.Outcome(Outcome{OutOrderID: "cg-b", Result: Created, OrderIDs: []string{"9000001"}}); err != nil {
		t.Fatal(err)
	}
	// A new Journal on the same directory is a restart.
	j2, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	p, notes, err := j2.Pending()
	if err != nil || len(notes) > 0 {
		t.Fatalf("err %v notes %v", err, notes)
	}
	if len(p) != 2 || p[0].OutOrderID != "cg-a" || p[1].OutOrderID != "cg-c" {
		t.Fatalf("pending %+v", p)
	}
	got := p[0]
	want := intent("cg-a")
	if got.SellerOpenID != want.SellerOpenID || got.SellerName != want.SellerName || got.PreviewTotal != 12345 ||
		!slices.Equal(got.Lines, want.Lines) || !got.At.Equal(t0) {
		t.Errorf("read back %+v, want %+v", got, want)
	}
	r, err := j2.Read()
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Outcomes) != 1 || !slices.Equal(r.Outcomes[0].OrderIDs, []string{"9000001"}) || r.Outcomes[0].At.IsZero() {
		t.Errorf("outcomes %+v", r.Outcomes)
	}
}

func TestOutcomesCloseIntents(t *testing.T) {
	j := open(t)
	for _, id := range []string{"cg-created", "cg-refused", "cg-unknown", "cg-notplaced", "cg-retried"} {
		if err := j.Intend(intent(id)); err != nil {
			t.Fatal(err)
		}
	}
	for _, o := range []Outcome{
		{OutOrderID: "cg-created", Result: Created, OrderIDs: []string{"1"}},
		{OutOrderID: "cg-refused", Result: Refused, Reason: "below the minimum order quantity"},
		// Unknown is not an answer: the intent stays open until looked up.
		{OutOrderID: "cg-unknown", Result: Unknown, Reason: "timeout"},
		{OutOrderID: "cg-notplaced", Result: Unknown},
		{OutOrderID: "cg-notplaced", Result: NotPlaced},
		{OutOrderID: "cg-retried", Result: NotPlaced},
	} {
		if err := j.Outcome(o); err != nil {
			t.Fatal(err)
		}
	}
	// Sending the same outOrderId again opens it again.
	if err := j.Intend(intent("cg-retried")); err != nil {
		t.Fatal(err)
	}
	ids, _ := pendingIDs(t, j)
	if !slices.Equal(ids, []string{"cg-unknown", "cg-retried"}) {
		t.Fatalf("pending %v", ids)
	}
}

func TestRefusesBadRecords(t *testing.T) {
	j := open(t)
	for name, err := range map[string]error{
		"no id":          j.Intend(Intent{Lines: intent("x").Lines}),
		"long id":        j.Intend(intent(strings.Repeat("x", 65))),
		"no lines":       j.Intend(Intent{OutOrderID: "cg-x"}),
		"bad result":     j.Outcome(Outcome{OutOrderID: "cg-x", Result: "maybe"}),
		"created no ids": j.Outcome(Outcome{OutOrderID: "cg-x", Result: Created}),
		"outcome no id":  j.Outcome(Outcome{Result: Refused}),
	} {
		if err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if r, err := j.Read(); err != nil || len(r.order) != 0 {
		t.Errorf("a refused record was written: %v %v", r, err)
	}
}

// TestImportsTheOldFile: the journal.jsonl an older version kept is
// moved into the database on the first start, in order, with a note for
// a line a crash cut short; it is kept as journal.jsonl.imported and
// never imported twice.
func TestImportsTheOldFile(t *testing.T) {
	dir := t.TempDir()
	lines := []string{
		`{"kind":"intent","intent":{"outOrderId":"cg-a","sellerOpenId":"open-1","sellerName":"A","lines":[{"offerId":"1","quantity":3}],"previewTotalFen":12345,"at":"2026-03-02T10:00:00Z"}}`,
		`{"kind":"intent","intent":{"outOrderId":"cg-b","sellerOpenId":"open-2","sellerName":"B","lines":[{"offerId":"2","quantity":1}],"previewTotalFen":500,"at":"2026-03-02T10:00:01Z"}}`,
		`{"kind":"outcome","outcome":{"outOrderId":"cg-b","result":"created","orderIds":["9"],"at":"2026-03-02T10:00:02Z"}}`,
		`{"kind":"intent","intent":{"outOrderId":"cg-c","sellerOpenId":"open-3","sellerName":"C","lines":[{"offerId":"3","quantity":1}],"at":"2026-03-02T10:00:03Z"}}`,
		`{"kind":"outcome","outcome":{"outOrderId":"cg-c","result":"not_placed","at":"2026-03-02T10:00:04Z"}}`,
		`{"kind":"intent","intent":{"outOrderId":"cg-d","sellerOpen`,
	}
	old := strings.Join(lines, "\n")
	if err := os.WriteFile(filepath.Join(dir, FileName), []byte(old), 0o600); err != nil {
		t.Fatal(err)
	}
	j, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	ids, notes := pendingIDs(t, j)
	if !slices.Equal(ids, []string{"cg-a"}) || len(notes) != 0 {
		t.Fatalf("pending %v, notes %v", ids, notes)
	}
	all := strings.Join(j.Notes(), " ")
	for _, w := range []string{"Order journal (5 records) moved into caigou.db", "journal.jsonl.imported", "line 6 skipped", "crash"} {
		if !strings.Contains(all, w) {
			t.Errorf("notes lack %q: %q", w, all)
		}
	}
	if b, err := os.ReadFile(filepath.Join(dir, FileName+".imported")); err != nil || string(b) != old {
		t.Errorf("backup: %v", err)
	}
	if tot, err := j.PreviewTotals([]string{"cg-a", "cg-b", "cg-x"}); err != nil || len(tot) != 2 || tot["cg-a"] != 12345 || tot["cg-b"] != 500 {
		t.Errorf("preview totals %v %v", tot, err)
	}
	// A file that comes back is not imported again.
	os.WriteFile(filepath.Join(dir, FileName), []byte(old), 0o600)
	again, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := again.Read(); len(r.order) != 5 || len(again.Notes()) != 0 {
		t.Errorf("%d records after a second start, notes %v", len(r.order), again.Notes())
	}
}

// Finding what is unsettled reads the open references, not the history:
// the query goes through the partial index of open references.
func TestPendingReadsOnlyOpenReferences(t *testing.T) {
	j := open(t)
	rows, err := j.db.Query(context.Background(), `EXPLAIN QUERY PLAN SELECT r.out_order_id, j.body FROM journal_ref r JOIN journal j ON j.seq = r.intent_seq
		WHERE r.open = 1 ORDER BY r.first_seq`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	p := strings.Join(plan, "; ")
	if !strings.Contains(p, "journal_ref_open") || strings.Contains(p, "SCAN j") || strings.Contains(p, "TEMP B-TREE") {
		t.Errorf("query plan %q", p)
	}
	// And the query in the code is that one.
	src, err := os.ReadFile("store.go")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), "WHERE r.open = 1 ORDER BY r.first_seq") {
		t.Error("Pending's query changed: update this test")
	}
}

func TestFileIsPrivate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state")
	j, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := j.Intend(intent("cg-a")); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{j.Path(), j.Path() + "-wal", j.Path() + "-shm"} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %04o, want 0600", p, fi.Mode().Perm())
		}
	}
	di, _ := os.Stat(dir)
	if di.Mode().Perm() != 0o700 {
		t.Errorf("directory mode %04o, want 0700", di.Mode().Perm())
	}
	// A database left looser by someone else is tightened on the next start.
	os.Chmod(j.Path(), 0o644)
	if _, err := Open(dir); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(j.Path())
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("journal mode %04o after a start, want 0600", fi.Mode().Perm())
	}
}

// TestConcurrentWrites: groups are placed in parallel; every record must
// come out whole, one per line.
func TestConcurrentWrites(t *testing.T) {
	j := open(t)
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := "cg-" + strings.Repeat("x", i%10) + string(rune('a'+i%26)) + string(rune('A'+i/26))
			if err := j.Intend(intent(id)); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	r, err := j.Read()
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Intents) != 50 || len(r.Notes) != 0 || len(r.Pending()) != 50 {
		t.Fatalf("%d intents, notes %v", len(r.Intents), r.Notes)
	}
}

func TestNewOutOrderID(t *testing.T) {
	re := regexp.MustCompile(`^cg-\d{17}-[0-9a-v]{10}$`)
	seen := map[string]bool{}
	prev := ""
	for i := range 200 {
		id, err := NewOutOrderID(t0.Add(time.Duration(i) * time.Millisecond))
		if err != nil {
			t.Fatal(err)
		}
		if !re.MatchString(id) || len(id) > MaxOutOrderID {
			t.Fatalf("id %q", id)
		}
		if seen[id] {
			t.Fatalf("repeated %q", id)
		}
		seen[id] = true
		if id <= prev {
			t.Fatalf("%q does not sort after %q", id, prev)
		}
		prev = id
	}
	// The same millisecond still gives different ids.
	a, _ := NewOutOrderID(t0)
	b, _ := NewOutOrderID(t0)
	if a == b {
		t.Fatalf("two ids in one millisecond are equal: %q", a)
	}
	if !strings.HasPrefix(a, "cg-20260302100000000-") {
		t.Errorf("id %q does not carry the time", a)
	}
}

type finder struct {
	look  *xport.LookUp
	err   error
	asked string
}

func (f *finder) FindByOutOrderID(_ context.Context, id string) (*xport.LookUp, error) {
	f.asked = id
	return f.look, f.err
}

func order(id, str string) xport.Order {
	var o xport.Order
	o.BaseInfo.ID, o.BaseInfo.IDOfStr = xport.ID(id), xport.ID(str)
	return o
}

func TestResolve(t *testing.T) {
	f := &finder{look: &xport.LookUp{Orders: []xport.Order{order("1", "9000001"), order("9000002", ""), order("1", "9000001")}}}
	l, err := Resolve(context.Background(), f, intent("cg-a"))
	if err != nil || !slices.Equal(l.OrderIDs(), []string{"9000001", "9000002"}) || f.asked != "cg-a" {
		t.Fatalf("look-up %+v err %v asked %q", l, err, f.asked)
	}
	f = &finder{err: errors.New("offline")}
	if _, err := Resolve(context.Background(), f, intent("cg-a")); err == nil {
		t.Fatal("a failed look-up must not read as not found")
	}
}

// TestNothingFoundNeverSettles is the rule of the money path: a look-up
// that finds nothing, proven or not, leaves the intent open. Making
// "not found" final here (Result NotPlaced) fails this test.
func TestNothingFoundNeverSettles(t *testing.T) {
	for _, l := range []*xport.LookUp{{Absent: true}, {Why: "the orders carry no outOrderId"}} {
		o := OutcomeOf("cg-a", l, "in a test")
		if o.Result.Final() {
			t.Fatalf("%+v -> %+v: nothing found must not settle the intent", l, o)
		}
	}
	if o := OutcomeOf("cg-a", &xport.LookUp{Orders: []xport.Order{order("1", "9")}}, "x"); o.Result != Created || !slices.Equal(o.OrderIDs, []string{"9"}) {
		t.Fatalf("an order found settles it as created: %+v", o)
	}
	if o := OutcomeOf("cg-a", &xport.LookUp{Why: "shape"}, "x"); o.Result != Unknown || !strings.Contains(o.Reason, "shape") {
		t.Fatalf("an unprovable answer is unknown, with its reason: %+v", o)
	}
}

// byID answers look-ups from a table of outOrderId to order ids; every
// other id is absent (proven).
type byID struct {
	found map[string][]string
	fail  map[string]bool
	asked []string
}

func (b *byID) FindByOutOrderID(_ context.Context, id string) (*xport.LookUp, error) {
	b.asked = append(b.asked, id)
	if b.fail[id] {
		return nil, errors.New("offline")
	}
	out := &xport.LookUp{Absent: len(b.found[id]) == 0}
	for _, oid := range b.found[id] {
		out.Orders = append(out.Orders, order("", oid))
	}
	return out, nil
}

func TestResolvePending(t *testing.T) {
	j := open(t)
	for i, id := range []string{"cg-found", "cg-gone", "cg-offline", "cg-done", "cg-recent"} {
		in := intent(id)
		in.At = t0.Add(time.Duration(i) * time.Second)
		if err := j.Intend(in); err != nil {
			t.Fatal(err)
		}
	}
	if err := j.Outcome(Outcome{OutOrderID: "cg-done", Result: Refused}); err != nil {
		t.Fatal(err)
	}
	f := &byID{found: map[string][]string{"cg-found": {"9001"}}, fail: map[string]bool{"cg-offline": true}}
	// cg-recent was made after the cutoff: another session may be sending it.
	res, notes, err := j.ResolvePending(context.Background(), f, t0.Add(4*time.Second), "in a test")
	if err != nil || len(notes) != 0 {
		t.Fatal(err, notes)
	}
	if !slices.Equal(f.asked, []string{"cg-found", "cg-gone", "cg-offline"}) {
		t.Fatalf("looked up %v", f.asked)
	}
	if len(res) != 3 || !slices.Equal(res[0].OrderIDs, []string{"9001"}) || len(res[1].OrderIDs) != 0 || !res[1].Absent || res[1].Err != nil || res[2].Err == nil {
		t.Fatalf("resolutions %+v", res)
	}
	// cg-gone was not found: it may still land, so it stays pending and is
	// looked up again next time.
	ids, _ := pendingIDs(t, j)
	if !slices.Equal(ids, []string{"cg-gone", "cg-offline", "cg-recent"}) {
		t.Fatalf("still pending %v", ids)
	}
}

// A preview checks the open creates of its own supplier only.
func TestPendingForOneSupplier(t *testing.T) {
	j := open(t)
	a, b := intent("cg-a"), intent("cg-b")
	b.SellerOpenID = "open-2"
	c := intent("cg-c")
	for _, in := range []Intent{a, b, c} {
		if err := j.Intend(in); err != nil {
			t.Fatal(err)
		}
	}
	if err := j.Outcome(Outcome{OutOrderID: "cg-c", Result: Refused}); err != nil {
		t.Fatal(err)
	}
	got, _, err := j.PendingFor("open-1")
	if err != nil || len(got) != 1 || got[0].OutOrderID != "cg-a" {
		t.Fatalf("open-1: %+v %v", got, err)
	}
	if got, _, _ := j.PendingFor("open-2"); len(got) != 1 || got[0].OutOrderID != "cg-b" {
		t.Fatalf("open-2: %+v", got)
	}
}

// The reference of each order the desk placed, by order id: 1688's order
// list does not show outOrderId (issue 13), and the agent matches orders
// to a client's references by it. A database from before the table gets
// it filled from the outcomes it holds.
func TestRefsOfPlacedOrders(t *testing.T) {
	dir := t.TempDir()
	j, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"cg-a", "cg-b", "cg-c"} {
		if err := j.Intend(intent(id)); err != nil {
			t.Fatal(err)
		}
	}
	for _, o := range []Outcome{
		{OutOrderID: "cg-a", Result: Created, OrderIDs: []string{"9001", "9002"}},
		{OutOrderID: "cg-b", Result: Unknown},
		{OutOrderID: "cg-b", Result: Created, OrderIDs: []string{"9003"}},
		{OutOrderID: "cg-c", Result: Refused, Reason: "no"},
	} {
		if err := j.Outcome(o); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]string{"9001": "cg-a", "9002": "cg-a", "9003": "cg-b"}
	check := func(j *Journal, when string) {
		t.Helper()
		got, err := j.RefsOf([]string{"9001", "9002", "9003", "9999"})
		if err != nil || len(got) != 3 || got["9001"] != want["9001"] || got["9002"] != want["9002"] || got["9003"] != want["9003"] {
			t.Fatalf("%s: %v %v", when, got, err)
		}
		orders := []xport.Order{{}, {}, {}}
		orders[0].BaseInfo.IDOfStr, orders[1].BaseInfo.IDOfStr, orders[2].BaseInfo.IDOfStr = "9003", "9999", "9001"
		orders[2].BaseInfo.OutOrderID = "shown-by-the-service"
		if err := j.FillRefs(orders); err != nil || orders[0].BaseInfo.OutOrderID != "cg-b" || orders[1].BaseInfo.OutOrderID != "" || orders[2].BaseInfo.OutOrderID != "shown-by-the-service" {
			t.Fatalf("%s: filled %+v %+v %+v (%v)", when, orders[0].BaseInfo, orders[1].BaseInfo, orders[2].BaseInfo, err)
		}
	}
	check(j, "written")

	// The same journal as schema version 2 left it: the table is made and
	// filled on the next open.
	for _, q := range []string{"DROP TABLE journal_order", "PRAGMA user_version = 2"} {
		if _, err := j.db.Exec(context.Background(), q); err != nil {
			t.Fatal(err)
		}
	}
	j.Close()
	j, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	check(j, "after the schema step")
}
