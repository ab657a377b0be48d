package statedb

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
)

// Meta reads a bookkeeping value in tx; ok is false when it was never set.
func Meta(ctx context.Context, tx *sql.Tx, key string) (value string, ok bool, err error) {
	err = tx.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = ?", key).Scan(&value)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return value, err == nil, err
}

// SetMeta writes a bookkeeping value in tx.
func SetMeta(ctx context.Context, tx *sql.Tx, key, value string) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value)
	return err
}

// Bump adds one to a counter in tx and returns its new value: a table's
// revision, which tells a session whether what it holds is still current.
func Bump(ctx context.Context, tx *sql.Tx, key string) (uint64, error) {
	v, err := Counter(ctx, tx, key)
	if err != nil {
		return 0, err
	}
	v++
	return v, SetMeta(ctx, tx, key, strconv.FormatUint(v, 10))
}

// Querier is a transaction or the database.
type Querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Counter reads a counter; a missing one is 0.
func Counter(ctx context.Context, q Querier, key string) (uint64, error) {
	var s string
	err := q.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = ?", key).Scan(&s)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	return strconv.ParseUint(s, 10, 64)
}
