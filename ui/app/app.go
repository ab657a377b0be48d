// Package app is the desk's root model: the page stack, the header, the
// footer with help and the status line, and the routing of messages to the
// page they belong to. Only this package changes the stack; pages ask for
// it with common.Push and common.Pop.
package app

import (
	"caigou/ui/cartview"
	"caigou/ui/common"
	"caigou/ui/keys"
	"caigou/ui/orders"
	"caigou/ui/sourcingview"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"
)

// Minimum screen: below this the pages cannot be laid out without
// garbling, so a notice takes their place.
const (
	MinWidth  = 60
	MinHeight = 16
)

// BackClaimer is implemented by a page that sometimes needs the back key
// itself (to close a panel of its own) rather than being popped.
type BackClaimer interface {
	ClaimsBack() bool
}

// Clicker is a page whose rows a mouse click selects ([ui] mouse); y is
// the line of the page's area clicked.
type Clicker interface {
	Click(y int) tea.Cmd
}

// SearchClaimer is a page whose own list / searches (the message log),
// as / filters a panel in lazygit; the root's / (back to the product
// search) is then the page's.
type SearchClaimer interface {
	ClaimsSearch() bool
}

// Resumer is implemented by a page that works only while it is on top
// (the orders list refreshes itself on a timer, which stops while another
// page covers it) and must hear when the page above it closes.
type Resumer interface {
	Resume() tea.Cmd
}

// Model is the root model.
type Model struct {
	c     *common.Common
	stack []common.Page
	help  help.Model
	full  bool // full help is shown
	// helpTop is the first line of the full help shown; helpDrawn the
	// help as laid out for helpFor (page id, width).
	helpTop   int
	helpDrawn []string
	helpFor   [2]int
	st        status
	// msgs keeps every status message of the session for L.
	msgs messageLog
	// watchErr is the last error reading other sessions' changes, shown
	// once rather than every second.
	watchErr string
	w, h     int
	sized    bool
	// pageW and pageH are the size last given to the pages.
	pageW, pageH int
	// insecure is allow_insecure_http on a live account, read once.
	insecure bool
	// quitting is set once q closed the pages: keys typed after it in the
	// same read act on nothing.
	quitting bool
	// f is the frame cache (view.go).
	f frame
}

// New makes the root with first as the bottom page, which is never popped.
func New(c *common.Common, first common.Page) *Model {
	s := c.Styles
	h := help.New()
	h.ShortSeparator = "   "
	h.FullSeparator = "    "
	h.Ellipsis = "..."
	// The help's default styles come from the process's renderer, which
	// under SSH is the server's; these come from the session's.
	h.Styles = help.Styles{
		Ellipsis:       s.Muted,
		ShortKey:       s.Key,
		ShortDesc:      s.KeyDesc,
		ShortSeparator: s.Muted,
		FullKey:        s.Key,
		FullDesc:       s.KeyDesc,
		FullSeparator:  s.Muted,
	}
	insecure := c.Client != nil && !c.Sandbox && c.Client.Backend().InsecureHTTP
	return &Model{c: c, stack: []common.Page{first}, help: h, insecure: insecure}
}

// Init implements tea.Model.
func (m *Model) Init() tea.Cmd { return tea.Batch(m.top().Init(), startupCheck(m.c), m.watch()) }

func (m *Model) top() common.Page { return m.stack[len(m.stack)-1] }

// Pages returns the stack, bottom first (for tests and the header).
func (m *Model) Pages() []common.Page { return append([]common.Page(nil), m.stack...) }

// Update implements tea.Model.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	m.relayout()
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.w, m.h, m.sized = msg.Width, msg.Height, true
		return nil
	case tea.KeyMsg:
		if msg.Type == tea.KeyCtrlJ && !m.c.Keys.Bound("ctrl+j") {
			// Enter typed before the desk set the terminal up (right
			// after launch, or over a slow link) reaches it as a line
			// feed: the terminal's cooked mode turns CR into LF. It is
			// the Enter the agent pressed, not ctrl+j.
			msg = tea.KeyMsg{Type: tea.KeyEnter}
		}
		if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste && !msg.Alt {
			return m.typedAhead(msg.Runes)
		}
		return m.onKey(msg)
	case tea.MouseMsg:
		// The wheel moves the list as the arrow keys do ([ui] mouse).
		if msg.Action == tea.MouseActionPress {
			switch msg.Button {
			case tea.MouseButtonWheelUp:
				return m.onKey(tea.KeyMsg{Type: tea.KeyUp})
			case tea.MouseButtonWheelDown:
				return m.onKey(tea.KeyMsg{Type: tea.KeyDown})
			case tea.MouseButtonLeft:
				// A click on a list row selects it, on a page that knows its
				// rows; y is counted from the top of the page's area.
				if c, ok := m.top().(Clicker); ok && !m.full && m.sized && !m.tooSmall() {
					_, headH := m.headerPart()
					return c.Click(msg.Y - headH)
				}
			}
		}
		return nil
	case common.PushMsg:
		return m.push(msg.Page)
	case common.PopMsg:
		return m.pop()
	case startupMsg:
		return tea.Batch(msg.report(), msg.next())
	case recheckStartup:
		return startupCheck(m.c)
	case watchTick:
		return m.look()
	case watchedMsg:
		return m.onWatched(msg)
	case common.StatusMsg:
		m.st = infoStatus(msg)
		m.msgs.add(m.c.Now(), m.st)
		return nil
	case common.ErrorMsg:
		m.st = m.errorStatus(msg)
		m.msgs.add(m.c.Now(), m.st)
		return nil
	case common.Addressed:
		return m.deliver(msg)
	}
	return m.send(len(m.stack)-1, msg)
}

