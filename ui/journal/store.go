package journal

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"caigou/xport"
)

const (
	kindIntent  = "intent"
	kindOutcome = "outcome"
)

// record is one entry of the journal.
type record struct {
	Kind    string   `json:"kind"`
	Intent  *Intent  `json:"intent,omitempty"`
	Outcome *Outcome `json:"outcome,omitempty"`
}

func (r record) ref() string {
	if r.Intent != nil {
		return r.Intent.OutOrderID
	}
	return r.Outcome.OutOrderID
}

// append writes one record in its own transaction, committed (on disk,
// WAL with synchronous=FULL) before it returns: the intent must be kept
// before the create leaves.
func (j *Journal) append(rec record) error {
	ctx := context.Background()
	err := j.db.Tx(ctx, func(tx *sql.Tx) error { return put(ctx, tx, rec) })
	if err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	return nil
}

// put inserts a record and moves its reference's standing: an intent
// opens it (again, for a create sent again), a final outcome settles it.
func put(ctx context.Context, tx *sql.Tx, rec record) error {
	p, err := prepare(ctx, tx)
	if err != nil {
		return err
	}
	defer p.close()
	return p.put(ctx, rec)
}

// putter is put's statements, prepared once for an import of many.
type putter struct {
	insert, open, settle, order *sql.Stmt
}

func prepare(ctx context.Context, tx *sql.Tx) (*putter, error) {
	var p putter
	var err error
	if p.insert, err = tx.PrepareContext(ctx, "INSERT INTO journal (kind, out_order_id, result, at, body) VALUES (?, ?, ?, ?, ?)"); err != nil {
		return nil, err
	}
	if p.open, err = tx.PrepareContext(ctx, `INSERT INTO journal_ref (out_order_id, first_seq, intent_seq, open, seller_open_id) VALUES (?, ?, ?, 1, ?)
		ON CONFLICT (out_order_id) DO UPDATE SET intent_seq = excluded.intent_seq, open = 1, seller_open_id = excluded.seller_open_id`); err != nil {
		p.close()
		return nil, err
	}
	if p.settle, err = tx.PrepareContext(ctx, "UPDATE journal_ref SET open = 0 WHERE out_order_id = ?"); err != nil {
		p.close()
		return nil, err
	}
	if p.order, err = tx.PrepareContext(ctx, "INSERT OR IGNORE INTO journal_order (order_id, out_order_id) VALUES (?, ?)"); err != nil {
		p.close()
		return nil, err
	}
	return &p, nil
}

func (p *putter) close() {
	for _, st := range []*sql.Stmt{p.insert, p.open, p.settle, p.order} {
		if st != nil {
			st.Close()
		}
	}
}

func (p *putter) put(ctx context.Context, rec record) error {
	var body []byte
	var err error
	var at time.Time
	var result sql.NullString
	if rec.Intent != nil {
		body, err = json.Marshal(rec.Intent)
		at = rec.Intent.At
	} else {
		body, err = json.Marshal(rec.Outcome)
		at = rec.Outcome.At
		result = sql.NullString{String: string(rec.Outcome.Result), Valid: true}
	}
	if err != nil {
		return err
	}
	res, err := p.insert.ExecContext(ctx, rec.Kind, rec.ref(), result, at.UTC().Format(time.RFC3339Nano), body)
	if err != nil {
		return err
	}
	seq, err := res.LastInsertId()
	if err != nil {
		return err
	}
	switch {
	case rec.Intent != nil:
		_, err = p.open.ExecContext(ctx, rec.ref(), seq, seq, rec.Intent.SellerOpenID)
	case rec.Outcome.Result.Final():
		_, err = p.settle.ExecContext(ctx, rec.ref())
	}
	if err == nil && rec.Outcome != nil && rec.Outcome.Result == Created {
		for _, id := range rec.Outcome.OrderIDs {
			if _, err = p.order.ExecContext(ctx, id, rec.ref()); err != nil {
				break
			}
		}
	}
	return err
}

// Pending returns the intents without a final outcome, oldest first: the
// creates whose fate is not known. An outOrderId sent again (a retry after
// a look-up found nothing) is pending again until its new outcome. It
// reads the unsettled references only, however long the history; notes
// name any record that could not be read.
func (j *Journal) Pending() ([]Intent, []string, error) {
	return j.pending(`SELECT r.out_order_id, j.body FROM journal_ref r JOIN journal j ON j.seq = r.intent_seq
		WHERE r.open = 1 ORDER BY r.first_seq`)
}

// PendingFor is Pending for one supplier's creates: what a preview of
// that supplier's goods must check, without reading the others'.
func (j *Journal) PendingFor(sellerOpenID string) ([]Intent, []string, error) {
	return j.pending(`SELECT r.out_order_id, j.body FROM journal_ref r JOIN journal j ON j.seq = r.intent_seq
		WHERE r.open = 1 AND r.seller_open_id = ? ORDER BY r.first_seq`, sellerOpenID)
}

