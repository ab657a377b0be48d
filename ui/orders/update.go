package orders

import (
	"caigou/ui/link"
	"slices"
	"sort"
	"strings"

	"caigou/ui/common"
	"caigou/ui/keys"
	"caigou/xport"

	tea "github.com/charmbracelet/bubbletea"
)

// Update implements common.Page.
func (m *Model) Update(msg tea.Msg) (common.Page, tea.Cmd) {
	switch msg := msg.(type) {
	case listMsg:
		return m, m.onList(msg)
	case whereMsg:
		return m, m.onWhere(msg)
	case payMsg:
		return m, m.onPay(msg)
	case refreshTick:
		return m, m.onTick(msg)
	case tea.KeyMsg:
		if m.finding {
			return m, m.findKey(msg)
		}
		return m, m.browseKey(msg)
	}
	return m, nil
}

func (m *Model) browseKey(msg tea.KeyMsg) tea.Cmd {
	km := m.c.Keys
	t := &m.t
	switch {
	case km.Matches(msg, keys.Up):
		t.move(-1)
	case km.Matches(msg, keys.Down):
		t.move(1)
		return m.prefetch()
	case km.Matches(msg, keys.PageUp):
		t.move(-t.height)
	case km.Matches(msg, keys.PageDown):
		t.move(t.height)
		return m.prefetch()
	case km.Matches(msg, keys.Top):
		t.top()
	case km.Matches(msg, keys.Bottom):
		t.bottom()
		return m.prefetch()
	case km.Matches(msg, keys.Right), km.Matches(msg, keys.NextPane):
		return m.switchTab(1)
	case km.Matches(msg, keys.Left), km.Matches(msg, keys.PrevPane):
		return m.switchTab(-1)
	case km.Matches(msg, keys.Open):
		return m.openSelected()
	case km.Matches(msg, keys.Mark):
		return m.toggleMark()
	case km.Matches(msg, keys.Export):
		return m.export()
	case km.Matches(msg, keys.Pay):
		return m.pay()
	case km.Matches(msg, keys.FindOrders):
		m.finding = true
		m.input.SetValue("")
		return m.input.Focus()
	case km.Matches(msg, keys.Back):
		// Only reached when ClaimsBack: a search is shown.
		return m.clearSearch()
	case km.Matches(msg, keys.Retry), km.Matches(msg, keys.Refresh):
		return m.retry()
	}
	return nil
}

// switchTab moves to the next or previous status tab and loads it. Marks
// stay: they are orders, not rows.
func (m *Model) switchTab(d int) tea.Cmd {
	n := len(tabs())
	m.tab = ((m.tab+d)%n + n) % n
	m.lastQID++
	m.q = query{id: m.lastQID, status: tabs()[m.tab].status, ids: m.q.ids}
	return m.run()
}

