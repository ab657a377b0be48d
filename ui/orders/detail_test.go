package orders

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"caigou/ui/link"
	"caigou/ui/uitest"
	"caigou/xport"
)

// body is the detail page's text, all of it, whatever the screen shows.
func (d *Detail) body() string { return strings.Join(d.lines, "\n") }

func TestDetailAmountsMatchTheSandbox(t *testing.T) {
	e := newEnv(t)
	ids := e.place(t, 3)
	for _, id := range ids {
		d := e.openDetail(t, id, 120, 40)
		created, pv := e.created[id], e.previews[id]
		// create and preview send fen; the detail sends yuan. The page
		// must land on the same cents.
		goods := created.OrderAmount - created.PostFee
		body := d.body()
		for _, want := range []string{
			"Goods     " + sanitizePadLeft(e.c.MoneyShort(goods), 14),
			"Freight   " + sanitizePadLeft(e.c.MoneyShort(created.PostFee), 14),
			"Total     " + sanitizePadLeft(e.c.MoneyShort(created.OrderAmount), 14),
		} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: no %q in\n%s", id, want, body)
			}
		}
		if goods != pv.SumPaymentNoCarriage || created.PostFee != pv.SumCarriage {
			t.Fatalf("the sandbox disagrees with itself: %+v %+v", created, pv)
		}
		for _, it := range pv.Items {
			line := "× " + e.c.MoneyShort(it.FinalUnitPrice) + " = " + e.c.MoneyShort(it.Amount)
			if !strings.Contains(body, line) {
				t.Errorf("%s: no line %q in\n%s", id, line, body)
			}
		}
		if strings.Contains(body, "add up to") {
			t.Errorf("%s: the lines should add up to the goods", id)
		}
	}
}

// A TradeInfo as 1688 documents it: amounts in yuan except the discount,
// in fen.
const handmade = `{
 "baseInfo": {"id": 3305075341149134260, "idOfStr": "3305075341149134260", "status": "waitbuyerpay",
  "totalAmount": "12.50", "shippingFee": "3.00", "sumProductPayment": "11.00", "discount": -150, "refund": 0,
  "createTime": "20260302093000000+0800", "refundStatus": "waitselleragree", "outOrderId": "cg-42",
  "sellerContact": {"companyName": "义乌市测试贸易有限公司", "shopName": "测试小店", "name": "王经理", "mobile": "13800000000"},
  "receiverInfo": {"toFullName": "陈志强", "toMobile": "13800001688", "toArea": "广东省 广州市 白云区", "toPost": "510470"}},
 "tradeTerms": [{"payStatus": "1", "phasAmount": "12.50"}],
 "productItems": [
  {"name": "测试商品", "price": "5.50", "quantity": 2, "itemAmount": "11.00", "unit": "件",
   "skuInfos": [{"name": "颜色", "value": "红色"}, {"name": "尺码", "value": "XL"}],
   "logisticsStatus": 8, "refundStatus": "WAIT_SELLER_AGREE", "status": "waitbuyerpay"},
  {"name": "赠品", "price": "0.00", "quantity": 1, "itemAmount": "0.00", "logisticsStatus": 6, "status": "paid_but_not_fund"}
 ]
}`

func TestDetailUnitsAndStatusLayers(t *testing.T) {
	e := newEnv(t)
	var o xport.Order
	if err := json.Unmarshal([]byte(handmade), &o); err != nil {
		t.Fatal(err)
	}
	o.Resolve(xport.UnitYuan) // order_amount_unit = "yuan"
	d := newDetail(e.c, o)
	d.loaded = true
	d.traceState = traceLoaded
	d.SetSize(120, 40)
	body := d.body()
	for _, want := range []string{
		"Order 3305075341149134260",
		"Goods             ¥11.00",
		"Freight            ¥3.00",
		// fen on the wire: -150 is ¥1.50 off, not ¥150.
		"Discount  " + sanitizePadLeft(e.c.MoneyShort(-150), 14),
		"Total             ¥12.50",
		"2 件 × ¥5.50 = ¥11.00",
		"颜色: 红色 · 尺码: XL",
		"Status    待付款 awaiting payment — 1688: 等待买家付款 (waitbuyerpay)",
		"Payment   未付款 unpaid",
		"Refund    等待卖家同意 refund asked, waiting for the seller to agree",
		"logistics 未创建物流单 no logistics order yet · refund 等待卖家同意",
		// Unknown values are shown as sent.
		"status paid_but_not_fund · logistics logisticsStatus 6",
		"Supplier  义乌市测试贸易有限公司 · shop 测试小店 · 王经理 · 13800000000",
		"Ship to   陈志强 · 13800001688 · 广东省 广州市 白云区 · 510470",
		"Your no.  cg-42 (outOrderId)",
		"created 2026-03-02 09:30 · paid — · shipped — · completed —",
		"No tracking yet: the seller has not shipped.",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("no %q in\n%s", want, body)
		}
	}
}

