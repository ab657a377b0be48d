package detail

import (
	"caigou/ui/keys"
	"caigou/ui/pricing"
	"caigou/ui/theme"

	"github.com/charmbracelet/bubbles/key"
)

// part is a piece of a pane drawn for a key and kept until the key
// changes: a quantity step then redraws the few lines that name the
// quantity, not the titles, links and seller card around them, whose
// styling and measuring were most of a key press.
type part[K comparable] struct {
	key   K
	ok    bool
	lines []string
}

// get is the part's lines for k, drawn at width w when k differs from
// the key they were drawn for. draw must depend on nothing but k and the
// look the parts are kept under.
func (p *part[K]) get(k K, w int, draw func(b *block)) []string {
	if p.ok && p.key == k {
		return p.lines
	}
	b := &block{w: w}
	draw(b)
	p.key, p.ok, p.lines = k, true, b.lines
	return p.lines
}

// look is what every kept part depends on besides the choice on the
// page. A reload brings a new product (stock, prices and status move);
// the page's width sets both columns'; the styles and the key map are
// compared by identity, which is enough because they are replaced
// whole, never edited (the help lines name the keys, which the agent
// may remap).
type look struct {
	p *product
	w int
	s *theme.Styles
	k *keys.KeyMap
}

// drawing is everything kept between frames, all of it for one look.
type drawing struct {
	look look

	// The order pane, top to bottom.
	head     part[struct{}]
	tiers    part[tierKey]
	axes     part[axisKey]
	axisSel  []int // the axis values axes was drawn for; a slice is no key
	qtyLines map[qtyKey]string
	rules    part[rulesKey]
	warning  part[string]
	qtyHelp  part[struct{}]
	skuHead  part[struct{}]
	skuW     int      // label width of the SKU list
	skuRows  []skuRow // one per SKU once measured
	links    part[struct{}]
	order    []string // the assembled pane, reused
	seller   []string
	facts    part[struct{}]
	freight  part[string]
	sellTail part[struct{}]

	// The frame around the panes.
	title  part[struct{}]
	tabs   part[tabKey]
	sep    string   // the column separator, styled once
	rows   []row    // what each row of the wide body was joined from
	joined []string // and the row joined
	desc   part[descKey]

	// The short help, for the mode it was made in.
	help    []key.Binding
	helpFor helpKey
	helpOK  bool
}

// helpKey is the mode the short help changes with.
type helpKey struct{ editing, failed bool }

// tierKey is what the tier table shows: the tier in use (or the SKU's
// own price) and, for offers priced per SKU, which SKU.
type tierKey struct {
	pr  pricing.Price
	sku int
}

// axisKey is what the axis lines show besides the values chosen.
type axisKey struct {
	sku     int
	focused int
}

// keptQuantities bounds the quantity lines kept: enough for any run of
// steps back and forth, and a few kilobytes at most.
const keptQuantities = 64

type qtyKey struct {
	qty int64
	pr  pricing.Price
}

// rulesKey: the explanation follows the chosen SKU's rules; with no
// quantity it also says why none can be ordered.
type rulesKey struct {
	r     pricing.Rules
	noQty bool
}

// skuRow is one line of the SKU list as last drawn.
type skuRow struct {
	ok     bool
	pr     pricing.Price
	chosen bool
	line   string
}

type tabKey struct{ pane, right int }

// descKey is what the description's viewport shows: ver counts the
// contents set, which change with the width and the language.
type descKey struct {
	ver, y, w, h int
}

// row is what a line of the two-column body was last joined from.
type row struct {
	ok   bool
	l, r string
}

// drawing is the kept parts for the page as it looks now; any change of
// the look drops them all.
func (m *Model) drawing() *drawing {
	l := look{p: m.p, w: m.w, s: m.c.Styles, k: m.c.Keys}
	if m.drawn.look != l {
		m.drawn = drawing{look: l, order: m.drawn.order[:0], seller: m.drawn.seller[:0]}
	}
	return &m.drawn
}
