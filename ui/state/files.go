package state

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
)

// On a shared box other users can plant entries where caigou keeps its
// files (a link to their file or to one of ours, a named pipe, a file of
// theirs), own a directory caigou expects to be its own, or be able to
// change the config that says where the signed calls go. Every file
// caigou keeps is opened through OpenPrivate, every directory of its own
// through EnsureDir, and the config is read through ReadConfig: what they
// refuse is named, with something the user can do about it.

// ErrUnsafe marks a path caigou refuses to use because of who owns it,
// who can change it or what it is.
var ErrUnsafe = errors.New("not a private file of yours")

// UnsafeError says what was found at a path caigou will not use, and what
// the user can do that works for them (never a chmod on something they do
// not own).
type UnsafeError struct {
	Path  string // as caigou was given it
	Found string // "is a link to /home/bob/x, not a file of yours"
	Fix   string // "move it away (mv …) and start again"
	// Name is how the message names the path: "config file /x (a link
	// to /y)"; Path when empty.
	Name string
	// So says what follows from what was found: "caigou will not read
	// or write it".
	So string
}

func (e *UnsafeError) Error() string {
	name := e.Name
	if name == "" {
		name = e.Path
	}
	return name + " " + e.Found + ": " + e.So + "; " + e.Fix
}

// Is makes errors.Is(err, ErrUnsafe) true.
func (e *UnsafeError) Is(target error) bool { return target == ErrUnsafe }

// OpenPrivate opens path, a file in one of caigou's own directories, the
// way os.OpenFile does with flag (os.O_RDONLY to read; O_CREATE,
// O_WRONLY or O_RDWR and O_APPEND to write), but never through a link,
// never blocking on a named pipe, and only when it is a regular file of
// the user's with no other name (hard link). Anything else is refused
// with an *UnsafeError. A new file is made 0600; an existing one others
// can read is made 0600 through the open descriptor, so a path swapped
// meanwhile can never have its mode changed. A missing file without
// O_CREATE is an error satisfying errors.Is(err, fs.ErrNotExist).
func OpenPrivate(path string, flag int) (*os.File, error) {
	fi, err := os.Lstat(path)
	switch {
	case err == nil && !fi.Mode().IsRegular():
		return nil, unsafeFile(path, whatIs(path, fi, "not a file of yours"))
	case err != nil && !(errors.Is(err, fs.ErrNotExist) && flag&os.O_CREATE != 0):
		return nil, err
	}
	// O_TRUNC is applied only once the file is known to be ours.
	trunc := flag&os.O_TRUNC != 0
	f, err := os.OpenFile(path, flag&^os.O_TRUNC|noFollow|nonBlock, 0o600)
	if err != nil {
		// Swapped in since the Lstat: a link (ELOOP), a pipe with no
		// reader (ENXIO), a directory.
		if fi, lerr := os.Lstat(path); lerr == nil && !fi.Mode().IsRegular() {
			return nil, unsafeFile(path, whatIs(path, fi, "not a file of yours"))
		}
		return nil, err
	}
	fail := func(err error) (*os.File, error) {
		f.Close()
		return nil, err
	}
	if fi, err = f.Stat(); err != nil {
		return fail(err)
	}
	if !fi.Mode().IsRegular() {
		return fail(unsafeFile(path, whatIs(path, fi, "not a file of yours")))
	}
	if found := notYours(fi); found != "" {
		return fail(unsafeFile(path, found))
	}
	if fi.Mode().Perm()&0o077 != 0 {
		if err := f.Chmod(0o600); err != nil {
			return fail(err)
		}
	}
	if trunc {
		if err := f.Truncate(0); err != nil {
			return fail(err)
		}
	}
	return f, nil
}

// CheckOwnFile checks path, a file in one of caigou's own 0700
// directories, without opening it: a regular file of the user's with no
// other name, as OpenPrivate wants, made 0600 if others could read it. A
// missing file is an error satisfying errors.Is(err, fs.ErrNotExist).
//
// It is for files another library opens, such as an SQLite database:
// SQLite's locks are POSIX record locks, which a process loses on every
// descriptor of the file when it closes any one of them, so opening the
// database to check it while a connection of this process holds it would
// silently drop that connection's locks.
func CheckOwnFile(path string) error {
	fi, err := os.Lstat(path)
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return unsafeFile(path, whatIs(path, fi, "not a file of yours"))
	}
	if found := notYours(fi); found != "" {
		return unsafeFile(path, found)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		// Lstat saw a regular file, and nobody else can swap an entry in
		// a 0700 directory of the user's.
		return os.Chmod(path, 0o600)
	}
	return nil
}

