package uitest

import (
	"testing"

	"caigou/ui/sourcing"
	"caigou/ui/statedb"
)

// WithLists gives the session sourcing lists in a state database of its
// own, and the sandbox's example rate card, as the demo desk has.
func (s Session) WithLists(tb testing.TB) *sourcing.Store {
	tb.Helper()
	db, err := statedb.OpenWith(tb.TempDir(), statedb.Options{Now: s.C.Now})
	if err != nil {
		tb.Fatalf("state database: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	s.C.Sourcing = sourcing.New(db)
	s.C.Freight = sourcing.ExampleCard()
	return s.C.Sourcing
}
