package ali1688

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"caigou/xport"
)

// TokenSource gives the buyer's OAuth access_token for a call (ref §1.3,
// §3). A store that refreshes tokens before they expire implements it.
type TokenSource interface {
	Token(ctx context.Context) (string, error)
}

// TokenRenewer is a TokenSource that can renew a token 1688 refused before
// the time the source expected: revoked when the buyer signed in again
// elsewhere, or 1688's clock ahead of this machine's. refused is the
// token that was refused, so that of two calls refused at once only the
// first renews.
type TokenRenewer interface {
	TokenSource
	Renew(ctx context.Context, refused string) (string, error)
}

// tokenRefused is the gateway refusing the buyer's login itself, before
// the API ran: nothing was done, and a renewed token may be accepted. The
// code for an expired or invalid access_token was not found (ref §5); an
// auth-looking gateway code naming a token, a session or auth is read as
// one [INF], while a bad signature, an API the app may not call (ACL) or
// a used-up package is not: renewing the token changes none of those.
func tokenRefused(err error) bool {
	var e *Error
	if !errors.As(err, &e) || !e.Gateway || e.Class != xport.ClassAuth {
		return false
	}
	c := strings.ToLower(e.Code)
	if strings.Contains(c, "signature") || strings.Contains(c, "acl") || strings.Contains(c, "nousage") || strings.Contains(c, "timestamp") {
		return false
	}
	return strings.Contains(c, "token") || strings.Contains(c, "session") || strings.Contains(c, "auth")
}

// StaticToken is a fixed access token (tests, or a token pasted by hand).
type StaticToken string

// Token implements TokenSource.
func (t StaticToken) Token(context.Context) (string, error) {
	if t == "" {
		return "", errors.New("no 1688 access token: authorise the buyer account first")
	}
	return string(t), nil
}

// Client calls the 1688 Open Platform. It is safe for concurrent use.
type Client struct {
	cfg     Config
	http    *http.Client
	tokens  TokenSource
	limiter *xport.Limiter
	log     *slog.Logger
	now     func() time.Time
	sleep   func(context.Context, time.Duration) error
	calls   atomic.Int64
	// sawOutOrderID is set once an order list of this account carried an
	// outOrderId value: from then on an empty list filtered by outOrderId
	// means none (see FindByOutOrderID).
	sawOutOrderID atomic.Bool
	// viewByOutWorks is set once get.buyerView has found an order of this
	// account by its outOrderId: from then on its "no such order" for an
	// outOrderId means none (see FindByOutOrderID).
	viewByOutWorks atomic.Bool
	backend        xport.Backend
}

// Option adjusts a Client.
type Option func(*Client)

// WithHTTPClient sets the HTTP client (tests pass the httptest server's).
func WithHTTPClient(h *http.Client) Option { return func(c *Client) { c.http = h } }

// WithTokenSource sets where access tokens come from.
func WithTokenSource(ts TokenSource) Option { return func(c *Client) { c.tokens = ts } }

// WithLogger sets the debug logger. Parameters (addresses, tokens) and the
// secret are never logged; the app key is masked.
func WithLogger(l *slog.Logger) Option { return func(c *Client) { c.log = l } }

// WithClock sets the clock of _aop_timestamp and of the rate limiter.
func WithClock(now func() time.Time) Option { return func(c *Client) { c.now = now } }

// WithSleep replaces the back-off and rate-limit waits, for tests.
func WithSleep(f func(context.Context, time.Duration) error) Option {
	return func(c *Client) { c.sleep = f }
}

// New makes a client from a config (Defaults applied).
func New(cfg Config, opts ...Option) (*Client, error) {
	cfg = cfg.Defaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	c := &Client{
		cfg:   cfg,
		http:  &http.Client{},
		log:   slog.New(slog.DiscardHandler),
		now:   time.Now,
		sleep: xport.SleepCtx,
	}
	for _, o := range opts {
		o(c)
	}
	c.limiter = xport.NewLimiter(cfg.RequestsPerSecond, c.now, c.sleep)
	c.backend = backendOf(cfg)
	// Signed requests never follow a redirect: the token and the order
	// would go to another address, and a 307 re-sends a create there.
	hc := *c.http
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	c.http = &hc
	return c, nil
}

