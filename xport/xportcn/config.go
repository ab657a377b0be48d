package xportcn

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"caigou/xport"
)

// SecretEnv is the environment variable that may hold the access secret
// instead of the config file. Secrets are never taken on the command line:
// on a shared box every user can read every process's arguments.
const SecretEnv = "CAIGOU_ACCESS_SECRET"

// DefaultBaseURL is the documented production base (reference §1.1): the
// documented paths hang off /api.
const DefaultBaseURL = "https://www.xportcn.com/api"

// Config is the [xport] section of the config file.
type Config struct {
	// BaseURL of the API; the paths of DefaultPaths are appended to it.
	BaseURL string `toml:"base_url"`
	// AccessKey and AccessSecret come from Console → AccessKey Management.
	AccessKey    string `toml:"access_key"`
	AccessSecret string `toml:"access_secret"`
	// UserID is the Xport end-user (sub-account) id sent as user-id.
	UserID string `toml:"user_id"`
	// TimestampUnit is "s" (default) or "ms". [INF] The manual only says
	// "UTC timestamp"; two real clients send seconds, a sibling example
	// milliseconds. This is the one place to change it.
	TimestampUnit string `toml:"timestamp_unit"`
	// Timeout bounds one HTTP attempt.
	Timeout time.Duration `toml:"timeout"`
	// ReadRetries is how many times a read is retried after a network
	// error, a 5xx or a rate-limit answer. Writes are never retried.
	ReadRetries int `toml:"read_retries"`
	// ReadRetriesSet is true when the config file set read_retries, so an
	// explicit 0 (no retries) is not mistaken for "unset" and made 3.
	ReadRetriesSet bool `toml:"-"`
	// RequestsPerSecond keeps this desk under the account's QPS cap.
	RequestsPerSecond int `toml:"requests_per_second"`
	// Country is the translation language sent as "country" (reference
	// §3.1: "currently always pass en").
	Country string `toml:"country"`
	// Flow is the order flow sent to preview and create; the documented
	// example uses "fenxiaonew".
	Flow string `toml:"flow"`
	// Paths overrides endpoint paths by name (see DefaultPaths).
	Paths map[string]string `toml:"paths"`
	// Wire holds the inferred choices that change what an answer means.
	Wire Wire `toml:"wire"`
	// AllowInsecureHTTP lets base_url be plain http:// to a host other
	// than this machine. Off by default: the signature does not cover the
	// body, so an order (and its address) sent in clear can be read and
	// rewritten on the way. The desk's header says so while it is on.
	AllowInsecureHTTP bool `toml:"allow_insecure_http"`
	// InProcess marks the embedded sandbox, whose http:// address never
	// leaves the process. It cannot be set from the config file.
	InProcess bool `toml:"-"`
}

// Defaults fills the zero fields with the documented or inferred defaults.
func (c Config) Defaults() Config {
	if c.BaseURL == "" {
		c.BaseURL = DefaultBaseURL
	}
	if c.TimestampUnit == "" {
		c.TimestampUnit = "s"
	}
	if c.Timeout == 0 {
		c.Timeout = 15 * time.Second
	}
	if c.ReadRetries == 0 && !c.ReadRetriesSet {
		c.ReadRetries = 3
	}
	if c.RequestsPerSecond == 0 {
		c.RequestsPerSecond = 5
	}
	if c.Country == "" {
		c.Country = "en"
	}
	if c.Flow == "" {
		c.Flow = "fenxiaonew"
	}
	c.Wire = c.Wire.Defaults()
	return c
}

// ErrNoCredentials is returned by Validate when the key or secret is missing.
var ErrNoCredentials = errors.New("no Xportcn credentials")

