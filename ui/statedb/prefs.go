package statedb

import (
	"context"
	"database/sql"
)

// Pref reads a preference; ok is false when it was never set.
func (d *DB) Pref(ctx context.Context, key string) (value string, ok bool, err error) {
	err = d.QueryRow(ctx, "SELECT value FROM pref WHERE key = ?", key).Scan(&value)
	if err == sql.ErrNoRows {
		return "", false, nil
	}
	return value, err == nil, d.explain(err)
}

// SetPref writes a preference.
func (d *DB) SetPref(ctx context.Context, key, value string) error {
	_, err := d.Exec(ctx, "INSERT INTO pref (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value)
	return err
}
