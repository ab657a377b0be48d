package orders

import (
	"context"
	"maps"
	"strings"
	"time"

	"caigou/ui/common"
	"caigou/ui/journal"
	"caigou/ui/sanitize"
	"caigou/xport"

	tea "github.com/charmbracelet/bubbletea"
)

// Request kinds. Every load of the list (first page, next page, refresh)
// is one kind, so a new one cancels the old and its late reply is dropped.
const (
	reqList  = "list"
	reqWhere = "whereabouts"
	reqPay   = "pay"
)

// maxListPage is the largest page the order list serves; a refresh
// reloads at most this many rows.
const maxListPage = 100

type loadKind int

const (
	loadFirst loadKind = iota
	loadMore
	loadRefresh
)

// listMsg is a page of orders, addressed to the page that asked.
type listMsg struct {
	common.Reply
	q     query
	kind  loadKind
	page  int // the page asked for; for a refresh, how many pages it covers
	auto  bool
	at    time.Time
	res   *xport.OrderPage
	err   error
	prior []string // for a refresh: the ids the reloaded rows held before
	// With the first page: the journal's preview totals, and what the
	// look-ups of creates whose answer was lost found (the orders list
	// being read is one of the moments the desk looks them up again).
	previews map[string]xport.Fen
	settled  []journal.Resolution
	notes    []string
}

// whereMsg answers where orders that left the tab went.
type whereMsg struct {
	common.Reply
	res *xport.OrderPage
	err error
}

// refreshTick is the timer. It is not addressed: the root gives it to the
// top page only, so the timer stops by itself while another page is on
// top, and Resume starts a new one.
type refreshTick struct{ page, gen int }

// change is an order whose status moved since its last load.
type change struct{ id, from, to string }

// run loads the current query from its first page.
func (m *Model) run() tea.Cmd {
	m.t.reset()
	m.state = loading
	m.err = nil
	m.total, m.loaded = 0, 0
	m.more, m.moreErr, m.exhausted = false, nil, false
	m.refreshing = false
	m.notFound = nil
	return m.fetch(loadFirst, 1, m.pageSize, 1, false)
}

// fetch asks for one page. The client call runs in the command.
func (m *Model) fetch(kind loadKind, page, size, pages int, auto bool) tea.Cmd {
	ctx, seq := m.req.Start(reqList)
	q := m.q
	client, now := marketOf(m.c), m.c.Now
	reply := common.Reply{Page: m.id, Seq: seq}
	var prior []string
	if kind == loadRefresh {
		for i := 0; i < len(m.t.rows) && i < size; i++ {
			prior = append(prior, m.t.rows[i].id)
		}
	}
	shown := page
	if kind == loadRefresh {
		shown = pages
	}
	c := m.c
	return func() tea.Msg {
		res, err := client.ListOrders(ctx, xport.OrderQuery{Status: q.status, Page: page, PageSize: size, OrderIDs: q.ids})
		msg := listMsg{Reply: reply, q: q, kind: kind, page: shown, auto: auto, at: now(), res: res, err: err, prior: prior}
		if err == nil && c.Journal != nil {
			msg.previews = previewsOf(c, res)
			if kind == loadFirst {
				msg.settled, msg.notes = settlePending(ctx, c)
			}
		}
		return msg
	}
}

// refresh reloads the rows already loaded in one request, so the cursor
// stays on its order and a status change shows in place.
func (m *Model) refresh(auto bool) tea.Cmd {
	switch {
	case m.closed:
		return nil
	case m.state == loading:
		return nil
	case m.state == failed:
		return m.run()
	case m.refreshing && auto:
		return nil
	}
	pages := max((len(m.t.rows)+m.pageSize-1)/m.pageSize, 1)
	pages = min(pages, max(maxListPage/m.pageSize, 1))
	m.more = false // the new request cancels a page in flight
	m.refreshing = true
	return m.fetch(loadRefresh, 1, pages*m.pageSize, pages, auto)
}

