package app

import (
	"bytes"
	"testing"
	"time"

	"caigou/ui/search"
	"caigou/ui/uitest"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
)

// TestSearchFlowGolden drives the whole desk as a person would: type a
// keyword, press enter, wait for the results, quit. The golden is the
// final screen, compared as text; the frames on the way depend on timing.
func TestSearchFlowGolden(t *testing.T) {
	cases := []struct {
		name    string
		keyword string
		w, h    int
		// until is on screen only once every page the screen asks for has
		// arrived, so the final screen does not depend on timing.
		until string
	}{
		{"chinese_80x24", "连衣裙", 80, 24, "34 found"},
		{"chinese_120x40", "连衣裙", 120, 40, "end of results"},
		{"english_80x24", "phone case", 80, 24, "34 found"},
		{"english_120x40", "phone case", 120, 40, "end of results"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := uitest.NewSession(t)
			root := New(s.C, search.New(s.C))
			tm := teatest.NewTestModel(t, root, teatest.WithInitialTermSize(c.w, c.h))
			wait := func(what string) {
				t.Helper()
				teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
					return bytes.Contains(b, []byte(what))
				}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
			}
			wait("Search:")
			// An input method commits the whole word as one key event;
			// teatest's Type would split it into bytes.
			tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("/")})
			tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(c.keyword)})
			tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
			wait(c.until)
			tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
			final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*Model)
			teatest.RequireEqualOutput(t, []byte(final.View()))
		})
	}
}

func TestMain(m *testing.M) { uitest.Main(m) }
