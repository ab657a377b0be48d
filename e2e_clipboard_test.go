package main

import (
	"encoding/base64"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestEndToEndCopyReachesTheOuterTerminal copies a product's link inside
// tmux and reads the bytes a client attached through `script` receives:
// with set-clipboard on, tmux must forward the OSC 52 to the outer
// terminal, and the desk must say so; with it off, the desk must say the
// link was not copied (issue 11: a passthrough-wrapped OSC 52 was dropped
// by tmux while the desk said "✓ Link copied").
func TestEndToEndCopyReachesTheOuterTerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	if _, err := exec.LookPath("script"); err != nil {
		t.Skip("script (util-linux) not installed")
	}
	bin := buildBinary(t)
	for _, setting := range []string{"on", "off"} {
		t.Run("set-clipboard "+setting, func(t *testing.T) {
			home := t.TempDir()
			d := &tmuxDesk{t: t, socket: filepath.Join(t.TempDir(), "tmux.sock"), session: "caigou"}
			// Not env -i: the desk must inherit the TMUX tmux gives its panes,
			// as it does in an agent's tmux.
			cmdline := "env HOME=" + home + " XDG_STATE_HOME=" + home + "/state XDG_CONFIG_HOME=" + home + "/config TERM=xterm-256color LANG=C.UTF-8 " + bin
			out, err := exec.Command("tmux", "-S", d.socket, "-f", "/dev/null",
				"set-option", "-s", "-g", "set-clipboard", setting, ";",
				"new-session", "-d", "-s", d.session, "-x", "100", "-y", "30", cmdline).CombinedOutput()
			if err != nil {
				// An older tmux wants the server before its options.
				out, err = exec.Command("tmux", "-S", d.socket, "-f", "/dev/null",
					"new-session", "-d", "-s", d.session, "-x", "100", "-y", "30", "sleep 1; "+cmdline, ";",
					"set-option", "-s", "set-clipboard", setting).CombinedOutput()
			}
			if err != nil {
				t.Fatalf("tmux: %v\n%s", err, out)
			}
			t.Cleanup(func() { exec.Command("tmux", "-S", d.socket, "kill-server").Run() })

			// The outer terminal: a client attached through script, whose
			// output file holds every byte tmux sent it.
			outer := filepath.Join(t.TempDir(), "outer.bytes")
			client := exec.Command("script", "-q", "-f", "-c", "tmux -S "+d.socket+" attach -t "+d.session, outer)
			client.Env = append(os.Environ(), "TERM=xterm-256color")
			stdin, err := client.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := client.Start(); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { stdin.Close(); client.Process.Kill(); client.Wait() })

			d.waitFor("SANDBOX")
			d.keys("/")
			d.typeText("连衣裙")
			d.keys("Enter")
			d.waitFor("1 of ")
			d.keys("Enter")
			d.waitFor("Minimum order")
			d.keys("y")
			if setting == "on" {
				d.waitFor("copied into tmux's buffer")
			} else {
				d.waitFor("Not copied: tmux has set-clipboard off")
				return
			}
			// What reached the outer terminal.
			deadline := time.Now().Add(10 * time.Second)
			var got []byte
			for time.Now().Before(deadline) {
				f, err := os.Open(outer)
				if err == nil {
					got, _ = io.ReadAll(f)
					f.Close()
				}
				if strings.Contains(string(got), "]52;") {
					break
				}
				time.Sleep(100 * time.Millisecond)
			}
			i := strings.Index(string(got), "]52;")
			if i < 0 {
				t.Fatalf("no OSC 52 reached the outer terminal (%d bytes)", len(got))
			}
			rest := string(got[i+4:])
			if j := strings.IndexByte(rest, ';'); j >= 0 {
				rest = rest[j+1:]
			}
			if j := strings.IndexAny(rest, "\a\x1b"); j >= 0 {
				rest = rest[:j]
			}
			link, err := base64.StdEncoding.DecodeString(rest)
			if err != nil || !strings.Contains(string(link), "1688.com/offer/") {
				t.Fatalf("the outer terminal got %q (%v), not the offer link", link, err)
			}
		})
	}
}
