package sandbox

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// OAuth for the 1688 dialect (reference §3), offline.
//
// GET /oauth/authorize?client_id={appKey}&site=1688&redirect_uri=…&state=…
// stands in for https://auth.1688.com/oauth/authorize. There is no login:
// the sandbox buyer (DemoBuyerLogin) approves at once, and the answer is a
// 302 to redirect_uri?code=…&state=… whose body is also a small HTML page
// showing the code, for a person who cannot follow the redirect. The code
// lives 2 minutes of marketplace time and works once. redirect_uri must be
// DemoRedirectURI or a loopback http(s) address.
//
// POST /openapi/http/1/system.oauth2/getToken/{appKey} exchanges a code
// (grant_type=authorization_code) or a refresh token
// (grant_type=refresh_token); it takes no _aop_signature. Its errors are
// OAuth's {"error", "error_description"} with HTTP 400 (401 for a wrong
// client), not the gateway's error_code form.
//
// Tokens are self-verifying (an HMAC of kind and expiry under the app
// secret), so they outlive a sandbox restart; their expiry is on the
// marketplace clock, which a demo may run faster than the wall clock.

type gwCode struct {
	redirect string
	issued   time.Time
	used     bool
}

const (
	gwKindAccess  = 'A'
	gwKindRefresh = 'R'
)

type gwTokenState int

const (
	gwTokenOK gwTokenState = iota
	gwTokenExpired
	gwTokenInvalid
)

func gwRandHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func gwTokenMAC(payload string) string {
	m := hmac.New(sha256.New, []byte(DemoAppSecret+"|token"))
	m.Write([]byte(payload))
	return hex.EncodeToString(m.Sum(nil))[:24]
}

// gwMint makes a token of the kind that expires at exp.
func gwMint(kind byte, exp time.Time) string {
	payload := string(kind) + "." + strconv.FormatInt(exp.UnixMilli(), 36) + "." + gwRandHex(8)
	return payload + "." + gwTokenMAC(payload)
}

// gwTokenExpiry reads a token of the kind; ok is false for anything the
// sandbox did not mint.
func gwTokenExpiry(tok string, kind byte) (time.Time, bool) {
	parts := strings.Split(tok, ".")
	if len(parts) != 4 || len(parts[0]) != 1 || parts[0][0] != kind {
		return time.Time{}, false
	}
	payload := strings.Join(parts[:3], ".")
	if !hmac.Equal([]byte(gwTokenMAC(payload)), []byte(parts[3])) {
		return time.Time{}, false
	}
	ms, err := strconv.ParseInt(parts[1], 36, 64)
	if err != nil {
		return time.Time{}, false
	}
	return time.UnixMilli(ms), true
}

func (s *Server) gwCheckToken(tok string, kind byte) gwTokenState {
	exp, ok := gwTokenExpiry(tok, kind)
	if !ok {
		return gwTokenInvalid
	}
	if !s.Now().Before(exp) {
		return gwTokenExpired
	}
	return gwTokenOK
}

// IssueToken1688 mints a fresh access and refresh token for the demo
// buyer, as a completed authorisation would: for tests and for a demo
// desk that skips the browser step.
func (s *Server) IssueToken1688() (access, refresh string) {
	now := s.Now()
	return gwMint(gwKindAccess, now.Add(gwAccessLife)), gwMint(gwKindRefresh, now.Add(gwRefreshLife))
}