// unsafeFile is the refusal of a file in caigou's directories.
func unsafeFile(path, found string) error {
	dir := filepath.Dir(path)
	fix := fmt.Sprintf("move it away (mv %s %s.not-mine) and start again", path, path)
	if !ownedDir(dir) {
		// The user may not be able to move it: a sticky /tmp.
		fix = fmt.Sprintf("it is in %s, a directory that is not yours: choose another path for it", dir)
	}
	return &UnsafeError{Path: path, Found: found, So: "caigou will not read or write it", Fix: fix}
}

// notYours says why a regular file is not the user's own alone: another
// owner, or a second name through which it may be another file of ours.
func notYours(fi fs.FileInfo) string {
	uid, links, ok := ownerOf(fi)
	switch {
	case !ok:
		return ""
	case uid != os.Geteuid():
		return "belongs to " + userName(uid) + ", not to you"
	case links > 1:
		return fmt.Sprintf("has %d names (hard links), so it may be another file of yours", links)
	}
	return ""
}

// whatIs names what is at path when it is not a regular file, followed by
// tail ("not a file of yours") for a link.
func whatIs(path string, fi fs.FileInfo, tail string) string {
	m := fi.Mode()
	switch {
	case m&fs.ModeSymlink != 0:
		to, err := os.Readlink(path)
		if err != nil {
			return "is a link, " + tail
		}
		return "is a link to " + to + ", " + tail
	case m.IsDir():
		return "is a directory, not a file"
	case m&fs.ModeNamedPipe != 0:
		return "is a named pipe, not a file"
	case m&fs.ModeSocket != 0:
		return "is a socket, not a file"
	case m&fs.ModeDevice != 0:
		return "is a device, not a file"
	}
	return "is not a regular file"
}

// userName is "bob (uid 1001)", or "uid 1001" for a uid without a name.
func userName(uid int) string {
	id := strconv.Itoa(uid)
	if u, err := user.LookupId(id); err == nil && u.Username != "" {
		return u.Username + " (uid " + id + ")"
	}
	return "uid " + id
}

// owner is the name of whoever owns fi, for advice ("ask bob"); "its
// owner" when unknown.
func owner(fi fs.FileInfo) string {
	uid, _, ok := ownerOf(fi)
	if !ok {
		return "its owner"
	}
	if u, err := user.LookupId(strconv.Itoa(uid)); err == nil && u.Username != "" {
		return u.Username
	}
	return "its owner"
}

// ownedDir reports whether dir (after links) belongs to the user, who
// can then move entries out of it.
func ownedDir(dir string) bool {
	fi, err := os.Stat(dir)
	if err != nil {
		return false
	}
	uid, _, ok := ownerOf(fi)
	return !ok || uid == os.Geteuid()
}

