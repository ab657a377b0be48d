package journal

import (
	"context"
	"time"

	"caigou/xport"
)

// Finder looks orders up by outOrderId; every marketplace client is one.
type Finder interface {
	FindByOutOrderID(ctx context.Context, outOrderID string) (*xport.LookUp, error)
}

// Resolve looks an intent's outOrderId up. It records nothing: the caller
// writes the outcome (see OutcomeOf).
func Resolve(ctx context.Context, f Finder, in Intent) (*xport.LookUp, error) {
	return f.FindByOutOrderID(ctx, in.OutOrderID)
}

// OutcomeOf is what a look-up lets the journal say. An order found settles
// the intent; nothing found never does: the create may still be on its
// way, or the answer could not prove absence at all.
func OutcomeOf(outOrderID string, l *xport.LookUp, when string) Outcome {
	switch {
	case len(l.OrderIDs()) > 0:
		return Outcome{OutOrderID: outOrderID, Result: Created, OrderIDs: l.OrderIDs(), Reason: "looked up " + when}
	case l.Absent:
		return Outcome{OutOrderID: outOrderID, Result: NotFoundYet, Reason: "looked up " + when + ": no order yet"}
	}
	return Outcome{OutOrderID: outOrderID, Result: Unknown, Reason: "looked up " + when + ": " + l.Why}
}

// Resolution is what a look-up found for one pending intent.
type Resolution struct {
	Intent Intent
	// OrderIDs are the orders found; the intent is settled.
	OrderIDs []string
	// Absent is true when nothing was found and the answer proves there is
	// nothing yet; Why says why it proves nothing otherwise.
	Absent bool
	Why    string
	Err    error // the look-up failed: the intent stays pending
}

// ResolvePending looks up every intent still pending that was made before
// cutoff, records what was found, and returns it so the agent can be told.
// Intents made after cutoff are left alone: they may belong to a create
// another session still has in flight. Nothing found leaves the intent
// pending, to be looked up again; a failure to record is returned.
func (j *Journal) ResolvePending(ctx context.Context, f Finder, cutoff time.Time, when string) ([]Resolution, []string, error) {
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
		l, err := Resolve(ctx, f, in)
		r := Resolution{Intent: in, Err: err}
		if err == nil {
			r.OrderIDs, r.Absent, r.Why = l.OrderIDs(), l.Absent, l.Why
			if werr := j.Outcome(OutcomeOf(in.OutOrderID, l, when)); werr != nil {
				return append(out, r), notes, werr
			}
		}
		out = append(out, r)
	}
	return out, notes, nil
}
