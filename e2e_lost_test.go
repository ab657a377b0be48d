package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"caigou/ui/journal"
	"caigou/ui/uitest"
	"caigou/xport"
	"caigou/xport/sandbox"
	"caigou/xport/xportcn"
)

// TestEndToEndKillDuringLostCreate: the desk is killed (kill -9, the
// built binary in a real terminal) after its order create left and before
// any answer came back. The create lands in the marketplace anyway, a few
// seconds later, as a create whose answer was lost does. The sandbox runs
// `--dialect lost+nodedupe`: a create is never answered, commits
// --lost-delay after it arrived, and a second create under the same
// outOrderId would be a second order, so a blind resend shows as two
// orders.
//
//   - placed before restart: the create commits, then the desk is started
//     again on the same state directory. Its start-up look-up must say the
//     order WAS placed, take the line out of the cart, and nothing the
//     agent presses may send a second create.
//   - restart while still on its way: the desk is started again at once,
//     and again after the start-up look-up's cutoff, both before the
//     create commits. Nothing found must read "not found yet", never "not
//     placed"; the goods stay tied to the same reference at checkout, and
//     no key sends a create. After the commit, r on the checkout finds the
//     order.
//
// The sandbox is only read over the wire (its order list), as an agent's
// script would; every create the desk sends is preceded by an intent in
// its journal, so the journal's intents count the creates.
func TestEndToEndKillDuringLostCreate(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	bin := buildBinary(t)

	t.Run("placed before restart", func(t *testing.T) {
		t.Parallel()
		lt := startLostDesk(t, bin, 3*time.Second)
		ref := lt.buyAndKill()

		// The create commits in the sandbox about 3 s after it arrived.
		id := lt.waitForOrders(1, 20*time.Second)[0]
		lt.checkOrderRef(id, ref)

		// The start-up look-up only touches intents older than one request
		// timeout and 5 s (a younger one may be another session's create in
		// flight: ui/app/startup.go), so start again once this one is.
		lt.waitPastCutoff()
		lt.launch()
		s := lt.waitFlat("WAS placed", id)
		t.Logf("started again %s after the create:\n%s", time.Since(lt.intentAt).Round(100*time.Millisecond), s)
		lt.noNotPlaced(s, "start-up status")
		lt.d.waitFor("cart 0 lines")
		lt.checkJournal(ref, journal.Created, id)

		// Nothing the agent presses orders it again.
		lt.d.escape()
		lt.d.keys("c")
		lt.d.waitFor("The cart is empty")
		for _, k := range []string{"p", "Enter", "y", "r", "R"} {
			lt.d.keys(k)
			time.Sleep(300 * time.Millisecond)
			lt.noNotPlaced(lt.d.screen(), "after "+k)
		}
		lt.d.escape()
		lt.keysAt = time.Now()
		lt.wantOrdersAfterKeys(1)
		lt.checkJournal(ref, journal.Created, id)
		lt.quit()
	})

	t.Run("restart while still on its way", func(t *testing.T) {
		t.Parallel()
		lt := startLostDesk(t, bin, 20*time.Second)
		ref := lt.buyAndKill()

		// At once: the intent is younger than the start-up look-up's
		// cutoff, so the start says nothing of it; the checkout of the same
		// goods still looks it up before offering anything.
		lt.launch()
		lt.d.waitFor("cart 1 line")
		time.Sleep(1500 * time.Millisecond) // the start-up look-up, had it run, would have answered
		first := lt.d.screen()
		t.Logf("started again %s after the create; the first screen:\n%s", time.Since(lt.intentAt).Round(100*time.Millisecond), first)
		lt.noNotPlaced(first, "immediate restart")
		if !strings.Contains(flat(first), "answer was lost") {
			t.Logf("the start-up status says nothing of the create: its intent is younger than the start-up look-up's cutoff (%s)",
				lt.timeout+5*time.Second)
		}
		lt.unknownCheckout(ref)
		lt.d.keys("q")
		lt.waitGone()

		// After the cutoff, still before the commit: the start-up look-up
		// finds nothing and must say so without calling it "not placed".
		lt.waitPastCutoff()
		if time.Since(lt.intentAt) > lt.lostDelay-4*time.Second {
			t.Fatalf("too slow: %s after the create, too close to its commit at %s for this step to mean anything",
				time.Since(lt.intentAt), lt.lostDelay)
		}
		lt.launch()
		s := lt.waitFlat("not found yet and may still land", ref)
		t.Logf("started again %s after the create:\n%s", time.Since(lt.intentAt).Round(100*time.Millisecond), s)
		lt.noNotPlaced(s, "start-up status")
		lt.d.waitFor("cart 1 line")
		lt.wantOrders(0)
		lt.unknownCheckout(ref)

		// The create lands; r on the checkout finds it.
		id := lt.waitForOrders(1, lt.lostDelay+15*time.Second)[0]
		lt.checkOrderRef(id, ref)
		lt.d.keys("r")
		s = lt.waitFlat("WAS placed", id, "Ordered earlier")
		t.Logf("r at the checkout after the commit:\n%s", s)
		lt.noNotPlaced(s, "after the commit")
		lt.d.waitFor("cart 0 lines")
		lt.checkJournal(ref, journal.Created, id)
		lt.quit()
		// A create sent by a key at either unknown checkout would land by
		// now. (One sent by that last r would land too late to be seen,
		// but it would have left a second intent in the journal.)
		lt.wantOrdersAfterKeys(1)
	})
}

