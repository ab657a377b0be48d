package ali1688

import (
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"caigou/xport"
)

// DefaultBaseURL is the gateway root (ref §0.1, §1.1 [DOC]); signed calls
// append /param2/1/{namespace}/{apiName}/{appKey}, token calls
// /http/1/system.oauth2/getToken/{appKey}.
const DefaultBaseURL = "https://gw.open.1688.com/openapi"

// DefaultAuthorizeURL is where the buyer's browser signs in and consents
// (ref §3.1 [DOC-copy]; the auth.1688.com form is preferred over the
// legacy gw.open.1688.com/auth/authorize.htm, ref §3.1 [INF]).
const DefaultAuthorizeURL = "https://auth.1688.com/oauth/authorize"

// Defaults of the [INF] settings.
const (
	// defaultTimeout bounds one HTTP attempt, like xport's 15s.
	defaultTimeout = 15 * time.Second
	// defaultRequestsPerSecond [INF]: no official quota was found; ref §6
	// suggests about 5 per second per app.
	defaultRequestsPerSecond = 5
	// defaultReadRetries matches the desk's xport default.
	defaultReadRetries = 3
	// defaultCountry: the language code keyword search and detail need
	// (ref §4.1: "country" is required and is a language; examples en, ja).
	defaultCountry = "en"
	// defaultSite is the authorize URL's site (ref §3.1 [DOC-copy]).
	defaultSite = "1688"
	// fallbackFlow [INF]: createCrossOrder requires a flow (ref §4.8); it
	// is the preview's flowFlag (ref rules §3.9), and "general", the plain
	// wholesale flow, only when neither the preview nor the config gave
	// one.
	fallbackFlow = "general"
)

// defaultTradeTypes [INF] are the trade types the desk may send at create,
// in order of preference: escrow (担保交易), whose money reaches the seller
// only when the goods are received. 1688 picks one itself when none is
// sent, and with 诚e赊 enabled it picks creditBuy (official create doc).
var defaultTradeTypes = []string{"assureTrade", "nzassure", "assure"}

// Config is the 1688 backend's settings. AppSecret is never printed or
// logged: String, GoString and LogValue mask it.
type Config struct {
	// AppKey is the app's key from the 1688 console: an opaque string of
	// digits, not length-checked (ref §1.1 [INF]).
	AppKey string `toml:"app_key"`
	// AppSecret signs every call and exchanges OAuth codes.
	AppSecret string `toml:"app_secret"`
	// BaseURL is the gateway root, DefaultBaseURL when empty.
	BaseURL string `toml:"base_url"`
	// AuthorizeURL is the buyer's consent page, DefaultAuthorizeURL when
	// empty.
	AuthorizeURL string `toml:"authorize_url"`
	// RedirectURI is the app's registered callback; 1688 sends the buyer
	// there with ?code=…&state=… (ref §3.1).
	RedirectURI string `toml:"redirect_uri"`
	// Site is the authorize URL's site parameter, "1688" when empty.
	Site string `toml:"site"`
	// Timeout bounds one HTTP attempt.
	Timeout time.Duration `toml:"timeout"`
	// RequestsPerSecond is the client-side QPS cap [INF, ref §6].
	RequestsPerSecond int `toml:"requests_per_second"`
	// ReadRetries is how often a read is retried after a network error, a
	// 5xx, a gw.Qos* rate limit or an unreadable answer. Writes are never
	// retried (an order create that timed out may have been made).
	ReadRetries int `toml:"read_retries"`
	// ReadRetriesSet marks an explicit read_retries = 0.
	ReadRetriesSet bool `toml:"-"`
	// Country is the language code sent as "country" (ref §4.1, §4.3).
	Country string `toml:"country"`
	// Flow is the order flow sent to preview (ref §4.7: general, fenxiao,
	// saleproxy, …). Empty, the default, lets 1688 pick the best [DOC];
	// create then sends the flow the preview priced with (flowFlag).
	Flow string `toml:"flow"`
	// TradeTypes are the trade types create may send, in order of
	// preference; the first one the preview offers for every part of the
	// order is sent. An order that offers none of them is not placed by
	// the desk (defaultTradeTypes: escrow only) [INF].
	TradeTypes []string `toml:"trade_types"`
	// SuccessCodes overrides the package's SuccessCodes [INF].
	SuccessCodes []string `toml:"success_codes"`
	// AllowInsecureHTTP allows a plain http:// BaseURL to a host other
	// than this machine. The OAuth token endpoint is HTTPS whatever this
	// says (ref §3.2: "must use HTTPS", and the secret travels in it).
	AllowInsecureHTTP bool `toml:"allow_insecure_http"`
}

