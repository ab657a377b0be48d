//go:build unix

package state

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// othersOwn gives paths to another user (uid 12345). Only root can, so
// the test is skipped otherwise; CI runs as root.
func othersOwn(t *testing.T, paths ...string) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("giving a file to another user needs root")
	}
	for _, p := range paths {
		if err := os.Lchown(p, 12345, 12345); err != nil {
			t.Fatal(err)
		}
	}
}

func mode(t *testing.T, p string) os.FileMode {
	t.Helper()
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode() & (os.ModePerm | os.ModeSticky)
}

func contains(t *testing.T, err error, want ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one with %q", want)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error lacks %q:\n%v", w, err)
		}
	}
}

// quickly fails the test when fn blocks (a named pipe opened for reading).
func quickly(t *testing.T, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { fn(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("blocked")
	}
}

// What another user can plant in a state directory once open to them
// is refused, said in words, and never followed: the file behind a link
// keeps its bytes and its mode, for reading and for writing alike.
func TestOpenPrivateRefusesWhatWasPlanted(t *testing.T) {
	elsewhere := t.TempDir()
	profile := filepath.Join(elsewhere, ".profile")
	os.WriteFile(profile, []byte("export PATH\n"), 0o644)
	cases := []struct {
		name  string
		plant func(p string) error
		want  string
	}{
		{"link", func(p string) error { return os.Symlink(profile, p) }, "is a link to " + profile + ", not a file of yours"},
		{"dangling link", func(p string) error { return os.Symlink(filepath.Join(elsewhere, "none"), p) }, "is a link to " + filepath.Join(elsewhere, "none")},
		{"named pipe", func(p string) error { return syscall.Mkfifo(p, 0o600) }, "is a named pipe, not a file"},
		{"directory", func(p string) error { return os.Mkdir(p, 0o700) }, "is a directory, not a file"},
		{"hard link", func(p string) error { return os.Link(profile, p) }, "has 2 names (hard links)"},
	}
	flags := map[string]int{"read": os.O_RDONLY, "append": os.O_CREATE | os.O_WRONLY | os.O_APPEND, "lock": os.O_CREATE | os.O_RDWR, "truncate": os.O_CREATE | os.O_WRONLY | os.O_TRUNC}
	for _, c := range cases {
		for fname, flag := range flags {
			t.Run(c.name+" "+fname, func(t *testing.T) {
				p := filepath.Join(t.TempDir(), "caigou.log")
				if err := c.plant(p); err != nil {
					t.Fatal(err)
				}
				var f *os.File
				var err error
				quickly(t, func() { f, err = OpenPrivate(p, flag) })
				if err == nil {
					f.Close()
					t.Fatal("opened")
				}
				if !errors.Is(err, ErrUnsafe) {
					t.Errorf("not ErrUnsafe: %v", err)
				}
				contains(t, err, p+" "+c.want, "caigou will not read or write it", "move it away (mv "+p+" "+p+".not-mine) and start again")
				if m := mode(t, profile); m != 0o644 {
					t.Errorf("the file behind it became %04o", m)
				}
				if b, _ := os.ReadFile(profile); string(b) != "export PATH\n" {
					t.Errorf("the file behind it was written: %q", b)
				}
			})
		}
	}
}

// A file of another user's is refused; in a directory the user does not
// own, where they could not move it, the advice is another path.
func TestOpenPrivateRefusesAnotherUsersFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "cart.json")
	os.WriteFile(p, []byte("{}"), 0o644)
	othersOwn(t, p, filepath.Dir(p))
	_, err := OpenPrivate(p, os.O_RDONLY)
	contains(t, err, p+" belongs to", ", not to you", "caigou will not read or write it",
		"it is in "+filepath.Dir(p)+", a directory that is not yours: choose another path for it")
	if strings.Contains(err.Error(), "chmod") || strings.Contains(err.Error(), "mv ") {
		t.Errorf("advice the user cannot follow: %v", err)
	}
	if m := mode(t, p); m != 0o644 {
		t.Errorf("their file became %04o", m)
	}
}

