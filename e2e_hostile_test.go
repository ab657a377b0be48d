package main

import (
	"bufio"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"caigou/ui/uitest"

	"caigou/ui/sanitize"
	"caigou/xport"
	"caigou/xport/sandbox"
	"caigou/xport/xportcn"
)

// The desk against a marketplace whose sellers write terminal attacks into
// their titles, SKU values, attributes, company names and chat nicks
// (`caigou sandbox --hostile`). It runs live, the way an agent's desk
// talks to Xportcn, over HTTP to a separate process, and every screen it
// reaches is read back three ways: the text tmux shows, the terminal
// state an attack would change (the pane title, the clipboard buffers,
// the header staying on the top line), and the raw bytes the desk wrote.

// paneTitle is set before the desk starts; an OSC 0 or 2 that got through
// would replace it.
const paneTitle = "caigou-e2e"

func TestEndToEndHostileCatalogue(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	bin := buildBinary(t)
	base := startHostileSandbox(t, bin)
	d := startDeskEnv(t, bin, 80, 24, liveConfig(t, base))

	d.wait("caigou", "LIVE")
	d.check("start")
	d.keys("/")
	d.typeText("连衣裙")
	d.keys("Enter")
	d.wait("连衣裙", "1 of ")
	d.check("search results (titles)")
	d.keys("Enter")
	d.wait("Minimum order")
	d.check("product, order pane (titles, SKU values)")
	// Tab walks the SKU axes first, then the panes.
	d.pressUntil("Tab", "Seller:")
	d.check("product, seller pane (company name)")
	d.pressUntil("Tab", "Attributes (")
	d.check("product, attributes pane (attribute values)")
	d.keys("m")
	d.wait("air.1688.com")
	// The desk copies the link through OSC 52 as the panel opens: the
	// clipboard must hold the cleaned link, not the nick's sequences.
	var bufs []string
	for deadline := time.Now().Add(10 * time.Second); len(bufs) == 0 && time.Now().Before(deadline); {
		time.Sleep(100 * time.Millisecond)
		bufs = d.buffers()
	}
	if len(bufs) != 1 || !strings.Contains(bufs[0], "air.1688.com") {
		t.Fatalf("after m the clipboard should hold the chat link alone; tmux has %q", bufs)
	}
	d.check("chat link (Wangwang nick in the URL, copied with OSC 52)")
	// The pipe to the raw log lags the screen by a moment; look once more
	// after it has caught up.
	time.Sleep(300 * time.Millisecond)
	d.check("end")
}

// hostileDesk is a desk in tmux whose every output byte is logged, with
// the checks that an attack had no effect.
type hostileDesk struct {
	*tmuxDesk
	raw  string // the log of what the desk wrote
	w, h int
}

// wait is waitFor that stops at the first sign of harm, rather than
// waiting out its deadline on a screen an attack has wrecked.
func (d *hostileDesk) wait(want ...string) {
	d.t.Helper()
	var screen string
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		screen = d.screen()
		if h := d.harm(screen, false); h != "" {
			d.t.Fatalf("waiting for %q: %s\nscreen:\n%s", want, h, screen)
		}
		ok := true
		for _, w := range want {
			ok = ok && strings.Contains(screen, w)
		}
		if ok {
			return
		}
	}
	d.t.Fatalf("screen never showed %q; it shows:\n%s", want, screen)
}

// pressUntil presses key until the screen shows want, a few times at most.
func (d *hostileDesk) pressUntil(key, want string) {
	d.t.Helper()
	for range 6 {
		d.keys(key)
		for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			screen := d.screen()
			if h := d.harm(screen, false); h != "" {
				d.t.Fatalf("pressing %s: %s\nscreen:\n%s", key, h, screen)
			}
			if strings.Contains(screen, want) {
				return
			}
		}
	}
	d.t.Fatalf("%s never brought %q; the screen shows:\n%s", key, want, d.screen())
}

// check fails when any attack had an effect by this step.
func (d *hostileDesk) check(step string) {
	d.t.Helper()
	screen := d.screen()
	if h := d.harm(screen, true); h != "" {
		d.t.Fatalf("%s: %s\nscreen:\n%s", step, h, screen)
	}
}

