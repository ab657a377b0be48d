package cart

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"caigou/ui/state"
)

// The files of the store, in the state directory.
const (
	cartFile  = "cart.json"
	prefsFile = "prefs.json"
	// lockFile is locked around every read-modify-write of the files
	// above. It is never removed: removing a lock file lets two processes
	// lock two different files of the same name.
	lockFile = "cart.lock"
)

// lockWait bounds how long a change waits for another session's; a
// session stuck holding the lock must not freeze this one.
const lockWait = 5 * time.Second

// CorruptError reports a state file that could not be read. The file has
// been moved aside, not deleted, so nothing is lost for good.
type CorruptError struct {
	Path    string
	MovedTo string
	Err     error
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("%s could not be read (%v); it was moved aside to %s", e.Path, e.Err, e.MovedTo)
}

func (e *CorruptError) Unwrap() error { return e.Err }

// ErrNewer marks a state file written by a newer caigou; it is left
// alone rather than overwritten with less than it holds.
var ErrNewer = errors.New("written by a newer version of caigou")

// stamp identifies a version of a file as it was last read or written,
// so a reload can skip files nobody changed. Every write is a rename of a
// new file, so a change shows as a different inode at the least.
type stamp struct {
	fi      fs.FileInfo // nil when the file did not exist
	present bool
}

// store is the files of one user's cart in one directory.
type store struct {
	dir  string
	now  func() time.Time
	wait time.Duration // for the lock
	seen map[string]stamp
}

func (s *store) path(name string) string { return filepath.Join(s.dir, name) }

// Open returns a cart kept in dir (created 0700 if missing), loaded from
// what a previous session saved. A corrupt file is moved aside and the
// cart opens without it: the cart is returned together with the
// *CorruptError that says where the file went. Any other error returns a
// nil cart.
func Open(dir string) (*Cart, error) {
	if err := state.EnsureDir(dir); err != nil {
		return nil, err
	}
	st := &store{dir: dir, now: time.Now, wait: lockWait, seen: map[string]stamp{}}
	c := &Cart{st: st}
	var moved error
	err := st.locked(func() error {
		st.sweep()
		cur, err := st.readCart()
		if err != nil {
			var ce *CorruptError
			if !errors.As(err, &ce) {
				return err
			}
			moved = err
		}
		p, err := st.readPrefs()
		if err != nil {
			var ce *CorruptError
			if !errors.As(err, &ce) {
				return err
			}
			moved = errors.Join(moved, err)
		}
		c.cur, c.prefs = cur, p
		return nil
	})
	if err != nil {
		return nil, err
	}
	return c, moved
}

// locked runs fn holding the store's file lock.
func (s *store) locked(fn func() error) error {
	f, err := state.OpenPrivate(s.path(lockFile), os.O_CREATE|os.O_RDWR)
	if err != nil {
		return fmt.Errorf("cannot open the cart lock: %w", err)
	}
	defer f.Close()
	deadline := time.Now().Add(s.wait)
	for {
		ok, err := tryLock(f)
		if err != nil {
			return fmt.Errorf("cannot lock the cart: %w", err)
		}
		if ok {
			break
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the cart is locked by another caigou session (%s) for more than %s; try again", s.path(lockFile), s.wait)
		}
		time.Sleep(10 * time.Millisecond)
	}
	defer unlock(f)
	return fn()
}

// sweep removes temporary files a writer left when it died before its
// rename. It runs under the lock, so no writer is half-way.
func (s *store) sweep() {
	ents, err := os.ReadDir(s.dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		n := e.Name()
		if strings.HasPrefix(n, ".") && strings.Contains(n, ".tmp-") &&
			(strings.HasPrefix(n, "."+cartFile) || strings.HasPrefix(n, "."+prefsFile)) {
			os.Remove(s.path(n))
		}
	}
}

// changed reports whether the file differs from the version this store
// last read or wrote.
func (s *store) changed(name string) bool {
	last, ok := s.seen[name]
	if !ok {
		return true
	}
	fi, err := os.Lstat(s.path(name))
	if err != nil {
		return last.present || !errors.Is(err, fs.ErrNotExist)
	}
	if !last.present {
		return true
	}
	return !os.SameFile(fi, last.fi) || !fi.ModTime().Equal(last.fi.ModTime()) || fi.Size() != last.fi.Size()
}

