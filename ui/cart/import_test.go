package cart

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const oldCart = `{
  "version": 1,
  "lines": [
    {"offer_id": "610000000001", "spec_id": "spec-red-m", "quantity": 12, "unit_price_fen": 1180, "seller_open_id": "open-1", "seller_name": "义乌服饰", "quote_type": 1, "stock": 500},
    {"offer_id": "2", "quantity": 10, "unit_price_fen": 100, "seller_open_id": "open-2", "quote_type": 0, "stock": -1}
  ],
  "messages": {"open-1": "请用纸箱包装"}
}
`

// The cart and preferences an older version kept in JSON files are moved
// into the database on the first start, kept as *.imported, announced
// once, and never imported twice.
func TestOldFilesAreImportedOnce(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "cart.json"), []byte(oldCart), 0o600)
	os.WriteFile(filepath.Join(dir, "prefs.json"), []byte(`{"version":1,"default_address_id":"300002"}`), 0o600)
	os.WriteFile(filepath.Join(dir, "cart.lock"), nil, 0o600)

	c := open(t, dir)
	if c.Count() != 2 || c.Lines()[0].OfferID != "610000000001" || c.Lines()[1].Quantity != 10 {
		t.Fatalf("imported lines %+v", c.Lines())
	}
	if c.Message("open-1") != "请用纸箱包装" || c.DefaultAddress() != "300002" {
		t.Errorf("message %q, address %q", c.Message("open-1"), c.DefaultAddress())
	}
	notes := strings.Join(c.Notes(), " ")
	for _, w := range []string{"Saved cart (2 lines) moved into caigou.db", "cart.json.imported", "prefs.json.imported"} {
		if !strings.Contains(notes, w) {
			t.Errorf("notes lack %q: %q", w, notes)
		}
	}
	for _, name := range []string{"cart.json", "prefs.json", "cart.lock"} {
		if _, err := os.Lstat(filepath.Join(dir, name)); !os.IsNotExist(err) {
			t.Errorf("%s is still there", name)
		}
	}
	if b, err := os.ReadFile(filepath.Join(dir, "cart.json.imported")); err != nil || string(b) != oldCart {
		t.Errorf("backup: %v", err)
	}

	// Changes go to the database; a second start announces nothing and
	// imports nothing again, even if the old file comes back (a crash
	// between the import and the rename).
	if err := c.Put(line("3", "", "open-3", 1)); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "cart.json"), []byte(oldCart), 0o600)
	again := open(t, dir)
	if again.Count() != 3 || len(again.Notes()) != 0 {
		t.Errorf("second start: %d lines, notes %q", again.Count(), again.Notes())
	}
	if again.Lines()[0].Quantity != 12 {
		t.Errorf("imported twice: %+v", again.Lines()[0])
	}
	if _, err := os.Lstat(filepath.Join(dir, "cart.json.imported-2")); err != nil {
		t.Errorf("the leftover file is not put aside: %v", err)
	}
}

// An old cart file that cannot be read is moved aside, as it always was,
// and the cart starts on the database.
func TestCorruptOldFileIsMovedAside(t *testing.T) {
	for _, bad := range []string{`{"version":1,"lines":[{"offer_id":"1","quan`, `{"version":1,"lines":[{"offer_id":"1","quantity":0}]}`} {
		dir := t.TempDir()
		p := filepath.Join(dir, "cart.json")
		os.WriteFile(p, []byte(bad), 0o600)
		c, err := Open(dir)
		var ce *CorruptError
		if !errors.As(err, &ce) || c == nil || c.Count() != 0 || !strings.Contains(ce.MovedTo, "cart.json.corrupt-") {
			t.Fatalf("Open: %v, %v", c, err)
		}
		if b, _ := os.ReadFile(ce.MovedTo); string(b) != bad {
			t.Errorf("the corrupt file is not kept")
		}
		if err := c.Put(full()); err != nil {
			t.Fatal(err)
		}
	}
}

// A cart file of a newer format is left as it is, and the cart is not
// opened over it.
func TestNewerOldFileIsLeftAlone(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "cart.json")
	os.WriteFile(p, []byte(`{"version":2,"lines":[],"baskets":[1]}`), 0o600)
	if c, err := Open(dir); c != nil || !errors.Is(err, ErrNewer) {
		t.Fatalf("Open: %v, %v", c, err)
	}
	if b, _ := os.ReadFile(p); !strings.Contains(string(b), "baskets") {
		t.Error("a newer file was touched")
	}
}
