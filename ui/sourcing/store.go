// Package sourcing keeps an agent's sourcing lists in the state database:
// a client's list of items ("these 40 items, 500 of each"), each with a
// target quantity, a note or shipping mark (唛头) and its candidate
// offers, one of which is chosen.
package sourcing

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"caigou/ui/statedb"
)

// Store reads and writes the lists. Every change is one transaction, and
// another session sees it within the root's watch second.
type Store struct{ db *statedb.DB }

// New is the store of db.
func New(db *statedb.DB) *Store { return &Store{db: db} }

// DB is the database the lists are kept in.
func (s *Store) DB() *statedb.DB { return s.db }

// List is a sourcing list as the lists screen shows it.
type List struct {
	ID       int64
	Name     string
	Archived bool
	Items    int
	Updated  time.Time
}

// Item is one thing the client wants.
type Item struct {
	ID     int64
	ListID int64
	Name   string
	Target int64 // pieces the client wants
	Note   string
	// Candidates are in the order they were added.
	Candidates []Candidate
}

// Candidate is an offer considered for an item.
type Candidate struct {
	OfferID string
	SpecID  string // "" for an offer without SKUs, or none chosen yet
	Chosen  bool
	Info    Info
	Added   time.Time
}

// Info is what the desk knew of a candidate when it was added, so the
// list shows without a call; the comparison fetches what is current.
type Info struct {
	Title  string `json:"title,omitempty"`
	SKU    string `json:"sku,omitempty"`
	Seller string `json:"seller,omitempty"`
	// Repurchase is the buyers' repurchase rate the search card showed
	// ("47%"), which the detail does not carry.
	Repurchase string `json:"repurchase,omitempty"`
	// Grams is one piece's weight with its packing as the agent typed it,
	// for an offer that gives none (or one the agent knows is wrong).
	Grams int64 `json:"grams,omitempty"`
}

// Limits on what an agent types; names longer than these are a paste
// gone wrong, and are refused with the count rather than cut.
const (
	MaxName = 100
	MaxNote = 500
)

// The errors a caller words for the agent.
var (
	ErrExists   = errors.New("a list of that name exists")
	ErrNotFound = errors.New("no such list or item")
)

// keepDeleted is how long a deleted list can still be brought back.
const keepDeleted = 24 * time.Hour

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func parseStamp(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}

// CheckListName says what is wrong with a list's name, before anything is
// sent to the store, so a page can keep the text for the agent to fix.
func CheckListName(name string) error {
	_, err := cleanName("list name", name, MaxName)
	return err
}

// cleanName trims a name and says what is wrong with it.
func cleanName(what, name string, limit int) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", fmt.Errorf("the %s is empty: type one", what)
	}
	if strings.ContainsFunc(name, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		return "", fmt.Errorf("the %s holds a line break or a control character: type it on one line", what)
	}
	if n := utf8.RuneCountInString(name); n > limit {
		return "", fmt.Errorf("the %s has %d characters, %d more than %d", what, n, n-limit, limit)
	}
	return name, nil
}

// Lists returns the lists not deleted, newest change first; archived ones
// only when archived is true.
func (s *Store) Lists(ctx context.Context, archived bool) ([]List, error) {
	rows, err := s.db.Query(ctx, `SELECT l.id, l.name, l.archived, l.updated_at,
		(SELECT count(*) FROM sourcing_item i WHERE i.list_id = l.id)
		FROM sourcing_list l WHERE l.deleted_at IS NULL AND l.archived = ?
		ORDER BY l.updated_at DESC, l.id DESC`, archived)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []List
	for rows.Next() {
		var l List
		var at string
		if err := rows.Scan(&l.ID, &l.Name, &l.Archived, &at, &l.Items); err != nil {
			return nil, err
		}
		l.Updated = parseStamp(at)
		out = append(out, l)
	}
	return out, rows.Err()
}

// CreateList makes an empty list; a name already in use is ErrExists.
func (s *Store) CreateList(ctx context.Context, name string) (int64, error) {
	name, err := cleanName("list name", name, MaxName)
	if err != nil {
		return 0, err
	}
	var id int64
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		if taken, err := nameTaken(ctx, tx, name, 0); err != nil || taken {
			return errors.Join(err, existsErr(name, taken))
		}
		now := stamp(s.db.Now())
		r, err := tx.ExecContext(ctx, "INSERT INTO sourcing_list (name, created_at, updated_at) VALUES (?, ?, ?)", name, now, now)
		if err != nil {
			return err
		}
		id, err = r.LastInsertId()
		return err
	})
	return id, err
}

