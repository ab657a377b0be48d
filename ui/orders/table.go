package orders

import (
	"strings"

	"caigou/ui/common"
	"caigou/ui/sanitize"
	"caigou/ui/theme"
	"caigou/xport"
)

// Column ids: the index of a cell in row.cells.
const (
	colID = iota
	colCreated
	colCreatedLong
	colStatus
	colStatusLong
	colTotal
	colConverted
	colItems
	colPieces
	colSupplier
	colPaid
	colOutID
	numColumns
)

// Width breakpoints, as on the search page: at 80 columns what an agent
// scans for (id, when, status, money, supplier); at 120 the long forms and
// the pieces; at 200 the payment time and the agent's own order number.
const (
	wideWidth   = 120
	fullWidth   = 200
	prefixWidth = 3 // cursor, mark, space
	minSupplier = 8
)

// row is one order, formatted once when its page arrives.
type row struct {
	order  xport.Order
	id     string
	status string // baseInfo.status as sent, for comparing loads
	cells  [numColumns]string
	line   string
	gen    int
}

func newRow(c *common.Common, o xport.Order, preview xport.Fen) row {
	b := o.BaseInfo
	st := TradeStatus(string(b.Status))
	r := row{order: o, id: orderIDOf(o), status: strings.TrimSpace(string(b.Status))}
	r.cells[colID] = r.id
	r.cells[colCreated] = when(b.CreateTime, shortTime)
	r.cells[colCreatedLong] = when(b.CreateTime, longTime)
	r.cells[colStatus] = sanitize.Line(st.Compact())
	r.cells[colStatusLong] = sanitize.Line(st.String())
	if r.cells[colStatus] == "" {
		r.cells[colStatus] = "?"
		r.cells[colStatusLong] = "? no status sent"
	}
	trusted := amountProblem(o, preview) == ""
	r.cells[colTotal] = moneyCell(c, b.TotalAmount, trusted)
	if trusted && b.TotalAmount.Known() {
		r.cells[colConverted] = c.Converted(b.TotalAmount.Fen())
	}
	r.cells[colItems] = itoa(len(o.ProductItems))
	r.cells[colPieces] = itoa64(pieces(o))
	r.cells[colSupplier] = supplierName(b)
	r.cells[colPaid] = when(b.PayTime, longTime)
	r.cells[colOutID] = sanitize.Line(string(b.OutOrderID))
	return r
}

type column struct {
	id     int
	header string
	width  int
	right  bool
}

// table is the order list. It draws only the rows in view.
type table struct {
	rows   []row
	seen   map[string]bool
	cursor int
	offset int
	width  int
	height int
	cols   []column
	gen    int
	// head is the column titles line for generation headGen; sel is the
	// cursor's row as last drawn.
	head    string
	headGen int
	sel     selDrawing
	// tabs is the page's tabs line as last drawn (the page keeps its
	// drawings with the table's).
	tabs common.Kept
}

// selDrawing is the cursor's row as drawn for a generation and mark.
type selDrawing struct {
	row, gen int
	marked   bool
	text     string
}

func (t *table) reset() {
	t.rows = nil
	t.seen = map[string]bool{}
	t.cursor, t.offset = 0, 0
	t.gen++
}

// add appends rows, skipping orders already listed (pages overlap when
// new orders arrive between two requests); it reports how many were new.
func (t *table) add(rs []row) int {
	if t.seen == nil {
		t.seen = map[string]bool{}
	}
	n := 0
	for _, r := range rs {
		if r.id != "" {
			if t.seen[r.id] {
				continue
			}
			t.seen[r.id] = true
		}
		t.rows = append(t.rows, r)
		n++
	}
	t.gen++
	return n
}

