package detail

import (
	"caigou/ui/pricing"
	"errors"

	"caigou/ui/common"
	"caigou/ui/keys"
	"caigou/ui/link"
	"caigou/ui/sanitize"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
)

// Update implements common.Page.
func (m *Model) Update(msg tea.Msg) (common.Page, tea.Cmd) {
	switch msg := msg.(type) {
	case detailMsg:
		return m, m.onDetail(msg)
	case addressMsg:
		return m, m.onAddresses(msg)
	case freightDue:
		if msg.Seq != m.freightGen {
			return m, nil
		}
		return m, m.fetchFreight()
	case freightMsg:
		if !m.req.Current(kindFreight, msg.Seq) {
			return m, nil
		}
		m.req.Done(kindFreight, msg.Seq)
		m.freightWaiting = false
		m.freight, m.freightErr = msg.f, msg.err
		if msg.err != nil {
			m.freight = nil
		}
		m.refresh()
		return m, nil
	case chatMsg:
		if !m.req.Current(kindChat, msg.Seq) {
			return m, nil
		}
		m.req.Done(kindChat, msg.Seq)
		m.chatBusy = false
		if msg.err != nil {
			return m, common.Error("getting the chat link for "+m.sellerName(), msg.err)
		}
		return m, common.Push(link.New(m.c, "Chat with "+m.sellerName(), msg.url))
	case spinner.TickMsg:
		if m.state != loading {
			return m, nil
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
	case tea.KeyMsg:
		return m, m.key(msg)
	}
	return m, nil
}

func (m *Model) onDetail(msg detailMsg) tea.Cmd {
	if !m.req.Current(kindDetail, msg.Seq) {
		return nil
	}
	m.req.Done(kindDetail, msg.Seq)
	if msg.err != nil {
		m.state, m.err = failed, msg.err
		return common.Error("loading product "+sanitize.Line(string(m.offer.OfferID)), msg.err)
	}
	if msg.d == nil {
		err := errors.New("Xportcn returned no product")
		m.state, m.err = failed, err
		return common.Error("loading product "+sanitize.Line(string(m.offer.OfferID)), err)
	}
	m.state, m.err = loaded, nil
	var keep string
	if s := m.chosen(); s != nil {
		keep = s.specID
	}
	prevQty := m.qty
	if keep == "" && m.line != nil {
		// Opened from a cart line: open on its SKU and quantity.
		keep, prevQty = m.line.SpecID, m.lineQty
	}
	m.p = newProduct(msg.d, m.offer)
	m.c.Opened.Put(m.p.offerID, common.OfferFacts{SoldOut: m.p.soldOut(), At: m.c.Now()})
	m.choose()
	m.keepChoice(keep, prevQty)
	m.laidW = 0
	m.layout()
	if m.addrLoaded && m.addrErr == nil {
		return m.scheduleFreight()
	}
	// The first load, or a reload (r) after the addresses failed: r is
	// the one retry key, so it asks for them again too.
	m.addrLoaded, m.addrErr = false, nil
	m.refresh()
	return m.fetchAddresses()
}

// choose opens on the first SKU in stock and the least valid quantity,
// so a at once adds a line that can be ordered.
func (m *Model) choose() {
	p := m.p
	m.sel = make([]int, len(p.axes))
	m.sku = -1
	if len(p.skus) > 0 {
		// Prefer the first SKU whose stock reaches a valid quantity: a
		// SKU with 3 left of a product sold from 108 is "in stock" but
		// cannot be ordered on its own.
		pick := -1
		for i := range p.skus {
			m.sku = i
			copy(m.sel, p.skus[i].vals)
			if _, err := m.rules().Initial(); err == nil {
				pick = i
				break
			}
		}
		if pick < 0 {
			pick = firstInStock(p.skus)
		}
		if pick < 0 {
			pick = 0
		}
		m.sku = pick
		copy(m.sel, p.skus[pick].vals)
	}
	m.qty, _ = m.rules().Initial()
}

// keepChoice restores the SKU and quantity chosen before a reload, when
// they can still be ordered.
func (m *Model) keepChoice(specID string, qty int64) {
	if specID == "" || qty <= 0 {
		return
	}
	for i, s := range m.p.skus {
		if s.specID == specID && s.stock > 0 {
			m.sku = i
			copy(m.sel, s.vals)
			if q, err := m.rules().Fit(qty); err == nil {
				m.qty = q
			}
			return
		}
	}
}

func (m *Model) onAddresses(msg addressMsg) tea.Cmd {
	if !m.req.Current(kindAddresses, msg.Seq) {
		return nil
	}
	m.req.Done(kindAddresses, msg.Seq)
	m.addrLoaded = true
	m.addrErr = msg.err
	if msg.err == nil {
		m.addr = m.c.ShippingAddress(msg.list)
	}
	m.refresh()
	if m.addr == nil {
		return nil
	}
	// The first estimate needs no debounce: nothing is being pressed.
	m.freightGen++
	m.freightWaiting = true
	return m.fetchFreight()
}

func (m *Model) sellerName() string {
	if m.p != nil && m.p.company != "" {
		return m.p.company
	}
	return "the supplier"
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	if m.editing {
		return m.typed(msg)
	}
	k := m.c.Keys
	if m.state != loaded {
		if k.Matches(msg, keys.Retry) {
			m.state, m.err = loading, nil
			return m.Init()
		}
		return nil
	}
	switch {
	case k.Matches(msg, keys.NextPane):
		m.setFocus(m.focus + 1)
	case k.Matches(msg, keys.PrevPane):
		m.setFocus(m.focus - 1)
	case k.Matches(msg, keys.Left):
		return m.moveSKU(-1)
	case k.Matches(msg, keys.Right):
		return m.moveSKU(+1)
	case k.Matches(msg, keys.Plus):
		return m.step(true)
	case k.Matches(msg, keys.Minus):
		return m.step(false)
	case k.Matches(msg, keys.Add):
		return m.addToCart()
	case k.Matches(msg, keys.Message):
		return m.chat()
	case k.Matches(msg, keys.Candidate):
		return m.addToList()
	case k.Matches(msg, keys.Copy):
		if m.p.pageURL == "" {
			return common.Status(common.Warn, "this product has no page link to copy")
		}
		return link.Copy(m.c, m.p.pageURL)
	case k.Matches(msg, keys.Language):
		m.zh = !m.zh
		m.layoutDesc()
		zh := m.zh
		return m.c.SetLooks(func(l *common.Looks) { l.ZH = zh })
	case k.Matches(msg, keys.Retry):
		return m.reload()
	case k.Matches(msg, keys.Up):
		m.scroll(-1, false)
	case k.Matches(msg, keys.Down):
		m.scroll(1, false)
	case k.Matches(msg, keys.PageUp):
		m.scroll(-1, true)
	case k.Matches(msg, keys.PageDown):
		m.scroll(1, true)
	case k.Matches(msg, keys.Top):
		m.scroll(-all, false)
	case k.Matches(msg, keys.Bottom):
		m.scroll(all, false)
	case msg.Type == tea.KeyRunes && pricing.IsDigits(msg.Runes):
		m.startTyping(msg.Runes)
		m.refresh()
	}
	return nil
}

// reload fetches the detail again (stock and prices move), keeping the
// page as it is until the answer comes.
func (m *Model) reload() tea.Cmd {
	// In sequence, so the notice cannot land after the answer's own.
	return tea.Sequence(common.Status(common.Info, "Reloading the product…"), m.fetchDetail())
}

func (m *Model) chat() tea.Cmd {
	if m.chatBusy {
		return common.Status(common.Info, "Asking Xportcn for the chat link…")
	}
	if m.p.sellerOpen == "" {
		return common.Status(common.Warn, "this product carries no seller id to chat with")
	}
	m.chatBusy = true
	return tea.Sequence(common.Status(common.Info, "Asking Xportcn for the chat link…"), m.fetchChat())
}

// setFocus moves the tab focus, wrapping around.
func (m *Model) setFocus(f int) {
	n := m.axisStops() + paneCount - 1
	m.focus = (f%n + n) % n
	if p := m.pane(); p != paneOrder {
		m.right = p
	}
	m.refresh()
}

// moveSKU changes the focused axis's value, skipping what cannot be
// ordered; the quantity follows the new SKU's rules.
func (m *Model) moveSKU(dir int) tea.Cmd {
	ax := m.axisFocus()
	if ax < 0 || m.pane() != paneOrder {
		return nil
	}
	p := m.p
	i := move(p.skus, p.axes, m.sel, ax, dir)
	if i < 0 {
		return common.Status(common.Info, "no other "+axisName(p.axes[ax])+" in stock that way")
	}
	m.sku = i
	copy(m.sel, p.skus[i].vals)
	cmds := []tea.Cmd{}
	q, err := m.rules().Fit(m.qty)
	if err != nil {
		cmds = append(cmds, common.Status(common.Warn, err.Error()))
	} else if q != m.qty {
		cmds = append(cmds, common.Status(common.Info, "quantity set to "+itoa(q)+" for "+p.skus[i].short))
	}
	m.qty = q
	m.refresh()
	cmds = append(cmds, m.scheduleFreight())
	return tea.Batch(cmds...)
}