// onList takes a reply. Replies for an older request or another query are
// dropped: a slow page of the old tab must never land in the new one.
func (m *Model) onList(msg listMsg) tea.Cmd {
	if !m.req.Current(reqList, msg.Seq) || msg.q.id != m.q.id {
		return nil
	}
	m.req.Done(reqList, msg.Seq)
	if len(msg.previews) > 0 && m.previews == nil {
		m.previews = make(map[string]xport.Fen, len(msg.previews))
	}
	maps.Copy(m.previews, msg.previews)
	var cmds []tea.Cmd
	switch msg.kind {
	case loadFirst:
		if msg.err != nil {
			m.state, m.err = failed, msg.err
			return common.Error("Loading "+m.tabName(), msg.err)
		}
		m.state = ready
		m.take(msg)
		if st := settledReport(msg.settled, msg.notes); st != nil {
			cmds = append(cmds, st)
		}
	case loadMore:
		m.more = false
		if msg.err != nil {
			m.moreErr = msg.err
			return common.Error("Loading "+m.tabName()+" (page "+itoa(msg.page)+")", msg.err)
		}
		m.take(msg)
	case loadRefresh:
		m.refreshing = false
		if msg.err != nil {
			if msg.auto {
				m.refreshErr = msg.err
				return nil
			}
			return common.Error("Refreshing "+m.tabName(), msg.err)
		}
		m.refreshErr = nil
		cmds = append(cmds, m.replace(msg))
	}
	m.updated = msg.at
	if msg.res != nil {
		cmds = append(cmds, announce(m.note(msg.res.Orders)))
	}
	cmds = append(cmds, m.checkFound(), m.prefetch())
	return tea.Batch(cmds...)
}

// take appends a page of orders.
func (m *Model) take(msg listMsg) {
	m.loaded = msg.page
	if msg.res == nil {
		m.exhausted = true
		return
	}
	m.total = int(msg.res.TotalRecords)
	if m.t.add(m.rows(msg.res.Orders)) == 0 {
		m.exhausted = true
	}
	m.t.clamp()
}

// replace puts a refresh's rows in place of the old ones, keeping the
// cursor on its order, and asks where orders that left the tab went.
func (m *Model) replace(msg listMsg) tea.Cmd {
	var at string
	if r := m.t.selected(); r != nil {
		at = r.id
	}
	cursor, offset := m.t.cursor, m.t.offset
	m.t.reset()
	m.loaded, m.exhausted = msg.page, false
	if msg.res != nil {
		m.total = int(msg.res.TotalRecords)
		m.t.add(m.rows(msg.res.Orders))
	}
	if len(m.t.rows) < msg.page*m.pageSize {
		m.exhausted = true
	}
	m.t.cursor, m.t.offset = cursor, offset
	if i := m.t.find(at); i >= 0 {
		m.t.cursor = i
	}
	m.t.clamp()
	if m.q.status == "" {
		return nil
	}
	var gone []string
	for _, id := range msg.prior {
		if !m.t.seen[id] {
			gone = append(gone, id)
		}
	}
	return m.whereabouts(gone)
}

func (m *Model) rows(orders []xport.Order) []row {
	out := make([]row, 0, len(orders))
	for _, o := range orders {
		out = append(out, newRow(m.c, o, m.previews[string(o.BaseInfo.OutOrderID)]))
	}
	return out
}

// whereabouts asks for orders that left a status tab, to say what they
// became: an order that ships leaves "awaiting shipment", and the agent
// should hear that it shipped rather than see it vanish.
func (m *Model) whereabouts(ids []string) tea.Cmd {
	if len(ids) == 0 {
		return nil
	}
	if len(ids) > maxListPage {
		ids = ids[:maxListPage]
	}
	ctx, seq := m.req.Start(reqWhere)
	client := marketOf(m.c)
	reply := common.Reply{Page: m.id, Seq: seq}
	return func() tea.Msg {
		res, err := client.ListOrders(ctx, xport.OrderQuery{OrderIDs: ids, PageSize: len(ids)})
		return whereMsg{Reply: reply, res: res, err: err}
	}
}

func (m *Model) onWhere(msg whereMsg) tea.Cmd {
	if !m.req.Current(reqWhere, msg.Seq) {
		return nil
	}
	m.req.Done(reqWhere, msg.Seq)
	if msg.err != nil || msg.res == nil {
		// Only an announcement is lost; the list itself is right.
		m.c.Log.Debug("orders: where did they go", "err", msg.err)
		return nil
	}
	return announce(m.note(msg.res.Orders))
}

// note records each order's status and returns those that changed since
// the last load. A mark on an order that is no longer unpaid goes.
func (m *Model) note(orders []xport.Order) []change {
	var out []change
	for _, o := range orders {
		id := orderIDOf(o)
		st := strings.TrimSpace(string(o.BaseInfo.Status))
		if id == "" {
			continue
		}
		if prev, ok := m.known[id]; ok && prev != st {
			out = append(out, change{id: id, from: prev, to: st})
		}
		m.known[id] = st
		if !Unpaid(st) {
			delete(m.marks, id)
		}
	}
	return out
}