// harm is the first sign that an attack got through, or "". layout adds
// the checks that hold only once a screen is fully drawn.
func (d *hostileDesk) harm(screen string, layout bool) string {
	d.t.Helper()
	if strings.Contains(screen, sandbox.HostileMarker) {
		return "an attack's payload is on screen"
	}
	if title := d.tmux("display-message", "-p", "-t", d.session, "#{pane_title}"); strings.TrimSpace(title) != paneTitle {
		return fmt.Sprintf("the terminal title became %q", strings.TrimSpace(title))
	}
	for _, b := range d.buffers() {
		if strings.Contains(b, sandbox.HostileMarker) || strings.ContainsFunc(b, unicode.IsControl) {
			return fmt.Sprintf("a clipboard buffer holds %q", b)
		}
	}
	raw, err := os.ReadFile(d.raw)
	if errors.Is(err, os.ErrNotExist) {
		// tmux opens the pipe's file on the pane's first output; until
		// then the desk has written nothing that could leak.
		raw, err = nil, nil
	}
	if err != nil {
		return fmt.Sprintf("reading the desk's output: %v", err)
	}
	if leaks := rawLeaks(string(raw)); len(leaks) > 0 {
		return "the desk wrote what the sellers sent: " + strings.Join(leaks, "; ")
	}
	if !layout {
		return ""
	}
	// With escapes: the desk's own styling is there, the data's is not.
	styled := d.tmux("capture-pane", "-p", "-e", "-t", d.session)
	for _, bad := range []string{sandbox.HostileMarker, "\x1b]0;", "\x1b]2;", "\x1b]52;", "\x1b[2J", "evil.example"} {
		if strings.Contains(styled, bad) {
			return fmt.Sprintf("the styled capture holds %q", bad)
		}
	}
	lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
	// Erase-screen, cursor-home, cursor-up and reset attacks move or wipe
	// what the desk drew: the header must still be the top line.
	if !strings.HasPrefix(lines[0], "caigou 采购") || !strings.Contains(lines[0], "LIVE") {
		return "the header is not on the top line"
	}
	if len(lines) > d.h {
		return fmt.Sprintf("%d lines on a %d-line terminal", len(lines), d.h)
	}
	for i, l := range lines {
		if dw := displayWidth(l); dw > d.w {
			return fmt.Sprintf("line %d is %d cells wide", i, dw)
		}
	}
	return ""
}

var (
	// The desk's own sequences, checked and then set aside: OSC 8 links
	// (photos, product pages, the chat link) and its OSC 52 copy.
	deskLink = regexp.MustCompile("\x1b\\]8;[^\x07\x1b]*;([^\x07\x1b]*)\x07")
	deskCopy = regexp.MustCompile("\x1b\\]52;c;([A-Za-z0-9+/=]*)\x07")
	// The renderer erases the screen only to repaint it, so its erase is
	// always followed by cursor-home; the catalogue's is followed by text.
	dataErase = regexp.MustCompile("\x1b\\[2J[^\x1b]")
)

// rawLeaks looks through everything the desk wrote to the terminal for
// what only the hostile data could have put there. The renderer's own
// cursor moves, erases and colours are allowed; the ones the sellers sent
// are recognised by their payloads or by sequences the desk never writes.
func rawLeaks(raw string) []string {
	var leaks []string
	for _, m := range deskLink.FindAllStringSubmatch(raw, -1) {
		if strings.Contains(m[1], sandbox.HostileMarker) || strings.Contains(m[1], "evil.example") {
			leaks = append(leaks, fmt.Sprintf("a hyperlink to %q", m[1]))
		}
	}
	for _, m := range deskCopy.FindAllStringSubmatch(raw, -1) {
		text, err := base64.StdEncoding.DecodeString(m[1])
		if err != nil || strings.Contains(string(text), sandbox.HostileMarker) || strings.ContainsFunc(string(text), unicode.IsControl) {
			leaks = append(leaks, fmt.Sprintf("a clipboard write of %q", text))
		}
	}
	rest := deskCopy.ReplaceAllString(deskLink.ReplaceAllString(raw, ""), "")
	forbidden := []struct{ what, seq string }{
		{"the payload marker", sandbox.HostileMarker},
		{"an OSC 0 title", "\x1b]0;"},
		{"an OSC 2 title", "\x1b]2;"},
		{"an OSC 52 clipboard write", "\x1b]52;"},
		{"an OSC 8 link", "\x1b]8;"},
		{"a DCS string", "\x1bP"},
		{"an APC string", "\x1b_"},
		{"a full reset", "\x1bc"},
		{"a 5-line cursor up", "\x1b[5A"},
		{"BEL", "\a"},
		{"BS", "\b"},
		{"NUL", "\x00"},
	}
	for _, f := range forbidden {
		if strings.Contains(rest, f.seq) {
			leaks = append(leaks, fmt.Sprintf("%s (%q)", f.what, f.seq))
		}
	}
	if dataErase.MatchString(rest) {
		leaks = append(leaks, "an erase-screen followed by text")
	}
	if i := strings.IndexFunc(rest, func(r rune) bool {
		return r >= 0x80 && r < 0xa0 || unicode.Is(unicode.Bidi_Control, r)
	}); i >= 0 {
		r, _ := utf8.DecodeRuneInString(rest[i:])
		leaks = append(leaks, fmt.Sprintf("the control U+%04X", r))
	}
	return leaks
}

