package search

import (
	"strings"
	"testing"

	"caigou/ui/uitest"
)

// These tests run the page against the sandbox: keys in, commands run,
// replies fed back, as the program would.

func TestKeywordSearchAgainstTheSandbox(t *testing.T) {
	for _, kw := range []string{"连衣裙", "phone case"} {
		t.Run(kw, func(t *testing.T) {
			m, _ := newPage(t, 80, 24)
			up := updater(m)
			uitest.Type(t, up, kw)
			msgs := uitest.Run(t, up, uitest.Key("enter"))
			if errs := errorsIn(msgs); len(errs) > 0 {
				t.Fatalf("search failed: %v", errs[0].Err)
			}
			if m.state != ready || len(m.results.rows) == 0 {
				t.Fatalf("state %v with %d rows", m.state, len(m.results.rows))
			}
			if m.CapturesInput() {
				t.Fatal("after a search the keys should move in the results")
			}
			// Walk to the end: pages arrive as the cursor nears it, until
			// everything found is loaded.
			for i := 0; i < 500 && m.hasMore(); i++ {
				uitest.Run(t, up, uitest.Key("pgdown"))
			}
			if m.hasMore() || m.moreErr != nil {
				t.Fatalf("stopped at %d of %d (err %v)", len(m.results.rows), m.total, m.moreErr)
			}
			if m.total > 0 && len(m.results.rows) != m.total {
				t.Fatalf("loaded %d rows, the service found %d", len(m.results.rows), m.total)
			}
			if !strings.Contains(m.View(), "end of results") {
				t.Fatalf("the count line should say the list is complete:\n%s", m.View())
			}
		})
	}
}

func TestCategoryBrowser(t *testing.T) {
	m, _ := newPage(t, 80, 24)
	up := updater(m)
	uitest.Run(t, up, uitest.Key("esc"))
	msgs := uitest.Run(t, up, uitest.Key("b"))
	if errs := errorsIn(msgs); len(errs) > 0 {
		t.Fatalf("loading the tree failed: %v", errs[0].Err)
	}
	if m.overlay != categoryOverlay || m.CapturesInput() {
		t.Fatal("b should open the browser, which takes no text")
	}
	top := m.cats.children()
	if len(top) == 0 {
		t.Fatal("no top-level categories")
	}
	uitest.Run(t, up, uitest.Key("j"))
	uitest.Run(t, up, uitest.Key("enter"))
	if len(m.cats.path) != 1 || m.cats.path[0].id != string(top[1].CategoryID) {
		t.Fatalf("enter should descend into the highlighted category, path %+v", m.cats.path)
	}
	if len(m.cats.children()) == 0 {
		t.Fatal("the second level did not load")
	}
	if v := m.View(); !strings.Contains(v, categoryName(top[1])) {
		t.Fatalf("the trail should name the category:\n%s", v)
	}
	uitest.Run(t, up, uitest.Key("esc"))
	if len(m.cats.path) != 0 || m.cats.cursor != 1 || m.overlay != categoryOverlay {
		t.Fatal("esc should go up one level and put the cursor back")
	}
	uitest.Run(t, up, uitest.Key("esc"))
	if m.overlay != noOverlay {
		t.Fatal("esc at the top should close the browser")
	}
	// Opening again needs no request: the tree is kept.
	if _, cmd := m.Update(uitest.Key("b")); cmd != nil {
		t.Fatal("the top level was fetched again")
	}
	// Down to a leaf; enter on a leaf searches it.
	for depth := 0; depth < 5 && m.overlay == categoryOverlay; depth++ {
		uitest.Run(t, up, uitest.Key("enter"))
	}
	if m.overlay != noOverlay || m.q.kind != byCategory || m.q.categoryID == "" {
		t.Fatalf("a leaf should be searched (overlay %v, kind %v)", m.overlay, m.q.kind)
	}
	if m.state != ready || len(m.results.rows) == 0 {
		t.Fatalf("category search: state %v, %d rows", m.state, len(m.results.rows))
	}
	if !strings.Contains(m.queryLine(), "category ") {
		t.Fatalf("query line %q should name the category", m.queryLine())
	}
	// The search key searches the highlighted category at any level.
	uitest.Run(t, up, uitest.Key("b"))
	m.cats.path = nil
	m.cats.cursor = 0
	uitest.Run(t, up, uitest.Key("/"))
	if m.q.categoryID != string(top[0].CategoryID) || m.overlay != noOverlay {
		t.Fatalf("/ should search the highlighted top category, got %q", m.q.categoryID)
	}
}