// Validate checks the section and says which key is wrong and how to fix it.
// It never includes the secret in an error.
func (c Config) Validate() error {
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		shown := c.BaseURL
		if strings.Contains(shown, "@") {
			shown = "…" + shown[strings.LastIndex(shown, "@"):] // whatever is before @ may be a password
		}
		return fmt.Errorf("[xport] base_url = %q is not a web address; it should look like %s", shown, DefaultBaseURL)
	}
	if u.User != nil {
		// Never echo it: the password is the point.
		return fmt.Errorf("[xport] base_url holds a user name or password (…@%s): take it out. Xportcn is signed in with access_key and access_secret, and a password in the address would show up in error messages", u.Host)
	}
	if u.Scheme == "http" && !c.InProcess && !c.AllowInsecureHTTP && !xport.Loopback(u.Hostname()) {
		return fmt.Errorf("[xport] base_url = %q is plain http:// to another machine: signed calls and whole orders (with your shipping addresses) would travel in clear and could be rewritten on the way. Use https://, or, only if you must, set allow_insecure_http = true", u.Scheme+"://"+u.Host+u.Path)
	}
	// From here every problem is said at once: fixing a config one error
	// per run is how a morning goes.
	var errs []error
	switch c.TimestampUnit {
	case "s", "ms":
	default:
		errs = append(errs, fmt.Errorf("[xport] timestamp_unit = %q: use \"s\" (seconds, the default) or \"ms\" (milliseconds)", c.TimestampUnit))
	}
	if c.Timeout < 0 || c.ReadRetries < 0 || c.RequestsPerSecond < 0 {
		errs = append(errs, errors.New("[xport] timeout, read_retries and requests_per_second cannot be negative"))
	}
	if c.Timeout > 0 && c.Timeout < 10*time.Millisecond {
		errs = append(errs, fmt.Errorf("[xport] timeout = %s can never be met: no answer comes back that fast; use 5s to 60s (15s when left out)", c.Timeout))
	}
	if c.ReadRetries > 10 {
		errs = append(errs, fmt.Errorf("[xport] read_retries = %d is too many; 3 is usual, 10 is the most", c.ReadRetries))
	}
	if _, err := resolvePaths(c.Paths); err != nil {
		errs = append(errs, err)
	}
	if err := c.Wire.Validate(); err != nil {
		errs = append(errs, err)
	}
	var missing []string
	if strings.TrimSpace(c.AccessKey) == "" {
		missing = append(missing, "access_key")
	}
	if strings.TrimSpace(c.AccessSecret) == "" {
		missing = append(missing, "access_secret (or the "+SecretEnv+" environment variable)")
	}
	if strings.TrimSpace(c.UserID) == "" {
		missing = append(missing, "user_id")
	}
	if len(missing) > 0 {
		errs = append(errs, fmt.Errorf("%w: [xport] needs %s", ErrNoCredentials, strings.Join(missing, ", ")))
	} else if err := c.CheckCredentials(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// CredentialError is a credential with a character that cannot go into
// an HTTP header. It names the key (the config loader adds the line) and
// never the value.
type CredentialError struct {
	Key  string
	What string
	At   int // 1-based position of the character
}

func (e *CredentialError) Error() string {
	return fmt.Sprintf("[xport] %s has %s at character %d: it is sent as (or signs) an HTTP header, which takes only visible ASCII. Copy it again without the line break or space", e.Key, e.What, e.At)
}

// CheckCredentials finds a pasted line break, space, control or non-ASCII
// character in access_key, user_id or access_secret.
func (c Config) CheckCredentials() error {
	for _, cred := range []struct{ key, value string }{{"access_key", c.AccessKey}, {"user_id", c.UserID}, {"access_secret", c.AccessSecret}} {
		if i, what := badCredential(cred.value); i >= 0 {
			return &CredentialError{Key: cred.key, What: what, At: i + 1}
		}
	}
	return nil
}

// badCredential finds the first character of a credential that cannot go
// into an HTTP header (a pasted line break, a space, a control character,
// anything not ASCII), with what it is; -1 when there is none. Leading and
// trailing spaces count: the desk does not guess which part was meant.
func badCredential(v string) (int, string) {
	for i, r := range []rune(v) {
		switch {
		case r == '\n' || r == '\r':
			return i, "a line break"
		case r == ' ' || r == '\t':
			return i, "a space"
		case r < 0x20 || r == 0x7f:
			return i, "a control character"
		case r > 0x7e:
			return i, "a character that is not plain ASCII"
		}
	}
	return -1, ""
}
