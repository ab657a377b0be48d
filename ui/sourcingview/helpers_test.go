package sourcingview

import (
	"strings"
	"testing"

	"caigou/ui/common"
	"caigou/ui/sanitize"
	"caigou/ui/uitest"
	"caigou/xport/sandbox"

	tea "github.com/charmbracelet/bubbletea"
)

func TestMain(m *testing.M) { uitest.Main(m) }

func update(p common.Page) func(tea.Msg) tea.Cmd {
	return func(msg tea.Msg) tea.Cmd {
		_, cmd := p.Update(msg)
		return cmd
	}
}

func press(t testing.TB, p common.Page, k string) []tea.Msg {
	t.Helper()
	return uitest.Run(t, update(p), uitest.Key(k))
}

func typeText(t testing.TB, p common.Page, s string) {
	t.Helper()
	uitest.Run(t, update(p), tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)})
}

func statusOf(msgs []tea.Msg) string {
	var out []string
	for _, m := range msgs {
		switch m := m.(type) {
		case common.StatusMsg:
			out = append(out, m.Text)
		case common.ErrorMsg:
			out = append(out, m.What+" failed: "+m.Err.Error())
		}
	}
	return strings.Join(out, " | ")
}

func pushed(msgs []tea.Msg) common.Page {
	for _, m := range msgs {
		if p, ok := m.(common.PushMsg); ok {
			return p.Page
		}
	}
	return nil
}

func open(t testing.TB, p common.Page, w, h int) {
	t.Helper()
	p.SetSize(w, h)
	uitest.Drain(t, update(p), p.Init())
}

func fits(t testing.TB, p common.Page, w, h int, what string) {
	t.Helper()
	lines := strings.Split(p.View(), "\n")
	if len(lines) > h {
		t.Errorf("%dx%d %s: %d lines", w, h, what, len(lines))
	}
	for i, l := range lines {
		if lw := sanitize.Width(l); lw > w {
			t.Errorf("%dx%d %s: line %d is %d cells: %q", w, h, what, i, lw, l)
		}
	}
}

func findOffers(t testing.TB, sb *sandbox.Server, n int, ok func(*sandbox.Offer) bool) []*sandbox.Offer {
	t.Helper()
	var out []*sandbox.Offer
	for _, o := range sb.Catalogue().Offers {
		if ok(o) {
			out = append(out, o)
			if len(out) == n {
				return out
			}
		}
	}
	t.Fatalf("the sandbox has %d such offers, want %d", len(out), n)
	return nil
}