// lostTest is one desk in a shell in tmux, against its own lost+nodedupe
// sandbox, with its own config and state.
type lostTest struct {
	t         *testing.T
	d         *tmuxDesk
	client    *xportcn.Client // the test's own look at the sandbox
	stateDir  string          // $XDG_STATE_HOME/caigou
	lostDelay time.Duration
	timeout   time.Duration // the desk's request timeout
	pid       int           // the desk's process, 0 when none
	intentAt  time.Time     // when the killed create's intent was written
	starts    int           // how many times the desk was started
	keysAt    time.Time     // after the last keys that must not send a create
}

// startLostDesk starts the sandbox and a shell in tmux at 80x24 whose
// environment points the desk at it, and starts the desk there.
func startLostDesk(t *testing.T, bin string, lostDelay time.Duration) *lostTest {
	t.Helper()
	base := startSandboxProcess(t, bin, "--dialect", "lost+nodedupe", "--lost-delay", lostDelay.String(), "--addr", "127.0.0.1:0")
	client, err := xportcn.New(uitest.KAConfig(base))
	if err != nil {
		t.Fatal(err)
	}
	cfgHome, stateHome := t.TempDir(), t.TempDir()
	dir := filepath.Join(cfgHome, "caigou")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "config.toml")
	body := fmt.Sprintf("[xport]\nbase_url = %q\naccess_key = %q\naccess_secret = %q\nuser_id = %q\ntimeout = \"1s\"\nread_retries = 1\n",
		base, sandbox.DemoAccessKey, sandbox.DemoSecret, sandbox.DemoUserID)
	if err := os.WriteFile(cfg, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}

	// An interactive shell, as the agent has over SSH; the desk is typed
	// at its prompt.
	d := &tmuxDesk{t: t, socket: filepath.Join(t.TempDir(), "tmux.sock"), session: "caigou"}
	words := []string{"env", "-i", "HOME=" + t.TempDir(), "PATH=" + filepath.Dir(bin) + ":" + os.Getenv("PATH"),
		"TERM=xterm-256color", "LANG=C.UTF-8", "PS1=$ ",
		"XDG_CONFIG_HOME=" + cfgHome, "XDG_STATE_HOME=" + stateHome, "CFG=" + cfg, "sh", "-i"}
	for i, w := range words {
		words[i] = shellQuote(w)
	}
	out, err := exec.Command("tmux", "-S", d.socket, "-f", "/dev/null", "new-session", "-d", "-s", d.session,
		"-x", "80", "-y", "24", strings.Join(words, " ")).CombinedOutput()
	if err != nil {
		t.Fatalf("tmux: %v\n%s", err, out)
	}
	lt := &lostTest{t: t, d: d, client: client, stateDir: filepath.Join(stateHome, "caigou"), lostDelay: lostDelay, timeout: time.Second}
	t.Cleanup(func() {
		if lt.pid > 0 {
			syscall.Kill(lt.pid, syscall.SIGKILL)
		}
		exec.Command("tmux", "-S", d.socket, "kill-server").Run()
	})
	// A failure shows the last screen, whatever step it came from.
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("the screen at the end:\n%s", d.screen())
		}
	})
	lt.launch()
	return lt
}

// launch types the desk's command at the shell prompt. A desk killed
// with -9 leaves the terminal raw and in its alternate screen: stty sane
// and leaving the alternate screen are what an agent's reset does. ctrl+j
// ends the line whether the terminal is raw or not.
func (lt *lostTest) launch() {
	lt.t.Helper()
	lt.starts++
	lt.d.typeText(`stty sane; printf '\033[?1049l\033[H\033[2J'; echo "desk $((n=n+1)) starts"`)
	lt.d.keys("C-j")
	lt.d.waitFor("desk " + strconv.Itoa(lt.starts) + " starts")
	lt.d.typeText(`caigou --config "$CFG"`)
	lt.d.keys("C-j")
	lt.d.waitFor("LIVE", "caigou 采购")
	lt.pid = deskPID(lt.t, lt.d)
}

