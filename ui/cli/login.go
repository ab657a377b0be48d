package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"caigou/ui/auth1688"
	"caigou/ui/link"
	"caigou/ui/sanitize"
	"caigou/ui/state"
	"caigou/ui/statedb"
	"caigou/xport/ali1688"
	"caigou/xport/sandbox"
)

// runLogin is `caigou login`: the 1688 buyer account authorises the app.
// Over SSH there is no browser here: the address is printed (clickable
// where the terminal allows, whole on one line, and as a QR code for a
// phone), the agent signs in on any device, and pastes back the code or
// the whole address 1688 sent them to. The tokens go to the state
// database, never to the screen.
func runLogin(env Env, args []string) int {
	cf, code, ok := parseCommon(env, "login", args)
	if !ok {
		return code
	}
	l := &loaded{}
	if !cf.demo {
		var err error
		if l, err = load(env, cf.configPath, cf.explicit); err != nil {
			fmt.Fprintf(env.Stderr, "caigou login: %v\n", err)
			return 1
		}
	}
	backend, err := backendOf(cf, l)
	if err != nil {
		fmt.Fprintf(env.Stderr, "caigou login: %v\n", err)
		return 2
	}
	if backend != backend1688 {
		fmt.Fprintln(env.Stderr, "caigou login signs in to the 1688 Open Platform: set backend = \"1688\" and [ali1688] in the config, or add --backend 1688. The Xportcn backend signs in with access_key and access_secret, not here.")
		return 2
	}
	sandboxed := cf.demo || !l.live1688()
	cfg := l.Ali1688
	var hc *http.Client
	if sandboxed {
		cfg = sandbox1688Config()
		hc = &http.Client{Transport: &sandbox.Transport{Handler: sandbox.New(sandbox.Options{Seed: 1})}}
	} else if err := cfg.Defaults().Validate(); err != nil {
		fmt.Fprintf(env.Stderr, "caigou login: %v\n", atLines(l.Source, err))
		return 1
	}
	opts := []ali1688.Option{}
	if hc != nil {
		opts = append(opts, ali1688.WithHTTPClient(hc))
	}
	client, err := ali1688.New(cfg.Defaults(), opts...)
	if err != nil {
		fmt.Fprintf(env.Stderr, "caigou login: %v\n", err)
		return 1
	}
	db, err := openStateDB(env, sandboxed)
	if err != nil {
		fmt.Fprintf(env.Stderr, "caigou login: the state database, where the login is kept, cannot be opened: %v\n", err)
		return 1
	}
	defer db.Close()

	st := ali1688.NewState()
	addr := client.AuthorizeURL(st)
	w := env.Stdout
	fmt.Fprintln(w, "Sign in to 1688 with the buyer account the desk will order for.")
	// The QR code first, the address after it: on a small terminal the
	// code scrolls away, never the address the agent copies.
	if qr, err := link.QR(addr, false); err == nil {
		fmt.Fprintln(w, "Scan this with the phone, or open the address below on any device:")
		for _, line := range qr {
			fmt.Fprintln(w, line)
		}
	} else {
		fmt.Fprintln(w, "Open this address on any device:")
	}
	fmt.Fprintln(w)
	// One line, copied whole by a selection; OSC 8 makes it clickable
	// where the terminal supports it, the text is the address either way.
	fmt.Fprintf(w, "\x1b]8;;%s\x1b\\%s\x1b]8;;\x1b\\\n\n", addr, addr)
	var pasted string
	if sandboxed {
		// The sandbox's sign-in page answers at once: follow it here, as a
		// browser would, so the demo needs no second device.
		pasted, err = followDemoSignIn(env.Ctx, hc, addr)
		if err != nil {
			fmt.Fprintf(env.Stderr, "caigou login: the sandbox's sign-in did not answer: %v\n", err)
			return 1
		}
		fmt.Fprintln(w, "(sandbox: signed in with the demo buyer, no second device needed)")
	} else {
		fmt.Fprint(w, "After signing in, paste the code, or the whole address your browser was sent to: ")
		line, err := bufio.NewReader(env.Stdin).ReadString('\n')
		if err != nil && line == "" {
			fmt.Fprintln(env.Stderr, "\ncaigou login: nothing was pasted; nothing changed")
			return 1
		}
		pasted = line
	}
	authCode, err := ali1688.CodeFrom(strings.TrimSpace(pasted), st)
	if err != nil {
		fmt.Fprintf(env.Stderr, "caigou login: %v; nothing changed. Run caigou login again for a fresh address (a code lives 2 minutes).\n", err)
		return 1
	}
	ctx, cancel := context.WithTimeout(env.Ctx, 30*time.Second)
	defer cancel()
	tok, err := client.Exchange(ctx, authCode)
	if err != nil {
		fmt.Fprintf(env.Stderr, "caigou login: 1688 did not accept the code: %s; nothing changed. A code lives 2 minutes and works once: run caigou login again.\n", say(err))
		return 1
	}
	if err := (auth1688.Store{DB: db}).Save(ctx, tok); err != nil {
		fmt.Fprintf(env.Stderr, "caigou login: signed in, but the login could not be kept: %v\n", err)
		return 1
	}
	who := sanitize.Line(tok.ResourceOwner)
	if who == "" {
		who = sanitize.Line(tok.MemberID)
	}
	fmt.Fprintf(w, "Signed in to 1688 as %s. The access lasts until %s and is renewed by itself", who, tok.AccessExpires.Local().Format("2006-01-02 15:04"))
	if !tok.RefreshExpires.IsZero() {
		fmt.Fprintf(w, " until %s, when caigou login is needed again", tok.RefreshExpires.Local().Format("2006-01-02"))
	}
	fmt.Fprintln(w, ".")
	return 0
}

// sandbox1688Config is the demo app on the embedded sandbox. The host is
// never dialled (the sandbox's transport answers in process); https keeps
// the client's rule that tokens never travel in clear.
func sandbox1688Config() ali1688.Config {
	return ali1688.Config{AppKey: sandbox.DemoAppKey, AppSecret: sandbox.DemoAppSecret, RedirectURI: sandbox.DemoRedirectURI,
		BaseURL: "https://sandbox.invalid/openapi", AuthorizeURL: "https://sandbox.invalid/oauth/authorize"}
}

// followDemoSignIn opens the sandbox's sign-in address and returns where
// it sends the browser (which carries the code).
func followDemoSignIn(ctx context.Context, hc *http.Client, addr string) (string, error) {
	c := *hc
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, addr, nil)
	if err != nil {
		return "", err
	}
	resp, err := c.Do(req)
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if _, err := url.Parse(loc); err != nil || loc == "" {
		return "", errors.New("no redirect with a code")
	}
	return loc, nil
}

// openStateDB opens the state database: the sandbox's own when sandboxed,
// as the desk does.
func openStateDB(env Env, sandboxed bool) (*statedb.DB, error) {
	dir, err := state.Dir(env.Getenv)
	if err != nil {
		return nil, err
	}
	if sandboxed {
		dir = filepath.Join(dir, "sandbox")
	}
	return statedb.Open(dir)
}
