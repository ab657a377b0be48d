package xport

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The types in this file decode the loose JSON the API sends. 1688 data
// passes through several systems on its way to us: ids arrive as numbers or
// strings (and order ids exceed 2^53, so a float64 would corrupt them),
// numbers arrive as strings, and any field may be null or absent. None of
// these decoders goes through float64.

// ID is an identifier kept as the decimal text the wire sent, never a number.
type ID string

// UnmarshalJSON accepts a JSON string or number; null means empty.
func (id *ID) UnmarshalJSON(b []byte) error {
	s, err := scalarText(b)
	if err != nil {
		return fmt.Errorf("id: %w", err)
	}
	*id = ID(s)
	return nil
}

// NumID is an identifier the API wants as a JSON number when it is all
// digits (offerId in the preview's cargoParamList is a number in the
// documented example) and as a string otherwise.
type NumID string

// MarshalJSON writes a bare number for decimal ids.
func (id NumID) MarshalJSON() ([]byte, error) {
	s := string(id)
	if s != "" && len(s) <= 19 && allDigits(s) {
		return []byte(s), nil
	}
	return json.Marshal(s)
}

// UnmarshalJSON accepts a string or a number.
func (id *NumID) UnmarshalJSON(b []byte) error {
	s, err := scalarText(b)
	*id = NumID(s)
	return err
}

// Int is an integer that may arrive as a number, a numeric string ("12"),
// an integral decimal ("2.0", as the preview example sends quantities) or
// null.
type Int int64

// UnmarshalJSON implements json.Unmarshaler.
func (n *Int) UnmarshalJSON(b []byte) error {
	s, err := scalarText(b)
	if err != nil {
		return fmt.Errorf("integer: %w", err)
	}
	s = strings.TrimSpace(s)
	if s == "" {
		*n = 0
		return nil
	}
	if whole, frac, ok := strings.Cut(s, "."); ok && strings.Trim(frac, "0") == "" {
		s = whole
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return fmt.Errorf("integer: %q is not a whole number", s)
	}
	*n = Int(v)
	return nil
}

// Qty is an order line's quantity. 1688 sends a BigDecimal: goods sold by
// weight are ordered in steps of 0.001 ton (quantityFactor, official
// getBuyerOrderList doc). Whole is the quantity when it is a whole
// number; a quantity that is not (Fraction) is kept exactly as Text,
// never rounded, and counts as no pieces.
type Qty struct {
	Whole    int64
	Fraction bool
	// Text is the quantity in plain decimal digits ("2", "0.5").
	Text string
}

// UnmarshalJSON implements json.Unmarshaler.
func (q *Qty) UnmarshalJSON(b []byte) error {
	s, err := scalarText(b)
	if err != nil {
		return fmt.Errorf("quantity: %w", err)
	}
	s = strings.TrimSpace(s)
	if s == "" {
		*q = Qty{}
		return nil
	}
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" || !allDigits(whole) || (frac != "" && !allDigits(frac)) || (strings.Contains(s, ".") && frac == "") {
		return fmt.Errorf("quantity: %q is not a number of pieces", s)
	}
	frac = strings.TrimRight(frac, "0")
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return fmt.Errorf("quantity: %q is too large", s)
	}
	text := strconv.FormatInt(w, 10)
	if frac != "" {
		*q = Qty{Fraction: true, Text: text + "." + frac}
		return nil
	}
	*q = Qty{Whole: w, Text: text}
	return nil
}

// MarshalJSON writes the quantity back as the number it was.
func (q Qty) MarshalJSON() ([]byte, error) {
	if q.Text == "" {
		return []byte(strconv.FormatInt(q.Whole, 10)), nil
	}
	return []byte(q.Text), nil
}

// String is the quantity for people: "2", "0.5".
func (q Qty) String() string {
	if q.Text == "" {
		return strconv.FormatInt(q.Whole, 10)
	}
	return q.Text
}

// Count is a sales count as 1688 shows it: a number, or text such as
// "1.2万" (万 is 10,000), "3万+" or "500+" (a trailing + means at least
// that many) and "1,234". It is read exactly, without a float; a count
// that is not a whole number ("1.23456万") is refused, never rounded.
// Only monthSold is written this way, so Int stays strict.
type Count struct {
	N       int64
	AtLeast bool // N is a lower bound ("500+")
}

