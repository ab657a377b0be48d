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

// View implements tea.Model. The header and the footer come from the
// frame cache, drawn again only when what they show has changed; of the
// page, only lines not seen in an earlier frame are measured.
func (m *Model) View() string {
	if !m.sized {
		// Nothing size-dependent before the terminal has told us its size.
		return ""
	}
	if m.tooSmall() {
		return m.tooSmallView()
	}
	header, headH := m.headerPart()
	footer, footH := m.footerPart()
	pageH := m.h - headH - footH
	var page string
	if m.full {
		page = m.f.clamp(m.helpView(m.w, pageH), m.w)
	} else {
		page = m.f.clamp(fitLines(m.top().View(), pageH), m.w)
	}
	var b strings.Builder
	b.Grow(len(header) + len(page) + len(footer) + 2)
	b.WriteString(header)
	b.WriteByte('\n')
	b.WriteString(page)
	b.WriteByte('\n')
	b.WriteString(footer)
	return b.String()
}

func (m *Model) tooSmall() bool { return m.w < MinWidth || m.h < MinHeight }

// tooSmallView is a centred notice in place of the pages.
func (m *Model) tooSmallView() string {
	if m.w <= 0 || m.h <= 0 {
		return ""
	}
	text := fmt.Sprintf("terminal too small: need at least %dx%d, have %dx%d; keys wait until it grows (ctrl+c quits)", MinWidth, MinHeight, m.w, m.h)
	s := m.c.Styles
	box := s.R.NewStyle().Width(m.w).Align(lipgloss.Center).Render(text)
	out := s.R.Place(m.w, m.h, lipgloss.Center, lipgloss.Center, box)
	return clampWidth(fitLines(out, m.h), m.w)
}

// relayout gives every page the area left by the header and the footer,
// when it has changed. The footer's height changes with full help and
// with errors, so this runs after every update; the parts it measures
// are the ones View draws next, from the same cache.
func (m *Model) relayout() {
	if !m.sized || m.tooSmall() {
		return
	}
	w := m.w
	_, headH := m.headerPart()
	_, footH := m.footerPart()
	h := max(m.h-headH-footH, 1)
	if w == m.pageW && h == m.pageH {
		return
	}
	m.pageW, m.pageH = w, h
	m.c.Width, m.c.Height = w, h
	for _, p := range m.stack {
		p.SetSize(w, h)
	}
}

// frame is what the root keeps between frames: the header and the
// footer as last drawn, with what they were drawn from, and the page
// lines already measured. A frame then costs the page's View and a
// comparison of a few strings, not a redraw of the header and the
// help and a measure of every line.
type frame struct {
	w int

	head    string
	headH   int
	titles  []string
	cart    uint64
	sandbox bool
	user    string

	foot  string
	footH int
	full  bool
	keys  []helpKey
	st    status
	drawn bool

	// fits holds page lines measured to fit w cells; it is emptied when
	// the width changes or it grows past a few screens.
	fits map[string]struct{}
}

// helpKey is what the help shows of a binding; sep marks the end of a
// column of the full help.
type helpKey struct {
	key, desc string
	sep       bool
}

// headerPart is the header and its height, drawn when the width, the
// page titles or the cart have changed.
func (m *Model) headerPart() (string, int) {
	f := &m.f
	ver := m.c.Cart.Version()
	if f.w == m.w && f.head != "" && f.cart == ver && f.sandbox == m.c.Sandbox && f.user == m.c.UserID && len(f.titles) == len(m.stack) {
		same := true
		for i, p := range m.stack {
			if p.Title() != f.titles[i] {
				same = false
				break
			}
		}
		if same {
			return f.head, f.headH
		}
	}
	if f.w != m.w {
		f.reset(m.w)
	}
	f.titles = f.titles[:0]
	for _, p := range m.stack {
		f.titles = append(f.titles, p.Title())
	}
	f.cart, f.sandbox, f.user = ver, m.c.Sandbox, m.c.UserID
	f.head = clampWidth(m.header(), m.w)
	f.headH = lipgloss.Height(f.head)
	return f.head, f.headH
}

