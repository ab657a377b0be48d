package detail

import (
	"strings"

	"caigou/ui/keys"
	"caigou/ui/pricing"
	"caigou/ui/sanitize"
	"caigou/xport"
)

// SetSize implements common.Page.
func (m *Model) SetSize(w, h int) {
	if w == m.w && h == m.h {
		return
	}
	m.w, m.h = w, h
	m.layout()
}

// body is the height left for the panes under the title and tab lines.
func (m *Model) body() int {
	if h := m.h - 2; h > 1 {
		return h
	}
	return 1
}

// columns are the widths of the order pane and the other panes.
func (m *Model) columns() (left, right int) {
	if !m.wide() {
		return m.w, m.w
	}
	left = (m.w - 3) / 2
	return left, m.w - 3 - left
}

// layout sizes the panes and fills those that depend only on the size.
func (m *Model) layout() {
	if m.p == nil || m.w <= 0 {
		return
	}
	_, right := m.columns()
	for i := range m.panes {
		m.panes[i].resize(m.body())
	}
	m.desc.Width, m.desc.Height = right, m.body()
	// The attributes and the description depend on the width alone, and
	// the root resizes pages whenever its footer grows or shrinks.
	if right != m.laidW {
		m.laidW = right
		m.panes[paneAttrs].set(m.attrPane(right))
		m.layoutDesc()
	}
	m.refresh()
}

// layoutDesc wraps the description for the current width; the HTML was
// converted once, when the detail arrived.
func (m *Model) layoutDesc() {
	if m.p == nil || m.w <= 0 {
		return
	}
	_, right := m.columns()
	m.desc.SetContent(strings.Join(m.descPane(right), "\n"))
	m.descVer++
}

// refresh rebuilds the panes that follow the choice: SKU, quantity,
// focus, freight.
func (m *Model) refresh() {
	if m.p == nil || m.w <= 0 {
		return
	}
	left, right := m.columns()
	m.panes[paneOrder].set(m.orderPane(left))
	m.panes[paneSeller].set(m.sellerPane(right))
}

// scroll moves the focused pane by n lines (a page when page is set,
// the ends when n is ±all).
func (m *Model) scroll(n int, page bool) {
	p := m.pane()
	if p == paneDesc {
		switch {
		case n == all:
			m.desc.GotoBottom()
		case n == -all:
			m.desc.GotoTop()
		case page && n > 0:
			m.desc.PageDown()
		case page:
			m.desc.PageUp()
		case n > 0:
			m.desc.ScrollDown(n)
		default:
			m.desc.ScrollUp(-n)
		}
		return
	}
	if page {
		n *= max(m.body()-1, 1)
	}
	m.panes[p].by(n)
}

// all scrolls to an end.
const all = 1 << 30

// paneLines is what a pane shows now. The description's viewport pads
// every line it shows, so its view is kept until it scrolls or changes.
func (m *Model) paneLines(p int) []string {
	if p == paneDesc {
		d := m.drawing()
		k := descKey{ver: m.descVer, y: m.desc.YOffset, w: m.desc.Width, h: m.desc.Height}
		return d.desc.get(k, m.w, func(b *block) { b.lines = strings.Split(m.desc.View(), "\n") })
	}
	return m.panes[p].view()
}

// View implements common.Page.
func (m *Model) View() string {
	if m.w <= 0 || m.h <= 0 {
		return ""
	}
	switch m.state {
	case loading:
		return m.loadingView()
	case failed:
		return m.failedView()
	}
	d := m.drawing()
	title := d.title.get(struct{}{}, m.w, func(b *block) { b.add(m.c.Styles.Title.Render(m.p.title())) })[0]
	var second string
	if m.editing {
		second = m.inputLine()
	} else {
		second = d.tabs.get(tabKey{pane: m.pane(), right: m.right}, m.w, func(b *block) { b.lines = append(b.lines, m.tabLine()) })[0]
	}
	lines := m.paneLines(m.pane())
	if m.wide() {
		lines = m.joinColumns(d)
	}
	// One allocation for the frame: a builder left to grow copies it
	// over and over.
	n := len(title) + len(second) + 2 + len(lines)
	for _, l := range lines {
		n += len(l)
	}
	var out strings.Builder
	out.Grow(n)
	out.WriteString(title)
	out.WriteByte('\n')
	out.WriteString(second)
	out.WriteByte('\n')
	for i, l := range lines {
		if i > 0 {
			out.WriteByte('\n')
		}
		out.WriteString(l)
	}
	return out.String()
}

