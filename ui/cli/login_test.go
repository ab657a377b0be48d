package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"caigou/ui/auth1688"
	"caigou/ui/statedb"
)

// caigou login --demo signs in on the sandbox's 1688 gateway: the address
// and its QR code are printed, the tokens are kept and never shown.
func TestLoginDemo(t *testing.T) {
	env := scriptEnv(t)
	code, out, errs := run(t, env, "login", "--demo", "--backend", "1688")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"https://sandbox.invalid/oauth/authorize?", "▀", "Signed in to 1688 as caigou_sandbox_buyer"} {
		if !strings.Contains(out, want) {
			t.Errorf("the output lacks %q:\n%s", want, out)
		}
	}
	db, err := statedb.Open(filepath.Join(env["XDG_STATE_HOME"], "caigou", "sandbox"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tok, ok, err := auth1688.Store{DB: db}.Load(context.Background())
	if !ok || err != nil || tok.AccessToken == "" {
		t.Fatalf("the login was not kept: %v %v", ok, err)
	}
	if strings.Contains(out+errs, tok.AccessToken) || (tok.RefreshToken != "" && strings.Contains(out+errs, tok.RefreshToken)) {
		t.Fatal("a token was printed")
	}
	// The Xportcn backend is not signed in here.
	if code, _, errs := run(t, env, "login", "--demo"); code != 2 || !strings.Contains(errs, "access_key") {
		t.Fatalf("login on the Xportcn backend: %d %s", code, errs)
	}
	if code, _, _ := run(t, env, "login", "--backend", "ebay"); code != 2 {
		t.Fatal("an unknown backend was accepted")
	}
}
