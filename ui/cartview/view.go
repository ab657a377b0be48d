package cartview

import (
	"slices"
	"strconv"
	"strings"

	"caigou/ui/cart"
	"caigou/ui/keys"
	"caigou/ui/pricing"
	"caigou/ui/sanitize"
	"caigou/xport"
)

// row is one line of the list: a cart line (line is its index; it is
// drawn when in view), or a group header, note or warning drawn once
// (text, with line -1).
type row struct {
	text string
	line int
}

// cols are the widths of a line's cells at the current width.
type cols struct {
	title, qty, tier, unit, total int
	// money shows the display currency in the cells too, where there is
	// room for it.
	money bool
}

func (m *Model) cols() cols {
	c := cols{qty: 8, unit: 10, total: 12}
	if m.w >= 120 {
		c.tier = 8
	}
	if m.w >= 160 && m.c.Converted(1) != "" {
		c.money, c.unit, c.total = true, 22, 26
	}
	c.title = m.w - 2 - (1 + c.qty) - (1 + c.unit) - (1 + c.total)
	if c.tier > 0 {
		c.title -= 1 + c.tier
	}
	c.title = max(c.title, 8)
	return c
}

func (m *Model) cellMoney(c cols, f xport.Fen) string {
	if c.money {
		return m.c.Money(f)
	}
	return m.c.MoneyShort(f)
}

// rebuild lays the cart out for the current width: the cart's lines with
// the quantities still being saved, priced and checked per supplier.
func (m *Model) rebuild() {
	m.builds++
	m.drawn = m.c.Cart.Version()
	m.built = true
	var key cart.Key
	hadCursor := m.cursor < len(m.lines)
	if hadCursor {
		key = m.lines[m.cursor].Key()
	}

	// The cart's own slice, copied only when a change not yet saved
	// shows a quantity of its own.
	lines := m.c.Cart.Shared()
	if len(m.ops) > 0 {
		lines = slices.Clone(lines)
		for i := range lines {
			if q, ok := m.pending(lines[i].Key()); ok {
				lines[i].Quantity = q
			}
		}
	}
	// A supplier's group is priced and checked again only when its lines
	// changed: a quantity step re-checks one group, not the cart.
	groups := cart.GroupLines(lines)
	kept := m.groups
	m.groups = make(map[string]*group, len(groups))
	m.sums = m.sums[:0]
	for _, g := range groups {
		gr := kept[g.SellerOpenID]
		if gr == nil || !cart.SameLines(gr.in, g.Lines) {
			gr = newGroup(g)
		}
		m.groups[g.SellerOpenID] = gr
		m.sums = append(m.sums, gr.sum)
	}
	m.total, m.totalOK = cart.GrandTotal(m.sums)
	m.lines = m.lines[:0]
	m.warnings = 0
	for _, g := range m.sums {
		m.lines = append(m.lines, g.Lines...)
		if len(g.Warnings) > 0 {
			m.warnings++
		}
	}
	if hadCursor {
		m.follow(key)
	}
	m.cursor = max(0, min(m.cursor, len(m.lines)-1))
	if m.w > 0 {
		m.layout()
	}
}

// group is one supplier's lines priced, checked and drawn, kept with the
// lines it was made from.
type group struct {
	in  []cart.Line
	sum cart.Summary
	// warned and offerQty are per line of sum: whether a warning names it,
	// and its offer's quantity in the group.
	warned   []bool
	offerQty []int64
	// head and tail are the rows above and below the lines (the header;
	// the note, the mixed-batch remark and the warnings), drawn at width
	// w with note.
	head, tail []string
	w          int
	note       string
	drawn      bool
}

func newGroup(g cart.Group) *group {
	gr := &group{in: g.Lines, sum: cart.Check(g)}
	marked := map[cart.Key]bool{}
	for _, w := range gr.sum.Warnings {
		marked[w.Key] = true
	}
	totals := cart.OfferQuantities(gr.sum.Lines)
	for _, l := range gr.sum.Lines {
		gr.warned = append(gr.warned, marked[l.Key()])
		gr.offerQty = append(gr.offerQty, totals[l.OfferID])
	}
	return gr
}

