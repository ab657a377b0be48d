package search

import (
	"strings"

	"caigou/ui/common"
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
	s := m.c.Styles
	lines := make([]string, 0, m.h)
	lines = append(lines, m.inputLine())
	q := m.queryLine()
	lines = append(lines, m.drawnQuery.Get(q, m.w, func() string { return sanitize.Truncate(s.Muted.Render(q), m.w) }))
	body := m.h - 2
	switch m.overlay {
	case filterOverlay:
		lines = append(lines, m.filters.view(s, m.w, body)...)
	case categoryOverlay:
		lines = append(lines, m.cats.view(s, m.spinnerView(), m.w, body)...)
	case imageOverlay:
		lines = append(lines, m.img.view(s, m.spinnerView(), m.w, body)...)
	default:
		lines = append(lines, m.body(body)...)
	}
	for len(lines) < m.h {
		lines = append(lines, "")
	}
	return strings.Join(lines[:m.h], "\n")
}

// inputLine is the keyword input; while it has no focus it cannot
// change but by a new value or width.
func (m *Model) inputLine() string {
	draw := func() string { return sanitize.Truncate(m.input.View(), m.w) }
	if m.input.Focused() {
		m.drawnInput = common.Kept{}
		return draw()
	}
	return m.drawnInput.Get(m.input.Value(), m.w, draw)
}

// queryLine says what the results are for.
func (m *Model) queryLine() string {
	if m.q.active() {
		return m.q.describe()
	}
	q := m.q
	parts := []string{"sort: " + sortOptions()[q.sort].label}
	if p := q.priceRange(); p != "" {
		parts = append(parts, p)
	}
	for _, f := range filterOptions() {
		if q.filters[f.code] {
			parts = append(parts, f.label)
		}
	}
	return strings.Join(parts, " · ")
}

// body is everything under the query line: the table and its count line,
// or the state that stands in for it.
func (m *Model) body(h int) []string {
	s := m.c.Styles
	wrap := func(text string) []string {
		return strings.Split(s.App.Width(m.w).Render(text), "\n")
	}
	switch m.state {
	case idle:
		if !m.input.Focused() {
			return wrap("Press / and type a keyword in Chinese or English (连衣裙, phone case), then enter. Browse categories or search by picture: the keys are below.")
		}
		return wrap("Type a keyword in Chinese or English (连衣裙, phone case) and press enter. Browse categories or search by picture: the keys are below.")
	case loading:
		return []string{sanitize.Truncate(m.spinnerView()+" Searching "+m.q.subject()+"…", m.w)}
	case failed:
		out := strings.Split(s.StatusError.Width(m.w).Render("Search failed: "+sanitize.Line(m.err.Error())), "\n")
		advice := xport.Hint(m.err)
		if advice != "" {
			advice += " "
		}
		return append(out, wrap(advice+"Press "+m.keyName(keys.Retry)+" to try again.")...)
	}
	if len(m.results.rows) == 0 {
		if m.skipped > 0 {
			return wrap(m.skippedText() + " " + m.q.emptyText())
		}
		return wrap(m.q.emptyText())
	}
	out := make([]string, 0, h)
	out = append(out, m.results.header(s))
	out = append(out, m.results.view(s)...)
	for len(out) < h-1 {
		out = append(out, "")
	}
	return append(out, sanitize.Truncate(m.countLine(), m.w))
}

// countLine says where the cursor is in the results and whether more are
// coming.
func (m *Model) countLine() string {
	s := m.c.Styles
	n := len(m.results.rows)
	text := itoa(m.results.cursor+1) + " of " + count(int64(n))
	if m.total > n {
		text += " loaded, " + count(int64(m.total)) + " found"
	} else {
		text += " offers"
	}
	// Last, so a narrow screen cuts it before the state and the retry key.
	skipped := ""
	if m.skipped > 0 {
		skipped = " · " + count(int64(m.skipped)) + " unreadable results not shown"
		if m.skipped == 1 {
			skipped = " · 1 unreadable result not shown"
		}
	}
	switch {
	case m.more:
		text += " · " + m.spinnerView() + " loading more"
	case m.moreErr != nil:
		return s.Muted.Render(text) + " " + s.StatusError.Render("· could not load more; press "+m.keyName(keys.Retry)+" to retry") + s.Muted.Render(skipped)
	case !m.hasMore() && n > 0:
		text += " · end of results"
	}
	return s.Muted.Render(text + skipped)
}

// skippedText says how many results were left out because they could not
// be read, so an empty list is not mistaken for no results.
func (m *Model) skippedText() string {
	if m.skipped == 1 {
		return "1 result could not be read and is not shown."
	}
	return count(int64(m.skipped)) + " results could not be read and are not shown."
}

// keyName is the first key of an action as help shows it, so text that
// names a key follows the agent's remapping.
func (m *Model) keyName(a keys.Action) string { return m.c.Keys.Get(a).Help().Key }
