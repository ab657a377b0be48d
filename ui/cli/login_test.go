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

// caigou check on the 1688 backend: the app, the login and its time
// left, and one signed call.
func TestCheck1688Demo(t *testing.T) {
	env := scriptEnv(t)
	code, out, errs := run(t, env, "check", "--demo", "--backend", "1688")
	if code != 0 {
		t.Fatalf("exit %d:\n%s%s", code, out, errs)
	}
	for _, want := range []string{"1688 Open Platform on the embedded sandbox", "signed in; the access token has", "receiveAddress.get accepted",
		"1688 picks the best flow", "orders are paid as assureTrade, nzassure, assure"} {
		if !strings.Contains(out, want) {
			t.Errorf("check does not say %q:\n%s", want, out)
		}
	}
	// A live app without a login says to run caigou login.
	cfg := cfgFile(t, 0o600, "backend = \"1688\"\n[ali1688]\napp_key = \"123\"\napp_secret = \"s3cret-value\"\nbase_url = \"http://127.0.0.1:1/openapi\"\n")
	code, out, _ = run(t, env, "check", "--config", cfg)
	if code == 0 || !strings.Contains(out, "not signed in to 1688") || !strings.Contains(out, "caigou login") || strings.Contains(out, "s3cret-value") {
		t.Fatalf("no login: %d\n%s", code, out)
	}
}

// The scripts run on the 1688 backend too: the same search, through the
// sandbox's 1688 gateway, the JSON schema unchanged.
func TestScriptsOn1688(t *testing.T) {
	env := scriptEnv(t)
	code, out, errs := run(t, env, "search", "手机壳", "--demo", "--backend", "1688", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, `"schema": "caigou.search/1"`) || !strings.Contains(out, `"offer_id"`) {
		t.Fatalf("search on 1688:\n%s", out)
	}
	if code, _, errs := run(t, env, "orders", "--demo", "--backend", "1688"); code != 0 {
		t.Fatalf("orders on 1688: %d %s", code, errs)
	}
}

// A config holding the 1688 app secret that others can read is refused,
// as the Xportcn secret is; the secret is never echoed.
func TestApp1688SecretFileMustBePrivate(t *testing.T) {
	env := scriptEnv(t)
	cfg := cfgFile(t, 0o644, "backend = \"1688\"\n[ali1688]\napp_key = \"123\"\napp_secret = \"s3cret-value\"\n")
	code, out, errs := run(t, env, "check", "--config", cfg)
	if code == 0 || !strings.Contains(out+errs, "chmod") || strings.Contains(out+errs, "s3cret-value") {
		t.Fatalf("a readable secret: %d\n%s%s", code, out, errs)
	}
	// From the environment it is taken, and the file may then be readable.
	cfg = cfgFile(t, 0o644, "backend = \"1688\"\n[ali1688]\napp_key = \"123\"\nbase_url = \"http://127.0.0.1:1/openapi\"\n")
	env[SecretEnv1688] = "s3cret-value"
	code, out, errs = run(t, env, "check", "--config", cfg)
	if strings.Contains(out+errs, "chmod") || strings.Contains(out+errs, "s3cret-value") || !strings.Contains(out, "not signed in to 1688") {
		t.Fatalf("secret from the environment: %d\n%s%s", code, out, errs)
	}
}
