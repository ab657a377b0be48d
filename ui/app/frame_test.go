package app

import (
	"strings"
	"testing"

	"caigou/ui/cart"
	"caigou/ui/common"
	"caigou/ui/keys"
	"caigou/ui/sanitize"
	"caigou/ui/uitest"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// The tests of the root's frame cache (the file is named for the
// benchmark work it belongs to).

// changing is a page whose title, help and lines the test changes
// between frames.
type changing struct {
	*fakePage
	lines []string
	help  []key.Binding
}

func (p *changing) View() string {
	out := make([]string, p.h)
	copy(out, p.lines)
	return strings.Join(out, "\n")
}

func (p *changing) ShortHelp() []key.Binding { return p.help }

func (p *changing) Update(msg tea.Msg) (common.Page, tea.Cmd) {
	p.fakePage.Update(msg)
	return p, nil
}

// TestHeaderAndFooterFollowWhatTheyShow: the header and the footer are
// drawn once and kept, so each frame must still show the title, the cart,
// the help and the status as they are now, and the page area must follow
// the footer's height.
func TestHeaderAndFooterFollowWhatTheyShow(t *testing.T) {
	m, first, s := newRoot(t, 100, 30)
	p := &changing{fakePage: newFake(s.C, "Product"), help: s.C.Keys.Bindings(keys.Up, keys.Down)}
	m.Update(common.PushMsg{Page: p})
	line := func(i int) string { return strings.Split(m.View(), "\n")[i] }
	last := func() string { v := strings.Split(m.View(), "\n"); return v[len(v)-1] }

	if h := line(0); !strings.Contains(h, "Search › Product") || !strings.Contains(h, "cart 0 lines ¥0.00") {
		t.Fatalf("header %q", h)
	}
	// The cart changes under the root (another page's command, another
	// session): the next frame's header shows it.
	s.C.Cart.Add(cart.Line{OfferID: "1", Quantity: 2, UnitPrice: 1050})
	if h := line(0); !strings.Contains(h, "cart 1 line ¥21.00") {
		t.Errorf("after an add, header %q", h)
	}
	s.C.Cart.SetQuantity(cart.Key{OfferID: "1"}, 3)
	if h := line(0); !strings.Contains(h, "cart 1 line ¥31.50") {
		t.Errorf("after a quantity change, header %q", h)
	}
	// A title that changes with the page's state.
	p.title = "Product 连衣裙"
	m.Update(struct{}{})
	if h := line(0); !strings.Contains(h, "Search › Product 连衣裙") {
		t.Errorf("after the title changed, header %q", h)
	}

	// The help follows the page's keys.
	footer := func() string { v := strings.Split(m.View(), "\n"); return v[len(v)-2] }
	if f := footer(); !strings.Contains(f, "up") || strings.Contains(f, "add to cart") {
		t.Fatalf("help %q", f)
	}
	p.help = s.C.Keys.Bindings(keys.Add)
	m.Update(struct{}{})
	if f := footer(); !strings.Contains(f, "add to cart") || strings.Contains(f, "up") {
		t.Errorf("after the page's keys changed, help %q", f)
	}
	// A binding switched off leaves the help.
	p.help[0].SetEnabled(false)
	m.Update(struct{}{})
	if f := footer(); strings.Contains(f, "add to cart") {
		t.Errorf("a disabled key is still in the help: %q", f)
	}

	// The status line, and the page area as the footer grows and shrinks.
	m.Update(common.StatusMsg{Text: "Saved", Level: common.OK})
	if l := last(); !strings.Contains(l, "Saved") {
		t.Errorf("status %q", l)
	}
	h := p.h
	m.Update(common.ErrorMsg{What: "Loading", Err: errorText(strings.Repeat("a long failure ", 20))})
	if p.h >= h {
		t.Errorf("a three-line error left the page %d lines (was %d)", p.h, h)
	}
	checkFits(t, m, 100, 30, "long error")
	m.Update(uitest.Key("j"))
	if p.h != h || strings.Contains(m.View(), "failure") {
		t.Errorf("after the key cleared the error: page %d lines (want %d)", p.h, h)
	}
	m.Update(uitest.Key("?"))
	if !strings.Contains(m.View(), "quit now") {
		t.Error("full help lacks the global keys")
	}
	checkFits(t, m, 100, 30, "full help")
	m.Update(uitest.Key("?"))
	if p.h != h {
		t.Errorf("closing the full help left the page %d lines, want %d", p.h, h)
	}

	// A resize draws everything again at the new width.
	m.Update(tea.WindowSizeMsg{Width: 70, Height: 20})
	checkFits(t, m, 70, 20, "after a resize")
	if first.w != 70 || p.w != 70 {
		t.Errorf("pages sized %d and %d wide, want 70", first.w, p.w)
	}
}

type errorText string

func (e errorText) Error() string { return string(e) }

// TestPageLinesAreClamped: a page line wider than the screen is cut, in
// every frame, whether or not an earlier frame had it; lines that fit,
// Chinese among them, are left as they are.
func TestPageLinesAreClamped(t *testing.T) {
	m, _, s := newRoot(t, 60, 16)
	p := &changing{fakePage: newFake(s.C, "Wide")}
	m.Update(common.PushMsg{Page: p})
	zh := strings.Repeat("连衣裙", 10) // 60 cells, 90 bytes
	wide := strings.Repeat("x", 80)
	p.lines = []string{zh, "short"}
	for i := 0; i < 2; i++ {
		v := strings.Split(m.View(), "\n")
		if v[1] != zh || v[2] != "short" {
			t.Fatalf("frame %d: lines that fit were changed: %q %q", i, v[1], v[2])
		}
	}
	p.lines = []string{zh, wide, zh + "多"}
	for i := 0; i < 2; i++ {
		v := strings.Split(m.View(), "\n")
		if v[1] != zh || sanitize.Width(v[2]) != 60 || sanitize.Width(v[3]) != 60 {
			t.Errorf("frame %d: widths %d %d %d, want 60 each", i, sanitize.Width(v[1]), sanitize.Width(v[2]), sanitize.Width(v[3]))
		}
	}
	checkFits(t, m, 60, 16, "wide page")
}
