package checkout

import (
	"caigou/ui/cart"
	"caigou/ui/common"
	"caigou/ui/pricing"
	"caigou/ui/savefile"
	"caigou/xport"

	tea "github.com/charmbracelet/bubbletea"
)

// export writes the cart with what each supplier's preview said.
func (m *Model) export() tea.Cmd {
	previews := map[string]cart.Previewed{}
	n := 0
	for _, g := range m.groups {
		if len(g.previews) == 0 {
			continue
		}
		n++
		var p cart.Previewed
		p.Known = true
		for _, pv := range g.previews {
			p.Goods, _ = p.Goods.Add(pv.SumPaymentNoCarriage)
			p.Freight, _ = p.Freight.Add(pv.SumCarriage)
		}
		p.Payment, p.WithFee = g.total(), g.totalWithFee()
		previews[g.g.SellerOpenID] = p
	}
	lines := m.c.Cart.Count()
	if lines == 0 {
		return common.Status(common.Info, "The cart is empty: nothing to export.")
	}
	what := pricing.Count(int64(lines)) + " cart lines"
	note := pricing.Count(int64(n)) + " of " + pricing.Count(int64(len(m.groups))) + " suppliers previewed; the others' preview cells are empty."
	name := "cart-" + m.c.Now().In(xport.ChinaTime()).Format("20060102-1504") + ".xlsx"
	return common.Push(savefile.New(m.c, what, note, name, m.c.Cart.Table(previews)))
}
