package cart

import (
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
	if c.Path() != filepath.Join(dir, "cart.json") {
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
	for _, f := range []string{"cart.json", "prefs.json", "cart.lock"} {
		if m := mode(filepath.Join(dir, f)); m != 0o600 {
			t.Errorf("%s mode %o", f, m)
		}
	}
	// A loose directory is tightened; a loose file too, when next read.
	os.Chmod(dir, 0o755)
	os.Chmod(filepath.Join(dir, "cart.json"), 0o644)
	open(t, dir)
	if m := mode(dir); m != 0o700 {
		t.Errorf("dir mode after reopening %o", m)
	}
	if m := mode(filepath.Join(dir, "cart.json")); m != 0o600 {
		t.Errorf("file mode after reopening %o", m)
	}
	// No temporary file is left behind.
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("left %s", e.Name())
		}
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

func TestCorruptFileIsMovedAside(t *testing.T) {
	dir := t.TempDir()
	c := open(t, dir)
	if err := c.Put(full()); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "cart.json")
	if err := os.WriteFile(p, []byte(`{"version":1,"lines":[{"offer_id":"1","quan`), 0o600); err != nil {
		t.Fatal(err)
	}
	re, err := Open(dir)
	var ce *CorruptError
	if !errors.As(err, &ce) || re == nil {
		t.Fatalf("Open of a corrupt file: %v, %v", re, err)
	}
	if re.Count() != 0 || !strings.Contains(ce.MovedTo, "cart.json.corrupt-") || !strings.Contains(err.Error(), ce.MovedTo) {
		t.Errorf("cart %d lines, err %v", re.Count(), err)
	}
	if b, err := os.ReadFile(ce.MovedTo); err != nil || !strings.Contains(string(b), `"quan`) {
		t.Errorf("the corrupt file is not kept: %v", err)
	}
	if _, err := os.Stat(p); !os.IsNotExist(err) {
		t.Error("the corrupt file is still in place")
	}

	// A corrupt file met while changing the cart is moved aside too, and
	// the change builds on what this session last saw.
	if err := os.WriteFile(p, []byte("not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	err = c.Put(line("2", "", "s", 10))
	if !errors.As(err, &ce) {
		t.Fatalf("Put over a corrupt file: %v", err)
	}
	if n := open(t, dir).Count(); n != 2 {
		t.Errorf("%d lines saved, want this session's 1 and the new one", n)
	}
	ents, _ := filepath.Glob(filepath.Join(dir, "cart.json.corrupt-*"))
	if len(ents) != 2 {
		t.Errorf("corrupt files kept: %v", ents)
	}

	// Lines no caigou would write count as corrupt.
	bad := `{"version":1,"lines":[{"offer_id":"1","quantity":0}]}`
	if err := os.WriteFile(p, []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir); !errors.As(err, &ce) || !strings.Contains(err.Error(), "quantity 0") {
		t.Errorf("a zero quantity: %v", err)
	}
	// A corrupt prefs file alike.
	if err := os.WriteFile(filepath.Join(dir, "prefs.json"), []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir); !errors.As(err, &ce) || !strings.Contains(ce.MovedTo, "prefs.json.corrupt-") {
		t.Errorf("corrupt prefs: %v", err)
	}
}

func TestNewerFileIsLeftAlone(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "cart.json")
	if err := os.WriteFile(p, []byte(`{"version":2,"lines":[],"baskets":[1]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if c, err := Open(dir); c != nil || !errors.Is(err, ErrNewer) {
		t.Fatalf("Open: %v, %v", c, err)
	}
	if b, _ := os.ReadFile(p); !strings.Contains(string(b), "baskets") {
		t.Error("a newer file was touched")
	}
}

func TestFileFormat(t *testing.T) {
	dir := t.TempDir()
	c := open(t, dir)
	if err := c.Put(full()); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "cart.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	l := doc["lines"].([]any)[0].(map[string]any)
	for k, want := range map[string]any{"offer_id": "610000000001", "quantity": 12.0, "unit_price_fen": 1180.0, "stock": 500.0, "quote_type": 2.0} {
		if l[k] != want {
			t.Errorf("%s = %v, want %v", k, l[k], want)
		}
	}
	if doc["version"] != 1.0 {
		t.Errorf("version %v", doc["version"])
	}
}

func TestStaleTempFilesAreSwept(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, ".cart.json.tmp-123")
	os.WriteFile(stale, []byte("half"), 0o600)
	open(t, dir)
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Error("a dead writer's temporary file is left")
	}
}

func TestLockTimesOutInsteadOfHanging(t *testing.T) {
	dir := t.TempDir()
	c := open(t, dir)
	f, err := os.OpenFile(filepath.Join(dir, "cart.lock"), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if ok, err := tryLock(f); !ok || err != nil {
		t.Fatalf("tryLock: %v %v", ok, err)
	}
	c.st.wait = 50 * time.Millisecond
	err = c.Put(full())
	if err == nil || !strings.Contains(err.Error(), "locked by another caigou session") {
		t.Errorf("Put under another's lock: %v", err)
	}
	if c.Count() != 0 {
		t.Error("a change that was not saved is shown")
	}
	unlock(f)
	if err := c.Put(full()); err != nil {
		t.Errorf("after the lock is released: %v", err)
	}
}
