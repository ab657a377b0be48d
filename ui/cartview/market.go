package cartview

import (
	"context"

	"caigou/ui/common"
	"caigou/xport"
)

// market is what the cart and its address chooser ask of the marketplace: the part of
// common.Market this package uses, written where it is used so the
// compiler keeps the dependency as narrow as it says.
type market interface {
	Backend() xport.Backend
	Addresses(ctx context.Context) ([]xport.Address, error)
	SaveAddress(ctx context.Context, a xport.Address) (string, error)
}

// marketOf is the session's marketplace, seen through market.
func marketOf(c *common.Common) market { return c.Client }