// layout picks the columns for a width.
func (t *table) layout(width, height int, currency string) {
	t.width, t.height = width, max(height, 1)
	wide, full := width >= wideWidth, width >= fullWidth
	cols := []column{{id: colID, header: "Order id", width: 19}}
	if wide {
		cols = append(cols, column{id: colCreatedLong, header: "Created (CST)", width: 16})
	} else {
		cols = append(cols, column{id: colCreated, header: "Created", width: 11})
	}
	if full {
		cols = append(cols, column{id: colPaid, header: "Paid (CST)", width: 16})
	}
	if wide {
		cols = append(cols, column{id: colStatusLong, header: "Status", width: 24})
	} else {
		cols = append(cols, column{id: colStatus, header: "Status", width: 16})
	}
	cols = append(cols, column{id: colTotal, header: "Total", width: 10, right: true})
	if wide && currency != "" {
		cols = append(cols, column{id: colConverted, header: currency, width: 13, right: true})
	}
	cols = append(cols, column{id: colItems, header: "Items", width: 5, right: true})
	if wide {
		cols = append(cols, column{id: colPieces, header: "Pieces", width: 7, right: true})
	}
	cols = append(cols, column{id: colSupplier, header: "Supplier"})
	if full {
		cols = append(cols, column{id: colOutID, header: "Your order no.", width: 26})
	}
	fixed := prefixWidth + len(cols) - 1
	for _, c := range cols {
		fixed += c.width
	}
	for i := range cols {
		if cols[i].id == colSupplier {
			cols[i].width = max(width-fixed, minSupplier)
		}
	}
	// Below 80 columns the fixed columns alone overflow: drop from the
	// right, but never the id.
	for len(cols) > 1 && lineWidth(cols) > width {
		cols = cols[:len(cols)-1]
	}
	t.cols = cols
	t.gen++
	t.clamp()
}

func lineWidth(cols []column) int {
	w := prefixWidth + len(cols) - 1
	for _, c := range cols {
		w += c.width
	}
	return w
}

func (t *table) move(n int) { t.cursor += n; t.clamp() }
func (t *table) top()       { t.cursor = 0; t.clamp() }
func (t *table) bottom()    { t.cursor = len(t.rows) - 1; t.clamp() }

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

// find is the index of an order, or -1.
func (t *table) find(id string) int {
	for i := range t.rows {
		if t.rows[i].id == id {
			return i
		}
	}
	return -1
}

func (t *table) header(s *theme.Styles) string {
	if t.head != "" && t.headGen == t.gen {
		return t.head
	}
	var b strings.Builder
	b.WriteString(strings.Repeat(" ", prefixWidth))
	for i, c := range t.cols {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(pad(c.header, c))
	}
	t.head, t.headGen = s.TableHeader.Render(b.String()), t.gen
	return t.head
}

// view draws the rows in view. marked says which orders are marked to pay.
func (t *table) view(s *theme.Styles, marked map[string]bool) []string {
	end := min(t.offset+t.height, len(t.rows))
	lines := make([]string, 0, max(end-t.offset, 0))
	for i := t.offset; i < end; i++ {
		lines = append(lines, t.line(s, i, marked[t.rows[i].id]))
	}
	return lines
}

func (t *table) line(s *theme.Styles, i int, marked bool) string {
	r := &t.rows[i]
	sel := i == t.cursor
	if !sel && !marked && r.gen == t.gen && r.line != "" {
		return r.line
	}
	if sd := t.sel; sel && sd.text != "" && sd.row == i && sd.gen == t.gen && sd.marked == marked {
		return sd.text
	}
	var b strings.Builder
	b.Grow(t.width + 16)
	if sel {
		b.WriteByte('>')
	} else {
		b.WriteByte(' ')
	}
	// The mark is a character, not a colour: it must survive NO_COLOR and
	// a screen reader.
	if marked {
		b.WriteString("* ")
	} else {
		b.WriteString("  ")
	}
	for j, c := range t.cols {
		if j > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(pad(r.cells[c.id], c))
	}
	if sel {
		t.sel = selDrawing{row: i, gen: t.gen, marked: marked, text: s.Selected.Render(b.String())}
		return t.sel.text
	}
	if !marked {
		r.line, r.gen = b.String(), t.gen
	}
	return b.String()
}

func pad(text string, c column) string {
	if c.right {
		return sanitize.PadLeft(text, c.width)
	}
	return sanitize.Pad(text, c.width)
}
