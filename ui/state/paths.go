// Package state knows where caigou keeps its files and makes sure nobody
// else on a shared box can read them, plant them or choose them:
// directories 0700, files 0600, never through a link, only the user's own
// (files.go).
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

// Dir is $XDG_STATE_HOME/caigou (default ~/.local/state/caigou), made
// ready by EnsureDir: created 0700 if missing, tightened to 0700 if it is
// the user's and looser, refused if it is someone else's.
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

// ErrTooOpen marks a file other users can read.
var ErrTooOpen = errors.New("readable by other users")

// CheckPrivate reports ErrTooOpen, with the chmod that fixes it, when
// path is readable or writable by group or others. The chmod names the
// file a link leads to.
func CheckPrivate(path string) (fs.FileMode, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	m := fi.Mode().Perm()
	if m&0o077 != 0 {
		real := realPath(path)
		return m, fmt.Errorf("%s has mode %04o: %w; it holds your access secret, so fix it with: chmod 600 %s", linkName(path, real), m, ErrTooOpen, real)
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
