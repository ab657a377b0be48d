package checkout

import (
	"strconv"
	"strings"

	"caigou/ui/keys"
	"caigou/ui/sanitize"
	"caigou/xport"

	"github.com/charmbracelet/lipgloss"
)

// Column widths of an order line.
const (
	indent  = "    "
	qtyW    = 7
	moneyW  = 11
	amountW = 12
)

// View implements common.Page. It only joins what layout built.
func (m *Model) View() string {
	if m.w <= 0 || m.h <= 0 {
		return ""
	}
	bh := m.bodyHeight()
	out := make([]string, 0, len(m.header)+bh+len(m.footer))
	out = append(out, m.header...)
	end := min(m.offset+bh, len(m.body))
	out = append(out, m.body[m.offset:end]...)
	for n := end - m.offset; n < bh; n++ {
		out = append(out, "")
	}
	if end < len(m.body) && bh > 1 {
		out[len(m.header)+bh-1] = m.more
	}
	out = append(out, m.footer...)
	if len(out) > m.h {
		out = out[:m.h]
	}
	return strings.Join(out, "\n")
}

// bodyHeight is what is left for the groups between header and footer.
func (m *Model) bodyHeight() int { return max(m.h-len(m.header)-len(m.footer), 1) }

func (m *Model) titleW(w int) int { return max(w-len(indent)-(1+qtyW)-(1+moneyW)-(1+amountW), 10) }

// groupHead is the first line of a group's block: the supplier, and the
// group's state at the right.
func (m *Model) groupHead(g *group, w int, sel bool) string {
	mark := "  "
	if sel {
		mark = "▸ "
	}
	label, style := m.phaseLabel(g)
	left := mark + sanitize.Line(g.g.SellerName) + " · " + plural(len(g.g.Lines), "line", "lines")
	lw := max(w-sanitize.Width(label)-1, 10)
	return m.c.Styles.Bold.Render(sanitize.Pad(left, lw)) + " " + style.Render(label)
}

// groupLines is a group's block, its first line without the cursor.
func (m *Model) groupLines(g *group, w int) []string {
	s := m.c.Styles
	out := []string{m.groupHead(g, w, false)}

	if len(g.previews) == 0 {
		for _, l := range g.g.Lines {
			total, _ := l.Total()
			out = append(out, m.row(w, lineTitle(l.Title, l.TitleZH, l.SKUDesc, m.titleW(w)), l.Quantity, l.UnitPrice, total))
		}
		if g.phase != previewing {
			out = append(out, s.Muted.Render(sanitize.Truncate(indent+"Prices as in the cart; no preview.", w)))
		}
	}
	for k, p := range g.previews {
		if len(g.previews) > 1 {
			out = append(out, s.Muted.Render(sanitize.Truncate(indent+"Order "+itoa(k+1)+" of "+itoa(len(g.previews))+" (1688 splits this supplier's goods)", w)))
		}
		for _, it := range p.Items {
			l, ok := g.line(it)
			title, qty := "offer "+sanitize.Line(string(it.OfferID)), int64(0)
			if ok {
				title, qty = lineTitle(l.Title, l.TitleZH, l.SKUDesc, m.titleW(w)), l.Quantity
			} else if it.FinalUnitPrice > 0 && int64(it.Amount)%int64(it.FinalUnitPrice) == 0 {
				qty = int64(it.Amount) / int64(it.FinalUnitPrice)
			}
			out = append(out, m.row(w, title, qty, it.FinalUnitPrice, it.Amount))
			if ok && l.UnitPrice != it.FinalUnitPrice {
				out = append(out, s.Warn.Render(sanitize.Truncate(indent+"  price changed: cart "+m.c.MoneyShort(l.UnitPrice)+" → "+m.c.MoneyShort(it.FinalUnitPrice), w)))
			}
			if msg := sanitize.Line(string(it.Message)); msg != "" {
				out = append(out, m.wrap(s.Warn, "  ! "+msg, w)...)
			}
		}
		out = append(out, sanitize.Truncate(indent+"Goods "+m.c.MoneyShort(p.SumPaymentNoCarriage)+" · Freight "+m.c.MoneyShort(p.SumCarriage)+" · Total "+m.c.MoneyShort(p.SumPayment), w))
		if p.SumTotalPayment != 0 && p.SumTotalPayment != p.SumPayment {
			out = append(out, m.wrap(s.Muted, "Total with Xport fee/adjustment (sumTotalPayment): "+m.c.MoneyShort(p.SumTotalPayment), w)...)
		}
	}
	if len(g.previews) > 1 {
		out = append(out, s.Bold.Render(sanitize.Truncate(indent+"All "+itoa(len(g.previews))+" orders: "+m.c.MoneyShort(g.total()), w)))
	}
	if msg := sanitize.Line(g.message); msg != "" {
		out = append(out, s.Muted.Render(sanitize.Truncate(indent+"Message to the seller: "+msg, w)))
	}
	if text, st := m.outcome(g); text != "" {
		out = append(out, m.wrap(st, text, w)...)
	}
	return out
}

