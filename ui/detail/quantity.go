package detail

import (
	"errors"
	"fmt"

	"caigou/ui/cart"
	"caigou/ui/common"
	"caigou/ui/keys"
	"caigou/ui/pricing"
	"caigou/ui/sanitize"
	"caigou/xport"

	tea "github.com/charmbracelet/bubbletea"
)

// rules are the quantity rules of the chosen SKU (or of the offer when it
// has none).
func (m *Model) rules() pricing.Rules {
	p := m.p
	stock := p.offerStock
	name := ""
	if s := m.chosen(); s != nil {
		stock = s.stock
		name = s.short
	} else if len(p.skus) > 0 {
		// A combination the seller does not offer: nothing can be ordered.
		stock = 0
		name = m.selectionName()
	}
	var first int64
	if len(p.tiers) > 0 {
		first = p.tiers[0].Start
	}
	return pricing.NewRules(p.moq, p.batch, first, stock, p.mix, name, p.unitWord())
}

// selectionName names the current axis values, for a combination that
// has no SKU.
func (m *Model) selectionName() string {
	var s string
	for i, v := range m.sel {
		if i > 0 {
			s += "/"
		}
		if v >= 0 && v < len(m.p.axes[i].values) {
			s += m.p.axes[i].values[v].value
		}
	}
	return s
}

// price is the unit price for the current choice.
func (m *Model) price() pricing.Price {
	var skuPrice xport.Fen
	if s := m.chosen(); s != nil {
		skuPrice = s.price
	}
	return pricing.UnitPrice(m.p.quoteType, m.p.tiers, skuPrice, m.qty)
}

// setQuantity applies q if the rules allow it; otherwise nothing changes
// and the reason goes to the status line.
func (m *Model) setQuantity(q int64) tea.Cmd {
	if err := m.rules().CheckAll(q); err != nil {
		return common.Status(common.Warn, sanitize.Line(err.Error()))
	}
	return m.changeQuantity(q)
}

func (m *Model) changeQuantity(q int64) tea.Cmd {
	if q == m.qty {
		return nil
	}
	m.qty = q
	m.refresh()
	cmds := []tea.Cmd{m.scheduleFreight()}
	if w := m.rules().Warning(q); w != "" {
		cmds = append(cmds, common.Status(common.Warn, w))
	}
	return tea.Batch(cmds...)
}

// step moves the quantity one lot up or down.
func (m *Model) step(up bool) tea.Cmd {
	r := m.rules()
	next := r.Prev
	if up {
		next = r.Next
	}
	q, err := next(m.qty)
	if err != nil {
		return common.Status(common.Warn, sanitize.Line(err.Error()))
	}
	return m.changeQuantity(q)
}

// closeInput closes the quantity input and reads what was typed; a
// quantity that does not parse comes back as the status that says why.
func (m *Model) closeInput() (int64, tea.Cmd) {
	text := string(m.input)
	m.editing, m.input = false, nil
	m.refresh()
	q, err := pricing.ParseQuantity(text)
	if err != nil {
		return 0, common.Status(common.Warn, sanitize.Line(err.Error()))
	}
	return q, nil
}

// typed handles a key while the quantity input has the focus.
func (m *Model) typed(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys
	switch {
	case k.Matches(msg, keys.Open):
		q, refused := m.closeInput()
		if refused != nil {
			return refused
		}
		return m.setQuantity(q)
	case k.Matches(msg, keys.Back):
		m.editing, m.input = false, nil
		m.refresh()
		return nil
	case k.Matches(msg, keys.Add):
		// "500 a": the quantity typed, then added, as the agent means it;
		// a used to be typed into the box ("500a"). Other characters stay
		// text, refused in words at enter (a dropped "." would turn 1.5
		// into 15).
		q, refused := m.closeInput()
		if refused != nil {
			return refused
		}
		if err := m.rules().CheckAll(q); err != nil {
			return common.Status(common.Warn, sanitize.Line(err.Error())+"; nothing was added")
		}
		// The quantity is set now (changeQuantity changes the model at
		// once; its command is the freight estimate), so the add takes it.
		return tea.Batch(m.changeQuantity(q), m.addToCart())
	default:
		m.input, _ = common.EditRunes(m.input, msg, common.QuantityInputMax)
	}
	return nil
}