// The normal case: a new file is 0600, an existing one of the user's
// that others can read is made 0600 again, and O_TRUNC still truncates.
func TestOpenPrivateMakesFilesPrivate(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "caigou.log")
	f, err := OpenPrivate(p, os.O_CREATE|os.O_WRONLY|os.O_APPEND)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("one\n")
	f.Close()
	if m := mode(t, p); m != 0o600 {
		t.Errorf("new file %04o", m)
	}
	os.Chmod(p, 0o644)
	f, err = OpenPrivate(p, os.O_RDONLY)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if m := mode(t, p); m != 0o600 {
		t.Errorf("loose file after opening %04o", m)
	}
	f, err = OpenPrivate(p, os.O_WRONLY|os.O_TRUNC)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if fi, _ := os.Stat(p); fi.Size() != 0 {
		t.Errorf("O_TRUNC left %d bytes", fi.Size())
	}
	if _, err := OpenPrivate(filepath.Join(dir, "none"), os.O_RDONLY); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing file: %v", err)
	}
}

// The state directory: created 0700, tightened when the user's, refused
// and left alone when another user's (with what a non-owner can do),
// and a link to it followed only to a private directory of the user's.
func TestEnsureDir(t *testing.T) {
	base := t.TempDir()
	made := filepath.Join(base, "a", "b", "caigou")
	if err := EnsureDir(made); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{made, filepath.Dir(made)} {
		if m := mode(t, d); m != 0o700 {
			t.Errorf("%s made %04o", d, m)
		}
	}
	os.Chmod(made, 0o755)
	if err := EnsureDir(made); err != nil || mode(t, made) != 0o700 {
		t.Errorf("a loose directory of the user's: %v, %04o", err, mode(t, made))
	}

	// A link to a private directory of the user's is fine; to a loose
	// one it is refused, and the directory is not changed.
	priv, loose := t.TempDir(), t.TempDir()
	os.Chmod(priv, 0o700)
	os.Chmod(loose, 0o755)
	link := filepath.Join(base, "link")
	os.Symlink(priv, link)
	if err := EnsureDir(link); err != nil {
		t.Errorf("a link to a private directory: %v", err)
	}
	link2 := filepath.Join(base, "link2")
	os.Symlink(loose, link2)
	contains(t, EnsureDir(link2), link2+" is a link to "+loose, "mode 0755", "rm "+link2)
	if m := mode(t, loose); m != 0o755 {
		t.Errorf("the directory behind the link became %04o", m)
	}

	// A file where the directory goes.
	file := filepath.Join(base, "file")
	os.WriteFile(file, nil, 0o600)
	contains(t, EnsureDir(file), file+" is not a directory")

	// Another user's, in a shared directory (XDG_STATE_HOME=/tmp).
	shared := filepath.Join(t.TempDir(), "tmp")
	os.Mkdir(shared, 0o777)
	os.Chmod(shared, 0o777|os.ModeSticky)
	theirs := filepath.Join(shared, "caigou")
	os.Mkdir(theirs, 0o777)
	os.Chmod(theirs, 0o777)
	othersOwn(t, theirs, shared)
	err := EnsureDir(theirs)
	contains(t, err, theirs+" belongs to", "not to you", "set XDG_STATE_HOME to a directory of your own", "or an administrator to remove "+theirs)
	if strings.Contains(err.Error(), "chmod") {
		t.Errorf("chmod advised on another user's directory: %v", err)
	}
	if m := mode(t, theirs); m != 0o777 {
		t.Errorf("their directory became %04o", m)
	}
}

// A directory for a file at a path the user chose (the log's) is made
// 0700 when missing and left exactly as it is when it exists.
func TestMkdirPrivate(t *testing.T) {
	shared := filepath.Join(t.TempDir(), "shared")
	os.Mkdir(shared, 0o777)
	os.Chmod(shared, 0o777|os.ModeSticky)
	if err := MkdirPrivate(shared); err != nil {
		t.Fatal(err)
	}
	if m := mode(t, shared); m != 0o777|os.ModeSticky {
		t.Errorf("a shared directory became %v", m)
	}
	made := filepath.Join(shared, "x", "y")
	if err := MkdirPrivate(made); err != nil {
		t.Fatal(err)
	}
	if m := mode(t, made); m != 0o700 {
		t.Errorf("made %04o", m)
	}
	file := filepath.Join(shared, "f")
	os.WriteFile(file, nil, 0o600)
	err := MkdirPrivate(filepath.Join(file, "logs"))
	contains(t, err, "choose a path in a directory of your own")
	if strings.Contains(err.Error(), "chmod") {
		t.Errorf("chmod advised: %v", err)
	}
}

