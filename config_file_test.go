//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The decoder reads only a regular file of a config's size (issue 9): a
// named pipe used to hang it, /dev/zero to fill memory, a huge file to be
// read whole. Each is refused at once with the reason.
func TestLoadConfigReadsOnlyASmallRegularFile(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "config.toml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	big := writeConfig(t, "[xport]\n")
	if err := os.Truncate(big, 2<<20); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ name, path, want string }{
		{"fifo", fifo, fifo + " is a named pipe, not a file"},
		{"big", big, big + " is larger than 64 KiB"},
		{"device", "/dev/zero", "/dev/zero is a device, not a file"},
		{"directory", t.TempDir(), "is a directory, not a file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var err error
			done := make(chan struct{})
			go func() { _, err = loadConfig(c.path); close(done) }()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				if w, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
					w.Close()
				}
				t.Fatal("loadConfig hung")
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want %q", err, c.want)
			}
		})
	}
}

// The decoder refuses what `load` refuses, so a file swapped in between
// the check and the read is caught too: a config other users can change.
func TestLoadConfigRefusesAFileOthersCanChange(t *testing.T) {
	p := writeConfig(t, "[xport]\nbase_url = \"https://example.invalid/api\"\n")
	os.Chmod(p, 0o666)
	if _, err := loadConfig(p); err == nil || !strings.Contains(err.Error(), "chmod go-w "+p) {
		t.Fatalf("a config others can change: %v", err)
	}
}
