package journal

import (
	"context"

	"caigou/xport"
)

// Finder looks orders up by outOrderId; *xport.Client is one.
type Finder interface {
	FindByOutOrderID(ctx context.Context, outOrderID string) ([]xport.Order, error)
}

// Resolve looks an intent's outOrderId up and returns the ids of the orders
// found; none means the create did not take effect. It records nothing: the
// caller writes the outcome it decides on.
func Resolve(ctx context.Context, f Finder, in Intent) ([]string, error) {
	orders, err := f.FindByOutOrderID(ctx, in.OutOrderID)
	if err != nil {
		return nil, err
	}
	var ids []string
	seen := map[string]bool{}
	for _, o := range orders {
		if id := o.BaseInfo.OrderIDString(); id != "" && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids, nil
}
