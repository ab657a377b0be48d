package xportcn

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"caigou/xport"
)

// Client calls the Xportcn KA API. It is safe for concurrent use.
type Client struct {
	cfg     Config
	paths   map[xport.Endpoint]PathInfo
	http    *http.Client
	limiter *xport.Limiter
	log     *slog.Logger
	now     func() time.Time
	sleep   func(context.Context, time.Duration) error
	calls   atomic.Int64
	// record, when set, is handed every raw answer (check --deep).
	record func(ep xport.Endpoint, status int, body []byte)
	// sawOutOrderID is set once an order list of this account carried an
	// outOrderId: the evidence that an empty look-up by it means none.
	sawOutOrderID atomic.Bool
}

// Option adjusts a Client.
type Option func(*Client)

// WithHTTPClient sets the HTTP client (the desk passes one whose transport
// reaches the embedded sandbox).
func WithHTTPClient(h *http.Client) Option { return func(c *Client) { c.http = h } }

// WithLogger sets the debug logger. The secret and signature are never
// logged; the access key is masked.
func WithLogger(l *slog.Logger) Option { return func(c *Client) { c.log = l } }

// WithClock sets the clock used for the signed timestamp.
func WithClock(now func() time.Time) Option { return func(c *Client) { c.now = now } }

// WithSleep replaces the back-off sleep, for tests.
func WithSleep(f func(context.Context, time.Duration) error) Option {
	return func(c *Client) { c.sleep = f }
}

// WithRecorder hands every raw answer to f: `caigou check --deep` reads
// the shapes and --record keeps them for a bug report. The desk never
// sets it.
func WithRecorder(f func(ep xport.Endpoint, status int, body []byte)) Option {
	return func(c *Client) { c.record = f }
}

// New makes a client from a config section (Defaults applied).
func New(cfg Config, opts ...Option) (*Client, error) {
	cfg = cfg.Defaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	paths, err := resolvePaths(cfg.Paths)
	if err != nil {
		return nil, err
	}
	c := &Client{
		cfg:     cfg,
		paths:   paths,
		http:    &http.Client{},
		limiter: xport.NewLimiter(cfg.RequestsPerSecond, nil, nil),
		log:     slog.New(slog.DiscardHandler),
		now:     time.Now,
		sleep:   xport.SleepCtx,
	}
	for _, o := range opts {
		o(c)
	}
	// Signed requests never follow a redirect: the signature would go to
	// another address, and a 307 re-sends a create's body there. A
	// redirect is an answer caigou cannot read, said so in words.
	hc := *c.http
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	c.http = &hc
	return c, nil
}

// Config returns the effective configuration (with the secret).
func (c *Client) Config() Config { return c.cfg }

// Path returns where an endpoint is called.
func (c *Client) Path(ep xport.Endpoint) PathInfo { return c.paths[ep] }

// Calls counts the HTTP attempts made, retries included.
func (c *Client) Calls() int64 { return c.calls.Load() }

// envelope is the documented response wrapper (reference §1.3). Which
// codes mean success is a setting per endpoint (Wire.SuccessCodes): 200
// is documented, the sibling's address APIs answer a bare {"code":0}.
type envelope struct {
	RequestID xport.Text      `json:"requestId"`
	Code      xport.Text      `json:"code"`
	DevelopID xport.Text      `json:"developId"`
	Msg       xport.Text      `json:"msg"`
	Data      json.RawMessage `json:"data"`
}

// Meta describes a completed call.
type Meta struct {
	RequestID string
	Attempts  int
	Duration  time.Duration
	// Shape names the wrapping the answer came in (see unwrap), for
	// `caigou check --deep`.
	Shape string
}

