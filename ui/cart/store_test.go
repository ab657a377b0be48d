package cart

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"caigou/ui/pricing"
	"caigou/ui/statedb"
)

func open(t *testing.T, dir string) *Cart {
	t.Helper()
	c, err := Open(dir)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return c
}

func full() Line {
	return Line{
		OfferID: "610000000001", SpecID: "spec-red-m", SkuID: "sku-1", Title: "Summer dress", TitleZH: "夏季连衣裙",
		SKUDesc: "红色 / M", Quantity: 12, SellerOpenID: "open-1", SellerName: "义乌服饰",
		MOQ: 2, Batch: 2, QuoteType: 2, Tiers: ladder(), SKUPrice: 1300, Stock: 500,
		Mix: pricing.Mix{Enabled: true, Number: 30, Amount: 30000}, Unit: "piece",
		AddedAt: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC),
	}
}

func TestStoreWritesReopensAndReadsBack(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "caigou")
	c := open(t, dir)
	if c.Path() != filepath.Join(dir, "caigou.db") {
		t.Errorf("path %q", c.Path())
	}
	if err := c.Put(full()); err != nil {
		t.Fatal(err)
	}
	other := line("2", "", "open-2", 10)
	if err := c.Put(other); err != nil {
		t.Fatal(err)
	}
	if err := c.SetMessage("open-1", "请用纸箱包装"); err != nil {
		t.Fatal(err)
	}
	if err := c.SetDefaultAddress("300002"); err != nil {
		t.Fatal(err)
	}

	again := open(t, dir)
	if !reflect.DeepEqual(again.Lines(), c.Lines()) {
		t.Errorf("reopened lines differ:\n%+v\n%+v", again.Lines(), c.Lines())
	}
	if got := again.Lines()[0]; got.UnitPrice != 1180 || got.AddedAt != full().AddedAt || got.Mix != full().Mix {
		t.Errorf("line read back %+v", got)
	}
	if again.Message("open-1") != "请用纸箱包装" || again.DefaultAddress() != "300002" {
		t.Errorf("message %q, address %q", again.Message("open-1"), again.DefaultAddress())
	}

	// Removing everything is saved too.
	if err := again.Delete(full().Key(), other.Key()); err != nil {
		t.Fatal(err)
	}
	if n := open(t, dir).Count(); n != 0 {
		t.Errorf("%d lines after removing all", n)
	}
}

func TestModes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "caigou")
	c := open(t, dir)
	if err := c.Put(full()); err != nil {
		t.Fatal(err)
	}
	if err := c.SetDefaultAddress("1"); err != nil {
		t.Fatal(err)
	}
	mode := func(p string) os.FileMode {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		return fi.Mode().Perm()
	}
	if m := mode(dir); m != 0o700 {
		t.Errorf("dir mode %o", m)
	}
	// The WAL and its index hold the latest changes: private too.
	for _, f := range []string{"caigou.db", "caigou.db-wal", "caigou.db-shm"} {
		if m := mode(filepath.Join(dir, f)); m != 0o600 {
			t.Errorf("%s mode %o", f, m)
		}
	}
	// A loose directory is tightened; a loose file too, when next opened.
	os.Chmod(dir, 0o755)
	os.Chmod(filepath.Join(dir, "caigou.db"), 0o644)
	open(t, dir)
	if m := mode(dir); m != 0o700 {
		t.Errorf("dir mode after reopening %o", m)
	}
	if m := mode(filepath.Join(dir, "caigou.db")); m != 0o600 {
		t.Errorf("file mode after reopening %o", m)
	}
}

