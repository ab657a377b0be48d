package cli

import (
	"regexp"
	"strconv"
	"strings"
)

// problemKey finds the section and key a config problem names: "[ui]
// page_size = -5: …", "[keys] \"foo\" is not an action", and for a key
// bound twice ("… bound to both quit and add_to_cart, and …") the action
// to change, named last.
var (
	problemKey = regexp.MustCompile(`^\[([a-z_.]+)\] "?([a-z_]+)"?`)
	boundTwice = regexp.MustCompile(`bound to both [a-z_]+ and ([a-z_]+)`)
)

// atLines puts the config file's line before each problem that names a
// key, as the decoder does for a typo: "line 7: [ui] page_size = -5: …".
// A problem with no key in the file (one that is missing) stays as it is.
// The wrapped error is kept, so errors.Is still finds its kind.
func atLines(src string, err error) error {
	if err == nil || src == "" {
		return err
	}
	lines := strings.Split(err.Error(), "\n")
	changed := false
	for i, p := range lines {
		m := problemKey.FindStringSubmatch(p)
		if m == nil {
			continue
		}
		key := m[2]
		if b := boundTwice.FindStringSubmatch(p); b != nil {
			key = b[1]
		}
		if n := keyLine(src, m[1], key); n > 0 {
			lines[i] = "line " + strconv.Itoa(n) + ": " + p
			changed = true
		}
	}
	if !changed {
		return err
	}
	return &lineError{msg: strings.Join(lines, "\n"), err: err}
}

type lineError struct {
	msg string
	err error
}

func (e *lineError) Error() string { return e.msg }
func (e *lineError) Unwrap() error { return e.err }

// keyLine is the 1-based line where key is set inside [section], or 0.
// It reads the file the way people write it (one key per line, tables as
// [a.b] headers); a key it cannot place is left without a line rather
// than given a wrong one.
func keyLine(src, section, key string) int {
	cur := ""
	for i, raw := range strings.Split(src, "\n") {
		t := strings.TrimSpace(raw)
		if strings.HasPrefix(t, "[") {
			h := strings.Trim(strings.SplitN(t, "#", 2)[0], " []")
			cur = strings.ReplaceAll(h, " ", "")
			continue
		}
		if cur != section {
			continue
		}
		name, _, ok := strings.Cut(t, "=")
		if !ok {
			continue
		}
		if strings.Trim(strings.TrimSpace(name), `"'`) == key {
			return i + 1
		}
	}
	return 0
}