// startHostileSandbox runs `caigou sandbox --hostile` on a port the kernel
// picks and returns its API base URL, read from the banner.
func startHostileSandbox(t *testing.T, bin string) string {
	t.Helper()
	return startSandboxProcess(t, bin, "--hostile", "--addr", "127.0.0.1:0")
}

// startSandboxProcess runs `caigou sandbox` with args and returns the base
// URL its banner names.
func startSandboxProcess(t *testing.T, bin string, args ...string) string {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"sandbox"}, args...)...)
	cmd.Env = []string{"HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8"}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	found := make(chan string, 1)
	drained := make(chan struct{})
	go func() {
		defer close(drained)
		banner := regexp.MustCompile(`serving \d+ offers at (http://\S+)`)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if m := banner.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
	}()
	// stop ends the sandbox (ctrl+c, then a kill if it hangs) and returns
	// what it said on stderr, which is safe to read only after Wait.
	var once sync.Once
	stop := func() string {
		once.Do(func() {
			cmd.Process.Signal(os.Interrupt)
			select {
			case <-drained:
			case <-time.After(5 * time.Second):
				cmd.Process.Kill()
				<-drained
			}
			cmd.Wait()
		})
		return stderr.String()
	}
	t.Cleanup(func() { stop() })
	select {
	case base := <-found:
		return base
	case <-drained:
		t.Fatalf("caigou sandbox %v exited without serving: %s", args, stop())
	case <-time.After(20 * time.Second):
		t.Fatalf("caigou sandbox %v printed no address: %s", args, stop())
	}
	return ""
}

// liveConfig writes a config (0600, as the desk demands of a file holding
// the secret) that points the desk at base with the demo credentials, and
// returns the environment that makes the desk read it.
func liveConfig(t *testing.T, base string) []string {
	t.Helper()
	cfgHome, stateHome := t.TempDir(), t.TempDir()
	dir := filepath.Join(cfgHome, "caigou")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	body := fmt.Sprintf("[xport]\nbase_url = %q\naccess_key = %q\naccess_secret = %q\nuser_id = %q\n",
		base, sandbox.DemoAccessKey, sandbox.DemoSecret, sandbox.DemoUserID)
	p := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return []string{"XDG_CONFIG_HOME=" + cfgHome, "XDG_STATE_HOME=" + stateHome}
}

// startDeskEnv is startDesk with extra environment, a known pane title,
// tmux accepting OSC 52 into its buffers (so a clipboard write is seen),
// and every byte the desk writes logged to the returned file.
func startDeskEnv(t *testing.T, bin string, w, h int, env []string, args ...string) *hostileDesk {
	t.Helper()
	home := t.TempDir()
	raw := filepath.Join(t.TempDir(), "raw.log")
	d := &tmuxDesk{t: t, socket: filepath.Join(t.TempDir(), "tmux.sock"), session: "caigou"}
	words := []string{"env", "-i", "HOME=" + home, "PATH=" + os.Getenv("PATH"), "TERM=xterm-256color", "LANG=C.UTF-8"}
	words = append(append(append(words, env...), bin), args...)
	for i, w := range words {
		words[i] = shellQuote(w)
	}
	out, err := exec.Command("tmux", "-S", d.socket, "-f", "/dev/null",
		"new-session", "-d", "-s", d.session, "-x", strconv.Itoa(w), "-y", strconv.Itoa(h), strings.Join(words, " "), ";",
		"set-option", "-s", "set-clipboard", "on", ";",
		"select-pane", "-t", d.session, "-T", paneTitle, ";",
		"pipe-pane", "-o", "-t", d.session, "cat >> "+shellQuote(raw)).CombinedOutput()
	if err != nil {
		t.Fatalf("tmux: %v\n%s", err, out)
	}
	t.Cleanup(func() { exec.Command("tmux", "-S", d.socket, "kill-server").Run() })
	return &hostileDesk{tmuxDesk: d, raw: raw, w: w, h: h}
}

