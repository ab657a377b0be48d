package uitest

import (
	"fmt"
	"testing"

	"caigou/xport/sandbox"
)

// ClientList makes a 20-row client list from the sandbox: 17 rows that
// can be kept (one with a quantity to round up to the lot) and three bad
// ones (an offer that does not exist, a SKU that names several, a
// quantity that is not a number).
func ClientList(t testing.TB, sb *sandbox.Server) [][]string {
	t.Helper()
	rows := [][]string{{"链接", "规格", "数量", "备注"}}
	for _, o := range sb.Catalogue().Offers {
		if len(rows) == 18 {
			break
		}
		if !o.Sellable() || len(o.Axes) != 1 || len(o.SKUs) < 2 {
			continue
		}
		var k *sandbox.SKU
		for _, s := range o.SKUs {
			if s.Stock >= 2000 && s.Price > 0 {
				k = s
				break
			}
		}
		if k == nil {
			continue
		}
		rows = append(rows, []string{"https://detail.1688.com/offer/" + o.ID + ".html", o.Axes[0].Values[k.Values[0]].Value, "1000", fmt.Sprintf("唛头 A-%02d", len(rows))})
	}
	if len(rows) != 18 {
		t.Fatalf("only %d offers for the list", len(rows)-1)
	}
	var two *sandbox.Offer
	for _, o := range sb.Catalogue().Offers {
		if o.Sellable() && len(o.Axes) == 2 && len(o.SKUs) > 2 {
			two = o
			break
		}
	}
	rows = append(rows,
		[]string{"699999999999", "", "100", "gone"},
		[]string{two.ID, two.Axes[0].Values[two.SKUs[0].Values[0]].Value, "100", "ambiguous"},
		[]string{rows[1][0], rows[1][1], "abc", "bad quantity"},
	)
	return rows
}
