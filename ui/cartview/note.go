package cartview

import (
	"caigou/ui/cart"
	"caigou/ui/common"
	"caigou/ui/keys"
	"caigou/ui/sanitize"

	tea "github.com/charmbracelet/bubbletea"
)

// maxNote is 1688's limit on a buyer's message to the seller.
const maxNote = cart.MaxMessage

// startNote opens the input for the note to the seller of the line
// under the cursor; the note goes with that supplier's order.
func (m *Model) startNote() tea.Cmd {
	l := m.lines[m.cursor]
	m.noting = true
	m.noteFor = l.SellerOpenID
	m.noteName = sanitize.Line(l.SellerName)
	if m.noteName == "" {
		m.noteName = "the seller"
	}
	m.note.SetValue(m.c.Cart.Message(l.SellerOpenID))
	m.note.Width = max(m.w-sanitize.Width(m.noteLead())-2, 8)
	m.note.CursorEnd()
	m.keepCursorInView()
	return m.note.Focus()
}

// noteKey handles a key while the note input is open.
func (m *Model) noteKey(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys
	switch {
	case k.Matches(msg, keys.Open):
		text := sanitize.Line(m.note.Value())
		m.stopNote()
		if text == m.c.Cart.Message(m.noteFor) {
			return common.Status(common.Info, "Note unchanged.")
		}
		return m.enqueue(op{kind: opNote, seller: m.noteFor, note: text, what: m.noteName})
	case k.Matches(msg, keys.Back):
		m.stopNote()
		return common.Status(common.Info, "Note unchanged.")
	}
	var cmd tea.Cmd
	m.note, cmd = m.note.Update(msg)
	return cmd
}

func (m *Model) stopNote() {
	m.noting = false
	m.note.Blur()
	m.keepCursorInView()
}
