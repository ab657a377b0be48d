package benchmarks

import (
	"strings"
	"testing"
	"time"

	"caigou/ui/search"
	"caigou/ui/uitest"
)

// BenchmarkCheckoutScreen is one key press on the checkout page of a cart
// from 40 suppliers (down the groups, back to the top at the end) and the
// frame, once every preview has answered.
func BenchmarkCheckoutScreen(b *testing.B) {
	const suppliers = 40
	Each(b, func(b *testing.B, sz Size, p Profile) {
		s := NewSession(b, p.Profile)
		for _, l := range orderable(b, s.Sandbox, suppliers) {
			if err := s.C.Cart.Put(l); err != nil {
				b.Fatal(err)
			}
		}
		root := NewRoot(b, s.C, search.New(s.C), sz)
		_, cmd := root.Update(uitest.Key("c"))
		Settle(b, root, cmd, 200*time.Millisecond)
		_, cmd = root.Update(uitest.Key("p"))
		Settle(b, root, cmd, 500*time.Millisecond)
		v := root.View()
		if !strings.Contains(v, "Checkout") && !strings.Contains(v, "Preview") {
			b.Fatalf("the checkout page did not open:\n%s", v)
		}
		if strings.Contains(v, "previewing") || strings.Contains(v, "Previewing") {
			b.Fatalf("the previews did not all answer:\n%s", v)
		}
		KeyAndView(b, root, Cycle(suppliers))
	})
}
