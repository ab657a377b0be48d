package detail

import (
	"context"

	"caigou/ui/common"
	"caigou/xport"
)

// market is what the product page asks of the marketplace: the part of
// common.Market this package uses, written where it is used so the
// compiler keeps the dependency as narrow as it says.
type market interface {
	ProductDetail(ctx context.Context, offerID string) (*xport.ProductDetail, error)
	FreightEstimate(ctx context.Context, q xport.FreightQuery) (*xport.Freight, error)
	Addresses(ctx context.Context) ([]xport.Address, error)
	ChatLink(ctx context.Context, sellerOpenID, offerID string) (string, error)
}

// marketOf is the session's marketplace, seen through market.
func marketOf(c *common.Common) market { return c.Client }