// TestDetailWrongUnitIsNeverMoney: the same order read with the default
// unit (fen) does not fit ("12.50" is not a whole number of fen), and an
// order in fen whose total is 100 times its journalled preview is the
// other way round. Neither is shown as money; both name the setting.
func TestDetailWrongUnitIsNeverMoney(t *testing.T) {
	e := newEnv(t)
	var yuan xport.Order
	if err := json.Unmarshal([]byte(handmade), &yuan); err != nil {
		t.Fatal(err)
	}
	yuan.Resolve(xport.UnitFen)
	fen := strings.NewReplacer(`"12.50"`, `125000`, `"3.00"`, `30000`, `"11.00"`, `110000`, `"5.50"`, `55000`, `"0.00"`, `0`).Replace(handmade)
	var hundred xport.Order
	if err := json.Unmarshal([]byte(fen), &hundred); err != nil {
		t.Fatal(err)
	}
	hundred.Resolve(xport.UnitFen)
	for name, tc := range map[string]struct {
		o       xport.Order
		preview xport.Fen
	}{"yuan read as fen": {yuan, 0}, "100 times the preview": {hundred, 1250}} {
		d := newDetail(e.c, tc.o)
		d.preview = tc.preview
		d.loaded, d.traceState = true, traceLoaded
		d.SetSize(120, 40)
		body := d.body()
		if !strings.Contains(body, "The amounts cannot be shown") || !strings.Contains(body, "order_amount_unit") ||
			strings.Contains(body, "¥1,250.00") || strings.Contains(body, "¥0.12") || strings.Contains(body, "Total ") {
			t.Errorf("%s:\n%s", name, body)
		}
		r := newRow(e.c, tc.o, tc.preview)
		if r.cells[colTotal] != "? unit" {
			t.Errorf("%s: the list shows %q", name, r.cells[colTotal])
		}
	}
}

// On the 1688 backend the unit of order amounts is documented and there
// is no setting for it: an order whose amounts do not fit is still never
// money, and the desk does not send the agent to an Xportcn setting that
// would change nothing.
func TestDetailWrongUnitOn1688NamesNoXportSetting(t *testing.T) {
	e := newEnv(t)
	e.use1688(t)
	var odd xport.Order
	if err := json.Unmarshal([]byte(strings.Replace(handmade, `"12.50"`, `"12.505"`, 1)), &odd); err != nil {
		t.Fatal(err)
	}
	odd.Resolve(xport.UnitYuan)
	d := newDetail(e.c, odd)
	d.loaded, d.traceState = true, traceLoaded
	d.SetSize(120, 40)
	body := d.body()
	if !strings.Contains(body, "The amounts cannot be shown") || strings.Contains(body, "Total ") {
		t.Fatalf("the odd amount is shown as money:\n%s", body)
	}
	if strings.Contains(body, "order_amount_unit") || strings.Contains(body, "[xport") || !strings.Contains(body, "1688.com") {
		t.Errorf("the advice is not the 1688 backend's:\n%s", body)
	}
}

// A line sold by weight (1688 sends the quantity as a BigDecimal) is
// shown as sent, without a price × quantity check built on a rounded
// number; the order stays readable.
func TestDetailLineByWeight(t *testing.T) {
	e := newEnv(t)
	var o xport.Order
	if err := json.Unmarshal([]byte(strings.Replace(handmade, `"quantity": 2, "itemAmount": "11.00", "unit": "件"`, `"quantity": 0.5, "itemAmount": "11.00", "unit": "吨"`, 1)), &o); err != nil {
		t.Fatal(err)
	}
	o.Resolve(xport.UnitYuan)
	d := newDetail(e.c, o)
	d.loaded, d.traceState = true, traceLoaded
	d.SetSize(120, 40)
	body := d.body()
	if !strings.Contains(body, "0.5 吨 × ¥5.50 = ¥11.00") || strings.Contains(body, "price × quantity") {
		t.Fatalf("the line by weight:\n%s", body)
	}
}

