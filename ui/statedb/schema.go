package statedb

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations bring a database from version i to i+1 (PRAGMA
// user_version). They are only ever appended to: a released step is never
// edited, so every user's file passes through the same states.
var migrations = []string{
	// 1: the cart, preferences, the order journal, search history.
	`
CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

-- One row per cart line (an offer's SKU). pos keeps the order lines were
-- added in; body is the line as JSON, in the names cart.json used.
CREATE TABLE cart_line (
	offer_id TEXT NOT NULL,
	spec_id  TEXT NOT NULL,
	pos      INTEGER NOT NULL,
	body     TEXT NOT NULL,
	PRIMARY KEY (offer_id, spec_id)
) WITHOUT ROWID;

CREATE TABLE cart_message (
	seller_open_id TEXT PRIMARY KEY,
	body           TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE pref (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

-- The order journal: every intent and outcome as written, never changed.
CREATE TABLE journal (
	seq          INTEGER PRIMARY KEY AUTOINCREMENT,
	kind         TEXT NOT NULL CHECK (kind IN ('intent', 'outcome')),
	out_order_id TEXT NOT NULL,
	result       TEXT,
	at           TEXT NOT NULL,
	body         TEXT NOT NULL
);
CREATE INDEX journal_by_ref ON journal (out_order_id, seq);

-- Where each reference stands: its latest intent and whether a final
-- outcome settled it. Finding what is unsettled reads the open rows only.
CREATE TABLE journal_ref (
	out_order_id   TEXT PRIMARY KEY,
	first_seq      INTEGER NOT NULL,
	intent_seq     INTEGER NOT NULL REFERENCES journal (seq),
	open           INTEGER NOT NULL,
	seller_open_id TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX journal_ref_open ON journal_ref (first_seq) WHERE open = 1;
CREATE INDEX journal_ref_open_seller ON journal_ref (seller_open_id, first_seq) WHERE open = 1;

CREATE TABLE search_history (
	keyword TEXT PRIMARY KEY,
	at      TEXT NOT NULL,
	uses    INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX search_history_at ON search_history (at);
`,
	// 2: sourcing lists (issue 12): a client's list of items, each with
	// its candidate offers.
	`
-- deleted_at is set by a delete and cleared by its undo; a list deleted
-- is kept until the next start after a day, so u can bring it back.
CREATE TABLE sourcing_list (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	archived   INTEGER NOT NULL DEFAULT 0,
	deleted_at TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX sourcing_list_name ON sourcing_list (name) WHERE deleted_at IS NULL;

CREATE TABLE sourcing_item (
	id         INTEGER PRIMARY KEY,
	list_id    INTEGER NOT NULL REFERENCES sourcing_list (id) ON DELETE CASCADE,
	pos        INTEGER NOT NULL,
	name       TEXT NOT NULL,
	target_qty INTEGER NOT NULL CHECK (target_qty > 0),
	note       TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL
);
CREATE INDEX sourcing_item_list ON sourcing_item (list_id, pos);

-- A candidate offer of an item, with the SKU chosen where it matters;
-- body is what the desk knew of it when added (title, SKU, seller), as
-- JSON, so a list shows without a call.
CREATE TABLE sourcing_candidate (
	item_id  INTEGER NOT NULL REFERENCES sourcing_item (id) ON DELETE CASCADE,
	offer_id TEXT NOT NULL,
	spec_id  TEXT NOT NULL DEFAULT '',
	pos      INTEGER NOT NULL,
	chosen   INTEGER NOT NULL DEFAULT 0,
	body     TEXT NOT NULL,
	added_at TEXT NOT NULL,
	PRIMARY KEY (item_id, offer_id, spec_id)
) WITHOUT ROWID;
`,
	// 3: the reference each order was placed under (issue 13): 1688's
	// order list does not show outOrderId, and the agent matches orders
	// to a client's references by it. Filled from the journal's created
	// outcomes so far.
	`
CREATE TABLE journal_order (
	order_id     TEXT PRIMARY KEY,
	out_order_id TEXT NOT NULL
) WITHOUT ROWID;
INSERT OR IGNORE INTO journal_order (order_id, out_order_id)
	SELECT CAST(o.value AS TEXT), j.out_order_id FROM journal j, json_each(j.body, '$.orderIds') o
	WHERE j.kind = 'outcome' AND j.result = 'created' AND json_valid(j.body);
`,
}

// Version is the schema version this caigou writes.
func Version() int { return len(migrations) }

// migrate applies the steps a database lacks, each in its own
// transaction with the version it reaches, so a crash leaves a database
// at one version or the next. A database of a newer caigou is refused.
func migrate(ctx context.Context, db *sql.DB) error {
	// The common case, a database at this version, is only read: taking
	// the write lock to learn that would make every start wait for (and
	// under a busy session, starve behind) the other sessions' changes.
	var v int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return err
	}
	if v == len(migrations) {
		return nil
	}
	for {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		var v int
		if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
			tx.Rollback()
			return err
		}
		switch {
		case v == len(migrations):
			return tx.Rollback()
		case v > len(migrations):
			tx.Rollback()
			return fmt.Errorf("version %d, %w (this one knows version %d)", v, ErrNewer, len(migrations))
		}
		if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
			tx.Rollback()
			return fmt.Errorf("schema step %d: %w", v+1, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
}
