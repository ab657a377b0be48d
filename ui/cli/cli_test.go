package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

func tomlLoader(path string) (Config, error) {
	var c Config
	_, err := toml.DecodeFile(path, &c)
	return c, err
}

func run(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	if env == nil {
		env = map[string]string{}
	}
	if _, ok := env["HOME"]; !ok {
		env["HOME"] = t.TempDir()
	}
	code := Main(Env{Args: args, Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""), Getenv: func(k string) string { return env[k] }, Load: tomlLoader, Ctx: context.Background()})
	return code, out.String(), errb.String()
}

const secret = "real-secret-value-123"

func cfgFile(t *testing.T, mode os.FileMode, body string) string {
	p := filepath.Join(t.TempDir(), "config.toml")
	os.WriteFile(p, []byte(body), 0o600)
	os.Chmod(p, mode)
	return p
}

func TestCheckDemoPasses(t *testing.T) {
	code, out, _ := run(t, nil, "check", "--demo")
	if code != 0 {
		t.Fatalf("check --demo failed (%d):\n%s", code, out)
	}
	for _, want := range []string{"✓ ok    config", "✓ ok    credentials", "✓ ok    signed call", "✓ ok    addresses", "all checks passed"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
}

func TestCheckRefusesReadableSecret(t *testing.T) {
	p := cfgFile(t, 0o644, "[xport]\naccess_key = \"k\"\naccess_secret = \""+secret+"\"\nuser_id = \"u\"\n")
	code, out, errOut := run(t, nil, "check", "--config", p)
	if code == 0 || !strings.Contains(out, "chmod 600 "+p) {
		t.Fatalf("a 0644 file holding the secret must be refused with the fix (%d):\n%s", code, out)
	}
	if strings.Contains(out+errOut, secret) {
		t.Fatal("the secret was printed")
	}
}

func TestCheckNamesMissingCredentials(t *testing.T) {
	p := cfgFile(t, 0o600, "[xport]\naccess_key = \"k\"\n")
	code, out, _ := run(t, nil, "check", "--config", p)
	if code == 0 || !strings.Contains(out, "access_secret") || !strings.Contains(out, "user_id") {
		t.Fatalf("missing credentials must be named (%d):\n%s", code, out)
	}
}

func TestCheckAuthFailureNamesCauses(t *testing.T) {
	// A live config pointed at a sandbox served over HTTP with the wrong
	// secret: the sandbox refuses the signature like the real service.
	srv := startSandbox(t)
	p := cfgFile(t, 0o600, "[xport]\nbase_url = \""+srv+"\"\naccess_key = \"5a4d0b2c7e1f4a3b9c8d6e5f40312a7b\"\naccess_secret = \""+secret+"\"\nuser_id = \"2100000000001\"\nread_retries = 1\n")
	code, out, errOut := run(t, nil, "check", "--config", p)
	if code == 0 {
		t.Fatalf("a wrong secret passed:\n%s", out)
	}
	for _, want := range []string{"✗ FAIL  signed call", "timestamp_unit", "clock", "access_secret"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	if strings.Contains(out+errOut, secret) {
		t.Fatal("the secret was printed")
	}
}

func TestCheckSecretFromEnvironment(t *testing.T) {
	srv := startSandbox(t)
	p := cfgFile(t, 0o644, "[xport]\nbase_url = \""+srv+"\"\naccess_key = \"5a4d0b2c7e1f4a3b9c8d6e5f40312a7b\"\nuser_id = \"2100000000001\"\n")
	code, out, _ := run(t, map[string]string{"CAIGOU_ACCESS_SECRET": "caigou-sandbox-demo-secret"}, "check", "--config", p)
	if code != 0 || !strings.Contains(out, "CAIGOU_ACCESS_SECRET") {
		t.Fatalf("secret from the environment (%d):\n%s", code, out)
	}
}

func TestCommandLine(t *testing.T) {
	if code, out, _ := run(t, nil, "version"); code != 0 || !strings.HasPrefix(out, "caigou ") {
		t.Fatalf("version: %d %q", code, out)
	}
	if code, out, _ := run(t, nil, "help"); code != 0 || !strings.Contains(out, "caigou check") {
		t.Fatalf("help: %d %q", code, out)
	}
	if code, _, errOut := run(t, nil, "frobnicate"); code != 2 || !strings.Contains(errOut, "unknown command") {
		t.Fatalf("unknown command: %d %q", code, errOut)
	}
	code, _, errOut := run(t, nil, "--access-secret="+secret)
	if code != 2 || strings.Contains(errOut, secret) {
		t.Fatalf("a secret flag must be refused without echoing it: %d %q", code, errOut)
	}
	if code, _, errOut := run(t, nil, "check", "--config", filepath.Join(t.TempDir(), "nope.toml")); code == 0 && !strings.Contains(errOut, "does not exist") {
		t.Fatalf("missing explicit config: %d %q", code, errOut)
	}
	if code, _, errOut := run(t, nil, "sandbox", "--addr", "0.0.0.0:8688"); code != 2 || !strings.Contains(errOut, "loopback") {
		t.Fatalf("non-loopback sandbox: %d %q", code, errOut)
	}
	if code, _, errOut := run(t, nil, "sandbox", "--resets", "2000"); code != 2 || !strings.Contains(errOut, "per mille") {
		t.Fatalf("bad fault rate: %d %q", code, errOut)
	}
}
