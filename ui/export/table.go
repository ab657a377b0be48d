// Package export writes the spreadsheets an agent sends a client (orders,
// carts, sourcing lists) and reads the ones a client sends back.
//
// A client opens these files in Excel, so the package is built around what
// Excel does to data: it turns a 19-digit order id into 3.30123E+18, it
// runs a cell that starts with "=" as a formula, and it shows a BOM-less
// UTF-8 CSV as mojibake. Every text value is also marketplace data written
// by strangers, so it is cleaned like anything else bound for a screen.
package export

import (
	"fmt"
	"time"
)

// Kind is what a column holds. It decides how a cell is stored, not just
// how it looks: an Identifier must stay text, Money must stay exact.
type Kind int

const (
	// Text is free text from the marketplace: titles, names, notes.
	Text Kind = iota
	// Identifier is an order, offer or sku id. It is digits but never a
	// number: Excel would round a 19-digit id to 15 significant digits.
	// (Named Identifier rather than ID because ID is the value constructor.)
	Identifier
	// Money is an amount in fen, shown as yuan with two decimals.
	Money
	// Int is a count or a quantity.
	Int
	// Time is a moment, shown in China time to the minute.
	Time
)

func (k Kind) String() string {
	switch k {
	case Text:
		return "text"
	case Identifier:
		return "id"
	case Money:
		return "money"
	case Int:
		return "integer"
	case Time:
		return "time"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Column is one column of a table: its heading and what its cells hold.
type Column struct {
	Name string
	Kind Kind
}

// Table is one sheet. Rows hold one Value per column, of the column's kind
// or empty: a typed table lets the writers pick a cell type per column
// instead of guessing from the text, which is how ids become numbers.
type Table struct {
	Sheet   string // the sheet's tab name in XLSX; ignored by CSV
	Columns []Column
	Rows    [][]Value
}

// Value is one cell. The zero Value is an empty cell, allowed in any
// column, so "no amount" stays distinct from "¥0.00".
type Value struct {
	kind Kind
	set  bool
	s    string    // Text, Identifier
	n    int64     // Money (fen), Int
	t    time.Time // Time
}

// T is a text cell.
func T(s string) Value { return Value{kind: Text, set: true, s: s} }

// ID is an id cell: kept as text in every format.
func ID(s string) Value { return Value{kind: Identifier, set: true, s: s} }

// Fen is a money cell holding an amount in fen (1 yuan = 100 fen). Money
// stays an integer until the moment it is written, so no float ever
// rounds a price.
func Fen(fen int64) Value { return Value{kind: Money, set: true, n: fen} }

// N is an integer cell (quantities, counts).
func N(n int64) Value { return Value{kind: Int, set: true, n: n} }

// At is a time cell. The zero time is an empty cell: 1688 leaves dates
// out more often than it sends nonsense, and a blank reads better than
// 0001-01-01.
func At(t time.Time) Value {
	if t.IsZero() {
		return Value{}
	}
	return Value{kind: Time, set: true, t: t}
}

// Empty is an empty cell, the same as the zero Value; it exists so rows
// read well where a value is missing on purpose.
func Empty() Value { return Value{} }

// IsEmpty reports whether v is an empty cell.
func (v Value) IsEmpty() bool { return !v.set }

// check catches a malformed table before anything is written, so a
// half-written file is never the way a caller's bug shows up.
func (t Table) check() error {
	if len(t.Columns) == 0 {
		return fmt.Errorf("export: the table has no columns")
	}
	for j, c := range t.Columns {
		if c.Kind < Text || c.Kind > Time {
			return fmt.Errorf("export: column %d (%q) has unknown kind %v", j+1, c.Name, c.Kind)
		}
	}
	for i, row := range t.Rows {
		if len(row) != len(t.Columns) {
			return fmt.Errorf("export: row %d has %d values, the table has %d columns", i+1, len(row), len(t.Columns))
		}
		for j, v := range row {
			if v.set && v.kind != t.Columns[j].Kind {
				return fmt.Errorf("export: row %d, column %q: a %v value in a %v column", i+1, t.Columns[j].Name, v.kind, t.Columns[j].Kind)
			}
		}
	}
	return nil
}
