package journal

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"caigou/ui/state"
	"caigou/ui/statedb"
)

// importedJournal is the meta key that says journal.jsonl was imported.
const importedJournal = "imported_journal_jsonl"

// importFile moves the journal.jsonl an older version kept into the
// database, once: every readable record in the order written, in one
// transaction with the mark that it was done, so a crash imports all or
// nothing and a second session starting at the same moment does not
// import twice. The file is then renamed journal.jsonl.imported and kept.
// A file that is not the user's own (a planted link) is refused, as it
// always was.
func (j *Journal) importFile(ctx context.Context) ([]string, error) {
	p := filepath.Join(j.db.Dir(), FileName)
	if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	recs, err := readFile(p)
	if err != nil {
		return nil, err
	}
	done := false
	err = j.db.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		if _, done, err = statedb.Meta(ctx, tx, importedJournal); err != nil || done {
			return err
		}
		p, err := prepare(ctx, tx)
		if err != nil {
			return err
		}
		defer p.close()
		for _, rec := range recs.order {
			if err := p.put(ctx, rec); err != nil {
				return err
			}
		}
		return statedb.SetMeta(ctx, tx, importedJournal, time.Now().UTC().Format(time.RFC3339))
	})
	if err != nil {
		return nil, fmt.Errorf("journal: cannot move %s into %s: %w", p, j.db.Path(), err)
	}
	to, rerr := state.RenameFree(p, p+".imported")
	if done {
		return nil, nil
	}
	var notes []string
	if rerr == nil {
		notes = append(notes, fmt.Sprintf("Order journal (%d records) moved into %s; kept as %s.",
			len(recs.order), filepath.Base(j.db.Path()), filepath.Base(to)))
	}
	return append(notes, recs.Notes...), nil
}
