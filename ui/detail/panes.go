package detail

import (
	"fmt"
	"strconv"
	"strings"

	"caigou/ui/keys"
	"caigou/ui/link"
	"caigou/ui/pricing"
	"caigou/ui/sanitize"
)

// block collects a pane's lines, each cut to the pane's width: the
// viewport would otherwise wrap a long line and push the rest down.
type block struct {
	w     int
	lines []string
}

func (b *block) add(s string) { b.lines = append(b.lines, sanitize.Truncate(s, b.w)) }

// wrap adds text wrapped to the width, lines after the first indented.
func (b *block) wrap(text string, indent int) {
	if indent >= b.w/2 {
		indent = 0
	}
	for i, l := range wrapText(text, b.w-indent) {
		if i > 0 {
			l = strings.Repeat(" ", indent) + l
		}
		b.add(l)
	}
}

func (b *block) blank() { b.lines = append(b.lines, "") }

func (b *block) String() string { return strings.Join(b.lines, "\n") }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// orderPane is the overview, the price tiers, the SKU choice and the
// quantity: everything needed to add a line.
func (m *Model) orderPane(w int) []string {
	p, s := m.p, m.c.Styles
	b := &block{w: w}
	if p.titleEN != "" {
		b.wrap(s.Bold.Render(p.titleEN), 0)
	}
	if p.titleZH != "" && p.titleZH != p.titleEN {
		b.wrap(p.titleZH, 0)
	}
	var facts []string
	if p.category != "" {
		facts = append(facts, "Category: "+p.category)
	}
	if u := both(p.unit, p.unitEN); u != "" {
		facts = append(facts, "Unit: "+u)
	}
	if len(facts) > 0 {
		b.wrap(strings.Join(facts, " · "), 2)
	}
	if p.status != "" {
		b.wrap(s.Warn.Render("Status: “"+p.status+"” — this product cannot be ordered now."), 2)
	}
	b.blank()
	m.tierLines(b)
	if len(p.axes) > 0 {
		b.blank()
		m.axisLines(b)
	}
	b.blank()
	m.quantityLines(b)
	if len(p.skus) > 1 {
		b.blank()
		m.skuList(b)
	}
	b.blank()
	m.linkLines(b)
	return b.lines
}

func (m *Model) tierLines(b *block) {
	p, s := m.p, m.c.Styles
	pr := m.price()
	if p.quoteType == 1 {
		b.add(s.Bold.Render("Price: each SKU has its own price"))
		if c := m.chosen(); c != nil && pr.OK {
			b.add(s.Selected.Render("▶ "+c.label+"  "+pricing.Money(pr.Unit)) + " each")
		}
		if len(p.tiers) > 0 {
			b.wrap(s.Muted.Render("The seller's quantity tiers are for the default SKU and do not apply here."), 0)
		}
		return
	}
	if len(p.tiers) == 0 {
		b.add(s.Bold.Render("Price: no quantity tiers"))
		return
	}
	b.add(s.Bold.Render("Price by quantity of this product"))
	labels := make([]string, len(p.tiers))
	lw := 0
	for i, t := range p.tiers {
		var next int64
		if i+1 < len(p.tiers) {
			next = p.tiers[i+1].Start
		}
		labels[i] = pricing.TierLabel(t, next)
		if i == 0 {
			labels[i] += " " + unitShort(p.unitWord())
		}
		if lw < sanitize.Width(labels[i]) {
			lw = sanitize.Width(labels[i])
		}
	}
	for i, t := range p.tiers {
		row := sanitize.Pad(labels[i], lw) + "  " + pricing.Money(t.Price)
		if i == pr.Tier {
			note := ""
			if pr.Below {
				note = "  (below the first tier: mixed batch)"
			}
			b.add(s.Selected.Render("▶ "+row) + note)
		} else {
			b.add("  " + row)
		}
	}
}

// unitShort abbreviates the unit in the tier table the way 1688 does.
func unitShort(u string) string {
	switch strings.ToLower(u) {
	case "", "piece", "pieces", "pc", "pcs":
		return "pcs"
	}
	return u
}

