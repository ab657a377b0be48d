package search

import (
	"slices"
	"sync"
	"testing"

	"caigou/ui/common"
	"caigou/ui/uitest"
)

type memLooks struct {
	mu    sync.Mutex
	saved []common.Looks
}

func (s *memLooks) SaveLooks(l common.Looks) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.saved = append(s.saved, l)
	return nil
}

// Sort, filters and the title language are the agent's choices: they are
// kept when changed, and the next session's search page starts with them.
func TestLooksOutliveTheSession(t *testing.T) {
	s := uitest.NewSession(t)
	store := &memLooks{}
	s.C.LooksStore = store
	m := New(s.C)
	m.SetSize(100, 30)
	t.Cleanup(m.Close)
	up := updater(m)
	uitest.Run(t, up, uitest.Key("s")) // price ↑
	uitest.Run(t, up, uitest.Key("t"))
	if s.C.Looks.Sort != "price ↑" || !s.C.Looks.ZH || len(store.saved) != 2 {
		t.Fatalf("looks %+v, %d saved", s.C.Looks, len(store.saved))
	}
	s.C.Looks.Filters = []string{filterOptions()[0].code, "gone-code"}

	// The next session, from what was saved.
	next := uitest.NewSession(t)
	next.C.Looks = s.C.Looks
	n := New(next.C)
	t.Cleanup(n.Close)
	if sortOptions()[n.q.sort].label != "price ↑" || !n.results.chinese {
		t.Errorf("the next page starts with sort %q, Chinese %v", sortOptions()[n.q.sort].label, n.results.chinese)
	}
	var on []string
	for k := range n.q.filters {
		on = append(on, k)
	}
	if !slices.Equal(on, []string{filterOptions()[0].code}) {
		t.Errorf("filters %v: the known one on, the unknown one dropped", on)
	}
}
