package cartview

import (
	"strings"

	"caigou/ui/common"
	"caigou/ui/keys"
	"caigou/ui/sanitize"
	"caigou/xport"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// addressChosen tells the cart page which address the agent chose.
type addressChosen struct {
	common.Reply
	addr xport.Address
}

// addressAdded tells the list that the form saved an address.
type addressAdded struct {
	common.Reply
	id   string
	addr xport.Address
}

// chooseAddress opens the address list over the cart.
func (m *Model) chooseAddress() tea.Cmd {
	var cur xport.ID
	if m.addr != nil {
		cur = m.addr.ID
	}
	return common.Push(newChooser(m.c, m.id, cur))
}

// chooser lists the account's shipping addresses.
type chooser struct {
	c       *common.Common
	id      int
	parent  int
	req     *common.Requests
	w, h    int
	list    []xport.Address
	st      loadState
	err     error
	cursor  int
	offset  int
	current xport.ID
	// want is an address just added: the cursor goes to it once the
	// list is loaded again.
	want *addressAdded
}

func newChooser(c *common.Common, parent int, current xport.ID) *chooser {
	return &chooser{c: c, id: c.NextID(), parent: parent, req: common.NewRequests(c.Ctx), current: current}
}

func (p *chooser) ID() int             { return p.id }
func (p *chooser) Title() string       { return "Shipping address" }
func (p *chooser) CapturesInput() bool { return false }
func (p *chooser) Close()              { p.req.Close() }
func (p *chooser) Init() tea.Cmd       { return p.load() }

func (p *chooser) SetSize(w, h int) {
	p.w, p.h = w, h
	p.scroll()
}

func (p *chooser) ShortHelp() []key.Binding {
	k := p.c.Keys
	choose := key.NewBinding(key.WithKeys("enter"), key.WithHelp(k.Get(keys.Open).Help().Key, "ship here"))
	out := []key.Binding{choose}
	if p.canAdd() {
		out = append(out, key.NewBinding(key.WithKeys("n"), key.WithHelp(k.Get(keys.AddNew).Help().Key, "new address")))
	}
	return append(out, k.Bindings(keys.Up, keys.Down, keys.Retry, keys.Back)...)
}

func (p *chooser) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }

// canAdd is false on a backend that cannot add an address (1688).
func (p *chooser) canAdd() bool {
	return marketOf(p.c) == nil || !marketOf(p.c).Backend().NoAddressSave
}

// addElsewhere says where to add an address the desk cannot.
func (p *chooser) addElsewhere() string {
	return "Adding an address is not available with the " + marketOf(p.c).Backend().Name + " backend: add it on 1688.com (我的阿里 › 收货地址), then " +
		p.c.Keys.Get(keys.Retry).Help().Key + " here reads it."
}

func (p *chooser) load() tea.Cmd {
	ctx, seq := p.req.Start(kindAddresses)
	p.st, p.err = loading, nil
	cl, r := marketOf(p.c), common.Reply{Page: p.id, Seq: seq}
	return func() tea.Msg {
		list, err := cl.Addresses(ctx)
		return addressesMsg{Reply: r, list: list, err: err}
	}
}

func (p *chooser) Update(msg tea.Msg) (common.Page, tea.Cmd) {
	switch msg := msg.(type) {
	case addressesMsg:
		if !p.req.Current(kindAddresses, msg.Seq) {
			return p, nil
		}
		p.req.Done(kindAddresses, msg.Seq)
		if msg.err != nil {
			p.st, p.err = failed, msg.err
			return p, common.Error("Loading your shipping addresses", msg.err)
		}
		p.st, p.list = loaded, msg.list
		p.cursor = p.find()
		p.scroll()
		return p, nil
	case addressAdded:
		p.want = &msg
		return p, p.load()
	case tea.KeyMsg:
		return p, p.key(msg)
	}
	return p, nil
}

// find is where the cursor starts: on an address just added, else on the
// one the cart ships to, else the first.
func (p *chooser) find() int {
	if w := p.want; w != nil {
		p.want = nil
		for i, a := range p.list {
			if (w.id != "" && string(a.ID) == w.id) || (w.id == "" && sameAddress(a, w.addr)) {
				return i
			}
		}
	}
	for i, a := range p.list {
		if a.ID == p.current {
			return i
		}
	}
	return 0
}

