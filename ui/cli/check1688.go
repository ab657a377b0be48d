package cli

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"caigou/ui/auth1688"
	"caigou/xport"
	"caigou/xport/ali1688"
	"caigou/xport/sandbox"
)

// check1688 is `caigou check` on the 1688 backend: the config, the app,
// the login and how long it has left, and one signed call.
// l and lerr are the config file as runCheck read it (nil with --demo);
// deep adds one read of every read API (deep1688.go).
func check1688(env Env, cf *commonFlags, ck *checker, l *loaded, lerr error, deep bool) int {
	if cf.demo {
		l = &loaded{}
	} else {
		if lerr != nil {
			ck.fail("config", "%v", lerr)
			return finish(ck, env)
		}
		if l.Found {
			ck.ok("config", "%s found and parsed", l.Path)
		}
	}
	sandboxed := cf.demo || !l.live1688()
	cfg := l.Ali1688
	var hc *http.Client
	if sandboxed {
		ck.ok("backend", "1688 Open Platform on the embedded sandbox (demo data, nothing is ordered for real)")
		cfg = sandbox1688Config()
		sb := sandbox.New(sandbox.Options{Seed: 1})
		if deep {
			// Orders for the order APIs to show; placed inside the
			// sandbox, not through the API the check reads.
			sb.SeedOrders(2)
		}
		hc = &http.Client{Transport: &sandbox.Transport{Handler: sb}}
	} else {
		cfg = cfg.Defaults()
		if err := cfg.Validate(); err != nil {
			ck.fail("credentials", "%v", atLines(l.Source, err))
			if errors.Is(err, ali1688.ErrNoCredentials) {
				ck.advice("set app_key and app_secret in [ali1688]; the secret may come from %s instead", SecretEnv1688)
			}
			return finish(ck, env)
		}
		ck.ok("backend", "1688 Open Platform at %s, app key %s, secret set (%s)", cfg.BaseURL, xport.MaskKey(cfg.AppKey), orWord(l.SecretSource, "from the config file"))
	}
	db, err := openStateDB(env, sandboxed)
	if err != nil {
		ck.fail("login", "the state database, where the login is kept, cannot be opened: %v", err)
		return finish(ck, env)
	}
	defer db.Close()
	src := &auth1688.Source{Store: auth1688.Store{DB: db}}
	opts := []ali1688.Option{ali1688.WithTokenSource(src)}
	if hc != nil {
		opts = append(opts, ali1688.WithHTTPClient(hc))
	}
	client, err := ali1688.New(cfg.Defaults(), opts...)
	if err != nil {
		ck.fail("client", "%v", err)
		return finish(ck, env)
	}
	src.Refresher = client
	ctx, cancel := context.WithTimeout(env.Ctx, 30*time.Second)
	defer cancel()
	if sandboxed {
		if err := ensureDemoLogin(ctx, client, hc, src.Store); err != nil {
			ck.fail("login", "the sandbox's sign-in did not work: %v", err)
			return finish(ck, env)
		}
	}
	access, refresh, ok, err := src.Left(ctx)
	switch {
	case err != nil:
		ck.fail("login", "the login cannot be read: %v", err)
		return finish(ck, env)
	case !ok:
		ck.fail("login", "not signed in to 1688")
		ck.advice("run caigou login (it prints an address to open on any device, then asks for the code)")
		return finish(ck, env)
	case refresh < 0:
		ck.fail("login", "the sign-in has run out")
		ck.advice("run caigou login again; your cart and lists are kept")
		return finish(ck, env)
	default:
		msg := "signed in; the access token has " + roughly(access) + " left and is renewed by itself"
		if refresh > 0 {
			msg += ", the sign-in " + roughly(refresh)
		}
		ck.ok("login", "%s", msg)
	}
	addrs, err := client.Addresses(ctx)
	if err != nil {
		ck.fail("signed call", "%s", say(err))
		var re *auth1688.RefreshError
		if errors.As(err, &re) || xport.IsAuth(err) {
			ck.advice("run caigou login again; check app_key and app_secret in [ali1688]")
		}
		return finish(ck, env)
	}
	ck.ok("signed call", "alibaba.trade.receiveAddress.get accepted: %d shipping addresses", len(addrs))
	c := client.Config()
	flow := "1688 picks the best flow at preview, and the order is placed in it"
	if c.Flow != "" {
		flow = "preview in flow " + c.Flow
	}
	ck.ok("settings", "%s; orders are paid as %s, the first of these an order's preview offers (trade_types in [ali1688]); an order that offers none is not placed", flow, strings.Join(c.TradeTypes, ", "))
	if deep {
		(&deep1688{ck: ck, m: client}).run(ctx, addrs)
	}
	return finish(ck, env)
}

// ensureDemoLogin signs the demo buyer in on the sandbox when nobody has:
// the demo needs no second device.
func ensureDemoLogin(ctx context.Context, client *ali1688.Client, hc *http.Client, st auth1688.Store) error {
	if _, ok, err := st.Load(ctx); err != nil || ok {
		return err
	}
	state := ali1688.NewState()
	loc, err := followDemoSignIn(ctx, hc, client.AuthorizeURL(state))
	if err != nil {
		return err
	}
	code, err := ali1688.CodeFrom(loc, state)
	if err != nil {
		return err
	}
	tok, err := client.Exchange(ctx, code)
	if err != nil {
		return err
	}
	return st.Save(ctx, tok)
}

// roughly writes a duration for people: "9 h 58 min", "179 days".
func roughly(d time.Duration) string {
	switch {
	case d <= 0:
		return "nothing"
	case d >= 48*time.Hour:
		return fmt.Sprintf("%d days", int(d/(24*time.Hour)))
	case d >= time.Hour:
		return fmt.Sprintf("%d h %d min", int(d/time.Hour), int(d%time.Hour/time.Minute))
	}
	return fmt.Sprintf("%d min", max(int(d/time.Minute), 1))
}

func orWord(s, dflt string) string {
	if s == "environment" {
		return "from " + SecretEnv1688
	}
	return dflt
}