// Defaults fills the zero fields.
func (c Config) Defaults() Config {
	if c.BaseURL == "" {
		c.BaseURL = DefaultBaseURL
	}
	if c.AuthorizeURL == "" {
		c.AuthorizeURL = DefaultAuthorizeURL
	}
	if c.Site == "" {
		c.Site = defaultSite
	}
	if c.Timeout == 0 {
		c.Timeout = defaultTimeout
	}
	if c.RequestsPerSecond == 0 {
		c.RequestsPerSecond = defaultRequestsPerSecond
	}
	if c.ReadRetries == 0 && !c.ReadRetriesSet {
		c.ReadRetries = defaultReadRetries
	}
	if c.Country == "" {
		c.Country = defaultCountry
	}
	if len(c.SuccessCodes) == 0 {
		c.SuccessCodes = SuccessCodes
	}
	if len(c.TradeTypes) == 0 {
		c.TradeTypes = append([]string(nil), defaultTradeTypes...)
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	return c
}

// ErrNoCredentials is returned by Validate when the app key or secret is
// missing.
var ErrNoCredentials = errors.New("no 1688 app credentials")

// Validate says what is wrong, never quoting the secret.
func (c Config) Validate() error {
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("[ali1688] base_url is not a web address; it should look like %s", DefaultBaseURL)
	}
	if u.User != nil {
		return fmt.Errorf("[ali1688] base_url holds a user name or password (…@%s): take it out", u.Host)
	}
	// The signature covers the parameters, but an order sent in clear can
	// still be read (addresses, the buyer's token) on the way: same rule
	// as xport, loopback only.
	if u.Scheme == "http" && !c.AllowInsecureHTTP && !xport.Loopback(u.Hostname()) {
		return fmt.Errorf("[ali1688] base_url %q is plain http:// to another machine: the buyer's access token and orders would travel in clear. Use https://", "http://"+u.Host+u.Path)
	}
	var errs []error
	if c.Timeout < 0 || c.ReadRetries < 0 || c.RequestsPerSecond < 0 {
		errs = append(errs, errors.New("[ali1688] timeout, read_retries and requests_per_second cannot be negative"))
	}
	if c.ReadRetries > 10 {
		errs = append(errs, fmt.Errorf("[ali1688] read_retries = %d is too many; 3 is usual, 10 is the most", c.ReadRetries))
	}
	var missing []string
	if strings.TrimSpace(c.AppKey) == "" {
		missing = append(missing, "app_key")
	}
	if strings.TrimSpace(c.AppSecret) == "" {
		missing = append(missing, "app_secret")
	}
	if len(missing) > 0 {
		errs = append(errs, fmt.Errorf("%w: [ali1688] needs %s", ErrNoCredentials, strings.Join(missing, ", ")))
	}
	if strings.ContainsAny(c.AppKey, "/?#% \t\r\n") {
		errs = append(errs, errors.New("[ali1688] app_key has a character that cannot go into the request path; copy it again"))
	}
	return errors.Join(errs...)
}

// String shows the config with the secret masked.
func (c Config) String() string {
	c.AppSecret = maskSecret(c.AppSecret)
	type plain Config // no String method: no recursion
	return fmt.Sprintf("%+v", plain(c))
}

// GoString masks the secret for %#v too.
func (c Config) GoString() string { return c.String() }

// LogValue masks the secret in structured logs.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("app_key", xport.MaskKey(c.AppKey)),
		slog.String("app_secret", maskSecret(c.AppSecret)),
		slog.String("base_url", c.BaseURL),
	)
}

func maskSecret(s string) string {
	if s == "" {
		return ""
	}
	return "(set, hidden)"
}