// footerPart is the footer and its height, drawn when the width, the
// keys the help lists or the status have changed.
func (m *Model) footerPart() (string, int) {
	f := &m.f
	if f.w != m.w {
		f.reset(m.w)
	}
	var groups [][]key.Binding
	if m.full {
		// The help itself is in the page's area; the footer says how to
		// move in it and leave it.
		groups = [][]key.Binding{m.helpFooter()}
	} else {
		groups = [][]key.Binding{append(m.top().ShortHelp(), m.globalKeys()...)}
	}
	if f.drawn && f.full == m.full && f.st == m.st && f.sameKeys(groups) {
		return f.foot, f.footH
	}
	f.keys = f.keys[:0]
	for _, g := range groups {
		for _, b := range g {
			if b.Enabled() {
				f.keys = append(f.keys, helpKey{key: b.Help().Key, desc: b.Help().Desc})
			}
		}
		f.keys = append(f.keys, helpKey{sep: true})
	}
	f.full, f.st, f.drawn = m.full, m.st, true
	f.foot = clampWidth(m.footer(groups), m.w)
	f.footH = lipgloss.Height(f.foot)
	return f.foot, f.footH
}

// sameKeys reports whether groups show what the help was drawn from.
// Disabled bindings are not shown, so they do not count.
func (f *frame) sameKeys(groups [][]key.Binding) bool {
	i := 0
	for _, g := range groups {
		for _, b := range g {
			if !b.Enabled() {
				continue
			}
			if i >= len(f.keys) || f.keys[i].sep || f.keys[i].key != b.Help().Key || f.keys[i].desc != b.Help().Desc {
				return false
			}
			i++
		}
		if i >= len(f.keys) || !f.keys[i].sep {
			return false
		}
		i++
	}
	return i == len(f.keys)
}

// reset forgets everything drawn for another width.
func (f *frame) reset(w int) {
	*f = frame{w: w, titles: f.titles[:0], keys: f.keys[:0], fits: f.fits}
	clear(f.fits)
}

// header is one line: name, sandbox or live badge, breadcrumb, and on the
// right what is in the cart.
func (m *Model) header() string {
	s := m.c.Styles
	name := s.Title.Render(appName)
	var badge string
	// The Xportcn backend is the one the desk always had; another one is
	// named, so an agent with both never orders through the wrong one.
	backend := ""
	if m.c.Client != nil {
		if b := m.c.Client.Backend().Name; b != "" && b != "Xportcn" {
			backend = b
		}
	}
	if m.c.Sandbox {
		text := strings.TrimSpace("SANDBOX " + backend)
		if s.R.ColorProfile() == termenv.Ascii {
			// Without any attributes, brackets keep the badge loud.
			text = "[" + text + "]"
		}
		badge = s.SandboxBadge.Render(text)
	} else {
		badge = s.LiveBadge.Render(strings.TrimSpace(backend+" LIVE") + " " + sanitize.Line(m.c.UserID))
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

// footer is the help and the status line; groups are the bindings the
// help shows, one group for the short help.
func (m *Model) footer(groups [][]key.Binding) string {
	m.help.Width = m.w
	help := m.help.ShortHelpView(groups[0])
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
	for _, b := range m.c.Keys.Bindings(keys.Back, keys.Search, keys.Cart, keys.Orders, keys.Lists, keys.Messages, keys.Help, keys.Quit, keys.ForceQuit) {
		if !listed[b.Help().Key] {
			out = append(out, b)
		}
	}
	return out
}

// fitLines makes s exactly h lines: cut below, blank-padded below. A
// page built to its height, as every page is, is returned as it is.
func fitLines(s string, h int) string {
	if h <= 0 {
		return ""
	}
	if strings.Count(s, "\n") == h-1 {
		return s
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

// maxFits bounds the lines the frame remembers as fitting: a few
// screens, since a line scrolled away is seldom seen again soon.
const maxFits = 1024

// clamp is clampWidth for the page, measuring only lines it has not seen
// fit before. A line no wider in bytes than w fits whatever it holds: no
// character takes more cells than it has bytes. The page's string is
// returned as it is when every line fits, which is the rule.
func (f *frame) clamp(s string, w int) string {
	if f.fits == nil {
		f.fits = map[string]struct{}{}
	}
	rest := s
	for rest != "" {
		l := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			l, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		if len(l) <= w {
			continue
		}
		if _, ok := f.fits[l]; ok {
			continue
		}
		if ansi.StringWidth(l) > w {
			// A page that does not fit: cut it all, as before.
			return clampWidth(s, w)
		}
		if len(f.fits) >= maxFits {
			clear(f.fits)
		}
		// A copy: the key must not keep the whole frame alive.
		f.fits[strings.Clone(l)] = struct{}{}
	}
	return s
}
