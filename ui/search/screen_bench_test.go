package search

import (
	"context"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"caigou/ui/app"
	"caigou/ui/benchmarks"
	"caigou/ui/common"
	"caigou/ui/uitest"
	"caigou/xport"

	btable "github.com/charmbracelet/bubbles/table"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// The results screen's benchmarks: the desk's root over the search page,
// with 100 to 100,000 results loaded, against bubbles/list and
// bubbles/table over the same rows. The results arrive as the page's own
// reply message, through the root, 50 offers a page, so no network and no
// sandbox are needed for 100,000 offers; the offers are copies of the
// sandbox's cards as the client decodes them, every string its own.

var resultSizes = []int{100, 10_000, 50_000, 100_000}

// cards are the sandbox's search cards for a keyword, decoded by the
// client: the templates of the synthesised results.
func cards(tb testing.TB, c *common.Common) []xport.Offer {
	tb.Helper()
	res, err := c.Client.SearchKeyword(context.Background(), xport.SearchQuery{Keyword: "连衣裙", Page: 1, PageSize: 50})
	if err != nil || len(res.Offers) == 0 {
		tb.Fatalf("sandbox search: %v", err)
	}
	return res.Offers
}

// synth makes n offers from the templates, numbered from first: each a
// deep copy with its own strings (as decoding gives), its own id and a
// title that differs.
func synth(tmpl []xport.Offer, first, n int) []xport.Offer {
	out := make([]xport.Offer, n)
	for i := range out {
		id := first + i
		o := deepCopy(reflect.ValueOf(tmpl[id%len(tmpl)])).Interface().(xport.Offer)
		o.OfferID = xport.ID(fmt.Sprintf("9%011d", id))
		o.Subject = xport.Text(fmt.Sprintf("%s %d款", o.Subject, id))
		o.SubjectTrans = xport.Text(fmt.Sprintf("%s no. %d", o.SubjectTrans, id))
		out[i] = o
	}
	return out
}

// deepCopy copies v with fresh strings and slices.
func deepCopy(v reflect.Value) reflect.Value {
	out := reflect.New(v.Type()).Elem()
	switch v.Kind() {
	case reflect.String:
		out.SetString(strings.Clone(v.String()))
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if out.Field(i).CanSet() {
				out.Field(i).Set(deepCopy(v.Field(i)))
			}
		}
	case reflect.Slice:
		if v.IsNil() {
			return out
		}
		out.Set(reflect.MakeSlice(v.Type(), v.Len(), v.Len()))
		for i := 0; i < v.Len(); i++ {
			out.Index(i).Set(deepCopy(v.Index(i)))
		}
	default:
		out.Set(v)
	}
	return out
}

// feed delivers n results to the page through the root, 50 a page, as
// the replies to the page's requests arrive.
func feed(root *app.Model, m *Model, n int, offers func(first, n int) []xport.Offer) {
	const size = 50
	pages := (n + size - 1) / size
	for p := 1; p <= pages; p++ {
		first := (p-1)*size + 1
		res := &xport.OfferPage{TotalRecords: xport.Int(n), TotalPage: xport.Int(pages), PageSize: size, CurrentPage: xport.Int(p),
			Offers: offers(first, min(size, n-first+1))}
		root.Update(resultsMsg{Reply: common.Reply{Page: m.id, Seq: m.seq}, q: m.q, page: p, res: res})
	}
}

// openResults is the root over a search page showing n results.
func openResults(b *testing.B, n int, sz benchmarks.Size, p benchmarks.Profile) (*app.Model, *Model) {
	b.Helper()
	s := benchmarks.NewSession(b, p.Profile)
	tmpl := cards(b, s.C)
	m := New(s.C)
	root := benchmarks.NewRoot(b, s.C, m, sz)
	root.Update(uitest.Key("/"))
	root.Update(uitest.Key("连衣裙"))
	root.Update(uitest.Key("enter")) // its request is answered below
	feed(root, m, n, func(first, k int) []xport.Offer { return synth(tmpl, first, k) })
	if len(m.results.rows) != n {
		b.Fatalf("loaded %d rows, want %d", len(m.results.rows), n)
	}
	return root, m
}

