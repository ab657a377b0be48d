package journal

import (
	"bufio"
	"bytes"
	"caigou/ui/state"
	"caigou/xport"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

const (
	kindIntent  = "intent"
	kindOutcome = "outcome"
)

// record is one line of the file.
type record struct {
	Kind    string   `json:"kind"`
	Intent  *Intent  `json:"intent,omitempty"`
	Outcome *Outcome `json:"outcome,omitempty"`
}

// append writes one record as one line, in a single write, and syncs it
// before returning: the intent must be on disk before the create leaves.
func (j *Journal) append(rec record) error {
	b, err := json.Marshal(rec)
	if err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	b = append(b, '\n')

	j.mu.Lock()
	defer j.mu.Unlock()
	_, statErr := os.Lstat(j.path)
	created := errors.Is(statErr, fs.ErrNotExist)
	// Never through a link or into a file of someone else's; one that
	// predates us with a looser mode (an old umask, a copy) is made 0600.
	f, err := state.OpenPrivate(j.path, os.O_RDWR|os.O_CREATE|os.O_APPEND)
	if err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	if fi.Size() > 0 {
		// A crash mid-write leaves a line without its newline. Appending
		// straight after it would glue this record to the fragment and make
		// both unreadable, losing a good record; start a new line instead.
		var last [1]byte
		if _, err := f.ReadAt(last[:], fi.Size()-1); err != nil {
			return fmt.Errorf("journal: %w", err)
		}
		if last[0] != '\n' {
			b = append([]byte{'\n'}, b...)
		}
	}
	n, err := f.Write(b)
	if err == nil && n != len(b) {
		err = fmt.Errorf("short write (%d of %d bytes)", n, len(b))
	}
	if err != nil {
		return fmt.Errorf("journal: writing %s: %w", j.path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("journal: syncing %s: %w", j.path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	if created {
		// A new file's name lives in the directory: sync it too, or a crash
		// could lose the whole file with the intent in it.
		if err := state.SyncDir(filepath.Dir(j.path)); err != nil {
			return fmt.Errorf("journal: %w", err)
		}
	}
	return nil
}

// Records is the journal as read.
type Records struct {
	Intents  []Intent
	Outcomes []Outcome
	// Notes name the lines that could not be read and were skipped.
	Notes []string
	// order keeps intents and outcomes interleaved as written.
	order []record
}

// Read reads the whole journal. A missing file is an empty journal. A line
// that cannot be read is skipped with a note rather than failing the whole
// file: a crash mid-write cuts the last line short, and the records before
// it are still good.
func (j *Journal) Read() (*Records, error) {
	f, err := state.OpenPrivate(j.path, os.O_RDONLY)
	if errors.Is(err, fs.ErrNotExist) {
		return &Records{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	data, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	out := &Records{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	n := 0
	for sc.Scan() {
		n++
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var rec record
		err := json.Unmarshal(line, &rec)
		switch {
		case err == nil && rec.Kind == kindIntent && rec.Intent != nil && rec.Intent.OutOrderID != "":
			out.Intents = append(out.Intents, *rec.Intent)
			out.order = append(out.order, rec)
		case err == nil && rec.Kind == kindOutcome && rec.Outcome != nil && rec.Outcome.OutOrderID != "":
			out.Outcomes = append(out.Outcomes, *rec.Outcome)
			out.order = append(out.order, rec)
		default:
			why := "it is not a journal record"
			if err != nil {
				why = "it is cut short or damaged"
			}
			if n == lastLine(data) && data[len(data)-1] != '\n' {
				why = "it was cut short, probably by a crash while it was written"
			}
			out.Notes = append(out.Notes, fmt.Sprintf("%s line %d skipped: %s", FileName, n, why))
		}
	}
	if err := sc.Err(); err != nil {
		return out, fmt.Errorf("journal: reading %s: %w", j.path, err)
	}
	return out, nil
}

// lastLine is the number of the last line of data.
func lastLine(data []byte) int {
	n := bytes.Count(data, []byte{'\n'})
	if len(data) > 0 && data[len(data)-1] != '\n' {
		n++
	}
	return n
}

// Pending returns the intents without a final outcome, oldest first: the
// creates whose fate is not known. An outOrderId sent again (a retry after
// a look-up found nothing) is pending again until its new outcome.
func (r *Records) Pending() []Intent {
	open := map[string]*Intent{}
	var ids []string
	for _, rec := range r.order {
		switch rec.Kind {
		case kindIntent:
			id := rec.Intent.OutOrderID
			if _, ok := open[id]; !ok {
				ids = append(ids, id)
			}
			in := *rec.Intent
			open[id] = &in
		case kindOutcome:
			if rec.Outcome.Result.Final() {
				open[rec.Outcome.OutOrderID] = nil
			}
		}
	}
	var out []Intent
	for _, id := range ids {
		if in := open[id]; in != nil {
			out = append(out, *in)
		}
	}
	return out
}

// Pending reads the journal and returns the intents without a final
// outcome, with notes about any line that was skipped.
func (j *Journal) Pending() ([]Intent, []string, error) {
	r, err := j.Read()
	if err != nil {
		return nil, nil, err
	}
	return r.Pending(), r.Notes, nil
}

// PreviewTotals maps each outOrderId to the preview total the agent
// confirmed for it (the latest intent's): the orders screen's cross-check
// of the unit its amounts are read in.
func (r *Records) PreviewTotals() map[string]xport.Fen {
	out := make(map[string]xport.Fen, len(r.Intents))
	for _, in := range r.Intents {
		if in.PreviewTotal > 0 {
			out[in.OutOrderID] = in.PreviewTotal
		}
	}
	return out
}