// The config: only a small regular file of the user's that nobody else
// can change, checked on the open descriptor; each refusal says why and
// what the user can do.
func TestReadConfig(t *testing.T) {
	env := func(k string) string {
		if k == "HOME" {
			return "/home/me"
		}
		return ""
	}
	dir := t.TempDir()
	good := filepath.Join(dir, "config.toml")
	os.WriteFile(good, []byte("[xport]\n"), 0o600)
	if b, fi, err := ReadConfig(good, env); err != nil || string(b) != "[xport]\n" || fi.Mode().Perm() != 0o600 {
		t.Fatalf("a good file: %q %v", b, err)
	}
	if _, _, err := ReadConfig(filepath.Join(dir, "none"), env); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing file: %v", err)
	}

	fifo := filepath.Join(dir, "fifo.toml")
	syscall.Mkfifo(fifo, 0o600)
	big := filepath.Join(dir, "big.toml")
	os.WriteFile(big, nil, 0o600)
	os.Truncate(big, MaxConfigSize+1)
	fine := filepath.Join(dir, "fine.toml")
	os.WriteFile(fine, nil, 0o600)
	os.Truncate(fine, MaxConfigSize)
	loose := filepath.Join(dir, "loose.toml")
	os.WriteFile(loose, nil, 0o600)
	os.Chmod(loose, 0o664)
	link := filepath.Join(dir, "link.toml")
	os.Symlink(loose, link)
	for _, c := range []struct {
		path string
		want []string
	}{
		{fifo, []string{"config file " + fifo + " is a named pipe, not a file", "regular file"}},
		{"/dev/zero", []string{"config file /dev/zero is a device, not a file"}},
		{dir, []string{"config file " + dir + " is a directory, not a file"}},
		{big, []string{"config file " + big + " is larger than 64 KiB (65537 bytes)", "check the path"}},
		{loose, []string{"config file " + loose + " can be changed by other users (mode 0664)", "chmod go-w " + loose}},
		{link, []string{"config file " + link + " (a link to " + loose + ") can be changed", "chmod go-w " + loose}},
	} {
		var err error
		quickly(t, func() { _, _, err = ReadConfig(c.path, env) })
		if !errors.Is(err, ErrUnsafe) {
			t.Errorf("%s: not ErrUnsafe: %v", c.path, err)
		}
		contains(t, err, c.want...)
	}
	if _, _, err := ReadConfig(fine, env); err != nil {
		t.Errorf("a file of exactly %d bytes: %v", MaxConfigSize, err)
	}

	// Another user's: copy it, never chmod it. In a directory the user
	// does not own either, the copy goes to their own config path.
	os.Chmod(loose, 0o644)
	othersOwn(t, good, loose, filepath.Dir(good), filepath.Dir(loose))
	for _, c := range []struct{ path, dst string }{{good, "/home/me/.config/caigou/config.toml"}, {link, "/home/me/.config/caigou/config.toml"}} {
		_, _, err := ReadConfig(c.path, env)
		real := c.path
		if c.path == link {
			real = loose
		}
		contains(t, err, "belongs to", "not to you", "cp "+real+" "+c.dst+".new && chmod 600 "+c.dst+".new && mv "+c.dst+".new "+c.dst, "without --config")
		if strings.Contains(err.Error(), "chmod go-w") || strings.Contains(err.Error(), "chmod 600 "+real) {
			t.Errorf("chmod advised on another user's file: %v", err)
		}
	}
	// The user has a config of their own already: the copy never goes
	// over it.
	home := t.TempDir()
	own := filepath.Join(home, ".config", "caigou", "config.toml")
	os.MkdirAll(filepath.Dir(own), 0o700)
	os.WriteFile(own, nil, 0o600)
	_, _, err := ReadConfig(good, func(k string) string {
		if k == "HOME" {
			return home
		}
		return ""
	})
	cp := filepath.Join(home, ".config", "caigou", "copy-of-config.toml")
	contains(t, err, "cp "+good+" "+cp+".new", "mv "+cp+".new "+cp+", and use it with --config "+cp)
}
