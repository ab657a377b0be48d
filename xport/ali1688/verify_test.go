package ali1688

import (
	"crypto/hmac"
	"crypto/sha1"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// verifyRequest is an INDEPENDENT check of a request the client sent,
// re-implemented from the reference text (ref §2.1, §1.3) without calling
// Sign or URLPath: the signed path is the request path after the gateway
// root "/openapi/", the message is that path followed by the sorted
// name+value strings of every form field but _aop_signature, and the
// signature is the upper-case hex HMAC-SHA1 keyed with the app secret.
// It also checks the transport facts the reference fixes: POST, a form
// body, _aop_timestamp in milliseconds, the app key as the last path
// segment, no empty field sent (the client's [INF] choice).
func verifyRequest(r *http.Request, body []byte, appKey, secret string) error {
	if r.Method != http.MethodPost {
		return fmt.Errorf("method %s, want POST", r.Method)
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
		return fmt.Errorf("content type %q", ct)
	}
	const root = "/openapi/"
	if !strings.HasPrefix(r.URL.Path, root) {
		return fmt.Errorf("path %q is not under %s", r.URL.Path, root)
	}
	urlPath := r.URL.Path[len(root):]
	segs := strings.Split(urlPath, "/")
	if len(segs) != 5 || segs[0] != "param2" || segs[1] != "1" || segs[4] != appKey {
		return fmt.Errorf("path %q is not param2/1/ns/api/appKey", urlPath)
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return fmt.Errorf("body is not a form: %v", err)
	}
	var got string
	var parts []string
	for name, vals := range form {
		if len(vals) != 1 {
			return fmt.Errorf("field %s sent %d times", name, len(vals))
		}
		if name == "_aop_signature" {
			got = vals[0]
			continue
		}
		if vals[0] == "" {
			return fmt.Errorf("empty field %s was sent", name)
		}
		parts = append(parts, name+vals[0])
	}
	ts := form.Get("_aop_timestamp")
	if len(ts) != 13 || strings.Trim(ts, "0123456789") != "" {
		return fmt.Errorf("_aop_timestamp %q is not milliseconds", ts)
	}
	slices.Sort(parts)
	mac := hmac.New(sha1.New, []byte(secret))
	mac.Write([]byte(urlPath + strings.Join(parts, "")))
	want := fmt.Sprintf("%X", mac.Sum(nil))
	if got != want {
		return fmt.Errorf("_aop_signature %q, want %q", got, want)
	}
	return nil
}

// independentSign is the same rule as a function of path and params, for
// the vectors.
func independentSign(urlPath string, params map[string]string, secret string) string {
	var parts []string
	for k, v := range params {
		if k != "_aop_signature" {
			parts = append(parts, k+v)
		}
	}
	slices.Sort(parts)
	mac := hmac.New(sha1.New, []byte(secret))
	mac.Write([]byte(urlPath + strings.Join(parts, "")))
	return fmt.Sprintf("%X", mac.Sum(nil))
}
