package app

import (
	"fmt"
	"strings"

	"caigou/ui/keys"
	"caigou/ui/sanitize"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

// appName leads the header.
const appName = "caigou 采购"

// View implements tea.Model.
func (m *Model) View() string {
	if !m.sized {
		// Nothing size-dependent before the terminal has told us its size.
		return ""
	}
	if m.tooSmall() {
		return m.tooSmallView()
	}
	header := m.header()
	footer := m.footer()
	pageH := m.h - lipgloss.Height(header) - lipgloss.Height(footer)
	page := fitLines(m.top().View(), pageH)
	out := strings.Join([]string{header, page, footer}, "\n")
	return clampWidth(out, m.w)
}

func (m *Model) tooSmall() bool { return m.w < MinWidth || m.h < MinHeight }

// tooSmallView is a centred notice in place of the pages.
func (m *Model) tooSmallView() string {
	if m.w <= 0 || m.h <= 0 {
		return ""
	}
	text := fmt.Sprintf("terminal too small: need at least %dx%d, have %dx%d", MinWidth, MinHeight, m.w, m.h)
	s := m.c.Styles
	box := s.R.NewStyle().Width(m.w).Align(lipgloss.Center).Render(text)
	out := s.R.Place(m.w, m.h, lipgloss.Center, lipgloss.Center, box)
	return clampWidth(fitLines(out, m.h), m.w)
}

// relayout gives every page the area left by the header and the footer,
// when it has changed. The footer's height changes with full help and
// with errors, so this runs after every update.
func (m *Model) relayout() {
	if !m.sized || m.tooSmall() {
		return
	}
	w := m.w
	h := m.h - lipgloss.Height(m.header()) - lipgloss.Height(m.footer())
	h = max(h, 1)
	if w == m.pageW && h == m.pageH {
		return
	}
	m.pageW, m.pageH = w, h
	m.c.Width, m.c.Height = w, h
	for _, p := range m.stack {
		p.SetSize(w, h)
	}
}

// header is one line: name, sandbox or live badge, breadcrumb, and on the
// right what is in the cart.
func (m *Model) header() string {
	s := m.c.Styles
	name := s.Title.Render(appName)
	var badge string
	if m.c.Sandbox {
		text := "SANDBOX"
		if s.R.ColorProfile() == termenv.Ascii {
			// Without any attributes, brackets keep the badge loud.
			text = "[SANDBOX]"
		}
		badge = s.SandboxBadge.Render(text)
	} else {
		badge = s.LiveBadge.Render("LIVE " + sanitize.Line(m.c.UserID))
		if m.insecure {
			// allow_insecure_http: orders travel in clear; say so on
			// every screen for as long as it is on.
			badge += " " + s.Error.Render("INSECURE HTTP")
		}
	}
	cart := m.cartSummary()
	left := name + " " + badge
	room := m.w - lipgloss.Width(left) - 1 - lipgloss.Width(cart) - 1
	if room < 8 {
		cart = ""
		room = m.w - lipgloss.Width(left) - 1
	}
	crumbs := s.Muted.Render(m.breadcrumb(room))
	line := left + " " + crumbs
	gap := m.w - lipgloss.Width(line) - lipgloss.Width(cart)
	if cart != "" && gap > 0 {
		line += strings.Repeat(" ", gap) + cart
	}
	return s.Header.Render(sanitize.Truncate(line, m.w))
}

// breadcrumb is the page titles, bottom first, fitted into w cells by
// dropping the oldest titles first: where the agent is matters more than
// where they came from.
func (m *Model) breadcrumb(w int) string {
	if w <= 0 {
		return ""
	}
	titles := make([]string, len(m.stack))
	for i, p := range m.stack {
		titles[i] = sanitize.Line(p.Title())
	}
	const sep = " › "
	for start := 0; start < len(titles); start++ {
		s := strings.Join(titles[start:], sep)
		if start > 0 {
			s = "..." + sep + s
		}
		if lipgloss.Width(s) <= w {
			return s
		}
	}
	return sanitize.Truncate(titles[len(titles)-1], w)
}

func (m *Model) cartSummary() string {
	n := m.c.Cart.Count()
	unit := "lines"
	if n == 1 {
		unit = "line"
	}
	return fmt.Sprintf("cart %d %s %s", n, unit, m.c.Money(m.c.Cart.Total()))
}

// globalKeys are the keys that work on top of the page's: while the page
// takes text only ctrl+c does, and the help must not promise more.
func (m *Model) globalKeys() []key.Binding {
	if m.top().CapturesInput() {
		return m.c.Keys.Bindings(keys.ForceQuit)
	}
	return m.c.Keys.Bindings(keys.Help, keys.Quit)
}

// footer is the help and the status line.
func (m *Model) footer() string {
	m.help.Width = m.w
	var help string
	if m.full {
		groups := m.top().FullHelp()
		help = m.help.FullHelpView(append(groups, m.fullGlobals(groups)))
	} else {
		help = m.help.ShortHelpView(append(m.top().ShortHelp(), m.globalKeys()...))
	}
	lines := append([]string{help}, m.statusLines(m.w)...)
	return strings.Join(lines, "\n")
}

// fullGlobals is the global column of the full help, without the keys the
// page already lists.
func (m *Model) fullGlobals(groups [][]key.Binding) []key.Binding {
	if m.top().CapturesInput() {
		return m.c.Keys.Bindings(keys.ForceQuit)
	}
	listed := map[string]bool{}
	for _, g := range groups {
		for _, b := range g {
			listed[b.Help().Key] = true
		}
	}
	var out []key.Binding
	for _, b := range m.c.Keys.Bindings(keys.Back, keys.Search, keys.Cart, keys.Orders, keys.Help, keys.Quit, keys.ForceQuit) {
		if !listed[b.Help().Key] {
			out = append(out, b)
		}
	}
	return out
}

// fitLines makes s exactly h lines: cut below, blank-padded below.
func fitLines(s string, h int) string {
	if h <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// clampWidth cuts any line wider than w. Pages are built to fit; this is
// the guarantee that one that does not can never wrap and garble the
// screen.
func clampWidth(s string, w int) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	return strings.Join(lines, "\n")
}