// Config returns the effective configuration.
func (c *Client) Config() Config { return c.cfg }

// Calls counts the HTTP attempts made, retries included.
func (c *Client) Calls() int64 { return c.calls.Load() }

// dropEmptyParams [INF, ref §2.5]: the official SDK signs empty values and
// one client drops them; either works only if the signed set equals the
// sent set. caigou does not send empty parameters at all, so no proxy or
// form encoder can make the two sets differ.
const dropEmptyParams = true

// jsonParam encodes a complex parameter (offerQueryParam, addressParam…) as
// the JSON text that goes into one form field (ref §1.3 [DOC]). It is
// marshalled once, without HTML escaping, and that exact string is both
// signed and sent (ref §2.5: re-serialising after signing breaks it).
func jsonParam(v any) (string, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return strings.TrimRight(b.String(), "\n"), nil
}

// callOpts says how one API is called.
type callOpts struct {
	needToken bool // sends access_token (every buyer API but category.get)
	write     bool // changes state at 1688: never retried
	emptyOK   bool // a success may carry no result
	// whole hands out the object that carried the status, not its result
	// (see unwrapAt): for the APIs whose payload sits beside the status.
	whole bool
}

// call sends one signed request to namespace:api and stores the business
// payload (the innermost result, see unwrap) in out, a *json.RawMessage
// or a value to json.Unmarshal into; out may be nil. Reads are retried on
// transient failures (network, 5xx, rate limit, unreadable answers) with
// the desk's back-off; writes are sent once. It returns the request id the
// gateway gave, for the log.
func (c *Client) call(ctx context.Context, namespace, api string, params map[string]string, o callOpts, out any) (requestID string, err error) {
	name := namespace + ":" + api
	attempts := 1
	if !o.write {
		attempts += max(c.cfg.ReadRetries, 0)
	}
	renewed := false
	for i := 0; i < attempts; i++ {
		if i > 0 {
			if serr := c.sleep(ctx, xport.Backoff(i)); serr != nil {
				return requestID, serr
			}
		}
		var payload json.RawMessage
		var tok string
		payload, requestID, tok, err = c.attempt(ctx, namespace, api, params, o)
		if err != nil && o.needToken && !renewed && tokenRefused(err) {
			// Once per call: the gateway refused the token before the API
			// ran. A read is sent again with a renewed token; a write is
			// not (sent once, whatever comes back), but the next one
			// carries the renewed token.
			renewed = true
			if r, ok := c.tokens.(TokenRenewer); ok {
				if _, rerr := r.Renew(ctx, tok); rerr != nil {
					return requestID, rerr
				}
				if !o.write {
					payload, requestID, _, err = c.attempt(ctx, namespace, api, params, o)
				}
			}
		}
		if err == nil {
			if out == nil {
				return requestID, nil
			}
			if isNull(payload) {
				if o.emptyOK {
					return requestID, nil
				}
				return requestID, &xport.HTTPError{Endpoint: xport.Endpoint("1688:" + name), Status: 200, Reason: "the answer said success but carried no result"}
			}
			if raw, ok := out.(*json.RawMessage); ok {
				*raw = append((*raw)[:0], payload...)
				return requestID, nil
			}
			if derr := json.Unmarshal(payload, out); derr != nil {
				return requestID, &xport.HTTPError{Endpoint: xport.Endpoint("1688:" + name), Status: 200, Reason: "the result could not be read (" + derr.Error() + ")", Excerpt: xport.Excerpt(payload, 120)}
			}
			return requestID, nil
		}
		if !retryable(err) || ctx.Err() != nil {
			break
		}
	}
	return requestID, err
}

// retryable says whether a read may be tried again after err.
func retryable(err error) bool {
	switch xport.Classify(err) {
	case xport.ClassNetwork, xport.ClassServer, xport.ClassRateLimit, xport.ClassBadResponse:
		return true
	}
	return false
}

