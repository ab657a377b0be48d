package export

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// onlyFiles lists dir, to catch a temporary file left behind.
func onlyFiles(t *testing.T, dir string, want ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("directory holds %q, want %q", got, want)
	}
}

func TestWriteFileModeAndReplace(t *testing.T) {
	for _, name := range []string{"orders.csv", "orders.xlsx"} {
		dir := t.TempDir()
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte("last week"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := WriteFile(path, orders()); err != nil {
			t.Fatal(err)
		}
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if perm := info.Mode().Perm(); perm != 0o600 {
			t.Errorf("%s: mode %v, want 0600", name, perm)
		}
		if data, _ := os.ReadFile(path); bytes.Equal(data, []byte("last week")) {
			t.Errorf("%s: not replaced", name)
		}
		onlyFiles(t, dir, name)
	}
}

var errDiskFull = errors.New("disk full")

func TestFailedWriteKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "orders.xlsx")
	if err := os.WriteFile(path, []byte("last week"), 0o600); err != nil {
		t.Fatal(err)
	}
	// A writer that fails half way, as a full disk would.
	err := writeAtomic(path, func(w io.Writer) error {
		io.WriteString(w, "half a workbook")
		return errDiskFull
	})
	if !errors.Is(err, errDiskFull) {
		t.Errorf("error %v, want the write error", err)
	}
	// A table that turns out malformed.
	bad := orders()
	bad.Rows[1] = bad.Rows[1][:2]
	if err := WriteFile(path, bad); err == nil {
		t.Error("malformed table written")
	}
	// An encoder failing after it has started writing.
	err = writeAtomic(path, func(w io.Writer) error {
		return WriteXLSX(failAfter{w: w, n: 100}, orders())
	})
	if !errors.Is(err, errDiskFull) {
		t.Errorf("error %v, want the write error", err)
	}
	err = writeAtomic(path, func(w io.Writer) error {
		return WriteCSV(failAfter{w: w, n: 10}, orders())
	})
	if !errors.Is(err, errDiskFull) {
		t.Errorf("error %v, want the write error", err)
	}
	if data, _ := os.ReadFile(path); string(data) != "last week" {
		t.Errorf("old file changed to %q", data)
	}
	onlyFiles(t, dir, "orders.xlsx")
}

// failAfter is a writer that fails once n bytes are written. It does not
// count across calls exactly; what matters is that the encoder sees a
// failure after a start.
type failAfter struct {
	w io.Writer
	n int
}

func (f failAfter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		n, _ := f.w.Write(p[:f.n])
		return n, errDiskFull
	}
	return f.w.Write(p)
}

func TestWriteFileRefusals(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ path, want string }{
		{filepath.Join(dir, "missing", "orders.csv"), "does not exist"},
		{filepath.Join(dir, "orders.txt"), ".xlsx"},
		{filepath.Join(dir, "orders"), "extension"},
		{filepath.Join(dir, "orders.xls"), ".csv"},
	} {
		err := WriteFile(c.path, orders())
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("WriteFile(%s): %v, want an error saying %q", c.path, err, c.want)
		}
	}
	file := filepath.Join(dir, "plain")
	os.WriteFile(file, nil, 0o600)
	if err := WriteFile(filepath.Join(file, "x.csv"), orders()); err == nil || !strings.Contains(err.Error(), "not a folder") {
		t.Errorf("path under a file: %v", err)
	}
	os.Mkdir(filepath.Join(dir, "taken.csv"), 0o700)
	if err := WriteFile(filepath.Join(dir, "taken.csv"), orders()); err == nil || !strings.Contains(err.Error(), "folder of that name") {
		t.Errorf("directory at the target: %v", err)
	}
	onlyFiles(t, dir, "plain", "taken.csv")
}
