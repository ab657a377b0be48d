package detail

import (
	"fmt"
	"slices"
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
// quantity: everything needed to add a line. It is put together from
// kept parts, each drawn again only when what it shows has changed.
func (m *Model) orderPane(w int) []string {
	p := m.p
	d := m.drawing()
	if left, _ := m.columns(); w != left {
		// Not the column's width: drawn for the caller and not kept.
		d = &drawing{}
	}
	pr := m.price()
	lines := append(d.order[:0], d.head.get(struct{}{}, w, m.headLines)...)
	lines = append(lines, d.tiers.get(m.tierKey(pr), w, func(b *block) { m.tierLines(b, pr) })...)
	if len(p.axes) > 0 {
		lines = append(lines, "")
		if !slices.Equal(d.axisSel, m.sel) {
			d.axes.ok = false
			d.axisSel = append(d.axisSel[:0], m.sel...)
		}
		lines = append(lines, d.axes.get(axisKey{sku: m.sku, focused: m.shownAxisFocus()}, w, m.axisLines)...)
	}
	lines = append(lines, "")
	lines = m.appendQuantity(lines, d, w, pr)
	if len(p.skus) > 1 {
		lines = append(lines, "")
		lines = m.appendSKUs(lines, d, w)
	}
	lines = append(lines, "")
	lines = append(lines, d.links.get(struct{}{}, w, m.linkLines)...)
	d.order = lines
	return lines
}

// headLines are the titles and the facts that never change with the
// choice, and the blank line under them.
func (m *Model) headLines(b *block) {
	p, s := m.p, m.c.Styles
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
}

// tierKey is what the tier table depends on: the price in use and, for
// an offer priced per SKU, the SKU whose price it names.
func (m *Model) tierKey(pr pricing.Price) tierKey {
	k := tierKey{pr: pr, sku: -1}
	if m.p.quoteType == 1 {
		k.sku = m.sku
	}
	return k
}

func (m *Model) tierLines(b *block, pr pricing.Price) {
	p, s := m.p, m.c.Styles
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
	r := m.rules()
	// The least quantity this product can be ordered in: a tier that ends
	// below it can never apply, and showing its price unmarked misleads.
	least := (r.MOQ + r.Batch - 1) / r.Batch * r.Batch
	for i, t := range p.tiers {
		row := sanitize.Pad(labels[i], lw) + "  " + pricing.Money(t.Price)
		// A seller's mixed batch lets an order go below the minimum (the
		// whole order reaches the batch instead): then every tier can apply.
		unreachable := !r.Mix.Enabled && i+1 < len(p.tiers) && p.tiers[i+1].Start-1 < least
		switch {
		case i == pr.Tier:
			note := ""
			if pr.Below {
				// A mixed batch is named only where the seller offers one.
				note = "  (below the first tier)"
				if r.Mix.Enabled {
					note = "  (below the first tier: mixed batch)"
				}
			}
			b.add(s.Selected.Render("▶ "+row) + note)
		case unreachable:
			b.add(s.Muted.Render("  " + row + "  (under the minimum order)"))
		default:
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

// shownAxisFocus is the axis marked as focused, or -1.
func (m *Model) shownAxisFocus() int {
	if m.pane() != paneOrder {
		return -1
	}
	return m.axisFocus()
}

func (m *Model) axisLines(b *block) {
	p, s := m.p, m.c.Styles
	focused := m.shownAxisFocus()
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

// appendQuantity adds the quantity section: the line naming the
// quantity, drawn per step, between parts that follow the SKU's rules.
func (m *Model) appendQuantity(lines []string, d *drawing, w int, pr pricing.Price) []string {
	r := m.rules()
	if m.qty > 0 {
		lines = append(lines, m.quantityLine(d, w, pr))
	}
	lines = append(lines, d.rules.get(rulesKey{r: r, noQty: m.qty <= 0}, w, func(b *block) { m.ruleLines(b, r) })...)
	warning := r.Warning(m.qty)
	lines = append(lines, d.warning.get(warning, w, func(b *block) {
		if warning != "" {
			b.wrap(m.c.Styles.Warn.Render("Note: "+warning+"."), 2)
		}
	})...)
	return append(lines, d.qtyHelp.get(struct{}{}, w, m.quantityHelp)...)
}

// quantityLine names the quantity and what it costs. The agent steps
// back and forth around a quantity, so the lines of the last few are
// kept, not only the last one.
func (m *Model) quantityLine(d *drawing, w int, pr pricing.Price) string {
	k := qtyKey{qty: m.qty, pr: pr}
	if l, ok := d.qtyLines[k]; ok {
		return l
	}
	if len(d.qtyLines) >= keptQuantities {
		clear(d.qtyLines)
	}
	if d.qtyLines == nil {
		d.qtyLines = make(map[qtyKey]string)
	}
	s := m.c.Styles
	line := "Quantity: " + s.Bold.Render(pricing.Units(m.qty, m.p.unitWord()))
	if pr.OK {
		if total, ok := pr.Unit.Mul(m.qty); ok {
			line += " × " + pricing.Money(pr.Unit) + " = " + s.Price.Render(pricing.Money(total))
			if cv := m.c.Converted(total); cv != "" {
				line += " (≈" + cv + ")"
			}
		}
	}
	line = sanitize.Truncate(line, w)
	d.qtyLines[k] = line
	return line
}

// ruleLines explain the rules, and why nothing can be ordered when no
// quantity fits them.
func (m *Model) ruleLines(b *block, r pricing.Rules) {
	if m.qty <= 0 {
		if _, err := r.Initial(); err != nil {
			b.wrap(m.c.Styles.Warn.Render("Cannot order: "+sanitize.Line(err.Error())+"."), 2)
		}
	}
	for _, l := range pricing.Explain(r) {
		b.wrap(l, 2)
	}
}

func (m *Model) quantityHelp(b *block) {
	k := m.c.Keys
	b.wrap(m.c.Styles.Muted.Render(fmt.Sprintf("%s adds it to the cart · %s/%s change it by one lot · type digits to enter a quantity",
		k.Get(keys.Add).Help().Key, k.Get(keys.Plus).Help().Key, k.Get(keys.Minus).Help().Key)), 2)
}

// appendSKUs adds every SKU with its price and stock, so the agent sees
// at a glance what is left without stepping through the axes. A row is
// drawn again only when its price tier or the cursor on it has moved.
func (m *Model) appendSKUs(lines []string, d *drawing, w int) []string {
	p := m.p
	lines = append(lines, d.skuHead.get(struct{}{}, w, func(b *block) {
		b.add(m.c.Styles.Bold.Render(fmt.Sprintf("All SKUs (%d): price · stock", len(p.skus))))
	})...)
	if len(d.skuRows) != len(p.skus) {
		d.skuW = skuLabelWidth(p.skus, w)
		d.skuRows = make([]skuRow, len(p.skus))
	}
	for i, k := range p.skus {
		pr := pricing.UnitPrice(p.quoteType, p.tiers, k.price, m.qty)
		r := &d.skuRows[i]
		if !r.ok || r.pr != pr || r.chosen != (i == m.sku) {
			*r = skuRow{ok: true, pr: pr, chosen: i == m.sku, line: m.skuLine(k, pr, i == m.sku, d.skuW, w)}
		}
		lines = append(lines, r.line)
	}
	return lines
}

// skuLabelWidth is the width of the SKU list's label column: the longest
// label, up to half the pane.
func skuLabelWidth(skus []skuView, w int) int {
	lw := 0
	for _, k := range skus {
		if kw := sanitize.Width(k.label); kw > lw {
			lw = kw
		}
	}
	if lw > w/2 {
		lw = w / 2
	}
	return lw
}

func (m *Model) skuLine(k skuView, pr pricing.Price, chosen bool, lw, w int) string {
	s := m.c.Styles
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
	case chosen:
		row = s.Bold.Render("▶ " + row)
	case k.stock <= 0:
		row = s.Muted.Render("  " + row)
	default:
		row = "  " + row
	}
	return sanitize.Truncate(row, w)
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

// sellerPane is the seller card and the freight estimate; only the
// estimate's lines follow the choice.
func (m *Model) sellerPane(w int) []string {
	d := m.drawing()
	if _, right := m.columns(); w != right {
		d = &drawing{}
	}
	freight := m.freightLine()
	lines := append(d.seller[:0], d.facts.get(struct{}{}, w, m.sellerFacts)...)
	lines = append(lines, d.freight.get(freight, w, func(b *block) { b.wrap(freight, 2) })...)
	lines = append(lines, d.sellTail.get(struct{}{}, w, m.sellerTail)...)
	d.seller = lines
	return lines
}

// sellerFacts is the seller card, down to the blank line above the
// freight.
func (m *Model) sellerFacts(b *block) {
	p, s := m.p, m.c.Styles
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
}

// sellerTail is what follows the freight estimate.
func (m *Model) sellerTail(b *block) {
	s := m.c.Styles
	b.wrap(s.Muted.Render("Domestic freight inside China; the order preview has the final amount."), 0)
	b.blank()
	b.wrap(s.Muted.Render(m.c.Keys.Get(keys.Message).Help().Key+" messages the supplier (opens a chat link)"), 0)
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
