package journal

import (
	"bufio"
	"bytes"
	"caigou/ui/state"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Records is a journal as read whole: an old file being imported, or
// the database for a test or an export.
type Records struct {
	Intents  []Intent
	Outcomes []Outcome
	// Notes name the lines that could not be read and were skipped.
	Notes []string
	// order keeps intents and outcomes interleaved as written.
	order []record
}

// readFile reads a journal.jsonl an older version wrote, to import it. A
// missing file is an empty journal. A line that cannot be read is skipped
// with a note rather than failing the whole file: a crash mid-write cuts
// the last line short, and the records before it are still good.
func readFile(path string) (*Records, error) {
	f, err := state.OpenPrivate(path, os.O_RDONLY)
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
		return out, fmt.Errorf("journal: reading %s: %w", path, err)
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
