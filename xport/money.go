package xport

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Fen is an amount of Chinese yuan in fen (1/100 yuan). Every amount in
// caigou is a Fen from the moment it is decoded until it is drawn, so no
// rounding ever happens on the way: a float cannot hold 0.1 yuan exactly and
// an agent reconciling orders against 1688 must see the same cents.
type Fen int64

// ErrBadAmount is wrapped by every money parsing failure.
var ErrBadAmount = errors.New("not an amount of money")

// ParseYuan reads a decimal yuan amount such as "12", "12.5", "12.50",
// "0.05" or "1,234.00" (thousands separators are accepted because sellers
// paste them) into fen. More than two decimals is an error unless the extra
// digits are zeros: rounding money silently is not allowed.
func ParseYuan(s string) (Fen, error) {
	orig := s
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "¥")
	s = strings.TrimPrefix(s, "￥")
	s = strings.ReplaceAll(s, ",", "")
	if s == "" {
		return 0, fmt.Errorf("%w: %q is empty", ErrBadAmount, orig)
	}
	neg := false
	switch s[0] {
	case '-':
		neg = true
		s = s[1:]
	case '+':
		s = s[1:]
	}
	whole, frac, hasDot := strings.Cut(s, ".")
	if whole == "" && (!hasDot || frac == "") {
		return 0, fmt.Errorf("%w: %q has no digits", ErrBadAmount, orig)
	}
	if whole == "" {
		whole = "0"
	}
	if !allDigits(whole) || !allDigits(frac) {
		return 0, fmt.Errorf("%w: %q", ErrBadAmount, orig)
	}
	// Trailing zeros beyond the cent are harmless ("12.500"); anything else
	// would need rounding.
	if len(frac) > 2 {
		if strings.Trim(frac[2:], "0") != "" {
			return 0, fmt.Errorf("%w: %q has more than two decimals", ErrBadAmount, orig)
		}
		frac = frac[:2]
	}
	for len(frac) < 2 {
		frac += "0"
	}
	y, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || y > math.MaxInt64/100-1 {
		return 0, fmt.Errorf("%w: %q is too large", ErrBadAmount, orig)
	}
	c, _ := strconv.ParseInt(frac, 10, 64)
	v := Fen(y*100 + c)
	if neg {
		v = -v
	}
	return v, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Yuan formats the amount as a yuan decimal with exactly two places, the way
// 1688 and every invoice shows it: 1250 -> "12.50".
func (f Fen) Yuan() string {
	v := int64(f)
	sign := ""
	if v < 0 {
		sign = "-"
		if v == math.MinInt64 {
			return "-92233720368547758.08"
		}
		v = -v
	}
	return fmt.Sprintf("%s%d.%02d", sign, v/100, v%100)
}

// String is the amount with the currency sign, for logs and messages.
func (f Fen) String() string { return "¥" + f.Yuan() }

// Mul multiplies by a quantity and reports overflow instead of wrapping, so a
// pasted quantity of 9223372036854775807 cannot produce a tiny total.
func (f Fen) Mul(q int64) (Fen, bool) {
	if f == 0 || q == 0 {
		return 0, true
	}
	r := int64(f) * q
	if r/q != int64(f) {
		return 0, false
	}
	return Fen(r), true
}

// Add adds and reports overflow.
func (f Fen) Add(g Fen) (Fen, bool) {
	r := f + g
	if (g > 0 && r < f) || (g < 0 && r > f) {
		return 0, false
	}
	return r, true
}

// Convert turns an amount into another currency at a rate expressed as
// "units of the other currency per 1 CNY" in millionths (rate 0.138 is
// 138000), rounding half away from zero to the other currency's cents. It is
// for display only; orders are always in CNY.
func (f Fen) Convert(rateMicro int64) (int64, bool) {
	if rateMicro <= 0 {
		return 0, false
	}
	v := int64(f)
	neg := v < 0
	if neg {
		v = -v
	}
	if v != 0 && rateMicro > math.MaxInt64/v {
		return 0, false
	}
	p := v * rateMicro
	r := p / 1_000_000
	if p%1_000_000 >= 500_000 {
		r++
	}
	if neg {
		r = -r
	}
	return r, true
}

// ParseRate reads an exchange rate such as "0.138" into millionths without
// floating point.
func ParseRate(s string) (int64, error) {
	s = strings.TrimSpace(s)
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" {
		whole = "0"
	}
	if !allDigits(whole) || !allDigits(frac) || len(frac) > 6 || (whole == "0" && strings.Trim(frac, "0") == "") {
		return 0, fmt.Errorf("exchange rate %q: want a positive decimal with at most 6 places, like 0.138", s)
	}
	for len(frac) < 6 {
		frac += "0"
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > 1_000_000 {
		return 0, fmt.Errorf("exchange rate %q is too large", s)
	}
	fr, _ := strconv.ParseInt(frac, 10, 64)
	return w*1_000_000 + fr, nil
}