// follow puts the cursor on the line with key k, if it is there.
func (m *Model) follow(k cart.Key) {
	for i, l := range m.lines {
		if l.Key() == k {
			m.cursor = i
			return
		}
	}
}

// pending is a quantity waiting to be saved, shown already.
func (m *Model) pending(k cart.Key) (int64, bool) {
	for i := len(m.ops) - 1; i >= 0; i-- {
		if o := m.ops[i]; o.kind == opSet && o.key == k {
			return o.q, true
		}
	}
	return 0, false
}

// layout lays the rows of the list out: the group headers, notes and
// warnings are drawn here, the cart lines only when they come into view
// (lineView), so a cart of 800 lines costs a key press what one of 50
// does.
func (m *Model) layout() {
	s := m.c.Styles
	m.rows = m.rows[:0]
	m.lineRow = m.lineRow[:0]
	m.groupTop = m.groupTop[:0]
	m.warned = m.warned[:0]
	m.offerQty = m.offerQty[:0]
	m.lineDrawn = m.lineDrawn[:0]
	m.lineSel = m.lineSel[:0]
	m.sel = selDrawing{}
	if len(m.lines) == 0 {
		for _, t := range strings.Split(s.App.Width(max(m.w, 1)).Render(m.emptyText()), "\n") {
			m.rows = append(m.rows, row{text: t, line: -1})
		}
		m.offset = 0
		return
	}
	m.cells = m.cols()
	messages := m.c.Cart.Messages()
	n := 0
	for gi, g := range m.sums {
		if gi > 0 {
			m.add("", -1)
		}
		gr := m.groups[g.SellerOpenID]
		if note := sanitize.Line(messages[g.SellerOpenID]); !gr.drawn || gr.w != m.w || gr.note != note {
			m.drawGroup(gr, note)
		}
		for _, t := range gr.head {
			m.add(t, -1)
		}
		top := len(m.rows)
		for i := range g.Lines {
			m.lineRow = append(m.lineRow, len(m.rows))
			m.groupTop = append(m.groupTop, top)
			m.warned = append(m.warned, gr.warned[i])
			m.offerQty = append(m.offerQty, gr.offerQty[i])
			m.add("", n)
			n++
		}
		for _, t := range gr.tail {
			m.add(t, -1)
		}
	}
	m.lineDrawn = make([]string, len(m.lines))
	m.lineSel = make([]string, len(m.lines))
	m.keepCursorInView()
}

// selDrawing is the cursor's line as last drawn, with what it was drawn
// from: the line, and the quantity being typed.
type selDrawing struct {
	line    int
	editing bool
	input   string
	text    string
}

// lineView is the drawing of cart line i. A line away from the cursor is
// drawn once per layout; the cursor's line when it or the typing moves.
func (m *Model) lineView(i int) string {
	if i == m.cursor && !m.editing && len(m.input) == 0 {
		// Under the cursor but not being edited: kept like the others, so
		// walking the list redraws nothing already seen.
		if m.lineSel[i] == "" {
			m.lineSel[i] = m.lineText(m.cells, i, m.lines[i], m.offerQty[i], m.warned[i])
		}
		return m.lineSel[i]
	}
	if i == m.cursor {
		input := string(m.input)
		if sd := m.sel; sd.text != "" && sd.line == i && sd.editing == m.editing && sd.input == input {
			return sd.text
		}
		text := m.lineText(m.cells, i, m.lines[i], m.offerQty[i], m.warned[i])
		m.sel = selDrawing{line: i, editing: m.editing, input: input, text: text}
		return text
	}
	if m.lineDrawn[i] == "" {
		m.lineDrawn[i] = m.lineText(m.cells, i, m.lines[i], m.offerQty[i], m.warned[i])
	}
	return m.lineDrawn[i]
}

