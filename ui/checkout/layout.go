package checkout

import (
	"caigou/ui/keys"
	"caigou/ui/sanitize"
)

// drawKey is what a group's block was drawn for. Wrapping and styling
// the groups through lipgloss is what a frame costs, and most key presses
// only move the cursor, so a block is kept until the group or the width
// changes; the cursor only swaps the block's first line.
type drawKey struct{ w, gen int }

// footKey is what the footer was drawn for: it sums every group, so it
// is drawn again when any group changed (gen), and holds the question.
type footKey struct {
	w, gen, sel        int
	confirming, typing bool
	typed              string
}

// changed marks group i as changed since it was drawn. Everything that
// changes what a group shows calls it: its block is not drawn again
// otherwise.
func (m *Model) changed(i int) {
	m.gen++
	m.groups[i].gen++
	m.stale = append(m.stale, i)
}

// layout brings header, body and footer up to date with the state and
// the size. Only the groups that changed are drawn again, and a new width
// draws everything.
func (m *Model) layout() {
	w := m.w
	if w <= 0 {
		w = 80
	}
	// w is never 0, so the zero keys of a page not laid out yet never
	// match.
	if w != m.laidW {
		m.laidW = w
		m.header = m.headerLines(w)
		m.more = m.c.Styles.Muted.Render(sanitize.Truncate("  ↓ more below ("+m.keyName(keys.PageDown)+")", w))
		for i := range m.groups {
			m.draw(i, w)
		}
		m.join()
	} else {
		m.redraw(w)
	}
	m.stale = m.stale[:0]

	k := footKey{w: w, gen: m.gen, confirming: m.confirming, typing: m.typing}
	if m.typing {
		// The prompt names the selected group and echoes what was typed.
		k.sel, k.typed = m.sel, string(m.typed)
	}
	if k != m.footFor {
		m.footer, m.footFor = m.footerLines(w), k
	}
	m.scroll(0)
}

// redraw draws the stale groups again, in place in the body while their
// height stays, so a key press costs the groups it changed, not the cart.
func (m *Model) redraw(w int) {
	moved := false
	for _, i := range m.stale {
		g := m.groups[i]
		was := len(g.drawn)
		if !m.draw(i, w) {
			continue
		}
		if len(g.drawn) != was {
			moved = true
			continue
		}
		copy(m.body[m.groupTop[i]:], g.drawn)
	}
	if moved {
		m.join()
		return
	}
	m.cursor()
}

// draw draws group i again unless its block is current, and reports
// whether it did.
func (m *Model) draw(i, w int) bool {
	g := m.groups[i]
	k := drawKey{w: w, gen: g.gen}
	if k == g.drawnFor {
		return false
	}
	g.drawn, g.selHead, g.drawnFor = m.groupLines(g, w), m.groupHead(g, w, true), k
	return true
}

// join lays the groups' blocks out one under the other.
func (m *Model) join() {
	n := len(m.groups)
	for _, g := range m.groups {
		n += len(g.drawn)
	}
	body := make([]string, 0, max(n, 1))
	m.groupTop = m.groupTop[:0]
	if len(m.groups) == 0 {
		body = append(body, "Nothing to order: the cart is empty.")
	}
	for i, g := range m.groups {
		if i > 0 {
			body = append(body, "")
		}
		m.groupTop = append(m.groupTop, len(body))
		body = append(body, g.drawn...)
	}
	m.body = body
	m.cursor()
}

// cursor takes the mark off the group it was on and puts it on the
// selected one (the same group when it did not move).
func (m *Model) cursor() {
	if len(m.groups) == 0 {
		return
	}
	m.body[m.groupTop[m.laidSel]] = m.groups[m.laidSel].drawn[0]
	m.body[m.groupTop[m.sel]] = m.groups[m.sel].selHead
	m.laidSel = m.sel
}

func (m *Model) headerLines(w int) []string {
	s := m.c.Styles
	return []string{
		s.Title.Render(sanitize.Truncate("Ship to "+sanitize.Line(m.addr.OneLine()), w)),
		s.TableHeader.Render(sanitize.Truncate(indent+sanitize.Pad("Item", m.titleW(w))+" "+
			sanitize.PadLeft("Qty", qtyW)+" "+sanitize.PadLeft("Unit", moneyW)+" "+sanitize.PadLeft("Amount", amountW), w)),
	}
}

// selectGroup moves the selection and brings the group into view.
func (m *Model) selectGroup(i int) {
	if len(m.groups) == 0 {
		return
	}
	m.sel = max(min(i, len(m.groups)-1), 0)
	m.layout()
	top := m.groupTop[m.sel]
	end := len(m.body)
	if m.sel+1 < len(m.groupTop) {
		end = m.groupTop[m.sel+1]
	}
	bh := m.bodyHeight()
	switch {
	case top < m.offset:
		m.offset = top
	case end > m.offset+bh:
		m.offset = min(top, end-bh)
	}
	m.scroll(0)
}

func (m *Model) scroll(n int) {
	m.offset = max(min(m.offset+n, len(m.body)-m.bodyHeight()), 0)
}
