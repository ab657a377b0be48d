// Package cart is the shopping cart's logic, free of any UI so it can be
// tested on its own. (The on-disk store comes with the ordering screens.)
package cart

import (
	"sync"

	"caigou/xport"
)

// Line is one SKU of one offer at a quantity.
type Line struct {
	OfferID      string
	SpecID       string // "" for offers without SKUs
	SkuID        string
	Title        string // translated title, sanitised
	TitleZH      string // Chinese title, sanitised
	SKUDesc      string // "红色 / M", sanitised
	Quantity     int64
	UnitPrice    xport.Fen // from the tier that applies when added
	SellerOpenID string
	SellerName   string
	MOQ          int64
	Batch        int64
}

// Total is the line's amount; ok is false on overflow.
func (l Line) Total() (xport.Fen, bool) { return l.UnitPrice.Mul(l.Quantity) }

// Cart holds lines. It is safe for concurrent use: the UI reads it while a
// command may be adding to it.
type Cart struct {
	mu    sync.Mutex
	lines []Line
}

// Add puts a line in the cart; the same offer and SKU adds to the quantity
// already there.
func (c *Cart) Add(l Line) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i := range c.lines {
		if c.lines[i].OfferID == l.OfferID && c.lines[i].SpecID == l.SpecID {
			c.lines[i].Quantity += l.Quantity
			c.lines[i].UnitPrice = l.UnitPrice
			return
		}
	}
	c.lines = append(c.lines, l)
}

// Lines returns a copy of the lines.
func (c *Cart) Lines() []Line {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]Line(nil), c.lines...)
}

// Count is the number of lines.
func (c *Cart) Count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.lines)
}

// Total is the sum of the line totals at the prices recorded.
func (c *Cart) Total() xport.Fen {
	c.mu.Lock()
	defer c.mu.Unlock()
	var t xport.Fen
	for _, l := range c.lines {
		lt, _ := l.Total()
		t, _ = t.Add(lt)
	}
	return t
}
