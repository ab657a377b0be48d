package benchmarks

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"caigou/ui/app"
	"caigou/ui/search"
	"caigou/ui/sourcing"
	"caigou/ui/uitest"
)

// sourcingRoot is a session with sourcing lists in a state database:
// lists lists (the first holding items items, its first item holding
// cands candidates), and the root over the search page.
func sourcingRoot(b *testing.B, lists, items, cands int, sz Size, p Profile) (*app.Model, uitest.Session) {
	b.Helper()
	s := NewSession(b, p.Profile)
	st := s.WithLists(b)
	ctx := context.Background()
	var first []sourcing.NewItem
	for i := range items {
		first = append(first, sourcing.NewItem{Name: fmt.Sprintf("item %04d 手机壳", i), Target: 500, Note: "唛头 A"})
	}
	if _, _, err := st.ImportList(ctx, "Client 0000", first); err != nil {
		b.Fatal(err)
	}
	// The other lists in one transaction: thousands of commits synced to
	// disk would be the fixture's cost, not the screen's.
	if lists > 1 {
		err := st.DB().Tx(ctx, func(tx *sql.Tx) error {
			for i := 1; i < lists; i++ {
				if _, err := tx.ExecContext(ctx, "INSERT INTO sourcing_list (name, created_at, updated_at) VALUES (?, ?, ?)",
					fmt.Sprintf("Client %04d", i), "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	if cands > 0 {
		ls, _ := st.Lists(ctx, false)
		var l sourcing.List
		for _, x := range ls {
			if x.Name == "Client 0000" {
				l = x
			}
		}
		its, _ := st.Items(ctx, l.ID)
		n := 0
		for _, o := range s.Sandbox.Catalogue().Offers {
			if n == cands {
				break
			}
			if o.Sellable() && len(o.Tiers) > 0 && stocked(o) {
				st.AddCandidate(ctx, its[0].ID, sourcing.Candidate{OfferID: o.ID, Info: sourcing.Info{Title: o.Subject}})
				n++
			}
		}
	}
	root := NewRoot(b, s.C, search.New(s.C), sz)
	Settle(b, root, nil, 50*time.Millisecond)
	return root, s
}

// BenchmarkSourcingListsScreen is a key on the sourcing lists (S) with
// 100 and 5,000 lists, and its frame.
func BenchmarkSourcingListsScreen(b *testing.B) {
	for _, n := range []int{100, 5000} {
		b.Run(fmt.Sprintf("lists=%d", n), func(b *testing.B) {
			Each(b, func(b *testing.B, sz Size, p Profile) {
				root, _ := sourcingRoot(b, n, 1, 0, sz, p)
				_, cmd := root.Update(uitest.Key("S"))
				Settle(b, root, cmd, 100*time.Millisecond)
				if !strings.Contains(root.View(), "Client 0000") {
					b.Fatalf("the lists are not shown:\n%s", root.View())
				}
				KeyAndView(b, root, Cycle(n))
			})
		})
	}
}

// BenchmarkSourcingItemsScreen is a key on a list of 200 and 2,000
// items, and its frame.
func BenchmarkSourcingItemsScreen(b *testing.B) {
	for _, n := range []int{200, 2000} {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			Each(b, func(b *testing.B, sz Size, p Profile) {
				root, _ := sourcingRoot(b, 1, n, 0, sz, p)
				_, cmd := root.Update(uitest.Key("S"))
				Settle(b, root, cmd, 100*time.Millisecond)
				_, cmd = root.Update(uitest.Key("enter"))
				Settle(b, root, cmd, 100*time.Millisecond)
				if !strings.Contains(root.View(), "item 0000") {
					b.Fatalf("the items are not shown:\n%s", root.View())
				}
				KeyAndView(b, root, Cycle(n))
			})
		})
	}
}

// BenchmarkComparisonScreen is a key on the comparison of an item with
// 5 and 50 candidates, every figure in, and its frame.
func BenchmarkComparisonScreen(b *testing.B) {
	for _, n := range []int{5, 50} {
		b.Run(fmt.Sprintf("candidates=%d", n), func(b *testing.B) {
			Each(b, func(b *testing.B, sz Size, p Profile) {
				root, _ := sourcingRoot(b, 1, 1, n, sz, p)
				for _, k := range []string{"S", "enter", "enter"} {
					_, cmd := root.Update(uitest.Key(k))
					Settle(b, root, cmd, 300*time.Millisecond)
				}
				if v := root.View(); !strings.Contains(v, "Landed/u") || strings.Contains(v, "asking freight") {
					b.Fatalf("the comparison is not complete:\n%s", v)
				}
				KeyAndView(b, root, Cycle(n))
			})
		})
	}
}
