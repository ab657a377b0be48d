package link

import (
	"bufio"
	"io"
	"strings"

	"caigou/ui/common"

	tea "github.com/charmbracelet/bubbletea"
)

// alone shows the link by itself on the terminal's normal screen, outside
// the desk's frame: the URL as one logical line, which the terminal wraps
// and a mouse selection copies whole (inside the frame it is cut into
// lines, and a selection copies the breaks), clickable where the terminal
// knows OSC 8; and the QR code with nothing around it, for a phone, when
// the frame had no room for it. enter goes back to the desk.
type alone struct {
	text string
	in   io.Reader
	out  io.Writer
}

func (a *alone) SetStdin(r io.Reader)  { a.in = r }
func (a *alone) SetStdout(w io.Writer) { a.out = w }
func (a *alone) SetStderr(io.Writer)   {}

func (a *alone) Run() error {
	if _, err := io.WriteString(a.out, "\x1b[2J\x1b[H"+a.text); err != nil {
		return err
	}
	// The terminal is in its normal (cooked) mode here: a line is read
	// when enter is pressed.
	_, err := bufio.NewReader(a.in).ReadString('\n')
	if err == io.EOF {
		err = nil
	}
	return err
}

// aloneText is what the alone screen prints: the code first, then the
// title, the link and the way back, so the link and the prompt stay in
// view at the bottom even when the code is taller than the terminal.
func (m *Model) aloneText() string {
	var b strings.Builder
	if m.web && m.qrErr == nil {
		for _, l := range qrLines(m.qr, m.lightInk) {
			b.WriteString(m.ink.Render(l) + "\n")
		}
		b.WriteString("\n")
	}
	b.WriteString(m.title + "\n")
	if m.web {
		b.WriteString(Hyperlink(m.url, m.url))
	} else {
		b.WriteString(m.url)
	}
	b.WriteString("\n\nPress enter to go back to caigou.\n")
	return b.String()
}

// showAlone runs the alone screen; the desk's frame comes back after it.
func (m *Model) showAlone() tea.Cmd {
	return tea.Exec(&alone{text: m.aloneText()}, func(err error) tea.Msg {
		if err != nil {
			return common.ErrorMsg{What: "showing the link alone", Err: err}
		}
		return nil
	})
}
