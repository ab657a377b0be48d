// Package cart is the shopping cart's logic, free of any UI so it can be
// tested on its own: lines, supplier groups, prices from the tiers that
// apply, the 1688 quantity checks, and the store that keeps the cart on
// disk for the user's every session.
package cart

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"sync"
	"time"

	"caigou/ui/pricing"
	"caigou/ui/statedb"
	"caigou/xport"
)

// Line is one SKU of one offer at a quantity. Besides what is shown it
// carries what the cart needs to re-price and re-check the line without
// asking the network again: the offer's tiers, the SKU's own price, the
// stock, the lot size and the seller's mixed-batch rule as the product
// page saw them.
type Line struct {
	OfferID  string
	SpecID   string // "" for offers without SKUs
	SkuID    string
	Title    string // translated title, sanitised
	TitleZH  string // Chinese title, sanitised
	SKUDesc  string // "红色 / M", sanitised
	Quantity int64
	// UnitPrice is the price of the tier that applies now. The cart
	// re-prices an offer's lines on every change, because for quoteType 0
	// and 2 one SKU's quantity moves the tier of its siblings.
	UnitPrice    xport.Fen
	SellerOpenID string
	SellerName   string
	MOQ          int64
	Batch        int64

	// QuoteType is 1688's: 0 no SKUs, 1 priced per SKU, 2 SKUs priced
	// by the offer's total quantity.
	QuoteType int64
	Tiers     []pricing.Tier
	SKUPrice  xport.Fen // the SKU's own price; 0 when unknown
	Stock     int64     // -1 when unknown
	Mix       pricing.Mix
	Unit      string // unit word for messages ("piece", "件"); "" is pieces
	AddedAt   time.Time
}

// Total is the line's amount; ok is false on overflow.
func (l Line) Total() (xport.Fen, bool) { return l.UnitPrice.Mul(l.Quantity) }

// Key identifies a line: one SKU of one offer.
type Key struct{ OfferID, SpecID string }

// Key returns the line's key.
func (l Line) Key() Key { return Key{l.OfferID, l.SpecID} }

// SameLines reports whether a and b hold the same lines in the same
// order, every field alike (as reflect.DeepEqual would say, without its
// cost): a page can keep what it worked out from lines that did not
// change.
func SameLines(a, b []Line) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !equalLine(&a[i], &b[i]) {
			return false
		}
	}
	return true
}

// Group is one supplier's lines: 1688 takes one supplier per order, so a
// group is what one preview and one create carry.
type Group struct {
	SellerOpenID string
	SellerName   string
	Lines        []Line
}

// ErrNoLine is returned for a change to a line that is not in the cart
// (another session may have removed it).
var ErrNoLine = errors.New("that line is no longer in the cart")

// Cart holds lines, the message to each seller and the user's
// preferences. The zero Cart lives in memory only; Open gives one backed
// by files that every session of the user shares.
//
// It is safe for concurrent use: the UI reads it while a command changes
// it. Changes of a store-backed cart read and write files, so the UI makes
// them in commands, not in Update or View.
type Cart struct {
	// io serialises this process's read-modify-write cycles; the
	// database's write lock serialises them with other processes.
	io    sync.Mutex
	st    *store
	notes []string

	mu      sync.Mutex // guards what follows; never held during I/O
	cur     contents
	prefs   Prefs
	version uint64
	err     error
	// total is the sum of cur's lines, kept as they change so the header
	// can show it on every frame without copying the cart; summed is
	// false until it is worked out for cur (Open sets cur directly).
	total  xport.Fen
	summed bool
}

// contents is the cart's lines and messages.
type contents struct {
	lines    []Line
	messages map[string]string // seller open id → message
}

func (c contents) clone() contents {
	out := contents{lines: make([]Line, len(c.lines))}
	copy(out.lines, c.lines)
	for i := range out.lines {
		out.lines[i].Tiers = append([]pricing.Tier(nil), out.lines[i].Tiers...)
	}
	if len(c.messages) > 0 {
		out.messages = make(map[string]string, len(c.messages))
		for k, v := range c.messages {
			out.messages[k] = v
		}
	}
	return out
}

// tidy re-prices the lines and forgets messages to sellers who no longer
// have a line, so an old note does not ride along with a later order.
func (c *contents) tidy() {
	c.lines = Reprice(c.lines)
	for s, m := range c.messages {
		if m == "" || !c.hasSeller(s) {
			delete(c.messages, s)
		}
	}
}

func (c *contents) hasSeller(id string) bool {
	for _, l := range c.lines {
		if l.SellerOpenID == id {
			return true
		}
	}
	return false
}

func (c *contents) find(k Key) int {
	for i := range c.lines {
		if c.lines[i].Key() == k {
			return i
		}
	}
	return -1
}

