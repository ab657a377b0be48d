package search

import (
	"caigou/ui/common"
	"slices"
	"strings"

	"caigou/ui/sanitize"
	"caigou/ui/theme"
)

// Column ids: the index of a cell in row.cells.
const (
	colTitle = iota
	colTitleZH
	colPrice
	colConverted
	colMOQ
	colSold
	colRepurchase
	colCity
	colBadges
	colRating
	colPickup
	colOfferID
	numColumns
)

// column is one laid-out column.
type column struct {
	id     int
	header string
	width  int
	right  bool // numbers line up on the right
}

// Width breakpoints: what fits at 80 columns is what an agent scans first
// (title, price, MOQ, sales, where it ships from); seller vetting comes in
// at 120, and everything at 200.
const (
	wideWidth = 120
	fullWidth = 200
	minTitle  = 16
	marker    = 2 // the cursor column
)

// table is the results grid. It draws only the rows in view.
type table struct {
	rows []row
	// tail counts the rows at the end whose sort value could not be read
	// (row.last): later pages go in before them.
	tail    int
	seen    map[string]struct{} // offer ids already listed, so pages that overlap do not repeat
	cursor  int
	offset  int
	width   int
	height  int // rows in view
	cols    []column
	chinese bool
	// opened is what the session's product pages learned of offers, for
	// the marks a card cannot carry; nil in tests that build a bare table.
	opened *common.Opened
	// gen numbers the layout; a cached line is good only for the
	// generation it was drawn in.
	gen int
	// drawn holds the unselected drawing of rows lately in view, by row
	// index, for generation drawnGen. It is emptied when it outgrows a
	// few screens, so a row scrolled past keeps nothing.
	drawn    map[int]drawing
	drawnGen int
	sel      selected
	// head is the column titles line for generation headGen.
	head    string
	headGen int
}

func (t *table) reset() {
	t.rows = nil
	t.tail = 0
	t.seen = map[string]struct{}{}
	t.cursor, t.offset = 0, 0
	t.gen++
}

// add appends rows, skipping offers already listed; it reports how many
// were new. Rows whose sort value could not be read stay after all the
// others, across pages, since the service could not place them either;
// the cursor stays on its row when rows go in above it.
func (t *table) add(rs []row) int {
	if t.seen == nil {
		t.seen = map[string]struct{}{}
	}
	var sorted, last []row
	for _, r := range rs {
		// The key is part of the row's text: it costs no copy.
		if id := r.id(); id != "" {
			if _, ok := t.seen[id]; ok {
				continue
			}
			t.seen[id] = struct{}{}
		}
		if r.last() {
			last = append(last, r)
		} else {
			sorted = append(sorted, r)
		}
	}
	if t.tail == 0 || len(sorted) == 0 {
		t.rows = append(t.rows, sorted...)
	} else {
		at := len(t.rows) - t.tail
		t.rows = slices.Insert(t.rows, at, sorted...)
		if t.cursor >= at {
			t.cursor += len(sorted)
		}
		// The rows after at moved: their drawings are by index.
		t.gen++
	}
	t.rows = append(t.rows, last...)
	t.tail += len(last)
	return len(sorted) + len(last)
}

// layout picks the columns for a width. currency is the display currency
// ("USD"), or "" when none is configured.
func (t *table) layout(width, height int, currency string) {
	t.width, t.height = width, max(height, 1)
	cols := []column{{id: colTitle, header: "Title"}}
	if width >= fullWidth {
		cols = append(cols, column{id: colTitleZH, header: "标题"})
	}
	// The card carries one price, the best tier's (1688's "from" price,
	// often reached only at thousands of pieces): say so in the header;
	// the product page prices the quantity the agent will buy.
	cols = append(cols, column{id: colPrice, header: "Price from", width: 10, right: true})
	if width >= wideWidth && currency != "" {
		cols = append(cols, column{id: colConverted, header: currency, width: 12, right: true})
	}
	cols = append(cols,
		column{id: colMOQ, header: "MOQ", width: 6, right: true},
		column{id: colSold, header: "Sold/30d", width: 8, right: true},
	)
	if width >= wideWidth {
		cols = append(cols, column{id: colRepurchase, header: "Rebuy", width: 6, right: true})
	}
	city := 10
	if width >= wideWidth {
		city = 12
	}
	cols = append(cols, column{id: colCity, header: "Ships from", width: city})
	if width >= wideWidth {
		cols = append(cols, column{id: colBadges, header: "Seller", width: 26})
	}
	if width >= fullWidth {
		cols = append(cols,
			column{id: colRating, header: "Rating", width: 6, right: true},
			column{id: colPickup, header: "24h pickup", width: 10, right: true},
			column{id: colOfferID, header: "Offer ID", width: 13},
		)
	}
	fixed := marker
	titles := 0
	for _, c := range cols {
		fixed += c.width
		if c.width == 0 {
			titles++
		}
	}
	fixed += len(cols) - 1 // one space between columns
	flex := max(width-fixed, minTitle*titles)
	for i := range cols {
		if cols[i].width == 0 {
			cols[i].width = flex / titles
			if cols[i].id == colTitle {
				cols[i].width += flex % titles
			}
		}
	}
	// At the narrowest widths the fixed columns alone overflow: drop from
	// the right until the row fits.
	for len(cols) > 1 && lineWidth(cols) > width {
		cols = cols[:len(cols)-1]
	}
	if lineWidth(cols) > width {
		cols[0].width = max(width-marker, 1)
	}
	t.cols = cols
	t.gen++
	t.clamp()
}

