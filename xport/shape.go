package xport

import "fmt"

// ShapeError is an answer that arrived but does not fit what the desk
// reads with the current settings: an amount in another unit, a list in
// an unknown shape, a path that is not there. It names the setting that
// may fix it. It is never retried (asking again gets the same answer), and
// on a write it leaves the outcome unknown.
type ShapeError struct {
	Endpoint Endpoint
	// What happened, in words.
	What string
	// Fix is the setting to change or the thing to do.
	Fix string
	// Err is the underlying answer, if any, so Classify still sees it.
	Err error
}

func (e *ShapeError) Error() string {
	s := e.What
	if e.Endpoint != "" {
		s = fmt.Sprintf("%s: %s", e.Endpoint, e.What)
	}
	if e.Fix != "" {
		s += "; " + e.Fix
	}
	return s
}

func (e *ShapeError) Unwrap() error { return e.Err }
