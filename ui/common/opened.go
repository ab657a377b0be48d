package common

import "time"

// OfferFacts is what an offer's detail says that its search card does not.
type OfferFacts struct {
	// SoldOut: every SKU (or the offer, when it has none) is out of stock.
	SoldOut bool
	At      time.Time
}

// Opened is the session's facts of opened offers, by offer id. It is read
// and written on the UI goroutine only, like the rest of Common.
type Opened struct {
	m   map[string]OfferFacts
	gen int
}

// maxOpened bounds a long day's record; past it the oldest knowledge is
// simply forgotten (it is only ever a mark on a list).
const maxOpened = 20_000

// Put records what the detail of offer id said.
func (o *Opened) Put(id string, f OfferFacts) {
	if o.m == nil || len(o.m) >= maxOpened {
		o.m = map[string]OfferFacts{}
	}
	if old, ok := o.m[id]; ok && old.SoldOut == f.SoldOut {
		o.m[id] = f
		return // nothing a list shows has changed
	}
	o.m[id] = f
	o.gen++
}

// Get is what is known of offer id.
func (o *Opened) Get(id string) (OfferFacts, bool) {
	f, ok := o.m[id]
	return f, ok
}

// Gen changes whenever a fact a list shows changes: a list redraws its
// kept rows when it moved.
func (o *Opened) Gen() int { return o.gen }
