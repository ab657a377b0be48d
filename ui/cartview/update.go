package cartview

import (
	"fmt"

	"caigou/ui/cart"
	"caigou/ui/checkout"
	"caigou/ui/common"
	"caigou/ui/keys"
	"caigou/ui/pricing"
	"caigou/ui/sanitize"

	tea "github.com/charmbracelet/bubbletea"
)

// Update implements common.Page.
func (m *Model) Update(msg tea.Msg) (common.Page, tea.Cmd) {
	cmd := m.update(msg)
	// Another page (the product page adding a line) or another session
	// may have changed the cart since it was drawn.
	if v := m.c.Cart.Version(); v != m.drawn || !m.built {
		m.rebuild()
	}
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		switch {
		case m.editing:
			return m.typed(msg)
		case m.noting:
			return m.noteKey(msg)
		}
		return m.key(msg)
	case savedMsg:
		return m.onSaved(msg)
	case reloadedMsg:
		return m.onReloaded(msg)
	case addressesMsg:
		return m.onAddresses(msg)
	case addressChosen:
		a := msg.addr
		m.addr = &a
		if !contains(m.addrs, a.ID) {
			m.addrs = append(m.addrs, a)
		}
		m.addrSt = loaded
		return m.saveDefault(a)
	case defaultSavedMsg:
		who := sanitize.Line(string(msg.addr.Name))
		if msg.err != nil {
			return common.Error("Remembering "+who+"'s address as the default", msg.err)
		}
		return common.Status(common.OK, "Shipping to "+who+"; remembered as your default address.")
	case previewReady:
		return m.onPreviewReady(msg)
	}
	return nil
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys
	switch {
	case k.Matches(msg, keys.Up):
		m.move(-1)
	case k.Matches(msg, keys.Down):
		m.move(1)
	case k.Matches(msg, keys.PageUp):
		m.move(-max(m.listHeight()/2, 1))
	case k.Matches(msg, keys.PageDown):
		m.move(max(m.listHeight()/2, 1))
	case k.Matches(msg, keys.Top):
		m.move(-len(m.lines))
	case k.Matches(msg, keys.Bottom):
		m.move(len(m.lines))
		// Show the last group's warnings, below its last line, as far as
		// the cursor stays in view.
		if len(m.lineRow) > 0 {
			m.offset = max(0, min(len(m.rows)-m.listHeight(), m.lineRow[m.cursor]))
		}
	case k.Matches(msg, keys.Language):
		m.zh = !m.zh
		m.layout()
		zh := m.zh
		return m.c.SetLooks(func(l *common.Looks) { l.ZH = zh })
	case k.Matches(msg, keys.Address):
		return m.chooseAddress()
	case k.Matches(msg, keys.Undo):
		return m.restore()
	}
	if len(m.lines) == 0 {
		if k.Matches(msg, keys.Preview) {
			return common.Status(common.Info, "The cart is empty: there is nothing to preview.")
		}
		return nil
	}
	switch {
	case k.Matches(msg, keys.Plus):
		return m.step(true)
	case k.Matches(msg, keys.Minus):
		return m.step(false)
	case k.Matches(msg, keys.Remove):
		return m.remove()
	case k.Matches(msg, keys.Open):
		return m.openLine()
	case k.Matches(msg, keys.SellerNote):
		return m.startNote()
	case k.Matches(msg, keys.Preview):
		return m.preview()
	case k.Matches(msg, keys.Export):
		return m.export()
	case msg.Type == tea.KeyRunes && pricing.IsDigits(msg.Runes):
		m.editing = true
		m.input = append([]rune(nil), msg.Runes...)
	}
	return nil
}

func (m *Model) move(n int) {
	if len(m.lines) == 0 {
		m.offset = max(0, min(m.offset+n, len(m.rows)-m.listHeight()))
		return
	}
	m.cursor = max(0, min(m.cursor+n, len(m.lines)-1))
	m.keepCursorInView()
}

// rules are the quantity rules of a line as the product page states
// them, except that a SKU whose offer has other SKUs in the cart is not
// held to the offer's minimum alone: the offer's total is, and the
// group's warning says when it falls short.
func (m *Model) rules(l cart.Line) pricing.Rules {
	moq, first := l.MOQ, int64(0)
	if len(l.Tiers) > 0 {
		first = l.Tiers[0].Start
	}
	for _, o := range m.lines {
		if o.OfferID == l.OfferID && o.SpecID != l.SpecID {
			moq, first = 1, 0
			break
		}
	}
	return pricing.NewRules(moq, l.Batch, first, l.Stock, l.Mix, sanitize.Line(l.SKUDesc), l.Unit)
}

// step moves the line's quantity one lot up or down.
func (m *Model) step(up bool) tea.Cmd {
	l := m.lines[m.cursor]
	r := m.rules(l)
	next := r.Prev
	if up {
		next = r.Next
	}
	q, err := next(l.Quantity)
	if err != nil {
		return common.Status(common.Warn, what(l)+": "+sanitize.Line(err.Error()))
	}
	return m.setQuantity(l, q, r)
}

