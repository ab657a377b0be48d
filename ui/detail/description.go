package detail

import (
	"regexp"
	"strings"

	"caigou/ui/sanitize"

	"github.com/charmbracelet/x/ansi"
	"github.com/jaytaylor/html2text"
)

var blankRuns = regexp.MustCompile(`\n{3,}`)

// describe turns the seller's HTML into text once, when the detail
// arrives: the conversion is far too slow to run per frame. The result is
// cleaned like any API text, since html2text passes through whatever
// escape bytes (or entities such as &#27;) the seller typed.
func describe(html string) (text, problem string) {
	if strings.TrimSpace(html) == "" {
		return "", ""
	}
	// Narrow columns keep a two-column specification table inside the
	// 60-column half of a wide screen; headers stay as the seller wrote
	// them rather than upper-cased.
	tables := html2text.NewPrettyTablesOptions()
	tables.ColWidth = 24
	tables.AutoFormatHeader = false
	out, err := html2text.FromString(html, html2text.Options{PrettyTables: true, PrettyTablesOptions: tables})
	if err != nil {
		return "", "the description could not be read: " + err.Error()
	}
	out = cleanKeepingSpaces(out)
	out = blankRuns.ReplaceAllString(out, "\n\n")
	return strings.Trim(out, "\n"), ""
}

// cleanKeepingSpaces is sanitize.Block without its collapsing of spaces,
// which would flatten the tables html2text lays out with them (sellers put
// their specifications in tables). Every piece between spaces still goes
// through sanitize.Line, so the guarantee is the same: no escape sequence
// and no control character survives.
func cleanKeepingSpaces(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.ReplaceAll(s, "\t", "    ")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		parts := strings.Split(l, " ")
		for j, p := range parts {
			parts[j] = sanitize.Line(p)
		}
		lines[i] = strings.TrimRight(strings.Join(parts, " "), " ")
	}
	return strings.Join(lines, "\n")
}

// wrapText fits text to w cells a line: prose wraps (at spaces where it
// can), while table rows are cut, since a wrapped table is unreadable.
func wrapText(text string, w int) []string {
	if w < 1 {
		w = 1
	}
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if isTableRow(line) {
			out = append(out, sanitize.Truncate(line, w))
			continue
		}
		for _, l := range strings.Split(ansi.Wrap(line, w, ""), "\n") {
			out = append(out, sanitize.Truncate(l, w))
		}
	}
	return out
}

func isTableRow(line string) bool {
	t := strings.TrimLeft(line, " ")
	return strings.HasPrefix(t, "+-") || (strings.HasPrefix(t, "|") && strings.HasSuffix(t, "|"))
}
