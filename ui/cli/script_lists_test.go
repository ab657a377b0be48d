package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"caigou/ui/sourcing"
	"caigou/ui/statedb"
	"caigou/ui/uitest"
	"caigou/xport/sandbox"

	"github.com/xuri/excelize/v2"
)

// A client's 20-row list: checked and reported without --yes (nothing
// added), added with --yes (17 lines, all at once), exported back.
func TestCartImportAndExport(t *testing.T) {
	env := scriptEnv(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "client.csv")
	uitest.WriteSheet(t, in, uitest.ClientList(t, sandbox.New(sandbox.Options{Seed: 1})))

	code, out, errs := run(t, env, "cart", "import", in, "--demo", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rep struct {
		Added bool `json:"added"`
		Rows  []struct {
			Verdict string `json:"verdict"`
			Why     string `json:"why"`
		} `json:"rows"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	invalid := 0
	for _, r := range rep.Rows {
		if r.Verdict == "invalid" {
			invalid++
		}
	}
	if rep.Added || len(rep.Rows) != 20 || invalid != 3 || !strings.Contains(errs, "run again with --yes") {
		t.Fatalf("dry run: added %v, %d rows, %d invalid\n%s", rep.Added, len(rep.Rows), invalid, errs)
	}
	if code, _, errs := run(t, env, "cart", "import", in, "--demo", "--yes"); code != 0 || !strings.Contains(errs, "added 17 lines") {
		t.Fatalf("--yes: %d %s", code, errs)
	}
	xlsx := filepath.Join(dir, "cart.xlsx")
	if code, _, errs := run(t, env, "cart", "export", xlsx, "--demo"); code != 0 {
		t.Fatalf("export: %d %s", code, errs)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Cart")
	if len(rows) != 18 {
		t.Fatalf("%d rows in the exported cart, want the heading and 17 lines", len(rows))
	}
	if code, _, _ := run(t, env, "cart", "import", filepath.Join(dir, "x.pdf"), "--demo"); code != exitUsage {
		t.Fatalf("a .pdf: exit %d", code)
	}
}

func TestListExport(t *testing.T) {
	env := scriptEnv(t)
	// The demo desk's lists live in the sandbox's state database.
	db, err := statedb.Open(filepath.Join(env["XDG_STATE_HOME"], "caigou", "sandbox"))
	if err != nil {
		t.Fatal(err)
	}
	st := sourcing.New(db)
	ctx := context.Background()
	lid, _ := st.CreateList(ctx, "Client A")
	iid, _ := st.AddItem(ctx, lid, "dress", 300, "")
	for _, o := range sandbox.New(sandbox.Options{Seed: 1}).Catalogue().Offers[:8] {
		if o.Sellable() && len(o.Tiers) > 0 {
			st.AddCandidate(ctx, iid, sourcing.Candidate{OfferID: o.ID})
		}
	}
	db.Close()
	path := filepath.Join(t.TempDir(), "a.xlsx")
	if code, _, errs := run(t, env, "list", "export", "client a", path, "--demo"); code != 0 || !strings.Contains(errs, "wrote Client A") {
		t.Fatalf("export: %d %s", code, errs)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("file: %v %v", fi, err)
	}
	if code, _, _ := run(t, env, "list", "export", "Nobody", path, "--demo"); code != exitNotFound {
		t.Fatalf("an unknown list: exit %d", code)
	}
	if code, _, _ := run(t, env, "list", "delete", "x", "--demo"); code != exitUsage {
		t.Fatalf("an unknown subcommand: exit %d", code)
	}
}
