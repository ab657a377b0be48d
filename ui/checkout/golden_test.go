package checkout

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"caigou/ui/common"
	"caigou/ui/keys"
	"caigou/ui/sanitize"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
)

// stage stands in for the desk's root: the page and a status line, with
// replies routed to the page. It keeps the golden about this page, not
// the root's header and footer.
type stage struct {
	c      *common.Common
	page   common.Page
	status string
	w, h   int
}

func (s *stage) Init() tea.Cmd { return s.page.Init() }

func (s *stage) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		s.w, s.h = msg.Width, msg.Height
		s.page.SetSize(s.w, s.h-1)
		return s, nil
	case tea.KeyMsg:
		if s.c.Keys.Matches(msg, keys.ForceQuit) {
			return s, tea.Quit
		}
	case common.StatusMsg:
		s.status = msg.Text
		return s, nil
	case common.ErrorMsg:
		s.status = "Error " + msg.What + ": " + msg.Err.Error()
		return s, nil
	}
	var cmd tea.Cmd
	s.page, cmd = s.page.Update(msg)
	return s, cmd
}

func (s *stage) View() string {
	if s.w == 0 {
		return ""
	}
	return s.page.View() + "\n" + sanitize.Truncate(s.status, s.w)
}

// TestGolden is the preview of two suppliers, one refused, as a person
// sees it at two terminal sizes.
func TestGolden(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			e := newEnv(t, 5*time.Second)
			e.twoSuppliers(t)
			page := New(e.c, e.addr, e.c.Cart.Groups(), nil)
			st := &stage{c: e.c, page: page}
			tm := teatest.NewTestModel(t, st, teatest.WithInitialTermSize(size[0], size[1]))
			// Both previews are in once one group is refused and the other
			// counted in the total.
			teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
				return bytes.Contains(b, []byte("refused")) && bytes.Contains(b, []byte("To place:"))
			}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
			tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
			final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*stage)
			teatest.RequireEqualOutput(t, []byte(final.View()))
		})
	}
}