// drawGroup draws the rows of a group other than its lines.
func (m *Model) drawGroup(gr *group, note string) {
	s := m.c.Styles
	g := gr.sum
	rows := m.rows
	m.rows = nil
	m.add(m.groupHead(g), -1)
	head := m.rows
	m.rows = nil
	if note != "" {
		m.add(s.Muted.Render(sanitize.Truncate("    Note to seller: "+note, m.w)), -1)
	}
	if g.Mixed {
		m.wrap(s.Muted, "    ", "Mixed batch: some products are below their own minimum, but the order reaches this seller's threshold.")
	}
	for _, w := range g.Warnings {
		m.wrap(s.Warn, "  ! ", sanitize.Line(w.Text))
	}
	tail := m.rows
	m.rows = rows
	gr.head, gr.tail = gr.head[:0], gr.tail[:0]
	for _, r := range head {
		gr.head = append(gr.head, r.text)
	}
	for _, r := range tail {
		gr.tail = append(gr.tail, r.text)
	}
	gr.w, gr.note, gr.drawn = m.w, note, true
}

func (m *Model) add(text string, line int) { m.rows = append(m.rows, row{text: text, line: line}) }

// wrap adds text wrapped to the width, the first row after lead and the
// others indented as far.
func (m *Model) wrap(style interface{ Render(...string) string }, lead, text string) {
	w := max(m.w-sanitize.Width(lead), 10)
	for i, t := range strings.Split(wordWrap(text, w), "\n") {
		pre := lead
		if i > 0 {
			pre = strings.Repeat(" ", sanitize.Width(lead))
		}
		m.add(style.Render(sanitize.Truncate(pre+t, m.w)), -1)
	}
}

func (m *Model) groupHead(g cart.Summary) string {
	name := sanitize.Line(g.SellerName)
	if name == "" {
		name = "Supplier " + sanitize.Line(g.SellerOpenID)
		if g.SellerOpenID == "" {
			name = "Unknown supplier"
		}
	}
	right := "subtotal " + m.c.Money(g.Subtotal)
	if !g.OK {
		right = "subtotal too large to add up"
	}
	left := name + " · " + plural(len(g.Lines), "line")
	if w := m.w - sanitize.Width(right) - 2; w >= 12 {
		return m.c.Styles.Bold.Render(sanitize.Pad(left, w) + "  " + right)
	}
	return m.c.Styles.Bold.Render(sanitize.Truncate(left+" · "+right, m.w))
}

// lineText is one line's row: marker, title with its SKU, quantity, the
// tier that applies, unit price and line total.
func (m *Model) lineText(c cols, i int, l cart.Line, offerQty int64, warned bool) string {
	s := m.c.Styles
	cur := i == m.cursor
	mark := "  "
	switch {
	case cur && warned:
		mark = "▶!"
	case cur:
		mark = "▶ "
	case warned:
		mark = " !"
	}
	qty := strconv.FormatInt(l.Quantity, 10)
	if cur && m.editing {
		qty = "[" + string(m.input) + "▏]"
	}
	p := cart.Price(l, offerQty)
	unit, total := "—", "—"
	if p.OK {
		unit = m.cellMoney(c, p.Unit)
		if t, ok := l.Total(); ok {
			total = m.cellMoney(c, t)
		} else {
			total = "too large"
		}
	}
	b := strings.Builder{}
	b.WriteString(mark)
	b.WriteString(sanitize.Pad(m.titleCell(l, c.title), c.title))
	b.WriteString(" " + sanitize.PadLeft(qty, c.qty))
	if c.tier > 0 {
		b.WriteString(" " + sanitize.Pad(tierLabel(l, p), c.tier))
	}
	b.WriteString(" " + sanitize.PadLeft(unit, c.unit))
	text := b.String()
	totalCell := " " + sanitize.PadLeft(total, c.total)
	if cur {
		return s.Selected.Render(text + totalCell)
	}
	return text + s.Price.Render(totalCell)
}

