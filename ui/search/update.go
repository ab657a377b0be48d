package search

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"caigou/ui/common"
	"caigou/ui/detail"
	"caigou/ui/keys"
	"caigou/ui/listpick"
	"caigou/ui/offerlink"
	"caigou/ui/sanitize"
	"caigou/ui/sourcing"
	"caigou/xport"

	tea "github.com/charmbracelet/bubbletea"
)

// Update implements common.Page.
func (m *Model) Update(msg tea.Msg) (common.Page, tea.Cmd) {
	switch msg := msg.(type) {
	case historyMsg:
		if msg.Page != m.id {
			return m, nil
		}
		return m, m.onHistory(msg)
	case resultsMsg:
		return m, m.onResults(msg)
	case categoryMsg:
		return m, m.onCategory(msg)
	case imageMsg:
		return m, m.onImage(msg)
	case spinTick:
		return m, m.onTick(msg)
	case tea.KeyMsg:
		return m, m.onKey(msg)
	}
	return m, nil
}

func (m *Model) onKey(msg tea.KeyMsg) tea.Cmd {
	switch m.overlay {
	case filterOverlay:
		return m.filterKey(msg)
	case categoryOverlay:
		return m.categoryKey(msg)
	case imageOverlay:
		return m.imageKey(msg)
	}
	if m.input.Focused() {
		return m.inputKey(msg)
	}
	return m.browseKey(msg)
}

