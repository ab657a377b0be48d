package cli

import (
	"context"
	"encoding/json"

	"caigou/ui/common"
	"caigou/ui/statedb"
)

// looksKey is the preference that holds common.Looks as JSON.
const looksKey = "looks"

// looksStore keeps the display choices in the state database.
type looksStore struct{ db *statedb.DB }

func (s looksStore) SaveLooks(l common.Looks) error {
	b, err := json.Marshal(l)
	if err != nil {
		return err
	}
	return s.db.SetPref(context.Background(), looksKey, string(b))
}

// loadLooks reads the display choices a session saved; anything
// unreadable is the defaults, since nothing but looks depends on it.
func loadLooks(db *statedb.DB) common.Looks {
	var l common.Looks
	if v, ok, err := db.Pref(context.Background(), looksKey); err == nil && ok {
		if json.Unmarshal([]byte(v), &l) != nil {
			return common.Looks{}
		}
	}
	return l
}
