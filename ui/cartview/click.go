package cartview

import (
	"caigou/ui/common"
	"caigou/ui/detail"
	"caigou/xport"

	tea "github.com/charmbracelet/bubbletea"
)

// listTop is the page line of the list's first row: the address line and
// the column header come before it (view.go).
const listTop = 2

// Click selects the cart line on page line y ([ui] mouse); a click on the
// line already selected opens its product, as enter does. Supplier
// headers, warnings and the total select nothing, nor does a click while
// a quantity or a note is being typed.
func (m *Model) Click(y int) tea.Cmd {
	if m.editing || m.noting || len(m.input) > 0 || len(m.lines) == 0 {
		return nil
	}
	if m.c.Cart.Version() != m.drawn {
		m.rebuild() // what is on screen, as View would draw it
	}
	r := m.offset + y - listTop
	if y < listTop || y-listTop >= m.listHeight() || r >= len(m.rows) || m.rows[r].line < 0 {
		return nil
	}
	if i := m.rows[r].line; i != m.cursor {
		m.cursor = i
		m.keepCursorInView()
		return nil
	}
	return m.openLine()
}

// openLine opens the product of the line under the cursor, on its SKU and
// quantity: a in it sets the line rather than adding to it.
func (m *Model) openLine() tea.Cmd {
	l := m.lines[m.cursor]
	return common.Push(detail.NewForLine(m.c, xport.Offer{OfferID: xport.ID(l.OfferID), Subject: xport.Text(l.TitleZH), SubjectTrans: xport.Text(l.Title)}, l.Key(), l.Quantity))
}
