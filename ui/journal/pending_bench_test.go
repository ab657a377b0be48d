package journal

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// BenchmarkPending is the look for unsettled creates each supplier's
// preview makes, with an empty history and with 100,000 records of which
// three are open: it reads the open references only.
func BenchmarkPending(b *testing.B) {
	for _, n := range []int{0, 100_000} {
		b.Run(fmt.Sprintf("journal=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			var sb strings.Builder
			at := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
			for i := 0; i < n; i += 2 {
				ref := fmt.Sprintf("cg-%08d", i)
				fmt.Fprintf(&sb, `{"kind":"intent","intent":{"outOrderId":%q,"lines":[{"offerId":"1","quantity":1}],"at":%q}}`+"\n", ref, at.Format(time.RFC3339))
				if i < n-6 {
					fmt.Fprintf(&sb, `{"kind":"outcome","outcome":{"outOrderId":%q,"result":"created","orderIds":["1"],"at":%q}}`+"\n", ref, at.Format(time.RFC3339))
				}
			}
			if n > 0 {
				os.WriteFile(filepath.Join(dir, FileName), []byte(sb.String()), 0o600)
			}
			j, err := Open(dir)
			if err != nil {
				b.Fatal(err)
			}
			defer j.Close()
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := j.Pending(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
