package orders

import (
	"caigou/ui/pricing"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"caigou/ui/sanitize"
)

// Agents find orders by pasting ids from a spreadsheet, a chat or an
// email: one per line, or separated by commas, spaces or semicolons, with
// stray quotes and headers mixed in. parseOrderIDs keeps what can be an
// order id and says what it left out.

const (
	// 1688 order ids are 19 digits today; a little either side is
	// accepted so an older or newer id is not refused for its length.
	minIDDigits = 16
	maxIDDigits = 20
	// maxSearchIDs is how many ids one search asks for. A page of the order
	// list holds at most 100, and a longer paste is almost surely the
	// wrong column.
	maxSearchIDs = 100
	// junkShown is how many ignored entries the report names.
	junkShown = 5
	junkWidth = 24
)

// parsedIDs is what a paste held.
type parsedIDs struct {
	ids       []string // distinct, in the order pasted
	junk      []string // the first junkShown ignored entries, cleaned for display
	junkCount int
	// joined counts ignored entries with an id inside, joined to other
	// text ("订单号:3305…", "#3305…"): the report says how to paste them.
	joined int
	dupes  int
	over   int // ids beyond maxSearchIDs, left out
}

// parseOrderIDs splits s on spaces, line breaks, commas and semicolons (the
// Chinese ones too) and keeps the entries of 16-20 digits. Full-width
// digits, as a Chinese input method types them, count as digits; quotes
// and brackets around an entry are dropped.
func parseOrderIDs(s string) parsedIDs {
	var p parsedIDs
	seen := map[string]bool{}
	for _, tok := range strings.FieldsFunc(s, isIDSeparator) {
		tok = strings.TrimFunc(tok, isWrapper)
		if tok == "" {
			continue
		}
		id, ok := orderID(tok)
		switch {
		case !ok:
			p.junkCount++
			if holdsID(tok) {
				p.joined++
			}
			if len(p.junk) < junkShown {
				p.junk = append(p.junk, sanitize.Truncate(sanitize.Line(tok), junkWidth))
			}
		case seen[id]:
			p.dupes++
		case len(p.ids) >= maxSearchIDs:
			seen[id] = true
			p.over++
		default:
			seen[id] = true
			p.ids = append(p.ids, id)
		}
	}
	return p
}

func isIDSeparator(r rune) bool {
	switch r {
	case ',', ';', '，', '；', '、', '|':
		return true
	}
	return unicode.IsSpace(r)
}

func isWrapper(r rune) bool {
	return strings.ContainsRune("\"'`()[]{}<>“”‘’「」（）【】", r)
}

// orderID returns tok as an order id when it is one: ASCII digits only
// (full-width ones converted), 16 to 20 of them.
func orderID(tok string) (string, bool) {
	if len(tok) > maxIDDigits*utf8.UTFMax {
		return "", false
	}
	id, ok := pricing.Digits(tok)
	if !ok || len(id) < minIDDigits || len(id) > maxIDDigits {
		return "", false
	}
	return id, true
}

// holdsID reports whether tok has a run of minIDDigits to maxIDDigits
// digits in it, as an id with a label or a mark stuck to it does.
func holdsID(tok string) bool {
	run := 0
	for _, r := range tok + " " {
		if r >= '0' && r <= '9' || r >= '０' && r <= '９' {
			run++
			continue
		}
		if run >= minIDDigits && run <= maxIDDigits {
			return true
		}
		run = 0
	}
	return false
}

// report says in words what was left out, or "" when nothing was.
func (p parsedIDs) report() string {
	var parts []string
	if p.junkCount > 0 {
		s := "ignored " + plural(p.junkCount, "entry that is not an order id", "entries that are not order ids") + ": " + strings.Join(p.junk, ", ")
		if more := p.junkCount - len(p.junk); more > 0 {
			s += " and " + strconv.Itoa(more) + " more"
		}
		switch {
		case p.joined == p.junkCount:
			s += " (an order id is joined to other text there: put a space between them)"
		case p.joined > 0:
			s += " (in " + strconv.Itoa(p.joined) + " of them an order id is joined to other text: put a space between them)"
		}
		parts = append(parts, s)
	}
	if p.dupes > 0 {
		parts = append(parts, plural(p.dupes, "repeated id", "repeated ids")+" counted once")
	}
	if p.over > 0 {
		parts = append(parts, "searched the first "+strconv.Itoa(maxSearchIDs)+" ids; "+plural(p.over, "more was", "more were")+" left out")
	}
	return strings.Join(parts, "; ")
}

// plural writes n with the singular or plural phrase.
func plural(n int, one, many string) string { return strconv.Itoa(n) + " " + noun(n, one, many) }

// noun is the singular or plural phrase for n.
func noun(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
