package detail

import (
	"context"

	"caigou/xport"
)

// Getter is what Fetch asks of the marketplace: one offer's detail, the
// documented call (the multi-offer endpoint is only inferred).
type Getter interface {
	ProductDetail(ctx context.Context, offerID string) (*xport.ProductDetail, error)
}

// Fetched is the details of several offers: each found one, the ones the
// service said do not exist, and the ones that failed otherwise.
type Fetched struct {
	Details map[string]*xport.ProductDetail
	Gone    map[string]bool
	Failed  map[string]error
}

// Fetch reads the details of ids one call each (the client's limiter
// spaces them), telling progress after each. It stops at the first
// cancellation: the caller went away, and what is left is not asked.
func Fetch(ctx context.Context, g Getter, ids []string, progress func(done int)) Fetched {
	f := Fetched{Details: map[string]*xport.ProductDetail{}, Gone: map[string]bool{}, Failed: map[string]error{}}
	for i, id := range ids {
		if ctx.Err() != nil {
			f.Failed[id] = ctx.Err()
			continue
		}
		d, err := g.ProductDetail(ctx, id)
		switch {
		case xport.NoSuchRecord(err):
			f.Gone[id] = true
		case err != nil:
			f.Failed[id] = err
		case d == nil:
			f.Gone[id] = true
		default:
			f.Details[id] = d
		}
		if progress != nil {
			progress(i + 1)
		}
	}
	return f
}
