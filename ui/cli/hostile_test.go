//go:build unix

package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"caigou/ui/cart"
)

// A shared Linux box is hostile ground (issue 9): files and directories
// other users can plant, change or own. The tests that need a file of
// another user chown it to otherUID, which needs root; they skip otherwise.

const otherUID = 12345

// giveAway makes path (not following a link) belong to another user.
func giveAway(t *testing.T, paths ...string) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to chown a file to another uid; run the tests as root (CI does)")
	}
	for _, p := range paths {
		if err := os.Lchown(p, otherUID, otherUID); err != nil {
			t.Fatal(err)
		}
	}
}

// A live config whose secret comes from the environment: the file holds
// only where the calls go. base_url answers nothing, so a config that
// is wrongly accepted fails fast instead of reaching the network.
const envSecretConfig = "[xport]\nbase_url = \"http://127.0.0.1:1/api\"\naccess_key = \"5a4d0b2c7e1f4a3b9c8d6e5f40312a7b\"\nuser_id = \"2100000000001\"\nread_retries = 0\n"

// refusedByBoth runs `caigou check --config path` and builds the desk's
// session with it; both must refuse, and the loader must not be asked to
// read the file. It returns what check printed and the desk's error.
func refusedByBoth(t *testing.T, env map[string]string, path string) (string, string) {
	t.Helper()
	if env == nil {
		env = map[string]string{}
	}
	if env["HOME"] == "" {
		env["HOME"] = t.TempDir()
	}
	getenv := func(k string) string { return env[k] }
	loader := func(p string) (Config, error) {
		t.Errorf("the loader was asked to read %s, which should have been refused first", p)
		return tomlLoader(p)
	}
	var out, errb bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	code := Main(Env{Args: []string{"check", "--config", path}, Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""), Getenv: getenv, Load: loader, Ctx: ctx})
	if code == 0 {
		t.Errorf("check accepted %s:\n%s", path, out.String())
	}
	s, err := newSession(Env{Getenv: getenv, Load: loader, Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}, Ctx: ctx}, &commonFlags{configPath: path, explicit: true})
	if err == nil {
		s.log.Close()
		t.Errorf("the desk accepted %s", path)
		return out.String() + errb.String(), ""
	}
	return out.String() + errb.String(), err.Error()
}

func wantIn(t *testing.T, what, text string, want []string, not []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, text)
		}
	}
	for _, n := range not {
		if strings.Contains(text, n) {
			t.Errorf("%s has %q:\n%s", what, n, text)
		}
	}
}

// Item 4: a config other users can change chooses where the signed calls
// go, even when the secret comes from the environment. It is refused, and
// the chmod that fixes it names the real file behind a link.
func TestConfigOthersCanChangeIsRefused(t *testing.T) {
	secretEnv := map[string]string{"CAIGOU_ACCESS_SECRET": secret}
	for _, mode := range []os.FileMode{0o666, 0o620, 0o602} {
		p := cfgFile(t, mode, envSecretConfig)
		out, deskErr := refusedByBoth(t, secretEnv, p)
		for what, text := range map[string]string{"check": out, "desk": deskErr} {
			wantIn(t, what, text, []string{p, "can be changed by other users", "chmod go-w " + p}, []string{secret})
		}
	}

	// Through a link, the advice names the file the link points to.
	real := cfgFile(t, 0o664, envSecretConfig)
	link := filepath.Join(t.TempDir(), "config.toml")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	out, deskErr := refusedByBoth(t, secretEnv, link)
	for what, text := range map[string]string{"check": out, "desk": deskErr} {
		wantIn(t, what, text, []string{"a link to " + real, "chmod go-w " + real}, []string{"chmod go-w " + link, secret})
	}
}

