package sourcingview

import (
	"context"
	"strings"

	"caigou/ui/common"
	"caigou/ui/keys"
	"caigou/ui/pricing"
	"caigou/ui/sanitize"
	"caigou/ui/sourcing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// What the prompt of the items page asks for: a new item is asked in
// three steps (name, target, note), an edit in the same three.
const (
	askItemName = iota + 1
	askItemTarget
	askItemNote
)

// Items is one list's items.
type Items struct {
	c      *common.Common
	id     int
	req    *common.Requests
	list   sourcing.List
	w, h   int
	items  []sourcing.Item
	loaded bool
	cursor int
	offset int
	prompt prompt
	// draft is the item being made or edited through the prompt's steps;
	// its ID is 0 for a new one.
	draft sourcing.Item
	// removed is the page's undo stack of deleted items.
	removed []sourcing.Item
	follow  int64
	// exporting: the figures for an export are being gathered.
	exporting bool
	// gen counts the readings of the items, for the kept drawings.
	gen   int
	drawn drawRows
}

// NewItems opens list l.
func NewItems(c *common.Common, l sourcing.List) *Items {
	return &Items{c: c, id: c.NextID(), req: common.NewRequests(c.Ctx), list: l, prompt: newPrompt()}
}

type itemsRead struct {
	common.Reply
	items []sourcing.Item
	err   error
}

func (p *Items) ID() int             { return p.id }
func (p *Items) Title() string       { return sanitize.Truncate(sanitize.Line(p.list.Name), 24) }
func (p *Items) Close()              { p.req.Close() }
func (p *Items) CapturesInput() bool { return p.prompt.open() }
func (p *Items) SetSize(w, h int)    { p.w, p.h = w, h; p.clamp() }
func (p *Items) Init() tea.Cmd       { return p.read() }

// Resume reads the items again: a candidate chosen in the comparison
// shows here.
func (p *Items) Resume() tea.Cmd { return p.read() }

func (p *Items) read() tea.Cmd {
	ctx, seq := p.req.Start("read")
	st, r, id := p.c.Sourcing, common.Reply{Page: p.id, Seq: seq}, p.list.ID
	return func() tea.Msg {
		items, err := st.Items(ctx, id)
		return itemsRead{Reply: r, items: items, err: err}
	}
}

func (p *Items) change(what string, fn storeFunc) tea.Cmd {
	return storeChange(p.req, p.id, p.c.Sourcing, what, fn)
}

func (p *Items) ShortHelp() []key.Binding {
	k := p.c.Keys
	if p.prompt.open() {
		return promptHelp(k, "ok")
	}
	out := []key.Binding{relabel(k.Get(keys.Open), "compare"), relabel(k.Get(keys.AddNew), "new item")}
	if len(p.items) > 0 {
		out = append(out, relabel(k.Get(keys.Rename), "edit"), relabel(k.Get(keys.Remove), "delete"))
	}
	return append(out, k.Get(keys.Back))
}

func (p *Items) FullHelp() [][]key.Binding {
	k := p.c.Keys
	return [][]key.Binding{
		{relabel(k.Get(keys.Export), "export with the comparison (XLSX, CSV)"), relabel(k.Get(keys.Open), "compare the candidates"), relabel(k.Get(keys.AddNew), "new item"), relabel(k.Get(keys.Rename), "edit name, quantity, note"),
			relabel(k.Get(keys.Remove), "delete the item"), relabel(k.Get(keys.Undo), "put the last deleted back")},
		k.Bindings(keys.Up, keys.Down, keys.PageUp, keys.PageDown, keys.Top, keys.Bottom, keys.Back),
	}
}

func (p *Items) Update(msg tea.Msg) (common.Page, tea.Cmd) {
	switch msg := msg.(type) {
	case itemsRead:
		if !p.req.Current("read", msg.Seq) {
			return p, nil
		}
		p.req.Done("read", msg.Seq)
		p.items, p.loaded = msg.items, true
		p.gen++
		p.cursor, p.follow = followed(p.items, func(it sourcing.Item) int64 { return it.ID }, p.follow, p.cursor), 0
		p.clamp()
		if msg.err != nil {
			return p, common.Error("Reading the list", msg.err)
		}
	case changed:
		if !p.req.Current("change", msg.Seq) {
			return p, nil
		}
		p.req.Done("change", msg.Seq)
		if msg.err != nil {
			return p, tea.Batch(common.Error(msg.what, msg.err), p.read())
		}
		if msg.removed != nil {
			p.removed = append(p.removed, *msg.removed)
		}
		p.follow = msg.follow
		return p, tea.Batch(common.Status(common.OK, msg.status), p.read())
	case listGathered:
		if !p.req.Current("export", msg.Seq) {
			return p, nil
		}
		p.req.Done("export", msg.Seq)
		return p, p.onGathered(msg)
	case tea.KeyMsg:
		return p, p.key(msg)
	}
	return p, nil
}

func (p *Items) selected() (sourcing.Item, bool) {
	if p.cursor < 0 || p.cursor >= len(p.items) {
		return sourcing.Item{}, false
	}
	return p.items[p.cursor], true
}

func (p *Items) key(msg tea.KeyMsg) tea.Cmd {
	k := p.c.Keys
	if p.prompt.open() {
		return p.typed(msg)
	}
	if p.exporting {
		if k.Matches(msg, keys.Back) {
			_, seq := p.req.Start("export") // cancels the gathering
			p.req.Done("export", seq)
			p.exporting = false
			return common.Status(common.Info, "Export cancelled.")
		}
		return nil
	}
	switch {
	case k.Matches(msg, keys.Export):
		return p.export()
	case k.Matches(msg, keys.Up):
		p.cursor--
	case k.Matches(msg, keys.Down):
		p.cursor++
	case k.Matches(msg, keys.PageUp):
		p.cursor -= p.rows()
	case k.Matches(msg, keys.PageDown):
		p.cursor += p.rows()
	case k.Matches(msg, keys.Top):
		p.cursor = 0
	case k.Matches(msg, keys.Bottom):
		p.cursor = len(p.items) - 1
	case k.Matches(msg, keys.AddNew):
		p.draft = sourcing.Item{ListID: p.list.ID}
		return p.prompt.ask(askItemName, "Item (what the client asked for): ", "")
	case k.Matches(msg, keys.Undo):
		return p.undo()
	}
	it, ok := p.selected()
	if !ok {
		p.clamp()
		return nil
	}
	switch {
	case k.Matches(msg, keys.Open):
		return common.Push(NewCompare(p.c, p.list, it))
	case k.Matches(msg, keys.Rename):
		p.draft = it
		return p.prompt.ask(askItemName, "Item: ", it.Name)
	case k.Matches(msg, keys.Remove):
		return p.change("Deleting the item", func(ctx context.Context, st *sourcing.Store) (changed, error) {
			err := st.DeleteItem(ctx, it.ListID, it.ID)
			return changed{removed: &it, status: "Deleted «" + sanitize.Line(it.Name) + "» and its " + plural(len(it.Candidates), "candidate") + "; " + k.Get(keys.Undo).Help().Key + " puts it back."}, err
		})
	}
	p.clamp()
	return nil
}

// typed takes the prompt's steps: name, then target, then note.
func (p *Items) typed(msg tea.KeyMsg) tea.Cmd {
	purpose, text, cmd := p.prompt.key(p.c.Keys, msg)
	switch purpose {
	case askItemName:
		if text == "" {
			return common.Status(common.Warn, "An item needs a name: what the client asked for.")
		}
		p.draft.Name = text
		target := ""
		if p.draft.Target > 0 {
			target = pricing.Count(p.draft.Target)
		}
		return p.prompt.ask(askItemTarget, "Pieces the client wants: ", target)
	case askItemTarget:
		q, err := pricing.ParseQuantity(text)
		if err != nil || q <= 0 {
			p.prompt.ask(askItemTarget, "Pieces the client wants: ", text)
			return common.Status(common.Warn, "Type how many pieces the client wants, like 500 (1,000 and full-width digits work).")
		}
		p.draft.Target = q
		return p.prompt.ask(askItemNote, "Note or shipping mark 唛头 (optional): ", p.draft.Note)
	case askItemNote:
		d := p.draft
		d.Note = text
		if d.ID == 0 {
			return p.change("Adding the item", func(ctx context.Context, st *sourcing.Store) (changed, error) {
				id, err := st.AddItem(ctx, d.ListID, d.Name, d.Target, d.Note)
				return changed{status: "Added «" + sanitize.Line(d.Name) + "», " + pricing.Count(d.Target) + " pieces. " +
					p.c.Keys.Get(keys.Candidate).Help().Key + " on a search result adds candidates to it.", follow: id}, err
			})
		}
		return p.change("Changing the item", func(ctx context.Context, st *sourcing.Store) (changed, error) {
			err := st.UpdateItem(ctx, d)
			return changed{status: "Saved «" + sanitize.Line(d.Name) + "», " + pricing.Count(d.Target) + " pieces.", follow: d.ID}, err
		})
	}
	return cmd
}

func (p *Items) undo() tea.Cmd {
	n := len(p.removed)
	if n == 0 {
		return common.Status(common.Info, "No deleted item to put back.")
	}
	it := p.removed[n-1]
	p.removed = p.removed[:n-1]
	return p.change("Putting the item back", func(ctx context.Context, st *sourcing.Store) (changed, error) {
		err := st.PutItem(ctx, it)
		return changed{status: "Put «" + sanitize.Line(it.Name) + "» back.", follow: it.ID}, err
	})
}

func (p *Items) rows() int {
	h := p.h - 3
	if p.prompt.open() {
		h -= 2
	}
	return max(h, 1)
}

func (p *Items) clamp() {
	p.cursor, p.offset = common.ClampWindow(p.cursor, p.offset, p.rows(), len(p.items))
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return pricing.Count(int64(n)) + " " + word + "s"
}

func (p *Items) View() string {
	if p.w <= 0 || p.h <= 0 {
		return ""
	}
	s := p.c.Styles
	out := []string{s.Bold.Render(sanitize.Truncate("List «"+sanitize.Line(p.list.Name)+"»", p.w))}
	switch {
	case !p.loaded:
		out = append(out, "Loading…")
	case len(p.items) == 0:
		out = append(out, wrap(p.w, "No items yet. "+p.c.Keys.Get(keys.AddNew).Help().Key+" adds one (what the client wants and how many); "+
			p.c.Keys.Get(keys.Candidate).Help().Key+" on a search result or a product adds candidate suppliers to it.")...)
	default:
		// Item, pieces, candidates, the one chosen, the note.
		const qtyW, candW = 9, 5
		rest := max(p.w-2-qtyW-candW-3, 20)
		nameW := rest * 2 / 5
		chosenW := rest - nameW
		out = append(out, s.TableHeader.Render(sanitize.Truncate("  "+sanitize.Pad("Item", nameW)+" "+sanitize.PadLeft("Pieces", qtyW)+" "+sanitize.PadLeft("Cand.", candW)+" "+"Chosen · note", p.w)))
		end := min(p.offset+p.rows(), len(p.items))
		k := drawKey{gen: p.gen, w: p.w}
		for i := p.offset; i < end; i++ {
			out = append(out, p.drawn.row(k, i, i == p.cursor, p.w, s.Selected, func() string {
				it := p.items[i]
				chosen := "—"
				for _, c := range it.Candidates {
					if c.Chosen {
						chosen = sanitize.Line(c.Info.Title)
						if c.Info.SKU != "" {
							chosen += " · " + sanitize.Line(c.Info.SKU)
						}
					}
				}
				if it.Note != "" {
					chosen += " · " + sanitize.Line(it.Note)
				}
				return sanitize.Pad(sanitize.Truncate(sanitize.Line(it.Name), nameW), nameW) + " " + sanitize.PadLeft(pricing.Count(it.Target), qtyW) + " " +
					sanitize.PadLeft(pricing.Count(int64(len(it.Candidates))), candW) + " " + sanitize.Truncate(chosen, chosenW)
			}))
		}
	}
	if p.prompt.open() {
		for len(out) < p.h-1 {
			out = append(out, "")
		}
		out = append(out, p.prompt.view(p.w))
	}
	if len(out) > p.h {
		out = out[:p.h]
	}
	return strings.Join(out, "\n")
}
