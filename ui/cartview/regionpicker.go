package cartview

import (
	"strings"

	"caigou/ui/common"
	"caigou/ui/keys"
	"caigou/ui/region"
	"caigou/ui/sanitize"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// regionChosen tells the address form which district was picked.
type regionChosen struct {
	common.Reply
	d *region.Division
}

// regionPicker chooses a district province → city → district, or by
// typing part of any name or code ("白云", "4401"): the district code of
// an address is read off a list, never typed from memory.
type regionPicker struct {
	c      *common.Common
	id     int
	parent int
	t      *region.Table
	at     *region.Division // the province or city being browsed; nil: the country
	filter textinput.Model
	list   []*region.Division
	cursor int
	top    int
	w, h   int
}

// maxMatches bounds a search's list: more than a screenful is typed
// further, not scrolled.
const maxMatches = 300

// newRegionPicker opens at the city of current when it is a known
// district code, so a second pick starts where the first ended.
func newRegionPicker(c *common.Common, parent int, t *region.Table, current string) *regionPicker {
	p := &regionPicker{c: c, id: c.NextID(), parent: parent, t: t}
	in := textinput.New()
	in.Cursor.SetMode(cursor.CursorStatic)
	in.Prompt = ""
	in.Placeholder = "type part of a name (白云) or a code (4401)"
	in.CharLimit = 20
	p.filter = in
	if d := t.District(current); d != nil {
		p.at = d.Up
	}
	p.refresh()
	for i, d := range p.list {
		if d.Code == current {
			p.cursor = i
		}
	}
	return p
}

func (p *regionPicker) ID() int             { return p.id }
func (p *regionPicker) Title() string       { return "District" }
func (p *regionPicker) CapturesInput() bool { return true }
func (p *regionPicker) Close()              {}
func (p *regionPicker) Init() tea.Cmd       { return p.filter.Focus() }
func (p *regionPicker) SetSize(w, h int) {
	p.w, p.h = w, h
	p.filter.Width = max(w-12, 10)
	p.scroll()
}

func (p *regionPicker) ShortHelp() []key.Binding {
	k := p.c.Keys
	return []key.Binding{
		key.NewBinding(key.WithKeys("up"), key.WithHelp("↑/↓", "move")),
		key.NewBinding(key.WithKeys("enter"), key.WithHelp(k.Get(keys.Open).Help().Key, "choose")),
		key.NewBinding(key.WithKeys("esc"), key.WithHelp(k.Get(keys.Back).Help().Key, "up a level / cancel")),
	}
}

func (p *regionPicker) FullHelp() [][]key.Binding {
	return [][]key.Binding{append(p.ShortHelp(),
		key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgup/pgdn", "page")),
		key.NewBinding(key.WithKeys("backspace"), key.WithHelp("backspace", "on an empty filter: up a level")))}
}

// refresh lists the level being browsed, or what the filter finds under it.
func (p *regionPicker) refresh() {
	if f := strings.TrimSpace(p.filter.Value()); f != "" {
		p.list = p.t.Search(p.at, f, maxMatches)
	} else if p.at == nil {
		p.list = p.t.Provinces
	} else {
		p.list = p.at.Sub
	}
	p.cursor, p.top = 0, 0
}

func (p *regionPicker) Update(msg tea.Msg) (common.Page, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return p, nil
	}
	km := p.c.Keys
	switch {
	case k.Type == tea.KeyUp || k.Type == tea.KeyCtrlP:
		p.move(-1)
		return p, nil
	case k.Type == tea.KeyDown || k.Type == tea.KeyCtrlN:
		p.move(1)
		return p, nil
	case k.Type == tea.KeyPgUp:
		p.move(-max(p.rows()-1, 1))
		return p, nil
	case k.Type == tea.KeyPgDown:
		p.move(max(p.rows()-1, 1))
		return p, nil
	case km.Matches(k, keys.Open):
		return p, p.choose()
	case km.Matches(k, keys.Back):
		if p.filter.Value() != "" {
			p.filter.SetValue("")
			p.refresh()
			return p, nil
		}
		if p.at == nil {
			return p, common.Pop()
		}
		p.up()
		return p, nil
	case k.Type == tea.KeyBackspace && p.filter.Value() == "" && p.at != nil:
		p.up()
		return p, nil
	}
	before := p.filter.Value()
	var cmd tea.Cmd
	p.filter, cmd = p.filter.Update(k)
	if p.filter.Value() != before {
		p.refresh()
	}
	return p, cmd
}

// up goes back to the level above, with the cursor on where it was.
func (p *regionPicker) up() {
	from := p.at
	p.at = p.at.Up
	p.refresh()
	for i, d := range p.list {
		if d == from {
			p.cursor = i
		}
	}
	p.scroll()
}

// choose opens a province or city, or takes a district back to the form.
func (p *regionPicker) choose() tea.Cmd {
	if len(p.list) == 0 {
		return nil
	}
	d := p.list[p.cursor]
	if len(d.Code) < 6 {
		p.at = d
		p.filter.SetValue("")
		p.refresh()
		return nil
	}
	chosen := regionChosen{Reply: common.Reply{Page: p.parent}, d: d}
	return tea.Sequence(common.Pop(), func() tea.Msg { return chosen })
}

func (p *regionPicker) move(by int) {
	if len(p.list) == 0 {
		return
	}
	p.cursor = min(max(p.cursor+by, 0), len(p.list)-1)
	p.scroll()
}

// rows is how many list rows fit under the title, path and filter.
func (p *regionPicker) rows() int { return max(p.h-5, 1) }

func (p *regionPicker) scroll() {
	n := p.rows()
	if p.cursor < p.top {
		p.top = p.cursor
	}
	if p.cursor >= p.top+n {
		p.top = p.cursor - n + 1
	}
}

func (p *regionPicker) View() string {
	if p.w <= 0 || p.h <= 0 {
		return ""
	}
	s := p.c.Styles
	where := "中国 China"
	if p.at != nil {
		where += " › " + strings.ReplaceAll(p.at.Path(), " ", " › ")
	}
	out := []string{
		s.Bold.Render(sanitize.Truncate("Choose the district of the address 选择地区", p.w)),
		s.Muted.Render(sanitize.Truncate(where, p.w)),
		sanitize.Truncate("Filter: "+p.filter.View(), p.w),
		"",
	}
	searching := strings.TrimSpace(p.filter.Value()) != ""
	if len(p.list) == 0 {
		out = append(out, s.Muted.Render(sanitize.Truncate("Nothing matches; esc clears the filter.", p.w)))
	}
	end := min(p.top+p.rows(), len(p.list))
	for i := p.top; i < end; i++ {
		d := p.list[i]
		name := d.Label()
		if searching {
			name = d.Path()
		}
		if len(d.Code) < 6 {
			name += " ›"
		}
		code := d.Code
		if len(code) < 6 {
			code = ""
		}
		mark := "  "
		if i == p.cursor {
			mark = "▶ "
		}
		line := mark + sanitize.Pad(sanitize.Truncate(name, max(p.w-10, 4)), max(p.w-10, 4)) + " " + code
		if i == p.cursor {
			line = s.Selected.Render(sanitize.Truncate(line, p.w))
		}
		out = append(out, sanitize.Truncate(line, p.w))
	}
	if len(out) > p.h {
		out = out[:p.h]
	}
	return strings.Join(out, "\n")
}
