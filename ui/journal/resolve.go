package journal

import (
	"context"
	"time"

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

// Resolution is what a look-up at start found for one pending intent.
type Resolution struct {
	Intent   Intent
	OrderIDs []string // the orders found; none means the create did not take effect
	Err      error    // the look-up failed: the intent stays pending
}

// ResolvePending looks up every intent still pending that was made before
// cutoff, records what was found (created, or not placed), and returns it
// so the agent can be told. Intents made after cutoff are left alone: they
// may belong to a create another session still has in flight. A look-up
// that fails leaves its intent pending for the next time; a failure to
// record is returned.
func (j *Journal) ResolvePending(ctx context.Context, f Finder, cutoff time.Time) ([]Resolution, []string, error) {
	pending, notes, err := j.Pending()
	if err != nil {
		return nil, notes, err
	}
	var out []Resolution
	for _, in := range pending {
		if !in.At.Before(cutoff) {
			continue
		}
		if ctx.Err() != nil {
			return out, notes, ctx.Err()
		}
		ids, err := Resolve(ctx, f, in)
		r := Resolution{Intent: in, OrderIDs: ids, Err: err}
		if err == nil {
			o := Outcome{OutOrderID: in.OutOrderID, Result: NotPlaced, Reason: "looked up at start: no order"}
			if len(ids) > 0 {
				o = Outcome{OutOrderID: in.OutOrderID, Result: Created, OrderIDs: ids, Reason: "looked up at start"}
			}
			if werr := j.Outcome(o); werr != nil {
				return append(out, r), notes, werr
			}
		}
		out = append(out, r)
	}
	return out, notes, nil
}
