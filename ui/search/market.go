package search

import (
	"context"

	"caigou/ui/common"
	"caigou/xport"
)

// market is what search (keyword, picture, categories) asks of the marketplace: the part of
// common.Market this package uses, written where it is used so the
// compiler keeps the dependency as narrow as it says.
type market interface {
	SearchKeyword(ctx context.Context, q xport.SearchQuery) (*xport.OfferPage, error)
	SearchImage(ctx context.Context, img xport.ImageSource, q xport.SearchQuery) (*xport.OfferPage, error)
	Category(ctx context.Context, id string) (*xport.Category, error)
}

// marketOf is the session's marketplace, seen through market.
func marketOf(c *common.Common) market { return c.Client }