// findKey handles keys while the id input has focus. Printable keys are
// text, whatever they are bound to elsewhere.
func (m *Model) findKey(msg tea.KeyMsg) tea.Cmd {
	km := m.c.Keys
	if msg.Type != tea.KeyRunes && msg.Type != tea.KeySpace {
		switch {
		case km.Matches(msg, keys.Open):
			return m.find()
		case km.Matches(msg, keys.Back):
			m.finding = false
			m.input.Blur()
			return nil
		}
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return cmd
}

// find searches the pasted ids on the "all" tab, so no id hides behind a
// status filter. Input without one id changes nothing.
func (m *Model) find() tea.Cmd {
	p := parseOrderIDs(m.input.Value())
	report := p.report()
	if len(p.ids) == 0 {
		text := "No order ids there: an order id is 19 digits."
		if report != "" {
			text += " " + capitalize(report) + "."
		}
		text += " Paste only the ids, one per line or separated by commas or spaces."
		return common.Status(common.Warn, text)
	}
	m.finding = false
	m.input.Blur()
	m.findNote = report
	m.tab = 0
	m.lastQID++
	m.q = query{id: m.lastQID, ids: p.ids}
	text := "Looking up " + plural(len(p.ids), "order id", "order ids")
	level := common.Info
	if report != "" {
		text += "; " + report
		level = common.Warn
	}
	return tea.Batch(m.run(), common.Status(level, text))
}

// clearSearch goes back from a search's results to the tab's list.
func (m *Model) clearSearch() tea.Cmd {
	if m.q.ids == nil {
		return nil
	}
	m.findNote = ""
	m.lastQID++
	m.q = query{id: m.lastQID, status: tabs()[m.tab].status}
	return m.run()
}

// toggleMark marks or unmarks the order under the cursor for a joint
// payment, then moves down so a run of orders is marked key after key.
func (m *Model) toggleMark() tea.Cmd {
	r := m.t.selected()
	if r == nil || m.state != ready {
		return nil
	}
	switch {
	case m.marks[r.id]:
		delete(m.marks, r.id)
	case !Unpaid(r.status):
		return common.Status(common.Warn, "Order "+shortID(r.id)+" is "+statusWords(r.status)+": only unpaid (待付款) orders can be marked to pay")
	case len(m.marks) >= xport.MaxPayBatch:
		return common.Status(common.Warn, "At most "+itoa(xport.MaxPayBatch)+" orders can be paid at once, and "+itoa(len(m.marks))+" are marked: pay these first, or unmark one")
	default:
		m.marks[r.id] = true
	}
	m.t.move(1)
	return m.prefetch()
}

// marked lists the marked orders, in list order and then by id for any
// marked on another tab.
func (m *Model) marked() []string {
	var out []string
	in := map[string]bool{}
	for _, r := range m.t.rows {
		if m.marks[r.id] {
			out = append(out, r.id)
			in[r.id] = true
		}
	}
	var rest []string
	for id := range m.marks {
		if !in[id] {
			rest = append(rest, id)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// pay asks for one link for the marked orders, or for the order under the
// cursor when none is marked.
func (m *Model) pay() tea.Cmd {
	if m.paying {
		return common.Status(common.Info, "Already asking for a payment link…")
	}
	ids := m.marked()
	if len(ids) == 0 {
		r := m.t.selected()
		if r == nil || m.state != ready {
			return nil
		}
		if !Unpaid(r.status) {
			return common.Status(common.Warn, "Order "+shortID(r.id)+" is "+statusWords(r.status)+": nothing to pay. Mark unpaid orders with "+m.keyName(keys.Mark)+" to pay several at once")
		}
		ids = []string{r.id}
	}
	if len(ids) > xport.MaxPayBatch {
		return common.Status(common.Warn, "At most "+itoa(xport.MaxPayBatch)+" orders can be paid at once; unmark "+itoa(len(ids)-xport.MaxPayBatch))
	}
	ctx, seq := m.req.Start(reqPay)
	m.paying = true
	m.payNote = ""
	return tea.Batch(payCmd(ctx, marketOf(m.c), common.Reply{Page: m.id, Seq: seq}, ids),
		common.Status(common.Info, payWhat(ids)+": asking for the payment link…"))
}

func (m *Model) onPay(msg payMsg) tea.Cmd {
	if !m.req.Current(reqPay, msg.Seq) {
		return nil
	}
	m.req.Done(reqPay, msg.Seq)
	m.paying = false
	if msg.err != nil {
		return tea.Batch(common.Error(payWhat(msg.ids), msg.err), m.refresh(false))
	}
	if msg.res == nil {
		return common.Status(common.Warn, payWhat(msg.ids)+": the service answered nothing")
	}
	am := link.Amounts{ByID: map[string]xport.Fen{}}
	for _, r := range m.t.rows {
		if slices.Contains(msg.ids, r.id) {
			if f, ok := payAmount(r.order, m.previews[string(r.order.BaseInfo.OutOrderID)]); ok {
				am.ByID[r.id] = f
			}
		}
	}
	ans := link.ReadPay(m.c, msg.ids, msg.res, am)
	m.payNote = ans.Cant
	for _, id := range ans.Paid {
		delete(m.marks, id)
	}
	return tea.Batch(append(ans.Cmds(), m.refresh(false))...)
}

// statusWords is a status for a sentence.
func statusWords(raw string) string {
	if w := clean(TradeStatus(raw).String()); w != "" {
		return w
	}
	return "without a status"
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// keyName is the first key of an action as help shows it, so text that
// names a key follows the agent's remapping.
func (m *Model) keyName(a keys.Action) string { return m.c.Keys.Get(a).Help().Key }
