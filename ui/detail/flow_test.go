package detail

import (
	"caigou/ui/uitest"
	"fmt"
	"strings"
	"testing"
	"time"

	"caigou/xport/sandbox"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
)

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

// TestFlow opens a product, picks the next size, types a quantity, adds
// the line and opens the supplier chat, at two terminal sizes.
func TestFlow(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			e := newEnv(t)
			o := flowOffer(t, e.sb)
			page := New(e.c, card(o)).(*Model)
			st := uitest.NewStage(e.c, page)
			tm := teatest.NewTestModel(t, st, teatest.WithInitialTermSize(size[0], size[1]))

			uitest.WaitFor(t, tm, "Price by quantity")
			tm.Send(keyMsg("tab"))
			tm.Send(keyMsg("l"))
			q := least(o) + 2*lot(o)
			tm.Type(itoa(q))
			tm.Send(keyMsg("enter"))
			uitest.WaitFor(t, tm, fmt.Sprintf("Quantity: %d ", q))
			tm.Send(keyMsg("a"))
			uitest.WaitFor(t, tm, "Added")
			tm.Send(keyMsg("m"))
			uitest.WaitFor(t, tm, "Link sent to your clipboard")
			tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})

			final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*uitest.Stage)
			if len(final.Stack) != 2 {
				t.Fatalf("%d pages on the stack", len(final.Stack))
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
