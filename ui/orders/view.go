package orders

import (
	"strings"
	"time"

	"caigou/ui/keys"
	"caigou/ui/sanitize"
	"caigou/xport"
)

// View implements common.Page. It draws exactly the page's height; only
// the rows in view are formatted.
func (m *Model) View() string {
	if m.w <= 0 || m.h <= 0 {
		return ""
	}
	lines := make([]string, 0, m.h)
	lines = append(lines, m.tabsLine())
	if m.finding {
		lines = append(lines, sanitize.Truncate(m.input.View(), m.w))
	} else {
		lines = append(lines, m.infoLine())
	}
	lines = append(lines, m.body(m.h-2)...)
	for len(lines) < m.h {
		lines = append(lines, "")
	}
	return strings.Join(lines[:m.h], "\n")
}

// tabsLine names the tabs, the current one in brackets so it shows
// without colour too. Chinese labels join the English where they fit.
func (m *Model) tabsLine() string {
	return m.t.tabs.Get(tabs()[m.tab].status, m.w, m.drawTabs)
}

func (m *Model) drawTabs() string {
	s := m.c.Styles
	zh := m.w >= wideWidth
	var b strings.Builder
	for i, t := range tabs() {
		label := t.en
		if zh {
			label = t.zh + " " + t.en
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		if i == m.tab {
			b.WriteString(s.Bold.Render("[" + label + "]"))
		} else {
			b.WriteString(s.Muted.Render(" " + label + " "))
		}
	}
	return sanitize.Truncate(b.String(), m.w)
}

// infoLine says what the list is and how fresh: a failed automatic
// refresh first, then the last payment's left-outs, then a search's,
// then when it was loaded.
func (m *Model) infoLine() string {
	s := m.c.Styles
	if m.refreshErr != nil {
		// What to do first: the line is cut at the width, and the error
		// itself is long.
		why := xport.Hint(m.refreshErr)
		if why == "" {
			why = clean(m.refreshErr.Error())
		}
		return sanitize.Truncate(s.StatusError.Render("Refresh failed ("+m.keyName(keys.Retry)+" tries again), showing the list of "+m.clock(m.updated)+": "+why), m.w)
	}
	if m.payNote != "" {
		return sanitize.Truncate(s.Warn.Render(m.payNote), m.w)
	}
	var parts []string
	if m.q.ids != nil {
		parts = append(parts, "ids searched: "+itoa(len(m.q.ids)))
		if len(m.notFound) > 0 {
			parts = append(parts, "not found: "+listIDs(m.notFound, 2))
		}
		if m.findNote != "" {
			parts = append(parts, m.findNote)
		}
		parts = append(parts, m.keyName(keys.Back)+" shows all")
	} else if !m.updated.IsZero() {
		parts = append(parts, "updated "+m.clock(m.updated))
		if d := m.c.Config.OrdersRefresh; d > 0 {
			parts = append(parts, "refreshes every "+every(d))
		}
		parts = append(parts, "times in China time (CST)")
	}
	return sanitize.Truncate(s.Muted.Render(strings.Join(parts, " · ")), m.w)
}

// clock is a time of day in China time.
func (m *Model) clock(t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return t.In(xport.ChinaTime()).Format("15:04") + " CST"
}

// every writes a refresh interval for people: "1 min", "30 s".
func every(d time.Duration) string {
	if d >= time.Minute && d%time.Minute == 0 {
		return itoa(int(d/time.Minute)) + " min"
	}
	return itoa(int(d/time.Second)) + " s"
}

// body is the table and its count line, or what stands in for them.
func (m *Model) body(h int) []string {
	s := m.c.Styles
	wrap := func(text string) []string {
		return strings.Split(s.App.Width(m.w).Render(text), "\n")
	}
	switch m.state {
	case loading:
		return []string{sanitize.Truncate("Loading "+m.tabName()+"…", m.w)}
	case failed:
		out := strings.Split(s.StatusError.Width(m.w).Render("Loading "+m.tabName()+" failed: "+clean(m.err.Error())), "\n")
		advice := xport.Hint(m.err)
		if advice != "" {
			advice += " "
		}
		return append(out, wrap(advice+"Press "+m.keyName(keys.Retry)+" to try again.")...)
	}
	if len(m.t.rows) == 0 {
		return wrap(m.emptyText())
	}
	out := make([]string, 0, h)
	out = append(out, m.t.header(s))
	out = append(out, m.t.view(s, m.marks)...)
	for len(out) < h-1 {
		out = append(out, "")
	}
	return append(out, sanitize.Truncate(m.countLine(), m.w))
}

func (m *Model) emptyText() string {
	if m.q.ids != nil {
		return "None of the " + plural(len(m.q.ids), "id was", "ids were") + " found among your orders" + m.onTab() + ". Press " + m.keyName(keys.Back) + " to see all orders."
	}
	if m.q.status == "" {
		return "No orders yet. Orders placed from the cart (" + m.keyName(keys.Cart) + ") appear here."
	}
	return "No " + m.tabName() + "."
}

func (m *Model) onTab() string {
	if m.q.status == "" {
		return ""
	}
	return " " + tabs()[m.tab].en
}

// countLine says where the cursor is, what is marked and whether more
// is coming.
func (m *Model) countLine() string {
	s := m.c.Styles
	n := len(m.t.rows)
	text := itoa(m.t.cursor+1) + " of " + itoa(n)
	if m.total > n {
		text += " loaded, " + itoa(m.total) + " orders"
	} else {
		text += " " + noun(n, "order", "orders")
	}
	if k := len(m.marks); k > 0 {
		text += " · " + itoa(k) + " marked to pay (" + m.keyName(keys.Pay) + " pays them)"
	}
	switch {
	case m.paying:
		text += " · asking for the payment link…"
	case m.refreshing:
		text += " · refreshing…"
	case m.more:
		text += " · loading more…"
	case m.moreErr != nil:
		return s.Muted.Render(text) + " " + s.StatusError.Render("· could not load more; press "+m.keyName(keys.Retry)+" to retry")
	case !m.hasMore() && n > 0:
		text += " · end of list"
	}
	return s.Muted.Render(text)
}
