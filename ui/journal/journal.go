// Package journal is the order journal: an append-only record, in the
// state database beside the cart, of every order create the desk is about to send and of what became
// of it. A create whose answer is lost (a timeout, a dropped SSH session, a
// crash) leaves an intent without a final outcome; looking its outOrderId
// up tells whether the order exists, so nothing is ordered twice and
// nothing placed is forgotten. It knows nothing of Bubble Tea.
package journal

import (
	"context"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"caigou/ui/statedb"
	"caigou/xport"
)

// FileName is the file older versions kept the journal in, imported
// once into the state database.
const FileName = "journal.jsonl"

// Line is one ordered SKU.
type Line struct {
	OfferID  string `json:"offerId"`
	SpecID   string `json:"specId,omitempty"`
	Quantity int64  `json:"quantity"`
}

// Intent is a create about to be sent.
type Intent struct {
	OutOrderID   string `json:"outOrderId"`
	SellerOpenID string `json:"sellerOpenId"`
	SellerName   string `json:"sellerName"`
	Lines        []Line `json:"lines"`
	// PreviewTotal is the previewed sumPayment (goods and freight) of the
	// group, in fen: what the agent confirmed.
	PreviewTotal xport.Fen `json:"previewTotalFen"`
	At           time.Time `json:"at"`
	// Again is set when the agent sent the goods again under this
	// reference while an earlier create of it was still unsettled, and
	// says how they confirmed it.
	Again string `json:"again,omitempty"`
}

// Result is what became of an intent.
type Result string

// The results. Only Created and Refused settle an intent by themselves:
// every other answer leaves the create open, looked up again later, until
// an order is found or the agent decides by hand (and says so by typing
// the reference). NotPlaced is that decision, and the word older journals
// used for a look-up that found nothing.
const (
	Created     Result = "created"       // the service returned order ids, or a look-up found them
	Refused     Result = "refused"       // the service refused it in words; nothing was ordered
	NotPlaced   Result = "not_placed"    // settled by hand: the agent chose to treat it as not placed
	NotFoundYet Result = "not_found_yet" // looked up: no order under the reference yet; it may still land
	Unknown     Result = "unknown"       // the answer was lost, or a look-up could not prove anything
)

// Final reports whether the result settles the intent.
func (r Result) Final() bool { return r == Created || r == Refused || r == NotPlaced }

func (r Result) valid() bool { return r.Final() || r == Unknown || r == NotFoundYet }

// Outcome is what became of one outOrderId.
type Outcome struct {
	OutOrderID string    `json:"outOrderId"`
	Result     Result    `json:"result"`
	OrderIDs   []string  `json:"orderIds,omitempty"`
	Reason     string    `json:"reason,omitempty"`
	At         time.Time `json:"at"`
}

// Journal is the order journal in the state database. It is safe for
// concurrent use: groups are placed in parallel.
type Journal struct {
	db    *statedb.DB
	now   func() time.Time
	notes []string
}

// Open returns the journal of the state database in dir, creating the
// directory 0700 if needed, after a one-time import of the journal.jsonl
// older versions kept there. A database that could not be read was moved
// aside: the journal is returned with the *statedb.CorruptError that says
// where it went.
func Open(dir string) (*Journal, error) {
	db, moved := statedb.Open(dir)
	if db == nil {
		return nil, moved
	}
	j, err := New(db)
	if j == nil {
		db.Close()
	}
	return j, errors.Join(moved, err)
}

// New returns the journal kept in db.
func New(db *statedb.DB) (*Journal, error) {
	j := &Journal{db: db, now: time.Now}
	notes, err := j.importFile(context.Background())
	if err != nil {
		return nil, err
	}
	j.notes = notes
	return j, nil
}

// Path is the state database the journal is kept in.
func (j *Journal) Path() string { return j.db.Path() }

// Notes are what opening the journal has to tell the agent once: the
// old file it imported and the lines of it that could not be read.
func (j *Journal) Notes() []string { return j.notes }

// MaxOutOrderID is the longest outOrderId the service takes.
const MaxOutOrderID = 64

// Intend records a create before it is sent. If this fails the create must
// not be sent: an order the journal does not know of could be ordered
// twice after a lost answer.
func (j *Journal) Intend(in Intent) error {
	if in.OutOrderID == "" || utf8.RuneCountInString(in.OutOrderID) > MaxOutOrderID {
		return fmt.Errorf("journal: outOrderId %q must be 1 to %d characters", in.OutOrderID, MaxOutOrderID)
	}
	if len(in.Lines) == 0 {
		return errors.New("journal: an intent needs its lines")
	}
	if in.At.IsZero() {
		in.At = j.now()
	}
	return j.append(record{Kind: kindIntent, Intent: &in})
}

// Outcome records what became of an intent.
func (j *Journal) Outcome(o Outcome) error {
	if o.OutOrderID == "" {
		return errors.New("journal: an outcome needs its outOrderId")
	}
	if !o.Result.valid() {
		return fmt.Errorf("journal: %q is not a result", o.Result)
	}
	if o.Result == Created && len(o.OrderIDs) == 0 {
		return errors.New("journal: a created outcome needs its order ids")
	}
	if o.At.IsZero() {
		o.At = j.now()
	}
	return j.append(record{Kind: kindOutcome, Outcome: &o})
}

// Close closes the database under the journal.
func (j *Journal) Close() error { return j.db.Close() }
