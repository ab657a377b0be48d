package cartview

import (
	"caigou/ui/common"
	"caigou/ui/keys"
	"caigou/ui/pricing"
	"caigou/ui/savefile"
	"caigou/xport"

	tea "github.com/charmbracelet/bubbletea"
)

// export writes the cart as it stands; the previewed totals come with
// the export from the checkout (p, then E).
func (m *Model) export() tea.Cmd {
	n := m.c.Cart.Count()
	if n == 0 {
		return common.Status(common.Info, "The cart is empty: nothing to export.")
	}
	note := "The desk's prices and subtotals; for Xportcn's previewed totals, press " + m.c.Keys.Get(keys.Preview).Help().Key + " and export from there."
	name := "cart-" + m.c.Now().In(xport.ChinaTime()).Format("20060102-1504") + ".xlsx"
	return common.Push(savefile.New(m.c, pricing.Count(int64(n))+" cart lines", note, name, m.c.Cart.Table(nil)))
}
