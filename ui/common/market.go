package common

import (
	"context"

	"caigou/xport"
)

// Market is what the desk asks of a marketplace backend: search, detail,
// freight, addresses, chat, preview, create, pay and the orders. The
// Xportcn client is one; the 1688 Open Platform client is another. The
// screens reach it through this, in their own vocabulary (offers, SKUs,
// orders as xport's types; money as Fen, ids as strings), and never name
// a backend's package.
type Market interface {
	Backend() xport.Backend

	SearchKeyword(ctx context.Context, q xport.SearchQuery) (*xport.OfferPage, error)
	SearchImage(ctx context.Context, img xport.ImageSource, q xport.SearchQuery) (*xport.OfferPage, error)
	Category(ctx context.Context, id string) (*xport.Category, error)
	ProductDetail(ctx context.Context, offerID string) (*xport.ProductDetail, error)
	FreightEstimate(ctx context.Context, q xport.FreightQuery) (*xport.Freight, error)

	Addresses(ctx context.Context) ([]xport.Address, error)
	SaveAddress(ctx context.Context, a xport.Address) (string, error)
	ChatLink(ctx context.Context, sellerOpenID, offerID string) (string, error)

	PreviewOrder(ctx context.Context, r xport.OrderRequest) ([]xport.Preview, error)
	CreateOrder(ctx context.Context, r xport.OrderRequest) (*xport.CreateResult, error)
	PayOrders(ctx context.Context, orderIDs []string) (*xport.PayResult, error)

	ListOrders(ctx context.Context, q xport.OrderQuery) (*xport.OrderPage, error)
	FindByOutOrderID(ctx context.Context, outOrderID string) (*xport.LookUp, error)
	OrderDetail(ctx context.Context, orderID string) (*xport.Order, error)
	Logistics(ctx context.Context, orderID string) ([]xport.LogisticsTrace, error)
	// CancelOrder cancels an unpaid order where Backend().CanCancel; it is
	// a write, sent once.
	CancelOrder(ctx context.Context, orderID, reason string) error
}
