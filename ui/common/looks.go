package common

import (
	"slices"

	tea "github.com/charmbracelet/bubbletea"
)

// Looks are the agent's choices of how the desk shows things, kept
// across sessions: an agent who sorts by monthly sales and reads Chinese
// titles should not set that again every morning.
type Looks struct {
	// ZH shows Chinese titles first.
	ZH bool `json:"zh,omitempty"`
	// Sort is the label of the search sort ("monthly sales"); "" is best
	// match. A label, not an index, so a new sort option cannot shift it.
	Sort string `json:"sort,omitempty"`
	// Filters are the search's filter codes that are on.
	Filters []string `json:"filters,omitempty"`
	// PriceMin and PriceMax bound the search's price in fen; 0 is none.
	PriceMin int64 `json:"price_min_fen,omitempty"`
	PriceMax int64 `json:"price_max_fen,omitempty"`
}

func (l Looks) equal(o Looks) bool {
	return l.ZH == o.ZH && l.Sort == o.Sort && slices.Equal(l.Filters, o.Filters) &&
		l.PriceMin == o.PriceMin && l.PriceMax == o.PriceMax
}

// LooksStore keeps Looks for the next session.
type LooksStore interface {
	SaveLooks(l Looks) error
}

// SetLooks records a change of how things look and returns the command
// that keeps it; nil when nothing changed or nothing keeps it. A failure
// to keep it is logged, not shown: the change itself took effect.
func (c *Common) SetLooks(change func(*Looks)) tea.Cmd {
	l := c.Looks
	l.Filters = slices.Clone(l.Filters)
	change(&l)
	if l.equal(c.Looks) {
		return nil
	}
	c.Looks = l
	store, log := c.LooksStore, c.Log
	if store == nil {
		return nil
	}
	return func() tea.Msg {
		if err := store.SaveLooks(l); err != nil {
			log.Warn("display choices not saved", "err", err)
		}
		return nil
	}
}
