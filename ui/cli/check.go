package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"caigou/ui/keys"
	"caigou/ui/sanitize"
	"caigou/xport"
	"caigou/xport/sandbox"
	"caigou/xport/xportcn"
)

// checker prints one line per step with a mark that reads without colour.
// Every line goes through the sanitiser, whatever it holds: a service's
// message, a request id, an address or a path can carry escape sequences
// that retitle the terminal, write its clipboard or type into the shell
// after check exits.
type checker struct {
	w      io.Writer
	failed bool
}

func (c *checker) line(mark, step, format string, args ...any) {
	msg := cleanLines(fmt.Sprintf(format, args...))
	fmt.Fprintf(c.w, "  %s %-12s %s\n", mark, sanitize.Line(step), msg)
}

// cleanLines sanitises each line of s and keeps the line breaks the
// desk's own advice uses.
func cleanLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lead := len(l) - len(strings.TrimLeft(l, " "))
		lines[i] = strings.Repeat(" ", lead) + sanitize.Line(l)
	}
	return strings.Join(lines, "\n")
}

func (c *checker) ok(step, format string, args ...any) { c.line("✓ ok   ", step, format, args...) }

func (c *checker) warn(step, format string, args ...any) { c.line("! warn ", step, format, args...) }

func (c *checker) fail(step, format string, args ...any) {
	c.failed = true
	c.line("✗ FAIL ", step, format, args...)
}

func (c *checker) advice(format string, args ...any) {
	fmt.Fprintf(c.w, "                       → %s\n", cleanLines(fmt.Sprintf(format, args...)))
}

func runCheck(env Env, args []string) int {
	var deepOn bool
	var recordDir, dialectName string
	cf, code, ok := parseCommon(env, "check", args, func(fs *flag.FlagSet) {
		fs.BoolVar(&deepOn, "deep", false, "")
		fs.StringVar(&recordDir, "record", "", "")
		fs.StringVar(&dialectName, "dialect", "", "")
	})
	if !ok {
		return code
	}
	dialect, err := sandbox.ParseDialect(dialectName)
	switch {
	case err != nil:
		fmt.Fprintf(env.Stderr, "caigou check: --dialect: %v\n", err)
		return 2
	case dialectName != "" && !cf.demo:
		fmt.Fprintln(env.Stderr, "caigou check: --dialect goes with --demo (it picks the sandbox's dialect)")
		return 2
	case recordDir != "" && !deepOn:
		deepOn = true
	}
	ck := &checker{w: env.Stdout}
	fmt.Fprintln(env.Stdout, "caigou check")
	// The file is read once: it says which backend to check, then is
	// checked.
	var l *loaded
	var lerr error
	if !cf.demo {
		l, lerr = load(env, cf.configPath, cf.explicit)
	}
	backend := cf.backend
	if backend == "" && l != nil {
		backend, _ = backendName(l.Backend)
	}
	if backend == backend1688 {
		if recordDir != "" {
			fmt.Fprintln(env.Stderr, "caigou check: --record keeps Xportcn answers for settings the KA API leaves open; the 1688 Open Platform is documented and has none. Run caigou check --deep without it.")
			return 2
		}
		return check1688(env, cf, ck, l, lerr, deepOn)
	}

	var xc xportcn.Config
	var src string // the config file's text, for problems' lines
	var hc *http.Client
	if cf.demo {
		ck.ok("config", "--demo: using the embedded sandbox (demo data, nothing is ordered for real)")
		sb := sandbox.New(sandbox.Options{Seed: 1, Dialect: dialect})
		if deepOn {
			// Orders for the order endpoints to show; placed inside the
			// sandbox, not through the API the check reads.
			sb.SeedOrders(2)
		}
		hc = &http.Client{Transport: &sandbox.Transport{Handler: sb}}
		xc = sandboxKA("http://sandbox.invalid/api")
		ck.ok("permissions", "nothing to check for the sandbox")
	} else {
		err := lerr
		if err != nil && l == nil {
			ck.fail("config", "%v", err)
			return finish(ck, env)
		}
		if !l.Found {
			ck.fail("config", "no config file at %s", cf.configPath)
			ck.advice("copy config.example.toml there and fill in [xport], or run `caigou check --demo` to try the sandbox")
			return finish(ck, env)
		}
		// Every problem of the file at once: [ui] here, [keys] with it,
		// [xport] under credentials below.
		src = l.Source
		if _, kerr := keys.New(l.Keys); err != nil || kerr != nil {
			ck.fail("config", "%s: %v", l.Path, errors.Join(err, atLines(src, kerr)))
		} else {
			ck.ok("config", "%s found and parsed", l.Path)
		}
		if l.SecretSource == "file" {
			ck.ok("permissions", "mode %04o: only you can read the secret in it", l.Mode)
		} else if l.Mode&0o077 != 0 {
			ck.warn("permissions", "mode %04o: others can read it (it holds no secret, but chmod 600 is safer)", l.Mode)
		} else {
			ck.ok("permissions", "mode %04o", l.Mode)
		}
		xc = l.Xport
		hc = &http.Client{}
	}

	xc = xc.Defaults()
	if err := xc.Validate(); err != nil {
		ck.fail("credentials", "%v", atLines(src, err))
		if errors.Is(err, xportcn.ErrNoCredentials) {
			ck.advice("set them in the [xport] section; the secret may come from %s instead", xportcn.SecretEnv)
		}
		return finish(ck, env)
	}
	secretFrom := "from the config file"
	if env.Getenv(xportcn.SecretEnv) != "" && !cf.demo {
		secretFrom = "from " + xportcn.SecretEnv
	}
	if cf.demo {
		secretFrom = "demo"
	}
	ck.ok("credentials", "access key %s, user id %s, secret set (%s), timestamps in %s", xport.MaskKey(xc.AccessKey), xc.UserID, secretFrom, map[string]string{"s": "seconds", "ms": "milliseconds"}[xc.TimestampUnit])

	client, err := xportcn.New(xc, xportcn.WithHTTPClient(hc))
	if err != nil {
		ck.fail("client", "%v", err)
		return finish(ck, env)
	}
	ctx, cancel := context.WithTimeout(env.Ctx, 30*time.Second)
	defer cancel()

	start := time.Now()
	page, err := client.SearchKeyword(ctx, xport.SearchQuery{Keyword: "T恤", PageSize: 1})
	if err != nil && deepOn {
		// The deep check starts with the same call and looks for the
		// setting behind its failure.
		return runDeep(ctx, ck, env, xc, hc, recordDir)
	}
	if err != nil {
		ck.fail("signed call", "%s", say(err))
		adviseCall(ck, client, xport.EpKeywordSearch, err)
		return finish(ck, env)
	}
	ck.ok("signed call", "Xportcn accepted a signed search (%d offers for “T恤”, %s)", page.TotalRecords, time.Since(start).Round(time.Millisecond))

	addrs, err := client.Addresses(ctx)
	if err != nil {
		ck.fail("addresses", "%s", say(err))
		adviseCall(ck, client, xport.EpAddressList, err)
		return finish(ck, env)
	}
	if len(addrs) == 0 {
		ck.warn("addresses", "the account has no shipping address yet; add one in the desk before ordering")
	} else {
		ck.ok("addresses", "%d shipping address(es) readable; first: %s", len(addrs), oneLine(addrs[0]))
	}
	ck.ok("settings", "%s", strings.Join(xc.Wire.Describe(), "; "))
	if !deepOn {
		return finish(ck, env)
	}
	return runDeep(ctx, ck, env, xc, hc, recordDir)
}

