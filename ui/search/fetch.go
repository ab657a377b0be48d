package search

import (
	"caigou/ui/common"
	"caigou/xport"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
)

// Request kinds. Every page of one query is a "search" request, so
// starting a new query cancels whatever page of the old one is in flight.
const (
	reqSearch   = "search"
	reqCategory = "category"
	reqImage    = "image"
)

// resultsMsg is a page of results, addressed to the page that asked.
type resultsMsg struct {
	common.Reply
	q    query
	page int
	res  *xport.OfferPage
	err  error
}

// spinTick is a spinner frame addressed to this page, so the animation
// keeps going (or stops cleanly) while another page is on top.
type spinTick struct {
	common.Reply
	t spinner.TickMsg
}

// AnimationTick marks the message as animation only.
func (spinTick) AnimationTick() {}

// run starts the current query from its first page.
func (m *Model) run() tea.Cmd {
	if !m.q.active() {
		return nil
	}
	m.results.reset()
	m.state = loading
	m.err = nil
	m.total, m.pages, m.loaded, m.skipped = 0, 0, 0, 0
	m.more, m.moreErr, m.exhausted = false, nil, false
	return tea.Batch(m.fetch(1), m.startSpin())
}

// newQuery gives q a fresh id and makes it current, then runs it.
func (m *Model) newQuery(q query) tea.Cmd {
	m.lastQID++
	q.id = m.lastQID
	m.q = q
	if !q.active() {
		// Nothing to search yet: drop any old request so its reply cannot
		// arrive later.
		m.req.Start(reqSearch)
		m.state = idle
		m.results.reset()
		return nil
	}
	return m.run()
}

// fetch asks for one page of the current query. The client call runs in
// the command, never in Update.
func (m *Model) fetch(page int) tea.Cmd {
	ctx, seq := m.req.Start(reqSearch)
	m.seq = seq
	q := m.q
	client := marketOf(m.c)
	size := m.c.Config.PageSize
	reply := common.Reply{Page: m.id, Seq: seq}
	return func() tea.Msg {
		r := q.request(page, size)
		var res *xport.OfferPage
		var err error
		if q.kind == byImage {
			res, err = client.SearchImage(ctx, xport.ImageSource{Data: q.image.data, URL: q.image.url}, r)
		} else {
			res, err = client.SearchKeyword(ctx, r)
		}
		return resultsMsg{Reply: reply, q: q, page: page, res: res, err: err}
	}
}

// onResults takes a page of results. Replies for an older request or
// another query are dropped: a slow first page of an old query must never
// replace the results of a newer one.
func (m *Model) onResults(msg resultsMsg) tea.Cmd {
	if !m.req.Current(reqSearch, msg.Seq) || msg.q.id != m.q.id {
		return nil
	}
	m.req.Done(reqSearch, msg.Seq)
	what := "Searching " + msg.q.subject()
	if msg.page == 1 {
		if msg.err != nil {
			m.state = failed
			m.err = msg.err
			return common.Error(what, msg.err)
		}
		m.state = ready
		m.take(msg)
		return m.prefetch()
	}
	m.more = false
	if msg.err != nil {
		m.moreErr = msg.err
		return common.Error(what+" (page "+itoa(msg.page)+")", msg.err)
	}
	m.take(msg)
	return m.prefetch()
}

// take adds a page's offers, formatted once here rather than in View.
func (m *Model) take(msg resultsMsg) {
	m.loaded = msg.page
	if msg.res == nil {
		m.exhausted = true
		return
	}
	m.total = int(msg.res.TotalRecords)
	m.pages = int(msg.res.TotalPage)
	m.skipped += msg.res.Skipped
	sort := sortOptions()[msg.q.sort].sort.Field
	rs := make([]row, 0, len(msg.res.Offers))
	partly := 0
	for _, o := range msg.res.Offers {
		rs = append(rs, newRow(m.c, o, sort))
		if len(o.Unreadable) > 0 {
			partly++
		}
	}
	if msg.res.Skipped > 0 || partly > 0 {
		// Counts only: the values themselves may be anything.
		m.c.Log.Warn("search results partly unreadable", "page", msg.page, "skipped", msg.res.Skipped, "partly", partly)
	}
	// A page whose cards were all left out is not the end of the results
	// when the service says how many pages there are.
	if m.results.add(rs) == 0 && (msg.res.Skipped == 0 || m.pages == 0) {
		m.exhausted = true
	}
	m.results.clamp()
}

// hasMore reports whether the service has pages beyond those loaded.
func (m *Model) hasMore() bool {
	if m.exhausted {
		return false
	}
	if m.pages > 0 {
		return m.loaded < m.pages
	}
	return len(m.results.rows) < m.total
}

// prefetch asks for the next page once the cursor is near the end of the
// loaded rows, so scrolling never waits for the network. Near means
// within prefetchWithin rows or one screen, whichever is more: a page
// down must not land on an empty screen either.
func (m *Model) prefetch() tea.Cmd {
	if m.state != ready || m.more || m.moreErr != nil || !m.hasMore() {
		return nil
	}
	if len(m.results.rows)-1-m.results.cursor > max(prefetchWithin, m.results.height) {
		return nil
	}
	m.more = true
	return tea.Batch(m.fetch(m.loaded+1), m.startSpin())
}

// retry runs again whatever failed last.
func (m *Model) retry() tea.Cmd {
	switch {
	case m.state == failed:
		return m.run()
	case m.moreErr != nil:
		m.moreErr = nil
		return m.prefetch()
	}
	return nil
}

// startSpin starts the spinner unless it is already turning. In plain
// mode there is no animation at all (screen readers and braille displays
// read every frame).
func (m *Model) startSpin() tea.Cmd {
	if m.spinning || m.c.Config.Plain {
		return nil
	}
	m.spinning = true
	return m.wrapTick(m.spin.Tick)
}

func (m *Model) onTick(msg spinTick) tea.Cmd {
	if !m.busy() {
		m.spinning = false
		return nil
	}
	var cmd tea.Cmd
	m.spin, cmd = m.spin.Update(msg.t)
	if cmd == nil {
		// The spinner refused the frame: the chain has ended, so the next
		// load must start a new one.
		m.spinning = false
	}
	return m.wrapTick(cmd)
}

// wrapTick addresses the spinner's frames to this page.
func (m *Model) wrapTick(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	reply := common.Reply{Page: m.id}
	return func() tea.Msg {
		msg := cmd()
		if t, ok := msg.(spinner.TickMsg); ok {
			return spinTick{Reply: reply, t: t}
		}
		return msg
	}
}

// spinner is the spinner frame, or a word in plain mode.
func (m *Model) spinnerView() string {
	if m.c.Config.Plain {
		return "…"
	}
	return m.spin.View()
}