func existsErr(name string, taken bool) error {
	if !taken {
		return nil
	}
	return fmt.Errorf("%w: %q; choose another name", ErrExists, name)
}

func nameTaken(ctx context.Context, tx *sql.Tx, name string, except int64) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, "SELECT count(*) FROM sourcing_list WHERE name = ? AND deleted_at IS NULL AND id != ?", name, except).Scan(&n)
	return n > 0, err
}

// RenameList names list id anew.
func (s *Store) RenameList(ctx context.Context, id int64, name string) error {
	name, err := cleanName("list name", name, MaxName)
	if err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		if taken, err := nameTaken(ctx, tx, name, id); err != nil || taken {
			return errors.Join(err, existsErr(name, taken))
		}
		return s.touch(ctx, tx, id, "name = ?", name)
	})
}

// ArchiveList moves list id out of the way (archived) or back.
func (s *Store) ArchiveList(ctx context.Context, id int64, archived bool) error {
	return s.db.Tx(ctx, func(tx *sql.Tx) error { return s.touch(ctx, tx, id, "archived = ?", archived) })
}

// DeleteList deletes list id, undoably: RestoreList brings it back, for a
// day.
func (s *Store) DeleteList(ctx context.Context, id int64) error {
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		return s.touch(ctx, tx, id, "deleted_at = ?", stamp(s.db.Now()))
	})
}

// RestoreList undoes DeleteList. A list made since under the same name
// keeps it: the restored one is refused with ErrExists, and can be
// renamed once restored under another name by the caller.
func (s *Store) RestoreList(ctx context.Context, id int64) error {
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		var name string
		if err := tx.QueryRowContext(ctx, "SELECT name FROM sourcing_list WHERE id = ? AND deleted_at IS NOT NULL", id).Scan(&name); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return ErrNotFound
			}
			return err
		}
		if taken, err := nameTaken(ctx, tx, name, id); err != nil || taken {
			return errors.Join(err, existsErr(name, taken))
		}
		_, err := tx.ExecContext(ctx, "UPDATE sourcing_list SET deleted_at = NULL WHERE id = ?", id)
		return err
	})
}

// Purge removes for good the lists deleted more than a day ago, with
// their items and candidates.
func (s *Store) Purge(ctx context.Context) error {
	cut := stamp(s.db.Now().Add(-keepDeleted))
	_, err := s.db.Exec(ctx, "DELETE FROM sourcing_list WHERE deleted_at IS NOT NULL AND deleted_at < ?", cut)
	return err
}

// touch sets one column of a live list (set holds a ? for each of v)
// and its change time; "archived = archived" only marks it changed.
func (s *Store) touch(ctx context.Context, tx *sql.Tx, id int64, set string, v ...any) error {
	args := append(v, stamp(s.db.Now()), id)
	r, err := tx.ExecContext(ctx, "UPDATE sourcing_list SET "+set+", updated_at = ? WHERE id = ? AND deleted_at IS NULL", args...)
	if err != nil {
		return err
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// AddItem appends an item to list id.
func (s *Store) AddItem(ctx context.Context, listID int64, name string, target int64, note string) (int64, error) {
	name, err := cleanName("item name", name, MaxName)
	if err != nil {
		return 0, err
	}
	if target <= 0 {
		return 0, fmt.Errorf("the target quantity must be at least 1, not %d", target)
	}
	if n := utf8.RuneCountInString(note); n > MaxNote {
		return 0, fmt.Errorf("the note has %d characters, %d more than %d", n, n-MaxNote, MaxNote)
	}
	var id int64
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		if err := s.touch(ctx, tx, listID, "archived = archived"); err != nil {
			return err
		}
		r, err := tx.ExecContext(ctx, `INSERT INTO sourcing_item (list_id, pos, name, target_qty, note, created_at)
			VALUES (?, (SELECT coalesce(max(pos), 0) + 1 FROM sourcing_item WHERE list_id = ?), ?, ?, ?, ?)`,
			listID, listID, name, target, strings.TrimSpace(note), stamp(s.db.Now()))
		if err != nil {
			return err
		}
		id, err = r.LastInsertId()
		return err
	})
	return id, err
}

