package app

import (
	"strconv"
	"strings"
	"time"

	"caigou/ui/common"
	"caigou/ui/keys"
	"caigou/ui/sanitize"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// maxMessages bounds the session's message log; the log file keeps the
// errors beyond it.
const maxMessages = 1000

// message is one status line as it was shown, kept for the log.
type message struct {
	at    time.Time
	level common.Level
	err   bool
	text  string
}

// messageLog is the session's status messages, oldest first. The status
// line shows three lines of the last one and the next key clears it; the
// log keeps every one whole, so a start-up notice or a long error can be
// read later (L).
type messageLog struct {
	list []message
	// added counts every message ever added, so a page knows whether what
	// it drew is current even once old ones are dropped.
	added int
}

func (l *messageLog) add(at time.Time, st status) {
	if st.text == "" {
		return
	}
	l.added++
	l.list = append(l.list, message{at: at, level: st.level, err: st.err, text: st.text})
	if n := len(l.list); n > maxMessages {
		l.list = append(l.list[:0], l.list[n-maxMessages:]...)
	}
}

// messagesPage shows the log, newest first, with / to find a message.
type messagesPage struct {
	c      *common.Common
	id     int
	log    *messageLog
	w, h   int
	offset int // first shown row
	find   textinput.Model
	query  string
	// drawn are rows() as last laid out, for drawnFor: a key scrolling
	// the log must not wrap every message again.
	drawn    []string
	drawnFor rowsKey
}

// rowsKey is what the rows were laid out from.
type rowsKey struct {
	added, w int
	query    string
}

func newMessagesPage(c *common.Common, log *messageLog) *messagesPage {
	in := textinput.New()
	in.Prompt = "Find: "
	in.Placeholder = "words in a message, enter to keep, esc to clear"
	in.PromptStyle = c.Styles.Bold
	in.PlaceholderStyle = c.Styles.Muted
	return &messagesPage{c: c, id: c.NextID(), log: log, find: in}
}

func (p *messagesPage) ID() int             { return p.id }
func (p *messagesPage) Init() tea.Cmd       { return nil }
func (p *messagesPage) Title() string       { return "Messages" }
func (p *messagesPage) SetSize(w, h int)    { p.w, p.h = w, h }
func (p *messagesPage) CapturesInput() bool { return p.find.Focused() }
func (p *messagesPage) Close()              {}
func (p *messagesPage) ClaimsBack() bool    { return p.find.Focused() || p.query != "" }
func (p *messagesPage) ClaimsSearch() bool  { return true }
func (p *messagesPage) listHeight() int     { return max(p.h-1, 1) }
func (p *messagesPage) Update(msg tea.Msg) (common.Page, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return p, nil
	}
	km := p.c.Keys
	if p.find.Focused() {
		switch {
		case k.Type == tea.KeyEnter, k.Type == tea.KeyTab:
			p.find.Blur()
		case k.Type == tea.KeyEsc:
			p.find.Blur()
			p.find.SetValue("")
		default:
			var cmd tea.Cmd
			p.find, cmd = p.find.Update(k)
			p.query, p.offset = strings.TrimSpace(p.find.Value()), 0
			return p, cmd
		}
		p.query, p.offset = strings.TrimSpace(p.find.Value()), 0
		return p, nil
	}
	rows := len(p.rows())
	switch {
	case km.Matches(k, keys.Back):
		// Only reached while a search is kept (ClaimsBack): clear it.
		p.find.SetValue("")
		p.query, p.offset = "", 0
	case km.Matches(k, keys.Search):
		return p, p.find.Focus()
	case km.Matches(k, keys.Down):
		p.offset = min(p.offset+1, max(rows-p.listHeight(), 0))
	case km.Matches(k, keys.Up):
		p.offset = max(p.offset-1, 0)
	case km.Matches(k, keys.PageDown):
		p.offset = min(p.offset+p.listHeight(), max(rows-p.listHeight(), 0))
	case km.Matches(k, keys.PageUp):
		p.offset = max(p.offset-p.listHeight(), 0)
	case km.Matches(k, keys.Top):
		p.offset = 0
	case km.Matches(k, keys.Bottom):
		p.offset = max(rows-p.listHeight(), 0)
	}
	return p, nil
}

// rows are the matching messages, newest first, each wrapped to the
// width under its time; laid out again only when a message arrives, the
// width or the search changes.
func (p *messagesPage) rows() []string {
	k := rowsKey{added: p.log.added, w: p.w, query: p.query}
	if p.drawn != nil && k == p.drawnFor {
		return p.drawn
	}
	p.drawn, p.drawnFor = p.layRows(), k
	return p.drawn
}

func (p *messagesPage) layRows() []string {
	s := p.c.Styles
	w := max(p.w, 20)
	q := strings.ToLower(p.query)
	out := []string{}
	for i := len(p.log.list) - 1; i >= 0; i-- {
		m := p.log.list[i]
		if q != "" && !strings.Contains(strings.ToLower(m.text), q) {
			continue
		}
		mark, style := "  ", s.App
		switch {
		case m.err:
			mark, style = "! ", s.StatusError
		case m.level == common.Warn:
			mark, style = "! ", s.StatusWarn
		case m.level == common.OK:
			mark, style = "✓ ", s.StatusOK
		}
		head := m.at.Format("15:04:05") + " "
		body := lipgloss.NewStyle().Width(w - len(head) - 2).Render(sanitize.Line(m.text))
		for j, line := range strings.Split(body, "\n") {
			lead := strings.Repeat(" ", len(head)+2)
			if j == 0 {
				lead = s.Muted.Render(head) + mark
			}
			out = append(out, lead+style.Render(line))
		}
	}
	return out
}

func (p *messagesPage) View() string {
	top := p.find.View()
	if !p.find.Focused() && p.query == "" {
		top = p.c.Styles.Muted.Render(plural(len(p.log.list), "message") + " this session, newest first; / finds")
	}
	rows := p.rows()
	if len(rows) == 0 {
		rows = []string{"No message matches."}
		if len(p.log.list) == 0 {
			rows = []string{"No message yet this session."}
		}
	}
	end := min(p.offset+p.listHeight(), len(rows))
	lines := append([]string{top}, rows[min(p.offset, end):end]...)
	return fitLines(strings.Join(lines, "\n"), p.h)
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

func (p *messagesPage) ShortHelp() []key.Binding {
	if p.find.Focused() {
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep")), key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear"))}
	}
	return p.c.Keys.Bindings(keys.Up, keys.Down, keys.Search, keys.Back)
}

func (p *messagesPage) FullHelp() [][]key.Binding {
	return [][]key.Binding{p.c.Keys.Bindings(keys.Up, keys.Down, keys.PageUp, keys.PageDown, keys.Top, keys.Bottom, keys.Search, keys.Back)}
}
