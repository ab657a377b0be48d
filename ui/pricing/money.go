package pricing

import (
	"strconv"
	"strings"

	"caigou/xport"
)

// Money writes an amount with thousands separators, "¥1,234.00", the way
// agents read totals on invoices.
func Money(f xport.Fen) string {
	s := f.Yuan()
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	return sign + "¥" + group(whole) + "." + frac
}

// Count writes a whole number with thousands separators: 38,483 sold.
func Count(n int64) string {
	if n < 0 {
		return "-" + group(strconv.FormatInt(-n, 10))
	}
	return group(strconv.FormatInt(n, 10))
}

func group(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	head := len(digits) % 3
	if head > 0 {
		b.WriteString(digits[:head])
	}
	for i := head; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
