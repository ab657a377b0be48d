package checkout

import (
	"context"

	"caigou/ui/common"
	"caigou/xport"
)

// market is what checkout (preview, place, look-up, pay) asks of the marketplace: the part of
// common.Market this package uses, written where it is used so the
// compiler keeps the dependency as narrow as it says.
type market interface {
	Backend() xport.Backend
	PreviewOrder(ctx context.Context, r xport.OrderRequest) ([]xport.Preview, error)
	CreateOrder(ctx context.Context, r xport.OrderRequest) (*xport.CreateResult, error)
	PayOrders(ctx context.Context, orderIDs []string) (*xport.PayResult, error)
	FindByOutOrderID(ctx context.Context, outOrderID string) (*xport.LookUp, error)
}

// marketOf is the session's marketplace, seen through market.
func marketOf(c *common.Common) market { return c.Client }
