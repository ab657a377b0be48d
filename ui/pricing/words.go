package pricing

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Units writes a count with its unit: "10 pieces", "1 box", "10 件". An
// English unit is made plural; a Chinese one (no translation) is not.
func Units(n int64, unit string) string {
	u := strings.TrimSpace(unit)
	switch strings.ToLower(u) {
	case "", "piece", "pieces", "pc", "pcs":
		u = "piece"
	}
	if n != 1 && isEnglishWord(u) {
		u = plural(u)
	}
	return itoa(n) + " " + u
}

func isEnglishWord(s string) bool {
	if s == "" || utf8.RuneCountInString(s) != len(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

func plural(w string) string {
	lw := strings.ToLower(w)
	switch {
	case strings.HasSuffix(lw, "ss"), strings.HasSuffix(lw, "x"), strings.HasSuffix(lw, "ch"), strings.HasSuffix(lw, "sh"):
		return w + "es"
	case strings.HasSuffix(lw, "s"):
		// Already plural as translated ("pairs", "pcs").
		return w
	case len(lw) > 1 && lw[len(lw)-1] == 'y' && !strings.ContainsRune("aeiou", rune(lw[len(lw)-2])):
		return w[:len(w)-1] + "ies"
	}
	return w + "s"
}

// Explain states the quantity rules as the agent needs them before
// ordering: minimum, lot size with the first valid quantities, and the
// seller's mixed-batch rule.
func Explain(r Rules) []string {
	out := []string{fmt.Sprintf("Minimum order: %s.", Units(r.MOQ, r.Unit))}
	b := r.batch()
	if b > 1 {
		first := r.Least()
		out = append(out, fmt.Sprintf("Sold in lots of %d (order %d, %d, %d …).", b, first, first+b, first+2*b))
	} else {
		out = append(out, "Sold by the single unit: any quantity from the minimum up.")
	}
	out = append(out, MixSentence(r.Mix, r.Unit))
	return out
}

// MixSentence is the seller's mixed-batch rule in one sentence.
func MixSentence(m Mix, unit string) string {
	if !m.Enabled {
		return "Mixed batch: not offered; this product must reach its own minimum."
	}
	return fmt.Sprintf("Mixed batch: this seller lets you mix products to reach %s in one order.", m.Threshold(unit))
}
