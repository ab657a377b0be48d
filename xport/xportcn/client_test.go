package xportcn

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"caigou/xport"
)

const testSecret = "s3cr3t-value-never-shown"

// scripted answers each request with the next of its replies and records
// what it received.
type scripted struct {
	mu      sync.Mutex
	replies []func(http.ResponseWriter)
	got     []*http.Request
	bodies  []string
	n       atomic.Int64
}

func (s *scripted) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	i := len(s.got)
	b := new(bytes.Buffer)
	b.ReadFrom(r.Body)
	s.got = append(s.got, r)
	s.bodies = append(s.bodies, b.String())
	var reply func(http.ResponseWriter)
	if i < len(s.replies) {
		reply = s.replies[i]
	} else {
		reply = s.replies[len(s.replies)-1]
	}
	s.mu.Unlock()
	s.n.Add(1)
	reply(w)
}

func answer(status int, body string) func(http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		w.Write([]byte(body))
	}
}

func reset() func(http.ResponseWriter) {
	return func(w http.ResponseWriter) { panic(http.ErrAbortHandler) }
}

const okAddresses = `{"requestId":"r-ok","code":200,"msg":"成功","data":[{"id":1,"name":"张三"}]}`

func newTestClient(t *testing.T, h http.Handler, log *bytes.Buffer) *Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	opts := []Option{WithSleep(func(context.Context, time.Duration) error { return nil })}
	if log != nil {
		opts = append(opts, WithLogger(slog.New(slog.NewTextHandler(log, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	}
	c, err := New(Config{BaseURL: srv.URL + "/api", AccessKey: "0123456789abcdef0123456789abcdef", AccessSecret: testSecret, UserID: "2100000000001", Timeout: 2 * time.Second}, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSignedHeaders(t *testing.T) {
	s := &scripted{replies: []func(http.ResponseWriter){answer(200, okAddresses)}}
	c := newTestClient(t, s, nil)
	now := time.Unix(1700000000, 0)
	c.now = func() time.Time { return now }
	if _, err := c.Addresses(context.Background()); err != nil {
		t.Fatal(err)
	}
	r := s.got[0]
	if r.URL.Path != "/api/open/address/list" || r.Method != http.MethodPost {
		t.Fatalf("called %s %s", r.Method, r.URL.Path)
	}
	h := r.Header
	if h.Get("timestamp") != "1700000000" || len(h.Get("nonce-str")) != 32 || h.Get("user-id") != "2100000000001" {
		t.Fatalf("headers %v", h)
	}
	if want := Sign(h.Get("access-key"), h.Get("timestamp"), h.Get("nonce-str"), testSecret); h.Get("signature") != want {
		t.Fatalf("signature %s, want %s", h.Get("signature"), want)
	}
	if strings.Contains(s.bodies[0], testSecret) {
		t.Fatal("the secret went into the body")
	}
	c.cfg.TimestampUnit = "ms"
	c.Addresses(context.Background())
	if got := s.got[1].Header.Get("timestamp"); got != "1700000000000" {
		t.Fatalf("ms timestamp = %s", got)
	}
}

func TestReadsRetryWritesDoNot(t *testing.T) {
	flaky := func() *scripted {
		return &scripted{replies: []func(http.ResponseWriter){
			reset(),
			answer(502, `{"code":502,"msg":"bad gateway","requestId":"r1"}`),
			answer(429, `{"code":429,"msg":"too many","requestId":"r2"}`),
			answer(200, `<html>oops</html>`),
			answer(200, okAddresses),
		}}
	}
	s := flaky()
	c := newTestClient(t, s, nil)
	c.cfg.ReadRetries = 4
	addrs, err := c.Addresses(context.Background())
	if err != nil || len(addrs) != 1 {
		t.Fatalf("read after 4 faults: %v %v", addrs, err)
	}
	if s.n.Load() != 5 {
		t.Fatalf("read made %d attempts, want 5", s.n.Load())
	}

	for name, call := range map[string]func(*Client) error{
		"create": func(c *Client) error {
			_, err := c.CreateOrder(context.Background(), xport.OrderRequest{OutOrderID: "cg-1", Address: xport.AddressParam{FullName: "a", Address: "b"}, Cargo: []xport.Cargo{{OfferID: "1", Quantity: 1}}})
			return err
		},
		"pay": func(c *Client) error { _, err := c.PayOrders(context.Background(), []string{"1"}); return err },
		"address": func(c *Client) error {
			_, err := c.SaveAddress(context.Background(), xport.Address{Name: "a", Phone: "1", Address: "b"})
			return err
		},
	} {
		s := flaky()
		c := newTestClient(t, s, nil)
		err := call(c)
		if err == nil {
			t.Fatalf("%s: a reset write must fail", name)
		}
		if s.n.Load() != 1 {
			t.Fatalf("%s: write sent %d times, want exactly 1", name, s.n.Load())
		}
		if !xport.OutcomeUnknown(err) {
			t.Fatalf("%s: a reset after sending must leave the outcome unknown: %v", name, err)
		}
	}
}

func TestReadGivesUpAfterRetries(t *testing.T) {
	s := &scripted{replies: []func(http.ResponseWriter){answer(503, `{"code":503,"msg":"down","requestId":"r9"}`)}}
	c := newTestClient(t, s, nil)
	_, err := c.Addresses(context.Background())
	if !xport.IsServer(err) || xport.RequestIDOf(err) != "r9" {
		t.Fatalf("err %v (class %v)", err, xport.Classify(err))
	}
	if s.n.Load() != 4 {
		t.Fatalf("attempts %d, want 1 + 3 retries", s.n.Load())
	}
}

func TestErrorClassification(t *testing.T) {
	cases := []struct {
		reply func(http.ResponseWriter)
		class xport.Class
		rule  string
	}{
		{answer(200, `{"code":401,"msg":"签名错误","requestId":"a"}`), xport.ClassAuth, ""},
		{answer(200, `{"code":"500_005","msg":"500_005: 低于起批量","requestId":"b"}`), xport.ClassValidation, "500_005"},
		{answer(200, `{"code":500,"msg":"500_004:库存不足","requestId":"c"}`), xport.ClassValidation, "500_004"},
		{answer(404, `404 page not found`), xport.ClassNotFound, ""},
		{answer(200, `{"code":404,"msg":"no such interface"}`), xport.ClassNotFound, ""},
		{answer(200, `{"code":400,"msg":"参数错误"}`), xport.ClassValidation, ""},
		{answer(200, `not json at all`), xport.ClassBadResponse, ""},
	}
	for i, tc := range cases {
		s := &scripted{replies: []func(http.ResponseWriter){tc.reply}}
		c := newTestClient(t, s, nil)
		c.cfg.ReadRetries = 0
		_, err := c.PreviewOrder(context.Background(), xport.OrderRequest{Address: xport.AddressParam{FullName: "a", Address: "b"}, Cargo: []xport.Cargo{{OfferID: "1", Quantity: 1}}})
		if xport.Classify(err) != tc.class || xport.RuleOf(err) != tc.rule {
			t.Errorf("case %d: %v classified %v rule %q; want %v %q", i, err, xport.Classify(err), xport.RuleOf(err), tc.class, tc.rule)
		}
		if xport.Hint(err) == "" {
			t.Errorf("case %d: no hint for %v", i, err)
		}
	}
}

func TestSecretNeverInErrorsOrLogs(t *testing.T) {
	var log bytes.Buffer
	s := &scripted{replies: []func(http.ResponseWriter){answer(200, `{"code":401,"msg":"签名错误","requestId":"a"}`), reset(), answer(500, "<html>"+strings.Repeat("x", 500))}}
	c := newTestClient(t, s, &log)
	c.cfg.ReadRetries = 0
	var errs []string
	for i := 0; i < 3; i++ {
		_, err := c.Addresses(context.Background())
		errs = append(errs, err.Error(), xport.Hint(err))
	}
	all := strings.Join(errs, "\n") + log.String()
	for _, secret := range []string{testSecret, s.got[0].Header.Get("signature"), "0123456789abcdef0123456789abcdef"} {
		if strings.Contains(all, secret) {
			t.Fatalf("%q leaked into:\n%s", secret, all)
		}
	}
	if !strings.Contains(log.String(), "requestId=a") {
		t.Fatalf("the request id must reach the log:\n%s", log.String())
	}
}

// An attempt that runs out of time is retried like any network fault and
// said in words, not as "context deadline exceeded".
func TestAttemptTimeoutIsWorded(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	slow := func(w http.ResponseWriter) { <-release }
	s := &scripted{replies: []func(http.ResponseWriter){slow}}
	c := newTestClient(t, s, nil)
	c.cfg.Timeout = 50 * time.Millisecond
	c.cfg.ReadRetries = 1
	_, err := c.Addresses(context.Background())
	if xport.Classify(err) != xport.ClassNetwork || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err %v classified %v", err, xport.Classify(err))
	}
	if msg := err.Error(); !strings.Contains(msg, "timed out after 50ms") || strings.Contains(msg, "deadline") {
		t.Fatalf("error %q should say the call timed out, in words", msg)
	}
	if s.n.Load() != 2 {
		t.Fatalf("attempts %d, want 1 + 1 retry", s.n.Load())
	}
}

func TestContextCancelStopsRetries(t *testing.T) {
	s := &scripted{replies: []func(http.ResponseWriter){answer(503, `{"code":503}`)}}
	c := newTestClient(t, s, nil)
	ctx, cancel := context.WithCancel(context.Background())
	c.sleep = func(context.Context, time.Duration) error { cancel(); return context.Canceled }
	_, err := c.Addresses(ctx)
	if !errors.Is(err, context.Canceled) || s.n.Load() != 1 {
		t.Fatalf("err %v after %d attempts", err, s.n.Load())
	}
}

func TestPathOverride(t *testing.T) {
	s := &scripted{replies: []func(http.ResponseWriter){answer(200, okAddresses)}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	c, err := New(Config{BaseURL: srv.URL, AccessKey: "k", AccessSecret: "s", UserID: "u", Paths: map[string]string{"address_list": "/v2/open/address/list"}})
	if err != nil {
		t.Fatal(err)
	}
	c.Addresses(context.Background())
	if s.got[0].URL.Path != "/v2/open/address/list" {
		t.Fatalf("path %s", s.got[0].URL.Path)
	}
	if _, err := New(Config{AccessKey: "k", AccessSecret: "s", UserID: "u", Paths: map[string]string{"adress_list": "/x"}}); err == nil || !strings.Contains(err.Error(), "adress_list") {
		t.Fatalf("a misspelt endpoint must be named: %v", err)
	}
}

func TestConfigValidation(t *testing.T) {
	base := Config{AccessKey: "k", AccessSecret: "s", UserID: "u"}.Defaults()
	bad := map[string]func(*Config){
		"base_url":          func(c *Config) { c.BaseURL = "ftp//nope" },
		"timestamp_unit":    func(c *Config) { c.TimestampUnit = "minutes" },
		"access_secret":     func(c *Config) { c.AccessSecret = "" },
		"read_retries":      func(c *Config) { c.ReadRetries = 99 },
		"timeout":           func(c *Config) { c.Timeout = time.Nanosecond },
		"order_amount_unit": func(c *Config) { c.Wire.OrderAmountUnit = "cents" },
		"pay_ids":           func(c *Config) { c.Wire.PayIDs = "ints" },
		"freight_body":      func(c *Config) { c.Wire.FreightBody = "deep" },
		"success_codes":     func(c *Config) { c.Wire.SuccessCodes = map[string][]string{"order_creat": {"200"}} },
	}
	for key, mutate := range bad {
		c := base
		mutate(&c)
		err := c.Validate()
		if err == nil || !strings.Contains(err.Error(), key) {
			t.Errorf("%s: error %v does not name the key", key, err)
		}
	}
	if err := base.Validate(); err != nil {
		t.Fatal(err)
	}
	// Every problem at once, not the first only.
	c := base
	c.TimestampUnit, c.ReadRetries, c.Timeout, c.AccessSecret = "minutes", 99, time.Nanosecond, ""
	err := c.Validate()
	for _, key := range []string{"timestamp_unit", "read_retries", "timeout", "access_secret"} {
		if err == nil || !strings.Contains(err.Error(), key) {
			t.Errorf("all at once: %v lacks %s", err, key)
		}
	}
	if !errors.Is(err, ErrNoCredentials) {
		t.Error("the missing credentials are no longer ErrNoCredentials")
	}
}
