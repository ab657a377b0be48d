package checkout

import (
	"fmt"
	"strings"

	"caigou/ui/common"
	"caigou/ui/keys"
	"caigou/ui/link"
	"caigou/ui/sanitize"
	"caigou/xport"

	tea "github.com/charmbracelet/bubbletea"
)

// Update implements common.Page.
func (m *Model) Update(msg tea.Msg) (common.Page, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.KeyMsg:
		cmd = m.onKey(msg)
	case previewMsg:
		cmd = m.onPreview(msg)
	case placedMsg:
		cmd = m.onPlaced(msg)
	case lookedUpMsg:
		cmd = m.onLookedUp(msg)
	case payMsg:
		cmd = m.onPay(msg)
	default:
		return m, nil
	}
	m.layout()
	return m, cmd
}

func (m *Model) onKey(k tea.KeyMsg) tea.Cmd {
	km := m.c.Keys
	if m.confirming {
		// Only the confirm key places; any other key, esc included, is no.
		m.confirming = false
		asked := m.asked
		m.asked = nil
		if !km.Matches(k, keys.Confirm) {
			return common.Status(common.Info, "Nothing was ordered.")
		}
		return m.placeAll(asked)
	}
	switch {
	case km.Matches(k, keys.Back) && m.busy():
		return common.Status(common.Warn, "Orders are being placed: wait for their answers before leaving this page.")
	case km.Matches(k, keys.Up):
		m.selectGroup(m.sel - 1)
	case km.Matches(k, keys.Down):
		m.selectGroup(m.sel + 1)
	case km.Matches(k, keys.PageUp):
		m.scroll(-m.bodyHeight())
	case km.Matches(k, keys.PageDown):
		m.scroll(m.bodyHeight())
	case km.Matches(k, keys.Top):
		m.selectGroup(0)
		m.offset = 0
	case km.Matches(k, keys.Bottom):
		m.selectGroup(len(m.groups) - 1)
		m.scroll(len(m.body))
	case km.Matches(k, keys.Open):
		return m.askAll()
	case km.Matches(k, keys.Retry):
		return m.retry()
	case km.Matches(k, keys.Pay):
		return m.askPay()
	}
	return nil
}

// askAll opens the confirmation for every orderable group.
func (m *Model) askAll() tea.Cmd {
	var orderable []int
	waiting := 0
	for i, g := range m.groups {
		switch g.phase {
		case ready:
			orderable = append(orderable, i)
		case previewing:
			waiting++
		}
	}
	switch {
	case waiting > 0:
		// One question for the whole cart: asking before every preview is
		// in would show a total that is not the one the agent expects.
		return common.Status(common.Info, "Wait for the previews of "+plural(waiting, "supplier", "suppliers")+": nothing is placed before its preview.")
	case len(orderable) == 0:
		return common.Status(common.Warn, "Nothing to place: no supplier has a preview that can be ordered.")
	case m.c.Journal == nil:
		return common.Status(common.Warn, errNoJournal.Error())
	}
	m.confirming, m.asked = true, orderable
	return nil
}

// retry does what r means for the selected group: preview again after a
// failed preview, look up again after a failed look-up, or, only after a
// look-up found no order, ask before sending the create again.
func (m *Model) retry() tea.Cmd {
	if len(m.groups) == 0 {
		return nil
	}
	g := m.groups[m.sel]
	if !g.retriable() {
		return common.Status(common.Info, "Nothing to retry for this supplier; "+m.keyName(keys.Up)+"/"+m.keyName(keys.Down)+" chooses another.")
	}
	switch g.phase {
	case previewFailed:
		return m.preview(m.sel)
	case checkFailed:
		return m.lookUp(m.sel)
	case notPlaced:
		if m.c.Journal == nil {
			return common.Status(common.Warn, errNoJournal.Error())
		}
		m.confirming, m.asked = true, []int{m.sel}
	}
	return nil
}

