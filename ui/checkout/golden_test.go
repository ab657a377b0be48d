package checkout

import (
	"bytes"
	"caigou/ui/uitest"
	"fmt"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
)

// TestGolden is the preview of two suppliers, one refused, as a person
// sees it at two terminal sizes.
func TestGolden(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			e := newEnv(t, 5*time.Second)
			e.twoSuppliers(t)
			page := New(e.c, e.addr, e.c.Cart.Groups(), nil)
			st := uitest.NewStage(e.c, page)
			tm := teatest.NewTestModel(t, st, teatest.WithInitialTermSize(size[0], size[1]))
			// Both previews are in once one group is refused and the other
			// counted in the total.
			teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
				return bytes.Contains(b, []byte("refused")) && bytes.Contains(b, []byte("To place:"))
			}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
			tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
			final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*uitest.Stage)
			teatest.RequireEqualOutput(t, []byte(final.View()))
		})
	}
}
