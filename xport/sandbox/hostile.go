package sandbox

import (
	"encoding/base64"
	"strings"
)

// The hostile marketplace. Every string on 1688 that the desk prints was
// typed by a stranger: a seller can put an escape sequence in a title as
// easily as a word. With Options.Hostile the sandbox serves such strings,
// so a test can drive the whole desk over them and look at the screen.
//
// The attacks go into the gaps between words (at the ends, before a space,
// after Chinese punctuation), never inside a word, so every word still
// finds what it found before: "连衣裙" must still bring up dresses, or a
// test would see an empty result page and pass without having shown any
// hostile text.

// HostileAttack is one terminal attack the hostile marketplace hides in
// its text. Seq is what the API answers; a desk that prints it raw lets
// the seller act on the agent's terminal.
type HostileAttack struct {
	Kind string
	Seq  string
}

// HostileMarker is in every attack that carries text of its own (a
// title, a link, a clipboard payload). A correct sanitiser drops it with
// its sequence, so finding it on screen, in the terminal title or in a
// clipboard buffer means an attack got through.
const HostileMarker = "PWNED"

// HostileAttacks lists the attacks, one of each kind. Every string the
// hostile marketplace taints carries all of them, in a rotating order.
// It returns a fresh slice each call: the list is a constant in spirit.
func HostileAttacks() []HostileAttack {
	clip := base64.StdEncoding.EncodeToString([]byte(HostileMarker + "-CLIPBOARD"))
	return []HostileAttack{
		{"CSI erase screen", "\x1b[2J"},
		{"CSI colour", "\x1b[31m"},
		{"CSI cursor home", "\x1b[H"},
		{"CSI cursor up", "\x1b[5A"},
		{"ESC c full reset", "\x1bc"},
		{"OSC 0 window title", "\x1b]0;" + HostileMarker + "-TITLE\a"},
		{"OSC 2 window title", "\x1b]2;" + HostileMarker + "-TITLE\x1b\\"},
		{"OSC 52 clipboard write", "\x1b]52;c;" + clip + "\a"},
		// Left open: a terminal that honours it makes the rest of the
		// screen a link to the seller's page.
		{"OSC 8 hyperlink", "\x1b]8;;https://evil.example/" + HostileMarker + "\x1b\\"},
		// DECUDK: reprograms a function key on terminals that allow it.
		{"DCS string", "\x1bP1;1|" + HostileMarker + "\x1b\\"},
		// tmux's passthrough, wrapping a title change for the outer
		// terminal: the desk runs in tmux on shared boxes.
		{"DCS tmux passthrough", "\x1bPtmux;\x1b\x1b]0;" + HostileMarker + "-TITLE\a\x1b\\"},
		{"APC string", "\x1b_" + HostileMarker + "\x1b\\"},
		{"C1 CSI (U+009B)", "\u009b2J"},
		{"C1 OSC (U+009D)", "\u009d0;" + HostileMarker + "-TITLE\a"},
		{"C0 BEL", "\a"},
		{"C0 BS", "\b\b\b"},
		{"C0 CR", "\r"},
		{"C0 NUL", "\x00"},
		{"bidi RLO (U+202E)", "\u202e"},
		{"bidi LRI (U+2066)", "\u2066"},
		{"bidi RLI (U+2067)", "\u2067"},
		{"bidi FSI (U+2068)", "\u2068"},
		{"bidi PDI (U+2069)", "\u2069"},
	}
}

// taint hides every attack in s, spread over the gaps between its words.
// rot turns the order, so neighbouring strings do not all start with the
// same sequence; the same s and rot always give the same result.
func taint(s string, rot int) string {
	attacks := HostileAttacks()
	gaps := wordGaps(s)
	var b strings.Builder
	b.Grow(len(s) + 256)
	prev := 0
	for g, at := range gaps {
		b.WriteString(s[prev:at])
		prev = at
		for j := range attacks {
			if (j+rot)%len(gaps) == g {
				b.WriteString(attacks[j].Seq)
			}
		}
	}
	b.WriteString(s[prev:])
	return b.String()
}

// wordGaps are the byte offsets in s where an attack may go without
// splitting a word: the start, before each space, after Chinese
// punctuation (logistics remarks have no spaces), and the end.
func wordGaps(s string) []int {
	gaps := []int{0}
	for i, r := range s {
		switch r {
		case ' ':
			gaps = append(gaps, i)
		case '，', '。', '】', '：':
			gaps = append(gaps, i+len(string(r)))
		}
	}
	if gaps[len(gaps)-1] != len(s) {
		gaps = append(gaps, len(s))
	}
	return gaps
}

// makeHostile taints the catalogue in place: titles, SKU axis values,
// attribute values, seller names and Wangwang nicks. It runs once, after
// Generate and before the server answers, so the catalogue is still only
// read afterwards. Ids, prices, categories and cities stay clean: the desk
// must still be able to search, order and price.
func makeHostile(cat *Catalogue) {
	n := 0
	next := func(s string) string {
		n++
		return taint(s, n)
	}
	for _, o := range cat.Offers {
		o.Subject, o.SubjectEN = next(o.Subject), next(o.SubjectEN)
		for i := range o.Attrs {
			a := &o.Attrs[i]
			a.Value, a.ValueEN = next(a.Value), next(a.ValueEN)
		}
		for i := range o.Axes {
			for j := range o.Axes[i].Values {
				v := &o.Axes[i].Values[j]
				v.Value, v.ValueEN = next(v.Value), next(v.ValueEN)
			}
		}
	}
	for _, s := range cat.Sellers {
		s.Company, s.CompanyEN, s.Wangwang = next(s.Company), next(s.CompanyEN), next(s.Wangwang)
	}
}

// taintSteps is makeHostile for a parcel's logistics steps, which are
// written when an order is paid rather than generated with the catalogue.
func taintSteps(steps []ordStep) {
	for i := range steps {
		steps[i].Remark = taint(steps[i].Remark, i)
	}
}