// placeAll sends the creates of the groups the agent confirmed. A group
// already in flight, or no longer orderable, is skipped: that is what
// keeps a second key press from ordering anything twice.
func (m *Model) placeAll(asked []int) tea.Cmd {
	var cmds []tea.Cmd
	for _, i := range asked {
		g := m.groups[i]
		if g.inFlight || (g.phase != ready && g.phase != notPlaced) {
			continue
		}
		cmds = append(cmds, m.place(i))
	}
	if len(cmds) == 0 {
		return nil
	}
	m.round = true
	return tea.Batch(append(cmds, common.Status(common.Info, "Placing "+plural(len(cmds), "order", "orders")+"…"))...)
}

func (m *Model) askPay() tea.Cmd {
	if m.paying {
		return common.Status(common.Info, "Already asking for a payment link…")
	}
	var ids []string
	for _, g := range m.groups {
		for _, id := range g.orderIDs {
			if !m.payIssued[id] {
				ids = append(ids, id)
			}
		}
	}
	if len(ids) == 0 {
		if len(m.payIssued) > 0 {
			return common.Status(common.Info, "A payment link was already issued for every order created here; the orders screen shows whether they are paid.")
		}
		return common.Status(common.Info, "No orders to pay yet: place them first.")
	}
	more := 0
	if len(ids) > xport.MaxPayBatch {
		more = len(ids) - xport.MaxPayBatch
		ids = ids[:xport.MaxPayBatch]
	}
	return m.pay(ids, more)
}

func (m *Model) onPreview(msg previewMsg) tea.Cmd {
	if msg.group < 0 || msg.group >= len(m.groups) || !m.req.Current(previewKind(msg.group), msg.Seq) {
		return nil
	}
	m.req.Done(previewKind(msg.group), msg.Seq)
	g := m.groups[msg.group]
	if msg.earlier != "" {
		g.outOrderID = msg.earlier
	}
	var cmds []tea.Cmd
	if msg.journalErr != nil {
		cmds = append(cmds, common.Error("recording the order's outcome in the journal", msg.journalErr))
	}
	switch {
	case msg.lookErr != nil && xport.Classify(msg.lookErr) == xport.ClassCanceled:
		return nil
	case msg.lookErr != nil && g.outOrderID == "":
		// The journal could not be read: nothing is known, nothing offered.
		g.phase, g.err = previewFailed, msg.lookErr
	case msg.lookErr != nil:
		// r looks again; the group is previewed once the look-up finds
		// nothing.
		g.phase, g.err = checkFailed, msg.lookErr
	case len(msg.earlierIDs) > 0:
		g.phase, g.orderIDs, g.earlier = created, msg.earlierIDs, true
		cmds = append(cmds, common.Status(common.Warn, "An earlier order with "+sanitize.Line(g.g.SellerName)+
			" whose answer was lost WAS placed (order "+sanitize.Line(strings.Join(msg.earlierIDs, ", "))+"): its lines left the cart and are not ordered again."))
	case msg.err == nil && len(msg.previews) == 0:
		g.phase, g.err = previewFailed, fmt.Errorf("the preview came back empty")
	case msg.err == nil:
		g.phase, g.previews = ready, msg.previews
	case xport.Classify(msg.err) == xport.ClassCanceled:
		return nil
	case refusedPreview(msg.err):
		g.phase, g.err = refused, msg.err
	default:
		g.phase, g.err = previewFailed, msg.err
	}
	return tea.Batch(cmds...)
}

// refusedPreview tells a refusal (fix the cart) from a failure to get an
// answer (try again). A check the client makes before sending (no address)
// is a refusal too: trying again would not help.
func refusedPreview(err error) bool {
	switch xport.Classify(err) {
	case xport.ClassValidation, xport.ClassUnknown:
		return true
	}
	return false
}

