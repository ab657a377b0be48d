package xportcn

import (
	"context"
	"errors"

	"caigou/xport"
)

// ErrNotAvailable is a capability the Xportcn KA API lacks: said in words,
// the key hidden where the desk knows it in advance (Backend).
var ErrNotAvailable = errors.New("not available with the Xportcn backend: cancel an unpaid order on 1688.com, or let it close by itself")

// CancelOrder is not in the Xportcn KA API as documented: an unpaid order
// is cancelled on 1688.com, or left to close by itself.
func (c *Client) CancelOrder(context.Context, string, string) error { return ErrNotAvailable }

// Backend describes this client.
func (c *Client) Backend() xport.Backend {
	return xport.Backend{Name: "Xportcn", Timeout: c.cfg.Timeout, RequestsPerSecond: c.cfg.RequestsPerSecond, ReadRetries: c.cfg.ReadRetries, InsecureHTTP: c.cfg.AllowInsecureHTTP,
		AmountUnitFix: "set order_amount_unit under [xport.wire] in the config (\"fen\" or \"yuan\"); `caigou check --deep` tells which"}
}
