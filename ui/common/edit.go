package common

import tea "github.com/charmbracelet/bubbletea"

// QuantityInputMax bounds a typed quantity: enough for any number and a
// slip of the finger, not a pasted paragraph.
const QuantityInputMax = 24

// EditRunes applies an editing key to a small one-line input (the typed
// quantity on the product page and in the cart): backspace, ctrl+u,
// printable characters up to max. It reports whether the key was one.
func EditRunes(input []rune, msg tea.KeyMsg, max int) ([]rune, bool) {
	switch msg.Type {
	case tea.KeyBackspace:
		if len(input) > 0 {
			input = input[:len(input)-1]
		}
	case tea.KeyCtrlU:
		input = nil
	case tea.KeyRunes, tea.KeySpace:
		for _, r := range msg.Runes {
			if len(input) < max && r >= 0x20 && r != 0x7f {
				input = append(input, r)
			}
		}
	default:
		return input, false
	}
	return input, true
}
