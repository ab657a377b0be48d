package sourcingview

import (
	"strings"

	"caigou/ui/keys"
	"caigou/ui/sanitize"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// prompt is the one-line text box at the foot of a page, for a name or a
// number. ask opens it for a purpose; the page acts on enter.
type prompt struct {
	in      textinput.Model
	label   string
	purpose int // the page's own code for what enter does; 0: closed
}

func newPrompt() prompt {
	in := textinput.New()
	in.Cursor.SetMode(cursor.CursorStatic) // no blink redraws over SSH
	in.Prompt = ""
	in.CharLimit = 20_000 // a paste lands whole; the store says if too long
	return prompt{in: in}
}

func (p *prompt) open() bool { return p.purpose != 0 }

func (p *prompt) ask(purpose int, label, value string) tea.Cmd {
	p.purpose, p.label = purpose, label
	p.in.SetValue(value)
	p.in.CursorEnd()
	return p.in.Focus()
}

func (p *prompt) close() {
	p.purpose = 0
	p.in.Blur()
}

// key handles a key while open: enter gives back the purpose and the
// text typed (closing the box), esc closes it with purpose 0.
func (p *prompt) key(km *keys.KeyMap, msg tea.KeyMsg) (purpose int, text string, cmd tea.Cmd) {
	switch {
	case km.Matches(msg, keys.Open):
		purpose, text = p.purpose, strings.TrimSpace(p.in.Value())
		p.close()
		return purpose, text, nil
	case km.Matches(msg, keys.Back):
		p.close()
		return 0, "", nil
	}
	p.in, cmd = p.in.Update(msg)
	return 0, "", cmd
}

func (p *prompt) view(w int) string {
	p.in.Width = max(w-sanitize.Width(p.label)-2, 8)
	return sanitize.Truncate(p.label+p.in.View(), w)
}
