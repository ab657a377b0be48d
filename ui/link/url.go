package link

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"caigou/ui/sanitize"

	"github.com/charmbracelet/x/ansi"
)

// Normalize turns a URL from the API into the form the desk prints, links
// and encodes: cleaned of control characters, with non-ASCII
// percent-encoded. A chat link carries the seller's nick in Chinese; left
// raw, many terminals end the link at the first Chinese character, and a
// phone reading the QR code may guess the wrong charset. ok is false for
// anything but an absolute http or https URL: such text is shown and
// copied but never made clickable.
func Normalize(raw string) (string, bool) {
	s := sanitize.Line(raw)
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || !ascii(u.Host) {
		return s, false
	}
	var b strings.Builder
	b.WriteString(u.Scheme)
	b.WriteString("://")
	if u.User != nil {
		b.WriteString(u.User.String())
		b.WriteByte('@')
	}
	b.WriteString(u.Host)
	b.WriteString(u.EscapedPath())
	if u.RawQuery != "" || u.ForceQuery {
		b.WriteByte('?')
		b.WriteString(escapeLoose(u.RawQuery))
	}
	if u.Fragment != "" {
		b.WriteByte('#')
		b.WriteString(u.EscapedFragment())
	}
	return b.String(), true
}

// escapeLoose percent-encodes what may not appear in a URL and leaves the
// rest as the server wrote it, so "&", "=" and existing escapes keep their
// meaning.
func escapeLoose(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == ' ':
			b.WriteString("%20")
		case r < 0x80 && r > 0x20 && r != 0x7f && !strings.ContainsRune("\"<>\\^`{|}", r):
			b.WriteRune(r)
		default:
			b.WriteString(url.QueryEscape(string(r)))
		}
	}
	return b.String()
}

func ascii(s string) bool { return utf8.RuneCountInString(s) == len(s) && !strings.ContainsAny(s, " ") }

// Hyperlink wraps text in an OSC 8 hyperlink to u, which the user's
// terminal makes clickable on the user's own machine, SSH or not. u must
// come from Normalize with ok true: it then holds no byte that could end
// the sequence early.
func Hyperlink(u, text string) string {
	return ansi.SetHyperlink(u) + text + ansi.ResetHyperlink()
}

// wrapURL cuts a URL into lines of at most w cells. URLs have no spaces to
// break at, and a normalized one is ASCII, so a cut every w bytes is a cut
// every w cells.
func wrapURL(u string, w int) []string {
	if w < 1 {
		w = 1
	}
	var out []string
	for len(u) > w {
		out = append(out, u[:w])
		u = u[w:]
	}
	return append(out, u)
}