func (m *Model) axisLines(b *block) {
	p, s := m.p, m.c.Styles
	focused := m.axisFocus()
	if m.pane() != paneOrder {
		focused = -1
	}
	for ai, a := range p.axes {
		marker := "  "
		name := axisName(a)
		if ai == focused {
			marker = "› "
			name = s.Cursor.Render(name)
		}
		items := make([]string, 0, len(a.values))
		for vi, v := range a.values {
			label := v.label()
			in, exists := availability(p.skus, m.sel, ai, vi)
			switch {
			case vi == m.sel[ai]:
				label = s.Selected.Render("[" + label + "]")
			case !exists:
				label = s.Muted.Render(label + " (not offered)")
			case !in:
				label = s.Muted.Render(label + " (out of stock)")
			}
			items = append(items, label)
		}
		m.flow(b, marker+name+": ", items)
	}
	if c := m.chosen(); c != nil {
		stock := itoa(c.stock) + " in stock"
		if c.stock <= 0 {
			stock = "out of stock"
		}
		b.add("  Chosen: " + c.label + " — " + stock)
	} else {
		b.add(s.Warn.Render("  " + m.selectionName() + " is not offered by the seller"))
	}
	k := m.c.Keys
	b.wrap(s.Muted.Render(fmt.Sprintf("  %s and %s change the value, %s moves to the next axis", k.Get(keys.Left).Help().Key, k.Get(keys.Right).Help().Key, k.Get(keys.NextPane).Help().Key)), 2)
}

// flow lays items out after a lead, wrapping onto indented lines.
func (m *Model) flow(b *block, lead string, items []string) {
	indent := 4
	line := lead
	lineW := sanitize.Width(lead)
	started := false
	for _, it := range items {
		iw := sanitize.Width(it)
		if started && lineW+2+iw > b.w {
			b.add(line)
			line, lineW, started = strings.Repeat(" ", indent), indent, false
		}
		if started {
			line += "  "
			lineW += 2
		}
		line += it
		lineW += iw
		started = true
	}
	b.add(line)
}

func axisName(a axis) string {
	if a.name == "" && a.nameEN == "" {
		return "Option"
	}
	return both(a.name, a.nameEN)
}

func (m *Model) quantityLines(b *block) {
	p, s := m.p, m.c.Styles
	r := m.rules()
	unit := p.unitWord()
	if m.qty > 0 {
		pr := m.price()
		line := "Quantity: " + s.Bold.Render(pricing.Units(m.qty, unit))
		if pr.OK {
			if total, ok := pr.Unit.Mul(m.qty); ok {
				line += " × " + pricing.Money(pr.Unit) + " = " + s.Price.Render(pricing.Money(total))
				if cv := m.c.Converted(total); cv != "" {
					line += " (≈" + cv + ")"
				}
			}
		}
		b.add(line)
	} else if _, err := r.Initial(); err != nil {
		b.wrap(s.Warn.Render("Cannot order: "+sanitize.Line(err.Error())+"."), 2)
	}
	for _, l := range pricing.Explain(r) {
		b.wrap(l, 2)
	}
	if w := r.Warning(m.qty); w != "" {
		b.wrap(s.Warn.Render("Note: "+w+"."), 2)
	}
	k := m.c.Keys
	b.wrap(s.Muted.Render(fmt.Sprintf("%s adds it to the cart · %s/%s change it by one lot · type digits to enter a quantity",
		k.Get(keys.Add).Help().Key, k.Get(keys.Plus).Help().Key, k.Get(keys.Minus).Help().Key)), 2)
}

// skuList is every SKU with its price and stock, so the agent sees at a
// glance what is left without stepping through the axes.
func (m *Model) skuList(b *block) {
	p, s := m.p, m.c.Styles
	b.add(s.Bold.Render(fmt.Sprintf("All SKUs (%d): price · stock", len(p.skus))))
	lw := 0
	for _, k := range p.skus {
		if w := sanitize.Width(k.label); w > lw {
			lw = w
		}
	}
	if lw > b.w/2 {
		lw = b.w / 2
	}
	for i, k := range p.skus {
		pr := pricing.UnitPrice(p.quoteType, p.tiers, k.price, m.qty)
		price := "no price"
		if pr.OK {
			price = pricing.Money(pr.Unit)
		}
		stock := itoa(k.stock) + " in stock"
		if k.stock <= 0 {
			stock = "out of stock"
		}
		row := sanitize.Pad(k.label, lw) + "  " + sanitize.PadLeft(price, 11) + "  " + stock
		switch {
		case i == m.sku:
			b.add(s.Bold.Render("▶ " + row))
		case k.stock <= 0:
			b.add(s.Muted.Render("  " + row))
		default:
			b.add("  " + row)
		}
	}
}