// call sends one request (with retries for reads) and decodes data into
// out. out may be nil. A success whose data is null or absent is an error
// unless the endpoint may answer bare (emptyOK): an empty value must never
// stand in for an answer nobody read.
func (c *Client) call(ctx context.Context, ep xport.Endpoint, body any, out any) (Meta, error) {
	info, ok := c.paths[ep]
	if !ok {
		return Meta{}, fmt.Errorf("xport: unknown endpoint %q", ep)
	}
	payload, err := json.Marshal(body)
	if err != nil {
		return Meta{}, fmt.Errorf("xport: encoding %s request: %w", ep, err)
	}
	start := c.now()
	var meta Meta
	attempts := 1
	if !info.Write {
		attempts += max(c.cfg.ReadRetries, 0)
	}
	for i := 0; i < attempts; i++ {
		meta.Attempts = i + 1
		if i > 0 {
			if err := c.sleep(ctx, xport.Backoff(i)); err != nil {
				return meta, err
			}
		}
		var env *envelope
		env, err = c.attempt(ctx, ep, info, payload)
		if env != nil {
			meta.RequestID = string(env.RequestID)
		}
		if err == nil {
			meta.Duration = time.Since(start)
			var data json.RawMessage
			data, meta.Shape, err = unwrap(ep, env, meta.RequestID)
			if err != nil {
				return meta, err
			}
			if out == nil {
				return meta, nil
			}
			if isNull(data) {
				if emptyOK(ep) {
					return meta, nil
				}
				return meta, &xport.HTTPError{Endpoint: ep, Status: 200, Reason: "the answer said success but carried no data"}
			}
			if derr := json.Unmarshal(data, out); derr != nil {
				return meta, &xport.HTTPError{Endpoint: ep, Status: 200, Reason: "the data could not be read (" + derr.Error() + ")", Excerpt: xport.Excerpt(data, 120)}
			}
			return meta, nil
		}
		if !retryable(err) || ctx.Err() != nil {
			break
		}
	}
	meta.Duration = time.Since(start)
	return meta, err
}

// emptyOK lists the endpoints whose success may carry no data: the
// sibling's address save answers a bare {"code":0,"msg":...}, and a trace
// of an order not yet shipped may be null.
func emptyOK(ep xport.Endpoint) bool { return ep == xport.EpAddressSave || ep == xport.EpLogistics }

func isNull(b json.RawMessage) bool {
	s := bytes.TrimSpace(b)
	return len(s) == 0 || string(s) == "null"
}

// retryable says whether a read may be tried again after err.
func retryable(err error) bool {
	switch xport.Classify(err) {
	case xport.ClassNetwork, xport.ClassServer, xport.ClassRateLimit, xport.ClassBadResponse:
		return true
	}
	return false
}

func (c *Client) timestamp() string {
	t := c.now()
	if c.cfg.TimestampUnit == "ms" {
		return strconv.FormatInt(t.UnixMilli(), 10)
	}
	return strconv.FormatInt(t.Unix(), 10)
}

