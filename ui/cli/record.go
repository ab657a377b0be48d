package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"syscall"

	"caigou/xport"
)

// The answers `check --deep --record DIR` keeps for a bug report: raw, as
// the service sent them, but with everything personal or secret taken
// out, so the file can be mailed to Xportcn or attached to an issue.

// personalKeys are the fields whose values name or reach a person: the
// receiver, the contact, the phone. Matched without case.
var personalKeys = map[string]bool{
	"fullname": true, "name": true, "phone": true, "mobile": true, "address": true, "email": true,
	"tofullname": true, "tomobile": true, "tophone": true, "topost": true, "toarea": true, "todivisioncode": true,
	"contactperson": true, "postcode": true, "zip": true, "town": true, "buyerfeedback": true,
	"buyerloginid": true, "buyermemberid": true, "wangwangurl": true, "idcard": true,
}

// phoneRun finds mainland mobile numbers inside free text.
var phoneRun = regexp.MustCompile(`1[3-9]\d{9}`)

const redacted = "(removed)"

// redact returns body with personal values and the given secrets
// replaced: the JSON value, or the text when the body is not JSON.
func redact(body []byte, secrets ...string) any {
	var v any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber() // 19-digit order ids must not pass through a float
	if err := dec.Decode(&v); err != nil {
		return scrubText(string(body), secrets)
	}
	return redactValue(v, "", secrets)
}

// personalValues gathers the values of personal fields from every answer,
// so the same name inside free text (a trace's "signed for by 陈志强") is
// taken out too.
func personalValues(bodies ...[]byte) []string {
	seen := map[string]bool{}
	var out []string
	var walk func(v any, key string)
	walk = func(v any, key string) {
		switch t := v.(type) {
		case map[string]any:
			for k, x := range t {
				walk(x, k)
			}
		case []any:
			for _, x := range t {
				walk(x, key)
			}
		case string:
			if personalKeys[strings.ToLower(key)] && len([]rune(t)) >= 2 && !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	for _, b := range bodies {
		var v any
		if json.Unmarshal(b, &v) == nil {
			walk(v, "")
		}
	}
	// Longest first, so a full address goes before the name inside it.
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

func redactValue(v any, key string, secrets []string) any {
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			t[k] = redactValue(x, k, secrets)
		}
		return t
	case []any:
		for i, x := range t {
			t[i] = redactValue(x, key, secrets)
		}
		return t
	case string:
		if personalKeys[strings.ToLower(key)] && t != "" {
			return redacted
		}
		return scrubText(t, secrets)
	case json.Number:
		if personalKeys[strings.ToLower(key)] {
			return redacted
		}
	}
	return v
}

func scrubText(s string, secrets []string) string {
	for _, sec := range secrets {
		if len(sec) >= 4 { // two Chinese characters are six bytes
			s = strings.ReplaceAll(s, sec, redacted)
		}
	}
	return phoneRun.ReplaceAllString(s, redacted)
}

// writeRecord writes one file per endpoint into dir: 0600 files in a
// directory made 0700 if it does not exist. An existing directory keeps
// its mode (it is the user's); a file there is never followed through a
// link.
func writeRecord(dir string, raw map[xport.Endpoint]rawAnswer, secrets ...string) ([]string, error) {
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("--record %s: %w", dir, err)
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("--record %s is not a directory", dir)
	}
	eps := make([]string, 0, len(raw))
	var bodies [][]byte
	for ep, a := range raw {
		eps = append(eps, string(ep))
		bodies = append(bodies, a.body)
	}
	sort.Strings(eps)
	secrets = append(secrets, personalValues(bodies...)...)
	var written []string
	for _, ep := range eps {
		a := raw[xport.Endpoint(ep)]
		path := filepath.Join(dir, ep+".json")
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC|syscall.O_NOFOLLOW, 0o600)
		if err != nil {
			return written, fmt.Errorf("--record: %w", err)
		}
		doc, merr := json.MarshalIndent(map[string]any{"endpoint": ep, "http_status": a.status, "answer": redact(a.body, secrets...)}, "", "  ")
		if merr != nil {
			f.Close()
			return written, fmt.Errorf("--record: %w", merr)
		}
		_, werr := f.Write(append(doc, '\n'))
		cerr := f.Close()
		if werr != nil || cerr != nil {
			return written, fmt.Errorf("--record: writing %s: %v", path, errors.Join(werr, cerr))
		}
		written = append(written, path)
	}
	return written, nil
}
