package detail

import (
	"strings"
	"unicode"

	"caigou/ui/sanitize"
	"caigou/xport"
)

// ResolveSKU finds the SKUs of d that a client's text names: its spec id,
// or its values in either language, in any order, separated any way
// ("红色 XL", "XL/红色", "red, xl"), every word one of a SKU's values:
// "XL" never names "XXL". The SKUs whose every value is named come
// first; when none is, the ones the text names part of ("红色" names
// every red SKU of a sized offer). Exactly one is an answer, more is a
// question for the agent, none a mistake to show.
func ResolveSKU(d *xport.ProductDetail, text string) (specIDs, labels []string) {
	text = strings.TrimSpace(sanitize.Line(text))
	_, skus := buildSKUs(d.SKUs)
	for i, s := range d.SKUs {
		if sanitize.Line(string(s.SpecID)) == text || (text != "" && sanitize.Line(string(s.SkuID)) == text) {
			return []string{skus[i].specID}, []string{skus[i].label}
		}
	}
	want := tokens(text)
	if len(want) == 0 {
		return nil, nil
	}
	// Every value named first; failing that, the SKUs the words name part
	// of ("红色" of a red-only offer is one SKU; of a sized one, several).
	var partIDs, partLabels []string
	for i, s := range d.SKUs {
		switch names(s, want) {
		case namesWhole:
			specIDs = append(specIDs, skus[i].specID)
			labels = append(labels, skus[i].label)
		case namesPart:
			partIDs = append(partIDs, skus[i].specID)
			partLabels = append(partLabels, skus[i].label)
		}
	}
	if len(specIDs) == 0 {
		return partIDs, partLabels
	}
	return specIDs, labels
}

// How much of a SKU a text names.
const (
	namesNone = iota
	namesPart // every word is one of its values, but not every value is named
	namesWhole
)

// names says how much of s the words in want name: each word must be one
// of its values (in Chinese or in translation), used once.
func names(s xport.SKU, want []string) int {
	left := map[string]int{}
	for _, w := range want {
		left[w]++
	}
	take := func(ws []string) bool {
		need := map[string]int{}
		for _, w := range ws {
			need[w]++
		}
		for w, n := range need {
			if left[w] < n {
				return false
			}
		}
		for w, n := range need {
			left[w] -= n
		}
		return len(ws) > 0
	}
	named := 0
	for _, a := range s.Attributes {
		if take(tokens(string(a.Value))) || take(tokens(string(a.ValueTrans))) {
			named++
		}
	}
	for _, n := range left {
		if n != 0 {
			return namesNone
		}
	}
	switch {
	case named == 0:
		return namesNone
	case named < len(s.Attributes):
		return namesPart
	}
	return namesWhole
}

// tokens splits a SKU text into lower-case words at spaces and the
// separators clients use (/ , ; | 、 ， ；).
func tokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(sanitize.Line(s)), func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("/,;|、，；：:+", r)
	})
}
