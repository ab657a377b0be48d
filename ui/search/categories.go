package search

import (
	"caigou/ui/common"
	"caigou/ui/keys"
	"caigou/ui/sanitize"
	"caigou/ui/theme"
	"caigou/xport"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// rootCategory is the id the service takes for the top of the tree.
const rootCategory = "0"

// categoryBrowser walks 1688's three-level category tree. Nodes are kept
// once loaded: the tree changes rarely and going back up should be
// instant.
type categoryBrowser struct {
	cache   map[string]*xport.Category
	path    []crumb // the nodes descended into, from the top
	cursor  int
	loading bool
	err     error
}

// crumb is a node on the way down, with the cursor to restore on the way
// back up.
type crumb struct {
	id, name string
	cursor   int
}

// categoryMsg is one node with its children.
type categoryMsg struct {
	common.Reply
	id  string
	cat *xport.Category
	err error
}

func newCategoryBrowser() *categoryBrowser {
	return &categoryBrowser{cache: map[string]*xport.Category{}}
}

func (b *categoryBrowser) current() string {
	if len(b.path) == 0 {
		return rootCategory
	}
	return b.path[len(b.path)-1].id
}

func (b *categoryBrowser) children() []xport.Category {
	if n := b.cache[b.current()]; n != nil {
		return n.Children
	}
	return nil
}

func (b *categoryBrowser) highlighted() (xport.Category, bool) {
	ch := b.children()
	if b.cursor < 0 || b.cursor >= len(ch) {
		return xport.Category{}, false
	}
	return ch[b.cursor], true
}

// categoryName is how a category reads on screen: the Chinese name an
// agent will see on 1688 and the translation next to it.
func categoryName(c xport.Category) string {
	zh := sanitize.Line(string(c.ChineseName))
	en := sanitize.Line(string(c.TranslatedName))
	switch {
	case zh == "":
		return en
	case en == "" || en == zh:
		return zh
	}
	return zh + " " + en
}

func isLeaf(c xport.Category) bool { return bool(c.Leaf) || c.Level >= 3 }

func (m *Model) openCategories() tea.Cmd {
	m.overlay = categoryOverlay
	if m.cats.cache[m.cats.current()] == nil {
		return m.loadCategory(m.cats.current())
	}
	return nil
}

func (m *Model) loadCategory(id string) tea.Cmd {
	ctx, seq := m.req.Start(reqCategory)
	m.cats.loading = true
	m.cats.err = nil
	client := marketOf(m.c)
	reply := common.Reply{Page: m.id, Seq: seq}
	return tea.Batch(func() tea.Msg {
		cat, err := client.Category(ctx, id)
		return categoryMsg{Reply: reply, id: id, cat: cat, err: err}
	}, m.startSpin())
}

func (m *Model) onCategory(msg categoryMsg) tea.Cmd {
	if !m.req.Current(reqCategory, msg.Seq) {
		return nil
	}
	m.req.Done(reqCategory, msg.Seq)
	b := m.cats
	b.loading = false
	if msg.err != nil {
		b.err = msg.err
		return common.Error("Loading categories", msg.err)
	}
	if msg.cat == nil {
		msg.cat = &xport.Category{}
	}
	b.cache[msg.id] = msg.cat
	for i := range msg.cat.Children {
		if ch := &msg.cat.Children[i]; len(ch.Children) > 0 {
			b.cache[string(ch.CategoryID)] = ch
		}
	}
	b.cursor = min(b.cursor, max(len(msg.cat.Children)-1, 0))
	return nil
}

func (m *Model) categoryKey(msg tea.KeyMsg) tea.Cmd {
	b := m.cats
	km := m.c.Keys
	n := len(b.children())
	switch {
	case km.Matches(msg, keys.Back), km.Matches(msg, keys.Left):
		if len(b.path) == 0 {
			m.overlay = noOverlay
			return nil
		}
		last := b.path[len(b.path)-1]
		b.path = b.path[:len(b.path)-1]
		b.cursor = last.cursor
		b.err = nil
		if b.cache[b.current()] == nil {
			return m.loadCategory(b.current())
		}
		// A load of the node just left must not land here.
		m.req.Start(reqCategory)
		b.loading = false
	case km.Matches(msg, keys.Categories):
		m.overlay = noOverlay
	case km.Matches(msg, keys.Up):
		b.cursor = max(b.cursor-1, 0)
	case km.Matches(msg, keys.Down):
		b.cursor = min(b.cursor+1, max(n-1, 0))
	case km.Matches(msg, keys.PageUp):
		b.cursor = max(b.cursor-10, 0)
	case km.Matches(msg, keys.PageDown):
		b.cursor = min(b.cursor+10, max(n-1, 0))
	case km.Matches(msg, keys.Top):
		b.cursor = 0
	case km.Matches(msg, keys.Bottom):
		b.cursor = max(n-1, 0)
	case km.Matches(msg, keys.Open), km.Matches(msg, keys.Right):
		c, ok := b.highlighted()
		if !ok || b.loading {
			return nil
		}
		if isLeaf(c) {
			return m.searchCategory(c)
		}
		b.path = append(b.path, crumb{id: string(c.CategoryID), name: categoryName(c), cursor: b.cursor})
		b.cursor = 0
		if b.cache[b.current()] == nil {
			return m.loadCategory(b.current())
		}
	case km.Matches(msg, keys.Search):
		if c, ok := b.highlighted(); ok {
			return m.searchCategory(c)
		}
	case km.Matches(msg, keys.Retry):
		if b.err != nil {
			return m.loadCategory(b.current())
		}
	}
	return nil
}

// searchCategory lists a category's offers, keeping sort, price and
// filters.
func (m *Model) searchCategory(c xport.Category) tea.Cmd {
	m.overlay = noOverlay
	// The input would otherwise show a keyword these results are not for.
	m.input.Blur()
	m.input.SetValue("")
	q := m.q
	q.kind = byCategory
	q.keyword = ""
	q.image = picture{}
	q.categoryID = string(c.CategoryID)
	q.categoryName = categoryName(c)
	return m.newQuery(q)
}

// view draws the browser in at most h lines.
func (b *categoryBrowser) view(s *theme.Styles, spin string, w, h int) []string {
	trail := "All categories"
	for _, c := range b.path {
		trail += " / " + c.name
	}
	out := []string{s.Title.Render("Categories") + " " + s.Muted.Render(trail)}
	switch {
	case b.loading:
		out = append(out, spin+" Loading categories…")
	case b.err != nil:
		out = append(out, s.StatusError.Render("Could not load the categories: "+sanitize.Line(b.err.Error())))
	default:
		ch := b.children()
		if len(ch) == 0 {
			out = append(out, s.Muted.Render("No subcategories here."))
		}
		rows := max(h-1, 0)
		start := window(len(ch), b.cursor, rows)
		for i := start; i < len(ch) && i < start+rows; i++ {
			name := categoryName(ch[i])
			if !isLeaf(ch[i]) {
				name += " >"
			}
			if i == b.cursor {
				out = append(out, s.Selected.Render(sanitize.Pad("> "+name, w)))
			} else {
				out = append(out, "  "+name)
			}
		}
	}
	for i := range out {
		out[i] = sanitize.Truncate(out[i], w)
	}
	if len(out) > h {
		out = out[:max(h, 0)]
	}
	return out
}

// categoryHelp is the browser's keys, from the session's bindings.
func (m *Model) categoryHelp() []key.Binding {
	km := m.c.Keys
	open := km.Get(keys.Open)
	open.SetHelp(open.Help().Key, "open")
	search := km.Get(keys.Search)
	search.SetHelp(search.Help().Key, "search this category")
	back := km.Get(keys.Back)
	back.SetHelp(back.Help().Key, "up")
	return []key.Binding{km.Get(keys.Up), km.Get(keys.Down), open, search, back}
}
