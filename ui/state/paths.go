// Package state knows where caigou keeps its files and makes sure nobody
// else on a shared box can read them: directories 0700, files 0600.
package state

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Getenv is how paths read the environment (tests pass their own).
type Getenv func(string) string

// ConfigPath is $XDG_CONFIG_HOME/caigou/config.toml (default
// ~/.config/caigou/config.toml).
func ConfigPath(env Getenv) (string, error) {
	if d := env("XDG_CONFIG_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "caigou", "config.toml"), nil
	}
	home, err := home(env)
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".config", "caigou", "config.toml"), nil
}

// Dir is $XDG_STATE_HOME/caigou (default ~/.local/state/caigou), created
// 0700 if missing and tightened to 0700 if it is looser.
func Dir(env Getenv) (string, error) {
	var base string
	if d := env("XDG_STATE_HOME"); d != "" && filepath.IsAbs(d) {
		base = d
	} else {
		h, err := home(env)
		if err != nil {
			return "", err
		}
		base = filepath.Join(h, ".local", "state")
	}
	dir := filepath.Join(base, "caigou")
	if err := EnsureDir(dir); err != nil {
		return "", err
	}
	return dir, nil
}

// EnsureDir creates dir with mode 0700, or tightens an existing one.
func EnsureDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("cannot create %s: %w", dir, err)
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s is not a directory", dir)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		if err := os.Chmod(dir, 0o700); err != nil {
			return fmt.Errorf("%s is readable by other users and cannot be fixed (%v): run chmod 700 %s", dir, err, dir)
		}
	}
	return nil
}

// OpenPrivate opens (creating or appending) a file only its owner can read.
func OpenPrivate(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, err
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// ErrTooOpen marks a file other users can read.
var ErrTooOpen = errors.New("readable by other users")

// CheckPrivate reports ErrTooOpen, with the chmod that fixes it, when
// path is readable or writable by group or others.
func CheckPrivate(path string) (fs.FileMode, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	m := fi.Mode().Perm()
	if m&0o077 != 0 {
		return m, fmt.Errorf("%s has mode %04o: %w; it holds your access secret, so fix it with: chmod 600 %s", path, m, ErrTooOpen, path)
	}
	return m, nil
}

func home(env Getenv) (string, error) {
	if h := env("HOME"); h != "" {
		return h, nil
	}
	h, err := os.UserHomeDir()
	if err != nil {
		return "", errors.New("cannot find your home directory: set HOME")
	}
	return h, nil
}

// SyncDir makes a file's creation or rename in dir durable: without it a
// crash can lose the directory entry even though the file's bytes were
// synced.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