// snapshot copies the current contents for a change to work on. The
// lines are copied, not their tiers: nothing in the package changes a
// tier in place (a line gets new tiers by being replaced), and copying
// every line's tiers made each change cost an allocation per line.
func (c *Cart) snapshot() contents {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := contents{lines: append([]Line(nil), c.cur.lines...)}
	if len(c.cur.messages) > 0 {
		out.messages = make(map[string]string, len(c.cur.messages))
		for k, v := range c.cur.messages {
			out.messages[k] = v
		}
	}
	return out
}

// publish makes cur what the session shows, counting a change.
func (c *Cart) publish(cur contents) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !equalContents(c.cur, cur) {
		c.version++
		c.summed = false
	}
	c.cur = cur
}

// Lines returns a copy of the lines, in the order they were added.
func (c *Cart) Lines() []Line {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.cur.clone().lines
}

// Shared returns the lines as the cart holds them, without a copy, for
// a reader that changes nothing in them (not a field, not a tier): the
// cart never changes a published slice in place, it replaces it.
func (c *Cart) Shared() []Line {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.cur.lines[:len(c.cur.lines):len(c.cur.lines)]
}

// Count is the number of lines.
func (c *Cart) Count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.cur.lines)
}

// Total is the sum of the line totals at the prices that apply, or 0
// when it overflows (Summarize reports that as a warning) rather than a
// wrapped amount.
func (c *Cart) Total() xport.Fen {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.summed {
		c.total, _ = Sum(c.cur.lines)
		c.summed = true
	}
	return c.total
}

// Version counts the changes the session has seen, its own and those
// Reload picked up; a page redraws when it moves.
func (c *Cart) Version() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.version
}

// Path is the state database the cart is kept in, or "" for a cart in
// memory only.
func (c *Cart) Path() string {
	if c.st == nil {
		return ""
	}
	return c.st.db.Path()
}

// DB is the state database the cart is kept in, nil for a cart in
// memory only: the journal and preferences share it.
func (c *Cart) DB() *statedb.DB {
	if c.st == nil {
		return nil
	}
	return c.st.db
}

// Notes are what opening the cart has to tell the agent once: the old
// files it imported.
func (c *Cart) Notes() []string { return c.notes }

// Err is the error of the last Add, Remove or SetQuantity, whose
// signatures have no room for one; nil when it was saved.
func (c *Cart) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

func (c *Cart) setErr(err error) {
	c.mu.Lock()
	c.err = err
	c.mu.Unlock()
}

// Groups returns the lines grouped by supplier, suppliers in the order
// their first line was added, lines in the order added.
func (c *Cart) Groups() []Group { return GroupLines(c.Lines()) }

// GroupLines groups lines by supplier, keeping the order of first
// appearance. The groups' lines share one new array: one allocation
// however many suppliers, since the cart page regroups on every change.
func GroupLines(lines []Line) []Group {
	var out []Group
	idx := make(map[string]int, 8)
	var count []int
	// gi is each line's group; a supplier's lines are usually added one
	// after another, so the last one answers most look-ups without the map.
	gi := make([]int32, len(lines))
	last, lastG := "", -1
	for i := range lines {
		seller := lines[i].SellerOpenID
		g := lastG
		if seller != last || g < 0 {
			var ok bool
			if g, ok = idx[seller]; !ok {
				g = len(out)
				idx[seller] = g
				out = append(out, Group{SellerOpenID: seller, SellerName: lines[i].SellerName})
				count = append(count, 0)
			}
			last, lastG = seller, g
		}
		gi[i] = int32(g)
		count[g]++
	}
	all := make([]Line, len(lines))
	start := 0
	for g := range out {
		out[g].Lines = all[start : start : start+count[g]]
		start += count[g]
	}
	for i := range lines {
		g := gi[i]
		out[g].Lines = append(out[g].Lines, lines[i])
	}
	return out
}

// Add puts a line in the cart; the same offer and SKU adds to the quantity
// already there. A failure to save leaves the cart as it was and is kept
// for Err.
func (c *Cart) Add(l Line) { c.setErr(c.Put(l)) }

// Remove takes lines out of the cart (after their order was created). A
// failure to save leaves the cart as it was and is kept for Err.
func (c *Cart) Remove(keys ...Key) { c.setErr(c.Delete(keys...)) }

// SetQuantity changes a line's quantity; it reports false when the line is
// not in the cart or the change could not be saved (see Err).
func (c *Cart) SetQuantity(k Key, q int64) bool {
	err := c.Set(k, q)
	c.setErr(err)
	return err == nil
}

// Put adds a line, or adds its quantity to the same SKU's line, taking
// the newer product facts (tiers, stock, rules) from l.
func (c *Cart) Put(l Line) error {
	_, err := c.putLine(l, false, false)
	return err
}

