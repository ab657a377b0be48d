package ali1688

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"caigou/xport"
)

// defaultAccessLifetime is used when the token answer has no expires_in
// [INF/CODE: 10 h, ref §3.2, §3.3; ozon-dropship defaults to 36000 s].
const defaultAccessLifetime = 36000 * time.Second

// Token is one buyer's OAuth grant (ref §3.2). String masks the tokens,
// so printing a Token never leaks them.
type Token struct {
	AccessToken  string
	RefreshToken string
	// AccessExpires is when the access token stops working (now +
	// expires_in, about 10 h).
	AccessExpires time.Time
	// RefreshExpires is refresh_token_timeout (about 180 days); zero when
	// not sent (a refresh answer may omit it).
	RefreshExpires time.Time
	// MemberID is the buyer's member id ("b2b-…"), AliID the numeric
	// account id the preview may want, ResourceOwner the login id.
	MemberID      string
	AliID         string
	ResourceOwner string
}

func (t Token) String() string {
	return fmt.Sprintf("1688 token for %s (access until %s)", t.MemberID, t.AccessExpires.Format(time.RFC3339))
}

// GoString masks the tokens for %#v too.
func (t Token) GoString() string { return t.String() }

// NewState returns a random OAuth state: it ties the code the agent pastes
// back to the authorisation this desk started.
func NewState() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	return hex.EncodeToString(b[:])
}

// AuthorizeURL is the page the buyer opens to grant this app access
// (ref §3.1 [DOC-copy]): client_id = app key, site, redirect_uri, state.
// It is not signed (only the legacy authorize.htm form was).
func (c *Client) AuthorizeURL(state string) string {
	q := url.Values{}
	q.Set("client_id", c.cfg.AppKey)
	q.Set("site", c.cfg.Site)
	q.Set("redirect_uri", c.cfg.RedirectURI)
	q.Set("state", state)
	return c.cfg.AuthorizeURL + "?" + q.Encode()
}

// maxCodeLen bounds a pasted code [INF: codes are short opaque strings;
// 512 is far above any seen and stops a pasted page being sent].
const maxCodeLen = 512

// CodeFrom reads what the agent pasted after authorising: the whole
// redirect URL (…?code=…&state=…), its query alone, or the bare code. When
// the paste carries a state it must equal wantState (when wantState is
// set): another state means the code belongs to another authorisation.
// The code lives 2 minutes and is good once (ref §3.1).
func CodeFrom(pasted, wantState string) (string, error) {
	s := strings.TrimSpace(pasted)
	if s == "" {
		return "", errors.New("nothing pasted: paste the address 1688 sent you to, or the code in it")
	}
	if strings.Contains(s, "?") || strings.Contains(s, "code=") || strings.Contains(s, "://") {
		query := s
		if i := strings.Index(s, "?"); i >= 0 {
			query = s[i+1:]
		}
		if i := strings.Index(query, "#"); i >= 0 {
			query = query[:i]
		}
		q, err := url.ParseQuery(query)
		if err != nil {
			return "", errors.New("the pasted address could not be read; paste it again, whole")
		}
		if e := q.Get("error"); e != "" {
			return "", fmt.Errorf("1688 did not grant access (%s): authorise again", plain(e))
		}
		if st := q.Get("state"); st != "" && wantState != "" && subtle.ConstantTimeCompare([]byte(st), []byte(wantState)) != 1 {
			return "", errors.New("the pasted address belongs to another authorisation (its state does not match): start the authorisation again from this desk")
		}
		s = strings.TrimSpace(q.Get("code"))
		if s == "" {
			return "", errors.New("the pasted address has no code: paste the address 1688 sent you to after you agreed")
		}
	}
	if len(s) > maxCodeLen {
		return "", errors.New("the pasted text is too long to be a code")
	}
	for _, r := range s {
		if r <= ' ' || r > '~' || strings.ContainsRune("&=?#/\"'<>", r) {
			return "", errors.New("the pasted code has a character a code cannot have; paste the address 1688 sent you to instead")
		}
	}
	return s, nil
}

