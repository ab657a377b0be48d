package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"caigou/xport/sandbox"
)

const sandboxUsage = `Usage: caigou sandbox [flags]

Serves the embedded sandbox (a generated 1688 marketplace speaking the
Xportcn KA wire format) on a loopback address, for curl, scripts and other
clients. Faults are per mille (0-1000) of requests.

Flags:
  --addr ADDR              listen address, loopback only (default 127.0.0.1:8688)
  --seed N                 catalogue seed (default 1)
  --time-scale N           marketplace minutes per real minute, so orders ship
                           within minutes in a demo (default 60)
  --latency DURATION       added to every answer, e.g. 2s
  --server-errors N        answer 502
  --rate-limits N          answer 429
  --malformed N            answer an HTML page instead of JSON
  --truncate N             cut the JSON answer in half
  --resets N               drop the connection
  --commit-timeouts N      writes take effect, then never answer
  --hostile                hide terminal attacks (escape sequences, control
                           characters, bidi overrides) in titles, SKU values,
                           attributes, seller names, chat nicks and logistics
                           remarks, to check a client shows none of them
  --dialect NAME           answer in another wire format a live account might
                           use, to test a client against it: default, or
                           traits joined by + (e.g. lost+push):
                             1688       1688's result objects inside data,
                                        numeric ids, order amounts in yuan
                             push       orders in Xport's push-message shape,
                                        without outOrderId
                             strict-ms  only millisecond timestamps; auth
                                        failures answer code 10001
                             sibling    success is code 0, msg "success"
                             lost       a create never answers, and takes
                                        effect --lost-delay later
                             nodedupe   a repeated outOrderId places another
                                        order
  --lost-delay DURATION    with lost, how long until a create takes effect
                           (default 12s, 0 to 10m; 0: never)
`

