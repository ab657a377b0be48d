package journal

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzReadOldFile: whatever an old journal.jsonl holds (a crash's cut,
// an editor's damage), reading it to import never panics, keeps only
// records with a reference, and notes every line it skipped.
func FuzzReadOldFile(f *testing.F) {
	f.Add([]byte(`{"kind":"intent","intent":{"outOrderId":"cg-a","lines":[{"offerId":"1","quantity":3}],"at":"2026-03-02T10:00:00Z"}}` + "\n"))
	f.Add([]byte(`{"kind":"outcome","outcome":{"outOrderId":"cg-a","result":"created","orderIds":["9"]}}` + "\n" + `{"kind":"intent","intent":{"outOrd`))
	f.Add([]byte("\n\n{}\n[1,2]\n\"x\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(t.TempDir(), FileName)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		r, err := readFile(p)
		if err != nil {
			return
		}
		for _, in := range r.Intents {
			if in.OutOrderID == "" {
				t.Fatal("an intent without a reference was kept")
			}
		}
		for _, o := range r.Outcomes {
			if o.OutOrderID == "" {
				t.Fatal("an outcome without a reference was kept")
			}
		}
		if len(r.order) != len(r.Intents)+len(r.Outcomes) {
			t.Fatal("the records and their order disagree")
		}
		for _, in := range r.Pending() {
			if in.OutOrderID == "" {
				t.Fatal("a pending intent without a reference")
			}
		}
	})
}
