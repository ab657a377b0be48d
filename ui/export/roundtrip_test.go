package export

import (
	"path/filepath"
	"slices"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	wantHeader, wantRows := wantCells()
	for _, ext := range []string{".csv", ".xlsx", ".XLSX"} {
		t.Run(ext, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "orders"+ext)
			if err := WriteFile(path, orders()); err != nil {
				t.Fatal(err)
			}
			header, rows, err := ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(header, wantHeader) {
				t.Errorf("header %q, want %q", header, wantHeader)
			}
			if len(rows) != len(wantRows) {
				t.Fatalf("%d rows, want %d: %q", len(rows), len(wantRows), rows)
			}
			for i := range rows {
				if !slices.Equal(rows[i], wantRows[i]) {
					t.Errorf("row %d:\n got %q\nwant %q", i+2, rows[i], wantRows[i])
				}
			}
		})
	}
}