func runSandbox(env Env, args []string) int {
	fs := flag.NewFlagSet("sandbox", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	addr := fs.String("addr", "127.0.0.1:8688", "")
	seed := fs.Int64("seed", 1, "")
	scale := fs.Int("time-scale", 60, "")
	hostile := fs.Bool("hostile", false, "")
	dialectName := fs.String("dialect", "default", "")
	lostDelay := fs.Duration("lost-delay", 12*time.Second, "")
	backend := fs.String("backend", "xport", "")
	var f sandbox.Faults
	fs.DurationVar(&f.Latency, "latency", 0, "")
	fs.IntVar(&f.ServerErrorPerMille, "server-errors", 0, "")
	fs.IntVar(&f.RateLimitPerMille, "rate-limits", 0, "")
	fs.IntVar(&f.MalformedPerMille, "malformed", 0, "")
	fs.IntVar(&f.TruncatePerMille, "truncate", 0, "")
	fs.IntVar(&f.ResetPerMille, "resets", 0, "")
	fs.IntVar(&f.CommitTimeoutPerMille, "commit-timeouts", 0, "")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(env.Stdout, sandboxUsage)
			return 0
		}
		fmt.Fprintf(env.Stderr, "caigou sandbox: %v\n\n%s", secretSafe(err), sandboxUsage)
		return 2
	}
	if err := checkFaults(f, *scale); err != nil {
		fmt.Fprintf(env.Stderr, "caigou sandbox: %v\n", err)
		return 2
	}
	dialect, err := sandbox.ParseDialect(*dialectName)
	if err != nil {
		fmt.Fprintf(env.Stderr, "caigou sandbox: --dialect: %v\n", err)
		return 2
	}
	if *lostDelay < 0 || *lostDelay > 10*time.Minute {
		fmt.Fprintf(env.Stderr, "caigou sandbox: --lost-delay %s: use 0 to 10m\n", *lostDelay)
		return 2
	}
	dialect.LostDelay = *lostDelay
	host, _, err := net.SplitHostPort(*addr)
	if err != nil {
		fmt.Fprintf(env.Stderr, "caigou sandbox: --addr %q: %v (use host:port, e.g. 127.0.0.1:8688)\n", *addr, err)
		return 2
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(env.Stderr, "caigou sandbox: --addr %s is not a loopback address; the sandbox only listens on 127.0.0.1, ::1 or localhost\n", *addr)
		return 2
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(env.Stderr, "caigou sandbox: cannot listen on %s: %v (is another sandbox running? try --addr 127.0.0.1:0)\n", *addr, err)
		return 1
	}
	sb := sandbox.New(sandbox.Options{Seed: *seed, TimeScale: *scale, Faults: f, Hostile: *hostile, Dialect: dialect})
	base := "http://" + ln.Addr().String() + "/api"
	if *hostile {
		// Said first, so nobody takes the garbled curl output for a bug.
		fmt.Fprintln(env.Stdout, "hostile: the text sellers write carries terminal attacks; pipe curl output through cat -v")
	}
	// Said before the recipe, so nobody takes the answers curl shows for
	// the documented ones.
	for _, line := range dialectLines(dialect) {
		fmt.Fprintln(env.Stdout, line)
	}
	if b, ok := backendName(*backend); !ok {
		fmt.Fprintf(env.Stderr, "caigou sandbox: --backend %q: use xport or 1688\n", sanitizeArg(*backend))
		return 2
	} else if b == backend1688 {
		print1688Recipe(env, sb, "http://"+ln.Addr().String(), max(*scale, 1))
		return serveUntilStopped(env, sb, ln)
	}
	// The recipe's timestamp is in the unit the dialect takes.
	tsCmd := "date +%s"
	if dialect.StrictMS {
		tsCmd = "date +%s%3N"
	}
	fmt.Fprintf(env.Stdout, `caigou sandbox serving %d offers at %s
(time runs %dx; press ctrl+c to stop)

Demo credentials (they open only this sandbox):
  access-key  %s
  secret      %s
  user-id     %s

Try a signed search:
  KEY=%s SECRET=%s
  TS=$(%s); NONCE=$(tr -dc 'A-Za-z0-9' </dev/urandom | head -c 32)
  SIG=$(printf '%%s' "$KEY$TS$NONCE$SECRET" | md5sum | cut -c1-32 | tr a-f A-F)
  curl -s %s/alibaba/ka/product/keywords/query \
    -H "access-key: $KEY" -H "timestamp: $TS" -H "nonce-str: $NONCE" \
    -H "user-id: %s" -H "signature: $SIG" -H 'Content-Type: application/json' \
    -d '{"keyword":"连衣裙","beginPage":1,"pageSize":5,"country":"en"}'
`, len(sb.Catalogue().Offers), base, max(*scale, 1), sandbox.DemoAccessKey, sandbox.DemoSecret, sandbox.DemoUserID,
		sandbox.DemoAccessKey, sandbox.DemoSecret, tsCmd, base, sandbox.DemoUserID)

	return serveUntilStopped(env, sb, ln)
}

// serveUntilStopped serves sb on ln until ctrl+c.
func serveUntilStopped(env Env, sb *sandbox.Server, ln net.Listener) int {
	srv := &http.Server{Handler: sb, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case <-env.Ctx.Done():
		srv.Close()
		fmt.Fprintln(env.Stdout, "sandbox stopped")
		return 0
	case err := <-errc:
		fmt.Fprintf(env.Stderr, "caigou sandbox: %v\n", err)
		return 1
	}
}

