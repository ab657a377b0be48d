// Package statedb is the desk's state on disk: one SQLite file in the
// state directory holding the cart, the order journal, preferences and
// search history, shared by every session of the user (two SSH logins at
// once). SQLite gives what the hand-written files had to build: a change is
// all or nothing, survives kill -9 once acknowledged (WAL with
// synchronous=FULL), and two sessions wait for each other (busy timeout)
// instead of overwriting each other. The driver is modernc.org/sqlite,
// pure Go, so the desk still builds with one `go build` and no C compiler.
//
// The packages that keep state (cart, journal) own their tables' meaning;
// this package owns the file, its safety, the schema's versions and the
// cheap "did another session change anything" poll.
package statedb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"time"

	"caigou/ui/state"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// FileName is the database's name in the state directory.
const FileName = "caigou.db"

// BusyTimeout is how long a change waits for another session's to
// finish before it is refused with a message; a session stuck in a
// change must not freeze this one.
const BusyTimeout = 5 * time.Second

// ErrNewer marks a database written by a newer caigou: it is left alone
// rather than changed by code that does not know its tables.
var ErrNewer = errors.New("written by a newer version of caigou")

// CorruptError reports a database file that could not be opened. It was
// moved aside, not deleted, and a new one started.
type CorruptError struct {
	Path    string
	MovedTo string
	Err     error
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("%s could not be read (%v); it was moved aside to %s", e.Path, e.Err, e.MovedTo)
}

func (e *CorruptError) Unwrap() error { return e.Err }

// DB is the state database of one state directory. It is safe for
// concurrent use.
type DB struct {
	sql  *sql.DB
	path string
	dir  string
	now  func() time.Time
	busy time.Duration

	// mu guards the data_version poll: SQLite's counter moves when another
	// connection (another session) commits, and gen counts those moves.
	mu      sync.Mutex
	version int64
	gen     uint64
}

// Open opens (creating if needed) the database in dir, made 0700. A file
// that is not a database is moved aside and a new one started: the DB is
// returned together with the *CorruptError that says where the old one
// went. Any other error returns a nil DB.
func Open(dir string) (*DB, error) { return OpenWith(dir, Options{}) }

// Options are what tests change.
type Options struct {
	// Busy is how long a change waits for another session's; 0 is
	// BusyTimeout.
	Busy time.Duration
	Now  func() time.Time
}