// send gives msg to the page at index i and keeps what it returns.
func (m *Model) send(i int, msg tea.Msg) tea.Cmd {
	p, cmd := m.stack[i].Update(msg)
	if p != nil {
		m.stack[i] = p
	}
	return cmd
}

// deliver routes an async reply to the page that asked, wherever it is in
// the stack; a reply for a closed page is dropped.
func (m *Model) deliver(msg common.Addressed) tea.Cmd {
	id := msg.PageID()
	for i, p := range m.stack {
		if p.ID() == id {
			return m.send(i, msg)
		}
	}
	return nil
}

func (m *Model) onKey(msg tea.KeyMsg) tea.Cmd {
	km := m.c.Keys
	if km.Matches(msg, keys.ForceQuit) {
		return m.quit()
	}
	if m.sized && m.tooSmall() {
		// Nothing on screen shows what a key would act on: an order could
		// be placed blind. Only ctrl+c (above) acts until the terminal grows.
		return nil
	}
	// A key press is the agent's acknowledgement of whatever the status
	// line said.
	m.st = status{}
	top := m.top()
	if m.full {
		if cmd, done := m.helpKey(msg); done {
			return cmd
		}
	}
	if top.CapturesInput() {
		return m.send(len(m.stack)-1, msg)
	}
	switch {
	case km.Matches(msg, keys.Help):
		m.full, m.helpTop = true, 0
		return nil
	case km.Matches(msg, keys.Quit):
		return m.quit()
	case km.Matches(msg, keys.Back):
		if c, ok := top.(BackClaimer); (ok && c.ClaimsBack()) || len(m.stack) == 1 {
			return m.send(len(m.stack)-1, msg)
		}
		return m.pop()
	case km.Matches(msg, keys.Search) && claims(top):
		return m.send(len(m.stack)-1, msg)
	case km.Matches(msg, keys.Search):
		// Back to the search page, which takes the key to focus its input.
		for len(m.stack) > 1 {
			m.pop()
		}
		return m.send(0, msg)
	case km.Matches(msg, keys.Cart):
		if cmd, found := m.raise(func(p common.Page) bool { _, ok := p.(*cartview.Model); return ok }); found {
			return cmd
		}
		return m.push(cartview.New(m.c))
	case km.Matches(msg, keys.Messages):
		if cmd, found := m.raise(func(p common.Page) bool { _, ok := p.(*messagesPage); return ok }); found {
			return cmd
		}
		return m.push(newMessagesPage(m.c, &m.msgs))
	case km.Matches(msg, keys.Lists):
		if cmd, found := m.raise(func(p common.Page) bool { _, ok := p.(*sourcingview.Lists); return ok }); found {
			return cmd
		}
		return m.push(sourcingview.NewLists(m.c))
	case km.Matches(msg, keys.Orders):
		if cmd, found := m.raise(func(p common.Page) bool { _, ok := p.(*orders.Model); return ok }); found {
			return cmd
		}
		return m.push(orders.New(m.c))
	}
	return m.send(len(m.stack)-1, msg)
}

// raise goes back to the page of the stack that is, closing the pages
// above it, instead of opening a second copy: c on a product opened from
// the cart returns to that cart, as esc would, and six esc never stand
// between the agent and the search. found is false when no page is.
func (m *Model) raise(is func(common.Page) bool) (tea.Cmd, bool) {
	for i := len(m.stack) - 1; i >= 0; i-- {
		if !is(m.stack[i]) {
			continue
		}
		if i == len(m.stack)-1 {
			return nil, true
		}
		// Close the pages above without resuming the ones in between.
		for len(m.stack) > i+2 {
			top := m.top()
			m.stack = m.stack[:len(m.stack)-1]
			top.Close()
		}
		return m.pop(), true
	}
	return nil, false
}

func claims(p common.Page) bool {
	c, ok := p.(SearchClaimer)
	return ok && c.ClaimsSearch()
}

func (m *Model) push(p common.Page) tea.Cmd {
	if p == nil {
		return nil
	}
	m.stack = append(m.stack, p)
	if m.pageW > 0 {
		p.SetSize(m.pageW, m.pageH)
	}
	return p.Init()
}

// pop closes the top page, cancelling its requests, and tells the page
// now on top if it asked to know. The bottom page stays.
func (m *Model) pop() tea.Cmd {
	if len(m.stack) <= 1 {
		return nil
	}
	top := m.top()
	m.stack = m.stack[:len(m.stack)-1]
	top.Close()
	if r, ok := m.top().(Resumer); ok {
		return r.Resume()
	}
	return nil
}

// typedAhead takes keys typed faster than the desk read them. Over a slow
// SSH link "/连衣裙" can arrive in one read, and Bubble Tea hands a run of
// characters over as one message: taken whole, the "/" would be lost and
// the word typed nowhere. Each character acts as a key on its own until a
// text box has focus, which then takes the rest as text. A paste is not
// split (it never reaches here): it is text for whatever has focus.
func (m *Model) typedAhead(rs []rune) tea.Cmd {
	var cmds []tea.Cmd
	for len(rs) > 0 && !m.quitting {
		if m.top().CapturesInput() && !m.full && !(m.sized && m.tooSmall()) {
			cmds = append(cmds, m.onKey(tea.KeyMsg{Type: tea.KeyRunes, Runes: rs}))
			break
		}
		cmds = append(cmds, m.onKey(tea.KeyMsg{Type: tea.KeyRunes, Runes: rs[:1]}))
		rs = rs[1:]
	}
	return tea.Batch(cmds...)
}

// quit closes every page so no request outlives the program.
func (m *Model) quit() tea.Cmd {
	for i := len(m.stack) - 1; i >= 0; i-- {
		m.stack[i].Close()
	}
	m.quitting = true
	return tea.Quit
}
