//go:build unix

package cart

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Entries another user planted in the state directory while it was
// open to them (issue 9) are never followed: a database, its WAL or
// index, or an old cart or preferences file waiting to be imported, that
// is a link, a named pipe or a file of someone else's is refused with
// what was found, and the file behind a link is neither read, written
// nor changed in mode.
func TestPlantedEntriesAreNotFollowed(t *testing.T) {
	// A cart of someone else's, with a line in it.
	elsewhere := filepath.Join(t.TempDir(), "theirs")
	theirs := open(t, elsewhere)
	if err := theirs.Put(full()); err != nil {
		t.Fatal(err)
	}
	if err := theirs.SetDefaultAddress("their-address"); err != nil {
		t.Fatal(err)
	}
	// Their old-format files, as an older caigou wrote them.
	os.WriteFile(filepath.Join(elsewhere, "cart.json"), []byte(`{"version":1,"lines":[{"offer_id":"9","quantity":1,"unit_price_fen":1,"seller_open_id":"x","quote_type":0,"stock":1}]}`), 0o644)
	os.WriteFile(filepath.Join(elsewhere, "prefs.json"), []byte(`{"version":1,"default_address_id":"their-address"}`), 0o644)
	for _, name := range []string{"caigou.db", "caigou.db-wal", "caigou.db-shm", "cart.json", "prefs.json"} {
		for _, kind := range []string{"link", "fifo"} {
			t.Run(name+" "+kind, func(t *testing.T) {
				dir := filepath.Join(t.TempDir(), "caigou")
				if err := os.MkdirAll(dir, 0o700); err != nil {
					t.Fatal(err)
				}
				target := filepath.Join(elsewhere, name)
				if _, err := os.Stat(target); err != nil {
					t.Fatal(err)
				}
				os.Chmod(target, 0o644)
				before, _ := os.ReadFile(target)
				p := filepath.Join(dir, name)
				want := p + " is a link to " + target + ", not a file of yours"
				if kind == "link" {
					if err := os.Symlink(target, p); err != nil {
						t.Fatal(err)
					}
				} else {
					if err := syscall.Mkfifo(p, 0o600); err != nil {
						t.Fatal(err)
					}
					want = p + " is a named pipe, not a file"
				}
				var c *Cart
				var err error
				done := make(chan struct{})
				go func() { c, err = Open(dir); close(done) }()
				select {
				case <-done:
				case <-time.After(5 * time.Second):
					// Let a reader blocked on the pipe go.
					if w, err := os.OpenFile(p, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
						w.Close()
					}
					t.Fatal("Open hung on it")
				}
				if err == nil {
					t.Fatalf("opened, with %d line(s) and prefs %+v", c.Count(), c.Prefs())
				}
				for _, w := range []string{want, "caigou will not read or write it", "mv " + p} {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error lacks %q:\n%v", w, err)
					}
				}
				fi, _ := os.Stat(target)
				after, _ := os.ReadFile(target)
				if fi.Mode().Perm() != 0o644 || string(after) != string(before) {
					t.Errorf("the link's target changed: mode %04o, %d bytes (was %d)", fi.Mode().Perm(), len(after), len(before))
				}
			})
		}
	}
}

// A cart file of another user's (not a link) is refused too; chown needs
// root.
func TestCartOfAnotherUserIsRefused(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to chown a file to another uid; run the tests as root (CI does)")
	}
	dir := filepath.Join(t.TempDir(), "caigou")
	c := open(t, dir)
	if err := c.Put(full()); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(c.Path(), 12345, 12345); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir); err == nil || !strings.Contains(err.Error(), c.Path()+" belongs to uid 12345") {
		t.Fatalf("another user's cart: %v", err)
	}
}
