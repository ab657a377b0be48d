package link

import (
	"caigou/ui/uitest"
	"encoding/base64"
	"io"
	"strings"
	"testing"

	"caigou/ui/common"
	"caigou/ui/keys"
	"caigou/ui/sanitize"
	"caigou/ui/theme"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// chatURL is the shape of the documented IM answer: a seller nick in
// Chinese in the query.
const chatURL = "https://air.1688.com/app/ocms-fusion-components-1688/def_cbu_web_im/index.html?touid=cnalichn山东绿德制冷&siteid=cnalichn&status=1&offerId=951807530375"

func newCommon(t *testing.T, env common.Env, term io.Writer) *common.Common {
	t.Helper()
	km, err := keys.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	c := &common.Common{Keys: km, Styles: theme.New(r, theme.DefaultPalette()), Env: env, Term: term}
	c.Init()
	return c
}

func press(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

func TestNormalizePercentEncodesNonASCII(t *testing.T) {
	got, ok := Normalize(chatURL)
	want := "https://air.1688.com/app/ocms-fusion-components-1688/def_cbu_web_im/index.html?touid=cnalichn%E5%B1%B1%E4%B8%9C%E7%BB%BF%E5%BE%B7%E5%88%B6%E5%86%B7&siteid=cnalichn&status=1&offerId=951807530375"
	if !ok || got != want {
		t.Fatalf("Normalize = %q, %v\nwant       %q", got, ok, want)
	}
	cases := map[string]struct {
		want string
		ok   bool
	}{
		"https://detail.1688.com/offer/1.html":   {"https://detail.1688.com/offer/1.html", true},
		"https://x.cn/商品/a b?q=%E4%B8%AD&r=中#片段": {"https://x.cn/%E5%95%86%E5%93%81/a%20b?q=%E4%B8%AD&r=%E4%B8%AD#%E7%89%87%E6%AE%B5", true},
		"javascript:alert(1)":                    {"javascript:alert(1)", false},
		"https://evil\x1b]8;;x\x07.cn/":          {"https://evil.cn/", true},
		"/relative/path":                         {"/relative/path", false},
		"https://例子.cn/":                         {"https://例子.cn/", false},
	}
	for in, c := range cases {
		got, ok := Normalize(in)
		if got != c.want || ok != c.ok {
			t.Errorf("Normalize(%q) = %q, %v; want %q, %v", in, got, ok, c.want, c.ok)
		}
	}
}

// readBack turns the drawn half blocks back into modules, to check the
// drawing is the code and not merely something code-shaped.
func readBack(lines []string) [][]bool {
	var rows [][]bool
	for _, l := range lines {
		var top, bottom []bool
		for _, r := range l {
			top = append(top, r == '█' || r == '▀')
			bottom = append(bottom, r == '█' || r == '▄')
		}
		rows = append(rows, top, bottom)
	}
	return rows
}

func TestQRDrawsTheBitmap(t *testing.T) {
	u, _ := Normalize(chatURL)
	bm, err := qrBitmap(u)
	if err != nil {
		t.Fatal(err)
	}
	lines := qrLines(bm, false)
	w, h := qrSize(bm)
	inv := readBack(qrLines(bm, true))
	if len(lines) != h {
		t.Fatalf("%d lines, want %d", len(lines), h)
	}
	got := readBack(lines)
	for y := 0; y < w; y++ {
		for x := 0; x < w; x++ {
			want := false
			if y >= quiet && y < quiet+len(bm) && x >= quiet && x < quiet+len(bm) {
				want = bm[y-quiet][x-quiet]
			}
			if got[y][x] != want {
				t.Fatalf("module (%d,%d) drawn %v, want %v", x, y, got[y][x], want)
			}
			if inv[y][x] == want {
				t.Fatalf("light ink: module (%d,%d) not inverted", x, y)
			}
		}
	}
	for _, l := range lines {
		if sanitize.Width(l) != w {
			t.Fatalf("line width %d, want %d", sanitize.Width(l), w)
		}
	}
}

func TestPanelShowsLinkAndQR(t *testing.T) {
	c := newCommon(t, common.Env{SSH: true}, nil)
	p := New(c, "Chat with 山东绿德制冷", chatURL)
	p.SetSize(120, 40)
	v := p.View()
	u, _ := Normalize(chatURL)
	if !strings.Contains(v, "\x1b]8;;"+u+"\a") {
		t.Error("no OSC 8 hyperlink to the normalized URL")
	}
	if !strings.Contains(v, "█") {
		t.Errorf("no QR code at 120x40:\n%s", v)
	}
	if strings.Contains(v, "Enlarge") {
		t.Error("asks to enlarge at 120x40")
	}
	plain := stripLinks(v)
	if !strings.Contains(strings.ReplaceAll(plain, "\n", ""), u) {
		t.Error("the plain URL is not printed in full")
	}
}

func TestSmallTerminalRefusesACutCode(t *testing.T) {
	c := newCommon(t, common.Env{}, nil)
	p := New(c, "Chat", chatURL)
	p.SetSize(80, 20)
	v := p.View()
	if strings.Contains(v, "█") || strings.Contains(v, "▀") {
		t.Error("a QR code drawn where it does not fit")
	}
	if flat := strings.Join(strings.Fields(v), " "); !strings.Contains(flat, "The QR code needs") || !strings.Contains(flat, "v shows it alone") {
		t.Errorf("no advice to enlarge or show it alone:\n%s", v)
	}
}

// v shows the link alone on the terminal's own screen: the URL as one
// line (no break a selection would copy), clickable, and the QR code;
// enter goes back.
func TestAloneShowsTheLinkWhole(t *testing.T) {
	c := newCommon(t, common.Env{}, nil)
	p := New(c, "Chat", chatURL)
	p.SetSize(80, 20)
	if _, cmd := p.Update(press("v")); cmd == nil {
		t.Fatal("v does nothing")
	}
	a := &alone{text: p.(*Model).aloneText()}
	var out strings.Builder
	a.SetStdout(&out)
	a.SetStdin(strings.NewReader("\n"))
	if err := a.Run(); err != nil {
		t.Fatal(err)
	}
	u, _ := Normalize(chatURL)
	lines := strings.Split(stripLinks(out.String()), "\n")
	whole := false
	for _, l := range lines {
		if strings.TrimSpace(l) == u {
			whole = true
		}
	}
	if !whole {
		t.Errorf("the URL is not one line of its own:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "\x1b]8;;"+u) {
		t.Error("the URL is not a hyperlink")
	}
	if !strings.Contains(out.String(), "▀") && !strings.Contains(out.String(), "█") {
		t.Error("no QR code")
	}
}

func TestViewWithinWidth(t *testing.T) {
	c := newCommon(t, common.Env{}, nil)
	for _, sz := range [][2]int{{80, 24}, {120, 40}, {200, 50}, {40, 12}} {
		p := New(c, "Chat with 一个名字非常非常非常长的供应商有限公司义乌分公司", chatURL)
		p.SetSize(sz[0], sz[1])
		lines := strings.Split(p.View(), "\n")
		if len(lines) > sz[1] {
			t.Errorf("%dx%d: %d lines", sz[0], sz[1], len(lines))
		}
		for i, l := range lines {
			if w := sanitize.Width(l); w > sz[0] {
				t.Errorf("%dx%d: line %d is %d wide", sz[0], sz[1], i, w)
			}
		}
	}
}

// The bytes that leave the desk are one plain OSC 52, in tmux too: tmux
// drops a passthrough-wrapped one unless allow-passthrough is on, while
// with set-clipboard on it takes a plain one and forwards it (issue 11).
// The status claims a copy only as far as tmux's setting lets the desk
// know it.
func TestCopyWritesOSC52(t *testing.T) {
	for _, c := range []struct {
		tmux      bool
		clipboard string
		level     common.Level
		says      string
	}{
		{false, "", common.OK, "sent to your clipboard (OSC 52)"},
		{true, "on", common.OK, "copied into tmux's buffer and sent on"},
		{true, "external", common.Warn, "Not copied: tmux has set-clipboard external"},
		{true, "off", common.Warn, "Not copied: tmux has set-clipboard off"},
		{true, "", common.Warn, "depends on tmux's set-clipboard"},
	} {
		term := &uitest.Term{}
		cm := newCommon(t, common.Env{Tmux: c.tmux, TmuxClipboard: c.clipboard}, term)
		p := New(cm, "Chat", chatURL)
		msg := p.Init()()
		st, ok := msg.(common.StatusMsg)
		if !ok || st.Level != c.level || !strings.Contains(st.Text, c.says) {
			t.Fatalf("tmux=%v %q: Init gave %#v", c.tmux, c.clipboard, msg)
		}
		u, _ := Normalize(chatURL)
		osc := "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte(u)) + "\a"
		if got := term.String(); got != osc {
			t.Errorf("tmux=%v: wrote %q, want exactly the plain OSC 52 %q", c.tmux, got, osc)
		}
		// y copies again.
		_, cmd := p.Update(press("y"))
		cmd()
		if n := strings.Count(term.String(), "]52;"); n != 2 {
			t.Errorf("tmux=%v: %d copies after y, want 2", c.tmux, n)
		}
		// A redraw writes nothing to the clipboard.
		p.SetSize(100, 30)
		if strings.Contains(p.View(), "]52;") {
			t.Error("the view carries an OSC 52 sequence")
		}
	}
}

func TestCopyWithoutTerminal(t *testing.T) {
	c := newCommon(t, common.Env{}, nil)
	msg := New(c, "Chat", chatURL).Init()()
	if st, ok := msg.(common.StatusMsg); !ok || st.Level != common.Warn || !strings.Contains(st.Text, "select the text") {
		t.Errorf("got %#v", msg)
	}
}

func TestBrowserOnlyLocally(t *testing.T) {
	for _, env := range []common.Env{{SSH: true, Display: true}, {SSH: false, Display: false}} {
		opened := 0
		c := newCommon(t, env, nil)
		c.Open = func(string) error { opened++; return nil }
		p := New(c, "Chat", chatURL)
		p.SetSize(120, 40)
		if cmd := p.Init(); cmd != nil {
			cmd()
		}
		_, cmd := p.Update(press("O"))
		if cmd != nil {
			cmd()
		}
		if opened != 0 {
			t.Errorf("%+v: a browser was opened", env)
		}
		for _, b := range p.ShortHelp() {
			if b.Help().Desc == "open in browser" {
				t.Errorf("%+v: help offers the browser", env)
			}
		}
	}
	var got string
	c := newCommon(t, common.Env{Display: true}, nil)
	c.Open = func(u string) error { got = u; return nil }
	p := New(c, "Chat", chatURL)
	_, cmd := p.Update(press("O"))
	if msg := cmd(); msg.(common.StatusMsg).Level != common.OK {
		t.Errorf("got %#v", msg)
	}
	if want, _ := Normalize(chatURL); got != want {
		t.Errorf("opened %q, want %q", got, want)
	}
}

func TestNonWebLinkIsNotLinked(t *testing.T) {
	c := newCommon(t, common.Env{}, nil)
	p := New(c, "Pay", "javascript:alert(1)")
	p.SetSize(80, 24)
	v := p.View()
	if strings.Contains(v, "\x1b]8;") || strings.Contains(v, "█") {
		t.Error("a non-web link was made clickable or encoded")
	}
}

// stripLinks removes OSC 8 sequences to leave the printed text.
func stripLinks(s string) string {
	for {
		i := strings.Index(s, "\x1b]8;")
		if i < 0 {
			return s
		}
		j := strings.IndexByte(s[i:], '\a')
		if j < 0 {
			return s
		}
		s = s[:i] + s[i+j+1:]
	}
}