// attempt makes one HTTP exchange. It returns the envelope when one was
// read (also for API errors, so the request id reaches the log).
func (c *Client) attempt(ctx context.Context, ep xport.Endpoint, info PathInfo, payload []byte) (*envelope, error) {
	if err := c.limiter.Wait(ctx); err != nil {
		return nil, err
	}
	actx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()

	var sent atomic.Bool
	trace := &httptrace.ClientTrace{WroteHeaders: func() { sent.Store(true) }}
	actx = httptrace.WithClientTrace(actx, trace)

	url := strings.TrimRight(c.cfg.BaseURL, "/") + info.Path
	req, err := http.NewRequestWithContext(actx, http.MethodPost, url, bytes.NewReader(payload))
	if err != nil {
		return nil, fmt.Errorf("xport: building request for %s: %w", ep, err)
	}
	ts := c.timestamp()
	nonce := NewNonce()
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("access-key", c.cfg.AccessKey)
	req.Header.Set("timestamp", ts)
	req.Header.Set("nonce-str", nonce)
	req.Header.Set("user-id", c.cfg.UserID)
	req.Header.Set("signature", Sign(c.cfg.AccessKey, ts, nonce, c.cfg.AccessSecret))
	req.Header.Set("User-Agent", "caigou")

	c.calls.Add(1)
	began := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			// The caller gave up; that is not a network fault.
			return nil, ctx.Err()
		}
		ne := &xport.NetError{Endpoint: ep, Err: c.plainNetErr(xport.ScrubURL(err)), Sent: sent.Load()}
		c.logCall(ep, info, "", "", time.Since(began), ne)
		return nil, ne
	}
	defer resp.Body.Close()
	// 8 MiB is far above any real answer; a runaway body must not eat memory.
	body, rerr := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	if rerr != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		ne := &xport.NetError{Endpoint: ep, Err: fmt.Errorf("reading the answer: %w", c.plainNetErr(rerr)), Sent: true}
		c.logCall(ep, info, "", "", time.Since(began), ne)
		return nil, ne
	}
	if c.record != nil {
		c.record(ep, resp.StatusCode, body)
	}
	var env envelope
	if jerr := json.Unmarshal(body, &env); jerr != nil || (env.Code == "" && env.Data == nil) {
		reason := "the answer is not JSON"
		if jerr == nil {
			reason = "the answer has no code"
		}
		he := &xport.HTTPError{Endpoint: ep, Status: resp.StatusCode, Reason: reason, Excerpt: xport.Excerpt(body, 120)}
		switch {
		case resp.StatusCode >= 300 && resp.StatusCode < 400:
			he.Reason = http.StatusText(resp.StatusCode) + ": the service sent this request elsewhere, and caigou does not follow redirects with signed requests; check base_url"
		case resp.StatusCode < 200 || resp.StatusCode >= 300:
			he.Reason = http.StatusText(resp.StatusCode)
		}
		c.logCall(ep, info, "", "", time.Since(began), he)
		return nil, he
	}
	success := c.cfg.Wire.isSuccess(ep, string(env.Code))
	if !success || resp.StatusCode < 200 || resp.StatusCode >= 300 {
		ae := &xport.APIError{Endpoint: ep, HTTPStatus: resp.StatusCode, Code: string(env.Code), Msg: string(env.Msg), RequestID: string(env.RequestID)}
		if m := xport.RuleIn(ae.Code + " " + ae.Msg); m != "" {
			ae.Rule = m
		}
		if success {
			ae.Code = strconv.Itoa(resp.StatusCode)
		}
		c.logCall(ep, info, ae.Code, ae.RequestID, time.Since(began), ae)
		if !success && resp.StatusCode >= 200 && resp.StatusCode < 300 && SuccessWords(ae.Msg) {
			// "code 0: success" is this account's way of saying success,
			// not a failure: say which setting, and on a write leave the
			// outcome unknown (it is not a refusal).
			return &env, &xport.ShapeError{Endpoint: ep, Err: ae,
				What: fmt.Sprintf("answered code %s with the message %q, which caigou does not count as success here", ae.Code, ae.Msg),
				Fix:  fmt.Sprintf("if your account answers success with %s, add it to [xport.wire.success_codes] (`caigou check --deep` tells)", ae.Code)}
		}
		return &env, ae
	}
	c.logCall(ep, info, string(env.Code), string(env.RequestID), time.Since(began), nil)
	return &env, nil
}

func (c *Client) logCall(ep xport.Endpoint, info PathInfo, code, requestID string, d time.Duration, err error) {
	attrs := []any{
		slog.String("endpoint", string(ep)),
		slog.String("method", http.MethodPost),
		slog.String("path", info.Path),
		slog.String("code", code),
		slog.String("requestId", requestID),
		slog.Duration("duration", d),
		slog.String("accessKey", xport.MaskKey(c.cfg.AccessKey)),
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()), slog.String("class", xport.Classify(err).String()))
		c.log.Warn("xport call failed", attrs...)
		return
	}
	c.log.Debug("xport call", attrs...)
}

// plainNetErr words an attempt's own timeout; other errors pass through.
func (c *Client) plainNetErr(err error) error { return xport.PlainNetErr(err, c.cfg.Timeout) }