// toggleLanguage swaps the title column between English and Chinese.
func (t *table) toggleLanguage() {
	t.chinese = !t.chinese
	t.gen++
}

func lineWidth(cols []column) int {
	w := marker + len(cols) - 1
	for _, c := range cols {
		w += c.width
	}
	return w
}

// cell is the text of a column for a row.
func (t *table) cell(r *row, c column) string {
	switch c.id {
	case colTitle:
		if t.opened != nil {
			if f, ok := t.opened.Get(r.id()); ok && f.SoldOut {
				// Opened and found empty: said before the title, where
				// a narrow screen does not cut it.
				return "sold out · " + r.title(t.chinese)
			}
		}
		return r.title(t.chinese)
	case colTitleZH:
		return r.title(!t.chinese)
	}
	return r.cell(c.id)
}

// move shifts the cursor by n rows (negative is up) and keeps it in view.
func (t *table) move(n int) {
	t.cursor += n
	t.clamp()
}

func (t *table) top()    { t.cursor = 0; t.clamp() }
func (t *table) bottom() { t.cursor = len(t.rows) - 1; t.clamp() }

func (t *table) clamp() {
	t.cursor, t.offset = common.ClampWindow(t.cursor, t.offset, t.height, len(t.rows))
}

// selected is the row under the cursor, or nil.
func (t *table) selected() *row {
	if t.cursor < 0 || t.cursor >= len(t.rows) {
		return nil
	}
	return &t.rows[t.cursor]
}

// header is the column titles line.
func (t *table) header(s *theme.Styles) string {
	if t.head != "" && t.headGen == t.gen {
		return t.head
	}
	var b strings.Builder
	b.WriteString(strings.Repeat(" ", marker))
	for i, c := range t.cols {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(pad(c.header, c))
	}
	t.head, t.headGen = s.TableHeader.Render(b.String()), t.gen
	return t.head
}

// view draws the rows in view, at most height lines. Only these rows are
// touched, so the cost does not grow with the number of results.
func (t *table) view(s *theme.Styles) []string {
	end := min(t.offset+t.height, len(t.rows))
	lines := make([]string, 0, end-t.offset)
	for i := t.offset; i < end; i++ {
		lines = append(lines, t.line(s, i))
	}
	return lines
}

// drawing is a row drawn for the layout: cells are its padded cells one
// space apart, from which the selected row is drawn, and line is the row
// unselected, its price coloured.
type drawing struct{ cells, line string }

// drawing draws row i for the layout, or gives its kept drawing.
func (t *table) drawing(s *theme.Styles, i int) drawing {
	if t.drawnGen != t.gen || len(t.drawn) > 4*t.height+8 {
		clear(t.drawn)
		t.drawnGen = t.gen
	}
	if d, ok := t.drawn[i]; ok {
		return d
	}
	r := &t.rows[i]
	var plain, styled strings.Builder
	plain.Grow(t.width + 8)
	styled.Grow(t.width + 32)
	styled.WriteString("  ")
	for j, c := range t.cols {
		if j > 0 {
			plain.WriteByte(' ')
			styled.WriteByte(' ')
		}
		text := pad(t.cell(r, c), c)
		plain.WriteString(text)
		if c.id == colPrice {
			text = s.Price.Render(text)
		}
		styled.WriteString(text)
	}
	d := drawing{cells: plain.String(), line: styled.String()}
	if t.drawn == nil {
		t.drawn = map[int]drawing{}
	}
	t.drawn[i] = d
	return d
}

func (t *table) line(s *theme.Styles, i int) string {
	d := t.drawing(s, i)
	if i != t.cursor {
		return d.line
	}
	if t.sel.row == i && t.sel.gen == t.gen && t.sel.text != "" {
		return t.sel.text
	}
	// Reverse video marks the row even without colour; the ">" marks it
	// even without reverse video (screen readers, NO_COLOR).
	t.sel = selected{row: i, gen: t.gen, text: s.Selected.Render("> " + d.cells)}
	return t.sel.text
}

// selected is the cursor's row as last drawn.
type selected struct {
	row, gen int
	text     string
}

func pad(text string, c column) string {
	if c.right {
		return sanitize.PadLeft(text, c.width)
	}
	return sanitize.Pad(text, c.width)
}
