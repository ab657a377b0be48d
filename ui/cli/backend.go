package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"caigou/ui/auth1688"
	"caigou/ui/common"
	"caigou/ui/sanitize"
	"caigou/ui/statedb"
	"caigou/xport"
	"caigou/xport/ali1688"
	"caigou/xport/sandbox"
	"caigou/xport/xportcn"
)

// The backends.
const (
	backendXport = "xport"
	backend1688  = "1688"
)

// SecretEnv1688 is the environment variable the 1688 app secret may come
// from instead of the config file (never the command line).
const SecretEnv1688 = "CAIGOU_1688_APP_SECRET"

// backendName reads a backend's name as people write it; "" is the
// config's choice.
func backendName(s string) (string, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return "", true
	case "xport", "xportcn", "ka":
		return backendXport, true
	case "1688", "ali1688", "open1688":
		return backend1688, true
	}
	return "", false
}

// backendOf is the backend a command runs on: --backend, else the
// config's backend, else Xportcn.
func backendOf(cf *commonFlags, l *loaded) (string, error) {
	if cf.backend != "" {
		return cf.backend, nil
	}
	if l == nil || l.Backend == "" {
		return backendXport, nil
	}
	b, ok := backendName(l.Backend)
	if !ok {
		where := ""
		if n := keyLine(l.Source, "", "backend"); n > 0 {
			where = fmt.Sprintf("line %d: ", n)
		}
		return "", fmt.Errorf("%sbackend = %q: use \"xport\" (the Xportcn KA API) or \"1688\" (the 1688 Open Platform)", where, sanitize.Line(l.Backend))
	}
	return b, nil
}

// live1688 reports whether the config describes a 1688 app: then a
// missing secret is an error, not a quiet fall-back to the sandbox.
func (l *loaded) live1688() bool {
	a := l.Ali1688
	return a.AppKey != "" || a.AppSecret != "" || a.BaseURL != ""
}

// sanitizeArg shows a command-line value in a message.
func sanitizeArg(s string) string { return sanitize.Truncate(sanitize.Line(s), 40) }

// open1688 makes the 1688 Open Platform client: its login comes from the
// state database and is renewed by itself. On the sandbox (sb set) the
// demo buyer is signed in when nobody is; without a state database the
// sandbox hands a token for the session.
func open1688(env Env, cfg ali1688.Config, hc *http.Client, db *statedb.DB, logger *slog.Logger, sb *sandbox.Server) (common.Market, error) {
	opts := []ali1688.Option{ali1688.WithLogger(logger)}
	if hc != nil {
		opts = append(opts, ali1688.WithHTTPClient(hc))
	}
	if db == nil {
		if sb == nil {
			return nil, errors.New("the state database, where the 1688 login is kept, cannot be opened")
		}
		access, _ := sb.IssueToken1688()
		return ali1688.New(cfg.Defaults(), append(opts, ali1688.WithTokenSource(ali1688.StaticToken(access)))...)
	}
	src := &auth1688.Source{Store: auth1688.Store{DB: db}}
	client, err := ali1688.New(cfg.Defaults(), append(opts, ali1688.WithTokenSource(src))...)
	if err != nil {
		return nil, err
	}
	src.Refresher = client
	if sb != nil {
		ctx, cancel := context.WithTimeout(env.Ctx, 10*time.Second)
		defer cancel()
		if err := ensureDemoLogin(ctx, client, hc, src.Store); err != nil {
			return nil, fmt.Errorf("the sandbox's 1688 sign-in did not work: %w", err)
		}
	}
	return client, nil
}

// userOf is who the header says the desk orders for: the Xportcn user id,
// or the 1688 app (its buyer is whoever signed in).
func userOf(m common.Market) string {
	switch c := m.(type) {
	case *xportcn.Client:
		return c.Config().UserID
	case *ali1688.Client:
		return "app " + xport.MaskKey(c.Config().AppKey)
	}
	return ""
}

// sandboxKA is the Xportcn client's config for the embedded sandbox's demo
// account, which it serves at baseURL.
func sandboxKA(baseURL string) xportcn.Config {
	return xportcn.Config{BaseURL: baseURL, AccessKey: sandbox.DemoAccessKey, AccessSecret: sandbox.DemoSecret, UserID: sandbox.DemoUserID, InProcess: true}
}

// Both marketplace clients are complete Markets: the screens use either
// without knowing which. Checked at compile time, here where the desk is
// wired, so neither the screens nor the clients import the other side.
var (
	_ common.Market = (*xportcn.Client)(nil)
	_ common.Market = (*ali1688.Client)(nil)
)