// plain keeps a short, printable excerpt of a value from the network.
func plain(s string) string {
	var b strings.Builder
	for _, r := range s {
		if b.Len() >= 40 {
			break
		}
		if r >= ' ' && r != 0x7f {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// tokenURL is .../openapi/http/1/system.oauth2/getToken/{appKey} (ref §3.2):
// protocol "http", not param2, and no signature.
func (c *Client) tokenURL() (string, error) {
	u, err := url.Parse(c.cfg.BaseURL)
	// The app secret is in this request: HTTPS whatever
	// allow_insecure_http says (ref §3.2 [DOC-copy]: HTTPS only), except
	// to this machine (a local sandbox), where it never leaves the host.
	if err != nil || (u.Scheme != "https" && !(u.Scheme == "http" && xport.Loopback(u.Hostname()))) {
		return "", errors.New("[ali1688] the token exchange needs an https:// base_url: the app secret travels in it")
	}
	return c.cfg.BaseURL + "/http/1/system.oauth2/getToken/" + url.PathEscape(c.cfg.AppKey), nil
}

// Exchange trades an authorisation code for the buyer's tokens (ref
// §3.2). It is sent once: a code is good once, so a retry could only fail.
func (c *Client) Exchange(ctx context.Context, code string) (Token, error) {
	form := url.Values{}
	form.Set("grant_type", "authorization_code")
	form.Set("need_refresh_token", "true")
	form.Set("code", code)
	form.Set("redirect_uri", c.cfg.RedirectURI)
	return c.tokenCall(ctx, form)
}

// Refresh gets a new access token with a refresh token (ref §3.3). The
// answer may carry no new refresh token; the old one is kept then.
func (c *Client) Refresh(ctx context.Context, refreshToken string) (Token, error) {
	if refreshToken == "" {
		return Token{}, errors.New("no refresh token: authorise the buyer account again")
	}
	form := url.Values{}
	form.Set("grant_type", "refresh_token")
	form.Set("refresh_token", refreshToken)
	t, err := c.tokenCall(ctx, form)
	if err == nil && t.RefreshToken == "" {
		t.RefreshToken = refreshToken
	}
	return t, err
}

// tokenAnswer is the token endpoint's answer (ref §3.2 [CODE]); error and
// error_description are the OAuth 2.0 error fields [INF], error_code the
// gateway's.
type tokenAnswer struct {
	AccessToken  xport.Text `json:"access_token"`
	RefreshToken xport.Text `json:"refresh_token"`
	ExpiresIn    xport.Text `json:"expires_in"`
	RefreshTTL   xport.Text `json:"refresh_token_timeout"`
	AliID        xport.ID   `json:"aliId"`
	MemberID     xport.Text `json:"memberId"`
	Owner        xport.Text `json:"resource_owner"`
	Error        xport.Text `json:"error"`
	ErrorDesc    xport.Text `json:"error_description"`
	GwCode       xport.Text `json:"error_code"`
	GwMsg        xport.Text `json:"error_message"`
	RequestID    xport.Text `json:"request_id"`
}

const tokenAPI = "system.oauth2:getToken"

func (c *Client) tokenCall(ctx context.Context, form url.Values) (Token, error) {
	endpoint, err := c.tokenURL()
	if err != nil {
		return Token{}, err
	}
	form.Set("client_id", c.cfg.AppKey)
	form.Set("client_secret", c.cfg.AppSecret)
	if err := c.limiter.Wait(ctx); err != nil {
		return Token{}, err
	}
	actx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(actx, http.MethodPost, endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return Token{}, errors.New("1688: building the token request failed")
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
	c.calls.Add(1)
	began := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return Token{}, ctx.Err()
		}
		ne := &netError{api: tokenAPI, err: xport.PlainNetErr(xport.ScrubURL(err), c.cfg.Timeout), sent: true}
		c.logCall(tokenAPI, "", time.Since(began), ne)
		return Token{}, ne
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		ne := &netError{api: tokenAPI, err: errors.New("reading the answer failed"), sent: true}
		return Token{}, ne
	}
	var a tokenAnswer
	if json.Unmarshal(body, &a) != nil {
		// Never echo the body of a token answer: it may hold tokens.
		he := &xport.HTTPError{Endpoint: xport.Endpoint("1688:" + tokenAPI), Status: resp.StatusCode, Reason: "the token answer is not JSON"}
		c.logCall(tokenAPI, "", time.Since(began), he)
		return Token{}, he
	}
	var aerr error
	switch {
	case a.GwCode != "":
		aerr = newError(tokenAPI, resp.StatusCode, string(a.GwCode), string(a.GwMsg), string(a.RequestID), true)
	case a.Error != "":
		e := newError(tokenAPI, resp.StatusCode, string(a.Error), string(a.ErrorDesc), string(a.RequestID), false)
		// An OAuth error (invalid_grant: a used or expired code, a revoked
		// refresh token) is always a matter of authorising again.
		e.Class = xport.ClassAuth
		aerr = e
	case a.AccessToken == "":
		aerr = &xport.HTTPError{Endpoint: xport.Endpoint("1688:" + tokenAPI), Status: resp.StatusCode, Reason: "the token answer has no access_token"}
	}
	c.logCall(tokenAPI, string(a.RequestID), time.Since(began), aerr)
	if aerr != nil {
		return Token{}, aerr
	}
	t := Token{
		AccessToken: string(a.AccessToken), RefreshToken: string(a.RefreshToken),
		MemberID: string(a.MemberID), AliID: string(a.AliID), ResourceOwner: string(a.Owner),
	}
	life := defaultAccessLifetime
	if n, err := strconv.ParseInt(strings.TrimSpace(string(a.ExpiresIn)), 10, 64); err == nil && n > 0 {
		life = time.Duration(n) * time.Second
	}
	t.AccessExpires = c.now().Add(life)
	t.RefreshExpires = parse1688Time(string(a.RefreshTTL))
	return t, nil
}

// parse1688Time reads 1688's dates: "20270507120000+0800" (the token
// answer, seconds), "20180802211113000+0800" (trade APIs, milliseconds)
// and whatever xport.ParseTime knows. Unknown text gives the zero time.
func parse1688Time(s string) time.Time {
	s = strings.TrimSpace(s)
	if len(s) == 19 && (s[14] == '+' || s[14] == '-') {
		if t, err := time.Parse("20060102150405-0700", s); err == nil {
			return t
		}
	}
	return xport.ParseTime(s).Time
}