// announce puts status changes in the status line, in words.
func announce(cs []change) tea.Cmd {
	if len(cs) == 0 {
		return nil
	}
	now := func(c change) string {
		w := TradeStatus(c.to).String()
		if w == "" {
			w = "without a status"
		}
		return shortID(c.id) + " is now " + clean(w)
	}
	if len(cs) == 1 {
		return common.Status(common.Info, "Order "+now(cs[0]))
	}
	parts := make([]string, 0, len(cs))
	for _, c := range cs {
		parts = append(parts, now(c))
	}
	return common.Status(common.Info, itoa(len(cs))+" orders changed: "+strings.Join(parts, "; "))
}

// hasMore reports whether the service has orders beyond those loaded.
func (m *Model) hasMore() bool {
	return !m.exhausted && len(m.t.rows) < m.total
}

// prefetch asks for the next page once the cursor nears the end.
func (m *Model) prefetch() tea.Cmd {
	if m.state != ready || m.more || m.refreshing || m.moreErr != nil || !m.hasMore() {
		return nil
	}
	if len(m.t.rows)-1-m.t.cursor > max(prefetchWithin, m.t.height) {
		return nil
	}
	m.more = true
	return m.fetch(loadMore, m.loaded+1, m.pageSize, 1, false)
}

// checkFound says which searched ids came back with nothing, once every
// page is in.
func (m *Model) checkFound() tea.Cmd {
	if m.q.ids == nil || m.q.status != "" || m.state != ready || m.hasMore() {
		m.notFound = nil
		return nil
	}
	var missing []string
	for _, id := range m.q.ids {
		if !m.t.seen[id] {
			missing = append(missing, id)
		}
	}
	first := m.notFound == nil
	m.notFound = missing
	if len(missing) == 0 || !first {
		return nil
	}
	return common.Status(common.Warn, "Found "+itoa(len(m.q.ids)-len(missing))+" of "+itoa(len(m.q.ids))+" orders; not found: "+listIDs(missing, 3))
}

// listIDs writes ids in full (agents copy them), the first n of them.
func listIDs(ids []string, n int) string {
	if len(ids) <= n {
		return strings.Join(ids, ", ")
	}
	return strings.Join(ids[:n], ", ") + " and " + itoa(len(ids)-n) + " more"
}

// retry runs again whatever failed last, or refreshes.
func (m *Model) retry() tea.Cmd {
	if m.moreErr != nil {
		m.moreErr = nil
		return m.prefetch()
	}
	return m.refresh(false)
}

// startTimer starts a new refresh timer; the old one's ticks are dropped.
func (m *Model) startTimer() tea.Cmd {
	d := m.c.Config.OrdersRefresh
	if d <= 0 || m.closed {
		return nil
	}
	m.gen++
	return m.after(d, refreshTick{page: m.id, gen: m.gen})
}

func (m *Model) onTick(msg refreshTick) tea.Cmd {
	if msg.page != m.id || msg.gen != m.gen || m.closed {
		return nil
	}
	return tea.Batch(m.refresh(true), m.startTimer())
}

// previewsOf reads the preview totals the journal holds for the orders
// of a page: the references on the page, not the whole history. A
// journal that cannot be read gives none, and the amounts go unchecked.
func previewsOf(c *common.Common, res *xport.OrderPage) map[string]xport.Fen {
	if res == nil {
		return nil
	}
	// 1688's list does not show the reference an order was placed under;
	// the journal knows it for the orders the desk placed. A journal that
	// cannot be read leaves the column empty, as the list sent it.
	_ = c.Journal.FillRefs(res.Orders)
	refs := make([]string, 0, len(res.Orders))
	for _, o := range res.Orders {
		if ref := string(o.BaseInfo.OutOrderID); ref != "" {
			refs = append(refs, ref)
		}
	}
	if len(refs) == 0 {
		return nil
	}
	p, _ := c.Journal.PreviewTotals(refs)
	return p
}

// settlePending settles the creates whose answer was lost: reading the
// orders list is one of the moments the desk looks them up again.
func settlePending(ctx context.Context, c *common.Common) ([]journal.Resolution, []string) {
	found, notes, err := c.SettlePending(ctx, "when the orders list was read")
	if err != nil {
		notes = append(notes, "The order journal could not be read or written: "+err.Error())
	}
	return found, notes
}

// settledReport tells the agent what the look-ups found.
func settledReport(found []journal.Resolution, notes []string) tea.Cmd {
	parts := append(journal.Report(found), notes...)
	if len(parts) == 0 {
		return nil
	}
	return common.Status(common.Warn, sanitize.Line(strings.Join(parts, ". ")+"."))
}
