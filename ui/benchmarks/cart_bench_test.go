package benchmarks

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"caigou/ui/app"
	"caigou/ui/search"
	"caigou/ui/uitest"

	tea "github.com/charmbracelet/bubbletea"
)

// openCart fills the session's cart with n lines and opens the cart page
// over the search page, as c does.
func openCart(b *testing.B, n int, sz Size, p Profile) *app.Model {
	b.Helper()
	s := NewSession(b, p.Profile)
	for _, l := range cartLines(b, s.Sandbox, n) {
		if err := s.C.Cart.Put(l); err != nil {
			b.Fatal(err)
		}
	}
	root := NewRoot(b, s.C, search.New(s.C), sz)
	_, cmd := root.Update(uitest.Key("c"))
	Settle(b, root, cmd, 200*time.Millisecond)
	if v := root.View(); !strings.Contains(v, fmt.Sprintf("%d lines", n)) {
		b.Fatalf("the cart page does not show %d lines:\n%s", n, v)
	}
	return root
}

// BenchmarkCartScreen is one key press on the cart page (down the lines,
// back to the top at the end) and the frame it draws.
func BenchmarkCartScreen(b *testing.B) {
	for _, n := range []int{50, 200, 800} {
		b.Run(fmt.Sprintf("lines=%d", n), func(b *testing.B) {
			Each(b, func(b *testing.B, sz Size, p Profile) {
				root := openCart(b, n, sz, p)
				KeyAndView(b, root, Cycle(n))
			})
		})
	}
}

// BenchmarkCartQuantity is a quantity change on the cart page: + or -,
// the save it starts (the cart in memory: the file's cost is the store's
// own benchmark), the reply, and the frame.
func BenchmarkCartQuantity(b *testing.B) {
	for _, n := range []int{50, 200, 800} {
		b.Run(fmt.Sprintf("lines=%d", n), func(b *testing.B) {
			Each(b, func(b *testing.B, sz Size, p Profile) {
				root := openCart(b, n, sz, p)
				keys := []tea.KeyMsg{uitest.Key("+"), uitest.Key("-")}
				send := Send(root)
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					uitest.Run(b, send, keys[i%2])
					_ = root.View()
					i++
				}
			})
		})
	}
}