func (m *Model) setQuantity(l cart.Line, q int64, r pricing.Rules) tea.Cmd {
	if q == l.Quantity {
		return nil
	}
	return m.enqueue(op{kind: opSet, key: l.Key(), q: q, what: what(l), warn: r.Warning(q)})
}

// typed handles a key while the quantity input is open.
func (m *Model) typed(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys
	switch {
	case k.Matches(msg, keys.Open):
		text := string(m.input)
		m.editing, m.input = false, nil
		if len(m.lines) == 0 {
			return nil
		}
		l := m.lines[m.cursor]
		q, err := pricing.ParseQuantity(text)
		if err != nil {
			return common.Status(common.Warn, sanitize.Line(err.Error())+"; the quantity stays "+fmt.Sprint(l.Quantity))
		}
		r := m.rules(l)
		// Only what can never be ordered is refused here. A quantity below
		// the minimum or off the lot size is taken with the group's
		// warning: the agent may be building the order up line by line,
		// and the preview is 1688's word on it.
		if q <= 0 {
			return common.Status(common.Warn, what(l)+": a quantity must be above zero (d removes the line); the quantity stays "+fmt.Sprint(l.Quantity))
		}
		if l.Stock >= 0 && q > l.Stock {
			return common.Status(common.Warn, what(l)+": "+sanitize.Line(r.CheckAll(q).Error())+"; the quantity stays "+fmt.Sprint(l.Quantity))
		}
		if err := r.CheckAll(q); err != nil {
			if q == l.Quantity {
				return nil
			}
			return m.enqueue(op{kind: opSet, key: l.Key(), q: q, what: what(l), warn: sanitize.Line(err.Error()) + " — the preview will refuse it as it stands"})
		}
		return m.setQuantity(l, q, r)
	case k.Matches(msg, keys.Back):
		m.editing, m.input = false, nil
		return common.Status(common.Info, "Quantity unchanged.")
	default:
		m.input, _ = common.EditRunes(m.input, msg, common.QuantityInputMax)
	}
	return nil
}

// remove takes the line out at once; u puts it back, which is quicker
// than a question before every removal.
func (m *Model) remove() tea.Cmd {
	l := m.lines[m.cursor]
	at := 0
	for i, o := range m.c.Cart.Lines() {
		if o.Key() == l.Key() {
			at = i
		}
	}
	return m.enqueue(op{kind: opRemove, key: l.Key(), line: l, at: at, what: what(l)})
}

// restore puts back the line removed last; each u goes one further back.
// The removal leaves the stack when the u is pressed, so a quick u u
// restores two lines, not one twice.
func (m *Model) restore() tea.Cmd {
	n := len(m.c.Removed)
	if n == 0 {
		return common.Status(common.Info, "Nothing to undo.")
	}
	u := m.c.Removed[n-1]
	m.c.Removed = m.c.Removed[:n-1]
	return m.enqueue(op{kind: opRestore, key: u.Line.Key(), line: u.Line, at: u.At, what: what(u.Line)})
}

// preview saves nothing more: it re-reads the cart, so the groups sent
// are the ones on disk, then opens the checkout page.
func (m *Model) preview() tea.Cmd {
	switch {
	case m.addrSt == loading:
		m.previewQ = true
		return common.Status(common.Info, "Loading your addresses; the preview opens when they arrive.")
	case m.addr == nil:
		return common.Status(common.Warn, "Choose a shipping address first: press "+m.c.Keys.Get(keys.Address).Help().Key+".")
	case m.inflight || len(m.ops) > 0:
		return common.Status(common.Info, "Still saving the last change; press "+m.c.Keys.Get(keys.Preview).Help().Key+" again in a moment.")
	}
	crt, r := m.c.Cart, m.reply()
	return func() tea.Msg {
		_, err := crt.Reload()
		return previewReady{Reply: r, err: err}
	}
}

func (m *Model) onPreviewReady(msg previewReady) tea.Cmd {
	m.rebuild()
	if msg.err != nil {
		return common.Error("Reading the cart before the preview", msg.err)
	}
	groups := m.c.Cart.Groups()
	if len(groups) == 0 || m.addr == nil {
		return common.Status(common.Info, "The cart is empty: there is nothing to preview.")
	}
	return common.Push(checkout.New(m.c, *m.addr, groups, m.c.Cart.Messages()))
}

// what names a line in the status line: its SKU, else its title.
func what(l cart.Line) string {
	title := sanitize.Line(l.Title)
	if title == "" {
		title = sanitize.Line(l.TitleZH)
	}
	title = sanitize.Truncate(title, 32)
	if d := sanitize.Line(l.SKUDesc); d != "" {
		return title + " (" + d + ")"
	}
	return title
}
