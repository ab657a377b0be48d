package search

import (
	"reflect"
	"strings"

	"caigou/ui/common"
	"testing"

	"caigou/ui/uitest"
	"caigou/xport"
)

// richOffer is a card with every field the product page takes from it.
func richOffer() xport.Offer {
	return xport.Offer{
		OfferID:          "610000000123",
		Subject:          "夏季新款女装连衣裙 宽松显瘦",
		SubjectTrans:     "Summer women's dress, loose and slimming",
		PriceInfo:        xport.PriceInfo{Price: 1250},
		RepurchaseRate:   "0.35",
		MonthSold:        xport.Count{N: 1200},
		MinOrderQuantity: 3,
		SellerIdentities: xport.Strings{"tp_member", "brand_new_kind", "super_factory"},
		TradeScore:       "4.5",
		SellerData: xport.SellerData{TradeMedalLevel: "3", CompositeServiceScore: "4.5", LogisticsExperienceScore: "4.0",
			DisputeComplaintScore: "4.8", OfferExperienceScore: "4.1", AfterSalesExperienceScore: "3.9",
			ConsultingExperienceScore: "4.2", RepeatPurchasePercent: "35%", TpYear: 7,
			Collect30DayWithin48H: "98%", QualityRefundWithin30Day: "0.5%"},
		Shipping:             xport.ShippingSummary{PickupWithin24hRate30d: "0.97"},
		SendGoodsAddressText: "浙江省 金华市 义乌市",
	}
}

