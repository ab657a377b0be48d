// Package sourcingview is the desk's sourcing work: the lists (S), a
// list's items, and the comparison of an item's candidates at the
// quantity the client wants, with landed cost.
package sourcingview

import (
	"context"
	"strings"
	"time"

	"caigou/ui/common"
	"caigou/ui/keys"
	"caigou/ui/pricing"
	"caigou/ui/sanitize"
	"caigou/ui/sourcing"
	"caigou/xport"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// What the prompt of the lists page asks for.
const (
	askNewList = iota + 1
	askRename
)

// Lists is the page of sourcing lists.
type Lists struct {
	c        *common.Common
	id       int
	req      *common.Requests
	w, h     int
	archived bool // showing the archived lists
	lists    []sourcing.List
	loaded   bool
	err      error
	cursor   int
	offset   int
	prompt   prompt
	// follow is the list the cursor goes to when the lists are read again
	// (one just made or renamed).
	follow int64
	// gen counts the readings of the lists, for the kept drawings.
	gen   int
	drawn drawRows
	head  rowCache // the tabs and column header, as rows 0 and 1
}

// NewLists opens the lists page.
func NewLists(c *common.Common) *Lists {
	return &Lists{c: c, id: c.NextID(), req: common.NewRequests(c.Ctx), prompt: newPrompt()}
}

type listsRead struct {
	common.Reply
	lists []sourcing.List
	err   error
}

// changed is the answer to a change made in a command.
type changed struct {
	common.Reply
	status string
	err    error
	what   string // for the error: "Renaming the list"
	follow int64
	undo   int64 // a list deleted, for u
	// removed is an item deleted, kept by the items page for u.
	removed *sourcing.Item
}

func (p *Lists) ID() int             { return p.id }
func (p *Lists) Title() string       { return "Sourcing lists" }
func (p *Lists) Close()              { p.req.Close() }
func (p *Lists) CapturesInput() bool { return p.prompt.open() }
func (p *Lists) SetSize(w, h int)    { p.w, p.h = w, h; p.clamp() }

func (p *Lists) Init() tea.Cmd {
	if p.c.Sourcing == nil {
		return nil
	}
	return p.read()
}

// Resume reads the lists again: an item added or a list renamed on the
// pages above changes what this one shows.
func (p *Lists) Resume() tea.Cmd { return p.Init() }

func (p *Lists) read() tea.Cmd {
	ctx, seq := p.req.Start("read")
	st, r, archived := p.c.Sourcing, common.Reply{Page: p.id, Seq: seq}, p.archived
	return func() tea.Msg {
		ls, err := st.Lists(ctx, archived)
		return listsRead{Reply: r, lists: ls, err: err}
	}
}

// change runs fn in a command and reads the lists again after it.
func (p *Lists) change(what string, fn storeFunc) tea.Cmd {
	return storeChange(p.req, p.id, p.c.Sourcing, what, fn)
}

// storeFunc is a change of the lists, and what to say of it.
type storeFunc func(context.Context, *sourcing.Store) (changed, error)

// storeChange runs fn on the store in a command, as page's "change"
// request: a newer change makes an older one's answer stale.
func storeChange(req *common.Requests, page int, st *sourcing.Store, what string, fn storeFunc) tea.Cmd {
	ctx, seq := req.Start("change")
	r := common.Reply{Page: page, Seq: seq}
	return func() tea.Msg {
		ch, err := fn(ctx, st)
		ch.Reply, ch.err, ch.what = r, err, what
		return ch
	}
}

// followed is the index of the row whose id is want (one just made or
// changed, for the cursor to follow), or cur when there is none.
func followed[T any](rows []T, id func(T) int64, want int64, cur int) int {
	if want == 0 {
		return cur
	}
	for i, r := range rows {
		if id(r) == want {
			return i
		}
	}
	return cur
}

// promptHelp is the footer while a page's text box is open.
func promptHelp(k *keys.KeyMap, ok string) []key.Binding {
	return []key.Binding{relabel(k.Get(keys.Open), ok), relabel(k.Get(keys.Back), "cancel")}
}

func (p *Lists) ShortHelp() []key.Binding {
	k := p.c.Keys
	if p.prompt.open() {
		return promptHelp(k, "ok")
	}
	out := []key.Binding{relabel(k.Get(keys.Open), "open"), relabel(k.Get(keys.AddNew), "new list"), relabel(k.Get(keys.Import), "import")}
	if len(p.lists) > 0 {
		out = append(out, k.Get(keys.Rename), relabel(k.Get(keys.Remove), "delete"))
	}
	return append(out, relabel(k.Get(keys.NextPane), "archived/active"), k.Get(keys.Back))
}

func (p *Lists) FullHelp() [][]key.Binding {
	k := p.c.Keys
	return [][]key.Binding{
		{relabel(k.Get(keys.Open), "open the list"), relabel(k.Get(keys.AddNew), "new list"), relabel(k.Get(keys.Rename), "rename"),
			relabel(k.Get(keys.Remove), "delete"), relabel(k.Get(keys.Undo), "bring back the last deleted")},
		{relabel(k.Get(keys.Import), "import a client's list (CSV, XLSX)"), relabel(k.Get(keys.Archive), "archive / bring back"), relabel(k.Get(keys.NextPane), "show archived / active")},
		k.Bindings(keys.Up, keys.Down, keys.PageUp, keys.PageDown, keys.Top, keys.Bottom),
	}
}

func relabel(b key.Binding, desc string) key.Binding {
	b.SetHelp(b.Help().Key, desc)
	return b
}

func (p *Lists) Update(msg tea.Msg) (common.Page, tea.Cmd) {
	switch msg := msg.(type) {
	case listsRead:
		if !p.req.Current("read", msg.Seq) {
			return p, nil
		}
		p.req.Done("read", msg.Seq)
		p.lists, p.err, p.loaded = msg.lists, msg.err, true
		p.gen++
		p.cursor, p.follow = followed(p.lists, func(l sourcing.List) int64 { return l.ID }, p.follow, p.cursor), 0
		p.clamp()
		if msg.err != nil {
			return p, common.Error("Reading the sourcing lists", msg.err)
		}
	case changed:
		if !p.req.Current("change", msg.Seq) {
			return p, nil
		}
		p.req.Done("change", msg.Seq)
		if msg.err != nil {
			return p, tea.Batch(common.Error(msg.what, msg.err), p.read())
		}
		if msg.undo != 0 {
			p.c.DeletedLists = append(p.c.DeletedLists, msg.undo)
		}
		p.follow = msg.follow
		return p, tea.Batch(common.Status(common.OK, msg.status), p.read())
	case tea.KeyMsg:
		return p, p.key(msg)
	}
	return p, nil
}

func (p *Lists) selected() (sourcing.List, bool) {
	if p.cursor < 0 || p.cursor >= len(p.lists) {
		return sourcing.List{}, false
	}
	return p.lists[p.cursor], true
}

func (p *Lists) key(msg tea.KeyMsg) tea.Cmd {
	k := p.c.Keys
	if p.prompt.open() {
		label := p.prompt.label
		purpose, text, cmd := p.prompt.key(k, msg)
		if purpose != 0 {
			if err := sourcing.CheckListName(text); err != nil {
				// The text stays for the agent to fix; nothing is sent.
				return tea.Batch(p.prompt.ask(purpose, label, text), common.Status(common.Warn, sanitize.Line(err.Error())+"; nothing changed."))
			}
		}
		switch purpose {
		case askNewList:
			return p.change("Making the list", func(ctx context.Context, st *sourcing.Store) (changed, error) {
				id, err := st.CreateList(ctx, text)
				return changed{status: "Made the list «" + sanitize.Line(text) + "»; enter opens it.", follow: id}, err
			})
		case askRename:
			l, _ := p.selected()
			return p.change("Renaming the list", func(ctx context.Context, st *sourcing.Store) (changed, error) {
				err := st.RenameList(ctx, l.ID, text)
				return changed{status: "Renamed to «" + sanitize.Line(text) + "».", follow: l.ID}, err
			})
		}
		return cmd
	}
	if p.c.Sourcing == nil {
		return nil
	}
	switch {
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
		p.cursor = len(p.lists) - 1
	case k.Matches(msg, keys.NextPane), k.Matches(msg, keys.PrevPane):
		p.archived = !p.archived
		p.cursor, p.offset, p.loaded = 0, 0, false
		return p.read()
	case k.Matches(msg, keys.AddNew):
		return p.prompt.ask(askNewList, "New list's name: ", "")
	case k.Matches(msg, keys.Undo):
		return p.undo()
	case k.Matches(msg, keys.Import):
		return common.Push(NewImport(p.c))
	}
	l, ok := p.selected()
	if !ok {
		p.clamp()
		return nil
	}
	switch {
	case k.Matches(msg, keys.Open):
		return common.Push(NewItems(p.c, l))
	case k.Matches(msg, keys.Rename):
		return p.prompt.ask(askRename, "Rename to: ", l.Name)
	case k.Matches(msg, keys.Remove):
		return p.change("Deleting the list", func(ctx context.Context, st *sourcing.Store) (changed, error) {
			err := st.DeleteList(ctx, l.ID)
			return changed{status: "Deleted «" + sanitize.Line(l.Name) + "»; " + k.Get(keys.Undo).Help().Key + " brings it back.", undo: l.ID}, err
		})
	case k.Matches(msg, keys.Archive):
		to, word := !l.Archived, "Archived"
		if !to {
			word = "Brought back"
		}
		return p.change("Archiving the list", func(ctx context.Context, st *sourcing.Store) (changed, error) {
			err := st.ArchiveList(ctx, l.ID, to)
			return changed{status: word + " «" + sanitize.Line(l.Name) + "»."}, err
		})
	}
	p.clamp()
	return nil
}

// undo brings back the last list deleted this session.
func (p *Lists) undo() tea.Cmd {
	n := len(p.c.DeletedLists)
	if n == 0 {
		return common.Status(common.Info, "No deleted list to bring back this session.")
	}
	id := p.c.DeletedLists[n-1]
	p.c.DeletedLists = p.c.DeletedLists[:n-1]
	return p.change("Bringing the list back", func(ctx context.Context, st *sourcing.Store) (changed, error) {
		err := st.RestoreList(ctx, id)
		return changed{status: "Brought the deleted list back.", follow: id}, err
	})
}

// rows is how many lists fit under the title, the tabs and the header.
func (p *Lists) rows() int {
	h := p.h - 4
	if p.prompt.open() {
		h -= 2
	}
	return max(h, 1)
}

func (p *Lists) clamp() {
	p.cursor, p.offset = common.ClampWindow(p.cursor, p.offset, p.rows(), len(p.lists))
}

func (p *Lists) View() string {
	if p.w <= 0 || p.h <= 0 {
		return ""
	}
	s := p.c.Styles
	k := drawKey{gen: p.gen, w: p.w}
	if p.archived {
		k.gen = -k.gen - 1 // the tabs differ; the rows are re-read anyway
	}
	out := []string{p.head.line(k, 0, func() string {
		tabs := s.Bold.Render("[active]") + s.Muted.Render("  archived ")
		if p.archived {
			tabs = s.Muted.Render(" active  ") + s.Bold.Render("[archived]")
		}
		return sanitize.Truncate(tabs, p.w)
	})}
	switch {
	case p.c.Sourcing == nil:
		out = append(out, wrap(p.w, "Sourcing lists are kept in the state database, which could not be opened this session; the start-up message says why (L shows it).")...)
	case !p.loaded:
		out = append(out, "Loading…")
	case len(p.lists) == 0 && p.archived:
		out = append(out, wrap(p.w, "No archived lists.")...)
	case len(p.lists) == 0:
		out = append(out, wrap(p.w, "No sourcing lists yet. "+p.keyName(keys.AddNew)+" makes one for a client's list; "+p.keyName(keys.Import)+
			" imports one from a CSV or XLSX; "+p.keyName(keys.Candidate)+
			" on a search result or a product adds it to a list as a candidate of an item, to compare suppliers at the quantity you will buy.")...)
	default:
		nameW := max(p.w-2-8-1-18, 10)
		out = append(out, p.head.line(k, 1, func() string {
			return s.TableHeader.Render(sanitize.Truncate("  "+sanitize.Pad("List", nameW)+" "+sanitize.PadLeft("Items", 7)+"  "+"Changed", p.w))
		}))
		end := min(p.offset+p.rows(), len(p.lists))
		for i := p.offset; i < end; i++ {
			out = append(out, p.drawn.row(k, i, i == p.cursor, p.w, s.Selected, func() string {
				l := p.lists[i]
				return sanitize.Pad(sanitize.Truncate(sanitize.Line(l.Name), nameW), nameW) + " " + sanitize.PadLeft(pricing.Count(int64(l.Items)), 7) + "  " + p.when(l.Updated)
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

func (p *Lists) keyName(a keys.Action) string { return p.c.Keys.Get(a).Help().Key }

// when is a change time as an agent reads it, in China time like orders.
func (p *Lists) when(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(xport.ChinaTime()).Format("01-02 15:04") + " CST"
}

func wrap(w int, text string) []string {
	var out []string
	line := ""
	for _, word := range strings.Fields(text) {
		if line != "" && sanitize.Width(line)+1+sanitize.Width(word) > w {
			out = append(out, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	if line != "" {
		out = append(out, sanitize.Truncate(line, w))
	}
	return out
}