// row is one order line in the columns of the header.
func (m *Model) row(w int, title string, qty int64, unit, amount xport.Fen) string {
	q := ""
	if qty > 0 {
		q = strconv.FormatInt(qty, 10)
	}
	return sanitize.Truncate(indent+sanitize.Pad(title, m.titleW(w))+" "+sanitize.PadLeft(q, qtyW)+" "+
		sanitize.PadLeft(m.c.MoneyShort(unit), moneyW)+" "+sanitize.PadLeft(m.c.MoneyShort(amount), amountW), w)
}

// lineTitle is a line's title and SKU in w cells. The SKU is what tells
// sizes S and M of one dress apart, so the title is cut first: the SKU
// keeps up to half the cell (issue 11: at 80 columns it was cut away).
func lineTitle(title, zh, sku string, w int) string {
	t := sanitize.Line(title)
	if t == "" {
		t = sanitize.Line(zh)
	}
	d := sanitize.Line(sku)
	if d == "" {
		return t
	}
	tail := " (" + d + ")"
	if sanitize.Width(t)+sanitize.Width(tail) <= w {
		return t + tail
	}
	if sanitize.Width(tail) > w/2 {
		tail = " (" + sanitize.Truncate(d, max(w/2-3, 1)) + ")"
	}
	return sanitize.Truncate(t, max(w-sanitize.Width(tail), 1)) + tail
}

// wrap breaks text to the width under the group's indent.
func (m *Model) wrap(st lipgloss.Style, text string, w int) []string {
	inner := max(w-len(indent), 10)
	var out []string
	for _, l := range strings.Split(m.c.Styles.App.Width(inner).Render(text), "\n") {
		out = append(out, st.Render(sanitize.Truncate(indent+strings.TrimRight(l, " "), w)))
	}
	return out
}

// phaseLabel is the group's state in a word or two, at the right of its
// header.
func (m *Model) phaseLabel(g *group) (string, lipgloss.Style) {
	s := m.c.Styles
	switch g.phase {
	case previewing:
		return "previewing…", s.Muted
	case previewFailed:
		return "preview failed", s.Error
	case refused:
		return "refused", s.Error
	case ready:
		if n := g.orders(); n > 1 {
			return "ready · " + itoa(n) + " orders", s.OK
		}
		return "ready", s.OK
	case placing:
		return "placing…", s.Warn
	case checking:
		return "unknown — checking…", s.Warn
	case created:
		return "created", s.OK
	case failed:
		return "failed", s.Error
	case unsettled:
		if g.inFlight {
			return "unknown — looking again…", s.Error
		}
		if g.look == lookNotFound {
			return "unknown — not found yet", s.Error
		}
		return "unknown", s.Error
	}
	return "", s.Muted
}

// outcome is what the agent should know about the group below its lines.
func (m *Model) outcome(g *group) (string, lipgloss.Style) {
	s := m.c.Styles
	retry := m.keyName(keys.Retry)
	ref := ""
	if g.outOrderID != "" {
		ref = " (reference " + sanitize.Line(g.outOrderID) + ")"
	}
	switch g.phase {
	case previewFailed:
		return "✗ The preview failed: " + failure(g.err) + " " + retry + " previews again.", s.Error
	case refused:
		return "✗ Refused: " + refusal(g.err) + ". Fix it in the cart; the other suppliers can still be ordered.", s.Error
	case placing:
		return "Placing…" + ref, s.Warn
	case checking:
		why := "the answer was lost"
		if g.lost != nil {
			why += " (" + sanitize.Line(g.lost.Error()) + ")"
		}
		return "? Unknown — checking…: " + why + "; looking the order up" + ref + " before anything is sent again.", s.Warn
	case created:
		ids := make([]string, 0, len(g.orderIDs))
		for _, id := range g.orderIDs {
			ids = append(ids, sanitize.Line(id))
		}
		text := "✓ Created: order " + strings.Join(ids, ", ")
		if len(ids) > 1 {
			text = "✓ Created: orders " + strings.Join(ids, ", ")
		}
		if g.earlier {
			text = "✓ Ordered earlier, under reference " + sanitize.Line(g.outOrderID) + ", whose answer was lost: " + strings.Join(ids, ", ")
		}
		// No full stop after a bare id: it would be copied with it.
		if n := sanitize.Line(g.note); n != "" {
			text += ". Some lines were " + n + "; they stay in the cart."
		}
		return text, s.OK
	case failed:
		return "✗ Failed: " + sanitize.Line(g.note) + ". Nothing was ordered; the lines stay in the cart.", s.Error
	case unsettled:
		return m.unsettledText(g), s.Error
	}
	return "", s.Muted
}