// TestTheCardTheProductPageOpensWith: a row keeps its cells, not the
// decoded card; opening a result rebuilds the card with what the product
// page shows while its detail loads and falls back to where the detail
// says nothing: id, titles, price, minimum, the whole ship-from address,
// the seller's scores and years, and the identities it names.
func TestTheCardTheProductPageOpensWith(t *testing.T) {
	s := uitest.NewSession(t)
	o := richOffer()
	r := newRow(s.C, o, "")
	got := r.card()
	want := xport.Offer{
		OfferID: o.OfferID, Subject: o.Subject, SubjectTrans: o.SubjectTrans,
		PriceInfo: xport.PriceInfo{Price: o.PriceInfo.Price}, MinOrderQuantity: o.MinOrderQuantity,
		SendGoodsAddressText: o.SendGoodsAddressText, SellerData: o.SellerData,
		// The product page names these two; the others it ignores.
		SellerIdentities: xport.Strings{"tp_member", "super_factory"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("card\n got %+v\nwant %+v", got, want)
	}
	if r.cell(colCity) != "义乌市" || r.cell(colBadges) != "7y, brand new kind, factory" {
		t.Errorf("cells: city %q, seller %q", r.cell(colCity), r.cell(colBadges))
	}

	// Text as the product page would show it: cleaned, once.
	o.SubjectTrans = "evil\x1b]0;pwned\x07 title"
	o.SendGoodsAddressText = "广东省\n广州市"
	o.SellerData.CompositeServiceScore = "4.\x1b[2J5"
	r = newRow(s.C, o, "")
	got = r.card()
	if got.SubjectTrans != "evil title" || got.SendGoodsAddressText != "广东省 广州市" || got.SellerData.CompositeServiceScore != "4.5" {
		t.Errorf("cleaned card: %q %q %q", got.SubjectTrans, got.SendGoodsAddressText, got.SellerData.CompositeServiceScore)
	}

	// What the card did not have, or could not be read, is not made up:
	// the cells' dashes and the other language's title stay in the cells.
	bare := xport.Offer{OfferID: "42", Subject: "连衣裙", PriceInfo: xport.PriceInfo{Price: 990},
		Unreadable: []string{fieldSubjectTrans, fieldShipFrom, fieldPrice}}
	r = newRow(s.C, bare, "")
	if r.cell(colTitle) != "连衣裙" || r.cell(colCity) != unreadable || r.cell(colPrice) != unreadable {
		t.Errorf("cells: %q %q %q", r.cell(colTitle), r.cell(colCity), r.cell(colPrice))
	}
	got = r.card()
	want = xport.Offer{OfferID: "42", Subject: "连衣裙", PriceInfo: xport.PriceInfo{Price: 990}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("bare card\n got %+v\nwant %+v", got, want)
	}

	// A feed's mistake does not overflow a row.
	long := richOffer()
	long.Subject = xport.Text(strings.Repeat("长", 10000))
	long.SubjectTrans = xport.Text(strings.Repeat("long ", 10000))
	long.SendGoodsAddressText = xport.Text(strings.Repeat("地", 10000))
	r = newRow(s.C, long, "")
	if n := len(r.card().Subject); n == 0 || n > maxField || r.id() != "610000000123" {
		t.Errorf("long card: title %d bytes, id %q", n, r.id())
	}
}

// TestSelectedIsTheCard: the page hands the product page the rebuilt card
// of the row under the cursor.
func TestSelectedIsTheCard(t *testing.T) {
	m, _ := newPage(t, 120, 30)
	m.input.SetValue("连衣裙")
	_, cmd := m.Update(uitest.Key("enter"))
	msg := results(uitest.Exec(t, cmd))[0]
	msg.res, msg.err = &xport.OfferPage{TotalRecords: 2, TotalPage: 1, PageSize: 20, CurrentPage: 1, Offers: []xport.Offer{fakeOffers(1, 1)[0], richOffer()}}, nil
	m.Update(msg)
	m.Update(uitest.Key("j"))
	o, ok := m.Selected()
	if !ok || o.OfferID != "610000000123" || o.SendGoodsAddressText != "浙江省 金华市 义乌市" || o.SellerData.TpYear != 7 {
		t.Errorf("selected %+v", o)
	}
}

// TestKeptDrawingsMatchAFreshTable: the table keeps the drawing of rows
// lately in view, by index and layout; after scrolling, a language
// switch, a resize and rows going in above others, each frame must be
// what a table drawing every row afresh shows, and the drawings kept
// must stay a few screens' worth however far the agent scrolls.
func TestKeptDrawingsMatchAFreshTable(t *testing.T) {
	m, msg := searched(t, 120, 1) // by price, so unreadable prices go last
	var cards []string
	for i := 1; i <= 50; i++ {
		price := "9.00"
		if i%7 == 0 {
			price = "3.505"
		}
		cards = append(cards, goodCard(i, price))
	}
	msg.res, msg.err = oddPage(t, 100, cards...), nil
	m.Update(msg)
	check := func(what string) {
		t.Helper()
		fresh := m.results
		fresh.drawn, fresh.head = nil, ""
		fresh.gen++
		got := strings.Join(m.results.view(m.c.Styles), "\n")
		want := strings.Join(fresh.view(m.c.Styles), "\n")
		if got != want {
			t.Fatalf("after %s:\n%s\n--- a fresh table draws ---\n%s", what, got, want)
		}
		if n := len(m.results.drawn); n > 4*m.results.height+9 {
			t.Errorf("after %s: %d drawings kept for %d rows in view", what, n, m.results.height)
		}
	}
	check("the first page")
	// The request for page 2, which scrolling near the end starts.
	var more []resultsMsg
	key := func(k string) {
		_, cmd := m.Update(uitest.Key(k))
		if cmd != nil {
			more = append(more, results(uitest.Exec(t, cmd))...)
		}
	}
	for i := 0; i < 60; i++ {
		key("j")
		check("down")
	}
	m.Update(uitest.Key("g"))
	check("top")
	m.Update(uitest.Key("t"))
	check("Chinese titles")
	key("G")
	// Page 2 goes in before the rows whose price could not be read.
	if len(more) != 1 || more[0].page != 2 {
		t.Fatalf("asked for %+v, want page 2", more)
	}
	next := more
	var page2 []string
	for i := 51; i <= 100; i++ {
		page2 = append(page2, goodCard(i, "8.00"))
	}
	next[0].res, next[0].err = oddPage(t, 100, page2...), nil
	m.Update(next[0])
	check("rows in above")
	m.SetSize(200, 40)
	check("wider")
	for i := 0; i < 20; i++ {
		m.Update(uitest.Key("pgup"))
		check("page up")
	}
}

// An offer found sold out on its product page is marked in the list on
// the way back; the others are not, and the mark survives a narrow screen.
func TestSoldOutMarkAfterOpening(t *testing.T) {
	m, s := newPage(t, 80, 20)
	m.input.SetValue("连衣裙")
	m.submit()
	m.Update(resultsMsg{Reply: common.Reply{Page: m.id, Seq: m.seq}, q: m.q, page: 1, res: fakePage(1, 5, 5)})
	_ = m.View() // rows drawn and kept before the product is opened
	id := m.results.rows[1].id()
	s.C.Opened.Put(id, common.OfferFacts{SoldOut: true})
	m.Resume()
	v := m.View()
	if strings.Count(v, "sold out") != 1 {
		t.Fatalf("want one row marked sold out:\n%s", v)
	}
	for _, line := range strings.Split(v, "\n") {
		if strings.Contains(line, "sold out") && !strings.Contains(line, "sold out · ") {
			t.Errorf("mark cut: %q", line)
		}
	}
}

// C with no result to add says what it is for, instead of nothing.
func TestAddToListBeforeASearch(t *testing.T) {
	m, _ := newPage(t, 80, 20)
	m.Update(uitest.Key("esc"))
	_, cmd := m.Update(uitest.Key("C"))
	var said string
	for _, msg := range uitest.Exec(t, cmd) {
		if st, ok := msg.(common.StatusMsg); ok {
			said = st.Text
		}
	}
	if !strings.Contains(said, "Search first") {
		t.Fatalf("C before a search: %q", said)
	}
}
