// Package search is the first page of the desk: keyword, category and
// image search over 1688 offers, with sorting, filters and a results table
// that pages in the background as the agent scrolls.
package search

import (
	"caigou/ui/common"
	"caigou/xport"
	"slices"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/spinner"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// state is where the result list stands.
type state int

const (
	idle    state = iota // nothing searched yet
	loading              // the first page is on its way
	ready                // results (possibly none) are shown
	failed               // the first page failed; r retries
)

// overlay is a panel that takes over the page body.
type overlay int

const (
	noOverlay overlay = iota
	filterOverlay
	categoryOverlay
	imageOverlay
)

// prefetchWithin is how close to the end of the loaded rows the cursor may
// come before the next page is asked for: far enough ahead that a page
// (about 20 rows) arrives before the agent reaches the end.
const prefetchWithin = 10

// Model is the search page.
type Model struct {
	c    *common.Common
	id   int
	req  *common.Requests
	w, h int

	input textinput.Model
	// drawnInput and drawnQuery are the first two lines as last drawn.
	drawnInput, drawnQuery common.Kept
	spin                   spinner.Model
	// spinning is true while a tick chain is alive, so a second load
	// does not start a second chain.
	spinning bool

	q       query
	lastQID int
	seq     int // the number of the last search request

	results table
	// openedGen is the Common.Opened generation the rows were drawn for.
	openedGen int
	state     state
	err       error // why the first page failed
	total     int   // totalRecords of the current query
	pages     int   // totalPage of the current query
	loaded    int   // the last page number loaded
	skipped   int   // cards of the current query left out: their offerId could not be read
	// more is true while the next page is being fetched; moreErr holds why
	// it failed, and stops automatic fetching until r.
	more      bool
	moreErr   error
	exhausted bool // a page came back with nothing new

	// longAsked is an over-long keyword the agent was told about; enter
	// on it again searches its cut.
	longAsked string
	history   []string
	histPos   int // len(history) when not walking it
	histDraft string

	overlay overlay
	filters *filterPanel
	cats    *categoryBrowser
	img     *imagePrompt
}

// New makes the search page. The keyword input has focus, so the agent can
// type at once.
func New(c *common.Common) *Model {
	m := &Model{c: c, id: c.NextID(), req: common.NewRequests(c.Ctx)}
	m.input = m.newInput("Search: ", "keyword in 中文 or English, enter to search")
	m.input.CharLimit = maxKeywordInput
	// The page opens with no text box focused: every key in the README's
	// table acts from the first press (lazygit, k9s), and / starts typing.
	sp := spinner.Line
	m.spin = spinner.New(spinner.WithSpinner(sp), spinner.WithStyle(c.Styles.Cursor))
	m.q = query{filters: map[string]bool{}}
	m.applyLooks(c.Looks)
	m.results.reset()
	m.results.opened = &c.Opened
	m.openedGen = c.Opened.Gen()
	m.cats = newCategoryBrowser()
	return m
}

// Resume redraws the rows when a product opened from them said something
// the list marks (every SKU sold out).
func (m *Model) Resume() tea.Cmd {
	if g := m.c.Opened.Gen(); g != m.openedGen {
		m.openedGen = g
		m.results.gen++
	}
	return nil
}

// newInput makes a text input styled from the session's renderer. The
// cursor does not blink: a blink is a redraw twice a second over SSH for
// nothing, and it would make screenshots differ.
func (m *Model) newInput(prompt, placeholder string) textinput.Model {
	s := m.c.Styles
	in := textinput.New()
	in.Prompt = prompt
	in.Placeholder = placeholder
	in.PromptStyle = s.Bold
	in.TextStyle = s.App
	in.PlaceholderStyle = s.Muted
	in.CompletionStyle = s.Muted
	in.Cursor.Style = s.App
	in.Cursor.TextStyle = s.App
	in.Cursor.SetMode(cursor.CursorStatic)
	return in
}

// ID implements common.Page.
func (m *Model) ID() int { return m.id }

// applyLooks starts the page with the sort, filters, price bounds and
// title language the agent last chose; choices this desk no longer knows
// are dropped.
func (m *Model) applyLooks(l common.Looks) {
	for i, o := range sortOptions() {
		if o.label == l.Sort {
			m.q.sort = i
		}
	}
	for _, f := range filterOptions() {
		if slices.Contains(l.Filters, f.code) {
			m.q.filters[f.code] = true
		}
	}
	if l.PriceMin >= 0 && l.PriceMax >= 0 && (l.PriceMax == 0 || l.PriceMin <= l.PriceMax) {
		m.q.priceMin, m.q.priceMax = xport.Fen(l.PriceMin), xport.Fen(l.PriceMax)
	}
	m.results.chinese = l.ZH
}

// keepLooks records the page's sort, filters and language as the
// agent's choice for the next session.
func (m *Model) keepLooks(q query) tea.Cmd {
	zh := m.results.chinese
	return m.c.SetLooks(func(l *common.Looks) {
		l.ZH = zh
		l.Sort = ""
		if q.sort > 0 {
			l.Sort = sortOptions()[q.sort].label
		}
		l.Filters = l.Filters[:0]
		for _, f := range filterOptions() {
			if q.filters[f.code] {
				l.Filters = append(l.Filters, f.code)
			}
		}
		l.PriceMin, l.PriceMax = int64(q.priceMin), int64(q.priceMax)
	})
}

// Init implements common.Page: it reads the keywords earlier sessions
// searched, so ↑ reaches them.
func (m *Model) Init() tea.Cmd {
	h, ctx, r := m.c.History, m.c.Ctx, common.Reply{Page: m.id}
	if h == nil {
		return nil
	}
	return func() tea.Msg {
		kws, err := h.Recent(ctx, keptHistory)
		return historyMsg{Reply: r, keywords: kws, err: err}
	}
}

// keptHistory is how many earlier keywords ↑ reaches.
const keptHistory = 200

// historyMsg brings the keywords earlier sessions searched.
type historyMsg struct {
	common.Reply
	keywords []string
	err      error
}

// onHistory puts earlier sessions' keywords before this session's.
func (m *Model) onHistory(msg historyMsg) tea.Cmd {
	if msg.err != nil {
		m.c.Log.Warn("search history not read", "err", msg.err)
		return nil
	}
	walking, before := m.histPos != len(m.history), len(m.history)
	merged := append(append([]string(nil), msg.keywords...), m.history...)
	m.history = merged[:0]
	for _, kw := range merged {
		if n := len(m.history); n == 0 || m.history[n-1] != kw {
			m.history = append(m.history, kw)
		}
	}
	if walking {
		m.histPos += len(m.history) - before
	} else {
		m.histPos = len(m.history)
	}
	return nil
}

// Title implements common.Page.
func (m *Model) Title() string {
	if m.q.active() {
		return "Search: " + m.q.plainSubject()
	}
	return "Search"
}

// CapturesInput implements common.Page: true while typing, and while a
// panel with fields is open (a q typed into a price must not quit).
func (m *Model) CapturesInput() bool {
	switch m.overlay {
	case filterOverlay, imageOverlay:
		return true
	case categoryOverlay:
		return false
	}
	return m.input.Focused()
}

// Close implements common.Page.
func (m *Model) Close() { m.req.Close() }

// SetSize implements common.Page.
func (m *Model) SetSize(w, h int) {
	m.w, m.h = w, h
	// Leave room for the prompt and for wide characters the input may
	// let past its width by one cell.
	m.input.Width = max(w-len(m.input.Prompt)-2, 1)
	m.results.layout(w, m.tableRows(), m.c.Config.DisplayCurrency)
	if m.filters != nil {
		m.filters.setWidth(w)
	}
	if m.img != nil {
		m.img.setWidth(w)
	}
}

// tableRows is how many result rows fit: the page less the input line,
// the query line, the table header and the count line.
func (m *Model) tableRows() int { return max(m.h-4, 1) }

// Selected is the offer under the cursor, if any: the card as the product
// page needs it, rebuilt from what the row keeps.
func (m *Model) Selected() (xport.Offer, bool) {
	if r := m.results.selected(); r != nil && m.state == ready {
		return r.card(), true
	}
	return xport.Offer{}, false
}

// busy reports whether anything the spinner stands for is running.
func (m *Model) busy() bool {
	return m.state == loading || m.more || m.cats.loading || (m.img != nil && m.img.checking)
}