// inputKey handles keys while the keyword input has focus. Printable keys
// are always text, whatever they are bound to elsewhere: "k" is a letter
// here, not "up".
func (m *Model) inputKey(msg tea.KeyMsg) tea.Cmd {
	km := m.c.Keys
	if msg.Type == tea.KeyRunes && string(msg.Runes) == "/" && m.input.Value() == "" {
		// The / that opened the box, pressed twice or typed by habit: no
		// keyword starts with it, and searching "/手机壳" finds nothing.
		return nil
	}
	if msg.Type != tea.KeyRunes && msg.Type != tea.KeySpace {
		switch {
		case km.Matches(msg, keys.Open):
			return m.submit()
		case km.Matches(msg, keys.Back), msg.Type == tea.KeyTab:
			m.input.Blur()
			m.histPos = len(m.history)
			return nil
		case km.Matches(msg, keys.Up):
			m.walkHistory(-1)
			return nil
		case km.Matches(msg, keys.Down):
			m.walkHistory(+1)
			return nil
		}
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return cmd
}

// maxKeyword is the longest keyword 1688 takes, in characters; the
// service refuses a longer one (and so does the sandbox).
const maxKeyword = 100

// maxKeywordInput bounds what the input holds: a pasted page lands whole,
// so submit can say how long it was, but not a pasted file.
const maxKeywordInput = 100_000

// submit runs the typed keyword as a new query, keeping sort and filters.
// The keyword is cleaned as a paste from a chat or a spreadsheet needs
// (control characters, bidi overrides, runs of spaces). An empty one calls
// nothing; one over maxKeyword characters is cut to that, at a word
// boundary when there is one near, and the status line says so: a long
// paste is almost always a title copied whole, and its first words are
// what find it.
func (m *Model) submit() tea.Cmd {
	if id, ok := offerlink.ID(sanitize.Line(m.input.Value())); ok {
		// A product link or id pasted from a chat: the agent has the
		// product already, and a keyword search for it finds nothing.
		m.input.SetValue("")
		m.input.Blur()
		return tea.Batch(common.Push(detail.New(m.c, xport.Offer{OfferID: xport.ID(id)})),
			common.Status(common.Info, "Opening offer "+id+" from the pasted link."))
	}
	kw := sanitize.Line(m.input.Value())
	if kw == "" {
		return common.Status(common.Warn, "Type a keyword first, in Chinese or English (连衣裙, phone case).")
	}
	var note tea.Cmd
	if n := utf8.RuneCountInString(kw); n > maxKeyword {
		cut := cutKeyword(kw, maxKeyword)
		if m.longAsked != kw {
			// Never cut silently, and nothing searched until the agent
			// decides: a pasted title may hold the words that matter at its
			// end. The same enter again searches the cut.
			m.longAsked = kw
			more := ""
			if n >= maxKeywordInput {
				more = "at least "
			}
			return common.Status(common.Warn, fmt.Sprintf("The keyword is %s%d characters, %d more than the %d 1688 takes. Shorten it (ctrl+u clears), or press %s again to search its first %d: “%s”.",
				more, n, n-maxKeyword, maxKeyword, m.c.Keys.Get(keys.Open).Help().Key, utf8.RuneCountInString(cut), cut))
		}
		kw = cut
		note = common.Status(common.Info, fmt.Sprintf("Searching the first %d characters of the %d you pasted.", utf8.RuneCountInString(kw), n))
	}
	m.longAsked = ""
	if kw != m.input.Value() {
		m.input.SetValue(kw)
	}
	keep := m.remember(kw)
	m.input.Blur()
	q := m.q
	q.kind = byKeyword
	q.keyword = kw
	q.image = picture{}
	q.categoryID, q.categoryName = "", ""
	return tea.Batch(m.newQuery(q), note, keep)
}

// cutKeyword shortens kw to at most n characters, at the last space in
// the second half when there is one, so no word is cut in two.
func cutKeyword(kw string, n int) string {
	rs := []rune(kw)
	if len(rs) <= n {
		return kw
	}
	cut := rs[:n]
	if rs[n] != ' ' {
		for i := n - 1; i >= n/2; i-- {
			if cut[i] == ' ' {
				cut = cut[:i]
				break
			}
		}
	}
	return strings.TrimSpace(string(cut))
}

// remember adds a keyword to the history, most recent last, without
// repeating the one before it, and returns the command that keeps it for
// the next sessions. A failure to keep it is logged, not shown: the
// search itself went ahead.
func (m *Model) remember(kw string) tea.Cmd {
	if n := len(m.history); n == 0 || m.history[n-1] != kw {
		m.history = append(m.history, kw)
	}
	m.histPos = len(m.history)
	m.histDraft = ""
	h, ctx, log := m.c.History, m.c.Ctx, m.c.Log
	if h == nil {
		return nil
	}
	return func() tea.Msg {
		if err := h.Remember(ctx, kw); err != nil {
			log.Warn("search history not saved", "err", err)
		}
		return nil
	}
}

// walkHistory moves through earlier keywords; past the newest it gives
// back what was being typed.
func (m *Model) walkHistory(d int) {
	if len(m.history) == 0 {
		return
	}
	if m.histPos == len(m.history) {
		m.histDraft = m.input.Value()
	}
	p := m.histPos + d
	if p < 0 || p > len(m.history) {
		return
	}
	m.histPos = p
	if p == len(m.history) {
		m.input.SetValue(m.histDraft)
	} else {
		m.input.SetValue(m.history[p])
	}
	m.input.CursorEnd()
}

// focusInput opens the keyword box as it was left: holding the keyword
// searched (submit puts it there), to refine it, or what was typed before
// tab or esc; ctrl+u clears it and the keywords before are ↑ away.
func (m *Model) focusInput() tea.Cmd {
	m.overlay = noOverlay
	m.input.CursorEnd()
	m.histPos = len(m.history)
	return m.input.Focus()
}

func (m *Model) browseKey(msg tea.KeyMsg) tea.Cmd {
	km := m.c.Keys
	t := &m.results
	switch {
	case km.Matches(msg, keys.Search):
		return m.focusInput()
	case km.Matches(msg, keys.Up):
		t.move(-1)
	case km.Matches(msg, keys.Down):
		t.move(1)
		return m.prefetch()
	case km.Matches(msg, keys.PageUp):
		t.move(-t.height)
	case km.Matches(msg, keys.PageDown):
		t.move(t.height)
		return m.prefetch()
	case km.Matches(msg, keys.Top):
		t.top()
	case km.Matches(msg, keys.Bottom):
		t.bottom()
		return m.prefetch()
	case km.Matches(msg, keys.Open):
		return m.openSelected()
	case km.Matches(msg, keys.Candidate):
		return m.addToList()
	case km.Matches(msg, keys.Sort):
		return m.cycleSort()
	case km.Matches(msg, keys.Filter):
		m.openFilters()
	case km.Matches(msg, keys.Categories):
		return m.openCategories()
	case km.Matches(msg, keys.Image):
		m.openImage()
	case km.Matches(msg, keys.Language):
		t.toggleLanguage()
		return m.keepLooks(m.q)
	case km.Matches(msg, keys.Retry):
		return m.retry()
	}
	return nil
}

// cycleSort moves to the next sort order and runs the query again: a sort
// is the service's, not a reordering of the rows already loaded.
func (m *Model) cycleSort() tea.Cmd {
	q := m.q
	q.sort = (q.sort + 1) % len(sortOptions())
	label := "Sort: " + sortOptions()[q.sort].label
	if !q.active() {
		m.q.sort = q.sort
		return tea.Batch(common.Status(common.Info, label+" (for the next search)"), m.keepLooks(q))
	}
	return tea.Batch(m.newQuery(q), common.Status(common.Info, label), m.keepLooks(q))
}

func itoa(n int) string { return strconv.Itoa(n) }

// addToList keeps the result under the cursor as a candidate of an item
// of a sourcing list; its SKU is chosen on the product page, or in the
// comparison.
func (m *Model) addToList() tea.Cmd {
	o, ok := m.Selected()
	if !ok {
		return common.Status(common.Info, "Search first: "+m.c.Keys.Get(keys.Candidate).Help().Key+" adds the result under the cursor to a sourcing list.")
	}
	title := string(o.Subject)
	if title == "" {
		title = string(o.SubjectTrans)
	}
	return listpick.Open(m.c, listpick.Offer{
		Candidate: sourcing.Candidate{OfferID: string(o.OfferID), Info: sourcing.Info{Title: title, Repurchase: sanitize.Line(string(o.RepurchaseRate))}},
		MOQ:       int64(o.MinOrderQuantity),
	})
}

// openSelected opens the product page of the result under the cursor.
func (m *Model) openSelected() tea.Cmd {
	if o, ok := m.Selected(); ok {
		return common.Push(detail.New(m.c, o))
	}
	return nil
}
