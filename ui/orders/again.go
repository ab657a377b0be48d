package orders

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"caigou/ui/cart"
	"caigou/ui/common"
	"caigou/ui/detail"
	"caigou/ui/keys"
	"caigou/ui/pricing"
	"caigou/ui/sanitize"
	"caigou/ui/sourcing"
	"caigou/xport"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Again puts an order's lines back in the cart, each priced against the
// offer as it is now: what changed (price, SKU gone, stock, lot) is shown
// before anything is added, and enter adds only what can be ordered.
type Again struct {
	c       *common.Common
	id      int
	req     *common.Requests
	orderID string
	items   []xport.ProductItem
	w, h    int
	lines   []againLine
	loaded  bool
	err     error
	adding  bool
	offset  int
}

// againLine is one order line then and now.
type againLine struct {
	item xport.ProductItem
	q    detail.Quote
	gone bool   // the offer did not come back
	then string // the unit price paid, or why it is not known
	note string // what changed, in words; "" when nothing did
	ok   bool   // can be added as it is now
}

type againRead struct {
	common.Reply
	got detail.Fetched
	at  time.Time
	err error
}

type againAdded struct {
	common.Reply
	added   int
	skipped []string
	err     error
}

// NewAgain opens buy-again for order o.
func NewAgain(c *common.Common, o xport.Order) *Again {
	return &Again{c: c, id: c.NextID(), req: common.NewRequests(c.Ctx), orderID: orderIDOf(o), items: o.ProductItems}
}

func (p *Again) ID() int             { return p.id }
func (p *Again) Title() string       { return "Buy again" }
func (p *Again) Close()              { p.req.Close() }
func (p *Again) CapturesInput() bool { return false }
func (p *Again) SetSize(w, h int)    { p.w, p.h = w, h }