func TestDetailTraceNewestFirst(t *testing.T) {
	e := newEnv(t)
	ids := e.place(t, 1)
	id := ids[0]

	// Unpaid: no trace, and no error for it.
	d := e.openDetail(t, id, 120, 40)
	if !strings.Contains(d.body(), "No tracking yet: the seller has not shipped.") || d.traceState != traceLoaded {
		t.Fatalf("before shipping:\n%s", d.body())
	}
	if msgs := press(t, d, "y"); !anyContains(statusesIn(msgs), "No bill number to copy yet") {
		t.Errorf("y before shipping: %q", statusesIn(msgs))
	}

	// Pay from the page.
	msgs := press(t, d, "P")
	if p := pushesIn(msgs); len(p) != 1 || !strings.HasPrefix(p[0].Title(), "Pay 1 order") || !strings.Contains(p[0].(*link.Model).URL(), id) {
		t.Fatalf("pay pushed %v; %q %v", p, statusesIn(msgs), errorsIn(msgs))
	}
	if !anyContains(statusesIn(msgs), "is now 待发货 awaiting shipment") {
		t.Errorf("the refresh after paying said %q", statusesIn(msgs))
	}
	if msgs := press(t, d, "P"); !anyContains(statusesIn(msgs), "nothing to pay") {
		t.Errorf("paying again: %q", statusesIn(msgs))
	}

	// The seller ships two hours later; the trace grows over a day.
	e.clock.Advance(2*time.Hour + time.Minute)
	msgs = press(t, d, "r")
	if !anyContains(statusesIn(msgs), "is now 已发货 shipped") {
		t.Errorf("r: %q", statusesIn(msgs))
	}
	if len(d.parcels) == 0 || len(d.parcels[0].steps) != 1 {
		t.Fatalf("just shipped: %+v", d.parcels)
	}
	e.clock.Advance(20 * time.Hour)
	press(t, d, "ctrl+r")
	traces, err := e.c.Client.Logistics(context.Background(), id)
	if err != nil || len(traces) == 0 {
		t.Fatalf("trace: %v", err)
	}
	want := traces[0].Steps
	got := d.parcels[0].steps
	if len(want) < 3 || len(got) != len(want) {
		t.Fatalf("%d steps shown, the sandbox has %d", len(got), len(want))
	}
	for i := range got {
		w := want[len(want)-1-i]
		if got[i].at != w.AcceptTime.In(xport.ChinaTime()).Format(traceTime) || got[i].remark != string(w.Remark) {
			t.Fatalf("step %d is %+v, want %v %q", i, got[i], w.AcceptTime, w.Remark)
		}
	}
	// In the page's text too: times descend, and the carrier and bill are named.
	body := d.body()
	var times []string
	for _, l := range d.lines {
		if f := strings.Fields(l); len(f) > 2 && len(f[0]) == 10 && f[0][4] == '-' && strings.Count(f[1], ":") == 2 {
			times = append(times, f[0]+" "+f[1])
		}
	}
	if len(times) != len(want) || !slices.IsSortedFunc(times, func(a, b string) int { return strings.Compare(b, a) }) {
		t.Errorf("times on the page are not newest first: %q", times)
	}
	bill := string(traces[0].LogisticsBillNo)
	if !strings.Contains(body, "bill "+bill) || !strings.Contains(body, string(traces[0].LogisticsCompanyName)) {
		t.Errorf("no carrier or bill in\n%s", body)
	}

	// y copies the bill number through OSC 52.
	msgs = press(t, d, "y")
	if !anyContains(statusesIn(msgs), "Bill number "+bill+" copied") {
		t.Errorf("y: %q", statusesIn(msgs))
	}
	if osc := "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte(bill)) + "\a"; !strings.Contains(e.term.String(), osc) {
		t.Errorf("no OSC 52 with the bill number in %q", e.term.String())
	}
}

