package statedb

import (
	"context"
	"database/sql"
	"time"
)

// MaxHistory bounds the kept keywords: enough for weeks of work, few
// enough that ↑ through them never drags.
const MaxHistory = 500

// SearchHistory is the keywords searched, shared by the user's sessions
// and kept across them.
type SearchHistory struct{ db *DB }

// History is the database's search history.
func (d *DB) History() *SearchHistory { return &SearchHistory{db: d} }

// Recent returns up to n keywords, most recent last (the order ↑ walks
// back through).
func (h *SearchHistory) Recent(ctx context.Context, n int) ([]string, error) {
	rows, err := h.db.Query(ctx, "SELECT keyword FROM (SELECT keyword, at FROM search_history ORDER BY at DESC LIMIT ?) ORDER BY at", n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var kw string
		if err := rows.Scan(&kw); err != nil {
			return nil, err
		}
		out = append(out, kw)
	}
	return out, rows.Err()
}

// Remember records a keyword searched now; the oldest beyond MaxHistory
// are forgotten.
func (h *SearchHistory) Remember(ctx context.Context, keyword string) error {
	return h.db.Tx(ctx, func(tx *sql.Tx) error {
		at := h.db.now().UTC().Format(time.RFC3339Nano)
		if _, err := tx.ExecContext(ctx, `INSERT INTO search_history (keyword, at, uses) VALUES (?, ?, 1)
			ON CONFLICT (keyword) DO UPDATE SET at = excluded.at, uses = uses + 1`, keyword, at); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM search_history WHERE keyword IN
			(SELECT keyword FROM search_history ORDER BY at DESC LIMIT -1 OFFSET ?)`, MaxHistory)
		return err
	})
}