// UnmarshalJSON implements json.Unmarshaler.
func (c *Count) UnmarshalJSON(b []byte) error {
	s, err := scalarText(b)
	if err != nil {
		return fmt.Errorf("count: %w", err)
	}
	n, atLeast, err := parseCount(s)
	if err != nil {
		return err
	}
	*c = Count{N: n, AtLeast: atLeast}
	return nil
}

func parseCount(orig string) (n int64, atLeast bool, err error) {
	bad := func(why string) (int64, bool, error) {
		return 0, false, fmt.Errorf("count: %q %s", orig, why)
	}
	s := strings.TrimSpace(orig)
	if s == "" {
		return 0, false, nil
	}
	if rest, ok := strings.CutSuffix(s, "+"); ok {
		s, atLeast = strings.TrimSpace(rest), true
	}
	scale := 0 // decimal places the unit adds: 万 is 10^4
	if rest, ok := strings.CutSuffix(s, "万"); ok {
		s, scale = strings.TrimSpace(rest), 4
	}
	s = strings.ReplaceAll(s, ",", "")
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" || !allDigits(whole) || !allDigits(frac) {
		return bad("is not a count")
	}
	// Digits past the unit's places must be zeros: 1.23456万 is not a
	// whole number of sales.
	if len(frac) > scale {
		if strings.Trim(frac[scale:], "0") != "" {
			return bad("is not a whole number")
		}
		frac = frac[:scale]
	}
	frac += strings.Repeat("0", scale-len(frac))
	v, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil {
		return bad("is too large")
	}
	return v, atLeast, nil
}

// MarshalJSON writes a number, or "N+" for a lower bound.
func (c Count) MarshalJSON() ([]byte, error) {
	if c.AtLeast {
		return json.Marshal(strconv.FormatInt(c.N, 10) + "+")
	}
	return []byte(strconv.FormatInt(c.N, 10)), nil
}

// Bool accepts true/false, "true"/"false", "y"/"n", 1/0 and null.
type Bool bool

// UnmarshalJSON implements json.Unmarshaler.
func (v *Bool) UnmarshalJSON(b []byte) error {
	s, err := scalarText(b)
	if err != nil {
		return fmt.Errorf("boolean: %w", err)
	}
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "y", "yes", "1":
		*v = true
	case "false", "n", "no", "0", "":
		*v = false
	default:
		return fmt.Errorf("boolean: %q", s)
	}
	return nil
}

// Text is a string that tolerates numbers and booleans where a string was
// expected (a seller score may be 4.5 or "4.5").
type Text string

// UnmarshalJSON implements json.Unmarshaler.
func (t *Text) UnmarshalJSON(b []byte) error {
	s, err := scalarText(b)
	if err != nil {
		return fmt.Errorf("text: %w", err)
	}
	*t = Text(s)
	return nil
}

// Yuan is a price the wire sends as a yuan decimal ("12.50" or 12.5). It is
// held as fen; see ParseYuan. Empty and null are zero.
type Yuan Fen

// Fen returns the amount in fen.
func (y Yuan) Fen() Fen { return Fen(y) }

// UnmarshalJSON implements json.Unmarshaler.
func (y *Yuan) UnmarshalJSON(b []byte) error {
	s, err := scalarText(b)
	if err != nil {
		return fmt.Errorf("yuan amount: %w", err)
	}
	if strings.TrimSpace(s) == "" {
		*y = 0
		return nil
	}
	f, err := ParseYuan(s)
	if err != nil {
		return err
	}
	*y = Yuan(f)
	return nil
}

// MarshalJSON writes a yuan decimal string, as 1688 does.
func (y Yuan) MarshalJSON() ([]byte, error) { return json.Marshal(Fen(y).Yuan()) }

// UnmarshalJSON reads a whole number of fen from a number or a string.
// Unlike Int it refuses any decimal point or exponent, even "64.00" or
// 6400.0: an amount written that way is not in the documented unit (it
// looks like yuan), and neither reading its digits as fen nor converting it
// would be safe. It is a shape error for the caller to report.
func (f *Fen) UnmarshalJSON(b []byte) error {
	s, err := scalarText(b)
	if err != nil {
		return fmt.Errorf("fen amount: %w", err)
	}
	s = strings.TrimSpace(s)
	if s == "" {
		*f = 0
		return nil
	}
	if strings.ContainsAny(s, ".eE") && s != "true" && s != "false" {
		return fmt.Errorf("fen amount: %q is not in fen (it has a decimal point or an exponent; it looks like yuan)", s)
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return fmt.Errorf("fen amount: %q is not a whole number of fen", s)
	}
	*f = Fen(v)
	return nil
}

