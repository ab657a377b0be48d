package search

import (
	"context"
	"slices"
	"sync"
	"testing"

	"caigou/ui/uitest"
)

// memHistory is a History in memory, as the state database keeps it.
type memHistory struct {
	mu  sync.Mutex
	kws []string
}

func (h *memHistory) Recent(_ context.Context, n int) ([]string, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.kws[max(0, len(h.kws)-n):]), nil
}

func (h *memHistory) Remember(_ context.Context, kw string) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.kws = append(h.kws, kw)
	return nil
}

// Keywords earlier sessions searched are one ↑ away in a new session, and
// a keyword searched now is kept for the next.
func TestHistoryOutlivesTheSession(t *testing.T) {
	s := uitest.NewSession(t)
	h := &memHistory{kws: []string{"连衣裙", "phone case"}}
	s.C.History = h
	m := New(s.C)
	m.SetSize(100, 30)
	t.Cleanup(m.Close)
	up := updater(m)
	uitest.Drain(t, up, m.Init())
	uitest.Run(t, up, uitest.Key("/"))
	uitest.Run(t, up, uitest.Key("up"))
	if got := m.input.Value(); got != "phone case" {
		t.Fatalf("↑ gives %q, want the last keyword of the earlier session", got)
	}
	uitest.Run(t, up, uitest.Key("up"))
	if got := m.input.Value(); got != "连衣裙" {
		t.Fatalf("↑↑ gives %q", got)
	}
	uitest.Run(t, up, uitest.Key("down"))
	uitest.Run(t, up, uitest.Key("down"))
	uitest.Type(t, up, "led")
	uitest.Run(t, up, uitest.Key("enter"))
	if got, _ := h.Recent(context.Background(), 1); !slices.Equal(got, []string{"led"}) {
		t.Errorf("kept %q, want the keyword just searched", got)
	}
}