// BenchmarkResultsScreen is one key press on the results (down, back to
// the top at the end) and the frame the root draws: header, page, help
// and status line.
func BenchmarkResultsScreen(b *testing.B) {
	for _, n := range resultSizes {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			benchmarks.Each(b, func(b *testing.B, sz benchmarks.Size, p benchmarks.Profile) {
				root, _ := openResults(b, n, sz, p)
				benchmarks.KeyAndView(b, root, benchmarks.Cycle(n))
			})
		})
	}
}

// BenchmarkResultsMemory reports the live heap each loaded result costs
// (B/row, after a GC, with every result loaded and the first screen
// drawn), and again after the agent has paged through all of them
// (B/row-scrolled): what is kept for a row scrolled past counts there.
// Its ns/op is a key press and frame at that size.
func BenchmarkResultsMemory(b *testing.B) {
	for _, n := range resultSizes[1:] {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			sz := benchmarks.Sizes()[0]
			s := benchmarks.NewSession(b, termenv.TrueColor)
			tmpl := cards(b, s.C)
			m := New(s.C)
			root := benchmarks.NewRoot(b, s.C, m, sz)
			root.Update(uitest.Key("/"))
			root.Update(uitest.Key("连衣裙"))
			root.Update(uitest.Key("enter"))
			before := liveHeap()
			feed(root, m, n, func(first, k int) []xport.Offer { return synth(tmpl, first, k) })
			root.View()
			loaded := liveHeap()
			pgdn := uitest.Key("pgdown")
			for m.results.cursor < n-1 {
				root.Update(pgdn)
				root.View()
			}
			root.Update(uitest.Key("g"))
			scrolled := liveHeap()
			benchmarks.KeyAndView(b, root, benchmarks.Cycle(n))
			b.ReportMetric(float64(loaded-before)/float64(n), "B/row")
			b.ReportMetric(float64(scrolled-before)/float64(n), "B/row-scrolled")
			runtime.KeepAlive(root)
		})
	}
}

func liveHeap() int64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapAlloc)
}

// comparisonRows formats n results as the page does, for the bubbles
// components to show the same text.
func comparisonRows(b *testing.B, n int, width int) (*table, []row) {
	b.Helper()
	s := benchmarks.NewSession(b, termenv.Ascii)
	tmpl := cards(b, s.C)
	t := &table{}
	t.layout(width, 30, "")
	rows := make([]row, 0, n)
	for first := 1; first <= n; first += 50 {
		for _, o := range synth(tmpl, first, min(50, n-first+1)) {
			rows = append(rows, newRow(s.C, o, ""))
		}
	}
	return t, rows
}

// withProfile draws the bubbles components, whose default styles use
// lipgloss's default renderer, in profile p for the benchmark.
func withProfile(b *testing.B, p termenv.Profile) {
	old := lipgloss.ColorProfile()
	lipgloss.SetColorProfile(p)
	b.Cleanup(func() { lipgloss.SetColorProfile(old) })
}

// BenchmarkBubblesTable is bubbles/table over the same results, with the
// results table's columns at the width: one key and View, the component
// alone.
func BenchmarkBubblesTable(b *testing.B) {
	for _, n := range resultSizes {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			benchmarks.Each(b, func(b *testing.B, sz benchmarks.Size, p benchmarks.Profile) {
				withProfile(b, p.Profile)
				t, rows := comparisonRows(b, n, sz.W)
				cols := make([]btable.Column, len(t.cols))
				for i, c := range t.cols {
					cols[i] = btable.Column{Title: c.header, Width: c.width}
				}
				trs := make([]btable.Row, len(rows))
				for i := range rows {
					tr := make(btable.Row, len(t.cols))
					for j, c := range t.cols {
						tr[j] = t.cell(&rows[i], c)
					}
					trs[i] = tr
				}
				bt := btable.New(btable.WithColumns(cols), btable.WithRows(trs), btable.WithHeight(sz.H-4), btable.WithWidth(sz.W), btable.WithFocused(true))
				next := benchmarks.Cycle(n)
				b.ReportAllocs()
				for b.Loop() {
					bt, _ = bt.Update(next())
					_ = bt.View()
				}
			})
		})
	}
}

var _ tea.Model = (*app.Model)(nil)
