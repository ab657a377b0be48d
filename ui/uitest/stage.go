package uitest

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"caigou/ui/common"
	"caigou/ui/keys"
	"caigou/ui/sanitize"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
)

// Stage stands in for the desk's root in a package's golden tests: a page
// stack and a status line (and, with Help, a line of the top page's keys),
// with replies routed to the page that asked. It keeps a package's
// goldens about its own pages, not the root's header and footer.
type Stage struct {
	C     *common.Common
	Stack []common.Page
	// Help adds a line of the top page's short help above the status.
	Help   bool
	status string
	w, h   int
}

// NewStage stages pages, bottom first.
func NewStage(c *common.Common, pages ...common.Page) *Stage {
	return &Stage{C: c, Stack: pages}
}

func (s *Stage) top() common.Page { return s.Stack[len(s.Stack)-1] }

func (s *Stage) footer() int {
	if s.Help {
		return 2
	}
	return 1
}

// Init implements tea.Model.
func (s *Stage) Init() tea.Cmd { return s.top().Init() }

// Update implements tea.Model.
func (s *Stage) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		s.w, s.h = msg.Width, msg.Height
		for _, p := range s.Stack {
			p.SetSize(s.w, s.h-s.footer())
		}
		return s, nil
	case tea.KeyMsg:
		if s.C.Keys.Matches(msg, keys.ForceQuit) {
			return s, tea.Quit
		}
		s.status = ""
		if !s.top().CapturesInput() && s.C.Keys.Matches(msg, keys.Back) && len(s.Stack) > 1 {
			s.top().Close()
			s.Stack = s.Stack[:len(s.Stack)-1]
			if r, ok := s.top().(interface{ Resume() tea.Cmd }); ok {
				return s, r.Resume()
			}
			return s, nil
		}
	case common.PushMsg:
		s.Stack = append(s.Stack, msg.Page)
		msg.Page.SetSize(s.w, s.h-s.footer())
		return s, msg.Page.Init()
	case common.StatusMsg:
		s.status = msg.Text
		return s, nil
	case common.ErrorMsg:
		s.status = "Error " + msg.What + ": " + msg.Err.Error()
		return s, nil
	case common.Addressed:
		for i, p := range s.Stack {
			if p.ID() == msg.PageID() {
				var cmd tea.Cmd
				s.Stack[i], cmd = p.Update(msg)
				return s, cmd
			}
		}
		return s, nil
	}
	var cmd tea.Cmd
	s.Stack[len(s.Stack)-1], cmd = s.top().Update(msg)
	return s, cmd
}

// View implements tea.Model.
func (s *Stage) View() string {
	if s.w == 0 {
		return ""
	}
	out := s.top().View() + "\n"
	if s.Help {
		var help []string
		for _, b := range s.top().ShortHelp() {
			help = append(help, b.Help().Key+" "+b.Help().Desc)
		}
		out += sanitize.Truncate(strings.Join(help, "   "), s.w) + "\n"
	}
	return out + sanitize.Truncate(s.status, s.w)
}

// WaitFor waits until the program's output holds text. The deadline
// bounds a hang; it does not measure speed.
func WaitFor(t *testing.T, tm *teatest.TestModel, text string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(text)) },
		teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}
