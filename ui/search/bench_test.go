package search

import (
	"fmt"
	"testing"

	"caigou/ui/common"
	"caigou/ui/uitest"

	tea "github.com/charmbracelet/bubbletea"
)

// BenchmarkResultsKeyAndView is one key press through Update plus a full
// View, over result lists of growing length. The cost must not grow with
// the list: only the rows in view are drawn. It is the page alone, at one
// size and without colour; BenchmarkResultsScreen (screen_bench_test.go)
// is the frame an agent sees, through the root.
func BenchmarkResultsKeyAndView(b *testing.B) {
	for _, n := range []int{100, 10_000, 50_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			m, _ := newPage(b, 120, 40)
			m.input.SetValue("连衣裙")
			m.submit()
			m.Update(resultsMsg{Reply: common.Reply{Page: m.id, Seq: m.seq}, q: m.q, page: 1, res: fakePage(1, n, n)})
			if len(m.results.rows) != n {
				b.Fatalf("loaded %d rows, want %d", len(m.results.rows), n)
			}
			down := uitest.Key("down")
			top := uitest.Key("g")
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				k := down
				if m.results.cursor == n-1 {
					k = top
				}
				m.Update(k)
				_ = m.View()
			}
		})
	}
}

var _ tea.Msg = resultsMsg{}
