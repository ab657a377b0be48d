package xport

import "time"

// Backend is what the desk shows and plans by that differs between
// marketplace backends: its name, how long it waits for an answer and how
// many requests a second it may send, and whether it talks plain HTTP to
// another machine (said in the header).
type Backend struct {
	// Name is the backend for people: "Xportcn", "1688".
	Name              string
	Timeout           time.Duration
	RequestsPerSecond int
	InsecureHTTP      bool
	// NoAddressSave: the backend cannot add a shipping address; the desk
	// hides the key and says where to add one.
	NoAddressSave bool
	// NoFee: the preview's sumPayment (goods and freight) is all an order
	// charges; no agent's fee or adjustment is added on top (1688 direct,
	// unlike Xportcn's sumTotalPayment).
	NoFee bool
}

// Backend describes this client.
func (c *Client) Backend() Backend {
	return Backend{Name: "Xportcn", Timeout: c.cfg.Timeout, RequestsPerSecond: c.cfg.RequestsPerSecond, InsecureHTTP: c.cfg.AllowInsecureHTTP}
}