// Time is a moment in one of the formats 1688 data uses: 1688's
// "20180807152315000+0800", "2026-05-20 15:40:00" in China time, RFC 3339, or
// an epoch in seconds or milliseconds. Unknown text is kept in Raw so it can
// still be shown.
type Time struct {
	time.Time
	Raw string
}

var chinaTime = time.FixedZone("CST", 8*3600)

// ChinaTime is the zone 1688 dates without an offset are in.
func ChinaTime() *time.Location { return chinaTime }

// UnmarshalJSON implements json.Unmarshaler.
func (t *Time) UnmarshalJSON(b []byte) error {
	s, err := scalarText(b)
	if err != nil {
		return fmt.Errorf("time: %w", err)
	}
	*t = ParseTime(s)
	return nil
}

// MarshalJSON writes the China-time form the sandbox and 1688 use.
func (t Time) MarshalJSON() ([]byte, error) {
	if t.Time.IsZero() {
		if t.Raw == "" {
			return []byte("null"), nil
		}
		return json.Marshal(t.Raw)
	}
	return json.Marshal(t.In(chinaTime).Format("2006-01-02 15:04:05"))
}

// ParseTime reads any of the formats Time accepts.
func ParseTime(s string) Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return Time{}
	}
	if allDigits(s) {
		if v, err := strconv.ParseInt(s, 10, 64); err == nil {
			switch len(s) {
			case 10:
				return Time{Time: time.Unix(v, 0), Raw: s}
			case 13:
				return Time{Time: time.UnixMilli(v), Raw: s}
			}
		}
	}
	// 1688's "20180807152315123+0800": Go layouts cannot express bare
	// milliseconds after the seconds, so rewrite it with a decimal point.
	if len(s) == 22 && allDigits(s[:17]) && (s[17] == '+' || s[17] == '-') {
		if tm, err := time.Parse("20060102150405.000-0700", s[:14]+"."+s[14:]); err == nil {
			return Time{Time: tm, Raw: s}
		}
	}
	for _, layout := range []string{"2006-01-02 15:04:05", time.RFC3339, "2006-01-02"} {
		if tm, err := time.ParseInLocation(layout, s, chinaTime); err == nil {
			return Time{Time: tm, Raw: s}
		}
	}
	return Time{Raw: s}
}

// scalarText returns the text of a JSON string, number or boolean, with
// null as "". Objects and arrays are errors.
func scalarText(b []byte) (string, error) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || bytes.Equal(b, []byte("null")) {
		return "", nil
	}
	switch b[0] {
	case '"':
		// Most strings have no escapes: take them as they are rather than
		// running the full decoder once per field.
		if len(b) >= 2 && b[len(b)-1] == '"' && bytes.IndexByte(b[1:len(b)-1], '\\') < 0 && bytes.IndexByte(b[1:len(b)-1], '"') < 0 {
			return strings.ToValidUTF8(string(b[1:len(b)-1]), "\uFFFD"), nil
		}
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return "", err
		}
		return s, nil
	case '{', '[':
		return "", fmt.Errorf("got %s where a single value belongs", Excerpt(b, 20))
	default:
		// A number or a boolean: its text is what we keep.
		return string(b), nil
	}
}

// Strings decodes a list of strings that may also arrive as one
// comma-separated string or as null.
type Strings []string

// UnmarshalJSON implements json.Unmarshaler.
func (s *Strings) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '[' {
		var raw []Text
		if err := json.Unmarshal(b, &raw); err != nil {
			return err
		}
		out := make([]string, 0, len(raw))
		for _, r := range raw {
			out = append(out, string(r))
		}
		*s = out
		return nil
	}
	t, err := scalarText(b)
	if err != nil {
		return err
	}
	*s = nil
	for _, p := range strings.Split(t, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*s = append(*s, p)
		}
	}
	return nil
}

// Excerpt is at most n characters of an answer, valid UTF-8, for an error
// that quotes what came back.
func Excerpt(b []byte, n int) string {
	s := strings.ToValidUTF8(string(b), "?")
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
