package cli

import (
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"caigou/xport/sandbox"
)

// dialectFixes is, per sandbox dialect, what `check --deep` with the
// default settings must name, and the settings that make that dialect
// work: the second half of the matrix (the first is the purchase flow in
// ui/app).
var dialectFixes = []struct {
	dialect string
	// want are lines the report must hold.
	want []string
	// settings make the dialect fit (TOML under the [xport] keys).
	settings string
}{
	{"default", []string{"every answer fits the current settings"}, ""},
	{"1688", []string{`order_amount_unit = "yuan"`, `freight_body = "nested"`, `order_logistics = "/alibaba/ka/order/logistics/trace"`},
		"[xport.paths]\norder_logistics = \"/alibaba/ka/order/logistics/trace\"\n[xport.wire]\norder_amount_unit = \"yuan\"\nfreight_body = \"nested\"\npay_ids = \"number\"\n"},
	{"push", []string{"no order carries an outOrderId", "no setting fixes this"}, ""},
	{"strict-ms", []string{`timestamp_unit = "ms"`}, "timestamp_unit = \"ms\"\n"},
	{"sibling", []string{"[xport.wire.success_codes]", `default = ["200", "0"]`}, "[xport.wire.success_codes]\ndefault = [\"200\", \"0\"]\n"},
	{"lost", []string{"every answer fits the current settings"}, ""},
}

func TestDeepCheckNamesTheSettingPerDialect(t *testing.T) {
	for _, tc := range dialectFixes {
		t.Run(tc.dialect, func(t *testing.T) {
			_, out, errOut := run(t, nil, "check", "--demo", "--deep", "--dialect", tc.dialect)
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("missing %q in:\n%s%s", w, out, errOut)
				}
			}
			if strings.Contains(out, sandbox.DemoSecret) {
				t.Error("the secret is in the output")
			}
		})
	}
}

// TestDeepCheckWithTheRightSettingsPasses runs the check as an agent does,
// from a config file, against a sandbox of each dialect served on
// loopback: with the settings the report named, every answer fits.
func TestDeepCheckWithTheRightSettingsPasses(t *testing.T) {
	for _, tc := range dialectFixes {
		t.Run(tc.dialect, func(t *testing.T) {
			d, err := sandbox.ParseDialect(tc.dialect)
			if err != nil {
				t.Fatal(err)
			}
			sb := sandbox.New(sandbox.Options{Seed: 1, Dialect: d})
			if sb.SeedOrders(2) == 0 {
				t.Fatal("no orders seeded")
			}
			srv := httptest.NewServer(sb)
			defer srv.Close()
			cfg := "[xport]\nbase_url = \"" + srv.URL + "/api\"\naccess_key = \"" + sandbox.DemoAccessKey + "\"\naccess_secret = \"" + sandbox.DemoSecret +
				"\"\nuser_id = \"" + sandbox.DemoUserID + "\"\n"
			// Keys of [xport] must come before its sub-tables.
			head, tables, _ := strings.Cut(tc.settings, "[")
			if tables != "" {
				tables = "[" + tables
			}
			p := cfgFile(t, 0o600, cfg+head+tables)
			code, out, errOut := run(t, nil, "check", "--config", p, "--deep")
			if code != 0 || !strings.Contains(out, "all checks passed") || strings.Contains(out, "put these in your config") {
				t.Errorf("exit %d:\n%s%s", code, out, errOut)
			}
		})
	}
}

// TestDeepCheckRecordsWithoutPersonalData: --record writes one 0600 file
// per endpoint, with names, phones and addresses taken out and the secret
// nowhere.
func TestDeepCheckRecordsWithoutPersonalData(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "answers")
	code, out, _ := run(t, nil, "check", "--demo", "--deep", "--record", dir)
	if code != 0 || !strings.Contains(out, "written to "+dir) {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) < 6 {
		t.Fatalf("only %d files: %v", len(files), files)
	}
	for _, f := range files {
		fi, err := os.Lstat(f)
		if err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v err %v", f, fi.Mode(), err)
		}
		b, _ := os.ReadFile(f)
		var v map[string]any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Errorf("%s is not JSON: %v", f, err)
		}
		for _, personal := range []string{"陈志强", "13800001688", "鹤龙一路", sandbox.DemoSecret} {
			if strings.Contains(string(b), personal) {
				t.Errorf("%s still holds %q", f, personal)
			}
		}
	}
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("record dir mode %v err %v", fi.Mode(), err)
	}
}

func TestRedactKeepsLongIDs(t *testing.T) {
	got := redact([]byte(`{"orderId":3305075341149134260,"receiverInfo":{"toFullName":"王丽","toMobile":"13800002579"},"remark":"call 13912345678"}`), "sekret")
	b, _ := json.Marshal(got)
	s := string(b)
	if !strings.Contains(s, "3305075341149134260") || strings.Contains(s, "王丽") || strings.Contains(s, "13800002579") || strings.Contains(s, "13912345678") {
		t.Fatalf("%s", s)
	}
}