// titleCell is the title cut to leave the SKU's attributes in view: two
// SKUs of one product differ only there.
func (m *Model) titleCell(l cart.Line, w int) string {
	en, zh := sanitize.Line(l.Title), sanitize.Line(l.TitleZH)
	title := en
	switch {
	case title == "":
		title = zh
	case m.zh && zh != "":
		title = zh
	case m.w >= 160 && zh != "" && zh != en:
		title = en + " · " + zh
	}
	sku := sanitize.Line(l.SKUDesc)
	if sku == "" {
		return sanitize.Truncate(title, w)
	}
	sku = " (" + sku + ")"
	if sw := sanitize.Width(sku); sw <= w/2 {
		return sanitize.Truncate(title, w-sw) + sku
	}
	return sanitize.Truncate(title+sku, w)
}

// tierLabel says which price applies: the tier's range, the SKU's own
// price, or the first tier for a mixed-batch quantity below it.
func tierLabel(l cart.Line, p pricing.Price) string {
	switch {
	case !p.OK:
		return "no price"
	case p.Tier < 0:
		if len(l.Tiers) == 0 && l.SKUPrice <= 0 {
			return ""
		}
		return "SKU"
	case p.Below:
		return "<" + strconv.FormatInt(l.Tiers[0].Start, 10)
	}
	var next int64
	if p.Tier+1 < len(l.Tiers) {
		next = l.Tiers[p.Tier+1].Start
	}
	return pricing.TierLabel(l.Tiers[p.Tier], next)
}

func (m *Model) emptyText() string {
	k := m.c.Keys
	return "The cart is empty. Search with " + k.Get(keys.Search).Help().Key +
		", open a product with " + k.Get(keys.Open).Help().Key +
		", choose a SKU and a quantity, and press " + k.Get(keys.Add).Help().Key + " to add it. " +
		"Lines from several suppliers become one order per supplier."
}

// listHeight is the rows the list gets: the page less the address line,
// the column header and the total.
func (m *Model) listHeight() int {
	h := m.h - 3
	if m.noting {
		h--
	}
	return max(h, 1)
}

// keepCursorInView scrolls so the cursor's row shows, with its group's
// header when there is room.
func (m *Model) keepCursorInView() {
	h := m.listHeight()
	if m.cursor < len(m.lineRow) {
		r := m.lineRow[m.cursor]
		top := m.groupTop[m.cursor]
		if top > 0 && r-top+1 < h {
			top--
		}
		if top < m.offset {
			m.offset = top
		}
		if r >= m.offset+h {
			m.offset = r - h + 1
		}
	}
	m.offset = max(0, min(m.offset, len(m.rows)-h))
}

// View implements common.Page.
func (m *Model) View() string {
	if m.w <= 0 || m.h <= 0 {
		return ""
	}
	// A page above (checkout removing ordered lines) may have changed the
	// cart and been closed with no message to this page since; the layout
	// is a cache of the cart in memory, so refreshing it here is no I/O.
	if m.c.Cart.Version() != m.drawn {
		m.rebuild()
	}
	// The lines around the list change with the address, the cart or the
	// width, not with a cursor key: they are kept between frames.
	key := frameKey{w: m.w, addr: m.addr, addrSt: m.addrSt, builds: m.builds, cells: m.cells}
	if m.kept.key != key || m.kept.ship == "" {
		m.kept = keptFrame{key: key, ship: m.shipLine(), head: m.headLine(), total: m.totalLine()}
	}
	out := make([]string, 0, m.h)
	out = append(out, m.kept.ship, m.kept.head)
	h := m.listHeight()
	end := min(m.offset+h, len(m.rows))
	for _, r := range m.rows[m.offset:end] {
		if r.line >= 0 {
			out = append(out, m.lineView(r.line))
		} else {
			out = append(out, r.text)
		}
	}
	for len(out) < 2+h {
		out = append(out, "")
	}
	if m.noting {
		out = append(out, m.noteLine())
	}
	out = append(out, m.kept.total)
	if len(out) > m.h {
		out = out[len(out)-m.h:]
	}
	return strings.Join(out, "\n")
}