// footerLines are the totals and, while it is asked, the question.
func (m *Model) footerLines(w int) []string {
	s := m.c.Styles
	var parts []string
	var total, withFee xport.Fen
	orders, suppliers, waiting, refusedN, createdN, sending, checkingN := 0, 0, 0, 0, 0, 0, 0
	for _, g := range m.groups {
		switch g.phase {
		case placing:
			sending++
		case checking:
			checkingN++
		case ready:
			orders += g.orders()
			suppliers++
			total, _ = total.Add(g.total())
			withFee, _ = withFee.Add(g.totalWithFee())
		case previewing:
			waiting++
		case refused, previewFailed:
			refusedN++
		case created:
			createdN += len(g.orderIDs)
		}
	}
	if waiting > 0 {
		parts = append(parts, "Previewing "+plural(waiting, "supplier", "suppliers")+"…")
	}
	if sending > 0 {
		parts = append(parts, "Placing the orders of "+plural(sending, "supplier", "suppliers")+"…")
	}
	if checkingN > 0 {
		parts = append(parts, "Looking up "+plural(checkingN, "lost answer", "lost answers")+"…")
	}
	if suppliers > 0 {
		t := "To place: " + plural(orders, "order", "orders") + " with " + plural(suppliers, "supplier", "suppliers") + ", " + m.c.Money(total)
		if withFee != total && withFee != 0 {
			t += " (" + m.c.MoneyShort(withFee) + " with Xport fee/adjustment)"
		}
		if !m.confirming {
			t += " — " + m.keyName(keys.Open) + " to place"
		}
		parts = append(parts, t)
	}
	if refusedN > 0 {
		parts = append(parts, plural(refusedN, "supplier", "suppliers")+" cannot be ordered as it stands")
	}
	if createdN > 0 {
		parts = append(parts, "Created "+plural(createdN, "order", "orders")+" — "+m.keyName(keys.Pay)+" to pay")
	}
	out := m.wrapFlat(s.Bold, strings.Join(parts, " · "), w)
	switch {
	case m.confirming:
		out = append(out, m.wrapFlat(s.Warn.Bold(true), m.question(), w)...)
	case m.typing:
		out = append(out, m.wrapFlat(s.Error.Bold(true), m.againQuestion(), w)...)
	}
	return out
}

// question is the confirmation, with everything that is about to happen.
func (m *Model) question() string {
	var total, withFee xport.Fen
	orders := 0
	for _, i := range m.asked {
		g := m.groups[i]
		orders += g.orders()
		total, _ = total.Add(g.total())
		withFee, _ = withFee.Add(g.totalWithFee())
	}
	yes := m.keyName(keys.Confirm)
	amount := m.c.Money(total)
	if withFee != total && withFee != 0 {
		amount += " (" + m.c.MoneyShort(withFee) + " with Xport fee/adjustment)"
	}
	return "Place " + plural(orders, "order", "orders") + " with " + plural(len(m.asked), "supplier", "suppliers") + " for " + amount + "? " +
		yes + " places " + map[bool]string{true: "it", false: "them"}[orders == 1] + ", any other key goes back"
}

// wrapFlat wraps text to the full width.
func (m *Model) wrapFlat(st lipgloss.Style, text string, w int) []string {
	if text == "" {
		return nil
	}
	var out []string
	for _, l := range strings.Split(m.c.Styles.App.Width(w).Render(text), "\n") {
		out = append(out, st.Render(sanitize.Truncate(strings.TrimRight(l, " "), w)))
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }

// unsettledText says what is known of a create whose answer was lost,
// what the risk is and what the agent can do. It never says "not placed":
// nothing the desk has seen proves that.
func (m *Model) unsettledText(g *group) string {
	ref := sanitize.Line(g.outOrderID)
	var known string
	switch g.look {
	case lookNotFound:
		known = "Xportcn has no order under reference " + ref + " yet, but the order may still be on its way"
	case lookFailed:
		known = "the look-up of reference " + ref + " failed"
		if g.err != nil {
			known += " (" + failure(g.err) + ")"
		}
	default:
		why := sanitize.Line(g.why)
		if why == "" {
			why = "its answers cannot prove it"
		}
		known = "caigou cannot tell whether reference " + ref + " was placed: " + why
	}
	head := "? UNKNOWN whether this order was placed: the answer was lost"
	if g.lost != nil {
		head += " (" + sanitize.Line(g.lost.Error()) + ")"
	}
	if g.earlier {
		head = "? UNKNOWN whether an earlier order of these goods was placed: its answer was lost"
	}
	text := head + "; " + known + ". Check the orders screen (" + m.keyName(keys.Orders) + ") or the Xport console before ordering these goods anywhere else. " +
		"The desk keeps looking (" + m.keyName(keys.Retry) + " looks now)."
	if len(g.previews) > 0 {
		text += " To order them again anyway, " + m.keyName(keys.OrderAgain) + " and type the reference's last " + itoa(againLen) + " characters: it goes under the same reference, which a service that deduplicates references will not order twice; one that does not would hold two orders."
	}
	return text
}

// againQuestion is the prompt for the typed reference.
func (m *Model) againQuestion() string {
	g := m.groups[m.sel]
	return "Order the goods of " + sanitize.Line(g.g.SellerName) + " AGAIN for " + m.c.Money(g.total()) + ", under reference " + sanitize.Line(g.outOrderID) +
		", although the earlier order may still land? If you checked that it was not placed, type the last " + itoa(againLen) +
		" characters of the reference and press enter; esc goes back. > " + string(m.typed)
}