func (j *Journal) pending(query string, args ...any) ([]Intent, []string, error) {
	ctx := context.Background()
	rows, err := j.db.Query(ctx, query, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("journal: %w", err)
	}
	defer rows.Close()
	var out []Intent
	var notes []string
	for rows.Next() {
		var ref string
		var body []byte
		if err := rows.Scan(&ref, &body); err != nil {
			return nil, nil, fmt.Errorf("journal: %w", err)
		}
		var in Intent
		if err := json.Unmarshal(body, &in); err != nil || in.OutOrderID != ref {
			notes = append(notes, fmt.Sprintf("the journal's intent for reference %s could not be read; check that reference on the orders screen", ref))
			continue
		}
		out = append(out, in)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("journal: %w", err)
	}
	return out, notes, nil
}

// PreviewTotals maps each of refs that the journal knows to the preview
// total the agent confirmed for it (the latest intent's): the orders
// screen's cross-check of the unit its amounts are read in. It reads
// those references only.
func (j *Journal) PreviewTotals(refs []string) (map[string]xport.Fen, error) {
	out := map[string]xport.Fen{}
	err := j.queryIn(`SELECT j.body FROM journal_ref r JOIN journal j ON j.seq = r.intent_seq WHERE r.out_order_id IN `, refs, func(rows *sql.Rows) {
		var body []byte
		var in Intent
		if rows.Scan(&body) == nil && json.Unmarshal(body, &in) == nil && in.PreviewTotal > 0 {
			out[in.OutOrderID] = in.PreviewTotal
		}
	})
	return out, err
}

// queryIn runs query, which ends in "IN ", over keys a chunk at a time
// (SQLite limits the parameters of one statement), calling row for each
// row.
func (j *Journal) queryIn(query string, keys []string, row func(*sql.Rows)) error {
	ctx := context.Background()
	const chunk = 200
	for len(keys) > 0 {
		n := min(chunk, len(keys))
		args := make([]any, n)
		for i, k := range keys[:n] {
			args[i] = k
		}
		keys = keys[n:]
		rows, err := j.db.Query(ctx, query+"(?"+strings.Repeat(",?", n-1)+")", args...)
		if err != nil {
			return fmt.Errorf("journal: %w", err)
		}
		for rows.Next() {
			row(rows)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return fmt.Errorf("journal: %w", err)
		}
	}
	return nil
}

// RefsOf maps each of orderIDs the desk placed (or found placed) to the
// reference, the outOrderId, it was placed under. It reads those orders
// only.
func (j *Journal) RefsOf(orderIDs []string) (map[string]string, error) {
	out := map[string]string{}
	err := j.queryIn(`SELECT order_id, out_order_id FROM journal_order WHERE order_id IN `, orderIDs, func(rows *sql.Rows) {
		var id, ref string
		if rows.Scan(&id, &ref) == nil {
			out[id] = ref
		}
	})
	return out, err
}

// FillRefs gives the orders that do not show their reference (1688's
// order list never does) the one the desk placed them under, from the
// journal. Orders it did not place stay without one.
func (j *Journal) FillRefs(orders []xport.Order) error {
	var ids []string
	for _, o := range orders {
		if strings.TrimSpace(string(o.BaseInfo.OutOrderID)) == "" {
			if id := o.BaseInfo.OrderIDString(); id != "" {
				ids = append(ids, id)
			}
		}
	}
	if len(ids) == 0 {
		return nil
	}
	refs, err := j.RefsOf(ids)
	for i := range orders {
		b := &orders[i].BaseInfo
		if ref, ok := refs[b.OrderIDString()]; ok && strings.TrimSpace(string(b.OutOrderID)) == "" {
			b.OutOrderID = xport.Text(ref)
		}
	}
	return err
}

// Entry is one record of the journal with its place in it.
type Entry struct {
	Seq     int64
	Intent  *Intent
	Outcome *Outcome
}

// Since returns the records written after seq, in the order written: an
// audit of what the desk did, read a piece at a time.
func (j *Journal) Since(seq int64, limit int) ([]Entry, error) {
	rows, err := j.db.Query(context.Background(), "SELECT seq, kind, body FROM journal WHERE seq > ? ORDER BY seq LIMIT ?", seq, limit)
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		var e Entry
		var kind string
		var body []byte
		if err := rows.Scan(&e.Seq, &kind, &body); err != nil {
			return nil, fmt.Errorf("journal: %w", err)
		}
		switch kind {
		case kindIntent:
			e.Intent = new(Intent)
			err = json.Unmarshal(body, e.Intent)
		case kindOutcome:
			e.Outcome = new(Outcome)
			err = json.Unmarshal(body, e.Outcome)
		default:
			err = errors.New("no such kind")
		}
		if err != nil {
			return nil, fmt.Errorf("journal: record %d cannot be read: %w", e.Seq, err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Read reads the whole journal into memory: for tests and exports, never
// on a path a key press takes.
func (j *Journal) Read() (*Records, error) {
	out := &Records{}
	var seq int64
	for {
		es, err := j.Since(seq, 1000)
		if err != nil {
			return out, err
		}
		if len(es) == 0 {
			return out, nil
		}
		for _, e := range es {
			if e.Intent != nil {
				out.Intents = append(out.Intents, *e.Intent)
				out.order = append(out.order, record{Kind: kindIntent, Intent: e.Intent})
			} else {
				out.Outcomes = append(out.Outcomes, *e.Outcome)
				out.order = append(out.order, record{Kind: kindOutcome, Outcome: e.Outcome})
			}
			seq = e.Seq
		}
	}
}