// StockError refuses an add the seller's stock cannot cover, counting
// what the cart already holds of the SKU.
type StockError struct {
	Stock, InCart, Adding int64
}

func (e *StockError) Error() string {
	if e.InCart == 0 {
		return fmt.Sprintf("only %d in stock; add at most %d", e.Stock, e.Stock)
	}
	room := max(e.Stock-e.InCart, 0)
	return fmt.Sprintf("only %d in stock and the cart already holds %d: add at most %d more", e.Stock, e.InCart, room)
}

// AddChecked is Put, refused with a *StockError when the line's quantity
// after the add would pass the stock l carries (-1: unknown, not
// checked). It returns the cart's line as it now is.
func (c *Cart) AddChecked(l Line) (Line, error) {
	return c.putLine(l, false, true)
}

// SetLine puts l in the cart with exactly its quantity: the product page
// opened from a cart line edits that line, it does not add to it.
func (c *Cart) SetLine(l Line) (Line, error) {
	return c.putLine(l, true, true)
}

// putLine adds l (or, with set, replaces the quantity of its SKU's line)
// taking the newer product facts from l; with stock, a quantity past
// the stock l carries is refused.
func (c *Cart) putLine(l Line, set, stock bool) (Line, error) {
	l, err := checkLine(l)
	if err != nil {
		return Line{}, err
	}
	var out Line
	err = c.change(func(cur *contents) error {
		var err error
		out, err = cur.put(l, set, stock)
		return err
	})
	if err != nil {
		return Line{}, err
	}
	// The price the cart settled on (tiers move with the total).
	for _, cl := range c.Shared() {
		if cl.Key() == out.Key() {
			out = cl
		}
	}
	return out, nil
}

// AddAll adds lines as AddChecked does, in one change: every line, or
// (one over its stock, a failure) none. An import of a client's list
// never leaves half of it in the cart.
func (c *Cart) AddAll(lines []Line) error {
	checked := make([]Line, len(lines))
	for i, l := range lines {
		var err error
		if checked[i], err = checkLine(l); err != nil {
			return err
		}
	}
	return c.change(func(cur *contents) error {
		for _, l := range checked {
			if _, err := cur.put(l, false, true); err != nil {
				return fmt.Errorf("%s: %w", l.OfferID, err)
			}
		}
		return nil
	})
}

// checkLine refuses a line the cart cannot hold and copies what it
// shares with the caller.
func checkLine(l Line) (Line, error) {
	if l.OfferID == "" {
		return Line{}, errors.New("a cart line needs an offer id")
	}
	if l.Quantity <= 0 {
		return Line{}, errors.New("a cart line needs a quantity above zero")
	}
	l.Tiers = append([]pricing.Tier(nil), l.Tiers...)
	// As the database gives it back, so a reload of an unchanged line is
	// no change.
	l.AddedAt = l.AddedAt.Round(0).UTC()
	return l, nil
}

// put adds l to the contents (or sets its quantity), refusing beyond
// stock when stock is true.
func (cur *contents) put(l Line, set, stock bool) (Line, error) {
	i := cur.find(l.Key())
	var have int64
	if i >= 0 {
		have = cur.lines[i].Quantity
	}
	q := l.Quantity
	if !set {
		var ok bool
		if q, ok = addQty(have, l.Quantity); !ok {
			return Line{}, errors.New("that would be more than can ever be ordered")
		}
	}
	if stock && l.Stock >= 0 && q > l.Stock {
		if set {
			return Line{}, &StockError{Stock: l.Stock, Adding: l.Quantity}
		}
		return Line{}, &StockError{Stock: l.Stock, InCart: have, Adding: l.Quantity}
	}
	nl := l
	nl.Quantity = q
	if i < 0 {
		cur.lines = append(cur.lines, nl)
	} else {
		if !cur.lines[i].AddedAt.IsZero() {
			nl.AddedAt = cur.lines[i].AddedAt
		}
		cur.lines[i] = nl
	}
	return nl, nil
}

// Delete removes the lines with these keys; keys not in the cart are
// ignored, since another session may have removed them first.
func (c *Cart) Delete(keys ...Key) error {
	drop := map[Key]bool{}
	for _, k := range keys {
		drop[k] = true
	}
	return c.change(func(cur *contents) error {
		kept := cur.lines[:0]
		for _, l := range cur.lines {
			if !drop[l.Key()] {
				kept = append(kept, l)
			}
		}
		cur.lines = kept
		return nil
	})
}

// Set changes a line's quantity, or returns ErrNoLine.
func (c *Cart) Set(k Key, q int64) error {
	if q <= 0 {
		return errors.New("a quantity must be above zero; remove the line instead")
	}
	return c.change(func(cur *contents) error {
		i := cur.find(k)
		if i < 0 {
			return ErrNoLine
		}
		cur.lines[i].Quantity = q
		return nil
	})
}

