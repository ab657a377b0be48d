package search

// The comparison with bubbles/list, in the same run as the desk's own
// benchmarks (bubbles/list brings github.com/sahilm/fuzzy at the version
// bubbles requires, v0.1.1: a test-only dependency).

import (
	"flag"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"caigou/ui/benchmarks"

	"github.com/charmbracelet/bubbles/list"
	"github.com/charmbracelet/bubbles/paginator"
)

type listItem struct{ title, desc string }

func (i listItem) Title() string       { return i.title }
func (i listItem) Description() string { return i.desc }
func (i listItem) FilterValue() string { return i.title }

// BenchmarkBubblesList is bubbles/list with its default delegate over the
// same results (title, and price, MOQ, sales and city below it): one key
// and View, the component alone, without the desk's header and footer.
// The pagination is numbered; BenchmarkBubblesListDots has the default.
func BenchmarkBubblesList(b *testing.B) { benchList(b, resultSizes, paginator.Arabic) }

// BenchmarkBubblesListDots is the list as it comes, whose pagination
// draws a dot per page. It stops at 10,000 rows, where the dots are
// already most of its cost, so a run of 200 frames stays short; for more
// rows, -bubbles.dots=50000,100000 with -benchtime 5x.
func BenchmarkBubblesListDots(b *testing.B) {
	var sizes []int
	for _, f := range strings.Split(*dotRows, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			b.Fatalf("-bubbles.dots: %v", err)
		}
		sizes = append(sizes, n)
	}
	benchList(b, sizes, paginator.Dots)
}

var dotRows = flag.String("bubbles.dots", "100,10000", "row counts for BenchmarkBubblesListDots")

func benchList(b *testing.B, sizes []int, pages paginator.Type) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			benchmarks.Each(b, func(b *testing.B, sz benchmarks.Size, p benchmarks.Profile) {
				withProfile(b, p.Profile)
				_, rows := comparisonRows(b, n, sz.W)
				items := make([]list.Item, len(rows))
				for i := range rows {
					r := &rows[i]
					items[i] = listItem{title: r.title(false), desc: strings.Join([]string{r.cell(colPrice), "MOQ " + r.cell(colMOQ), r.cell(colSold) + " sold", r.cell(colCity)}, " · ")}
				}
				l := list.New(items, list.NewDefaultDelegate(), sz.W, sz.H)
				l.Paginator.Type = pages
				next := benchmarks.Cycle(n)
				b.ReportAllocs()
				for b.Loop() {
					l, _ = l.Update(next())
					_ = l.View()
				}
			})
		})
	}
}
