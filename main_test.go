package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"caigou/ui/cli"
)

func writeConfig(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadConfigExample(t *testing.T) {
	// A copy: the checkout's mode and owner (a umask of 002, a checkout
	// by another user) are not what this test is about.
	example, err := os.ReadFile("config.example.toml")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := loadConfig(writeConfig(t, string(example)))
	if err != nil {
		t.Fatalf("the shipped example must load: %v", err)
	}
	if cfg.Xport.BaseURL != "https://www.xportcn.com/api" || cfg.Xport.TimestampUnit != "s" || cfg.UI.PageSize != 20 {
		t.Fatalf("example decoded as %+v", cfg)
	}
}

// Every config error names the line and the key, and says how to write it
// instead. The values that decode but are wrong (bad URL, missing secret,
// bad timestamp unit) are TestBadConfigIsExplained in ui/cli, which runs
// them through `caigou check` and the desk; an unknown endpoint name under
// [xport.paths] is TestPathOverride in xport.
func TestLoadConfigErrorsNameKeyAndLine(t *testing.T) {
	cases := map[string]struct {
		body string
		want []string
	}{
		"unknown key":           {"[xport]\naccess_key = \"k\"\nacess_secret = \"s\"\n", []string{`line 3: unknown key "xport.acess_secret"`, "see config.example.toml"}},
		"unknown section":       {"[xprot]\nbase_url = \"x\"\n", []string{`line 1: unknown key "xprot"`, "see config.example.toml"}},
		"text for a number":     {"[xport]\nread_retries = \"three\"\n", []string{"line 2: xport.read_retries should be a whole number without quotes, like 3, not text"}},
		"decimal for a number":  {"[ui]\npage_size = 20.5\n", []string{"line 2: ui.page_size should be a whole number", "not a number with a decimal point"}},
		"number for text":       {"[xport]\ntimestamp_unit = 1000\n", []string{"line 2: xport.timestamp_unit should be text in quotes", "not a number"}},
		"list for text":         {"[xport]\naccess_key = [\"a\", \"b\"]\n", []string{"line 2: xport.access_key should be text in quotes", "not a list"}},
		"text for a switch":     {"[log]\ndebug = \"yes\"\n", []string{"line 2: log.debug should be true or false, without quotes, not text"}},
		"number for a list":     {"[keys]\nquit = 5\n", []string{"line 2: keys.quit should be a list in brackets", "not a number"}},
		"value for a section":   {"xport = 5\n", []string{"line 1: xport is a section: write [xport] on a line of its own"}},
		"value for paths":       {"[xport]\npaths = 3\n", []string{"line 2: xport.paths is a section"}},
		"bad duration":          {"[xport]\ntimeout = \"soon\"\n", []string{`line 2: xport.timeout = "soon" is not a duration`, `like "15s"`}},
		"duration without unit": {"[ui]\norders_refresh = 60\n", []string{"line 2: ui.orders_refresh needs a unit", `"15s"`, "nanoseconds"}},
		"bad syntax":            {"[xport\n", []string{"line 2"}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			cfg, err := loadConfig(writeConfig(t, c.body))
			if err == nil {
				t.Fatalf("accepted, as %+v", cfg)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\nwant it to contain %q", err, w)
				}
			}
			if !reflect.DeepEqual(cfg, cli.Config{}) {
				t.Errorf("a refused file still gave a config: %+v", cfg)
			}
		})
	}
}

// An explicit read_retries = 0 means no retries: it used to be taken for
// "unset" and become 3. The [xport.wire] settings decode and are checked.
func TestLoadConfigReadRetriesAndWire(t *testing.T) {
	cfg, err := loadConfig(writeConfig(t, "[xport]\nread_retries = 0\n[xport.wire]\norder_amount_unit = \"yuan\"\n[xport.wire.success_codes]\ndefault = [\"200\", \"0\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	x := cfg.Xport.Defaults()
	if x.ReadRetries != 0 || x.Wire.OrderAmountUnit != "yuan" || len(x.Wire.SuccessCodes["default"]) != 2 || len(x.Wire.SuccessCodes["address_save"]) != 2 {
		t.Fatalf("decoded as %+v", x)
	}
	if cfg, err := loadConfig(writeConfig(t, "[xport]\ntimeout = \"5s\"\n")); err != nil || cfg.Xport.Defaults().ReadRetries != 3 {
		t.Fatalf("unset read_retries: %+v %v", cfg.Xport, err)
	}
	bad := cfg.Xport
	bad.Wire.OrderAmountUnit = "cents"
	if err := bad.Defaults().Wire.Validate(); err == nil || !strings.Contains(err.Error(), `"fen" or "yuan"`) {
		t.Fatalf("a bad unit: %v", err)
	}
	if _, err := loadConfig(writeConfig(t, "[xport.wire]\norder_amount = \"fen\"\n")); err == nil || !strings.Contains(err.Error(), "unknown key") {
		t.Fatalf("a misspelt wire key: %v", err)
	}
}

// Issue 9: a line break pasted into a credential is refused at load,
// naming the key and its line, not the HTTP header every call would fail
// on; the value is never shown.
func TestLoadConfigCredentialCharacters(t *testing.T) {
	for body, want := range map[string]string{
		"[xport]\naccess_key = \"k\"\nuser_id = \"2100\\r\\nX-Evil: 1\"\n": "line 3: [xport] user_id has a line break at character 5",
		"[xport]\naccess_key = \"abc\\ndef\"\n":                            "line 2: [xport] access_key has a line break at character 4",
		"[xport]\n\naccess_secret = \"top secret\"\n":                      "line 3: [xport] access_secret has a space at character 4",
	} {
		_, err := loadConfig(writeConfig(t, body))
		if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "secret\"") || strings.Contains(err.Error(), "X-Evil") {
			t.Errorf("%q: %v, want %q", body, err, want)
		}
	}
}

// Values that decode but can never work are named with their line too,
// every one at once, by check and by the desk: a file is fixed in one go.
func TestValueProblemsNameTheirLines(t *testing.T) {
	body := "[ui]\n# the page\npage_size = -5\n\n[keys]\nquit = [\"q\"]\nadd_to_cart = [\"q\"]\nundoo = [\"u\"]\n\n[xport]\naccess_key = \"k\"\naccess_secret = \"s\"\nuser_id = \"u\"\ntimeout = \"1ns\"\n"
	p := writeConfig(t, body)
	os.Chmod(p, 0o600)
	want := []string{
		"line 3: [ui] page_size = -5",
		`line 7: [keys] "q" is bound to both quit and add_to_cart`,
		`line 8: [keys] "undoo" is not an action`,
		"line 14: [xport] timeout = 1ns can never be met",
	}
	var out, errb strings.Builder
	env := cli.Env{Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }, Load: loadConfig}
	env.Args = []string{"check", "--config", p}
	if code := cli.Main(env); code == 0 {
		t.Fatalf("check passed a broken config:\n%s", out.String())
	}
	for _, w := range want {
		if !strings.Contains(out.String(), w) {
			t.Errorf("check does not say %q:\n%s", w, out.String())
		}
	}
	out.Reset()
	env.Args = []string{"--config", p}
	if code := cli.Main(env); code == 0 {
		t.Fatal("the desk started on a broken config")
	}
	for _, w := range want {
		if !strings.Contains(errb.String(), w) {
			t.Errorf("the desk does not say %q:\n%s", w, errb.String())
		}
	}
}
