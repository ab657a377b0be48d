package xport

import (
	"context"
	"errors"
	"time"
)

// Backend is what the desk shows and plans by that differs between
// marketplace backends: its name, how long it waits for an answer and how
// many requests a second it may send, and whether it talks plain HTTP to
// another machine (said in the header).
type Backend struct {
	// Name is the backend for people: "Xportcn", "1688".
	Name              string
	Timeout           time.Duration
	RequestsPerSecond int
	// ReadRetries is how often a read is tried again after a failure.
	ReadRetries  int
	InsecureHTTP bool
	// NoAddressSave: the backend cannot add a shipping address; the desk
	// hides the key and says where to add one.
	NoAddressSave bool
	// NoFee: the preview's sumPayment (goods and freight) is all an order
	// charges; no agent's fee or adjustment is added on top (1688 direct,
	// unlike Xportcn's sumTotalPayment).
	NoFee bool
	// CanCancel: the backend cancels an unpaid order (CancelOrder).
	CanCancel bool
}

// ErrNotAvailable is a capability the backend lacks: said in words, the
// key hidden where the desk knows it in advance.
var ErrNotAvailable = errors.New("not available with the Xportcn backend")

// CancelOrder is not in the Xportcn KA API as documented: an unpaid order
// is cancelled on 1688.com, or left to close by itself.
func (c *Client) CancelOrder(context.Context, string, string) error { return ErrNotAvailable }

// Backend describes this client.
func (c *Client) Backend() Backend {
	return Backend{Name: "Xportcn", Timeout: c.cfg.Timeout, RequestsPerSecond: c.cfg.RequestsPerSecond, ReadRetries: c.cfg.ReadRetries, InsecureHTTP: c.cfg.AllowInsecureHTTP}
}
