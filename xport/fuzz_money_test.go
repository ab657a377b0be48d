package xport

import (
	"encoding/json"
	"strings"
	"testing"
)

// FuzzFen feeds arbitrary JSON values to the fen decoder: it never panics,
// and what it accepts it reads digit for digit, so the amount re-encodes to
// the digits that were sent (no scaling, no float on the way).
func FuzzFen(f *testing.F) {
	for _, s := range []string{`6400`, `"6400"`, `"64.00"`, `6400.0`, `6.4e3`, `-230`, `"-0"`, `" 007 "`, `"+5"`, `null`, `""`,
		`9223372036854775807`, `-9223372036854775808`, `9223372036854775808`, `true`, `{"a":1}`, `"\u0036\u0034"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var v Fen
		if err := v.UnmarshalJSON(b); err != nil {
			return
		}
		text, err := scalarText(b)
		if err != nil {
			t.Fatalf("%q decoded to %d but is not a single value", b, v)
		}
		want := canonicalDigits(strings.TrimSpace(text))
		got, err := json.Marshal(v)
		if err != nil || string(got) != want {
			t.Fatalf("%q decoded to %d, which encodes as %s; want %s", b, v, got, want)
		}
	})
}

// canonicalDigits is an integer's text without a plus sign or leading
// zeros; "" is 0.
func canonicalDigits(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimLeft(s, "+-")
	s = strings.TrimLeft(s, "0")
	if s == "" {
		return "0"
	}
	if neg {
		return "-" + s
	}
	return s
}

// FuzzQty feeds arbitrary JSON to the order-line quantity decoder: it
// never panics, and what it accepts it keeps exactly (written back, it
// reads the same).
func FuzzQty(f *testing.F) {
	for _, s := range []string{`2`, `"2"`, `0.5`, `"1.250"`, `"007"`, `-1`, `1e3`, `""`, `null`, `{}`, `"1."`, `9223372036854775808`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var q Qty
		if q.UnmarshalJSON(b) != nil {
			return
		}
		out, err := q.MarshalJSON()
		var back Qty
		if err != nil || back.UnmarshalJSON(out) != nil || back.String() != q.String() || back.Whole != q.Whole || back.Fraction != q.Fraction {
			t.Fatalf("%s read as %+v, written as %s, read back as %+v", b, q, out, back)
		}
		if q.Fraction && q.Whole != 0 {
			t.Fatalf("%s: both whole and a fraction: %+v", b, q)
		}
	})
}
