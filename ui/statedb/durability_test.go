package statedb_test

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"caigou/ui/cart"
	"caigou/ui/journal"
)

// writer is the helper process of TestKillNineLosesNothingAcknowledged:
// as a desk does, it adds cart lines and writes order intents, and prints
// each one's name once the call that saved it returned, until it is
// killed.
func writer(dir, name string) {
	c, err := cart.Open(dir)
	if err != nil {
		fmt.Println("open", err)
		os.Exit(2)
	}
	j, err := journal.New(c.DB())
	if err != nil {
		fmt.Println("open", err)
		os.Exit(2)
	}
	out := bufio.NewWriter(os.Stdout)
	fmt.Fprintln(out, "ready", name)
	out.Flush()
	for i := 0; ; i++ {
		id := fmt.Sprintf("%s-%d", name, i)
		if err := c.Put(cart.Line{OfferID: id, Quantity: 1, UnitPrice: 100, SellerOpenID: name}); err != nil {
			fmt.Fprintln(out, "error", err)
			out.Flush()
			os.Exit(3)
		}
		fmt.Fprintln(out, "line", id)
		out.Flush()
		if err := j.Intend(journal.Intent{OutOrderID: "cg-" + id, SellerOpenID: name, Lines: []journal.Line{{OfferID: id, Quantity: 1}}}); err != nil {
			fmt.Fprintln(out, "error", err)
			out.Flush()
			os.Exit(3)
		}
		fmt.Fprintln(out, "intent", "cg-"+id)
		out.Flush()
		// A breath between orders, as a desk takes: two writers in tight
		// loops starve each other of SQLite's lock (its busy handler polls),
		// which is not what this test is about.
		time.Sleep(time.Millisecond)
		// Settle some, so kills land in outcomes too.
		if i%3 == 0 {
			if err := j.Outcome(journal.Outcome{OutOrderID: "cg-" + id, Result: journal.Refused}); err != nil {
				fmt.Fprintln(out, "error", err)
				out.Flush()
				os.Exit(3)
			}
			fmt.Fprintln(out, "settled", "cg-"+id)
			out.Flush()
		}
	}
}

// init runs the writer in the helper process, before the tests would
// (the package's TestMain is the internal tests').
func init() {
	if dir := os.Getenv("CAIGOU_WRITER_DIR"); dir != "" {
		writer(dir, os.Getenv("CAIGOU_WRITER_NAME"))
	}
}

// TestKillNineLosesNothingAcknowledged kills two desks of one user
// (two processes writing the same state at once) with SIGKILL at random
// moments, again and again on the same database, and then checks that
// every cart line and every order intent a desk was told was saved is
// there, every settled intent is still settled, and nothing unsettled is
// lost: what SQLite acknowledged with synchronous=FULL survives.
func TestKillNineLosesNothingAcknowledged(t *testing.T) {
	trials := 100
	if testing.Short() {
		trials = 20
	}
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	acked := map[string]map[string]bool{"line": {}, "intent": {}, "settled": {}}
	for trial := range trials {
		var mu sync.Mutex
		var wg sync.WaitGroup
		var procs []*exec.Cmd
		ready := make(chan struct{}, 2)
		for w := range 2 {
			cmd := exec.Command(os.Args[0], "-test.run", "^$")
			cmd.Env = append(os.Environ(), "CAIGOU_WRITER_DIR="+dir, fmt.Sprintf("CAIGOU_WRITER_NAME=t%d-w%d", trial, w))
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			procs = append(procs, cmd)
			wg.Add(1)
			go func() {
				defer wg.Done()
				sc := bufio.NewScanner(stdout)
				for sc.Scan() {
					kind, what, _ := strings.Cut(sc.Text(), " ")
					if kind == "ready" {
						ready <- struct{}{}
						continue
					}
					mu.Lock()
					if m, ok := acked[kind]; ok {
						m[what] = true
					} else {
						t.Errorf("writer: %s", sc.Text())
					}
					mu.Unlock()
				}
			}()
		}
		// The kill lands at a random moment of the writing, not of the
		// start-up (slow under -race).
		for range 2 {
			select {
			case <-ready:
			case <-time.After(30 * time.Second):
				t.Fatal("a writer did not start")
			}
		}
		time.Sleep(time.Duration(rng.IntN(40)) * time.Millisecond)
		for _, p := range procs {
			p.Process.Signal(syscall.SIGKILL)
		}
		wg.Wait()
		for _, p := range procs {
			p.Wait()
		}
	}
	if len(acked["line"]) < trials {
		t.Fatalf("only %d lines were acknowledged in %d trials: the kills came too early to test anything", len(acked["line"]), trials)
	}

	c, err := cart.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, l := range c.Lines() {
		have[l.OfferID] = true
	}
	for id := range acked["line"] {
		if !have[id] {
			t.Errorf("acknowledged cart line %s is lost", id)
		}
	}
	j, err := journal.New(c.DB())
	if err != nil {
		t.Fatal(err)
	}
	recs, err := j.Read()
	if err != nil {
		t.Fatal(err)
	}
	intents := map[string]bool{}
	for _, in := range recs.Intents {
		intents[in.OutOrderID] = true
	}
	for id := range acked["intent"] {
		if !intents[id] {
			t.Errorf("acknowledged intent %s is lost", id)
		}
	}
	pending, _, err := j.Pending()
	if err != nil {
		t.Fatal(err)
	}
	open := map[string]bool{}
	for _, in := range pending {
		open[in.OutOrderID] = true
		if acked["settled"][in.OutOrderID] {
			t.Errorf("settled intent %s is pending again", in.OutOrderID)
		}
	}
	// Every intent the database holds is pending or settled by a record
	// it also holds: the reference table agrees with the records.
	if want := recs.Pending(); len(want) != len(pending) {
		t.Errorf("%d pending by the index, %d by the records", len(pending), len(want))
	}
	t.Logf("%d trials: %d lines, %d intents, %d settled acknowledged; %d lines and %d intents in the database, %d pending",
		trials, len(acked["line"]), len(acked["intent"]), len(acked["settled"]), len(have), len(intents), len(open))
}