// frameKey is what the kept lines around the list were drawn from.
type frameKey struct {
	w      int
	addr   *xport.Address
	addrSt loadState
	builds uint64
	cells  cols
}

// keptFrame is the lines around the list as last drawn.
type keptFrame struct {
	key               frameKey
	ship, head, total string
}

// headLine is the list's column header.
func (m *Model) headLine() string {
	if len(m.lines) == 0 {
		return ""
	}
	c := m.cells
	head := "  " + sanitize.Pad("Item", c.title) + " " + sanitize.PadLeft("Qty", c.qty)
	if c.tier > 0 {
		head += " " + sanitize.Pad("Tier", c.tier)
	}
	head += " " + sanitize.PadLeft("Unit", c.unit) + " " + sanitize.PadLeft("Line total", c.total)
	return m.c.Styles.TableHeader.Render(sanitize.Truncate(head, m.w))
}

func (m *Model) shipLine() string {
	s := m.c.Styles
	change := m.c.Keys.Get(keys.Address).Help().Key
	var text string
	switch {
	case m.addr != nil:
		text = "Ship to: " + sanitize.Line(m.addr.OneLine())
		hint := "  (" + change + " changes)"
		if w := m.w - sanitize.Width(hint); w > 20 {
			return s.Bold.Render(sanitize.Truncate(text, w)) + s.Muted.Render(hint)
		}
	case m.addrSt == loading:
		text = "Ship to: loading your addresses…"
	case m.addrSt == failed:
		text = "Ship to: your addresses could not be loaded — " + change + " tries again"
	default:
		text = "Ship to: no address on the account yet — " + change + " adds one"
	}
	return s.Bold.Render(sanitize.Truncate(text, m.w))
}

func (m *Model) noteLine() string {
	return sanitize.Truncate(m.noteLead()+m.note.View(), m.w)
}

// noteLead is what stands before the note input; its width does not
// change while typing (the count is padded), so the input does not jump.
func (m *Model) noteLead() string {
	n := strconv.Itoa(len([]rune(m.note.Value())))
	return "Note to " + sanitize.Truncate(m.noteName, 16) + " (" + sanitize.PadLeft(n, 3) + "/" + strconv.Itoa(maxNote) + "): "
}

func (m *Model) totalLine() string {
	s := m.c.Styles
	if len(m.lines) == 0 {
		return ""
	}
	total := "Total " + m.c.Money(m.total)
	if !m.totalOK {
		total = "Total too large to add up"
	}
	text := total + " · " + plural(len(m.lines), "line") + " · " + plural(len(m.sums), "supplier")
	if m.warnings > 0 {
		text += " · " + plural(m.warnings, "supplier") + " with warnings"
	}
	return s.Bold.Render(sanitize.Truncate(text, m.w))
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// wordWrap breaks text at spaces to lines of at most w cells; a word
// longer than w (Chinese has no spaces) is cut by cells.
func wordWrap(text string, w int) string {
	var out []string
	line := ""
	for _, word := range strings.Fields(text) {
		for sanitize.Width(word) > w {
			if line != "" {
				out = append(out, line)
				line = ""
			}
			head := cutCells(word, w)
			out = append(out, head)
			word = word[len(head):]
		}
		switch {
		case line == "":
			line = word
		case sanitize.Width(line)+1+sanitize.Width(word) <= w:
			line += " " + word
		default:
			out = append(out, line)
			line = word
		}
	}
	if line != "" {
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// cutCells is the longest prefix of s at most w cells wide (at least one
// character, so wrapping always progresses).
func cutCells(s string, w int) string {
	n := 0
	for i, r := range s {
		rw := sanitize.Width(string(r))
		if n+rw > w && i > 0 {
			return s[:i]
		}
		n += rw
	}
	return s
}
