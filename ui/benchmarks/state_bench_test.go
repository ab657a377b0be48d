package benchmarks

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"caigou/ui/cart"
	"caigou/ui/journal"
	"caigou/ui/search"
	"caigou/ui/uitest"

	"github.com/muesli/termenv"
)

// stateSession is a session whose cart and journal are on a state
// database in a new directory, with a journal of n records imported.
func stateSession(b *testing.B, n int) (uitest.Session, *journal.Journal) {
	b.Helper()
	dir := b.TempDir()
	if n > 0 {
		WriteOldJournal(b, dir, n, 3)
	}
	crt, err := cart.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	j, err := journal.New(crt.DB())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { crt.DB().Close() })
	s := NewSession(b, termenv.Ascii)
	s.C.Cart, s.C.Journal = crt, j
	return s, j
}

// BenchmarkCheckoutPreview is p on the cart page of a cart from 40
// suppliers: every supplier's preview and its check of the journal for
// an earlier create of the same goods, to the frame that shows them all,
// with an empty journal and with 100,000 records of history (two years
// of a busy agent). The history must not cost more than a fifth more.
func BenchmarkCheckoutPreview(b *testing.B) {
	const suppliers = 40
	for _, n := range []int{0, 100_000} {
		b.Run(fmt.Sprintf("journal=%d", n), func(b *testing.B) {
			s, _ := stateSession(b, n)
			for _, l := range orderable(b, s.Sandbox, suppliers) {
				if err := s.C.Cart.Put(l); err != nil {
					b.Fatal(err)
				}
			}
			root := NewRoot(b, s.C, search.New(s.C), Size{120, 40})
			_, cmd := root.Update(uitest.Key("c"))
			Settle(b, root, cmd, 200*time.Millisecond)
			b.ReportAllocs()
			for b.Loop() {
				Press(b, root, "p")
				v := root.View()
				if strings.Contains(v, "reviewing") || !strings.Contains(v, "40 suppliers") {
					b.Fatalf("the previews did not all answer:\n%s", v)
				}
				Press(b, root, "esc")
			}
			// What stays in memory once the previews are done: the history
			// must not be kept.
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			runtime.KeepAlive(root)
			b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "MB-live-heap")
		})
	}
}

// BenchmarkCartChange is one change of a cart kept in the state database
// with 0 or 800 lines: a line added, a line's quantity changed, a line
// removed, each with its commit (synced to disk) and nothing else. A
// change must cost the same at 800 lines as at none.
func BenchmarkCartChange(b *testing.B) {
	for _, n := range []int{0, 800} {
		for _, op := range []string{"add", "quantity", "remove"} {
			b.Run(fmt.Sprintf("lines=%d/%s", n, op), func(b *testing.B) {
				s, _ := stateSession(b, 0)
				for _, l := range cartLines(b, s.Sandbox, n) {
					if err := s.C.Cart.Put(l); err != nil {
						b.Fatal(err)
					}
				}
				crt := s.C.Cart
				base := cartLines(b, s.Sandbox, 1)[0]
				base.OfferID = "bench"
				if err := crt.Put(base); err != nil {
					b.Fatal(err)
				}
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					var err error
					switch op {
					case "add":
						b.StopTimer()
						err = crt.Delete(base.Key())
						b.StartTimer()
						if err == nil {
							err = crt.Put(base)
						}
					case "quantity":
						err = crt.Set(base.Key(), base.Quantity+int64(i%2)*base.Batch)
					case "remove":
						err = crt.Delete(base.Key())
						b.StopTimer()
						if err == nil {
							err = crt.Put(base)
						}
						b.StartTimer()
					}
					if err != nil {
						b.Fatal(err)
					}
					i++
				}
			})
		}
	}
}
