package cart

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"caigou/ui/state"
	"caigou/ui/statedb"
)

// The files versions before the state database kept the cart in, and the
// meta key that says they were imported.
const (
	cartFile     = "cart.json"
	prefsFile    = "prefs.json"
	oldLockFile  = "cart.lock"
	importedCart = "imported_cart_json"
)

// importJSON moves the cart and preferences an older version kept in
// cart.json and prefs.json into the database, once: in one transaction
// with the mark that it was done, so a crash imports all or nothing and
// a second session starting at the same moment does not import twice.
// The files are then renamed *.imported, kept as a backup. A file that
// cannot be read is moved aside (moved says where) and not imported.
func importJSON(ctx context.Context, db *statedb.DB) (notes []string, moved error, err error) {
	dir := db.Dir()
	present := func(name string) bool {
		_, err := os.Lstat(filepath.Join(dir, name))
		return err == nil
	}
	if !present(cartFile) && !present(prefsFile) {
		return nil, nil, nil
	}
	doc, cmoved, err := readOld(dir, cartFile, func(b []byte) (*cartDoc, error) {
		var d cartDoc
		if err := json.NewDecoder(bytes.NewReader(b)).Decode(&d); err != nil {
			return nil, err
		}
		return &d, d.check()
	})
	if err != nil {
		return nil, nil, err
	}
	prefs, pmoved, err := readOld(dir, prefsFile, func(b []byte) (*prefsDoc, error) {
		var d prefsDoc
		return &d, json.Unmarshal(b, &d)
	})
	if err != nil {
		return nil, nil, err
	}
	moved = errors.Join(cmoved, pmoved)
	var count int
	done := false
	err = db.Tx(ctx, func(tx *sql.Tx) error {
		_, done, err = statedb.Meta(ctx, tx, importedCart)
		if err != nil || done {
			return err
		}
		if doc != nil {
			if count, err = importLines(ctx, tx, doc); err != nil {
				return err
			}
		}
		if prefs != nil && prefs.DefaultAddressID != "" {
			if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO pref (key, value) VALUES (?, ?)", prefDefaultAddress, prefs.DefaultAddressID); err != nil {
				return err
			}
			if _, err := statedb.Bump(ctx, tx, prefsRev); err != nil {
				return err
			}
		}
		return statedb.SetMeta(ctx, tx, importedCart, time.Now().UTC().Format(time.RFC3339))
	})
	if err != nil {
		return nil, nil, fmt.Errorf("cannot move the saved cart into %s: %w", db.Path(), err)
	}
	var kept []string
	for _, name := range []string{cartFile, prefsFile} {
		if (name == cartFile && doc == nil) || (name == prefsFile && prefs == nil) {
			continue
		}
		if to, err := keepImported(dir, name); err == nil {
			kept = append(kept, filepath.Base(to))
		}
	}
	os.Remove(filepath.Join(dir, oldLockFile))
	if done || len(kept) == 0 {
		return nil, moved, nil
	}
	what := "Saved preferences"
	if doc != nil {
		what = fmt.Sprintf("Saved cart (%d line%s)", count, plural(count))
	}
	notes = append(notes, fmt.Sprintf("%s moved into %s; kept as %s.", what, filepath.Base(db.Path()), strings.Join(kept, " and ")))
	return notes, moved, nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// importLines adds the file's lines after any the database holds; a line
// already there is left as it is.
func importLines(ctx context.Context, tx *sql.Tx, doc *cartDoc) (int, error) {
	var last int64
	if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(pos), 0) FROM cart_line").Scan(&last); err != nil {
		return 0, err
	}
	n := 0
	for i := range doc.Lines {
		body, err := json.Marshal(&doc.Lines[i])
		if err != nil {
			return 0, err
		}
		res, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO cart_line (offer_id, spec_id, pos, body) VALUES (?, ?, ?, ?)",
			doc.Lines[i].OfferID, doc.Lines[i].SpecID, last+int64(i)+1, body)
		if err != nil {
			return 0, err
		}
		if k, _ := res.RowsAffected(); k > 0 {
			n++
		}
	}
	for seller, text := range doc.Messages {
		if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO cart_message (seller_open_id, body) VALUES (?, ?)", seller, text); err != nil {
			return 0, err
		}
	}
	_, err := statedb.Bump(ctx, tx, cartRev)
	return n, err
}

// readOld reads one of the old files: nil when it is missing; moved
// aside (with a *CorruptError) when decode refuses it. A file of another
// user's or a link is refused, as it always was. A file a newer caigou
// wrote is left where it is and not imported.
func readOld[T any](dir, name string, decode func([]byte) (*T, error)) (*T, error, error) {
	p := filepath.Join(dir, name)
	f, err := state.OpenPrivate(p, os.O_RDONLY)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	b, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read %s: %w", p, err)
	}
	var ver struct {
		Version int `json:"version"`
	}
	if json.Unmarshal(b, &ver) == nil && ver.Version > formatVersion {
		return nil, nil, fmt.Errorf("%s is version %d, %w (this one reads version %d); it was left as it is", p, ver.Version, ErrNewer, formatVersion)
	}
	v, derr := decode(b)
	if derr == nil {
		return v, nil, nil
	}
	to, merr := moveAside(p)
	if merr != nil {
		return nil, nil, fmt.Errorf("%s could not be read (%v) nor moved aside (%v): move or delete it", p, derr, merr)
	}
	return nil, &CorruptError{Path: p, MovedTo: to, Err: derr}, nil
}

// moveAside renames a bad file to name.corrupt-<time>, never over an
// earlier one.
func moveAside(p string) (string, error) {
	return state.RenameFree(p, p+".corrupt-"+time.Now().UTC().Format("20060102T150405Z"))
}

// keepImported renames an imported file to name.imported.
func keepImported(dir, name string) (string, error) {
	p := filepath.Join(dir, name)
	return state.RenameFree(p, p+".imported")
}
