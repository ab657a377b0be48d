// Package pricing holds the 1688 price and quantity rules the desk applies
// before the preview does: which tier a quantity unlocks, what a SKU costs,
// and whether a quantity respects the minimum order, the lot size, the
// seller's mixed-batch rule and the stock. It knows nothing of Bubble Tea so
// that the product page and the cart share one reading of the rules, and
// its messages are written for the agent, because they are shown as they
// are.
package pricing
