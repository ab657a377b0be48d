package link

import (
	"fmt"
	"io"

	"caigou/ui/common"
	"caigou/ui/keys"

	"github.com/aymanbagabas/go-osc52/v2"
	tea "github.com/charmbracelet/bubbletea"
)

// CopiedText is the status line after a copy outside tmux. OSC 52 gets
// no answer, so the desk cannot know whether the terminal honoured it;
// the text says so, and what to do if it did not.
const CopiedText = "Link sent to your clipboard (OSC 52); if it is not there, select the link"

// Copy puts text on the clipboard of the user's terminal with OSC 52,
// which works over SSH because the terminal, not this machine, owns the
// clipboard. Under tmux the sequence is sent plain, not wrapped in tmux's
// passthrough: tmux drops a wrapped one unless allow-passthrough is on,
// and with set-clipboard on (what the README advises) tmux itself takes a
// plain one into its buffer and forwards it to the outer terminal. The
// status says only what the desk can know: tmux's setting, read at start.
// The write happens in the command, once, on c.Term.
func Copy(c *common.Common, text string) tea.Cmd {
	seq := osc52.New(text).String()
	w, env := c.Term, c.Env
	return func() tea.Msg {
		if w == nil {
			return common.StatusMsg{Level: common.Warn, Text: "No terminal to copy through here — select the text above to copy it"}
		}
		if _, err := io.WriteString(w, seq); err != nil {
			return common.ErrorMsg{What: "copying to the clipboard", Err: fmt.Errorf("%w (select the text above to copy it)", err)}
		}
		return copied(env)
	}
}

// copied is what a copy can honestly be said to have done.
func copied(env common.Env) tea.Msg {
	if !env.Tmux {
		return common.StatusMsg{Level: common.OK, Text: CopiedText}
	}
	switch env.TmuxClipboard {
	case "on":
		return common.StatusMsg{Level: common.OK, Text: "Link copied into tmux's buffer and sent on to your terminal (tmux set-clipboard on) — if your terminal does not take it, select the link above"}
	case "":
		return common.StatusMsg{Level: common.Warn, Text: "Link sent to tmux; whether it reaches your clipboard depends on tmux's set-clipboard (it must be on: tmux set -g set-clipboard on). Or select the link above"}
	}
	return common.StatusMsg{Level: common.Warn, Text: "Not copied: tmux has set-clipboard " + env.TmuxClipboard + ", so the link stopped at tmux. Run tmux set -g set-clipboard on (and put it in ~/.tmux.conf), or select the link above"}
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