// form builds the signed form of one request: the business parameters
// (empty ones dropped), access_token, _aop_timestamp in milliseconds
// (ref §1.3 [DOC]: optional on most APIs, required on some, always
// harmless) and _aop_signature over all of them.
func (c *Client) form(ctx context.Context, namespace, api string, params map[string]string, needToken bool) (url.Values, error) {
	signed := make(map[string]string, len(params)+3)
	for k, v := range params {
		if k == SignatureParam || (dropEmptyParams && v == "") {
			continue
		}
		signed[k] = v
	}
	if needToken {
		if c.tokens == nil {
			return nil, errors.New("no 1688 access token: authorise the buyer account first")
		}
		tok, err := c.tokens.Token(ctx)
		if err != nil {
			return nil, err
		}
		if tok == "" {
			return nil, errors.New("no 1688 access token: authorise the buyer account first")
		}
		signed["access_token"] = tok
	}
	signed["_aop_timestamp"] = strconv.FormatInt(c.now().UnixMilli(), 10)
	form := make(url.Values, len(signed)+1)
	for k, v := range signed {
		form.Set(k, v)
	}
	form.Set(SignatureParam, Sign(URLPath(namespace, api, c.cfg.AppKey), signed, c.cfg.AppSecret))
	return form, nil
}

// attempt makes one HTTP exchange. tok is the access token it sent.
func (c *Client) attempt(ctx context.Context, namespace, api string, params map[string]string, o callOpts) (payload json.RawMessage, requestID, tok string, err error) {
	name := namespace + ":" + api
	form, err := c.form(ctx, namespace, api, params, o.needToken)
	if err != nil {
		return nil, "", "", err
	}
	tok = form.Get("access_token")
	if err := c.limiter.Wait(ctx); err != nil {
		return nil, "", tok, err
	}
	actx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	var sent atomic.Bool
	actx = httptrace.WithClientTrace(actx, &httptrace.ClientTrace{WroteHeaders: func() { sent.Store(true) }})

	endpoint := c.cfg.BaseURL + "/" + URLPath(namespace, api, url.PathEscape(c.cfg.AppKey))
	req, err := http.NewRequestWithContext(actx, http.MethodPost, endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, "", tok, fmt.Errorf("1688: building the request for %s: %w", name, err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
	req.Header.Set("User-Agent", "caigou")

	c.calls.Add(1)
	began := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, "", tok, ctx.Err()
		}
		ne := &netError{api: name, err: xport.PlainNetErr(xport.ScrubURL(err), c.cfg.Timeout), sent: sent.Load()}
		c.logCall(name, "", time.Since(began), ne)
		return nil, "", tok, ne
	}
	defer resp.Body.Close()
	// 8 MiB is far above any real answer; a runaway body must not eat memory.
	body, rerr := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	if rerr != nil {
		if ctx.Err() != nil {
			return nil, "", tok, ctx.Err()
		}
		ne := &netError{api: name, err: fmt.Errorf("reading the answer: %w", xport.PlainNetErr(rerr, c.cfg.Timeout)), sent: true}
		c.logCall(name, "", time.Since(began), ne)
		return nil, "", tok, ne
	}
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		he := badAnswer(name, resp.StatusCode, body, httpStatusText(resp.StatusCode)+": the gateway sent this request elsewhere, and caigou does not follow redirects with signed requests; check base_url")
		c.logCall(name, "", time.Since(began), he)
		return nil, "", tok, he
	}
	payload, requestID, uerr := unwrapAt(name, resp.StatusCode, body, c.cfg.SuccessCodes, o.whole)
	c.logCall(name, requestID, time.Since(began), uerr)
	return payload, requestID, tok, uerr
}

func (c *Client) logCall(api, requestID string, d time.Duration, err error) {
	attrs := []any{
		slog.String("api", api),
		slog.String("requestId", requestID),
		slog.Duration("duration", d),
		slog.String("appKey", xport.MaskKey(c.cfg.AppKey)),
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()), slog.String("class", xport.Classify(err).String()))
		c.log.Warn("1688 call failed", attrs...)
		return
	}
	c.log.Debug("1688 call", attrs...)
}

func httpStatusText(status int) string {
	if t := http.StatusText(status); t != "" {
		return t
	}
	return "HTTP " + strconv.Itoa(status)
}
