// Package link is the panel for a URL the agent must open somewhere else:
// a supplier's chat now, a payment page later. Over SSH the desk cannot
// open a browser on the agent's machine, so the panel offers every other
// way across: a clickable OSC 8 link, the plain text, a clipboard copy
// through the terminal (OSC 52) and a QR code for a phone.
package link

import (
	"caigou/ui/common"
	"caigou/ui/keys"
	"caigou/ui/sanitize"
	"github.com/muesli/termenv"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// Model is the link panel.
type Model struct {
	c     *common.Common
	id    int
	title string
	url   string // normalized, what is shown, linked, copied and encoded
	web   bool   // an http(s) URL: linkable and worth a QR code
	qr    [][]bool
	qrErr error
	ink   lipgloss.Style
	// lightInk: no colour, and the terminal writes light on dark.
	lightInk bool

	w, h  int
	lines []string // the laid-out view, rebuilt on resize
}

// New builds the panel for url under a title ("Chat with 义乌市某某贸易").
// The QR code is encoded here, once.
func New(c *common.Common, title, url string) common.Page {
	m := &Model{c: c, id: c.NextID(), title: sanitize.Line(title)}
	m.url, m.web = Normalize(url)
	if m.web {
		m.qr, m.qrErr = qrBitmap(m.url)
	}
	// Black on white whatever the terminal's theme: a phone expects dark
	// modules on a light ground. Without colour the blocks are the
	// terminal's text colour, which most phone readers also accept.
	m.ink = c.Styles.R.NewStyle().
		Foreground(lipgloss.CompleteColor{TrueColor: "#000000", ANSI256: "16", ANSI: "0"}).
		Background(lipgloss.CompleteColor{TrueColor: "#FFFFFF", ANSI256: "231", ANSI: "15"})
	m.lightInk = c.Styles.R.ColorProfile() == termenv.Ascii && c.Styles.R.HasDarkBackground()
	return m
}

// URL is the link as shown and copied.
func (m *Model) URL() string { return m.url }

// ID implements common.Page.
func (m *Model) ID() int { return m.id }

// Init copies the link at once: it is what the agent opened the panel for.
func (m *Model) Init() tea.Cmd { return Copy(m.c, m.url) }

// Update implements common.Page.
func (m *Model) Update(msg tea.Msg) (common.Page, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	switch {
	case m.c.Keys.Matches(k, keys.Copy):
		return m, Copy(m.c, m.url)
	case m.c.Keys.Matches(k, keys.Alone):
		return m, m.showAlone()
	case m.c.Keys.Matches(k, keys.Browser):
		if !m.web {
			return m, common.Status(common.Warn, "This is not a web link; copy it instead")
		}
		return m, OpenInBrowser(m.c, m.url)
	}
	return m, nil
}

// SetSize implements common.Page.
func (m *Model) SetSize(w, h int) {
	m.w, m.h = w, h
	m.layout()
}

// Title implements common.Page.
func (m *Model) Title() string { return sanitize.Truncate(m.title, 30) }

// CapturesInput implements common.Page.
func (m *Model) CapturesInput() bool { return false }

// ShortHelp implements common.Page.
func (m *Model) ShortHelp() []key.Binding {
	as := []keys.Action{keys.Copy, keys.Alone}
	if m.c.Env.CanOpenBrowser() && m.c.Open != nil && m.web {
		as = append(as, keys.Browser)
	}
	return m.c.Keys.Bindings(append(as, keys.Back)...)
}

// FullHelp implements common.Page.
func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

// Close implements common.Page.
func (m *Model) Close() {}
