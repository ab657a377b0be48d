package uitest

import (
	"testing"

	"caigou/ui/export"
)

// WriteSheet writes rows (the headings first) to path as a client would
// send them: every cell text, .xlsx or .csv by the ending.
func WriteSheet(tb testing.TB, path string, rows [][]string) {
	tb.Helper()
	t := export.Table{Sheet: "List"}
	for _, h := range rows[0] {
		t.Columns = append(t.Columns, export.Column{Name: h, Kind: export.Text})
	}
	for _, r := range rows[1:] {
		var vs []export.Value
		for _, c := range r {
			vs = append(vs, export.T(c))
		}
		t.Rows = append(t.Rows, vs)
	}
	if err := export.WriteFile(path, t); err != nil {
		tb.Fatal(err)
	}
}
