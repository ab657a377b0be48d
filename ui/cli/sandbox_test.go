package cli

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"caigou/xport/sandbox"
	"caigou/xport/xportcn"
)

func startSandbox(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(sandbox.New(sandbox.Options{Seed: 1}))
	t.Cleanup(srv.Close)
	return srv.URL + "/api"
}

// bannerWriter collects what `caigou sandbox` prints and says when the
// banner (which ends with the curl recipe's body) is out.
type bannerWriter struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	ready chan struct{}
	once  sync.Once
}

func (w *bannerWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	n, err := w.buf.Write(p)
	if b := w.buf.String(); strings.Contains(b, "-d '{") || strings.Contains(b, `_aop_signature=$SIG"`) {
		w.once.Do(func() { close(w.ready) })
	}
	return n, err
}

func (w *bannerWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// serveSandbox runs `caigou sandbox` with args on a free loopback port
// until the test ends, and returns its banner once printed.
func serveSandbox(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out := &bannerWriter{ready: make(chan struct{})}
	var errb bytes.Buffer
	code := make(chan int, 1)
	go func() {
		code <- Main(Env{Args: append([]string{"sandbox", "--addr", "127.0.0.1:0"}, args...), Stdout: out, Stderr: &errb,
			Stdin: strings.NewReader(""), Getenv: func(string) string { return "" }, Load: tomlLoader, Ctx: ctx})
	}()
	select {
	case <-out.ready:
	case c := <-code:
		t.Fatalf("sandbox exited %d before serving:\n%s%s", c, out.String(), errb.String())
	}
	t.Cleanup(func() {
		cancel()
		if c := <-code; c != 0 {
			t.Errorf("sandbox exit %d", c)
		}
	})
	return out.String()
}

func TestSandboxDialectFlags(t *testing.T) {
	code, _, errOut := run(t, nil, "sandbox", "--dialect", "lost+pusj")
	if code != 2 || !strings.Contains(errOut, `"pusj"`) {
		t.Fatalf("bad dialect: %d %q", code, errOut)
	}
	for _, n := range sandbox.DialectNames() {
		if !strings.Contains(errOut, n) {
			t.Errorf("the error does not list %s: %q", n, errOut)
		}
	}
	for _, d := range []string{"11m", "-1s"} {
		if code, _, errOut := run(t, nil, "sandbox", "--dialect", "lost", "--lost-delay", d); code != 2 || !strings.Contains(errOut, "0 to 10m") {
			t.Fatalf("--lost-delay %s: %d %q", d, code, errOut)
		}
	}
	if code, out, _ := run(t, nil, "sandbox", "--help"); code != 0 || !strings.Contains(out, "--dialect NAME") || !strings.Contains(out, "--lost-delay DURATION") {
		t.Fatalf("usage: %d\n%s", code, out)
	}
}

func TestSandboxDefaultBanner(t *testing.T) {
	banner := serveSandbox(t)
	if strings.Contains(banner, "dialect") || !strings.Contains(banner, "TS=$(date +%s); NONCE") {
		t.Fatalf("default banner:\n%s", banner)
	}
}

// The dialect reaches the served sandbox, and the printed recipe's
// timestamp is in the unit it takes.
func TestSandboxServesTheDialect(t *testing.T) {
	banner := serveSandbox(t, "--dialect", "strict-ms,sibling,lost", "--lost-delay", "3s")
	for _, want := range []string{"dialect: lost+sibling+strict-ms\n", "  strict-ms: ", "  sibling: ", "  lost: a create never answers, and takes effect 3s later\n", "TS=$(date +%s%3N); NONCE"} {
		if !strings.Contains(banner, want) {
			t.Errorf("banner lacks %q:\n%s", want, banner)
		}
	}
	if i, j := strings.Index(banner, "dialect:"), strings.Index(banner, "caigou sandbox serving"); i < 0 || i > j {
		t.Errorf("the dialect is not said before the recipe:\n%s", banner)
	}
	url := regexp.MustCompile(`curl -s (\S+)`).FindStringSubmatch(banner)
	if url == nil {
		t.Fatalf("no curl line:\n%s", banner)
	}
	post := func(ts string) (code json.RawMessage) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, url[1], strings.NewReader(`{"keyword":"连衣裙","pageSize":1}`))
		nonce := xportcn.NewNonce()
		req.Header.Set("access-key", sandbox.DemoAccessKey)
		req.Header.Set("timestamp", ts)
		req.Header.Set("nonce-str", nonce)
		req.Header.Set("user-id", sandbox.DemoUserID)
		req.Header.Set("signature", xportcn.Sign(sandbox.DemoAccessKey, ts, nonce, sandbox.DemoSecret))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var env struct{ Code json.RawMessage }
		json.NewDecoder(resp.Body).Decode(&env)
		return env.Code
	}
	now := time.Now()
	if c := post(strconv.FormatInt(now.UnixMilli(), 10)); string(c) != "0" {
		t.Fatalf("milliseconds: code %s, want the sibling's 0", c)
	}
	if c := post(strconv.FormatInt(now.Unix(), 10)); string(c) != "10001" {
		t.Fatalf("seconds: code %s, want strict-ms's 10001", c)
	}
}

// caigou sandbox --backend 1688 prints the gateway, the demo app and a
// buyer token; a call signed here from those values, with the reference's
// algorithm written again, is answered.
func TestSandbox1688Banner(t *testing.T) {
	banner := serveSandbox(t, "--backend", "1688")
	field := func(label string) string {
		for _, line := range strings.Split(banner, "\n") {
			if v, ok := strings.CutPrefix(line, label); ok {
				return strings.TrimSpace(v)
			}
		}
		t.Fatalf("the banner has no %q:\n%s", label, banner)
		return ""
	}
	base, key, secret, token := field("Gateway base URL:"), field("App key:"), field("App secret:"), field("Buyer token:")
	// At 60x the token lasts ten real minutes; a curl user is told.
	if !strings.Contains(banner, "the token lasts 10 min here, 10 h of\nsandbox time at 60x") {
		t.Errorf("the banner does not say how long the token lasts:\n%s", banner)
	}
	api := "param2/1/com.alibaba.trade/alibaba.trade.receiveAddress.get/" + key
	ts := strconv.FormatInt(time.Now().UnixMilli(), 10)
	mac := hmac.New(sha1.New, []byte(secret))
	mac.Write([]byte(api + "_aop_timestamp" + ts + "access_token" + token))
	sig := strings.ToUpper(hex.EncodeToString(mac.Sum(nil)))
	resp, err := http.PostForm(base+"/"+api, url.Values{"_aop_timestamp": {ts}, "access_token": {token}, "_aop_signature": {sig}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"receiveAddressItems"`) {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
}
