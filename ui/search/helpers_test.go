package search

import (
	"fmt"
	"testing"

	"caigou/ui/uitest"
	"caigou/xport"

	tea "github.com/charmbracelet/bubbletea"
)

// newPage makes a sized search page on a fresh sandbox.
func newPage(t testing.TB, w, h int) (*Model, uitest.Session) {
	t.Helper()
	s := uitest.NewSession(t)
	m := New(s.C)
	m.SetSize(w, h)
	t.Cleanup(m.Close)
	// Most tests start typing a keyword: open the box as the agent does.
	m.Update(uitest.Key("/"))
	return m, s
}

// updater adapts the page to uitest's runner.
func updater(m *Model) func(tea.Msg) tea.Cmd {
	return func(msg tea.Msg) tea.Cmd {
		_, cmd := m.Update(msg)
		return cmd
	}
}

// fakeOffers makes n offers with ids from first, Chinese and English
// titles and every column filled.
func fakeOffers(first, n int) []xport.Offer {
	out := make([]xport.Offer, n)
	for i := range out {
		id := first + i
		out[i] = xport.Offer{
			OfferID:              xport.ID(fmt.Sprintf("1000000%05d", id)),
			Subject:              xport.Text(fmt.Sprintf("夏季新款女装连衣裙 第%d款 宽松显瘦", id)),
			SubjectTrans:         xport.Text(fmt.Sprintf("Summer women's dress no. %d, loose and slimming", id)),
			PriceInfo:            xport.PriceInfo{Price: xport.Yuan(1250 + id)},
			RepurchaseRate:       "0.35",
			MonthSold:            xport.Count{N: int64(1200 + id)},
			MinOrderQuantity:     2,
			SellerIdentities:     xport.Strings{"super_factory", "powerful_merchants"},
			TradeScore:           "4.5",
			SellerData:           xport.SellerData{TpYear: 5},
			Shipping:             xport.ShippingSummary{PickupWithin24hRate30d: "0.97"},
			SendGoodsAddressText: "浙江省 金华市",
		}
	}
	return out
}

func fakePage(page, size, total int) *xport.OfferPage {
	first := (page-1)*size + 1
	n := max(min(size, total-first+1), 0)
	pages := (total + size - 1) / size
	return &xport.OfferPage{TotalRecords: xport.Int(total), TotalPage: xport.Int(pages), PageSize: xport.Int(size), CurrentPage: xport.Int(page), Offers: fakeOffers(first, n)}
}
