package cli

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"caigou/xport/sandbox"
)

// taint is what a hostile service hides in every string: a title change,
// a clipboard write (OSC 52), a cursor-position query (DSR: the terminal
// answers by typing into the shell after check exits), C1 controls, bidi
// overrides, a line separator and a zero-width joiner.
const taint = "\x1b]0;pwned\x07\x1b]52;c;cm0gLXJmIH4=\x07\x1b[6n\u009b2J\u202e\u2067\u2028\u200d"

// unsafeByte finds the first byte or rune of out that a terminal would act
// on, or hide text with.
func unsafeByte(out string) (rune, bool) {
	for _, r := range out {
		switch {
		case r == '\n':
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			return r, true
		case (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x2028 || r == 0x2029 || r == 0x200d || r == 0x200b:
			return r, true
		case r == utf8.RuneError:
			return r, true
		}
	}
	return 0, false
}

// TestCheckPrintsNothingAServiceCanUse: issue 9. check against a service
// whose error message, request id and address fields carry escape
// sequences writes none of them: the terminal's title, clipboard and input
// stay untouched.
func TestCheckPrintsNothingAServiceCanUse(t *testing.T) {
	hostileErr := `{"requestId":"rid` + jsonEsc(taint) + `","code":"401","msg":"签名错误` + jsonEsc(taint) + `"}`
	hostileAddr := `{"requestId":"r` + jsonEsc(taint) + `","code":200,"msg":"成功","data":[{"id":1,"name":"x` + jsonEsc(taint) +
		`","province":"广东省` + jsonEsc(taint) + `","city":"广州市\u202e","district":"白云区\u2028rm -rf ~"}]}`
	search := `{"requestId":"r1","code":200,"msg":"成功","data":{"totalRecords":1,"data":[{"offerId":1,"subject":"x` + jsonEsc(taint) + `"}]}}`
	for name, h := range map[string]http.HandlerFunc{
		"error": func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(hostileErr)) },
		"addresses": func(w http.ResponseWriter, r *http.Request) {
			if strings.Contains(r.URL.Path, "address") {
				w.Write([]byte(hostileAddr))
				return
			}
			w.Write([]byte(search))
		},
	} {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(h)
			defer srv.Close()
			p := cfgFile(t, 0o600, "[xport]\nbase_url = \""+srv.URL+"/api\"\naccess_key = \"k\"\naccess_secret = \""+secret+"\"\nuser_id = \"u\"\nread_retries = 0\n")
			for _, args := range [][]string{{"check", "--config", p}, {"check", "--config", p, "--deep"}} {
				_, out, errOut := run(t, nil, args...)
				if r, bad := unsafeByte(out + errOut); bad {
					t.Errorf("%v printed %U:\n%q", args, r, out+errOut)
				}
				if strings.Contains(out+errOut, secret) {
					t.Errorf("%v printed the secret", args)
				}
			}
		})
	}
	// The hostile sandbox taints every text a seller writes; the deep
	// check reads all of it.
	_, out, errOut := run(t, nil, "check", "--demo", "--deep")
	if r, bad := unsafeByte(out + errOut); bad {
		t.Errorf("demo deep check printed %U", r)
	}
	sb := sandbox.New(sandbox.Options{Seed: 1, Hostile: true})
	sb.SeedOrders(2)
	srv := httptest.NewServer(sb)
	defer srv.Close()
	p := cfgFile(t, 0o600, "[xport]\nbase_url = \""+srv.URL+"/api\"\naccess_key = \""+sandbox.DemoAccessKey+"\"\naccess_secret = \""+sandbox.DemoSecret+"\"\nuser_id = \""+sandbox.DemoUserID+"\"\n")
	_, out, errOut = run(t, nil, "check", "--config", p, "--deep")
	if r, bad := unsafeByte(out + errOut); bad {
		t.Errorf("deep check of the hostile sandbox printed %U:\n%s", r, out)
	}
}

// jsonEsc writes s as the inside of a JSON string, control characters as
// \u escapes, as a server would send them.
func jsonEsc(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || (r >= 0x7f && r < 0xa0):
			b.WriteString(`\u00`)
			b.WriteByte("0123456789abcdef"[r>>4])
			b.WriteByte("0123456789abcdef"[r&15])
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
