package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"caigou/xport/sandbox"
)

// TestEndToEndSignals: the SSH link drops (SIGHUP), the box stops the
// desk (SIGTERM) or kills it outright (kill -9). Each time the terminal is
// left usable and the next start shows the cart as it was when the desk
// last said "Added". The desk runs under a shell in the pane, so what the
// terminal looks like after it ends can be read.
func TestEndToEndSignals(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	bin := buildBinary(t)
	state := t.TempDir()
	logFile := filepath.Join(state, "caigou", "caigou.log")
	env := []string{"XDG_STATE_HOME=" + state, "XDG_CONFIG_HOME=" + t.TempDir()}
	lines := 0
	for _, sig := range []syscall.Signal{syscall.SIGHUP, syscall.SIGTERM, syscall.SIGKILL} {
		d := startShellDesk(t, bin, env)
		d.waitFor("SANDBOX", "cart "+strconv.Itoa(lines)+" line")
		d.keys("/")
		d.typeText([]string{"连衣裙", "phone case", "保温杯"}[lines])
		d.keys("Enter")
		d.waitFor("1 of ")
		d.keys("Enter")
		d.waitFor("Minimum order")
		d.keys("a")
		lines++
		d.waitFor("Added", "cart "+strconv.Itoa(lines)+" line")

		pid := deskPID(t, d)
		if err := syscall.Kill(pid, sig); err != nil {
			t.Fatal(err)
		}
		after := d.waitFor("EXIT=")
		if sig != syscall.SIGKILL {
			if !strings.Contains(after, "EXIT=0") {
				t.Fatalf("%v: the desk did not end cleanly:\n%s", sig, after)
			}
			// Out of the alternate screen: the shell's own lines are back.
			if strings.Contains(after, "SANDBOX") {
				t.Fatalf("%v: the desk's screen is still up; the terminal was not restored:\n%s", sig, after)
			}
		}
		exec.Command("tmux", "-S", d.socket, "kill-server").Run()
	}
	d := startShellDesk(t, bin, env)
	d.waitFor("cart 3 lines")
	if b, err := os.ReadFile(logFile); err == nil && strings.Contains(string(b), sandbox.DemoSecret) {
		t.Fatal("the secret reached the log")
	}
}

// startShellDesk runs the desk under sh in a tmux pane, printing its exit
// status when it ends and keeping the pane open.
func startShellDesk(t *testing.T, bin string, env []string) *tmuxDesk {
	t.Helper()
	d := &tmuxDesk{t: t, socket: filepath.Join(t.TempDir(), "tmux.sock"), session: "caigou"}
	words := append([]string{"env", "-i", "HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH"), "TERM=xterm-256color", "LANG=C.UTF-8"}, env...)
	for i, w := range words {
		words[i] = shellQuote(w)
	}
	script := "echo shell-ready; " + strings.Join(words, " ") + " " + shellQuote(bin) + "; echo EXIT=$?; sleep 60"
	out, err := exec.Command("tmux", "-S", d.socket, "-f", "/dev/null", "new-session", "-d", "-s", d.session,
		"-x", "80", "-y", "24", "sh", "-c", script).CombinedOutput()
	if err != nil {
		t.Fatalf("tmux: %v\n%s", err, out)
	}
	t.Cleanup(func() { exec.Command("tmux", "-S", d.socket, "kill-server").Run() })
	return d
}

// deskPID finds the desk's process: the child of the pane's shell.
func deskPID(t *testing.T, d *tmuxDesk) int {
	t.Helper()
	shell := strings.TrimSpace(d.tmux("display-message", "-p", "-t", d.session, "#{pane_pid}"))
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		// /proc rather than pgrep: procps is not on every fresh machine.
		entries, _ := os.ReadDir("/proc")
		for _, e := range entries {
			pid, err := strconv.Atoi(e.Name())
			if err != nil {
				continue
			}
			stat, err := os.ReadFile("/proc/" + e.Name() + "/stat")
			if err != nil {
				continue
			}
			// stat is "pid (comm) state ppid ...": comm may hold spaces,
			// so read from its closing parenthesis.
			rest := string(stat[strings.LastIndexByte(string(stat), ')')+1:])
			f := strings.Fields(rest)
			if len(f) > 1 && f[1] == shell && strings.Contains(string(stat), "(caigou)") {
				return pid
			}
		}
	}
	t.Fatal("cannot find the desk's process")
	return 0
}
