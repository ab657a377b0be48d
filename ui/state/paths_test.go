package state

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func envOf(m map[string]string) Getenv { return func(k string) string { return m[k] } }

func TestDirIsPrivate(t *testing.T) {
	base := t.TempDir()
	os.MkdirAll(filepath.Join(base, "caigou"), 0o755)
	dir, err := Dir(envOf(map[string]string{"XDG_STATE_HOME": base}))
	if err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(dir)
	if fi.Mode().Perm() != 0o700 {
		t.Fatalf("state dir mode %o, want 700", fi.Mode().Perm())
	}
	f, err := OpenPrivate(filepath.Join(dir, "x.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	fi, _ = os.Stat(filepath.Join(dir, "x.log"))
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("file mode %o, want 600", fi.Mode().Perm())
	}
}

func TestConfigPath(t *testing.T) {
	p, _ := ConfigPath(envOf(map[string]string{"XDG_CONFIG_HOME": "/x/cfg", "HOME": "/home/a"}))
	if p != "/x/cfg/caigou/config.toml" {
		t.Fatal(p)
	}
	p, _ = ConfigPath(envOf(map[string]string{"XDG_CONFIG_HOME": "relative", "HOME": "/home/a"}))
	if p != "/home/a/.config/caigou/config.toml" {
		t.Fatal(p)
	}
}

func TestCheckPrivate(t *testing.T) {
	p := filepath.Join(t.TempDir(), "c.toml")
	os.WriteFile(p, []byte("x"), 0o644)
	if _, err := CheckPrivate(p); !errors.Is(err, ErrTooOpen) {
		t.Fatalf("0644 accepted: %v", err)
	}
	os.Chmod(p, 0o600)
	if _, err := CheckPrivate(p); err != nil {
		t.Fatal(err)
	}
}
