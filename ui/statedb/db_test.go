package statedb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func mustOpen(t *testing.T, dir string) *DB {
	t.Helper()
	d, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

func put(t *testing.T, d *DB, key string) {
	t.Helper()
	if err := d.Tx(context.Background(), func(tx *sql.Tx) error { return SetMeta(context.Background(), tx, key, "1") }); err != nil {
		t.Fatal(err)
	}
}

func has(t *testing.T, d *DB, key string) bool {
	t.Helper()
	var v string
	err := d.QueryRow(context.Background(), "SELECT value FROM meta WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return false
	}
	if err != nil {
		t.Fatal(err)
	}
	return true
}

// The helper process of TestAnotherSessionClosingKeepsOurWrites: it
// opens the database, writes, and closes it, as a second desk quitting.
func TestMain(m *testing.M) {
	if dir := os.Getenv("CAIGOU_STATEDB_HELPER"); dir != "" {
		d, err := Open(dir)
		if err != nil {
			os.Exit(2)
		}
		err = d.Tx(context.Background(), func(tx *sql.Tx) error { return SetMeta(context.Background(), tx, "helper", "1") })
		if err != nil || d.Close() != nil {
			os.Exit(3)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// A session's connection keeps its locks however many times the
// database is opened in the same process; so when another session quits
// and closes the database, it sees a live connection and leaves the WAL
// alone, and what this session writes afterwards is kept. (Checking the
// files by opening them dropped this process's POSIX locks: the quitting
// session deleted the WAL under the live one, whose later commits went
// to a deleted file and were lost.)
func TestAnotherSessionClosingKeepsOurWrites(t *testing.T) {
	dir := t.TempDir()
	mine := mustOpen(t, dir)
	put(t, mine, "before")
	// The same process opens the database again (a test's reader, a
	// second handle) and closes it.
	other, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	other.Close()
	// Another session opens, writes and quits.
	cmd := exec.Command(os.Args[0], "-test.run", "^$")
	cmd.Env = append(os.Environ(), "CAIGOU_STATEDB_HELPER="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("helper: %v %s", err, out)
	}
	put(t, mine, "after")
	fresh := mustOpen(t, dir)
	for _, k := range []string{"before", "helper", "after"} {
		if !has(t, fresh, k) {
			t.Errorf("a fresh reader does not see %q", k)
		}
	}
}

// Another session's commit moves the generation; this session's own does
// not, and nothing moves it when nothing changed.
func TestGeneration(t *testing.T) {
	dir := t.TempDir()
	a, b := mustOpen(t, dir), mustOpen(t, dir)
	ctx := context.Background()
	g0, err := a.Generation(ctx)
	if err != nil {
		t.Fatal(err)
	}
	put(t, a, "own")
	if g, _ := a.Generation(ctx); g != g0 {
		t.Errorf("its own commit moved the generation %d → %d", g0, g)
	}
	put(t, b, "theirs")
	g1, _ := a.Generation(ctx)
	if g1 == g0 {
		t.Error("another session's commit did not move the generation")
	}
	if g, _ := a.Generation(ctx); g != g1 {
		t.Error("the generation moved with no change")
	}
}

func TestFilesArePrivateAndNotFollowed(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "caigou")
	d := mustOpen(t, dir)
	put(t, d, "x")
	for _, p := range []string{d.Path(), d.Path() + "-wal", d.Path() + "-shm"} {
		fi, err := os.Stat(p)
		if err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v %v", p, fi.Mode(), err)
		}
	}
	fi, _ := os.Stat(dir)
	if fi.Mode().Perm() != 0o700 {
		t.Errorf("dir mode %v", fi.Mode())
	}
	// A link planted in the directory is refused, its target untouched.
	other := t.TempDir()
	target := filepath.Join(other, "target")
	os.WriteFile(target, []byte("theirs"), 0o644)
	dir2 := filepath.Join(t.TempDir(), "caigou")
	os.MkdirAll(dir2, 0o700)
	os.Symlink(target, filepath.Join(dir2, FileName))
	if _, err := Open(dir2); err == nil || !strings.Contains(err.Error(), "is a link to "+target) {
		t.Errorf("a planted link: %v", err)
	}
	if b, _ := os.ReadFile(target); string(b) != "theirs" {
		t.Error("the link's target changed")
	}
}

// A file that is not a database is moved aside and a new one started.
func TestNotADatabaseIsMovedAside(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, FileName)
	os.WriteFile(p, []byte(strings.Repeat("garbage ", 1000)), 0o600)
	d, err := OpenWith(dir, Options{Now: func() time.Time { return time.Date(2026, 12, 7, 16, 0, 0, 0, time.UTC) }})
	var ce *CorruptError
	if d == nil || !errors.As(err, &ce) || ce.MovedTo != p+".corrupt-20261207T160000Z" {
		t.Fatalf("%v %v", d, err)
	}
	defer d.Close()
	if b, _ := os.ReadFile(ce.MovedTo); !strings.HasPrefix(string(b), "garbage") {
		t.Error("the old file is not kept")
	}
	put(t, d, "x")
}

// A database of a newer caigou is left alone.
func TestNewerSchemaIsRefused(t *testing.T) {
	dir := t.TempDir()
	d := mustOpen(t, dir)
	if _, err := d.Exec(context.Background(), "PRAGMA user_version = 1000"); err != nil {
		t.Fatal(err)
	}
	d.Close()
	if _, err := Open(dir); !errors.Is(err, ErrNewer) {
		t.Fatalf("%v", err)
	}
}

// Keywords come back most recent last, a keyword searched again moves to
// the end instead of repeating, and the oldest beyond the bound go.
func TestSearchHistory(t *testing.T) {
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	d, err := OpenWith(t.TempDir(), Options{Now: func() time.Time { now = now.Add(time.Second); return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	h, ctx := d.History(), context.Background()
	for _, kw := range []string{"手机壳", "dress", "手机壳", "led strip"} {
		if err := h.Remember(ctx, kw); err != nil {
			t.Fatal(err)
		}
	}
	got, err := h.Recent(ctx, 10)
	if err != nil || strings.Join(got, "|") != "dress|手机壳|led strip" {
		t.Fatalf("%q %v", got, err)
	}
	if got, _ := h.Recent(ctx, 2); strings.Join(got, "|") != "手机壳|led strip" {
		t.Errorf("two most recent: %q", got)
	}
	for i := range MaxHistory + 5 {
		h.Remember(ctx, fmt.Sprint("kw", i))
	}
	var n int
	d.QueryRow(ctx, "SELECT count(*) FROM search_history").Scan(&n)
	if n != MaxHistory {
		t.Errorf("%d keywords kept", n)
	}
}
