package search

import (
	"errors"
	"fmt"
	"strings"

	"caigou/ui/common"
	"caigou/ui/keys"
	"caigou/ui/sanitize"
	"caigou/ui/theme"
	"caigou/xport"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// filterPanel edits price bounds and filter codes. Nothing changes in the
// query until the agent applies, and a bad price changes nothing at all.
type filterPanel struct {
	min, max textinput.Model
	on       map[string]bool
	focus    int // see the field* constants, then one per filter, then apply and clear
	err      string
}

const (
	fieldMin = iota
	fieldMax
	fieldFirstToggle
)

func (p *filterPanel) toggles() int     { return len(filterOptions()) }
func (p *filterPanel) applyRow() int    { return fieldFirstToggle + p.toggles() }
func (p *filterPanel) clearRow() int    { return p.applyRow() + 1 }
func (p *filterPanel) rows() int        { return p.clearRow() + 1 }
func (p *filterPanel) typing() bool     { return p.focus == fieldMin || p.focus == fieldMax }
func (p *filterPanel) setWidth(w int)   { p.min.Width = min(16, max(w-30, 4)); p.max.Width = p.min.Width }
func (p *filterPanel) toggleIndex() int { return p.focus - fieldFirstToggle }

func (m *Model) openFilters() {
	p := &filterPanel{on: map[string]bool{}}
	p.min = m.newInput("", "any")
	p.max = m.newInput("", "any")
	p.min.CharLimit, p.max.CharLimit = 16, 16
	if m.q.priceMin > 0 {
		p.min.SetValue(m.q.priceMin.Yuan())
	}
	if m.q.priceMax > 0 {
		p.max.SetValue(m.q.priceMax.Yuan())
	}
	for k, v := range m.q.filters {
		p.on[k] = v
	}
	p.setWidth(m.w)
	p.focusField(fieldMin)
	m.filters = p
	m.overlay = filterOverlay
}

func (p *filterPanel) focusField(f int) {
	p.focus = (f + p.rows()) % p.rows()
	p.min.Blur()
	p.max.Blur()
	switch p.focus {
	case fieldMin:
		p.min.Focus()
		p.min.CursorEnd()
	case fieldMax:
		p.max.Focus()
		p.max.CursorEnd()
	}
}

func (m *Model) filterKey(msg tea.KeyMsg) tea.Cmd {
	p := m.filters
	km := m.c.Keys
	// In a price field, printable keys are the price being typed.
	text := msg.Type == tea.KeyRunes || msg.Type == tea.KeySpace
	if p.typing() && text {
		return p.typeInto(msg)
	}
	switch {
	case km.Matches(msg, keys.Back):
		m.overlay = noOverlay
		m.filters = nil
		return nil
	case km.Matches(msg, keys.NextPane), km.Matches(msg, keys.Down):
		p.focusField(p.focus + 1)
		return nil
	case km.Matches(msg, keys.PrevPane), km.Matches(msg, keys.Up):
		p.focusField(p.focus - 1)
		return nil
	case km.Matches(msg, keys.Open):
		switch {
		case p.typing(), p.focus == p.applyRow():
			return m.applyFilters()
		case p.focus == p.clearRow():
			p.min.SetValue("")
			p.max.SetValue("")
			p.on = map[string]bool{}
			return m.applyFilters()
		default:
			code := filterOptions()[p.toggleIndex()].code
			p.on[code] = !p.on[code]
		}
		return nil
	case !p.typing() && km.Matches(msg, keys.Mark) && p.focus != p.applyRow() && p.focus != p.clearRow():
		// Space ticks a box, as in every form an agent has used.
		code := filterOptions()[p.toggleIndex()].code
		p.on[code] = !p.on[code]
		return nil
	case !p.typing() && km.Matches(msg, keys.Filter):
		return m.applyFilters()
	}
	if p.typing() {
		return p.typeInto(msg)
	}
	return nil
}

func (p *filterPanel) typeInto(msg tea.KeyMsg) tea.Cmd {
	p.err = ""
	if msg.Type == tea.KeyRunes || msg.Type == tea.KeySpace {
		// A price box takes a price: digits (full-width ones too, as a
		// Chinese keyboard types them) and one point. A letter is not
		// typed in: f used to land in Min price while the help said
		// "f apply".
		var keep []rune
		for _, r := range msg.Runes {
			switch {
			case r >= '0' && r <= '9', r == '.':
				keep = append(keep, r)
			case r >= '０' && r <= '９':
				keep = append(keep, '0'+(r-'０'))
			case r == '．' || r == '。':
				keep = append(keep, '.')
			}
		}
		if len(keep) == 0 {
			p.err = "A price is digits in yuan, e.g. 12.50; enter applies, tab moves on."
			return nil
		}
		msg = tea.KeyMsg{Type: tea.KeyRunes, Runes: keep}
	}
	var cmd tea.Cmd
	if p.focus == fieldMin {
		p.min, cmd = p.min.Update(msg)
	} else {
		p.max, cmd = p.max.Update(msg)
	}
	return cmd
}

// applyFilters checks the prices and, only if both are good, makes the
// edited filters the query's and runs it again.
func (m *Model) applyFilters() tea.Cmd {
	p := m.filters
	lo, hi, err := parsePriceRange(p.min.Value(), p.max.Value())
	if err != nil {
		p.err = err.Error()
		return nil
	}
	q := m.q.withFilters(p.on)
	q.priceMin, q.priceMax = lo, hi
	m.overlay = noOverlay
	m.filters = nil
	if !q.active() {
		m.q = q
		return tea.Batch(common.Status(common.Info, "Filters set for the next search."), m.keepLooks(q))
	}
	return tea.Batch(m.newQuery(q), m.keepLooks(q))
}

// parsePriceRange reads the bounds in yuan; empty means no bound. The
// errors say what to type instead.
func parsePriceRange(minText, maxText string) (xport.Fen, xport.Fen, error) {
	lo, err := parsePrice("Min price", minText)
	if err != nil {
		return 0, 0, err
	}
	hi, err := parsePrice("Max price", maxText)
	if err != nil {
		return 0, 0, err
	}
	if lo > 0 && hi > 0 && lo > hi {
		return 0, 0, fmt.Errorf("Min price ¥%s is above max price ¥%s: swap them or clear one.", lo.Yuan(), hi.Yuan())
	}
	return lo, hi, nil
}

func parsePrice(name, s string) (xport.Fen, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	f, err := xport.ParseYuan(s)
	if err != nil {
		shown := sanitize.Truncate(sanitize.Line(s), 20)
		if errors.Is(err, xport.ErrBadAmount) && strings.Contains(err.Error(), "decimals") {
			return 0, fmt.Errorf("%s “%s” has more than two decimals: prices are in yuan and fen, like 12.50.", name, shown)
		}
		return 0, fmt.Errorf("%s “%s” is not an amount: type yuan like 12 or 12.50, or leave it empty.", name, shown)
	}
	if f < 0 {
		return 0, fmt.Errorf("%s cannot be below zero: type yuan like 12 or 12.50, or leave it empty.", name)
	}
	return f, nil
}

// view draws the panel in at most h lines.
func (p *filterPanel) view(s *theme.Styles, w, h int) []string {
	var all []string
	mark := func(i int) string {
		if p.focus == i {
			return "> "
		}
		return "  "
	}
	all = append(all,
		mark(fieldMin)+"Min price ¥ "+p.min.View(),
		mark(fieldMax)+"Max price ¥ "+p.max.View(),
	)
	for i, f := range filterOptions() {
		box := "[ ] "
		if p.on[f.code] {
			box = "[x] "
		}
		line := mark(fieldFirstToggle+i) + box + f.label
		if p.focus == fieldFirstToggle+i {
			line = s.Bold.Render(line)
		}
		all = append(all, line)
	}
	apply := mark(p.applyRow()) + "[ Apply ]"
	clear := mark(p.clearRow()) + "[ Clear all ]"
	if p.focus == p.applyRow() {
		apply = s.Bold.Render(apply)
	}
	if p.focus == p.clearRow() {
		clear = s.Bold.Render(clear)
	}
	all = append(all, apply, clear)

	head := []string{s.Title.Render("Filters")}
	// The keys are in the footer's help, drawn from the bindings.
	var foot []string
	if p.err != "" {
		foot = strings.Split(s.StatusError.Width(max(w, 1)).Render("! "+p.err), "\n")
	}
	body := h - len(head) - len(foot)
	// Keep the field with focus in view when the panel is taller than the
	// page (at the smallest sizes).
	focusLine := p.focus
	start := window(len(all), focusLine, body)
	end := min(start+max(body, 0), len(all))
	out := append(head, all[start:end]...)
	out = append(out, foot...)
	for i := range out {
		out[i] = sanitize.Truncate(out[i], w)
	}
	if len(out) > h {
		out = out[:max(h, 0)]
	}
	return out
}

// window is the first item to show so that item cur is visible in a list
// of n items shown h at a time.
func window(n, cur, h int) int {
	if h <= 0 || n <= h {
		return 0
	}
	start := cur - h/2
	if start < 0 {
		start = 0
	}
	if start > n-h {
		start = n - h
	}
	return start
}