// tmux runs a tmux command on the desk's server and returns its output.
func (d *tmuxDesk) tmux(args ...string) string {
	d.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-S", d.socket}, args...)...).CombinedOutput()
	if err != nil {
		d.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// buffers are tmux's paste buffers: where an OSC 52 write lands.
func (d *tmuxDesk) buffers() []string {
	d.t.Helper()
	var out []string
	for _, name := range strings.Fields(d.tmux("list-buffers", "-F", "#{buffer_name}")) {
		out = append(out, d.tmux("show-buffer", "-b", name))
	}
	return out
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// The logistics remarks reach the screen only after an order is placed,
// paid and shipped, a long way to drive through the desk. The order
// detail passes each remark through sanitize.Line (ui/orders, trace.go);
// this test takes that path from the wire in: the client fetches a
// hostile trace, and the sanitiser must leave the words and nothing else.
func TestHostileLogisticsRemarksAreCleaned(t *testing.T) {
	clk := uitest.NewClock(time.Date(2026, 5, 20, 10, 0, 0, 0, xport.ChinaTime()))
	sb := sandbox.New(sandbox.Options{Seed: 1, Hostile: true, Clock: clk.Now})
	cfg := uitest.KAConfig("http://sandbox.invalid/api")
	cfg.RequestsPerSecond = 1000
	c, err := xportcn.New(cfg, xportcn.WithHTTPClient(&http.Client{Transport: &sandbox.Transport{Handler: sb}}))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	id := orderSomething(t, ctx, c, sb.Catalogue())
	if _, err := c.PayOrders(ctx, []string{id}); err != nil {
		t.Fatal(err)
	}
	clk.Advance(7 * 24 * time.Hour) // shipped and signed for
	traces, err := c.Logistics(ctx, id)
	if err != nil || len(traces) == 0 {
		t.Fatalf("trace: %v %v", traces, err)
	}
	var all string
	for _, tr := range traces {
		for _, st := range tr.Steps {
			remark := string(st.Remark)
			for _, a := range sandbox.HostileAttacks() {
				if !strings.Contains(remark, a.Seq) {
					t.Fatalf("the remark %q arrived without the %s attack: the test would prove nothing", remark, a.Kind)
				}
			}
			for _, clean := range []string{sanitize.Line(remark), sanitize.Block(remark)} {
				if strings.Contains(clean, sandbox.HostileMarker) || strings.ContainsFunc(clean, func(r rune) bool {
					return unicode.IsControl(r) && r != '\n' || unicode.Is(unicode.Bidi_Control, r)
				}) {
					t.Fatalf("the cleaned remark still carries an attack: %q", clean)
				}
			}
			all += sanitize.Line(remark) + "\n"
		}
	}
	for _, w := range []string{"卖家已发货", "已揽件", "运输中", "派件中", "已签收"} {
		if !strings.Contains(all, w) {
			t.Errorf("the cleaned trace lost %q:\n%s", w, all)
		}
	}
}

// orderSomething places an order for the first offer that can be ordered
// as it stands, and returns the order id.
func orderSomething(t *testing.T, ctx context.Context, c *xportcn.Client, cat *sandbox.Catalogue) string {
	t.Helper()
	for _, o := range cat.Offers {
		if !o.Sellable() || o.Seller.NeedsConsign {
			continue
		}
		qty := max(o.MOQ, o.Batch, 1)
		for _, k := range o.SKUs {
			if k.Stock < qty || k.Price <= 0 {
				continue
			}
			res, err := c.CreateOrder(ctx, xport.OrderRequest{
				OutOrderID: "hostile-" + o.ID,
				Address: xport.AddressParam{FullName: "陈志强", Mobile: "13800001688", ProvinceText: "广东省", CityText: "广州市",
					AreaText: "白云区", Address: "鹤龙一路88号", DistrictCode: "440111"},
				Cargo: []xport.Cargo{{OfferID: xport.NumID(o.ID), SpecID: k.SpecID, Quantity: qty}},
			})
			if err != nil {
				t.Fatalf("ordering %s: %v", o.ID, err)
			}
			return string(res.OrderID)
		}
	}
	t.Fatal("nothing in the hostile catalogue can be ordered")
	return ""
}
