package detail

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"caigou/ui/common"
	"caigou/ui/keys"
	"caigou/ui/sanitize"
	"caigou/xport/sandbox"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
)

// stage is a stand-in for the desk's root: a page stack with a status
// line, routing replies to the page that asked. It keeps these goldens
// about this package's pages, not the root's header and footer.
type stage struct {
	c      *common.Common
	stack  []common.Page
	status string
	w, h   int
}

func (s *stage) top() common.Page { return s.stack[len(s.stack)-1] }

func (s *stage) Init() tea.Cmd { return s.top().Init() }

func (s *stage) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		s.w, s.h = msg.Width, msg.Height
		for _, p := range s.stack {
			p.SetSize(s.w, s.h-1)
		}
		return s, nil
	case tea.KeyMsg:
		if s.c.Keys.Matches(msg, keys.ForceQuit) {
			return s, tea.Quit
		}
		s.status = ""
		if !s.top().CapturesInput() && s.c.Keys.Matches(msg, keys.Back) && len(s.stack) > 1 {
			s.top().Close()
			s.stack = s.stack[:len(s.stack)-1]
			return s, nil
		}
	case common.PushMsg:
		s.stack = append(s.stack, msg.Page)
		msg.Page.SetSize(s.w, s.h-1)
		return s, msg.Page.Init()
	case common.StatusMsg:
		s.status = msg.Text
		return s, nil
	case common.ErrorMsg:
		s.status = "Error " + msg.What + ": " + msg.Err.Error()
		return s, nil
	case common.Addressed:
		for i, p := range s.stack {
			if p.ID() == msg.PageID() {
				var cmd tea.Cmd
				s.stack[i], cmd = p.Update(msg)
				return s, cmd
			}
		}
		return s, nil
	}
	var cmd tea.Cmd
	s.stack[len(s.stack)-1], cmd = s.top().Update(msg)
	return s, cmd
}

func (s *stage) View() string {
	if s.w == 0 {
		return ""
	}
	return s.top().View() + "\n" + sanitize.Truncate(s.status, s.w)
}

// flowOffer is a tiered offer with two axes whose every SKU in stock has
// room for the flow's quantity.
func flowOffer(t *testing.T, sb *sandbox.Server) *sandbox.Offer {
	return findOffer(t, sb, "fit for the flow", func(o *sandbox.Offer) bool {
		if !published(o) || o.QuoteType != 2 || len(o.Axes) != 2 || len(o.Tiers) < 2 || len(o.Axes[1].Values) < 3 {
			return false
		}
		for _, k := range o.SKUs {
			if k.Stock != 0 && k.Stock < least(o)+4*lot(o) {
				return false
			}
		}
		return inStock(o) != nil
	})
}

func waitFor(t *testing.T, tm *teatest.TestModel, text string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(text)) },
		teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

// TestFlow opens a product, picks the next size, types a quantity, adds
// the line and opens the supplier chat, at two terminal sizes.
func TestFlow(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			e := newEnv(t)
			o := flowOffer(t, e.sb)
			page := New(e.c, card(o)).(*Model)
			st := &stage{c: e.c, stack: []common.Page{page}}
			tm := teatest.NewTestModel(t, st, teatest.WithInitialTermSize(size[0], size[1]))

			waitFor(t, tm, "Price by quantity")
			tm.Send(keyMsg("tab"))
			tm.Send(keyMsg("l"))
			q := least(o) + 2*lot(o)
			tm.Type(itoa(q))
			tm.Send(keyMsg("enter"))
			waitFor(t, tm, fmt.Sprintf("Quantity: %d ", q))
			tm.Send(keyMsg("a"))
			waitFor(t, tm, "Added")
			tm.Send(keyMsg("m"))
			waitFor(t, tm, "Link copied")
			tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})

			final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*stage)
			if len(final.stack) != 2 {
				t.Fatalf("%d pages on the stack", len(final.stack))
			}
			// The freight estimate runs 300 ms after the last change; settle
			// it here so the golden does not depend on timing.
			if page.freightWaiting {
				run(t, page, page.fetchFreight())
			}
			lines := e.c.Cart.Lines()
			if len(lines) != 1 || lines[0].Quantity != q || lines[0].SpecID != page.chosen().specID {
				t.Errorf("cart %+v", lines)
			}
			if page.chosen().vals[1] == 0 {
				t.Error("the size did not change")
			}
			var out strings.Builder
			out.WriteString("── product page ──\n")
			out.WriteString(page.View())
			out.WriteString("\n── chat link panel, on top ──\n")
			out.WriteString(final.View())
			out.WriteString("\n")
			golden.RequireEqual(t, []byte(out.String()))
		})
	}
}