func (s *store) remember(name string) {
	fi, err := os.Lstat(s.path(name))
	if err != nil {
		s.seen[name] = stamp{}
		return
	}
	s.seen[name] = stamp{fi: fi, present: true}
}

// read decodes a state file into v; a missing file leaves v alone. A
// file that cannot be decoded, or that check refuses, is moved aside and
// reported as a *CorruptError. Only a file of the user's is read (not a
// link, a pipe or a file of someone else's: state.OpenPrivate says what
// it found); one others could read is made 0600 again.
func (s *store) read(name string, v any, check func() error) error {
	p := s.path(name)
	f, err := state.OpenPrivate(p, os.O_RDONLY)
	if errors.Is(err, fs.ErrNotExist) {
		s.seen[name] = stamp{}
		return nil
	}
	if errors.Is(err, state.ErrUnsafe) {
		return err
	}
	if err != nil {
		return fmt.Errorf("cannot read %s: %w", p, err)
	}
	b, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("cannot read %s: %w", p, err)
	}
	var ver struct {
		Version int `json:"version"`
	}
	derr := json.Unmarshal(b, &ver)
	if derr == nil && ver.Version > formatVersion {
		return fmt.Errorf("%s is version %d, %w (this one reads version %d); it was left as it is", p, ver.Version, ErrNewer, formatVersion)
	}
	if derr == nil {
		dec := json.NewDecoder(bytes.NewReader(b))
		derr = dec.Decode(v)
	}
	if derr == nil {
		derr = check()
	}
	if derr != nil {
		to, merr := s.moveAside(name)
		if merr != nil {
			return fmt.Errorf("%s could not be read (%v) nor moved aside (%v): move or delete it", p, derr, merr)
		}
		s.seen[name] = stamp{}
		return &CorruptError{Path: p, MovedTo: to, Err: derr}
	}
	s.remember(name)
	return nil
}

// moveAside renames a bad file to name.corrupt-<time>, never over an
// earlier one.
func (s *store) moveAside(name string) (string, error) {
	base := s.path(name) + ".corrupt-" + s.now().UTC().Format("20060102T150405Z")
	to := base
	for i := 2; ; i++ {
		if _, err := os.Lstat(to); errors.Is(err, fs.ErrNotExist) {
			break
		}
		to = fmt.Sprintf("%s-%d", base, i)
	}
	if err := os.Rename(s.path(name), to); err != nil {
		return "", err
	}
	state.SyncDir(s.dir)
	return to, nil
}

// write replaces a state file atomically: a reader sees the old file or
// the new one, never part of one, and after a crash the rename either
// happened with the data on disk or did not happen.
func (s *store) write(name string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	p := s.path(name)
	f, err := os.CreateTemp(s.dir, "."+name+".tmp-*")
	if err != nil {
		return fmt.Errorf("cannot save %s: %w", p, err)
	}
	tmp := f.Name()
	fail := func(err error) error {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("cannot save %s: %w", p, err)
	}
	if err := f.Chmod(0o600); err != nil {
		return fail(err)
	}
	if _, err := f.Write(b); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("cannot save %s: %w", p, err)
	}
	if err := os.Rename(tmp, p); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("cannot save %s: %w", p, err)
	}
	if err := state.SyncDir(s.dir); err != nil {
		return fmt.Errorf("cannot save %s: %w", p, err)
	}
	s.remember(name)
	return nil
}

func (s *store) readCart() (contents, error) {
	var f cartDoc
	err := s.read(cartFile, &f, f.check)
	if err != nil {
		return contents{}, err
	}
	return f.contents(), nil
}

func (s *store) writeCart(c contents) error { return s.write(cartFile, docOf(c)) }

func (s *store) readPrefs() (Prefs, error) {
	var f prefsDoc
	if err := s.read(prefsFile, &f, func() error { return nil }); err != nil {
		return Prefs{}, err
	}
	return Prefs{DefaultAddressID: f.DefaultAddressID}, nil
}

func (s *store) writePrefs(p Prefs) error {
	return s.write(prefsFile, prefsDoc{Version: formatVersion, DefaultAddressID: p.DefaultAddressID})
}
