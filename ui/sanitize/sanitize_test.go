package sanitize

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLine(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain title", "plain title"},
		{"纯棉T恤 女", "纯棉T恤 女"},
		{"red\x1b[31m dress\x1b[0m", "red dress"},
		{"clear\x1b[2Jscreen", "clearscreen"},
		{"title\x1b]0;pwned\x07 set", "title set"},
		{"title\x1b]0;pwned\x1b\\ set", "title set"},
		{"clip\x1b]52;c;ZXZpbA==\x07board", "clipboard"},
		{"dcs\x1bP1$qm\x1b\\end", "dcsend"},
		{"apc\x1b_Gf=100;AAAA\x1b\\end", "apcend"},
		{"tmux\x1bPtmux;\x1b\x1b]0;pwned\x07\x1b\\ passthrough", "tmux passthrough"},
		{"double\x1b\x1b[2J escape", "double escape"},
		{"c1\u009b31mred", "c1red"},
		{"osc c1\u009d0;x\u009cok", "osc c1ok"},
		{"bell\x07 and nul\x00", "bell and nul"},
		{"price ¥\u202e00.9\u202c", "price ¥00.9"},
		{"iso\u2066late\u2069", "isolate"},
		{"multi\nline\r\ntitle", "multi line title"},
		{"  spaced   out\t\tend  ", "spaced out end"},
		{"full\u3000width", "full width"},
		{"bad\xffutf8", "bad\uFFFDutf8"},
		{"esc at end\x1b", "esc at end"},
		{"unterminated\x1b]0;title", "unterminated"},
		{"", ""},
	}
	for _, c := range cases {
		if got := Line(c.in); got != c.want {
			t.Errorf("Line(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestBlock(t *testing.T) {
	got := Block("a\r\nb\tc\x1b[1m\nd  ")
	if got != "a\nb    c\nd" {
		t.Errorf("Block = %q", got)
	}
}

func TestWidthAndTruncate(t *testing.T) {
	if w := Width("女装连衣裙"); w != 10 {
		t.Fatalf("width of five Chinese characters = %d, want 10", w)
	}
	got := Truncate("女装连衣裙夏季", 7)
	if Width(got) > 7 || !strings.HasSuffix(got, "…") || !utf8.ValidString(got) {
		t.Fatalf("Truncate = %q (width %d)", got, Width(got))
	}
	if got := Pad("鞋", 4); got != "鞋  " {
		t.Fatalf("Pad = %q", got)
	}
	if got := PadLeft("12", 4); got != "  12" {
		t.Fatalf("PadLeft = %q", got)
	}
}

// dangerous reports a byte or rune that could act on the terminal.
func dangerous(s string) (rune, bool) {
	rs := []rune(s)
	for i, r := range rs {
		if r == 0x200d && i > 0 && i+1 < len(rs) && isEmoji(rs[i-1]) && isEmoji(rs[i+1]) {
			continue // a joiner inside an emoji sequence
		}
		if r < 0x20 && r != '\n' || r == 0x7f || (r >= 0x80 && r < 0xa0) || isBidiControl(r) {
			return r, true
		}
	}
	return 0, false
}

func FuzzLine(f *testing.F) {
	for _, s := range []string{"\x1b[31mred", "\x1b]0;t\x07", "\u202e", "\u009b2J", "中文\x00", "\x1bP\x1b\\", "a\r\nb", "a\u2028b\u200dc\u2067d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, out := range []string{Line(s), Block(s)} {
			if r, bad := dangerous(out); bad {
				t.Fatalf("clean(%q) = %q still holds %U", s, out, r)
			}
			if !utf8.ValidString(out) {
				t.Fatalf("clean(%q) = %q is not valid UTF-8", s, out)
			}
		}
		if strings.ContainsAny(Line(s), "\n\u2028\u2029") || strings.ContainsAny(Block(s), "\u2028\u2029") {
			t.Fatalf("Line(%q) kept a line break", s)
		}
		if Line(Line(s)) != Line(s) {
			t.Fatalf("Line is not idempotent on %q", s)
		}
	})
}

func BenchmarkLineChinese(b *testing.B) {
	s := "2026夏季新款韩版宽松纯棉短袖T恤女 ins风百搭上衣 厂家直销"
	for b.Loop() {
		_ = Line(s)
	}
}

// Issue 9: a line separator, a paragraph separator and the zero-width
// joiners passed through (check's address line showed them); a line
// separator breaks a pasted shell line like a newline.
func TestInvisibleAndLineSeparators(t *testing.T) {
	for in, want := range map[string]string{
		"广东省\u2028rm -rf ~": "广东省 rm -rf ~",
		"a\u2029b":          "a b",
		"白\u200d云\u200c区":   "白云区",
		"👩\u200d👧 \u200d👧":  "👩\u200d👧 👧",
		"x\u2060y\u2064z":   "xyz",
		"\u2067¥9.00\u2069": "¥9.00",
	} {
		if got := Line(in); got != want {
			t.Errorf("Line(%q) = %q, want %q", in, got, want)
		}
	}
}