// EnsureDir makes dir, one of caigou's own directories (the state
// directory, the sandbox's inside it), ready for private files: created
// 0700 with any missing parents, or, when it exists, a directory of the
// user's made 0700 through its descriptor. A link is followed (a dotfiles
// setup may keep the directory elsewhere) but the directory it leads to
// is never changed: it must already be private. A directory of another
// user's is refused and left as it is, with advice a non-owner can follow.
func EnsureDir(dir string) error {
	fi, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return fmt.Errorf("cannot create %s: %w", dir, err)
		}
		fi, err = os.Lstat(dir)
	}
	if err != nil {
		return err
	}
	link := fi.Mode()&fs.ModeSymlink != 0
	if !link && !fi.IsDir() {
		return unsafeDir(dir, "is not a directory", fi)
	}
	flag := os.O_RDONLY | openDir
	if !link {
		flag |= noFollow
	}
	d, err := os.OpenFile(dir, flag, 0)
	if err != nil {
		if fi, lerr := os.Lstat(dir); lerr == nil && (link || !fi.IsDir()) {
			return unsafeDir(dir, whatIs(dir, fi, "not a directory of yours"), fi)
		}
		return fmt.Errorf("cannot open %s: %w", dir, err)
	}
	defer d.Close()
	if fi, err = d.Stat(); err != nil {
		return err
	}
	if !fi.IsDir() {
		return unsafeDir(dir, "is not a directory", fi)
	}
	if uid, _, ok := ownerOf(fi); ok && uid != os.Geteuid() {
		found := "belongs to " + userName(uid) + ", not to you"
		if link {
			to, _ := os.Readlink(dir)
			found = "is a link to " + to + ", which " + found
		}
		return unsafeDir(dir, found, fi)
	}
	perm := fi.Mode().Perm()
	if perm&0o077 == 0 {
		return nil
	}
	if link {
		to, _ := os.Readlink(dir)
		return &UnsafeError{Path: dir,
			Found: fmt.Sprintf("is a link to %s, a directory other users can open (mode %04o)", to, perm),
			So:    "caigou keeps your cart and order journal only in a private directory",
			Fix:   fmt.Sprintf("point the link at a private directory of yours, or remove it (rm %s) and caigou makes its own", dir)}
	}
	if err := d.Chmod(0o700); err != nil {
		// The user owns it, so chmod is theirs to run.
		return fmt.Errorf("%s has mode %04o, so other users can open it, and it cannot be made private (%v): run chmod 700 %s", dir, perm, err, dir)
	}
	return nil
}

// unsafeDir is the refusal of a directory caigou would keep files in:
// never a chmod, which cannot work for a directory of someone else's.
func unsafeDir(dir, found string, fi fs.FileInfo) error {
	fix := fmt.Sprintf("set XDG_STATE_HOME to a directory of your own, or ask %s or an administrator to remove %s", owner(fi), dir)
	if ownedDir(filepath.Dir(dir)) {
		fix = fmt.Sprintf("move it away (mv %s %s.not-mine) or set XDG_STATE_HOME to a directory of your own, and start again", dir, dir)
	}
	return &UnsafeError{Path: dir, Found: found, So: "caigou keeps your cart and order journal only in a directory of your own, and will not use it", Fix: fix}
}

// MkdirPrivate makes dir and any missing parent 0700, for a file at a
// path the user chose (the log's). A directory that exists is left
// exactly as it is, mode and owner: it may be shared, like /tmp, and
// caigou never changes a directory it did not make.
func MkdirPrivate(dir string) error {
	fi, err := os.Stat(dir)
	switch {
	case err == nil && fi.IsDir():
		return nil
	case err == nil:
		return fmt.Errorf("%s is not a directory: choose a path in a directory of your own", dir)
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("cannot use %s (%v): choose a path in a directory of your own", dir, errors.Unwrap(err))
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = fmt.Errorf("%s: %w", pe.Path, pe.Err)
		}
		return fmt.Errorf("cannot create %s (%v): choose a path in a directory of your own", dir, err)
	}
	return nil
}

// MaxConfigSize bounds a config file: a real one is a few KB.
const MaxConfigSize = 64 << 10

// ReadConfig reads the config file at path, following a link, and returns
// its bytes and what the open file is. It refuses, with an *UnsafeError
// that says why and what to do, anything but a regular file (a named pipe
// would hang the read, a device never end), a file larger than
// MaxConfigSize, a file of another user's (its owner would choose where
// the signed calls go) and one that group or others can write. The checks
// are made on the open descriptor, so a file swapped in after them is not
// the one read. env finds the user's own config path for the advice.
// A missing file is an error satisfying errors.Is(err, fs.ErrNotExist).
func ReadConfig(path string, env Getenv) ([]byte, fs.FileInfo, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, nil, unsafeConfig(path, fi, whatIs(path, fi, ""), env)
	}
	f, err := os.OpenFile(path, os.O_RDONLY|nonBlock, 0)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	if fi, err = f.Stat(); err != nil {
		return nil, nil, err
	}
	if !fi.Mode().IsRegular() || fi.Size() > MaxConfigSize {
		return nil, nil, unsafeConfig(path, fi, whatIs(path, fi, ""), env)
	}
	if err := configOwned(path, fi, env); err != nil {
		return nil, nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxConfigSize+1))
	if err != nil {
		return nil, nil, err
	}
	if len(data) > MaxConfigSize { // it grew while read
		return nil, nil, unsafeConfig(path, fi, "", env)
	}
	return data, fi, nil
}

