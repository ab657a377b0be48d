package cart

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"caigou/ui/statedb"
)

// CorruptError reports state that could not be read; it was moved aside,
// not deleted, so nothing is lost for good.
type CorruptError = statedb.CorruptError

// ErrNewer marks state written by a newer caigou; it is left alone
// rather than overwritten with less than it holds.
var ErrNewer = statedb.ErrNewer

// Meta keys of the cart's revisions: every change of the lines or
// messages bumps cartRev, every change of a preference prefsRev, so a
// session knows without reading the lines whether what it holds is
// current.
const (
	cartRev  = "cart_rev"
	prefsRev = "prefs_rev"
)

// store is the cart's tables in the state database.
type store struct {
	db *statedb.DB
	// rev is the cart_rev of the contents the session holds; prefs the
	// prefs_rev; gen the database generation last polled.
	rev, prefs uint64
	gen        uint64
	// skipped counts the stored lines the last load left out.
	skipped int
	// lastPos is the highest position of a stored line; a new line goes
	// after it.
	lastPos int64
}

// Open returns the cart kept in the state database in dir (created 0700
// if missing), loaded from what a previous session saved, after a
// one-time import of the JSON files older versions kept there. State that
// could not be read was moved aside: the cart is returned together with
// the *CorruptError that says where it went. Any other error returns a
// nil cart.
func Open(dir string) (*Cart, error) {
	db, moved := statedb.Open(dir)
	if db == nil {
		return nil, moved
	}
	c, err := New(db)
	if c == nil {
		db.Close()
	}
	return c, errors.Join(moved, err)
}

// New returns the cart kept in db. Like Open, a non-nil cart may come
// with a *CorruptError about the old files it imported.
func New(db *statedb.DB) (*Cart, error) {
	ctx := context.Background()
	st := &store{db: db}
	imported, moved, err := importJSON(ctx, db)
	if err != nil {
		return nil, err
	}
	c := &Cart{st: st}
	if _, err := st.db.Generation(ctx); err != nil {
		return nil, err
	}
	// A read: a start must not queue for the write lock behind another
	// session's changes.
	err = db.Read(ctx, func(tx *sql.Tx) error {
		cur, err := st.load(ctx, tx)
		if err != nil {
			return err
		}
		p, err := st.loadPrefs(ctx, tx)
		if err != nil {
			return err
		}
		c.cur, c.prefs = cur, p
		return nil
	})
	if err != nil {
		return nil, err
	}
	c.notes = imported
	if st.skipped > 0 {
		c.notes = append(c.notes, fmt.Sprintf("%d saved cart line(s) could not be read and are left out of the cart (they stay in %s until the cart is changed).", st.skipped, db.Path()))
	}
	return c, moved
}

// load reads the lines and messages and the revision they are at.
func (s *store) load(ctx context.Context, tx *sql.Tx) (contents, error) {
	rev, err := statedb.Counter(ctx, tx, cartRev)
	if err != nil {
		return contents{}, err
	}
	rows, err := tx.QueryContext(ctx, "SELECT pos, body FROM cart_line ORDER BY pos")
	if err != nil {
		return contents{}, err
	}
	defer rows.Close()
	var c contents
	var bad []int64
	s.lastPos = 0
	for rows.Next() {
		var pos int64
		var body []byte
		if err := rows.Scan(&pos, &body); err != nil {
			return contents{}, err
		}
		s.lastPos = max(s.lastPos, pos)
		var r lineRecord
		if err := json.Unmarshal(body, &r); err != nil || r.check() != nil {
			// A row no caigou wrote: leaving it out is safer than ordering
			// what nobody chose. It stays in the table until the line is
			// changed or removed.
			bad = append(bad, pos)
			continue
		}
		c.lines = append(c.lines, r.line())
	}
	if err := rows.Err(); err != nil {
		return contents{}, err
	}
	mrows, err := tx.QueryContext(ctx, "SELECT seller_open_id, body FROM cart_message")
	if err != nil {
		return contents{}, err
	}
	defer mrows.Close()
	for mrows.Next() {
		var seller, text string
		if err := mrows.Scan(&seller, &text); err != nil {
			return contents{}, err
		}
		if c.messages == nil {
			c.messages = map[string]string{}
		}
		c.messages[seller] = text
	}
	if err := mrows.Err(); err != nil {
		return contents{}, err
	}
	c.tidy()
	s.rev = rev
	s.skipped = len(bad)
	return c, nil
}

