package ali1688

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"caigou/xport"
)

func newOAuth(t *testing.T, h http.HandlerFunc) *Client {
	t.Helper()
	srv := httptest.NewTLSServer(h)
	t.Cleanup(srv.Close)
	c, err := New(Config{AppKey: testKey, AppSecret: testSecret, BaseURL: srv.URL + "/openapi", RedirectURI: "https://example.com/cb"},
		WithHTTPClient(srv.Client()), WithClock(func() time.Time { return time.Unix(1720000000, 0) }))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestExchangeAndRefresh(t *testing.T) {
	var forms []url.Values
	c := newOAuth(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/openapi/http/1/system.oauth2/getToken/"+testKey {
			t.Errorf("%s %s", r.Method, r.URL.Path)
		}
		b, _ := io.ReadAll(r.Body)
		f, _ := url.ParseQuery(string(b))
		forms = append(forms, f)
		if f.Has(SignatureParam) {
			t.Error("the token call is signed; ref §3.2 says no signature")
		}
		io.WriteString(w, `{"access_token":"AT-1","refresh_token":"RT-1","expires_in":36000,"refresh_token_timeout":"20270507120000+0800","aliId":"2208123456789","memberId":"b2b-2248544159","resource_owner":"buyer01"}`)
	})
	tok, err := c.Exchange(context.Background(), "CODE-1")
	if err != nil {
		t.Fatal(err)
	}
	if tok.AccessToken != "AT-1" || tok.RefreshToken != "RT-1" || tok.MemberID != "b2b-2248544159" || tok.AliID != "2208123456789" ||
		!tok.AccessExpires.Equal(time.Unix(1720000000+36000, 0)) || tok.RefreshExpires.UTC().Format(time.RFC3339) != "2027-05-07T04:00:00Z" {
		t.Errorf("token = %#v %v %v", tok, tok.AccessExpires, tok.RefreshExpires)
	}
	if strings.Contains(tok.String(), "AT-1") || strings.Contains(tok.String(), "RT-1") {
		t.Error("Token.String shows a token")
	}
	f := forms[0]
	if f.Get("grant_type") != "authorization_code" || f.Get("need_refresh_token") != "true" || f.Get("client_id") != testKey ||
		f.Get("client_secret") != testSecret || f.Get("code") != "CODE-1" || f.Get("redirect_uri") != "https://example.com/cb" {
		t.Errorf("exchange form = %v", f)
	}
	if _, err := c.Refresh(context.Background(), "RT-0"); err != nil {
		t.Fatal(err)
	}
	if f := forms[1]; f.Get("grant_type") != "refresh_token" || f.Get("refresh_token") != "RT-0" || f.Has("code") {
		t.Errorf("refresh form = %v", f)
	}
}

func TestExchangeRefusedIsAuth(t *testing.T) {
	c := newOAuth(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(400)
		io.WriteString(w, `{"error":"invalid_grant","error_description":"code expired"}`)
	})
	_, err := c.Exchange(context.Background(), "OLD")
	var e *Error
	if !errors.As(err, &e) || xport.Classify(err) != xport.ClassAuth {
		t.Fatalf("err %v class %v", err, xport.Classify(err))
	}
	noSecret(t, err)
}

// The secret travels in the token exchange: never in clear to another
// machine, allow_insecure_http or not; to this machine (a local sandbox)
// it never leaves the host.
func TestTokenNeedsHTTPS(t *testing.T) {
	c, err := New(Config{AppKey: testKey, AppSecret: testSecret, BaseURL: "http://gw.example.com/openapi", AllowInsecureHTTP: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exchange(context.Background(), "C"); err == nil || !strings.Contains(err.Error(), "https://") || c.Calls() != 0 {
		t.Errorf("token exchange over http to another machine: %v", err)
	}
	c, _ = New(Config{AppKey: testKey, AppSecret: testSecret, BaseURL: "http://127.0.0.1:1/openapi"})
	if _, err := c.Exchange(context.Background(), "C"); err == nil || strings.Contains(err.Error(), "https://") {
		t.Errorf("token exchange to a local sandbox was refused for its scheme: %v", err)
	}
}

func TestAuthorizeURL(t *testing.T) {
	c := newOAuth(t, http.NotFound)
	u, err := url.Parse(c.AuthorizeURL("st-1"))
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if u.Scheme+"://"+u.Host+u.Path != DefaultAuthorizeURL || q.Get("client_id") != testKey || q.Get("site") != "1688" ||
		q.Get("redirect_uri") != "https://example.com/cb" || q.Get("state") != "st-1" || strings.Contains(u.String(), testSecret) {
		t.Errorf("authorize URL %s", u)
	}
	if len(NewState()) != 32 || NewState() == NewState() {
		t.Error("NewState is not random")
	}
}

func TestCodeFrom(t *testing.T) {
	good := []struct{ in, state, want string }{
		{"https://example.com/cb?code=abc123&state=st-1", "st-1", "abc123"},
		{"  https://example.com/cb?state=st-1&code=abc123#x \n", "st-1", "abc123"},
		{"code=abc123&state=st-1", "st-1", "abc123"},
		{"https://example.com/cb?code=abc123", "st-1", "abc123"}, // no state: nothing to check
		{"abc123", "st-1", "abc123"},
		{"abc-123_X.y", "", "abc-123_X.y"},
	}
	for _, g := range good {
		if got, err := CodeFrom(g.in, g.state); err != nil || got != g.want {
			t.Errorf("CodeFrom(%q) = %q, %v", g.in, got, err)
		}
	}
	for _, in := range []string{"", "https://example.com/cb?code=abc&state=other", "https://example.com/cb?state=st-1",
		"https://example.com/cb?error=access_denied&state=st-1", "two words", strings.Repeat("a", 600)} {
		if got, err := CodeFrom(in, "st-1"); err == nil {
			t.Errorf("CodeFrom(%q) accepted %q", in, got)
		}
	}
}
