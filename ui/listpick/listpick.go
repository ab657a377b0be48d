// Package listpick is the small picker that adds an offer to a sourcing
// list as a candidate of one of its items: C on a search result or a
// product page. It chooses (or makes) the list, then the item, then adds,
// and goes back where it was opened.
package listpick

import (
	"context"
	"fmt"
	"strings"

	"caigou/ui/common"
	"caigou/ui/keys"
	"caigou/ui/pricing"
	"caigou/ui/sanitize"
	"caigou/ui/sourcing"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// Offer is what the page that opens the picker knows of the offer.
type Offer struct {
	sourcing.Candidate
	// MOQ is the offer's minimum order, the target a new item starts
	// with when nothing better is known (0: unknown).
	MOQ int64
}

// stage is what the picker is choosing.
type stage int

const (
	chooseList stage = iota
	chooseItem
)

// typing is what the text box, when open, asks for.
type typing int

const (
	notTyping typing = iota
	typingList
	typingItemName
	typingItemTarget
)

// Page is the picker.
type Page struct {
	c      *common.Common
	id     int
	req    *common.Requests
	offer  Offer
	stage  stage
	lists  []sourcing.List
	items  []sourcing.Item
	list   sourcing.List // chosen at the first stage
	cursor int
	w, h   int
	loaded bool
	err    error
	in     textinput.Model
	typing typing
	// newName is the new list's or item's name, while its target is
	// typed and until it is made.
	newName string
	busy    bool
}

// New opens the picker for offer.
func New(c *common.Common, offer Offer) *Page {
	p := &Page{c: c, id: c.NextID(), req: common.NewRequests(c.Ctx), offer: offer}
	in := textinput.New()
	in.Cursor.SetMode(cursor.CursorStatic)
	in.Prompt = ""
	in.CharLimit = 20_000 // a paste lands whole; its length is checked
	p.in = in
	return p
}

// Open is the command a page runs on C: the picker, or a word when there
// is nowhere to keep lists.
func Open(c *common.Common, offer Offer) tea.Cmd {
	if c.Sourcing == nil {
		return common.Status(common.Warn, "Sourcing lists are kept in the state database, which could not be opened (see the start-up message in the log, L).")
	}
	if offer.OfferID == "" {
		return common.Status(common.Warn, "This offer has no id to keep in a list.")
	}
	return common.Push(New(c, offer))
}

type listsLoaded struct {
	common.Reply
	lists []sourcing.List
	err   error
}

type itemsLoaded struct {
	common.Reply
	items []sourcing.Item
	err   error
}

type done struct {
	common.Reply
	status string
	err    error
	// reload is the stage to read again after a change (a new list or
	// item), with the cursor on id.
	reload bool
	id     int64
}

func (p *Page) ID() int       { return p.id }
func (p *Page) Title() string { return "Add to a list" }
func (p *Page) Close()        { p.req.Close() }
func (p *Page) Init() tea.Cmd { return p.loadLists() }
func (p *Page) SetSize(w, h int) {
	p.w, p.h = w, h
	p.in.Width = max(w-30, 10)
}
func (p *Page) CapturesInput() bool { return p.typing != notTyping }

func (p *Page) ShortHelp() []key.Binding {
	k := p.c.Keys
	if p.typing != notTyping {
		return []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp(k.Get(keys.Open).Help().Key, "ok")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp(k.Get(keys.Back).Help().Key, "cancel")),
		}
	}
	what := "choose this list"
	if p.stage == chooseItem {
		what = "add to this item"
	}
	return []key.Binding{
		key.NewBinding(key.WithKeys("enter"), key.WithHelp(k.Get(keys.Open).Help().Key, what)),
		k.Get(keys.AddNew),
		k.Get(keys.Up), k.Get(keys.Down),
		key.NewBinding(key.WithKeys("esc"), key.WithHelp(k.Get(keys.Back).Help().Key, "back")),
	}
}

func (p *Page) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }

func (p *Page) loadLists() tea.Cmd {
	ctx, seq := p.req.Start("load")
	st, r := p.c.Sourcing, common.Reply{Page: p.id, Seq: seq}
	return func() tea.Msg {
		ls, err := st.Lists(ctx, false)
		return listsLoaded{Reply: r, lists: ls, err: err}
	}
}

func (p *Page) loadItems() tea.Cmd {
	ctx, seq := p.req.Start("load")
	st, r, id := p.c.Sourcing, common.Reply{Page: p.id, Seq: seq}, p.list.ID
	return func() tea.Msg {
		items, err := st.Items(ctx, id)
		return itemsLoaded{Reply: r, items: items, err: err}
	}
}

