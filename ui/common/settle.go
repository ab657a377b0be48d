package common

import (
	"context"
	"time"

	"caigou/ui/cart"
	"caigou/ui/journal"
)

// SettleCutoff is the moment before which a pending create may be looked
// up: one request timeout and a margin ago. A younger one may belong to a
// session still waiting for its answer.
func (c *Common) SettleCutoff() time.Time {
	return c.Now().Add(-c.Client.Backend().Timeout - 5*time.Second)
}

// SettlePending looks up the creates whose answer was lost (older than
// SettleCutoff), records what was found, and takes the lines of every
// order found out of the cart, as the lost answer would have. It is I/O:
// call it from a command. At start and when the orders list is read, the
// desk does exactly this.
func (c *Common) SettlePending(ctx context.Context, when string) ([]journal.Resolution, []string, error) {
	found, notes, err := c.Journal.ResolvePending(ctx, c.Client, c.SettleCutoff(), when)
	var keys []cart.Key
	for _, r := range found {
		if r.Err == nil && len(r.OrderIDs) > 0 {
			for _, l := range r.Intent.Lines {
				keys = append(keys, cart.Key{OfferID: l.OfferID, SpecID: l.SpecID})
			}
		}
	}
	if len(keys) > 0 && c.Cart != nil {
		if derr := c.Cart.Delete(keys...); derr != nil {
			notes = append(notes, "The lines of an order found could not be taken out of the cart ("+derr.Error()+"); remove them before ordering again")
		}
	}
	return found, notes, err
}