func (p *Again) Init() tea.Cmd {
	if len(p.items) == 0 {
		return nil
	}
	ctx, seq := p.req.Start("details")
	seen := map[string]bool{}
	var ids []string
	for _, it := range p.items {
		if id := string(it.ProductID); id != "" && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	cl, r, now := marketOf(p.c), common.Reply{Page: p.id, Seq: seq}, p.c.Now
	return func() tea.Msg {
		got := detail.Fetch(ctx, cl, ids, nil)
		for _, err := range got.Failed {
			// One that could not be read (not one 1688 says is gone)
			// would be reported as gone: say the error and stop.
			return againRead{Reply: r, err: err}
		}
		return againRead{Reply: r, got: got, at: now()}
	}
}

func (p *Again) ShortHelp() []key.Binding {
	k := p.c.Keys
	return []key.Binding{relabel(k, keys.Open, "add what can be ordered"), relabel(k, keys.Retry, "check again"), relabel(k, keys.Back, "cancel")}
}

func (p *Again) FullHelp() [][]key.Binding {
	k := p.c.Keys
	return [][]key.Binding{p.ShortHelp(), k.Bindings(keys.Up, keys.Down)}
}

func (p *Again) Update(msg tea.Msg) (common.Page, tea.Cmd) {
	switch msg := msg.(type) {
	case againRead:
		if !p.req.Current("details", msg.Seq) {
			return p, nil
		}
		p.req.Done("details", msg.Seq)
		p.loaded, p.err = true, msg.err
		if msg.err != nil {
			return p, common.Error("Reading the order's offers as they are now", msg.err)
		}
		p.compare(msg)
	case againAdded:
		p.adding = false
		if msg.err != nil {
			return p, common.Error("Adding the order's lines to the cart", msg.err)
		}
		text := fmt.Sprintf("Added %s of order %s to the cart", plural(msg.added, "line", "lines"), shortID(p.orderID))
		if len(msg.skipped) > 0 {
			return p, tea.Sequence(common.Pop(), common.Status(common.Warn, text+"; not added: "+strings.Join(msg.skipped, "; ")+"."))
		}
		return p, tea.Sequence(common.Pop(), common.Status(common.OK, text+"."))
	case tea.KeyMsg:
		return p, p.key(msg)
	}
	return p, nil
}

// compare prices each line as the offer is now, at the quantity ordered
// (moved to the nearest the rules allow, said).
func (p *Again) compare(msg againRead) {
	p.lines = p.lines[:0]
	for _, it := range p.items {
		l := againLine{item: it, then: "—"}
		if it.Price.Known() {
			l.then = pricing.Money(it.Price.Fen())
		} else if it.Price.Present() {
			l.then = "unknown unit"
		}
		d, ok := msg.got.Details[string(it.ProductID)]
		if it.Quantity.Fraction {
			// Goods sold by weight: the cart counts pieces, and a
			// quantity of 0.5 is not rounded into one.
			l.gone, l.note = true, "ordered as "+it.Quantity.String()+" by weight: buy it again on 1688.com"
			p.lines = append(p.lines, l)
			continue
		}
		if !ok {
			l.gone, l.note = true, "the offer is gone from 1688"
			p.lines = append(p.lines, l)
			continue
		}
		want := it.Quantity.Whole
		l.q = detail.QuoteOf(d, string(it.SpecID), func(r pricing.Rules) int64 { return sourcing.Orderable(want, r) }, msg.at)
		var notes []string
		switch {
		case l.q.Missing:
			notes = append(notes, "the SKU ordered is no longer offered")
		case l.q.Why != "":
			notes = append(notes, l.q.Why)
		}
		if n := sourcing.OrderableNote(want, l.q.Quantity, l.q.Rules); n != "" && !l.q.Missing {
			notes = append(notes, "quantity "+n)
		}
		if it.Price.Known() && l.q.Price.OK && l.q.Price.Unit != it.Price.Fen() {
			notes = append(notes, "price "+pricing.Money(it.Price.Fen())+" → "+pricing.Money(l.q.Price.Unit))
		}
		l.note = strings.Join(notes, "; ")
		l.ok = l.q.Why == "" && !l.q.Missing
		p.lines = append(p.lines, l)
	}
}

func (p *Again) key(msg tea.KeyMsg) tea.Cmd {
	k := p.c.Keys
	switch {
	case k.Matches(msg, keys.Back):
		return common.Pop()
	case k.Matches(msg, keys.Up):
		p.offset = max(p.offset-1, 0)
	case k.Matches(msg, keys.Down):
		p.offset = min(p.offset+1, max(len(p.lines)-1, 0))
	case k.Matches(msg, keys.Retry), k.Matches(msg, keys.Refresh):
		p.loaded = false
		return p.Init()
	case k.Matches(msg, keys.Open):
		return p.add()
	}
	return nil
}

// add puts every line that can be ordered in the cart, in one command.
func (p *Again) add() tea.Cmd {
	if !p.loaded || p.err != nil || p.adding {
		return nil
	}
	var lines []cart.Line
	var skipped []string
	for _, l := range p.lines {
		if l.ok {
			lines = append(lines, l.q.Line)
		} else {
			skipped = append(skipped, sanitize.Truncate(sanitize.Line(string(l.item.Name)), 16)+": "+l.note)
		}
	}
	if len(lines) == 0 {
		return common.Status(common.Warn, "Nothing of this order can be ordered again as it is now: "+strings.Join(skipped, "; ")+".")
	}
	p.adding = true
	c, r := p.c.Cart, common.Reply{Page: p.id}
	return func() tea.Msg {
		added := 0
		for _, l := range lines {
			_, err := c.AddChecked(l)
			var se *cart.StockError
			switch {
			case errors.As(err, &se):
				skipped = append(skipped, sanitize.Truncate(l.TitleZH, 16)+": "+err.Error())
			case err != nil:
				return againAdded{Reply: r, added: added, skipped: skipped, err: err}
			default:
				added++
			}
		}
		return againAdded{Reply: r, added: added, skipped: skipped}
	}
}

func (p *Again) View() string {
	if p.w <= 0 || p.h <= 0 {
		return ""
	}
	s := p.c.Styles
	out := []string{s.Bold.Render(sanitize.Truncate("Order "+shortID(p.orderID)+" again: its lines as the offers are now", p.w))}
	switch {
	case len(p.items) == 0:
		out = append(out, "This order has no lines to buy again.")
	case !p.loaded:
		out = append(out, "Checking "+plural(len(p.items), "line", "lines")+" against the offers as they are now…")
	case p.err != nil:
		out = append(out, sanitize.Truncate("Could not read the offers: "+sanitize.Line(p.err.Error()), p.w))
	default:
		ready := 0
		for _, l := range p.lines {
			if l.ok {
				ready++
			}
		}
		out = append(out, s.Muted.Render(sanitize.Truncate(fmt.Sprintf("%d of %d can be added; %s adds them, %s leaves.", ready, len(p.lines),
			p.c.Keys.Get(keys.Open).Help().Key, p.c.Keys.Get(keys.Back).Help().Key), p.w)), "")
		for _, l := range p.lines[p.offset:] {
			mark := "✓ "
			if !l.ok {
				mark = "✗ "
			}
			name := sanitize.Line(string(l.item.Name))
			if l.q.SKU != "" {
				name += " · " + l.q.SKU
			}
			qty, now := l.item.Quantity.String(), "—"
			if !l.gone {
				qty = pricing.Count(l.q.Quantity)
				if l.q.Price.OK {
					now = pricing.Money(l.q.Price.Unit)
				}
			}
			out = append(out, sanitize.Truncate(mark+name, p.w))
			line := "    " + qty + " × " + now + " (paid " + l.then + ")"
			if l.note != "" {
				line += " — " + l.note
			}
			if l.ok {
				out = append(out, sanitize.Truncate(line, p.w))
			} else {
				out = append(out, s.Warn.Render(sanitize.Truncate(line, p.w)))
			}
		}
	}
	if len(out) > p.h {
		out = out[:p.h]
	}
	return strings.Join(out, "\n")
}