// Items returns list id's items with their candidates, in list order.
func (s *Store) Items(ctx context.Context, listID int64) ([]Item, error) {
	var out []Item
	err := s.db.Read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, "SELECT id, name, target_qty, note FROM sourcing_item WHERE list_id = ? ORDER BY pos", listID)
		if err != nil {
			return err
		}
		byID := map[int64]int{}
		for rows.Next() {
			it := Item{ListID: listID}
			if err := rows.Scan(&it.ID, &it.Name, &it.Target, &it.Note); err != nil {
				rows.Close()
				return err
			}
			byID[it.ID] = len(out)
			out = append(out, it)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		rows, err = tx.QueryContext(ctx, `SELECT c.item_id, c.offer_id, c.spec_id, c.chosen, c.body, c.added_at
			FROM sourcing_candidate c JOIN sourcing_item i ON i.id = c.item_id
			WHERE i.list_id = ? ORDER BY c.item_id, c.pos`, listID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var item int64
			var c Candidate
			var body, at string
			if err := rows.Scan(&item, &c.OfferID, &c.SpecID, &c.Chosen, &body, &at); err != nil {
				return err
			}
			// A body this caigou cannot read costs its title, not the list.
			_ = json.Unmarshal([]byte(body), &c.Info)
			c.Added = parseStamp(at)
			if i, ok := byID[item]; ok {
				out[i].Candidates = append(out[i].Candidates, c)
			}
		}
		return rows.Err()
	})
	return out, err
}

// AddCandidate adds an offer (and SKU) to item id; one already there is
// said, not doubled. added is false when it was already there.
func (s *Store) AddCandidate(ctx context.Context, itemID int64, c Candidate) (added bool, err error) {
	body, err := json.Marshal(c.Info)
	if err != nil {
		return false, err
	}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		var list int64
		if err := tx.QueryRowContext(ctx, "SELECT list_id FROM sourcing_item WHERE id = ?", itemID).Scan(&list); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return ErrNotFound
			}
			return err
		}
		r, err := tx.ExecContext(ctx, `INSERT INTO sourcing_candidate (item_id, offer_id, spec_id, pos, body, added_at)
			VALUES (?, ?, ?, (SELECT coalesce(max(pos), 0) + 1 FROM sourcing_candidate WHERE item_id = ?), ?, ?)
			ON CONFLICT DO NOTHING`, itemID, c.OfferID, c.SpecID, itemID, string(body), stamp(s.db.Now()))
		if err != nil {
			return err
		}
		n, _ := r.RowsAffected()
		added = n > 0
		if !added {
			return nil
		}
		return s.touch(ctx, tx, list, "archived = archived")
	})
	return added, err
}

// Choose marks one candidate of item id as the one to buy; the others
// are unmarked.
func (s *Store) Choose(ctx context.Context, itemID int64, offerID, specID string) error {
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "UPDATE sourcing_candidate SET chosen = (offer_id = ? AND spec_id = ?) WHERE item_id = ?", offerID, specID, itemID); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM sourcing_candidate WHERE item_id = ? AND chosen = 1", itemID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return ErrNotFound // and the unmarking is rolled back
		}
		return nil
	})
}

// RemoveCandidate takes an offer off item id.
func (s *Store) RemoveCandidate(ctx context.Context, itemID int64, offerID, specID string) error {
	_, err := s.db.Exec(ctx, "DELETE FROM sourcing_candidate WHERE item_id = ? AND offer_id = ? AND spec_id = ?", itemID, offerID, specID)
	return err
}

// UpdateItem changes an item's name, target and note.
func (s *Store) UpdateItem(ctx context.Context, it Item) error {
	name, err := cleanName("item name", it.Name, MaxName)
	if err != nil {
		return err
	}
	if it.Target <= 0 {
		return fmt.Errorf("the target quantity must be at least 1, not %d", it.Target)
	}
	if n := utf8.RuneCountInString(it.Note); n > MaxNote {
		return fmt.Errorf("the note has %d characters, %d more than %d", n, n-MaxNote, MaxNote)
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, "UPDATE sourcing_item SET name = ?, target_qty = ?, note = ? WHERE id = ?", name, it.Target, strings.TrimSpace(it.Note), it.ID)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return s.touch(ctx, tx, it.ListID, "archived = archived")
	})
}

// DeleteItem removes an item and its candidates; the caller keeps the
// Item (as Items gave it) to put it back with PutItem.
func (s *Store) DeleteItem(ctx context.Context, listID, itemID int64) error {
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM sourcing_item WHERE id = ? AND list_id = ?", itemID, listID); err != nil {
			return err
		}
		return s.touch(ctx, tx, listID, "archived = archived")
	})
}