// gwRedirectOK: the registered callback, or any loopback http(s) address.
func gwRedirectOK(raw string) bool {
	if raw == DemoRedirectURI {
		return true
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return false
	}
	h := u.Hostname()
	if h == "localhost" {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

func gwPage(w http.ResponseWriter, status int, title, body string) {
	w.Header().Set("Content-Type", "text/html;charset=UTF-8")
	w.WriteHeader(status)
	fmt.Fprintf(w, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%s</title></head><body><h1>%s</h1>%s</body></html>",
		html.EscapeString(title), html.EscapeString(title), body)
}

func (s *Server) gwAuthorize(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		gwPage(w, http.StatusMethodNotAllowed, "授权失败 authorisation failed", "<p>use GET</p>")
		return
	}
	q := r.URL.Query()
	fail := func(msg string) {
		gwPage(w, http.StatusBadRequest, "授权失败 authorisation failed", "<p>"+html.EscapeString(msg)+"</p>")
	}
	switch clientID := strings.TrimSpace(q.Get("client_id")); {
	case clientID == "":
		fail("client_id is required")
		return
	case clientID != DemoAppKey:
		fail("client_id " + clientID + " is not a registered app")
		return
	}
	if site := strings.TrimSpace(q.Get("site")); site != "1688" && site != "china" {
		fail("site must be 1688")
		return
	}
	redirect := strings.TrimSpace(q.Get("redirect_uri"))
	if redirect == "" {
		fail("redirect_uri is required")
		return
	}
	if !gwRedirectOK(redirect) {
		fail("redirect_uri " + redirect + " is not on the domain registered for the app")
		return
	}
	code := gwRandHex(16)
	g := s.gw
	g.mu.Lock()
	// A code's life is the agent's time to paste it: real time, not the
	// marketplace's, which a demo may run thousands of times faster.
	now := s.wall()
	for k, c := range g.codes {
		if now.Sub(c.issued) > gwCodeLife {
			delete(g.codes, k)
		}
	}
	g.codes[code] = &gwCode{redirect: redirect, issued: now}
	g.mu.Unlock()

	u, _ := url.Parse(redirect)
	v := u.Query()
	v.Set("code", code)
	if st := q.Get("state"); st != "" {
		v.Set("state", st)
	}
	u.RawQuery = v.Encode()
	w.Header().Set("Location", u.String())
	gwPage(w, http.StatusFound, "已授权 authorised",
		"<p>沙箱买家 "+DemoBuyerLogin+" 已授权. The sandbox buyer approved the app.</p>"+
			"<p>code: <code>"+code+"</code> (2 minutes, single use)</p>"+
			"<p><a href=\""+html.EscapeString(u.String())+"\">continue</a></p>")
}

type gwOAuthErr struct {
	Error            string `json:"error"`
	ErrorDescription string `json:"error_description"`
}

type gwTokenAnswer struct {
	AccessToken         string `json:"access_token"`
	RefreshToken        string `json:"refresh_token,omitempty"`
	ExpiresIn           int64  `json:"expires_in"`
	RefreshTokenTimeout string `json:"refresh_token_timeout,omitempty"`
	AliID               string `json:"aliId"`
	MemberID            string `json:"memberId"`
	ResourceOwner       string `json:"resource_owner"`
}

func (s *Server) gwClientOK(w http.ResponseWriter, p gwParams) bool {
	if p.get("client_id") != DemoAppKey || p["client_secret"] != DemoAppSecret {
		gwWriteJSON(w, http.StatusUnauthorized, gwOAuthErr{"invalid_client", "client_id or client_secret is wrong"})
		return false
	}
	return true
}

func (s *Server) gwGetToken(w http.ResponseWriter, r *http.Request, rid string, p gwParams) {
	if r.Method != http.MethodPost {
		gwWriteJSON(w, http.StatusBadRequest, gwOAuthErr{"invalid_request", "getToken takes POST only"})
		return
	}
	if !s.gwClientOK(w, p) {
		return
	}
	now := s.Now()
	ans := gwTokenAnswer{ExpiresIn: int64(gwAccessLife / time.Second), AliID: DemoAliID, MemberID: DemoMemberID, ResourceOwner: DemoBuyerLogin}
	switch gt := p.get("grant_type"); gt {
	case "authorization_code":
		code := p.get("code")
		if code == "" {
			gwWriteJSON(w, http.StatusBadRequest, gwOAuthErr{"invalid_request", "code is required"})
			return
		}
		g := s.gw
		g.mu.Lock()
		c := g.codes[code]
		var why string
		switch {
		case c == nil:
			why = "code is invalid"
		case c.used:
			why = "code has already been used"
		case s.wall().Sub(c.issued) > gwCodeLife:
			why = "code is expired"
		case p.get("redirect_uri") != c.redirect:
			why = "redirect_uri does not match the one authorised"
		default:
			c.used = true
		}
		g.mu.Unlock()
		if why != "" {
			gwWriteJSON(w, http.StatusBadRequest, gwOAuthErr{"invalid_grant", why})
			return
		}
		ans.AccessToken = gwMint(gwKindAccess, now.Add(gwAccessLife))
		if p.get("need_refresh_token") == "true" {
			exp := now.Add(gwRefreshLife)
			ans.RefreshToken = gwMint(gwKindRefresh, exp)
			ans.RefreshTokenTimeout = orderTime(exp)
		}
	case "refresh_token":
		rt := p.get("refresh_token")
		if rt == "" {
			gwWriteJSON(w, http.StatusBadRequest, gwOAuthErr{"invalid_request", "refresh_token is required"})
			return
		}
		switch s.gwCheckToken(rt, gwKindRefresh) {
		case gwTokenInvalid:
			gwWriteJSON(w, http.StatusBadRequest, gwOAuthErr{"invalid_grant", "refresh_token is invalid"})
			return
		case gwTokenExpired:
			gwWriteJSON(w, http.StatusBadRequest, gwOAuthErr{"invalid_grant", "refresh_token is expired, authorise again"})
			return
		}
		// A refresh answers a new access token only; the refresh token
		// stays the one the client holds.
		ans.AccessToken = gwMint(gwKindAccess, now.Add(gwAccessLife))
	case "":
		gwWriteJSON(w, http.StatusBadRequest, gwOAuthErr{"invalid_request", "grant_type is required"})
		return
	default:
		gwWriteJSON(w, http.StatusBadRequest, gwOAuthErr{"unsupported_grant_type", "grant_type " + gt + " is not supported"})
		return
	}
	gwWriteJSON(w, http.StatusOK, ans)
}

// gwPostponeToken extends the refresh token: a new one (180 days) when the
// old has less than 30 days left, else the same one back.
func (s *Server) gwPostponeToken(w http.ResponseWriter, r *http.Request, rid string, p gwParams) {
	if r.Method != http.MethodPost {
		gwWriteJSON(w, http.StatusBadRequest, gwOAuthErr{"invalid_request", "postponeToken takes POST only"})
		return
	}
	if !s.gwClientOK(w, p) {
		return
	}
	if s.gwCheckToken(p.get("access_token"), gwKindAccess) != gwTokenOK {
		gwWriteErr(w, rid, http.StatusUnauthorized, gwCodeTokenInvalid, "access_token is invalid or expired")
		return
	}
	rt := p.get("refresh_token")
	exp, ok := gwTokenExpiry(rt, gwKindRefresh)
	now := s.Now()
	if !ok || !now.Before(exp) {
		gwWriteJSON(w, http.StatusBadRequest, gwOAuthErr{"invalid_grant", "refresh_token is invalid or expired"})
		return
	}
	if exp.Sub(now) < gwPostponeWindow {
		exp = now.Add(gwRefreshLife)
		rt = gwMint(gwKindRefresh, exp)
	}
	gwWriteJSON(w, http.StatusOK, struct {
		RefreshToken        string `json:"refresh_token"`
		RefreshTokenTimeout string `json:"refresh_token_timeout"`
		AliID               string `json:"aliId"`
		MemberID            string `json:"memberId"`
		ResourceOwner       string `json:"resource_owner"`
	}{rt, orderTime(exp), DemoAliID, DemoMemberID, DemoBuyerLogin})
}