// dialectLines says what a dialect other than the default changes: its
// name, then a line for each trait.
func dialectLines(d sandbox.Dialect) []string {
	name := d.String()
	if name == "default" {
		return nil
	}
	out := []string{"dialect: " + name}
	if d.Is1688 {
		out = append(out, "  1688: data holds 1688's {success, code, message, result} (refusals too, under code 200); ids are numbers, order amounts yuan strings; freight wants productFreightQueryParamsNew, pay numeric orderIdList; logistics is at /alibaba/ka/order/logistics/trace")
	}
	if d.Push {
		out = append(out, "  push: orders come in Xport's push-message shape (amounts in fen, no outOrderId); the order list ignores the outOrderId filter")
	}
	if d.StrictMS {
		out = append(out, "  strict-ms: the timestamp must be 13-digit milliseconds; auth failures answer code 10001")
	}
	if d.Sibling {
		out = append(out, `  sibling: success is code 0 with msg "success"; an address save answers a bare {"code":0,"msg":"success"}`)
	}
	if d.Lost {
		when := fmt.Sprintf("takes effect %s later", d.LostDelay)
		if d.LostDelay == 0 {
			when = "never takes effect (--lost-delay 0)"
		}
		out = append(out, "  lost: a create never answers, and "+when)
	}
	if d.NoDedupe {
		out = append(out, "  nodedupe: a create with an outOrderId used before places another order")
	}
	return out
}

func checkFaults(f sandbox.Faults, scale int) error {
	total := 0
	for name, v := range map[string]int{"server-errors": f.ServerErrorPerMille, "rate-limits": f.RateLimitPerMille, "malformed": f.MalformedPerMille, "truncate": f.TruncatePerMille, "resets": f.ResetPerMille, "commit-timeouts": f.CommitTimeoutPerMille} {
		if v < 0 || v > 1000 {
			return fmt.Errorf("--%s %d: a fault rate is per mille, 0 to 1000", name, v)
		}
		total += v
	}
	if total > 1000 {
		return fmt.Errorf("the fault rates add up to %d per mille; at most 1000", total)
	}
	if f.Latency < 0 || f.Latency > time.Minute {
		return fmt.Errorf("--latency %s: use 0 to 1m", f.Latency)
	}
	if scale < 0 || scale > 100000 {
		return fmt.Errorf("--time-scale %d: use 1 to 100000", scale)
	}
	return nil
}

// print1688Recipe says how to reach the sandbox as the 1688 Open Platform
// gateway: its base URL, the demo app, a buyer token, and a hand-signed
// call (HMAC-SHA1 over the URL path and the sorted name+value pairs, the
// reference's §2).
func print1688Recipe(env Env, sb *sandbox.Server, root string, scale int) {
	access, _ := sb.IssueToken1688()
	fmt.Fprintf(env.Stdout, `caigou sandbox serving %d offers at %s as the 1688 Open Platform gateway
(time runs %dx; press ctrl+c to stop)

Gateway base URL:  %s/openapi
Authorize URL:     %s/oauth/authorize
App key:           %s
App secret:        %s
Redirect URI:      %s
Buyer token:       %s
(demo values: they open only this sandbox; the token lasts %s here, 10 h of
sandbox time at %dx: start the sandbox again for a new one)

Try a hand-signed call (the buyer's addresses):
  KEY=%s SECRET=%s TOKEN=%s
  API=param2/1/com.alibaba.trade/alibaba.trade.receiveAddress.get/$KEY
  TS=$(date +%%s%%3N)
  SIG=$(printf '%%s' "${API}_aop_timestamp${TS}access_token${TOKEN}" | openssl dgst -sha1 -hmac "$SECRET" | awk '{print toupper($NF)}')
  curl -s %s/openapi/$API --data-urlencode "_aop_timestamp=$TS" \
    --data-urlencode "access_token=$TOKEN" --data-urlencode "_aop_signature=$SIG"
`, len(sb.Catalogue().Offers), root, scale, root, root, sandbox.DemoAppKey, sandbox.DemoAppSecret, sandbox.DemoRedirectURI, access,
		roughly(sandbox.AccessTokenLife1688/time.Duration(max(scale, 1))), max(scale, 1), sandbox.DemoAppKey, sandbox.DemoAppSecret, access, root)
}
