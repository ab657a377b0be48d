package orders

import (
	"caigou/ui/uitest"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
)

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
			st := uitest.NewStage(e.c, list)
			st.Help = true
			tm := teatest.NewTestModel(t, st, teatest.WithInitialTermSize(size[0], size[1]))

			uitest.WaitFor(t, tm, "end of list")
			tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j")})
			tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
			// The title names the order and the time once both the order
			// and its trace are in.
			uitest.WaitFor(t, tm, "Order "+ids[1]+" · updated 11:33 CST")
			// Keys are taken in order, so G lands before ctrl+c.
			tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("G")})
			tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})

			final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*uitest.Stage)
			if len(final.Stack) != 2 {
				t.Fatalf("%d pages on the stack", len(final.Stack))
			}
			d := final.Stack[len(final.Stack)-1].(*Detail)
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