// joinColumns is the body of the wide layout, the order pane beside
// another. A row is padded and joined again only when one of its halves
// has changed: measuring the left half was most of a frame.
func (m *Model) joinColumns(d *drawing) []string {
	left := m.paneLines(paneOrder)
	right := m.paneLines(m.right)
	lw, _ := m.columns()
	if d.sep == "" {
		d.sep = m.c.Styles.Muted.Render(" │ ")
	}
	n := m.body()
	if len(d.rows) != n {
		d.rows = make([]row, n)
		d.joined = make([]string, n)
	}
	for i := range d.rows {
		var l, r string
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		rw := &d.rows[i]
		if !rw.ok || rw.l != l || rw.r != r {
			*rw = row{ok: true, l: l, r: r}
			d.joined[i] = sanitize.Pad(l, lw) + d.sep + r
		}
	}
	return d.joined
}

// tabLine names the panes; the active one is marked by brackets and
// style, not colour alone.
func (m *Model) tabLine() string {
	s := m.c.Styles
	cur := m.pane()
	var parts []string
	for i := 0; i < paneCount; i++ {
		name := paneName(i)
		active := i == cur
		if m.wide() && i != paneOrder {
			active = i == m.right
		}
		if active {
			parts = append(parts, s.ActiveTab.Render("["+name+"]"))
		} else {
			parts = append(parts, s.Tab.Render(name))
		}
	}
	hint := s.Muted.Render(" " + m.c.Keys.Get(keys.NextPane).Help().Key + " switches")
	line := strings.Join(parts, "")
	if sanitize.Width(line)+sanitize.Width(hint) <= m.w {
		line += hint
	}
	return sanitize.Truncate(line, m.w)
}

func (m *Model) inputLine() string {
	s := m.c.Styles
	k := m.c.Keys
	line := "Quantity: " + s.Bold.Render(string(m.input)) + "_  " +
		s.Muted.Render(k.Get(keys.Open).Help().Key+" sets it · "+k.Get(keys.Back).Help().Key+" cancels")
	return sanitize.Truncate(line, m.w)
}

// loadingView shows what the search card already told us while the
// detail loads.
func (m *Model) loadingView() string {
	b := &block{w: m.w}
	m.cardLines(b)
	wait := "Loading product details…"
	if !m.c.Config.Plain {
		wait = m.spin.View() + " " + wait
	}
	b.add(wait)
	return m.fit(b)
}

func (m *Model) failedView() string {
	s := m.c.Styles
	b := &block{w: m.w}
	m.cardLines(b)
	b.wrap(s.Error.Render("Could not load this product: "+sanitize.Line(m.err.Error())), 2)
	if h := xport.Hint(m.err); h != "" {
		b.wrap(h, 2)
	}
	k := m.c.Keys
	b.add(s.Muted.Render(k.Get(keys.Retry).Help().Key + " tries again · " + k.Get(keys.Back).Help().Key + " goes back"))
	return m.fit(b)
}

func (m *Model) cardLines(b *block) {
	s := m.c.Styles
	o := m.offer
	title := sanitize.Line(string(o.SubjectTrans))
	if title == "" {
		title = sanitize.Line(string(o.Subject))
	}
	b.wrap(s.Title.Render(title), 0)
	if zh := sanitize.Line(string(o.Subject)); zh != "" && zh != title {
		b.wrap(zh, 0)
	}
	var facts []string
	if p := o.PriceInfo.Price.Fen(); p > 0 {
		facts = append(facts, "from "+pricing.Money(p))
	}
	if n := int64(o.MinOrderQuantity); n > 0 {
		facts = append(facts, "minimum order "+itoa(n))
	}
	if len(facts) > 0 {
		b.add(strings.Join(facts, " · "))
	}
	b.blank()
}

// fit cuts a view to the page height.
func (m *Model) fit(b *block) string {
	if len(b.lines) > m.h {
		b.lines = b.lines[:m.h]
	}
	return b.String()
}