// buyAndKill searches, opens a product, adds it, previews and confirms
// the order, and kills the desk while its create is in flight: after the
// intent is journalled (which is just before the create is sent) and
// before the request times out. It returns the create's outOrderId.
func (lt *lostTest) buyAndKill() string {
	t, d := lt.t, lt.d
	t.Helper()
	d.waitFor("cart 0 lines")
	d.keys("/")
	d.typeText("连衣裙")
	d.keys("Enter")
	d.waitFor("连衣裙", "1 of ")
	d.keys("Enter")
	d.waitFor("Minimum order")
	d.keys("a")
	d.waitFor("Added", "cart 1 line")
	d.escape()
	d.keys("c")
	d.waitFor("1 supplier")
	d.keys("p")
	d.waitFor("1 order with 1 supplier")
	d.keys("Enter")
	lt.waitFlat("y places it")
	d.keys("y")

	var rec *journal.Records
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		rec = lt.journal()
		if len(rec.Intents) > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no intent was journalled after y:\n%s", d.screen())
		}
	}
	lt.intentAt = rec.Intents[0].At
	ref := rec.Intents[0].OutOrderID
	// The create leaves right after the intent is synced; give it a moment
	// to reach the sandbox, well inside the 1 s timeout.
	time.Sleep(250 * time.Millisecond)
	screen := d.screen()
	if err := syscall.Kill(lt.pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	t.Logf("killed the desk %s after the intent of %s; the screen it left:\n%s",
		time.Since(lt.intentAt).Round(time.Millisecond), ref, screen)
	lt.waitGone()
	if !strings.Contains(screen, "Placing…") {
		t.Fatalf("the create was not in flight when the desk was killed:\n%s", screen)
	}
	rec = lt.journal()
	if len(rec.Intents) != 1 || len(rec.Outcomes) != 0 {
		t.Fatalf("killed between send and answer, the journal should hold one intent and no outcome: %d intents, outcomes %+v",
			len(rec.Intents), rec.Outcomes)
	}
	return ref
}

// unknownCheckout opens the cart and the checkout for the goods whose
// create is unsettled: the group must be UNKNOWN under the same reference,
// and enter, y, r and R must send no create.
func (lt *lostTest) unknownCheckout(ref string) {
	t, d := lt.t, lt.d
	t.Helper()
	d.escape()
	d.keys("c")
	d.waitFor("1 supplier")
	d.keys("p")
	s := lt.waitFlat("UNKNOWN", "unknown — not found yet", ref)
	lt.noNotPlaced(s, "checkout")
	d.keys("Enter")
	s = lt.waitFlat("Nothing to place")
	lt.noNotPlaced(s, "checkout after enter")
	d.keys("y")
	time.Sleep(300 * time.Millisecond)
	d.keys("r")
	time.Sleep(300 * time.Millisecond)
	s = lt.waitFlat("unknown — not found yet", ref)
	lt.noNotPlaced(s, "checkout after r")
	// R asks for the end of the reference; esc gives up.
	d.keys("R")
	lt.waitFlat("type the last 6 characters of the reference")
	d.escape()
	lt.waitFlat("Nothing was ordered")
	lt.keysAt = time.Now()
	lt.wantOrders(0)
	if rec := lt.journal(); len(rec.Intents) != 1 {
		t.Fatalf("a second create was sent from the checkout: %d intents in the journal\n%s", len(rec.Intents), d.screen())
	}
}

// waitGone waits for the desk's process to end.
func (lt *lostTest) waitGone() {
	lt.t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if _, err := os.Stat("/proc/" + strconv.Itoa(lt.pid)); err != nil {
			lt.pid = 0
			return
		}
	}
	lt.t.Fatalf("the desk (pid %d) did not end:\n%s", lt.pid, lt.d.screen())
}

func (lt *lostTest) quit() {
	lt.t.Helper()
	lt.d.keys("q")
	lt.waitGone()
}

// waitPastCutoff waits until the killed create's intent is old enough for
// the start-up look-up (one request timeout and 5 s, with a margin).
func (lt *lostTest) waitPastCutoff() {
	time.Sleep(time.Until(lt.intentAt.Add(lt.timeout + 5*time.Second + 700*time.Millisecond)))
}

// waitFlat waits until the screen, its lines joined and its spaces
// collapsed (the status line wraps), holds every want.
func (lt *lostTest) waitFlat(want ...string) string {
	lt.t.Helper()
	var s string
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		s = lt.d.screen()
		f, ok := flat(s), true
		for _, w := range want {
			ok = ok && strings.Contains(f, w)
		}
		if ok {
			return s
		}
	}
	lt.t.Fatalf("screen never showed %q; it shows:\n%s", want, s)
	return ""
}

