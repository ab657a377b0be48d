package main

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"caigou/xport/sandbox"
)

// TestEndToEndOn1688 is the purchase on the 1688 Open Platform backend,
// keys only, in a real terminal at 80x24 and 200x50: caigou login as an
// agent does it over SSH (the address opened on "another device", here an
// HTTP request, and the address it lands on pasted back), then the desk
// on the signed-in account against `caigou sandbox --backend 1688` with
// time sped up: search, add, preview, place, pay link, the order shipped
// with its trace. The badge names the backend.
func TestEndToEndOn1688(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	bin := buildBinary(t)
	for _, size := range [][2]int{{80, 24}, {200, 50}} {
		w, h := size[0], size[1]
		root := startSandboxProcess(t, bin, "--backend", "1688", "--addr", "127.0.0.1:0", "--time-scale", "3600")
		env := config1688(t, root)

		// caigou login: the address is printed; "the phone" opens it.
		d := startDeskEnv(t, bin, w, h, env, "login")
		// Login ends when done: keep its pane to read what it said.
		d.tmux("set-option", "-t", d.session, "remain-on-exit", "on")
		// The address is printed as an OSC 8 link, which the harness
		// reads as a seller's: wait on the plain screen.
		d.tmuxDesk.waitFor("paste the code")
		addr := regexp.MustCompile(`http://127\.0\.0\.1:\d+/oauth/authorize\?\S+`).FindString(joined(d))
		if addr == "" {
			t.Fatalf("%dx%d: no sign-in address on screen:\n%s", w, h, d.screen())
		}
		client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := client.Get(addr)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		landed := resp.Header.Get("Location")
		if !strings.Contains(landed, "code=") {
			t.Fatalf("the sign-in did not send the browser back with a code: %q", landed)
		}
		d.typeText(landed)
		d.keys("Enter")
		d.tmuxDesk.waitFor("Signed in to 1688 as")
		d.tmux("kill-server")

		d = startDeskEnv(t, bin, w, h, env)
		d.wait("1688 LIVE", "caigou")
		buyOneDress(d)
		d.escape()
		d.keys("o")
		d.wait("Order id")
		d.pressUntil("r", "已发货")
		d.keys("Enter")
		d.pressUntil("r", "bill ")
		screen := d.screen()
		for i, line := range strings.Split(screen, "\n") {
			if dw := displayWidth(line); dw > w {
				t.Fatalf("%dx%d: line %d is %d cells wide:\n%s", w, h, i, dw, screen)
			}
		}
		d.keys("q")
		waitExit(t, d.tmuxDesk)
	}
}

// config1688 writes a config for the 1688 backend on the sandbox at root
// with the demo app, and returns the environment that makes the desk and
// caigou login read it.
func config1688(t *testing.T, root string) []string {
	t.Helper()
	cfgHome, stateHome := t.TempDir(), t.TempDir()
	dir := filepath.Join(cfgHome, "caigou")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	body := fmt.Sprintf("backend = \"1688\"\n\n[ali1688]\napp_key = %q\napp_secret = %q\nbase_url = %q\nauthorize_url = %q\nredirect_uri = %q\n",
		sandbox.DemoAppKey, sandbox.DemoAppSecret, root+"/openapi", root+"/oauth/authorize", sandbox.DemoRedirectURI)
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return []string{"XDG_CONFIG_HOME=" + cfgHome, "XDG_STATE_HOME=" + stateHome}
}

// joined is the screen with wrapped lines joined, as a terminal
// selection would copy the address.
func joined(d *hostileDesk) string {
	return d.tmux("capture-pane", "-p", "-J", "-S", "-", "-t", d.session)
}

// TestEndToEndDemoOn1688 is the README's `caigou --demo --backend 1688`,
// keys only, from the first frame, at 80x24 and 200x50: the demo buyer is
// signed in by itself, and the purchase runs to the pay link and the
// order on the orders screen.
func TestEndToEndDemoOn1688(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	bin := buildBinary(t)
	for _, size := range [][2]int{{80, 24}, {200, 50}} {
		w, h := size[0], size[1]
		d := startDeskEnv(t, bin, w, h, nil, "--demo", "--backend", "1688")
		d.wait("SANDBOX 1688", "caigou")
		buyOneDress(d)
		d.escape()
		d.keys("o")
		d.wait("Order id", "1 of 1 order")
		screen := d.screen()
		for i, line := range strings.Split(screen, "\n") {
			if dw := displayWidth(line); dw > w {
				t.Fatalf("%dx%d: line %d is %d cells wide:\n%s", w, h, i, dw, screen)
			}
		}
		d.keys("q")
		waitExit(t, d.tmuxDesk)
	}
}

// buyOneDress is the purchase keys only, from the search to the pay link
// with its amount: the first dress found, one supplier, one order.
func buyOneDress(d *hostileDesk) {
	d.t.Helper()
	d.keys("/")
	d.typeText("连衣裙")
	d.keys("Enter")
	d.wait("“连衣裙”", "1 of ")
	d.keys("Enter")
	d.wait("Minimum order")
	d.keys("a")
	d.wait("Added", "cart 1 line")
	d.keys("c")
	d.wait("1 supplier")
	d.keys("p")
	d.wait("1 order with 1 supplier")
	d.keys("Enter")
	d.wait("y places it")
	d.keys("y")
	d.wait("Created 1 order")
	d.keys("P")
	d.wait("Pay 1 order · ¥", "https://trade.1688.com/")
}