// startTyping opens the quantity input with the first digit typed.
func (m *Model) startTyping(first []rune) {
	m.editing = true
	m.input = append([]rune(nil), first...)
}

// addToCart puts the chosen SKU and quantity in the cart, after the
// checks 1688's preview would make, so the cart holds only lines that can
// be ordered.
func (m *Model) addToCart() tea.Cmd {
	p := m.p
	if ok, why := p.orderable(); !ok {
		return common.Status(common.Warn, why)
	}
	if len(p.skus) > 0 && m.chosen() == nil {
		return common.Status(common.Warn, m.selectionName()+" is not offered by the seller; choose another combination")
	}
	r := m.rules()
	if m.qty <= 0 {
		// No quantity could be chosen for this SKU: say why (its stock),
		// not "0 is not a quantity".
		if _, err := r.Initial(); err != nil {
			return common.Status(common.Warn, sanitize.Line(err.Error())+": choose another SKU")
		}
	}
	if err := r.CheckAll(m.qty); err != nil {
		return common.Status(common.Warn, sanitize.Line(err.Error()))
	}
	pr := m.price()
	if !pr.OK {
		return common.Status(common.Warn, "this SKU has no price and cannot be ordered (1688 rule 500_008)")
	}
	line := cart.Line{
		OfferID:      p.offerID,
		Title:        p.title(),
		TitleZH:      p.titleZH,
		Quantity:     m.qty,
		UnitPrice:    pr.Unit,
		SellerOpenID: p.sellerOpen,
		SellerName:   p.company,
		MOQ:          r.MOQ,
		Batch:        r.Batch,
		// What the cart needs to re-price and re-check the line later
		// without asking for the product again.
		QuoteType: p.quoteType,
		Tiers:     p.tiers,
		Stock:     r.Stock,
		Mix:       p.mix,
		Unit:      p.unitWord(),
		AddedAt:   m.c.Now(),
	}
	what := sanitize.Truncate(p.title(), 24)
	if s := m.chosen(); s != nil {
		line.SpecID, line.SkuID, line.SKUDesc = s.specID, s.skuID, s.label
		line.SKUPrice = s.price
		if s.short != "" {
			what = s.short
		}
	}
	warning := r.Warning(m.qty)
	c := m.c.Cart
	set := m.editsLine(line.Key())
	// The cart may be shared with the user's other sessions: saving it is
	// I/O, so it happens here, off the update loop.
	return func() tea.Msg {
		var got cart.Line
		var err error
		if set {
			got, err = c.SetLine(line)
		} else {
			got, err = c.AddChecked(line)
		}
		var se *cart.StockError
		if errors.As(err, &se) {
			return common.StatusMsg{Level: common.Warn, Text: "Not added: " + what + ": " + err.Error() + "."}
		}
		if err != nil {
			return common.ErrorMsg{What: "Adding " + what + " to the cart", Err: err}
		}
		n := c.Count()
		lines := "lines"
		if n == 1 {
			lines = "line"
		}
		var text string
		switch {
		case set:
			text = fmt.Sprintf("Cart line %s set to %d", what, got.Quantity)
		case got.Quantity != line.Quantity:
			text = fmt.Sprintf("Added %d × %s: the cart line is now %d", line.Quantity, what, got.Quantity)
		default:
			text = fmt.Sprintf("Added %d × %s to cart", line.Quantity, what)
		}
		text += fmt.Sprintf(" — %d %s, %s", n, lines, pricing.Money(c.Total()))
		if warning != "" {
			return common.StatusMsg{Level: common.Warn, Text: text + ". " + warning}
		}
		return common.StatusMsg{Level: common.OK, Text: text}
	}
}