func (m *Model) onPlaced(msg placedMsg) tea.Cmd {
	if msg.group < 0 || msg.group >= len(m.groups) {
		return nil
	}
	g := m.groups[msg.group]
	if !g.inFlight || g.phase != placing {
		return nil
	}
	g.inFlight = false
	if msg.outOrderID != "" {
		g.outOrderID = msg.outOrderID
	}
	var cmds []tea.Cmd
	switch {
	case len(msg.orderIDs) > 0:
		g.phase, g.orderIDs, g.note = created, msg.orderIDs, msg.reason
	case msg.unknown:
		g.lost = msg.err
		cmds = append(cmds, m.lookUp(msg.group))
	case !msg.sent:
		// Nothing left the desk; the group is as orderable as before.
		g.phase, g.err = ready, nil
		cmds = append(cmds, common.Status(common.Warn, "Not placed with "+sanitize.Line(g.g.SellerName)+": "+msg.reason))
	default:
		g.phase, g.err, g.note = failed, msg.err, msg.reason
	}
	if msg.journalErr != nil {
		cmds = append(cmds, common.Error("recording the order's outcome in the journal", msg.journalErr))
	}
	return tea.Batch(append(cmds, m.summary())...)
}

func (m *Model) onLookedUp(msg lookedUpMsg) tea.Cmd {
	if msg.group < 0 || msg.group >= len(m.groups) {
		return nil
	}
	g := m.groups[msg.group]
	if !g.inFlight || g.phase != checking {
		return nil
	}
	g.inFlight = false
	var cmds []tea.Cmd
	switch {
	case msg.err != nil:
		g.phase, g.err = checkFailed, msg.err
	case len(msg.orderIDs) > 0:
		g.phase, g.orderIDs, g.err = created, msg.orderIDs, nil
	case len(g.previews) == 0:
		// An earlier create of the goods, found absent before the group
		// was previewed: preview it now; it is placed under the same
		// reference.
		cmds = append(cmds, m.preview(msg.group))
	default:
		g.phase, g.err = notPlaced, nil
	}
	if msg.journalErr != nil {
		cmds = append(cmds, common.Error("recording the order's outcome in the journal", msg.journalErr))
	}
	return tea.Batch(append(cmds, m.summary())...)
}

// summary announces the end of a round of creates, once every group sent
// has its outcome.
func (m *Model) summary() tea.Cmd {
	if !m.round || m.busy() {
		return nil
	}
	m.round = false
	var orders, made, bad, lost, unknown int
	for _, g := range m.groups {
		switch g.phase {
		case created:
			orders += len(g.orderIDs)
			made++
		case failed:
			bad++
		case notPlaced:
			lost++
		case checkFailed:
			unknown++
		}
	}
	var parts []string
	level := common.OK
	if made > 0 {
		parts = append(parts, "Created "+plural(orders, "order", "orders")+" with "+plural(made, "supplier", "suppliers"))
	}
	if bad > 0 {
		level = common.Warn
		parts = append(parts, plural(bad, "supplier", "suppliers")+" failed; those lines stay in the cart")
	}
	if lost > 0 {
		level = common.Warn
		parts = append(parts, plural(lost, "supplier was", "suppliers were")+" not placed (the answer was lost and no order was found); "+
			m.keyName(keys.Retry)+" sends again")
	}
	if unknown > 0 {
		level = common.Warn
		parts = append(parts, plural(unknown, "supplier is", "suppliers are")+" unknown (the look-up failed); "+
			m.keyName(keys.Retry)+" looks again")
	}
	if made > 0 {
		parts = append(parts, m.keyName(keys.Pay)+" asks for payment")
	}
	if len(parts) == 0 {
		return nil
	}
	return common.Status(level, strings.Join(parts, ". ")+".")
}

func (m *Model) onPay(msg payMsg) tea.Cmd {
	if !m.req.Current(kindPay, msg.Seq) {
		return nil
	}
	m.req.Done(kindPay, msg.Seq)
	m.paying = false
	if msg.err != nil {
		if xport.Classify(msg.err) == xport.ClassCanceled {
			return nil
		}
		return common.Error("asking for the payment link of "+plural(len(msg.asked), "order", "orders"), msg.err)
	}
	for _, id := range msg.asked {
		m.payIssued[id] = true
	}
	var more string
	if msg.more > 0 {
		more = fmt.Sprintf("At most %d orders are paid at once: this link is for the first %d; %s again for the other %d.",
			xport.MaxPayBatch, len(msg.asked), m.keyName(keys.Pay), msg.more)
	}
	return tea.Batch(link.ReadPay(m.c, msg.asked, msg.res).Cmds(more)...)
}

func (m *Model) keyName(a keys.Action) string { return m.c.Keys.Get(a).Help().Key }
