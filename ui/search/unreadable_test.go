package search

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"caigou/ui/uitest"
	"caigou/xport"
)

// oddPage decodes a search page the way the client does, so the test sees
// what the wire's odd values become, not what a hand-made Offer claims.
func oddPage(t *testing.T, total int, cards ...string) *xport.OfferPage {
	t.Helper()
	body := fmt.Sprintf(`{"totalRecords":%d,"totalPage":%d,"pageSize":20,"currentPage":1,"data":[%s]}`, total, (total+19)/20, strings.Join(cards, ","))
	var p xport.OfferPage
	if err := json.Unmarshal([]byte(body), &p); err != nil {
		t.Fatalf("the page did not decode: %v", err)
	}
	return &p
}

// goodCard is a card with every column readable.
func goodCard(id int, price string) string {
	return fmt.Sprintf(`{"offerId":%d,"subject":"连衣裙 %d","subjectTrans":"dress %d","priceInfo":{"price":%q},"minOrderQuantity":2,"monthSold":"3万+",
		"repurchaseRate":"21%%","tradeScore":"4.5","sellerIdentities":["super_factory"],"sellerDataInfo":{"tpYear":3},
		"productSimpleShippingInfo":{"pickupWithin24hRate30d":"0.97"},"sendGoodsAddressText":"浙江省 义乌市"}`, id, id, id, price)
}

// searched runs a keyword search on a fresh page, presses s sorts times,
// and returns the page with the reply to answer.
func searched(t *testing.T, w int, sorts int) (*Model, resultsMsg) {
	t.Helper()
	s := uitest.NewSession(t)
	s.C.Config.DisplayCurrency, s.C.Config.DisplayRate = "USD", "0.138"
	s.C.Init()
	m := New(s.C)
	m.Update(uitest.Key("/")) // open the keyword box
	m.SetSize(w, 30)
	t.Cleanup(m.Close)
	m.input.SetValue("连衣裙")
	_, cmd := m.Update(uitest.Key("enter"))
	for i := 0; i < sorts; i++ {
		_, cmd = m.Update(uitest.Key("s"))
	}
	rs := results(uitest.Exec(t, cmd))
	if len(rs) != 1 {
		t.Fatalf("%d result messages", len(rs))
	}
	return m, rs[0]
}

// A card with odd values shows "—" in exactly those columns, never a zero
// that reads as a value (¥0.00, MOQ 0, 0 sold); the cards whose id could
// not be read are left out, and the count line says how many.
func TestUnreadableColumnsShowADash(t *testing.T) {
	m, msg := searched(t, 200, 0)
	odd := `{"offerId":2,"subject":"连衣裙 2","subjectTrans":"dress 2","priceInfo":{"price":"3.505"},"minOrderQuantity":"2件起批","monthSold":"很多",
		"repurchaseRate":{"v":1},"tradeScore":[4.5],"sellerIdentities":{"x":1},"isOnePsale":2,"sellerDataInfo":{"tpYear":"七年"},
		"productSimpleShippingInfo":{"pickupWithin24hRate30d":[]},"sendGoodsAddressText":{"city":"义乌"}}`
	msg.res, msg.err = oddPage(t, 5, goodCard(1, "12.50"), odd, `null`, `{"offerId":"","subject":"no id"}`, goodCard(3, "8.00")), nil
	m.Update(msg)
	if len(m.results.rows) != 3 || m.skipped != 2 {
		t.Fatalf("%d rows, %d skipped; want 3 and 2", len(m.results.rows), m.skipped)
	}
	r := m.results.rows[1]
	for _, col := range []struct {
		id   int
		name string
	}{{colPrice, "price"}, {colConverted, "converted price"}, {colMOQ, "MOQ"}, {colSold, "sold"}, {colRepurchase, "repurchase"},
		{colCity, "ships from"}, {colBadges, "seller"}, {colRating, "rating"}, {colPickup, "24h pickup"}} {
		if got := r.cell(col.id); got != "—" {
			t.Errorf("%s cell of the odd card = %q, want —", col.name, got)
		}
	}
	if r.cell(colTitle) != "dress 2" || r.cell(colOfferID) != "2" {
		t.Errorf("the odd card's readable cells: title %q, id %q", r.cell(colTitle), r.cell(colOfferID))
	}
	good := m.results.rows[0]
	for id, want := range map[int]string{colPrice: "¥12.50", colMOQ: "2", colSold: "30,000+", colRating: "4.5", colBadges: "3y, factory", colPickup: "97%"} {
		if got := good.cell(id); got != want {
			t.Errorf("sound card: cell %d = %q, want %q", id, got, want)
		}
	}
	v := m.View()
	if strings.Contains(v, "0.00") {
		t.Errorf("an unreadable price is drawn as zero:\n%s", v)
	}
	if !strings.Contains(v, "2 unreadable results not shown") {
		t.Errorf("the count line does not say 2 results were left out:\n%s", v)
	}
	// And at 80 columns the line still fits and says it.
	m.SetSize(80, 24)
	if v := m.View(); !strings.Contains(v, "unreadable results not shown") {
		t.Errorf("at 80 columns the count line lost the skipped count:\n%s", v)
	}
}

