package xport

import (
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
	// AmountUnitFix is what the agent can do when an order's amounts do
	// not fit the unit the backend reads them in: a setting where the
	// unit is a guess, the marketplace's own page where it is documented.
	AmountUnitFix string
}