func (p *Page) Update(msg tea.Msg) (common.Page, tea.Cmd) {
	switch msg := msg.(type) {
	case listsLoaded:
		if !p.req.Current("load", msg.Seq) {
			return p, nil
		}
		p.req.Done("load", msg.Seq)
		p.lists, p.err, p.loaded = msg.lists, msg.err, true
		if p.cursor == 0 && len(p.lists) > 0 {
			// On the list changed last: the client being worked on.
			p.cursor = 1
		}
		p.clamp()
		if msg.err != nil {
			return p, common.Error("Reading the sourcing lists", msg.err)
		}
	case itemsLoaded:
		if !p.req.Current("load", msg.Seq) {
			return p, nil
		}
		p.req.Done("load", msg.Seq)
		p.items, p.err, p.loaded = msg.items, msg.err, true
		p.clamp()
		if msg.err != nil {
			return p, common.Error("Reading the list's items", msg.err)
		}
	case done:
		return p, p.onDone(msg)
	case tea.KeyMsg:
		return p, p.key(msg)
	}
	return p, nil
}

// rows is what the list shows: the lists or items after the "new" row.
func (p *Page) rows() int {
	if p.stage == chooseList {
		return len(p.lists) + 1
	}
	return len(p.items) + 1
}

func (p *Page) clamp() { p.cursor = max(0, min(p.cursor, p.rows()-1)) }

func (p *Page) key(msg tea.KeyMsg) tea.Cmd {
	k := p.c.Keys
	if p.typing != notTyping {
		return p.typed(msg)
	}
	if p.busy {
		return nil
	}
	switch {
	case k.Matches(msg, keys.Back):
		if p.stage == chooseItem {
			p.stage, p.cursor, p.loaded = chooseList, p.indexOfList(p.list.ID)+1, false
			return p.loadLists()
		}
		return common.Pop()
	case k.Matches(msg, keys.Up):
		p.cursor--
		p.clamp()
	case k.Matches(msg, keys.Down):
		p.cursor++
		p.clamp()
	case k.Matches(msg, keys.Top):
		p.cursor = 0
	case k.Matches(msg, keys.Bottom):
		p.cursor = p.rows() - 1
	case k.Matches(msg, keys.AddNew):
		return p.startNew()
	case k.Matches(msg, keys.Open):
		if !p.loaded {
			return nil
		}
		if p.cursor == 0 {
			return p.startNew()
		}
		if p.stage == chooseList {
			p.list = p.lists[p.cursor-1]
			p.stage, p.cursor, p.loaded, p.items = chooseItem, 1, false, nil
			return p.loadItems()
		}
		return p.add(p.items[p.cursor-1])
	}
	return nil
}

func (p *Page) indexOfList(id int64) int {
	for i, l := range p.lists {
		if l.ID == id {
			return i
		}
	}
	return 0
}

// startNew opens the text box for a new list or a new item.
func (p *Page) startNew() tea.Cmd {
	if p.stage == chooseList {
		return p.ask(typingList, "")
	}
	// An item is usually named for what the client wants; the offer's
	// title is a start the agent edits.
	return p.ask(typingItemName, firstWords(p.offer.Info.Title, 30))
}

func (p *Page) ask(t typing, value string) tea.Cmd {
	p.typing = t
	p.in.SetValue(value)
	p.in.CursorEnd()
	return p.in.Focus()
}

func (p *Page) label() string {
	switch p.typing {
	case typingList:
		return "New list's name: "
	case typingItemName:
		return "New item's name: "
	case typingItemTarget:
		return "Pieces the client wants: "
	}
	return ""
}

func (p *Page) typed(msg tea.KeyMsg) tea.Cmd {
	k := p.c.Keys
	switch {
	case k.Matches(msg, keys.Back):
		p.typing = notTyping
		p.in.Blur()
		return nil
	case k.Matches(msg, keys.Open):
		text := strings.TrimSpace(p.in.Value())
		switch p.typing {
		case typingList:
			p.stop()
			p.newName = text
			return p.run("new list", func(ctx context.Context, st *sourcing.Store) (string, int64, error) {
				id, err := st.CreateList(ctx, text)
				return "Made the list «" + sanitize.Line(text) + "».", id, err
			})
		case typingItemName:
			if text == "" {
				return common.Status(common.Warn, "Type the item's name (what the client asked for), or esc.")
			}
			p.newName = text
			target := ""
			if p.offer.MOQ > 0 {
				target = fmt.Sprint(p.offer.MOQ)
			}
			return p.ask(typingItemTarget, target)
		case typingItemTarget:
			q, err := pricing.ParseQuantity(text)
			if err != nil || q <= 0 {
				return common.Status(common.Warn, "Type how many pieces the client wants, like 500.")
			}
			p.stop()
			name, list := p.newName, p.list.ID
			return p.run("new item", func(ctx context.Context, st *sourcing.Store) (string, int64, error) {
				id, err := st.AddItem(ctx, list, name, q, "")
				return "Added the item «" + sanitize.Line(name) + "», " + pricing.Count(q) + " pieces.", id, err
			})
		}
	}
	var cmd tea.Cmd
	p.in, cmd = p.in.Update(msg)
	return cmd
}