// configOwned refuses a config of another user's, or one group or others
// can write: either could choose where caigou sends the signed calls.
func configOwned(path string, fi fs.FileInfo, env Getenv) error {
	real := realPath(path)
	uid, _, ok := ownerOf(fi)
	if ok && uid != os.Geteuid() {
		// Replace the entry caigou reads when the user can (their own
		// directory, and then through a link too), else make a new one
		// at their own config path.
		dst, mkdir, also := path, "", ""
		if !ownedDir(filepath.Dir(path)) {
			dst, also = defaultConfig(env), ", and use it (without --config)"
			if _, err := os.Lstat(dst); err == nil {
				// Never over the user's own config.
				dst = filepath.Join(filepath.Dir(dst), "copy-of-"+filepath.Base(real))
				also = ", and use it with --config " + dst
			}
			if _, err := os.Stat(filepath.Dir(dst)); err != nil {
				mkdir = "mkdir -p -m 700 " + filepath.Dir(dst) + " && "
			}
		}
		return &UnsafeError{Path: path, Name: configName(path, real),
			Found: "belongs to " + userName(uid) + ", not to you",
			So:    "whoever owns it could choose where caigou sends your signed calls, so caigou will not use it",
			Fix:   fmt.Sprintf("make a copy of your own and read it through: %scp %s %s.new && chmod 600 %s.new && mv %s.new %s%s", mkdir, real, dst, dst, dst, dst, also)}
	}
	if m := fi.Mode().Perm(); m&0o022 != 0 {
		return &UnsafeError{Path: path, Name: configName(path, real),
			Found: fmt.Sprintf("can be changed by other users (mode %04o)", m),
			So:    "they could choose where caigou sends your signed calls, so caigou will not use it",
			Fix:   "fix it with: chmod go-w " + real}
	}
	return nil
}

func unsafeConfig(path string, fi fs.FileInfo, found string, env Getenv) error {
	if fi.Mode().IsRegular() {
		found = fmt.Sprintf("is larger than %d KiB (%d bytes)", MaxConfigSize>>10, fi.Size())
		return &UnsafeError{Path: path, Name: "config file " + path, Found: found,
			So: "a caigou config is a few KB, so this is not one", Fix: "check the path"}
	}
	fix := "point --config at a regular file"
	if def := defaultConfig(env); path == def {
		fix = fmt.Sprintf("move it away (mv %s %s.not-a-file) and put your config there (see config.example.toml)", path, path)
	}
	return &UnsafeError{Path: path, Name: "config file " + path, Found: found,
		So: "caigou reads its config only from a regular file", Fix: fix}
}

func defaultConfig(env Getenv) string {
	if env != nil {
		if p, err := ConfigPath(env); err == nil {
			return p
		}
	}
	return "~/.config/caigou/config.toml"
}

// configName names a config in a message, with the file a link leads to.
func configName(path, real string) string { return "config file " + linkName(path, real) }

func linkName(path, real string) string {
	if real != path {
		return path + " (a link to " + real + ")"
	}
	return path
}

// realPath is the file path leads to when path itself is a link; path
// otherwise (a link among its directories is no news to the user).
func realPath(path string) string {
	if fi, err := os.Lstat(path); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		return path
	}
	if r, err := filepath.EvalSymlinks(path); err == nil {
		if a, err := filepath.Abs(r); err == nil {
			return a
		}
		return r
	}
	return path
}

// RenameFree renames p to base, or to base-2, base-3… when that is taken,
// never over an earlier file: what caigou moves aside (a corrupt file, an
// imported one) is kept, however often it happens.
func RenameFree(p, base string) (string, error) {
	to := base
	for i := 2; ; i++ {
		if _, err := os.Lstat(to); errors.Is(err, fs.ErrNotExist) {
			break
		}
		to = fmt.Sprintf("%s-%d", base, i)
	}
	return to, os.Rename(p, to)
}