// sameAddress matches a saved address whose id the API did not return.
func sameAddress(a, b xport.Address) bool {
	return a.Name == b.Name && a.Phone == b.Phone && a.Address == b.Address && a.DistrictCode == b.DistrictCode
}

func (p *chooser) key(msg tea.KeyMsg) tea.Cmd {
	k := p.c.Keys
	switch {
	case k.Matches(msg, keys.Up):
		p.cursor = max(p.cursor-1, 0)
	case k.Matches(msg, keys.Down):
		p.cursor = max(min(p.cursor+1, len(p.list)-1), 0)
	case k.Matches(msg, keys.Top):
		p.cursor = 0
	case k.Matches(msg, keys.Bottom):
		p.cursor = max(len(p.list)-1, 0)
	case k.Matches(msg, keys.Retry):
		return p.load()
	case k.Matches(msg, keys.AddNew):
		if !p.canAdd() {
			return common.Status(common.Info, p.addElsewhere())
		}
		return common.Push(newAddressForm(p.c, p.id))
	case k.Matches(msg, keys.Open):
		if p.st != loaded || len(p.list) == 0 {
			return common.Status(common.Info, "No address to choose yet: press "+k.Get(keys.AddNew).Help().Key+" to add one.")
		}
		a, parent := p.list[p.cursor], p.parent
		return tea.Sequence(common.Pop(), func() tea.Msg { return addressChosen{Reply: common.Reply{Page: parent}, addr: a} })
	}
	p.scroll()
	return nil
}

// rowsPer is how many rows an address takes: who, then where.
const rowsPer = 2

func (p *chooser) scroll() {
	h := max((p.h-2)/rowsPer, 1)
	if p.cursor < p.offset {
		p.offset = p.cursor
	}
	if p.cursor >= p.offset+h {
		p.offset = p.cursor - h + 1
	}
	p.offset = max(0, min(p.offset, len(p.list)-h))
}

func (p *chooser) View() string {
	if p.w <= 0 || p.h <= 0 {
		return ""
	}
	s := p.c.Styles
	k := p.c.Keys
	head := "Where should the goods go? " + k.Get(keys.Open).Help().Key + " ships there, " + k.Get(keys.AddNew).Help().Key + " adds an address."
	if !p.canAdd() {
		head = "Where should the goods go? " + k.Get(keys.Open).Help().Key + " ships there; add new ones on 1688.com."
	}
	out := []string{s.Bold.Render(sanitize.Truncate(head, p.w)), ""}
	switch {
	case p.st == loading && len(p.list) == 0:
		out = append(out, s.Muted.Render("Loading your addresses…"))
	case p.st == failed:
		out = append(out, strings.Split(s.Error.Width(p.w).Render("! Your addresses could not be loaded: "+sanitize.Line(p.err.Error())+". Press "+k.Get(keys.Retry).Help().Key+" to try again."), "\n")...)
	case len(p.list) == 0:
		if p.canAdd() {
			out = append(out, "The account has no shipping address yet. Press "+k.Get(keys.AddNew).Help().Key+" to add one.")
		} else {
			out = append(out, wordWrap(p.addElsewhere(), p.w))
		}
	}
	h := max((p.h-2)/rowsPer, 1)
	for i := p.offset; i < len(p.list) && i < p.offset+h; i++ {
		a := p.list[i]
		who := sanitize.Line(string(a.Name)) + "  " + sanitize.Line(string(a.Phone))
		var tags []string
		if a.ID == p.current {
			tags = append(tags, "shipping here")
		}
		if a.IsDefault {
			tags = append(tags, "account default")
		}
		if len(tags) > 0 {
			who += "  [" + strings.Join(tags, ", ") + "]"
		}
		where := "    " + sanitize.Line(strings.Join(nonEmpty(string(a.Province), string(a.City), string(a.District), string(a.Town), string(a.Address), string(a.PostCode)), " "))
		if i == p.cursor {
			out = append(out, s.Selected.Render(sanitize.Pad("▶ "+who, p.w)), sanitize.Truncate(where, p.w))
		} else {
			out = append(out, sanitize.Truncate("  "+who, p.w), s.Muted.Render(sanitize.Truncate(where, p.w)))
		}
	}
	if len(out) > p.h {
		out = out[:p.h]
	}
	return strings.Join(out, "\n")
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, strings.TrimSpace(s))
		}
	}
	return out
}