// A page whose every card was left out says so instead of "no offers".
func TestEveryCardUnreadable(t *testing.T) {
	m, msg := searched(t, 80, 0)
	msg.res, msg.err = oddPage(t, 2, `null`, `{"offerId":{"id":1}}`), nil
	m.Update(msg)
	v := strings.Join(strings.Fields(m.View()), " ")
	if !strings.Contains(v, "2 results could not be read and are not shown.") {
		t.Fatalf("empty state:\n%s", m.View())
	}
}

// Sorted by price, a card whose price could not be read goes after every
// card whose price could, also after cards from later pages; the cursor
// stays on its row when a page goes in above it.
func TestUnreadableSortKeyGoesLast(t *testing.T) {
	m, msg := searched(t, 120, 1) // price ↑
	if got := sortOptions()[msg.q.sort].sort.Field; got != "price" {
		t.Fatalf("sorted by %q", got)
	}
	oddPrice := strings.Replace(goodCard(2, "x"), `"price":"x"`, `"price":"3.505"`, 1)
	var cards []string
	cards = append(cards, goodCard(1, "1.00"), oddPrice)
	for i := 3; i <= 20; i++ {
		cards = append(cards, goodCard(i, fmt.Sprintf("%d.00", i)))
	}
	msg.res, msg.err = oddPage(t, 40, cards...), nil
	// 20 rows do not fill the 26-row table: page 2 is asked for at once.
	_, cmd := m.Update(msg)
	ids := func() []string {
		var out []string
		for _, r := range m.results.rows {
			out = append(out, r.id())
		}
		return out
	}
	got := ids()
	if len(got) != 20 || got[19] != "2" || got[1] != "3" {
		t.Fatalf("order %v: the unreadable price should be last", got)
	}
	// Put the cursor on the unreadable row, then let page 2 arrive.
	m.Update(uitest.Key("G"))
	if m.results.selected().id() != "2" {
		t.Fatalf("cursor on %s", m.results.selected().id())
	}
	next := results(uitest.Exec(t, cmd))
	if len(next) != 1 || next[0].page != 2 {
		t.Fatalf("asked for %#v, want page 2", next)
	}
	var page2 []string
	for i := 21; i <= 40; i++ {
		page2 = append(page2, goodCard(i, fmt.Sprintf("%d.00", i)))
	}
	next[0].res, next[0].err = oddPage(t, 40, page2...), nil
	m.Update(next[0])
	got = ids()
	if len(got) != 40 || got[39] != "2" || got[38] != "40" {
		t.Fatalf("after page 2: %v; the unreadable price should still be last", got)
	}
	if m.results.selected().id() != "2" {
		t.Fatalf("the cursor moved to %s when rows went in above it", m.results.selected().id())
	}
	// Best match keeps the service's order: nothing is moved.
	m2, msg2 := searched(t, 120, 0)
	msg2.res, msg2.err = oddPage(t, 3, goodCard(1, "1.00"), oddPrice, goodCard(3, "3.00")), nil
	m2.Update(msg2)
	if r := m2.results.rows[1]; r.id() != "2" {
		t.Fatalf("best match reordered the rows")
	}
}
