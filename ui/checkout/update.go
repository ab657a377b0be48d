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
	case recheckMsg:
		cmd = m.onRecheck()
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
	if m.typing {
		return m.onTyping(k)
	}
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
	case km.Matches(k, keys.Export):
		return m.export()
	case km.Matches(k, keys.Retry):
		return m.retry()
	case km.Matches(k, keys.OrderAgain):
		return m.askAgain()
	case km.Matches(k, keys.Pay):
		return m.askPay()
	}
	return nil
}

// askAll opens the confirmation for every orderable group.
func (m *Model) askAll() tea.Cmd {
	var orderable []int
	waiting := 0
	var open []string
	for i, g := range m.groups {
		switch g.phase {
		case ready:
			orderable = append(orderable, i)
		case previewing:
			waiting++
		case unsettled:
			open = append(open, sanitize.Line(g.g.SellerName))
		}
	}
	switch {
	case waiting == 0 && len(orderable) == 0 && len(open) > 0:
		return common.Status(common.Warn, "Nothing to place: the goods of "+strings.Join(open, ", ")+" wait on an order whose answer was lost (UNKNOWN). "+
			m.keyName(keys.Retry)+" looks it up; "+m.keyName(keys.OrderAgain)+" and the reference's last "+itoa(againLen)+" characters order them again.")
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
// failed preview, or look an unsettled create up again. It never sends a
// create.
func (m *Model) retry() tea.Cmd {
	if len(m.groups) == 0 {
		return nil
	}
	g := m.groups[m.sel]
	if g.inFlight && g.phase == unsettled {
		return common.Status(common.Info, "Already looking the order up; its answer shows here.")
	}
	if !g.retriable() {
		return common.Status(common.Info, "Nothing to retry for this supplier; "+m.keyName(keys.Up)+"/"+m.keyName(keys.Down)+" chooses another.")
	}
	switch g.phase {
	case previewFailed:
		return m.preview(m.sel)
	case unsettled:
		return m.lookUp(m.sel)
	}
	return nil
}

// askAgain starts the deliberate way to order unsettled goods again: the
// agent types the end of the reference. One key never does it: the
// earlier create may still land, and a service that does not deduplicate
// the reference would then hold two orders.
func (m *Model) askAgain() tea.Cmd {
	if len(m.groups) == 0 {
		return nil
	}
	g := m.groups[m.sel]
	switch {
	case g.phase != unsettled:
		return common.Status(common.Info, "Only goods whose earlier order is unsettled are ordered again this way; "+m.keyName(keys.Open)+" places orders that are ready.")
	case g.inFlight:
		return common.Status(common.Info, "Still looking the earlier order up; wait for the answer.")
	case len(g.previews) == 0:
		return common.Status(common.Warn, "These goods have no preview yet, so nothing can be ordered: "+m.keyName(keys.Retry)+" looks the earlier order up and previews again.")
	case m.c.Journal == nil:
		return common.Status(common.Warn, errNoJournal.Error())
	}
	m.typing, m.typed = true, nil
	return nil
}

// onTyping edits the typed reference; enter checks it, esc gives up.
func (m *Model) onTyping(k tea.KeyMsg) tea.Cmd {
	g := m.groups[m.sel]
	switch k.Type {
	case tea.KeyEsc:
		m.typing, m.typed = false, nil
		return common.Status(common.Info, "Nothing was ordered.")
	case tea.KeyEnter:
		typed := strings.TrimSpace(string(m.typed))
		m.typing, m.typed = false, nil
		if g.phase != unsettled || g.inFlight || len(g.previews) == 0 {
			return common.Status(common.Info, "Nothing was ordered: the order's state changed while you typed.")
		}
		if !strings.EqualFold(typed, g.againCode()) {
			return common.Status(common.Warn, "That is not the end of the reference; nothing was ordered.")
		}
		m.round = true
		return tea.Batch(m.place(m.sel, "the agent typed the reference's last "+itoa(againLen)+" characters"),
			common.Status(common.Info, "Ordering again under reference "+sanitize.Line(g.outOrderID)+"…"))
	}
	m.typed, _ = common.EditRunes(m.typed, k, 2*againLen)
	return nil
}

// placeAll sends the creates of the groups the agent confirmed. A group
// already in flight, or no longer orderable, is skipped: that is what
// keeps a second key press from ordering anything twice.
func (m *Model) placeAll(asked []int) tea.Cmd {
	var cmds []tea.Cmd
	for _, i := range asked {
		g := m.groups[i]
		if g.inFlight || g.phase != ready {
			continue
		}
		cmds = append(cmds, m.place(i, ""))
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
	if g.phase != previewing && g.phase != unsettled {
		// A preview that lands after a look-up settled the group (it found
		// the order) must not make the goods orderable again: that would
		// send a second create on enter (found by the chaos test).
		return nil
	}
	m.changed(msg.group)
	var cmds []tea.Cmd
	if msg.journalErr != nil {
		cmds = append(cmds, common.Error("recording the order's outcome in the journal", msg.journalErr))
	}
	if msg.earlier != "" {
		g.outOrderID, g.earlier = msg.earlier, true
	}
	switch {
	case msg.lookErr != nil && xport.Classify(msg.lookErr) == xport.ClassCanceled:
		return nil
	case msg.lookErr != nil && msg.earlier == "":
		// The journal could not be read: nothing is known, nothing offered.
		g.phase, g.err = previewFailed, msg.lookErr
		return tea.Batch(cmds...)
	case len(msg.earlierIDs) > 0 && msg.look == lookNone:
		g.phase, g.orderIDs = created, msg.earlierIDs
		cmds = append(cmds, common.Status(common.Warn, "An earlier order with "+sanitize.Line(g.g.SellerName)+
			" whose answer was lost WAS placed (order "+sanitize.Line(strings.Join(msg.earlierIDs, ", "))+"): its lines left the cart and are not ordered again."))
		return tea.Batch(cmds...)
	case len(msg.earlierIDs) > 0:
		// One earlier create of these goods landed, and another, sent
		// after it, is still unknown: the goods are not "created" under a
		// reference that has no order; they stay tied to the one that may
		// still land.
		g.phase, g.look, g.why = unsettled, msg.look, msg.why
		cmds = append(cmds, common.Status(common.Warn, "An earlier order with "+sanitize.Line(g.g.SellerName)+
			" whose answer was lost WAS placed (order "+sanitize.Line(strings.Join(msg.earlierIDs, ", "))+"), and a later create of the same goods, reference "+
			sanitize.Line(msg.earlier)+", is still UNKNOWN: it may land too. Check both on 1688.com before ordering these goods again."))
	case msg.lookErr != nil:
		g.phase, g.look, g.err = unsettled, lookFailed, msg.lookErr
	case msg.earlier != "":
		g.phase, g.look, g.why = unsettled, msg.look, msg.why
	}
	if g.phase == unsettled {
		// The goods stay tied to the earlier reference whatever the
		// preview says; it only shows what ordering them again costs.
		if msg.err == nil {
			g.previews = msg.previews
		}
		return tea.Batch(append(cmds, m.recheck())...)
	}
	switch {
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
	m.changed(msg.group)
	g.inFlight = false
	if msg.outOrderID != "" {
		g.outOrderID = msg.outOrderID
	}
	var cmds []tea.Cmd
	switch {
	case len(msg.orderIDs) > 0:
		g.phase, g.orderIDs, g.note = created, msg.orderIDs, msg.reason
	case msg.unknown:
		g.lost, g.phase = msg.err, checking
		cmds = append(cmds, m.lookUp(msg.group))
	case msg.stillOpen:
		g.phase = unsettled
		cmds = append(cmds, m.recheck(), common.Status(common.Warn, "The new order with "+sanitize.Line(g.g.SellerName)+" was refused ("+msg.reason+
			"), but the earlier one under reference "+sanitize.Line(g.outOrderID)+" is still UNKNOWN: it may still land, and the desk keeps looking."))
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
	if !g.inFlight || (g.phase != checking && g.phase != unsettled) {
		return nil
	}
	m.changed(msg.group)
	g.inFlight = false
	var cmds []tea.Cmd
	switch {
	case msg.err != nil && xport.Classify(msg.err) == xport.ClassCanceled:
		g.phase, g.look = unsettled, lookFailed
		g.err = msg.err
	case msg.err != nil:
		g.phase, g.look, g.err = unsettled, lookFailed, msg.err
	case len(msg.orderIDs) > 0:
		was := g.phase
		g.phase, g.orderIDs, g.err = created, msg.orderIDs, nil
		if was == unsettled && !m.round {
			cmds = append(cmds, common.Status(common.Warn, "The order with "+sanitize.Line(g.g.SellerName)+" whose answer was lost WAS placed: order "+
				sanitize.Line(strings.Join(msg.orderIDs, ", "))+". Its lines left the cart."))
		}
	default:
		g.phase, g.err, g.why = unsettled, nil, msg.why
		g.look = lookUnproven
		if msg.absent {
			g.look = lookNotFound
		}
		if len(g.previews) == 0 {
			cmds = append(cmds, m.preview(msg.group))
		}
	}
	if g.phase == unsettled {
		cmds = append(cmds, m.recheck())
	}
	if msg.journalErr != nil {
		cmds = append(cmds, common.Error("recording the order's outcome in the journal", msg.journalErr))
	}
	return tea.Batch(append(cmds, m.summary())...)
}

// onRecheck looks every unsettled create up again, and keeps the timer
// going while any is left.
func (m *Model) onRecheck() tea.Cmd {
	m.ticking = false
	var cmds []tea.Cmd
	left := false
	for i, g := range m.groups {
		if g.phase != unsettled {
			continue
		}
		left = true
		if !g.inFlight {
			cmds = append(cmds, m.lookUp(i))
		}
	}
	if left && len(cmds) == 0 {
		cmds = append(cmds, m.recheck())
	}
	return tea.Batch(cmds...)
}

// summary announces the end of a round of creates, once every group sent
// has its outcome.
func (m *Model) summary() tea.Cmd {
	if !m.round || m.busy() {
		return nil
	}
	m.round = false
	var orders, made, bad, open int
	for _, g := range m.groups {
		switch g.phase {
		case created:
			orders += len(g.orderIDs)
			made++
		case failed:
			bad++
		case unsettled:
			open++
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
	if open > 0 {
		level = common.Warn
		parts = append(parts, plural(open, "supplier's order is", "suppliers' orders are")+" UNKNOWN: the answer was lost and no order has been found yet. "+
			"Do not order those goods again elsewhere; the desk keeps looking ("+m.keyName(keys.Retry)+" looks now)")
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
	// What each order will charge, as the preview said it with the Xport
	// fee/adjustment (sumTotalPayment): known for a supplier placed as one
	// order. Without that figure the goods and freight alone could
	// understate the charge, so the amount is left unsaid.
	// A backend that adds no fee (1688 direct) charges the preview's
	// goods and freight, which are then the whole amount.
	noFee := marketOf(m.c).Backend().NoFee
	am := link.Amounts{ByID: map[string]xport.Fen{}, As: "as previewed"}
	for _, g := range m.groups {
		f := g.totalWithFee()
		if noFee {
			f = g.total()
		}
		if len(g.orderIDs) == 1 && f > 0 {
			am.ByID[g.orderIDs[0]] = f
		}
	}
	return tea.Batch(link.ReadPay(m.c, msg.asked, msg.res, am).Cmds(more)...)
}

func (m *Model) keyName(a keys.Action) string { return m.c.Keys.Get(a).Help().Key }