// OpenWith is Open with options.
func OpenWith(dir string, o Options) (*DB, error) {
	if o.Busy <= 0 {
		o.Busy = BusyTimeout
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if err := state.EnsureDir(dir); err != nil {
		return nil, err
	}
	d := &DB{path: filepath.Join(dir, FileName), dir: dir, now: o.Now, busy: o.Busy}
	err := d.connect()
	var moved error
	if notADatabase(err) {
		to, merr := d.moveAside()
		if merr != nil {
			return nil, fmt.Errorf("%s could not be read (%v) nor moved aside (%v): move or delete it", d.path, err, merr)
		}
		moved = &CorruptError{Path: d.path, MovedTo: to, Err: err}
		err = d.connect()
	}
	if err != nil {
		return nil, err
	}
	return d, moved
}

// connect checks the files, opens the database and brings its schema up
// to date.
func (d *DB) connect() error {
	// Never through a link nor into a file of someone else's, and 0600
	// whatever the umask: the files are checked before SQLite touches
	// them, without opening them (state.CheckOwnFile says why). SQLite
	// gives the -wal and -shm files the mode of the database file.
	if err := state.CheckOwnFile(d.path); errors.Is(err, fs.ErrNotExist) {
		// O_EXCL: nobody, this process included, has a new file open.
		f, err := os.OpenFile(d.path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil && !errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("cannot make %s: %w", d.path, err)
		}
		if err == nil {
			f.Close()
		}
		if err := state.CheckOwnFile(d.path); err != nil {
			return err
		}
	} else if err != nil {
		return err
	}
	for _, p := range []string{d.path + "-wal", d.path + "-shm"} {
		if err := state.CheckOwnFile(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", d.busy.Milliseconds()))
	q.Add("_pragma", "journal_mode(WAL)")
	// FULL: a commit is on disk before it returns, so an acknowledged
	// change (a cart line, an order intent) survives kill -9 and power loss.
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_pragma", "foreign_keys(1)")
	// Every transaction takes the write lock at BEGIN: a read-then-write
	// that upgrades later can fail with SQLITE_BUSY past the timeout.
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+d.path+"?"+q.Encode())
	if err != nil {
		return fmt.Errorf("cannot open %s: %w", d.path, err)
	}
	// One connection: what this process writes is seen by all of it, and
	// data_version (per connection) moves only for other sessions' commits.
	db.SetMaxOpenConns(1)
	db.SetConnMaxIdleTime(0)
	db.SetConnMaxLifetime(0)
	ctx := context.Background()
	// Opening can meet another session recovering the WAL after a crash
	// (or switching the journal mode), which SQLite reports as busy
	// without waiting the busy timeout: two desks started together after
	// a kill -9 failed to open. Wait for it as a change would.
	deadline := time.Now().Add(d.busy)
	for {
		if err = db.PingContext(ctx); err == nil {
			err = migrate(ctx, db)
		}
		if !busy(err) || time.Now().After(deadline) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err != nil {
		db.Close()
		if errors.Is(err, ErrNewer) {
			return fmt.Errorf("%s is %w; it was left as it is", d.path, err)
		}
		return fmt.Errorf("cannot open %s: %w", d.path, err)
	}
	d.sql = db
	return nil
}

// busy reports SQLite's "database is locked".
func busy(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	c := se.Code() & 0xff
	return c == sqlite3.SQLITE_BUSY || c == sqlite3.SQLITE_LOCKED
}

// notADatabase reports an error that means the file holds something
// other than a database SQLite can read: moving it aside loses nothing
// more than is already lost.
func notADatabase(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT:
		return true
	}
	return false
}

// moveAside renames the database and its WAL to <name>.corrupt-<time>,
// never over an earlier one; the shared-memory index is rebuilt by SQLite
// and is dropped.
func (d *DB) moveAside() (string, error) {
	to, err := state.RenameFree(d.path, d.path+".corrupt-"+d.now().UTC().Format("20060102T150405Z"))
	if err != nil {
		return "", err
	}
	if err := os.Rename(d.path+"-wal", to+"-wal"); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	os.Remove(d.path + "-shm")
	return to, nil
}

// Now is the database's clock (Options.Now), for the times stores write.
func (d *DB) Now() time.Time { return d.now() }

// Path is the database file.
func (d *DB) Path() string { return d.path }

// Dir is the state directory the database lives in.
func (d *DB) Dir() string { return d.dir }

// Close closes the database.
func (d *DB) Close() error { return d.sql.Close() }

// Tx runs fn in one transaction that holds the write lock from its start
// (waiting up to BusyTimeout for another session's), committing when fn
// returns nil. Nothing of it is kept when fn or the commit fails.
func (d *DB) Tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := d.sql.BeginTx(ctx, nil)
	if err != nil {
		return d.explain(err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return d.explain(err)
	}
	return d.explain(tx.Commit())
}

// Read runs fn in one read transaction: it sees one state of the
// database, and takes no write lock, so it never waits for another
// session's change.
func (d *DB) Read(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := d.sql.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return d.explain(err)
	}
	defer tx.Rollback()
	return d.explain(fn(tx))
}

// Query runs a read outside any write transaction.
func (d *DB) Query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	rows, err := d.sql.QueryContext(ctx, q, args...)
	return rows, d.explain(err)
}

// QueryRow runs a one-row read.
func (d *DB) QueryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return d.sql.QueryRowContext(ctx, q, args...)
}

// explain words the errors an agent can act on.
func (d *DB) explain(err error) error {
	var se *sqlite.Error
	if err == nil || !errors.As(err, &se) {
		return err
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return fmt.Errorf("another caigou session has held %s for more than %s; try again (%w)", d.path, d.busy, err)
	case sqlite3.SQLITE_FULL:
		return fmt.Errorf("the disk holding %s is full; free some space and try again (%w)", d.path, err)
	case sqlite3.SQLITE_READONLY:
		return fmt.Errorf("%s cannot be written; check its permissions (%w)", d.path, err)
	}
	return err
}

// Generation counts the changes other sessions committed, as far as this
// one has looked: it moves when SQLite's data_version does. It costs one
// pragma on an open connection, so a screen can poll it every second; a
// caller that saw the same number before knows nothing changed.
func (d *DB) Generation(ctx context.Context) (uint64, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	var v int64
	err := d.sql.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v)
	if err != nil {
		return d.gen, d.explain(err)
	}
	if v != d.version {
		d.version = v
		d.gen++
	}
	return d.gen, nil
}

// Exec runs one statement in its own transaction.
func (d *DB) Exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	r, err := d.sql.ExecContext(ctx, q, args...)
	return r, d.explain(err)
}
