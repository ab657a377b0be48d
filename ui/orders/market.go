package orders

import (
	"context"

	"caigou/ui/common"
	"caigou/xport"
)

// market is what the orders screens (list, detail, tracking, pay, cancel,
// buy again) ask of the marketplace: the part of common.Market this
// package uses, written where it is used so the compiler keeps the
// dependency as narrow as it says.
type market interface {
	Backend() xport.Backend
	ProductDetail(ctx context.Context, offerID string) (*xport.ProductDetail, error)
	PayOrders(ctx context.Context, orderIDs []string) (*xport.PayResult, error)
	ListOrders(ctx context.Context, q xport.OrderQuery) (*xport.OrderPage, error)
	OrderDetail(ctx context.Context, orderID string) (*xport.Order, error)
	Logistics(ctx context.Context, orderID string) ([]xport.LogisticsTrace, error)
	CancelOrder(ctx context.Context, orderID, reason string) error
}

// marketOf is the session's marketplace, seen through market.
func marketOf(c *common.Common) market { return c.Client }
