package link

import (
	"fmt"
	"io"

	"caigou/ui/common"
	"caigou/ui/keys"

	"github.com/aymanbagabas/go-osc52/v2"
	tea "github.com/charmbracelet/bubbletea"
)

// CopiedText is the status line after a copy. OSC 52 gives no answer, so
// the desk cannot know whether the terminal honoured it; the text says
// what to do if it did not.
const CopiedText = "Link copied to clipboard (OSC 52) — if nothing was copied, select the text above"

// Copy puts text on the clipboard of the user's terminal with OSC 52,
// which works over SSH because the terminal, not this machine, owns the
// clipboard. Under tmux the sequence is wrapped in tmux's passthrough,
// which go-osc52 does (tmux then needs allow-passthrough on). The write
// happens in the command, once, on c.Term.
func Copy(c *common.Common, text string) tea.Cmd {
	seq := osc52.New(text)
	if c.Env.Tmux {
		seq = seq.Tmux()
	}
	w := c.Term
	return func() tea.Msg {
		if w == nil {
			return common.StatusMsg{Level: common.Warn, Text: "No terminal to copy through here — select the text above to copy it"}
		}
		if _, err := io.WriteString(w, seq.String()); err != nil {
			return common.ErrorMsg{What: "copying to the clipboard", Err: fmt.Errorf("%w (select the text above to copy it)", err)}
		}
		return common.StatusMsg{Level: common.OK, Text: CopiedText}
	}
}

// OpenInBrowser opens u with c.Open, but only where a browser is the
// user's own: never over SSH, where it would start on the server or fail.
func OpenInBrowser(c *common.Common, u string) tea.Cmd {
	if !c.Env.CanOpenBrowser() || c.Open == nil {
		return common.Status(common.Info, "No browser is opened from here (remote session): click the link, copy it with "+
			c.Keys.Get(keys.Copy).Help().Key+", or scan the code")
	}
	open := c.Open
	return func() tea.Msg {
		if err := open(u); err != nil {
			return common.ErrorMsg{What: "opening the link in your browser", Err: err}
		}
		return common.StatusMsg{Level: common.OK, Text: "Opened in your browser"}
	}
}