// Item 4: a config of another user's, here reached through a link, is
// refused; the advice is to copy it to a file of one's own, never to
// chmod a file one does not own.
func TestConfigOfAnotherUserIsRefused(t *testing.T) {
	theirs := t.TempDir()
	real := filepath.Join(theirs, "shared.toml")
	if err := os.WriteFile(real, []byte(envSecretConfig), 0o644); err != nil {
		t.Fatal(err)
	}
	giveAway(t, theirs, real)
	mine := t.TempDir()
	link := filepath.Join(mine, "config.toml")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	home := t.TempDir()
	env := map[string]string{"HOME": home, "CAIGOU_ACCESS_SECRET": secret}
	out, deskErr := refusedByBoth(t, env, link)
	for what, text := range map[string]string{"check": out, "desk": deskErr} {
		wantIn(t, what, text,
			[]string{"a link to " + real, "belongs to uid 12345", "cp " + real + " " + link + ".new", "chmod 600 " + link + ".new", "mv " + link + ".new " + link},
			[]string{"chmod go-w", "chmod 600 " + real, "chmod 600 " + link + " ", secret})
	}

	// Named directly, in a directory of theirs: the copy goes to the
	// default config path.
	own := filepath.Join(home, ".config", "caigou", "config.toml")
	out, deskErr = refusedByBoth(t, env, real)
	for what, text := range map[string]string{"check": out, "desk": deskErr} {
		wantIn(t, what, text, []string{"belongs to uid 12345", "cp " + real + " " + own + ".new", "mv " + own + ".new " + own},
			[]string{"chmod go-w", "chmod 600 " + real})
	}
}

// A link to a private file of one's own (a dotfiles checkout) still works.
func TestConfigLinkToYourOwnFileIsUsed(t *testing.T) {
	real := cfgFile(t, 0o600, envSecretConfig+"access_secret = \""+secret+"\"\n")
	link := filepath.Join(t.TempDir(), "config.toml")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	env := Env{Getenv: func(string) string { return "" }, Load: tomlLoader}
	l, err := load(env, link, true)
	if err != nil {
		t.Fatal(err)
	}
	if !l.Found || l.SecretSource != "file" || l.Mode != 0o600 || l.Xport.UserID != "2100000000001" {
		t.Fatalf("loaded %+v", l)
	}
}

// Item 7: a config that is a named pipe, a device or far too large is
// refused at once with the reason, without reading it: a FIFO used to
// hang check and the desk, /dev/zero to eat all memory.
func TestConfigThatIsNotAFileIsRefused(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "config.toml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(big, []byte(envSecretConfig), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, 2<<20); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ path, want string }{
		{fifo, fifo + " is a named pipe, not a file"},
		{"/dev/zero", "/dev/zero is a device, not a file"},
		{big, big + " is larger than 64 KiB"},
	} {
		start := time.Now()
		done := make(chan struct{})
		go func() {
			defer close(done)
			out, deskErr := refusedByBoth(t, nil, c.path)
			wantIn(t, "check", out, []string{c.want}, nil)
			wantIn(t, "desk", deskErr, []string{c.want}, nil)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			// Let a reader blocked on the FIFO go.
			if w, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
				w.Close()
			}
			t.Fatalf("%s: check or the desk hung", c.path)
		}
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("%s: refused only after %s", c.path, d)
		}
	}
}