func TestTwoSessionsAddingAtOnceLoseNothing(t *testing.T) {
	dir := t.TempDir()
	a, b := open(t, dir), open(t, dir)
	const n = 40
	var wg sync.WaitGroup
	for i, c := range []*Cart{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < n; j++ {
				l := line(fmt.Sprintf("%d-%02d", i, j), "", "s", 10)
				if err := c.Put(l); err != nil {
					t.Error(err)
					return
				}
				// The same SKU from both sessions must add up, not
				// overwrite.
				if err := c.Put(line("shared", "", "s", 5)); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	got := open(t, dir).Lines()
	if len(got) != 2*n+1 {
		t.Fatalf("%d lines on disk, want %d", len(got), 2*n+1)
	}
	for _, l := range got {
		if l.OfferID == "shared" && l.Quantity != 2*n*5 {
			t.Errorf("shared line has %d, want %d", l.Quantity, 2*n*5)
		}
	}
	// Each session picks up the other's changes.
	for _, c := range []*Cart{a, b} {
		if _, err := c.Reload(); err != nil {
			t.Fatal(err)
		}
		if c.Count() != 2*n+1 {
			t.Errorf("after reload a session sees %d lines", c.Count())
		}
	}
}

func TestReload(t *testing.T) {
	dir := t.TempDir()
	a, b := open(t, dir), open(t, dir)
	if changed, err := b.Reload(); changed || err != nil {
		t.Errorf("nothing changed yet: %v %v", changed, err)
	}
	if err := a.Put(full()); err != nil {
		t.Fatal(err)
	}
	if err := a.SetDefaultAddress("300001"); err != nil {
		t.Fatal(err)
	}
	v := b.Version()
	changed, err := b.Reload()
	if !changed || err != nil || b.Count() != 1 || b.DefaultAddress() != "300001" || b.Version() == v {
		t.Errorf("reload: %v %v, %d lines, address %q", changed, err, b.Count(), b.DefaultAddress())
	}
	if changed, _ := b.Reload(); changed {
		t.Error("a second reload without changes reported one")
	}
	// A change made through b after the reload keeps a's line.
	if err := b.Put(line("2", "", "s", 10)); err != nil {
		t.Fatal(err)
	}
	if changed, _ := a.Reload(); !changed || a.Count() != 2 {
		t.Errorf("a sees %d lines", a.Count())
	}
	// A's own write is not a change to reload.
	if err := a.Set(full().Key(), 14); err != nil {
		t.Fatal(err)
	}
	if changed, _ := a.Reload(); changed {
		t.Error("a's own change came back as another session's")
	}
}

func TestCorruptDatabaseIsMovedAside(t *testing.T) {
	dir := t.TempDir()
	c := open(t, dir)
	if err := c.Put(full()); err != nil {
		t.Fatal(err)
	}
	c.st.db.Close()
	p := filepath.Join(dir, "caigou.db")
	os.Remove(p + "-wal")
	os.Remove(p + "-shm")
	if err := os.WriteFile(p, []byte(strings.Repeat("not a database ", 500)), 0o600); err != nil {
		t.Fatal(err)
	}
	re, err := Open(dir)
	var ce *CorruptError
	if !errors.As(err, &ce) || re == nil {
		t.Fatalf("Open of a corrupt file: %v, %v", re, err)
	}
	if re.Count() != 0 || !strings.Contains(ce.MovedTo, "caigou.db.corrupt-") || !strings.Contains(err.Error(), ce.MovedTo) {
		t.Errorf("cart %d lines, err %v", re.Count(), err)
	}
	if b, err := os.ReadFile(ce.MovedTo); err != nil || !strings.Contains(string(b), "not a database") {
		t.Errorf("the corrupt file is not kept: %v", err)
	}
	// The new database works.
	if err := re.Put(full()); err != nil {
		t.Fatal(err)
	}
	if n := open(t, dir).Count(); n != 1 {
		t.Errorf("%d lines after the restart", n)
	}
}

// A line no caigou would write (edited by hand, say) is left out, said,
// and the rest of the cart is read.
func TestBadLineIsLeftOut(t *testing.T) {
	dir := t.TempDir()
	c := open(t, dir)
	if err := c.Put(full()); err != nil {
		t.Fatal(err)
	}
	if _, err := c.st.db.Exec(context.Background(), `INSERT INTO cart_line (offer_id, spec_id, pos, body) VALUES ('1', '', 99, '{"offer_id":"1","quantity":0}')`); err != nil {
		t.Fatal(err)
	}
	re, err := Open(dir)
	if err != nil || re.Count() != 1 || len(re.Notes()) != 1 || !strings.Contains(re.Notes()[0], "1 saved cart line(s) could not be read") {
		t.Fatalf("cart %v, err %v", re, err)
	}
}

func TestNewerDatabaseIsLeftAlone(t *testing.T) {
	dir := t.TempDir()
	c := open(t, dir)
	if err := c.Put(full()); err != nil {
		t.Fatal(err)
	}
	if _, err := c.st.db.Exec(context.Background(), "PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	c.st.db.Close()
	if c, err := Open(dir); c != nil || !errors.Is(err, ErrNewer) {
		t.Fatalf("Open: %v, %v", c, err)
	}
}

func TestLineFormat(t *testing.T) {
	dir := t.TempDir()
	c := open(t, dir)
	if err := c.Put(full()); err != nil {
		t.Fatal(err)
	}
	var body string
	if err := c.st.db.QueryRow(context.Background(), "SELECT body FROM cart_line").Scan(&body); err != nil {
		t.Fatal(err)
	}
	var l map[string]any
	if err := json.Unmarshal([]byte(body), &l); err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]any{"offer_id": "610000000001", "quantity": 12.0, "unit_price_fen": 1180.0, "stock": 500.0, "quote_type": 2.0} {
		if l[k] != want {
			t.Errorf("%s = %v, want %v", k, l[k], want)
		}
	}
}

// A session whose change waits on another's longer than the busy timeout
// gets an error in words, and shows nothing it did not save.
func TestBusyTimesOutInsteadOfHanging(t *testing.T) {
	dir := t.TempDir()
	db, err := statedb.OpenWith(dir, statedb.Options{Busy: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(db)
	if err != nil {
		t.Fatal(err)
	}
	other, err := statedb.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	held := make(chan struct{})
	release := make(chan struct{})
	go other.Tx(context.Background(), func(*sql.Tx) error { close(held); <-release; return nil })
	<-held
	err = c.Put(full())
	if err == nil || !strings.Contains(err.Error(), "another caigou session has held") {
		t.Errorf("Put under another's lock: %v", err)
	}
	if c.Count() != 0 {
		t.Error("a change that was not saved is shown")
	}
	close(release)
	if err := c.Put(full()); err != nil {
		t.Errorf("after the lock is released: %v", err)
	}
	if c.Count() != 1 {
		t.Errorf("%d lines", c.Count())
	}
}

// An add that would pass the stock is refused, counting what the cart
// already holds (a twice gave 10 in the cart with 5 in stock); a set
// replaces the quantity instead of adding to it.
func TestAddCheckedAndSetLine(t *testing.T) {
	c := open(t, t.TempDir())
	l := line("1", "s", "open-1", 3)
	l.Stock = 5
	got, err := c.AddChecked(l)
	if err != nil || got.Quantity != 3 {
		t.Fatalf("first add: %+v %v", got, err)
	}
	_, err = c.AddChecked(l)
	var se *StockError
	if !errors.As(err, &se) || !strings.Contains(err.Error(), "the cart already holds 3: add at most 2 more") {
		t.Fatalf("second add: %v", err)
	}
	if q := c.Lines()[0].Quantity; q != 3 {
		t.Errorf("a refused add changed the line to %d", q)
	}
	l.Quantity = 4
	if got, err := c.SetLine(l); err != nil || got.Quantity != 4 || c.Count() != 1 {
		t.Fatalf("set: %+v %v", got, err)
	}
	l.Quantity = 6
	if _, err := c.SetLine(l); !errors.As(err, &se) {
		t.Fatalf("set beyond stock: %v", err)
	}
}

// An import adds every line or none: one line over its stock keeps the
// cart as it was, in memory and on disk.
func TestAddAllIsAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	c, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	c.Put(Line{OfferID: "1", SpecID: "a", Quantity: 2, Stock: -1})
	err = c.AddAll([]Line{
		{OfferID: "1", SpecID: "a", Quantity: 3, Stock: -1},
		{OfferID: "2", SpecID: "b", Quantity: 5, Stock: 4},
	})
	var se *StockError
	if !errors.As(err, &se) {
		t.Fatalf("over stock: %v", err)
	}
	re, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, cc := range []*Cart{c, re} {
		if ls := cc.Lines(); len(ls) != 1 || ls[0].Quantity != 2 {
			t.Fatalf("a failed import changed the cart: %+v", ls)
		}
	}
	if err := c.AddAll([]Line{{OfferID: "1", SpecID: "a", Quantity: 3, Stock: -1}, {OfferID: "2", SpecID: "b", Quantity: 4, Stock: 4}}); err != nil {
		t.Fatal(err)
	}
	if ls := c.Lines(); len(ls) != 2 || ls[0].Quantity != 5 || ls[1].Quantity != 4 {
		t.Fatalf("added %+v", ls)
	}
}
