package orders

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"caigou/ui/common"
	"caigou/ui/keys"
	"caigou/ui/sanitize"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
)

// stage stands in for the desk's root: a page stack, a line of the top
// page's keys and a status line, with replies routed to the page that
// asked. It keeps these goldens about this package's pages.
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
			p.SetSize(s.w, s.h-2)
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
			if r, ok := s.top().(interface{ Resume() tea.Cmd }); ok {
				return s, r.Resume()
			}
			return s, nil
		}
	case common.PushMsg:
		s.stack = append(s.stack, msg.Page)
		msg.Page.SetSize(s.w, s.h-2)
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
	var help []string
	for _, b := range s.top().ShortHelp() {
		help = append(help, b.Help().Key+" "+b.Help().Desc)
	}
	return s.top().View() + "\n" + sanitize.Truncate(strings.Join(help, "   "), s.w) + "\n" + sanitize.Truncate(s.status, s.w)
}

func waitFor(t *testing.T, tm *teatest.TestModel, text string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(text)) },
		teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

// TestOrdersFlowGolden opens the orders a day after three were placed and
// one paid, then the paid one's detail with its trace, at two sizes. The
// marketplace clock stands still, so every time on screen is fixed.
func TestOrdersFlowGolden(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			e := newEnv(t)
			ids := e.place(t, 3)
			e.pay(t, ids[1])
			e.clock.Advance(26 * time.Hour)
			list := newModel(e.c)
			st := &stage{c: e.c, stack: []common.Page{list}}
			tm := teatest.NewTestModel(t, st, teatest.WithInitialTermSize(size[0], size[1]))

			waitFor(t, tm, "end of list")
			tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j")})
			tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
			// The title names the order and the time once both the order
			// and its trace are in.
			waitFor(t, tm, "Order "+ids[1]+" · updated 11:33 CST")
			// Keys are taken in order, so G lands before ctrl+c.
			tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("G")})
			tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})

			final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*stage)
			if len(final.stack) != 2 {
				t.Fatalf("%d pages on the stack", len(final.stack))
			}
			d := final.top().(*Detail)
			if d.orderID != ids[1] {
				t.Fatalf("opened %s, want %s", d.orderID, ids[1])
			}
			if v := final.View(); !strings.Contains(v, "卖家已发货") {
				t.Fatalf("the oldest step is not on screen at the end:\n%s", v)
			}
			var out strings.Builder
			out.WriteString("── orders list ──\n")
			out.WriteString(list.View())
			out.WriteString("\n── order detail, scrolled to the end ──\n")
			out.WriteString(final.View())
			d.offset = 0
			out.WriteString("\n── order detail, top ──\n")
			out.WriteString(d.View())
			out.WriteString("\n")
			golden.RequireEqual(t, []byte(out.String()))
		})
	}
}