func (p *Page) stop() {
	p.typing = notTyping
	p.in.Blur()
}

// run makes a change in a command; the stage is read again after it.
func (p *Page) run(what string, fn func(context.Context, *sourcing.Store) (string, int64, error)) tea.Cmd {
	p.busy = true
	ctx, seq := p.req.Start("change")
	st, r := p.c.Sourcing, common.Reply{Page: p.id, Seq: seq}
	return func() tea.Msg {
		status, id, err := fn(ctx, st)
		return done{Reply: r, status: status, err: err, reload: true, id: id}
	}
}

// add keeps the offer as a candidate of item, and goes back.
func (p *Page) add(item sourcing.Item) tea.Cmd {
	p.busy = true
	ctx, seq := p.req.Start("change")
	st, r, c := p.c.Sourcing, common.Reply{Page: p.id, Seq: seq}, p.offer.Candidate
	where := sanitize.Line(p.list.Name) + " › " + sanitize.Line(item.Name)
	n := len(item.Candidates)
	return func() tea.Msg {
		added, err := st.AddCandidate(ctx, item.ID, c)
		status := "Already a candidate of " + where + "."
		if added {
			status = fmt.Sprintf("Added to %s: %s now.", where, plural(n+1, "candidate"))
		}
		return done{Reply: r, status: status, err: err}
	}
}

func (p *Page) onDone(msg done) tea.Cmd {
	if !p.req.Current("change", msg.Seq) {
		return nil
	}
	p.req.Done("change", msg.Seq)
	p.busy = false
	if msg.err != nil {
		return common.Error("Changing the sourcing list", msg.err)
	}
	if !msg.reload {
		return tea.Sequence(common.Pop(), common.Status(common.OK, msg.status))
	}
	// A new list opens at once: its first item is the next thing to make.
	if p.stage == chooseList {
		p.list = sourcing.List{ID: msg.id, Name: p.newName}
		p.stage, p.cursor, p.loaded, p.items = chooseItem, 0, false, nil
		return tea.Batch(p.loadItems(), common.Status(common.OK, msg.status))
	}
	// A new item is where the offer goes: add it there.
	return tea.Batch(p.add(sourcing.Item{ID: msg.id, Name: p.newName}), common.Status(common.OK, msg.status))
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprint(n) + " " + word + "s"
}

// firstWords cuts a title at about n characters, at a space when there is
// one, as a starting name.
func firstWords(s string, n int) string {
	s = sanitize.Line(s)
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndex(cut, " "); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimSpace(cut)
}

func (p *Page) View() string {
	if p.w <= 0 || p.h <= 0 {
		return ""
	}
	s := p.c.Styles
	title := sanitize.Line(p.offer.Info.Title)
	if p.offer.Info.SKU != "" {
		title += " · " + sanitize.Line(p.offer.Info.SKU)
	}
	out := []string{s.Bold.Render(sanitize.Truncate("Add to a sourcing list: "+title, p.w))}
	if p.stage == chooseList {
		out = append(out, s.Muted.Render(sanitize.Truncate("Which list? The client's list this offer is a candidate for.", p.w)), "")
	} else {
		out = append(out, s.Muted.Render(sanitize.Truncate("List «"+sanitize.Line(p.list.Name)+"» — which item is it a candidate for?", p.w)), "")
	}
	rows := []string{}
	if p.stage == chooseList {
		rows = append(rows, "＋ New list…")
		for _, l := range p.lists {
			rows = append(rows, sanitize.Line(l.Name)+"  "+s.Muted.Render(plural(l.Items, "item")))
		}
	} else {
		rows = append(rows, "＋ New item…")
		for _, it := range p.items {
			rows = append(rows, sanitize.Line(it.Name)+"  "+s.Muted.Render(pricing.Count(it.Target)+" pcs · "+plural(len(it.Candidates), "candidate")))
		}
	}
	if !p.loaded {
		rows = []string{"Loading…"}
	}
	room := max(p.h-len(out)-2, 1)
	top := max(0, min(p.cursor-room+1, len(rows)-room))
	for i := top; i < len(rows) && i < top+room; i++ {
		line := "  " + rows[i]
		if i == p.cursor && p.loaded {
			line = s.Selected.Render("▶ " + rows[i])
		}
		out = append(out, sanitize.Truncate(line, p.w))
	}
	if p.typing != notTyping {
		out = append(out, "", sanitize.Truncate(p.label()+p.in.View(), p.w))
	}
	if len(out) > p.h {
		out = out[:p.h]
	}
	return strings.Join(out, "\n")
}