func (m *Model) linkLines(b *block) {
	p, s := m.p, m.c.Styles
	if n := len(p.images); n > 0 {
		items := make([]string, n)
		for i, u := range p.images {
			items[i] = link.Hyperlink(u, s.Link.Render(fmt.Sprintf("image %d", i+1)))
		}
		m.flow(b, fmt.Sprintf("Images (%d): ", n), items)
	} else {
		b.add("Images: none")
	}
	if p.pageURL != "" {
		b.add("Page: " + link.Hyperlink(p.pageURL, s.Link.Render(p.pageURL)))
		b.add(s.Muted.Render(m.c.Keys.Get(keys.Copy).Help().Key + " copies the page link"))
	}
}

// sellerPane is the seller card and the freight estimate.
func (m *Model) sellerPane(w int) []string {
	p, s := m.p, m.c.Styles
	b := &block{w: w}
	name := p.company
	if name == "" {
		name = "(no company name)"
	}
	b.wrap("Seller: "+s.Bold.Render(name), 2)
	if p.shipFrom != "" {
		b.wrap("Ships from: "+p.shipFrom, 2)
	}
	if y := int64(p.seller.TpYear); y > 0 {
		unit := "years"
		if y == 1 {
			unit = "year"
		}
		b.add(fmt.Sprintf("On 1688 for %d %s", y, unit))
	}
	if len(p.badges) > 0 {
		b.wrap("Badges: "+strings.Join(p.badges, ", "), 2)
	}
	b.add("Service scores (out of 5, higher is better):")
	sd := p.seller
	for _, sc := range []struct{ name, v string }{
		{"Composite", string(sd.CompositeServiceScore)},
		{"Logistics", string(sd.LogisticsExperienceScore)},
		{"After-sales", string(sd.AfterSalesExperienceScore)},
		{"Disputes", string(sd.DisputeComplaintScore)},
		{"Consulting", string(sd.ConsultingExperienceScore)},
	} {
		v := sanitize.Line(sc.v)
		shown := v
		if shown == "" {
			shown = "–"
		}
		b.add("  " + sanitize.Pad(sc.name, 12) + sanitize.PadLeft(shown, 4) + "  " + scoreWord(v))
	}
	if r := sanitize.Line(string(sd.RepeatPurchasePercent)); r != "" {
		b.add("Repeat buyers: " + r)
	}
	b.blank()
	b.wrap(m.freightLine(), 2)
	b.wrap(s.Muted.Render("Domestic freight inside China; the order preview has the final amount."), 0)
	b.blank()
	b.wrap(s.Muted.Render(m.c.Keys.Get(keys.Message).Help().Key+" messages the supplier (opens a chat link)"), 0)
	return b.lines
}

// scoreWord says what a 0-5 service score means, so the number is not
// the only signal.
func scoreWord(v string) string {
	f, err := strconv.ParseFloat(v, 64)
	switch {
	case v == "" || err != nil:
		return "not rated"
	case f >= 4.5:
		return "excellent"
	case f >= 4.0:
		return "good"
	case f >= 3.5:
		return "fair"
	}
	return "poor"
}

func (m *Model) attrPane(w int) []string {
	p, s := m.p, m.c.Styles
	b := &block{w: w}
	if len(p.attrs) == 0 {
		b.add("The seller lists no attributes.")
	} else {
		b.add(s.Bold.Render(fmt.Sprintf("Attributes (%d)", len(p.attrs))))
		for _, a := range p.attrs {
			b.wrap(both(a.name, a.nameEN)+": "+both(a.value, a.valueEN), 4)
		}
	}
	// The photos' addresses in full, for terminals without clickable
	// links: the agent can still select one and open it elsewhere.
	if len(p.images) > 0 {
		b.blank()
		b.add(s.Bold.Render(fmt.Sprintf("Images (%d)", len(p.images))))
		for i, u := range p.images {
			lead := fmt.Sprintf("%d. ", i+1)
			b.add(lead + link.Hyperlink(u, sanitize.Truncate(u, w-len(lead))))
		}
	}
	return b.lines
}

func (m *Model) descPane(w int) []string {
	p, s := m.p, m.c.Styles
	b := &block{w: w}
	text, other := p.descEN, p.descZH
	head := "Description (translated)"
	if m.zh || text == "" {
		text, other = p.descZH, p.descEN
		head = "Description (original, Chinese)"
	}
	if other != "" && other != text {
		head += " — " + m.c.Keys.Get(keys.Language).Help().Key + " switches language"
	}
	b.add(s.Bold.Render(head))
	if p.descErr != "" {
		b.wrap(s.Warn.Render(p.descErr), 2)
	}
	if text == "" {
		b.add("The seller wrote no description.")
		return b.lines
	}
	b.lines = append(b.lines, wrapText(text, w)...)
	return b.lines
}
