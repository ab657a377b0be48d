package detail

import (
	"caigou/ui/listpick"
	"caigou/ui/sourcing"

	tea "github.com/charmbracelet/bubbletea"
)

// addToList keeps this offer, on the SKU chosen, as a candidate of an
// item of a sourcing list: the comparison then prices that SKU.
func (m *Model) addToList() tea.Cmd {
	p := m.p
	c := sourcing.Candidate{OfferID: p.offerID, Info: sourcing.Info{Title: p.titleZH, Seller: p.company}}
	if c.Info.Title == "" {
		c.Info.Title = p.titleEN
	}
	if s := m.chosen(); s != nil {
		c.SpecID, c.Info.SKU = s.specID, s.short
	}
	return listpick.Open(m.c, listpick.Offer{Candidate: c, MOQ: m.rules().Least()})
}
