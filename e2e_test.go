package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// tmuxDesk runs the built binary in a real terminal (a tmux pane), the way
// an agent over SSH would, and reads the screen back.
type tmuxDesk struct {
	t       *testing.T
	socket  string
	session string
}

func startDesk(t *testing.T, bin string, w, h int, args ...string) *tmuxDesk {
	t.Helper()
	home := t.TempDir()
	d := &tmuxDesk{t: t, socket: filepath.Join(t.TempDir(), "tmux.sock"), session: "caigou"}
	cmdline := "env -i HOME=" + home + " PATH=" + os.Getenv("PATH") + " TERM=xterm-256color LANG=C.UTF-8 " + bin + " " + strings.Join(args, " ")
	out, err := exec.Command("tmux", "-S", d.socket, "-f", "/dev/null", "new-session", "-d", "-s", d.session,
		"-x", strconv.Itoa(w), "-y", strconv.Itoa(h), cmdline).CombinedOutput()
	if err != nil {
		t.Fatalf("tmux: %v\n%s", err, out)
	}
	t.Cleanup(func() { exec.Command("tmux", "-S", d.socket, "kill-server").Run() })
	return d
}

func (d *tmuxDesk) keys(keys ...string) {
	d.t.Helper()
	args := append([]string{"-S", d.socket, "send-keys", "-t", d.session}, keys...)
	if out, err := exec.Command("tmux", args...).CombinedOutput(); err != nil {
		d.t.Fatalf("send-keys %v: %v\n%s", keys, err, out)
	}
}

// escape presses esc on its own. A terminal sends esc as the byte that
// also starts every alt+key sequence, so esc followed at once by "o"
// arrives as alt+o; a person's pause is what tells them apart.
func (d *tmuxDesk) escape() {
	d.t.Helper()
	d.keys("Escape")
	time.Sleep(200 * time.Millisecond)
}

// typeText sends literal text (Chinese included) as one paste of keys.
func (d *tmuxDesk) typeText(s string) {
	d.t.Helper()
	if out, err := exec.Command("tmux", "-S", d.socket, "send-keys", "-t", d.session, "-l", s).CombinedOutput(); err != nil {
		d.t.Fatalf("send-keys -l %q: %v\n%s", s, err, out)
	}
}

func (d *tmuxDesk) screen() string {
	out, err := exec.Command("tmux", "-S", d.socket, "capture-pane", "-p", "-t", d.session).CombinedOutput()
	if err != nil {
		return "capture failed: " + err.Error()
	}
	return string(out)
}

// waitFor polls the screen until it contains every want, or fails showing
// what was on screen. The deadline is generous: it bounds a hang, it does
// not measure speed.
func (d *tmuxDesk) waitFor(want ...string) string {
	d.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	var s string
	for time.Now().Before(deadline) {
		s = d.screen()
		ok := true
		for _, w := range want {
			ok = ok && strings.Contains(s, w)
		}
		if ok {
			return s
		}
		time.Sleep(100 * time.Millisecond)
	}
	d.t.Fatalf("screen never showed %q; it shows:\n%s", want, s)
	return ""
}

func (d *tmuxDesk) exited() bool {
	return exec.Command("tmux", "-S", d.socket, "has-session", "-t", d.session).Run() != nil
}

func buildBinary(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tmux is required for the end-to-end test; .ci/run installs it")
		}
		t.Skip("tmux not installed (apt-get install tmux); CI runs this test")
	}
	bin := filepath.Join(t.TempDir(), "caigou")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

func TestEndToEndInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	bin := buildBinary(t)
	for _, size := range [][2]int{{80, 24}, {200, 50}} {
		d := startDesk(t, bin, size[0], size[1])
		d.waitFor("SANDBOX", "caigou")
		// Right after start, with no esc first, the README's keys do what
		// its table says: ? help, c the cart, o the orders, / the search.
		d.keys("?")
		d.waitFor("page down", "ctrl+c")
		d.keys("?")
		d.keys("c")
		d.waitFor("Cart")
		d.keys("o")
		d.waitFor("Orders")
		if s := d.screen(); strings.Contains(s, "Search: ?") || strings.Contains(s, "Search: c") {
			t.Fatalf("%dx%d: the keys were typed into the search box:\n%s", size[0], size[1], s)
		}
		// "/" and the word in one write, as a slow SSH link delivers
		// keys typed quickly: the desk reads them in one go.
		d.typeText("/连衣裙")
		d.keys("Enter")
		screen := d.waitFor("连衣裙", "1 of ")
		for i, line := range strings.Split(screen, "\n") {
			if w := displayWidth(line); w > size[0] {
				t.Fatalf("%dx%d: line %d is %d cells wide:\n%s", size[0], size[1], i, w, screen)
			}
		}
		// The results have focus now: open the first product, add it.
		d.keys("Enter")
		d.waitFor("Minimum order")
		d.keys("a")
		d.waitFor("Added")
		d.keys("q")
		deadline := time.Now().Add(10 * time.Second)
		for !d.exited() && time.Now().Before(deadline) {
			time.Sleep(100 * time.Millisecond)
		}
		if !d.exited() {
			t.Fatalf("q did not quit:\n%s", d.screen())
		}
	}
}

// displayWidth counts cells the simple way: wide CJK ranges are two.
func displayWidth(s string) int {
	w := 0
	for _, r := range s {
		switch {
		case r >= 0x1100 && (r <= 0x115f || r == 0x2329 || r == 0x232a ||
			(r >= 0x2e80 && r <= 0xa4cf && r != 0x303f) || (r >= 0xac00 && r <= 0xd7a3) ||
			(r >= 0xf900 && r <= 0xfaff) || (r >= 0xfe30 && r <= 0xfe4f) || (r >= 0xff00 && r <= 0xff60) ||
			(r >= 0xffe0 && r <= 0xffe6) || (r >= 0x20000 && r <= 0x3fffd)):
			w += 2
		default:
			w++
		}
	}
	return w
}