// Item 5: entries another user planted in the state directory (here a
// cart that is a link to someone else's file, and a log that is a link to
// ~/.profile) are neither read nor written, nor have their mode changed;
// the agent is told what was found.
func TestPlantedStateEntriesAreNotFollowed(t *testing.T) {
	home := t.TempDir()
	env := stateEnv(home)
	dir := filepath.Join(home, "state", "caigou")
	sb := filepath.Join(dir, "sandbox")
	if err := os.MkdirAll(sb, 0o700); err != nil {
		t.Fatal(err)
	}
	elsewhere := t.TempDir()
	profile := filepath.Join(elsewhere, ".profile")
	os.WriteFile(profile, []byte("export PATH\n"), 0o644)
	// A cart of someone else's, with a line in it.
	theirs, err := cart.Open(filepath.Join(elsewhere, "theirs"))
	if err != nil {
		t.Fatal(err)
	}
	if err := theirs.Put(cart.Line{OfferID: "666", Quantity: 1, UnitPrice: 100}); err != nil {
		t.Fatal(err)
	}
	theirCart := theirs.Path()
	os.Chmod(theirCart, 0o644)

	// The log.
	if err := os.Symlink(profile, filepath.Join(dir, "caigou.log")); err != nil {
		t.Fatal(err)
	}
	_, err = newSession(env, &commonFlags{demo: true})
	if err == nil {
		t.Error("the desk wrote its log through a link")
	} else {
		wantIn(t, "desk", err.Error(), []string{filepath.Join(dir, "caigou.log") + " is a link to " + profile, "not a file of yours", "mv "}, []string{"chmod"})
	}
	if fi, _ := os.Stat(profile); fi.Mode().Perm() != 0o644 {
		t.Errorf("the link's target changed mode to %04o", fi.Mode().Perm())
	}
	if b, _ := os.ReadFile(profile); string(b) != "export PATH\n" {
		t.Errorf("the link's target was written: %q", b)
	}
	os.Remove(filepath.Join(dir, "caigou.log"))

	// The cart.
	if err := os.Symlink(theirCart, filepath.Join(sb, "caigou.db")); err != nil {
		t.Fatal(err)
	}
	s, err := newSession(env, &commonFlags{demo: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.log.Close()
	if n := s.common.Cart.Count(); n != 0 {
		t.Errorf("the planted cart was loaded: %d line(s)", n)
	}
	wantIn(t, "notices", strings.Join(s.notices, " "), []string{filepath.Join(sb, "caigou.db") + " is a link to " + theirCart, "not a file of yours", "will not read or write it"}, nil)
	if fi, _ := os.Stat(theirCart); fi.Mode().Perm() != 0o644 {
		t.Errorf("the planted cart's target changed mode to %04o", fi.Mode().Perm())
	}
}

// Item 5, with a file of another user's (not a link) in the state
// directory: refused, with the mv that clears it.
func TestStateFileOfAnotherUserIsRefused(t *testing.T) {
	home := t.TempDir()
	env := stateEnv(home)
	sb := filepath.Join(home, "state", "caigou", "sandbox")
	if err := os.MkdirAll(sb, 0o700); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(sb, "caigou.db")
	c, err := cart.Open(sb)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Put(cart.Line{OfferID: "1", Quantity: 2, UnitPrice: 100}); err != nil {
		t.Fatal(err)
	}
	giveAway(t, p)
	s, err := newSession(env, &commonFlags{demo: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.log.Close()
	wantIn(t, "notices", strings.Join(s.notices, " "), []string{p + " belongs to uid 12345", "mv " + p}, []string{"chmod"})
}

// Item 6: the log's directory, when it is not one the desk made, keeps its
// mode: a shared 1777 directory keeps its sticky bit and everyone's access.
func TestLogDirectoryIsLeftAsItIs(t *testing.T) {
	shared := filepath.Join(t.TempDir(), "shared")
	if err := os.Mkdir(shared, 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(shared, 0o777|os.ModeSticky); err != nil {
		t.Fatal(err)
	}
	home := t.TempDir()
	_, f, err := openLog(stateEnv(home), LogConfig{File: filepath.Join(shared, "caigou.log")})
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if fi, _ := os.Stat(shared); fi.Mode()&(os.ModePerm|os.ModeSticky) != 0o777|os.ModeSticky {
		t.Errorf("the shared directory's mode became %v", fi.Mode())
	}
	if fi, _ := os.Stat(f.Name()); fi.Mode().Perm() != 0o600 {
		t.Errorf("log mode %04o", fi.Mode().Perm())
	}

	// A directory the desk makes is private.
	made := filepath.Join(t.TempDir(), "new", "logs")
	_, f, err = openLog(stateEnv(home), LogConfig{File: filepath.Join(made, "caigou.log")})
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, d := range []string{made, filepath.Dir(made)} {
		if fi, _ := os.Stat(d); fi.Mode().Perm() != 0o700 {
			t.Errorf("%s made with mode %04o, want 0700", d, fi.Mode().Perm())
		}
	}
}

// Item 6 as root: a directory of another user's is not taken over (root
// could chmod it, and used to), and a log planted in it is refused with
// advice that works for someone who cannot touch the directory.
func TestLogInAnotherUsersDirectory(t *testing.T) {
	theirs := filepath.Join(t.TempDir(), "theirs")
	if err := os.Mkdir(theirs, 0o755); err != nil {
		t.Fatal(err)
	}
	giveAway(t, theirs)
	home := t.TempDir()
	_, f, err := openLog(stateEnv(home), LogConfig{File: filepath.Join(theirs, "caigou.log")})
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	fi, _ := os.Stat(theirs)
	if fi.Mode().Perm() != 0o755 || fi.Sys().(*syscall.Stat_t).Uid != otherUID {
		t.Errorf("another user's directory became %v uid %d", fi.Mode(), fi.Sys().(*syscall.Stat_t).Uid)
	}

	// A log they planted there as a link to a file of ours.
	os.Chmod(theirs, 0o777|os.ModeSticky)
	profile := filepath.Join(t.TempDir(), ".profile")
	os.WriteFile(profile, []byte("export PATH\n"), 0o644)
	planted := filepath.Join(theirs, "planted.log")
	if err := os.Symlink(profile, planted); err != nil {
		t.Fatal(err)
	}
	giveAway(t, planted)
	_, _, err = openLog(stateEnv(home), LogConfig{File: planted})
	if err == nil {
		t.Fatal("a planted log was opened")
	}
	wantIn(t, "log error", err.Error(), []string{planted + " is a link to " + profile, "choose another path", "[log] file"}, []string{"chmod", "mv "})
	if fi, _ := os.Stat(profile); fi.Mode().Perm() != 0o644 {
		t.Errorf("the link's target changed mode to %04o", fi.Mode().Perm())
	}
}

// Item 8: a state directory pre-created by another user is refused, with
// advice a non-owner can follow (not "chmod"), and is left as it is: in
// a shared directory like /tmp (XDG_STATE_HOME=/tmp) the user can only
// choose another place or ask; in a directory of theirs they can also
// move it away.
func TestStateDirOfAnotherUser(t *testing.T) {
	for _, c := range []struct {
		mode   os.FileMode
		shared bool // the directory above is another user's 1777 one
	}{{0o755, true}, {0o777, true}, {0o700, true}, {0o755, false}} {
		home := t.TempDir()
		base := filepath.Join(home, "state")
		dir := filepath.Join(base, "caigou")
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		os.Chmod(dir, c.mode)
		giveAway(t, dir)
		want := []string{dir + " belongs to uid 12345", "XDG_STATE_HOME"}
		if c.shared {
			os.Chmod(base, 0o777|os.ModeSticky)
			giveAway(t, base)
			want = append(want, "ask its owner or an administrator to remove "+dir)
		} else {
			want = append(want, "mv "+dir)
		}
		_, err := newSession(stateEnv(home), &commonFlags{demo: true})
		if err == nil {
			t.Fatalf("mode %04o: the desk used another user's state directory", c.mode)
		}
		wantIn(t, "desk", err.Error(), want, []string{"chmod"})
		if fi, _ := os.Stat(dir); fi.Mode().Perm() != c.mode {
			t.Errorf("their directory's mode became %04o", fi.Mode().Perm())
		}
		if ents, _ := os.ReadDir(dir); len(ents) != 0 {
			t.Errorf("files were made in their directory: %v", ents)
		}
	}
}
