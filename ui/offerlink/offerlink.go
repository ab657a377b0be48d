// Package offerlink reads a 1688 offer id out of what agents paste: a
// link in any of its forms, or a bare id. The search box, the scripting
// commands and the list import read links the same way through it.
package offerlink

import (
	"net/url"
	"regexp"
	"strings"
)

// offerPath is an offer page's path on 1688, desktop or mobile:
// /offer/<id>.html.
var offerPath = regexp.MustCompile(`^/offer/(\d{6,20})\.html$`)

// ID reads the offer id out of what an agent pastes when they already
// have the product: a 1688 offer link
// (detail.1688.com/offer/ID.html, m.1688.com/offer/ID.html, with or
// without tracking parameters or a scheme, or a link that names it as
// offerId=) or a bare offer id (long digits, which are never a keyword
// worth searching). ok is false for anything else. Clean text first
// (sanitize.Line).
func ID(text string) (string, bool) {
	t := strings.TrimSpace(text)
	if t == "" {
		return "", false
	}
	if len(t) >= 9 && len(t) <= 20 && allDigits(t) {
		return t, true
	}
	if !strings.Contains(t, "1688.com") {
		return "", false
	}
	if !strings.Contains(t, "://") {
		t = "https://" + t
	}
	u, err := url.Parse(t)
	if err != nil {
		return "", false
	}
	host := strings.ToLower(u.Hostname())
	if host != "1688.com" && !strings.HasSuffix(host, ".1688.com") {
		return "", false
	}
	if m := offerPath.FindStringSubmatch(u.Path); m != nil {
		return m[1], true
	}
	for _, k := range []string{"offerId", "offerid", "offer_id"} {
		if v := u.Query().Get(k); len(v) >= 6 && allDigits(v) {
			return v, true
		}
	}
	return "", false
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
