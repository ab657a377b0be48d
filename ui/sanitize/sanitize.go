// Package sanitize is the one gate every string from the API passes before
// it reaches the screen. A product title is written by a stranger: left
// raw, an escape sequence in it could move the cursor, retitle the
// terminal, write to the clipboard, or a bidi override could make "¥9.00"
// read as "¥00.9". Width helpers live here too because cleaning and
// measuring go together: Chinese text is two cells a character.
package sanitize

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Line cleans s for display on one line: escape sequences and control
// characters are removed, line breaks and tabs become spaces, runs of
// spaces collapse, and the ends are trimmed.
func Line(s string) string {
	return clean(s, false)
}

// Block cleans s for display as several lines: like Line, but line breaks
// are kept (CR LF and CR become LF) and tabs become four spaces.
func Block(s string) string {
	return clean(s, true)
}

func clean(s string, keepNewlines bool) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false // a space is pending (collapsing runs)
	var prev rune  // the last rune written, for joiners
	emit := func(r rune) {
		prev = r
		if r == ' ' {
			space = b.Len() > 0
			return
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			i++
			emit('\uFFFD')
			continue
		case r == 0x1b: // ESC: skip the whole sequence
			i += escapeLen(s[i:])
			continue
		case r == 0x9b || r == 0x9d || r == 0x90 || r == 0x9e || r == 0x9f || r == 0x98:
			// C1 introducers (CSI, OSC, DCS, PM, APC, SOS) as single code
			// points: some terminals honour them in UTF-8 too.
			i += size + c1BodyLen(s[i+size:], r)
			continue
		case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
			// U+2028/U+2029 are line breaks to a terminal or a pasted
			// shell line, whatever they look like in JSON.
			if keepNewlines {
				if r == '\r' && i+1 < len(s) && s[i+1] == '\n' {
					i++
				}
				space = false
				b.WriteByte('\n')
			} else {
				emit(' ')
			}
		case r == '\t':
			if keepNewlines {
				emit('\u00a0') // placeholder, replaced below
			} else {
				emit(' ')
			}
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			// other C0 and C1 controls: dropped
		case r == 0x200d && isEmoji(prev) && i+size < len(s) && isEmoji(firstRune(s[i+size:])):
			// A zero-width joiner inside an emoji sequence (👩‍👩‍👧) is
			// what it was made for; anywhere else it hides text.
			emit(r)
		case isBidiControl(r):
			// dropped: they reorder what the user reads
		case r == ' ' || r == '\u3000' || r == '\u00a0':
			emit(' ')
		default:
			emit(r)
		}
		i += size
	}
	out := b.String()
	if keepNewlines {
		out = strings.ReplaceAll(out, "\u00a0", "    ")
		lines := strings.Split(out, "\n")
		for j, l := range lines {
			lines[j] = strings.TrimRight(l, " ")
		}
		out = strings.Join(lines, "\n")
	}
	return out
}

// isPlain is the fast path: printable ASCII with no double spaces needs no
// work, which is most ids, prices and English titles.
func isPlain(s string) bool {
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f {
			return false
		}
		if c == ' ' {
			if prevSpace {
				return false
			}
			prevSpace = true
		} else {
			prevSpace = false
		}
	}
	return !prevSpace || s == ""
}

// escapeLen returns the length of the escape sequence at the start of s
// (which begins with ESC), so the whole sequence is dropped and no
// fragment of it ("[2J") is left on screen.
func escapeLen(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case 0x1b:
		// A terminal drops the first ESC and starts over at the second.
		// Dropping both would leave what follows as text: tmux's
		// passthrough (ESC P tmux; ESC ESC ] 0;title BEL ESC \) would
		// show "]0;title" instead of losing the whole sequence.
		return 1
	case '[': // CSI: parameters and intermediates, then a final byte 0x40-0x7e
		for i := 2; i < len(s); i++ {
			c := s[i]
			if c >= 0x40 && c <= 0x7e {
				return i + 1
			}
			if c < 0x20 || c > 0x7e {
				// not a valid CSI byte: stop here, dropping what we have
				return i
			}
		}
		return len(s)
	case ']', 'P', '^', '_', 'X': // OSC, DCS, PM, APC, SOS: up to ST or BEL
		for i := 2; i < len(s); i++ {
			if s[i] == 0x07 {
				return i + 1
			}
			if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			if s[i] == 0x1b {
				return i
			}
		}
		return len(s)
	default:
		// Two-byte sequences (ESC c, ESC 7, charset selections ESC ( B).
		if s[1] >= 0x20 && s[1] <= 0x2f && len(s) >= 3 {
			return 3
		}
		_, size := utf8.DecodeRuneInString(s[1:])
		return 1 + size
	}
}

// c1BodyLen is escapeLen for sequences introduced by a C1 code point.
func c1BodyLen(s string, intro rune) int {
	if intro == 0x9b {
		for i := 0; i < len(s); i++ {
			if s[i] >= 0x40 && s[i] <= 0x7e {
				return i + 1
			}
		}
		return len(s)
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == 0x07 || r == 0x9c {
			return i + size
		}
		if r == 0x1b {
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i
		}
		i += size
	}
	return len(s)
}

func isBidiControl(r rune) bool {
	switch {
	case r >= 0x202a && r <= 0x202e: // LRE RLE PDF LRO RLO
		return true
	case r >= 0x2066 && r <= 0x2069: // LRI RLI FSI PDI
		return true
	case r == 0x200e || r == 0x200f || r == 0x061c: // LRM RLM ALM
		return true
	case r == 0xfeff || r == 0x200b: // BOM/zero-width space: invisible padding
		return true
	case r == 0x200c || r == 0x200d || (r >= 0x2060 && r <= 0x2064) || r == 0x180e:
		// zero-width (non-)joiners, word joiner, invisible operators: they
		// hide text and make what the terminal draws differ in width from
		// what was measured.
		return true
	}
	return false
}

// isEmoji reports the pictographs, their modifiers and the variation
// selector that a zero-width joiner may join.
func isEmoji(r rune) bool {
	return (r >= 0x1f000 && r <= 0x1faff) || (r >= 0x2300 && r <= 0x27bf) || (r >= 0x2b00 && r <= 0x2bff) || r == 0xfe0f
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// Width is the display width of s in terminal cells (Chinese is two).
func Width(s string) int { return ansi.StringWidth(s) }

// Truncate cuts s to at most w cells, ending with "…" when cut, never in
// the middle of a character. s may contain styling.
func Truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// Pad truncates or right-pads s to exactly w cells.
func Pad(s string, w int) string {
	s = Truncate(s, w)
	if n := w - ansi.StringWidth(s); n > 0 {
		s += strings.Repeat(" ", n)
	}
	return s
}

// PadLeft truncates or left-pads s to exactly w cells (for numbers).
func PadLeft(s string, w int) string {
	s = Truncate(s, w)
	if n := w - ansi.StringWidth(s); n > 0 {
		s = strings.Repeat(" ", n) + s
	}
	return s
}