func TestDetailStaleRepliesDropped(t *testing.T) {
	e := newEnv(t)
	ids := e.place(t, 1)
	d := e.openDetail(t, ids[0], 80, 24)
	old := uitest.Exec(t, d.reload())
	e.pay(t, ids[0])
	uitest.Drain(t, updater(d), d.reload())
	for _, msg := range old {
		if _, cmd := d.Update(msg); cmd != nil {
			t.Error("a stale reply started something")
		}
	}
	if st := string(d.order.BaseInfo.Status); st != "waitsellersend" {
		t.Errorf("a stale reply put the order back to %q", st)
	}
}

func TestParcelsJoinTracesAndShipments(t *testing.T) {
	at := func(s string) xport.Time { return xport.ParseTime(s) }
	o := xport.Order{NativeLogistics: xport.NativeLogistics{LogisticsItems: []xport.LogisticsItem{
		{LogisticsID: "BX2", LogisticsCode: "YTO", LogisticsCompanyName: "圆通速递", LogisticsBillNo: "YT2", Status: "SIGN"},
		{LogisticsID: "BX1", LogisticsCode: "ZTO", LogisticsCompanyName: "中通快递", LogisticsBillNo: "71", Status: "TRANSPORT", DeliveredTime: at("20260302113500000+0800")},
		{LogisticsID: "BX3", LogisticsCompanyName: "", LogisticsBillNo: "不需要物流"},
	}}}
	traces := []xport.LogisticsTrace{
		// Sent out of order on purpose.
		{LogisticsID: "BX1", LogisticsBillNo: "71", Steps: []xport.LogisticsStep{
			{AcceptTime: at("2026-03-02 11:35:00"), Remark: "卖家已发货"},
			{AcceptTime: at("2026-03-03 09:00:00"), Remark: "运输中"},
			{AcceptTime: at("2026-03-02 15:00:00"), Remark: "已揽件"},
		}},
		// No times: the order sent is reversed.
		{LogisticsBillNo: "YT2", LogisticsCompanyName: "圆通", Steps: []xport.LogisticsStep{
			{Remark: "first"}, {Remark: "second"},
		}},
	}
	ps := parcels(o, traces)
	if len(ps) != 3 {
		t.Fatalf("%d parcels", len(ps))
	}
	if ps[0].carrier != "中通快递 (ZTO)" || ps[0].billNo != "71" || ps[0].node.EN != "in transit" || ps[0].shipped != "2026-03-02 11:35" {
		t.Errorf("parcel 1: %+v", ps[0])
	}
	var remarks []string
	for _, s := range ps[0].steps {
		remarks = append(remarks, s.remark)
	}
	if !slices.Equal(remarks, []string{"运输中", "已揽件", "卖家已发货"}) {
		t.Errorf("parcel 1 steps %q", remarks)
	}
	if ps[1].carrier != "圆通 (YTO)" || ps[1].steps[0].remark != "second" || ps[1].node.ZH != "已签收" {
		t.Errorf("parcel 2: %+v", ps[1])
	}
	if ps[2].billNo != "不需要物流" || len(ps[2].steps) != 0 {
		t.Errorf("a shipment without a trace: %+v", ps[2])
	}
}

func TestDetailViewsFit(t *testing.T) {
	e := newEnv(t)
	ids := e.place(t, 2)
	e.pay(t, ids[0])
	e.clock.Advance(30 * time.Hour)
	e.c.Config.DisplayCurrency, e.c.Config.DisplayRate = "USD", "0.138"
	e.c.Init()
	for _, size := range [][2]int{{80, 24}, {120, 40}, {200, 50}, {60, 16}} {
		for _, id := range ids {
			d := e.openDetail(t, id, size[0], size[1])
			checkFits(t, "detail", d.View(), size[0], size[1])
			press(t, d, "G")
			checkFits(t, "detail at the end", d.View(), size[0], size[1])
			if size[1] < 40 && !strings.Contains(d.View(), "Tracking") && !strings.Contains(d.View(), "2026-") {
				t.Errorf("G does not reach the trace:\n%s", d.View())
			}
		}
	}
}

func sanitizePadLeft(s string, w int) string {
	for len([]rune(s)) < w {
		s = " " + s
	}
	return s
}