// save writes what changed from before to after and bumps the revision.
// Lines keep their positions; a new line goes last; an order that
// changed otherwise (a line put back in the middle) renumbers them all.
func (s *store) save(ctx context.Context, tx *sql.Tx, before, after contents) error {
	done, err := s.saveInPlace(ctx, tx, before, after)
	if err == nil && !done {
		err = s.saveMoved(ctx, tx, before, after)
	}
	if err != nil {
		return err
	}
	if !equalMessages(before.messages, after.messages) {
		if _, err := tx.ExecContext(ctx, "DELETE FROM cart_message"); err != nil {
			return err
		}
		for seller, text := range after.messages {
			if _, err := tx.ExecContext(ctx, "INSERT INTO cart_message (seller_open_id, body) VALUES (?, ?)", seller, text); err != nil {
				return err
			}
		}
	}
	rev, err := statedb.Bump(ctx, tx, cartRev)
	if err != nil {
		return err
	}
	s.rev = rev
	return nil
}

// saveInPlace is save's common case, without a map: the same lines at
// the same places (a quantity, a re-price) and perhaps new ones after
// them (an add). It reports false, having written nothing, when lines
// were removed or moved.
func (s *store) saveInPlace(ctx context.Context, tx *sql.Tx, before, after contents) (bool, error) {
	if len(after.lines) < len(before.lines) {
		return false, nil
	}
	for i := range before.lines {
		if before.lines[i].Key() != after.lines[i].Key() {
			return false, nil
		}
	}
	for i := range after.lines {
		l := &after.lines[i]
		var pos int64
		if i >= len(before.lines) {
			s.lastPos++
			pos = s.lastPos
		} else if equalLine(&before.lines[i], l) {
			continue
		}
		if err := putLine(ctx, tx, l, pos); err != nil {
			return true, err
		}
	}
	return true, nil
}

// saveMoved is save when lines were removed or moved.
func (s *store) saveMoved(ctx context.Context, tx *sql.Tx, before, after contents) error {
	old := make(map[Key]int, len(before.lines))
	for i := range before.lines {
		old[before.lines[i].Key()] = i
	}
	// Kept lines in their old relative order, and new ones only at the end?
	inOrder, last, tail := true, -1, false
	for i := range after.lines {
		j, ok := old[after.lines[i].Key()]
		switch {
		case !ok:
			tail = true
		case tail || j < last:
			inOrder = false
		default:
			last = j
		}
	}
	kept := make(map[Key]bool, len(after.lines))
	for i := range after.lines {
		l := &after.lines[i]
		kept[l.Key()] = true
		j, ok := old[l.Key()]
		if inOrder && ok && equalLine(&before.lines[j], l) {
			continue
		}
		pos := int64(i + 1)
		if inOrder {
			if ok {
				pos = 0 // keep the stored one
			} else {
				s.lastPos++
				pos = s.lastPos
			}
		}
		if err := putLine(ctx, tx, l, pos); err != nil {
			return err
		}
	}
	if !inOrder {
		s.lastPos = int64(len(after.lines))
	}
	for _, l := range before.lines {
		if !kept[l.Key()] {
			if _, err := tx.ExecContext(ctx, "DELETE FROM cart_line WHERE offer_id = ? AND spec_id = ?", l.OfferID, l.SpecID); err != nil {
				return err
			}
		}
	}
	return nil
}

// putLine writes one line; pos 0 keeps the position it has.
func putLine(ctx context.Context, tx *sql.Tx, l *Line, pos int64) error {
	body, err := json.Marshal(recordOf(l))
	if err != nil {
		return err
	}
	if pos == 0 {
		_, err = tx.ExecContext(ctx, "UPDATE cart_line SET body = ? WHERE offer_id = ? AND spec_id = ?", body, l.OfferID, l.SpecID)
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO cart_line (offer_id, spec_id, pos, body) VALUES (?, ?, ?, ?)
		ON CONFLICT (offer_id, spec_id) DO UPDATE SET pos = excluded.pos, body = excluded.body`, l.OfferID, l.SpecID, pos, body)
	return err
}

func equalMessages(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// The preferences are rows of the pref table.
const prefDefaultAddress = "default_address_id"

func (s *store) loadPrefs(ctx context.Context, tx *sql.Tx) (Prefs, error) {
	rev, err := statedb.Counter(ctx, tx, prefsRev)
	if err != nil {
		return Prefs{}, err
	}
	var p Prefs
	err = tx.QueryRowContext(ctx, "SELECT value FROM pref WHERE key = ?", prefDefaultAddress).Scan(&p.DefaultAddressID)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return Prefs{}, err
	}
	s.prefs = rev
	return p, nil
}

func (s *store) savePrefs(ctx context.Context, tx *sql.Tx, p Prefs) error {
	var err error
	if p.DefaultAddressID == "" {
		_, err = tx.ExecContext(ctx, "DELETE FROM pref WHERE key = ?", prefDefaultAddress)
	} else {
		_, err = tx.ExecContext(ctx, "INSERT INTO pref (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", prefDefaultAddress, p.DefaultAddressID)
	}
	if err != nil {
		return err
	}
	rev, err := statedb.Bump(ctx, tx, prefsRev)
	if err != nil {
		return err
	}
	s.prefs = rev
	return nil
}
