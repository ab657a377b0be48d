package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"caigou/ui/cart"
	"caigou/ui/common"
	"caigou/xport"
)

func stateEnv(dir string) Env {
	return Env{Getenv: func(k string) string {
		switch k {
		case "HOME":
			return dir
		case "XDG_STATE_HOME":
			return filepath.Join(dir, "state")
		}
		return ""
	}, Stdout: &bytes.Buffer{}, Ctx: context.Background()}
}

func TestSessionKeepsTheCartOnDisk(t *testing.T) {
	home := t.TempDir()
	env := stateEnv(home)
	s, err := newSession(env, &commonFlags{demo: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.log.Close()
	want := filepath.Join(home, "state", "caigou", "sandbox", "caigou.db")
	if got := s.common.Cart.Path(); got != want {
		t.Fatalf("cart at %q, want %q", got, want)
	}
	if err := s.common.Cart.Put(cart.Line{OfferID: "1", Quantity: 2, UnitPrice: 100}); err != nil {
		t.Fatal(err)
	}
	again, err := newSession(env, &commonFlags{demo: true})
	if err != nil {
		t.Fatal(err)
	}
	defer again.log.Close()
	if again.common.Cart.Count() != 1 || len(again.notices) != 0 {
		t.Errorf("a new session has %d lines, notices %q", again.common.Cart.Count(), again.notices)
	}
}

func TestSessionStartsWhenTheCartCannotBeRead(t *testing.T) {
	home := t.TempDir()
	env := stateEnv(home)
	dir := filepath.Join(home, "state", "caigou", "sandbox")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "cart.json"), []byte("{garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := newSession(env, &commonFlags{demo: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.log.Close()
	n := strings.Join(s.notices, " ")
	if !strings.Contains(n, "The saved cart could not be read") || !strings.Contains(n, "cart.json.corrupt-") || s.common.Cart.Path() == "" {
		t.Errorf("notices %q, cart %q", s.notices, s.common.Cart.Path())
	}

	// A cart that cannot be opened at all (here: a newer format) leaves
	// an empty cart in memory and says so.
	os.WriteFile(filepath.Join(dir, "cart.json"), []byte(`{"version":99}`), 0o600)
	s2, err := newSession(env, &commonFlags{demo: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.log.Close()
	n = strings.Join(s2.notices, " ")
	if !strings.Contains(n, "in memory only") || s2.common.Cart == nil || s2.common.Cart.Path() != "" {
		t.Errorf("notices %q", s2.notices)
	}
}

// The display choices (sort, filters, language) of one session are where
// the next one starts.
func TestSessionKeepsTheLooks(t *testing.T) {
	home := t.TempDir()
	env := stateEnv(home)
	s, err := newSession(env, &commonFlags{demo: true})
	if err != nil {
		t.Fatal(err)
	}
	cmd := s.common.SetLooks(func(l *common.Looks) { l.Sort, l.ZH = "monthly sales", true })
	if cmd == nil {
		t.Fatal("a change of looks is not kept")
	}
	cmd()
	s.close()
	again, err := newSession(env, &commonFlags{demo: true})
	if err != nil {
		t.Fatal(err)
	}
	defer again.close()
	if l := again.common.Looks; l.Sort != "monthly sales" || !l.ZH {
		t.Errorf("the next session starts with %+v", l)
	}
}

// Orders placed in the demo are there after a restart; --fresh starts
// the sandbox over (issue 11).
func TestDemoOrdersOutliveARestart(t *testing.T) {
	home := t.TempDir()
	env := stateEnv(home)
	ctx := context.Background()
	s, err := newSession(env, &commonFlags{demo: true})
	if err != nil {
		t.Fatal(err)
	}
	cl := s.common.Client
	addrs, err := cl.Addresses(ctx)
	if err != nil {
		t.Fatal(err)
	}
	res, err := cl.CreateOrder(ctx, xport.OrderRequest{Address: addrs[0].Param(), OutOrderID: "cg-demo-restart",
		Cargo: []xport.Cargo{{OfferID: "100000000188", SpecID: "2fe6429e48164416635bf68367b7fa4d", Quantity: 2}}})
	if err != nil || len(res.OrderIDs()) != 1 {
		t.Fatalf("create: %v %+v", err, res)
	}
	s.close()

	again, err := newSession(env, &commonFlags{demo: true})
	if err != nil {
		t.Fatal(err)
	}
	found, err := again.common.Client.FindByOutOrderID(ctx, "cg-demo-restart")
	if err != nil || len(found.OrderIDs()) != 1 || found.OrderIDs()[0] != res.OrderIDs()[0] {
		t.Fatalf("after a restart: %v %+v", err, found)
	}
	again.close()

	fresh, err := newSession(env, &commonFlags{demo: true, fresh: true})
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.close()
	if found, err := fresh.common.Client.FindByOutOrderID(ctx, "cg-demo-restart"); err != nil || len(found.OrderIDs()) != 0 {
		t.Fatalf("--fresh kept %+v (%v)", found, err)
	}
	if !strings.Contains(strings.Join(fresh.notices, " "), "starts over") {
		t.Errorf("notices %q", fresh.notices)
	}
}