func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// noNotPlaced fails if the screen calls the unsettled order not placed.
func (lt *lostTest) noNotPlaced(screen, step string) {
	lt.t.Helper()
	if f := strings.ToLower(flat(screen)); strings.Contains(f, "not placed") || strings.Contains(f, "was not ordered") {
		lt.t.Fatalf("%s: the screen calls an order whose answer was lost not placed:\n%s", step, screen)
	}
}

func (lt *lostTest) journal() *journal.Records {
	lt.t.Helper()
	j, err := journal.Open(lt.stateDir)
	if err != nil {
		lt.t.Fatal(err)
	}
	defer j.Close()
	rec, err := j.Read()
	if err != nil {
		lt.t.Fatal(err)
	}
	return rec
}

// checkJournal wants one intent, ref, and a final outcome res with id.
func (lt *lostTest) checkJournal(ref string, res journal.Result, id string) {
	lt.t.Helper()
	rec := lt.journal()
	if len(rec.Intents) != 1 || rec.Intents[0].OutOrderID != ref {
		lt.t.Fatalf("the journal should hold the one intent %s: %+v", ref, rec.Intents)
	}
	var final []journal.Outcome
	for _, o := range rec.Outcomes {
		if o.Result.Final() {
			final = append(final, o)
		}
	}
	if len(final) != 1 || final[0].OutOrderID != ref || final[0].Result != res || strings.Join(final[0].OrderIDs, ",") != id {
		lt.t.Fatalf("the journal should settle %s as %s with order %s; outcomes: %+v", ref, res, id, rec.Outcomes)
	}
	if p := rec.Pending(); len(p) != 0 {
		lt.t.Fatalf("the journal still has pending intents: %+v", p)
	}
}

// orders lists the sandbox's orders over the wire.
func (lt *lostTest) orders() []xport.Order {
	lt.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	page, err := lt.client.ListOrders(ctx, xport.OrderQuery{PageSize: 50})
	if err != nil {
		lt.t.Fatalf("listing the sandbox's orders: %v", err)
	}
	if int64(len(page.Orders)) != page.TotalRecords {
		lt.t.Fatalf("the order list says %d orders and holds %d", page.TotalRecords, len(page.Orders))
	}
	return page.Orders
}

func (lt *lostTest) wantOrders(n int) {
	lt.t.Helper()
	if got := lt.orders(); len(got) != n {
		var ids []string
		for _, o := range got {
			ids = append(ids, o.BaseInfo.OrderIDString()+" ("+string(o.BaseInfo.OutOrderID)+")")
		}
		lt.t.Fatalf("the sandbox holds %d orders, want %d: %v\n%s", len(got), n, ids, lt.d.screen())
	}
}

// wantOrdersAfterKeys counts the orders once a create sent by the keys
// pressed up to keysAt would have landed: in this dialect a create lands
// lostDelay after it arrives, whatever its answer.
func (lt *lostTest) wantOrdersAfterKeys(n int) {
	lt.t.Helper()
	time.Sleep(time.Until(lt.keysAt.Add(lt.lostDelay + time.Second)))
	lt.wantOrders(n)
}

// waitForOrders polls the sandbox until it holds n orders and returns
// their ids.
func (lt *lostTest) waitForOrders(n int, within time.Duration) []string {
	lt.t.Helper()
	for deadline := time.Now().Add(within); ; time.Sleep(200 * time.Millisecond) {
		got := lt.orders()
		if len(got) > n {
			lt.wantOrders(n)
		}
		if len(got) == n {
			var ids []string
			for _, o := range got {
				ids = append(ids, o.BaseInfo.OrderIDString())
			}
			lt.t.Logf("the sandbox holds %d order(s) %s after the create", n, time.Since(lt.intentAt).Round(100*time.Millisecond))
			return ids
		}
		if time.Now().After(deadline) {
			lt.t.Fatalf("the sandbox still holds %d orders %s after the create, want %d (did the create reach it before the kill?)",
				len(got), time.Since(lt.intentAt).Round(time.Second), n)
		}
	}
}

// checkOrderRef checks through the client's look-up that order id carries
// the killed create's outOrderId.
func (lt *lostTest) checkOrderRef(id, ref string) {
	lt.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	l, err := lt.client.FindByOutOrderID(ctx, ref)
	if err != nil {
		lt.t.Fatal(err)
	}
	if got := l.OrderIDs(); len(got) != 1 || got[0] != id {
		lt.t.Fatalf("looking up %s finds %v, want [%s]", ref, got, id)
	}
}
