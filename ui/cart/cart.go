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

// Key identifies a line: one SKU of one offer.
type Key struct{ OfferID, SpecID string }

// Key returns the line's key.
func (l Line) Key() Key { return Key{l.OfferID, l.SpecID} }

// Group is one supplier's lines: 1688 takes one supplier per order, so a
// group is what one preview and one create carry.
type Group struct {
	SellerOpenID string
	SellerName   string
	Lines        []Line
}

// Groups returns the lines grouped by supplier, suppliers in the order
// their first line was added, lines in the order added.
func (c *Cart) Groups() []Group {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []Group
	idx := map[string]int{}
	for _, l := range c.lines {
		i, ok := idx[l.SellerOpenID]
		if !ok {
			i = len(out)
			idx[l.SellerOpenID] = i
			out = append(out, Group{SellerOpenID: l.SellerOpenID, SellerName: l.SellerName})
		}
		out[i].Lines = append(out[i].Lines, l)
	}
	return out
}

// Remove takes lines out of the cart (after their order was created).
func (c *Cart) Remove(keys ...Key) {
	c.mu.Lock()
	defer c.mu.Unlock()
	drop := map[Key]bool{}
	for _, k := range keys {
		drop[k] = true
	}
	kept := c.lines[:0]
	for _, l := range c.lines {
		if !drop[l.Key()] {
			kept = append(kept, l)
		}
	}
	c.lines = kept
}

// SetQuantity changes a line's quantity; it reports false when the line is
// not in the cart.
func (c *Cart) SetQuantity(k Key, q int64) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i := range c.lines {
		if c.lines[i].Key() == k {
			c.lines[i].Quantity = q
			return true
		}
	}
	return false
}
