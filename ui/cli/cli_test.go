package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"caigou/xport/xportcn"

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
	for _, v := range []string{"version", "--version", "-v"} {
		if code, out, _ := run(t, nil, v); code != 0 || !strings.HasPrefix(out, "caigou ") {
			t.Fatalf("%s: %d %q", v, code, out)
		}
	}
	if code, out, _ := run(t, nil, "--help"); code != 0 || !strings.Contains(out, "caigou check") {
		t.Fatalf("--help: %d %q", code, out)
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

// Config values that decode but cannot work, through `caigou check` and
// the desk: each is refused before anything is sent or written, with the
// key and the fix named, and the secret never shown. Unknown keys and
// wrong types are the loader's (TestLoadConfigErrorsNameKeyAndLine in
// main_test.go); a secret others can read is TestCheckRefusesReadableSecret.
func TestBadConfigIsExplained(t *testing.T) {
	const creds = "access_key = \"5a4d0b2c7e1f4a3b9c8d6e5f40312a7b\"\nuser_id = \"2100000000001\"\n"
	cases := []struct {
		name, body string
		want       []string // in the message: what is wrong and what to do
	}{
		{"bad URL", "[xport]\nbase_url = \"www.xportcn.com/api\"\naccess_secret = \"" + secret + "\"\n" + creds,
			[]string{`base_url = "www.xportcn.com/api" is not a web address`, "https://www.xportcn.com/api"}},
		{"URL with another scheme", "[xport]\nbase_url = \"ftp://xportcn.com/api\"\naccess_secret = \"" + secret + "\"\n" + creds,
			[]string{"base_url", "is not a web address", "it should look like https://"}},
		{"missing secret", "[xport]\n" + creds,
			[]string{"no Xportcn credentials", "access_secret", xportcn.SecretEnv}},
		{"blank secret", "[xport]\naccess_secret = \"   \"\n" + creds,
			[]string{"needs access_secret"}},
		{"missing key and user", "[xport]\naccess_secret = \"" + secret + "\"\n",
			[]string{"needs access_key", "user_id"}},
		{"timestamp unit in words", "[xport]\ntimestamp_unit = \"seconds\"\naccess_secret = \"" + secret + "\"\n" + creds,
			[]string{`timestamp_unit = "seconds"`, `use "s" (seconds, the default) or "ms"`}},
		{"timestamp unit upper case", "[xport]\ntimestamp_unit = \"MS\"\naccess_secret = \"" + secret + "\"\n" + creds,
			[]string{`timestamp_unit = "MS"`, `"ms" (milliseconds)`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := cfgFile(t, 0o600, c.body)
			for _, cmd := range [][]string{{"check", "--config", p}, {"--config", p}} {
				home := t.TempDir()
				env := map[string]string{"HOME": home}
				var out, errb bytes.Buffer
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				code := Main(Env{Args: cmd, Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""), Getenv: func(k string) string { return env[k] }, Load: tomlLoader, Ctx: ctx})
				cancel()
				all := out.String() + errb.String()
				if code == 0 {
					t.Fatalf("%s: accepted (exit 0):\n%s", cmd[0], all)
				}
				for _, w := range c.want {
					if !strings.Contains(all, w) {
						t.Errorf("%s: output lacks %q:\n%s", cmd[0], w, all)
					}
				}
				if strings.Contains(all, secret) {
					t.Fatalf("%s: the secret was printed", cmd[0])
				}
				// Nothing written: no state directory, log or cart.
				filepath.WalkDir(home, func(path string, d os.DirEntry, err error) error {
					if path != home {
						t.Errorf("%s: %s was created for a config that cannot work", cmd[0], path)
					}
					return nil
				})
			}
		})
	}
}