// Restore puts a removed line back at position at (clamped), to undo a
// removal. A line with the same key added meanwhile is kept as it is.
func (c *Cart) Restore(l Line, at int) error {
	return c.change(func(cur *contents) error {
		if cur.find(l.Key()) >= 0 {
			return nil
		}
		at = max(0, min(at, len(cur.lines)))
		cur.lines = append(cur.lines[:at], append([]Line{l}, cur.lines[at:]...)...)
		return nil
	})
}

// MaxMessage is 1688's limit on the message to a seller, in characters.
const MaxMessage = 500

// Message is the message to a seller, "" when none.
func (c *Cart) Message(sellerOpenID string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.cur.messages[sellerOpenID]
}

// Messages returns a copy of the messages by seller open id.
func (c *Cart) Messages() map[string]string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]string, len(c.cur.messages))
	for k, v := range c.cur.messages {
		out[k] = v
	}
	return out
}

// SetMessage sets the message to a seller who has lines in the cart; ""
// clears it.
func (c *Cart) SetMessage(sellerOpenID, text string) error {
	if n := len([]rune(text)); n > MaxMessage {
		return errTooLong(n)
	}
	return c.change(func(cur *contents) error {
		if !cur.hasSeller(sellerOpenID) {
			return errors.New("this supplier has no lines in the cart any more")
		}
		if cur.messages == nil {
			cur.messages = map[string]string{}
		}
		cur.messages[sellerOpenID] = text
		return nil
	})
}

// change applies fn to the cart: for a store-backed cart in one
// transaction, to what the database holds now (so another session's
// changes are kept), writing only the lines that changed. Nothing
// changes, on disk or here, when fn or the write fails: what the session
// shows is what was saved.
func (c *Cart) change(fn func(*contents) error) error {
	c.io.Lock()
	defer c.io.Unlock()
	if c.st == nil {
		cur := c.snapshot()
		if err := fn(&cur); err != nil {
			return err
		}
		cur.tidy()
		c.publish(cur)
		return nil
	}
	ctx := context.Background()
	st, saved := c.st, *c.st
	var cur contents
	err := st.db.Tx(ctx, func(tx *sql.Tx) error {
		rev, err := statedb.Counter(ctx, tx, cartRev)
		if err != nil {
			return err
		}
		// What this session holds is current unless another session
		// changed the cart since: only then are the lines read again.
		// c.cur is never changed in place (publish replaces it), and only
		// a change, which holds c.io, replaces it: no copy is needed.
		c.mu.Lock()
		before := c.cur
		c.mu.Unlock()
		if rev != st.rev {
			if before, err = st.load(ctx, tx); err != nil {
				return err
			}
		}
		cur = contents{lines: append([]Line(nil), before.lines...), messages: maps.Clone(before.messages)}
		if err := fn(&cur); err != nil {
			return err
		}
		cur.tidy()
		return st.save(ctx, tx, before, cur)
	})
	if err != nil {
		// The transaction was rolled back: so is what the store believes.
		*c.st = saved
		return err
	}
	c.publish(cur)
	return nil
}

// Reload picks up changes another session saved, reporting whether the
// cart changed. It costs one pragma when no other session wrote anything
// since it last looked, and reads the lines only when the cart changed.
func (c *Cart) Reload() (bool, error) {
	if c.st == nil {
		return false, nil
	}
	c.io.Lock()
	defer c.io.Unlock()
	ctx := context.Background()
	st := c.st
	gen, err := st.db.Generation(ctx)
	if err != nil || gen == st.gen {
		return false, err
	}
	before := c.Version()
	saved := *st
	var cur *contents
	var prefs *Prefs
	err = st.db.Read(ctx, func(tx *sql.Tx) error {
		rev, err := statedb.Counter(ctx, tx, cartRev)
		if err != nil {
			return err
		}
		if rev != st.rev {
			got, err := st.load(ctx, tx)
			if err != nil {
				return err
			}
			cur = &got
		}
		prev, err := statedb.Counter(ctx, tx, prefsRev)
		if err != nil {
			return err
		}
		if prev != st.prefs {
			p, err := st.loadPrefs(ctx, tx)
			if err != nil {
				return err
			}
			prefs = &p
		}
		return nil
	})
	if err != nil {
		*c.st = saved
		return false, err
	}
	if cur != nil {
		c.publish(*cur)
	}
	if prefs != nil {
		c.setPrefs(*prefs)
	}
	st.gen = gen
	return c.Version() != before, nil
}

func addQty(a, b int64) (int64, bool) {
	if b > 0 && a > maxInt64-b {
		return 0, false
	}
	return a + b, true
}

const maxInt64 = 1<<63 - 1