// runDeep runs the deep check (deep.go) and keeps the answers if asked.
func runDeep(ctx context.Context, ck *checker, env Env, xc xportcn.Config, hc *http.Client, recordDir string) int {
	d := newDeep(ck, xc, hc)
	d.run(ctx)
	if recordDir != "" {
		files, err := writeRecord(recordDir, d.raw, xc.AccessSecret, xc.AccessKey, xc.UserID)
		if err != nil {
			ck.fail("record", "%v", err)
		} else {
			ck.ok("record", "%d answer(s) written to %s (mode 0600; names, phones and addresses removed)", len(files), recordDir)
		}
	}
	return finish(ck, env)
}

func oneLine(a xport.Address) string {
	return sanitize.Line(string(a.Province + a.City + a.District))
}

// adviseCall turns a failed call into the likely causes.
func adviseCall(ck *checker, c *xportcn.Client, ep xport.Endpoint, err error) {
	var ae *xport.APIError
	if errors.As(err, &ae) && xportcn.SuccessWords(ae.Msg) {
		ck.advice("code %s came with the message %q: this account may answer success with code %s. Run `caigou check --deep`; it names the setting ([xport.wire.success_codes]).", sanitize.Line(ae.Code), sanitize.Line(ae.Msg), sanitize.Line(ae.Code))
		return
	}
	switch xport.Classify(err) {
	case xport.ClassAuth:
		ck.advice("Xportcn refused the signature. Likely causes: a wrong access_key or access_secret (Console → AccessKey Management; resetting the secret invalidates the old one), a wrong user_id, the timestamp unit (try timestamp_unit = \"ms\"), or this machine's clock being more than 10 minutes off (check `date -u`).")
	case xport.ClassNotFound:
		info := c.Path(ep)
		ck.advice("the path %s was not found. If your account's documentation shows another path, set it in the config file:\n                           [xport.paths]\n                           %s = \"/the/path/you/see\"", info.Path, ep)
	case xport.ClassNetwork:
		ck.advice("no answer from %s: check the network, a proxy (HTTPS_PROXY), or base_url", c.Config().BaseURL)
	default:
		if h := xport.Hint(err); h != "" {
			ck.advice("%s", h)
		}
	}
	if id := xport.RequestIDOf(err); id != "" {
		ck.advice("request id %s (quote it to Xportcn support)", id)
	}
}

func finish(ck *checker, env Env) int {
	if ck.failed {
		fmt.Fprintln(env.Stdout, "some checks failed")
		return 1
	}
	fmt.Fprintln(env.Stdout, "all checks passed")
	return 0
}