// PutItem puts back an item DeleteItem removed, with its candidates, at
// the end of its list.
func (s *Store) PutItem(ctx context.Context, it Item) error {
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		if err := s.touch(ctx, tx, it.ListID, "archived = archived"); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO sourcing_item (id, list_id, pos, name, target_qty, note, created_at)
			VALUES (?, ?, (SELECT coalesce(max(pos), 0) + 1 FROM sourcing_item WHERE list_id = ?), ?, ?, ?, ?)`,
			it.ID, it.ListID, it.ListID, it.Name, it.Target, it.Note, stamp(s.db.Now())); err != nil {
			return err
		}
		for i, c := range it.Candidates {
			body, err := json.Marshal(c.Info)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO sourcing_candidate (item_id, offer_id, spec_id, pos, chosen, body, added_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, it.ID, c.OfferID, c.SpecID, i+1, c.Chosen, string(body), stamp(c.Added)); err != nil {
				return err
			}
		}
		return nil
	})
}

// NewItem is an item to make with ImportList, with its candidate if the
// row named an offer.
type NewItem struct {
	Name      string
	Target    int64
	Note      string
	Candidate *Candidate
}

// ImportList makes a list with its items and candidates in one
// transaction: a failure midway keeps nothing. A name in use gets " (2)",
// " (3)"… so an import never fails on the file's name.
func (s *Store) ImportList(ctx context.Context, name string, items []NewItem) (int64, string, error) {
	base, err := cleanName("list name", name, MaxName-5)
	if err != nil {
		return 0, "", err
	}
	for i, it := range items {
		if _, err := cleanName("item name", it.Name, MaxName); err != nil {
			return 0, "", fmt.Errorf("item %d: %w", i+1, err)
		}
		if it.Target <= 0 {
			return 0, "", fmt.Errorf("item %d: the target quantity must be at least 1", i+1)
		}
	}
	var id int64
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		name = base
		for n := 2; ; n++ {
			taken, err := nameTaken(ctx, tx, name, 0)
			if err != nil {
				return err
			}
			if !taken {
				break
			}
			name = fmt.Sprintf("%s (%d)", base, n)
		}
		now := stamp(s.db.Now())
		r, err := tx.ExecContext(ctx, "INSERT INTO sourcing_list (name, created_at, updated_at) VALUES (?, ?, ?)", name, now, now)
		if err != nil {
			return err
		}
		if id, err = r.LastInsertId(); err != nil {
			return err
		}
		for i, it := range items {
			name, _ := cleanName("item name", it.Name, MaxName)
			note := strings.TrimSpace(it.Note)
			if n := utf8.RuneCountInString(note); n > MaxNote {
				note = string([]rune(note)[:MaxNote]) // said by the import's report
			}
			r, err := tx.ExecContext(ctx, "INSERT INTO sourcing_item (list_id, pos, name, target_qty, note, created_at) VALUES (?, ?, ?, ?, ?, ?)",
				id, i+1, name, it.Target, note, now)
			if err != nil {
				return err
			}
			if it.Candidate == nil {
				continue
			}
			item, err := r.LastInsertId()
			if err != nil {
				return err
			}
			body, err := json.Marshal(it.Candidate.Info)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, "INSERT INTO sourcing_candidate (item_id, offer_id, spec_id, pos, chosen, body, added_at) VALUES (?, ?, ?, 1, 0, ?, ?)",
				item, it.Candidate.OfferID, it.Candidate.SpecID, string(body), now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, "", err
	}
	return id, name, nil
}

// SetGrams keeps the weight the agent typed for a candidate (0 forgets
// it, and the offer's own weight is used again).
func (s *Store) SetGrams(ctx context.Context, itemID int64, offerID, specID string, grams int64) error {
	if grams < 0 || grams > 1_000_000 {
		return fmt.Errorf("a piece of %d g cannot be right: type the weight of one piece in grams, like 250", grams)
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		var body string
		err := tx.QueryRowContext(ctx, "SELECT body FROM sourcing_candidate WHERE item_id = ? AND offer_id = ? AND spec_id = ?", itemID, offerID, specID).Scan(&body)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		var info Info
		_ = json.Unmarshal([]byte(body), &info)
		info.Grams = grams
		b, err := json.Marshal(info)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "UPDATE sourcing_candidate SET body = ? WHERE item_id = ? AND offer_id = ? AND spec_id = ?", string(b), itemID, offerID, specID)
		return err
	})
}
