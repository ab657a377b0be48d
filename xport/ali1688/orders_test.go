package ali1688

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"caigou/xport"
)

// tradeInfo is one getBuyerOrderList item; out is its outOrderId, or no
// outOrderId key at all when out is "-".
func tradeInfo(id, out string) string {
	o := ""
	if out != "-" {
		o = fmt.Sprintf(`,"outOrderId":%q`, out)
	}
	return fmt.Sprintf(`{"baseInfo":{"id":%s,"idOfStr":"%s","status":"waitbuyerpay","totalAmount":"64.00","shippingFee":8,"sumProductPayment":"56.5","discount":150,"refund":"0",
 "createTime":"20180802211113000+0800"%s},
 "productItems":[{"productID":612345678901,"skuID":5012345678901,"specId":"b266","quantity":3,"price":"18.5","itemAmount":"55.50","name":"连衣裙"}],
 "tradeTerms":[{"payStatus":"1","phasAmount":"64.00"}]}`, id, id, o)
}

func listAnswer(total int, orders ...string) string {
	return fmt.Sprintf(`{"result":[%s],"totalRecord":%d}`, strings.Join(orders, ","), total)
}

func TestListOrdersYuan(t *testing.T) {
	c, g, _ := newTest(t, fixed(listAnswer(1, tradeInfo("196965465451498520", "cg-1"))))
	page, err := c.ListOrders(context.Background(), xport.OrderQuery{Status: "waitbuyerpay", Page: 2, PageSize: 10, OrderIDs: []string{"196965465451498520"}})
	if err != nil {
		t.Fatal(err)
	}
	if page.TotalRecords != 1 || page.CurrentPage != 2 || len(page.Orders) != 1 {
		t.Fatalf("page = %+v", page)
	}
	o := page.Orders[0]
	b := o.BaseInfo
	// Yuan amounts become the right fen; discount is fen as sent.
	if b.OrderIDString() != "196965465451498520" || b.TotalAmount.Fen() != 6400 || !b.TotalAmount.Known() || b.ShippingFee.Fen() != 800 ||
		b.SumProductPayment.Fen() != 5650 || b.Discount.Fen() != 150 || o.AmountError() != nil {
		t.Errorf("base = %+v (%v)", b, o.AmountError())
	}
	if it := o.ProductItems[0]; it.Price.Fen() != 1850 || it.ItemAmount.Fen() != 5550 || it.Quantity.Whole != 3 || o.TradeTerms[0].PhasAmount.Fen() != 6400 {
		t.Errorf("item = %+v", it)
	}
	if b.CreateTime.IsZero() || b.CreateTime.Year() != 2018 {
		t.Errorf("createTime = %+v", b.CreateTime)
	}
	f := g.reqs[0].form
	if g.reqs[0].api != nsTrade+":"+apiOrderList || f.Get("page") != "2" || f.Get("pageSize") != "10" || f.Get("orderStatus") != "waitbuyerpay" ||
		f.Get("orderIds") != "[196965465451498520]" || f.Has("outOrderId") {
		t.Errorf("sent %v", f)
	}
	// An account with no orders; a list that is not there.
	c, _, _ = newTest(t, fixed(`{"result":null,"totalRecord":0}`))
	if p, err := c.ListOrders(context.Background(), xport.OrderQuery{}); err != nil || len(p.Orders) != 0 || !p.Recognized {
		t.Errorf("empty: %+v %v", p, err)
	}
	c, _, _ = newTest(t, fixed(`{"result":{"x":1},"totalRecord":3}`))
	if _, err := c.ListOrders(context.Background(), xport.OrderQuery{}); err == nil {
		t.Error("a list that is not a list was accepted")
	}
}

func TestOrderDetail(t *testing.T) {
	c, g, _ := newTest(t, fixed(`{"success":true,"result":`+tradeInfo("196965465451498520", "cg-1")+`}`))
	o, err := c.OrderDetail(context.Background(), "196965465451498520")
	if err != nil {
		t.Fatal(err)
	}
	if o.BaseInfo.TotalAmount.Fen() != 6400 || o.BaseInfo.OutOrderID != "cg-1" {
		t.Errorf("order = %+v", o.BaseInfo)
	}
	if f := g.reqs[0].form; g.reqs[0].api != nsTrade+":"+apiBuyerView || f.Get("webSite") != "1688" || f.Get("orderId") != "196965465451498520" {
		t.Errorf("sent %s %v", g.reqs[0].api, f)
	}
	c, _, _ = newTest(t, fixed(`{"success":false,"errorCode":"ORDER_NOT_EXIST","errorMessage":"no such order"}`))
	if _, err := c.OrderDetail(context.Background(), "1"); xport.Classify(err) != xport.ClassNotFound {
		t.Errorf("err %v", err)
	}
}

// byQuery answers the order list: filtered answers with f(form), others
// with the account's whole list. get.buyerView does not take outOrderId
// here (it asks for an orderId), so the list is what decides.
func byQuery(filtered func(url.Values) string, all string) func(string, url.Values) (int, string) {
	return func(api string, f url.Values) (int, string) {
		if api == nsTrade+":"+apiBuyerView {
			return 200, `{"success":false,"errorCode":"400","errorMessage":"orderId is required"}`
		}
		if f.Has("outOrderId") {
			return 200, filtered(f)
		}
		return 200, all
	}
}

func TestFindByOutOrderID(t *testing.T) {
	ctx := context.Background()
	ours, other := tradeInfo("1001", "cg-ours"), tradeInfo("1002", "cg-other")
	cases := []struct {
		name     string
		answer   func(string, url.Values) (int, string)
		found    bool
		absent   bool
		maxCalls int
	}{
		{"filter honoured, found", byQuery(func(url.Values) string { return listAnswer(1, ours) }, ""), true, false, 1 + 1},
		{"empty filtered, account orders carry the field", byQuery(func(url.Values) string { return listAnswer(0) }, listAnswer(1, other)), false, true, 2 + 1},
		{"empty filtered, account has no orders", byQuery(func(url.Values) string { return listAnswer(0) }, listAnswer(0)), false, true, 2 + 1},
		{"empty filtered, orders carry no outOrderId", byQuery(func(url.Values) string { return listAnswer(0) }, listAnswer(1, tradeInfo("1003", "-"))), false, false, 2 + 1},
		{"filter ignored, orders carry no outOrderId", byQuery(func(url.Values) string { return listAnswer(1, tradeInfo("1003", "-")) }, ""), false, false, 1 + 1},
		{"filter ignored, whole list read, not there", byQuery(func(url.Values) string { return listAnswer(1, other) }, ""), false, true, 1 + 1},
		{"filter ignored, found on page 2", byQuery(func(f url.Values) string {
			if f.Get("page") == "2" {
				return listAnswer(51, ours)
			}
			return listAnswer(51, strings.Repeat(other+",", 49)+other)
		}, ""), true, false, 2 + 1},
		{"filter ignored, too many pages", byQuery(func(url.Values) string {
			return listAnswer(1000, strings.Repeat(other+",", 49)+other)
		}, ""), false, false, lookUpMaxPages + 1},
		{"unreadable order", byQuery(func(url.Values) string { return listAnswer(1, `{"x":1}`) }, ""), false, false, 1 + 1},
	}
	for _, tc := range cases {
		c, g, _ := newTest(t, tc.answer)
		l, err := c.FindByOutOrderID(ctx, "cg-ours")
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if found := len(l.OrderIDs()) > 0; found != tc.found || l.Absent != tc.absent {
			t.Errorf("%s: found %v absent %v why %q", tc.name, l.OrderIDs(), l.Absent, l.Why)
		}
		if tc.found && l.OrderIDs()[0] != "1001" {
			t.Errorf("%s: found %v", tc.name, l.OrderIDs())
		}
		if !tc.found && !tc.absent && l.Why == "" {
			t.Errorf("%s: no proof and no reason", tc.name)
		}
		if g.count() > tc.maxCalls {
			t.Errorf("%s: %d calls", tc.name, g.count())
		}
		for _, r := range g.reqs {
			if r.form.Has("outOrderId") && r.form.Get("outOrderId") != "cg-ours" {
				t.Errorf("%s: outOrderId %q", tc.name, r.form.Get("outOrderId"))
			}
		}
	}
	// Once this account's orders were seen carrying the field, an empty
	// filtered list is proof without another call.
	c, g, _ := newTest(t, byQuery(func(url.Values) string { return listAnswer(0) }, listAnswer(1, other)))
	if _, err := c.ListOrders(ctx, xport.OrderQuery{}); err != nil {
		t.Fatal(err)
	}
	l, err := c.FindByOutOrderID(ctx, "cg-ours")
	if err != nil || !l.Absent || g.count() != 3 {
		t.Errorf("after a list: %+v %v, %d calls", l, err, g.count())
	}
	// A failed look-up is an error, never "absent".
	c, _, _ = newTest(t, func(string, url.Values) (int, string) { return 503, `` })
	if l, err := c.FindByOutOrderID(ctx, "cg-ours"); err == nil {
		t.Errorf("failed look-up gave %+v", l)
	}
}

const infosAnswer = `{"success":true,"result":[
 {"logisticsId":"LP1","logisticsBillNo":"SF100","logisticsCompanyName":"顺丰速运","status":"TRANSPORT","orderEntryIds":"1"},
 {"logisticsId":"LP2","logisticsBillNo":"YT200","logisticsCompanyName":"圆通速递","status":"ACCEPT"}]}`

const traceAnswer = `{"success":true,"logisticsTrace":[{"logisticsId":"LP1","orderId":196965465451498520,"logisticsBillNo":"SF100",
 "logisticsSteps":[{"acceptTime":"2018-07-24 21:55:33","remark":"已揽收"},{"acceptTime":"2018-07-25 08:00:00","remark":"运输中"}]}]}`

func TestLogistics(t *testing.T) {
	c, g, _ := newTest(t, func(api string, _ url.Values) (int, string) {
		if api == nsLogistics+":"+apiLogisticsInfos {
			return 200, infosAnswer
		}
		return 200, traceAnswer
	})
	tr, err := c.Logistics(context.Background(), "196965465451498520")
	if err != nil {
		t.Fatal(err)
	}
	if len(tr) != 2 || tr[0].LogisticsCompanyName != "顺丰速运" || len(tr[0].Steps) != 2 || tr[0].Steps[0].AcceptTime.Hour() != 21 ||
		tr[1].LogisticsBillNo != "YT200" || len(tr[1].Steps) != 0 || tr[1].OrderID != "196965465451498520" {
		t.Errorf("traces = %+v", tr)
	}
	for _, r := range g.reqs {
		if r.form.Get("webSite") != "1688" || r.form.Get("orderId") != "196965465451498520" {
			t.Errorf("sent %s %v", r.api, r.form)
		}
	}
	// Not shipped yet: no parcels, no error.
	c, _, _ = newTest(t, fixed(`{"success":false,"errorCode":"500_2","errorMessage":"该订单未发货"}`))
	if tr, err := c.Logistics(context.Background(), "1"); err != nil || tr != nil {
		t.Errorf("not shipped: %+v %v", tr, err)
	}
	// Shipped, but no trace yet.
	c, _, _ = newTest(t, func(api string, _ url.Values) (int, string) {
		if api == nsLogistics+":"+apiLogisticsInfos {
			return 200, infosAnswer
		}
		return 200, `{"success":false,"errorCode":"404","errorMessage":"no trace"}`
	})
	if tr, err := c.Logistics(context.Background(), "1"); err != nil || len(tr) != 2 || len(tr[0].Steps) != 0 {
		t.Errorf("no trace: %+v %v", tr, err)
	}
	// The gateway's own refusal is an error, never "no parcels".
	c, _, _ = newTest(t, func(string, url.Values) (int, string) {
		return 400, `{"error_code":"gw.APIUnsupported","error_message":"x","request_id":"r"}`
	})
	if _, err := c.Logistics(context.Background(), "1"); err == nil {
		t.Error("a gateway refusal was read as no parcels")
	}
}

func TestChatLink(t *testing.T) {
	c, g, _ := newTest(t, fixed(`{"wangwangNick":"义乌 服饰&店"}`))
	link, err := c.ChatLink(context.Background(), "BBBopenuid", "612345678901")
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(link)
	if err != nil || u.Scheme != "https" || u.Query().Get("uid") != "义乌 服饰&店" {
		t.Errorf("link %q", link)
	}
	f := g.reqs[0].form
	if g.reqs[0].api != nsAccount+":"+apiWangwangNick || f.Get("openUid") != "BBBopenuid" || f.Get("_aop_timestamp") == "" || f.Has("offerId") {
		t.Errorf("sent %s %v", g.reqs[0].api, f)
	}
	c, _, _ = newTest(t, fixed(`{"result":{"wangwangNick":""}}`))
	if _, err := c.ChatLink(context.Background(), "x", ""); err == nil {
		t.Error("no nick, yet a link")
	}
	if _, err := c.ChatLink(context.Background(), "", ""); err == nil {
		t.Error("no seller, yet a call")
	}
}

func TestSearchImage(t *testing.T) {
	c, g, _ := newTest(t, func(api string, _ url.Values) (int, string) {
		if api == nsCrossborder+":"+apiImageUpload {
			return 200, `{"result":{"success":true,"code":"200","message":"","result":"img-778899"}}`
		}
		return 200, strings.Replace(searchAnswer, `"success":true`, `"success":"true"`, 1)
	})
	page, err := c.SearchImage(context.Background(), xport.ImageSource{Data: []byte("\x89PNG…")}, xport.SearchQuery{PageSize: 80})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Offers) != 2 {
		t.Errorf("page = %+v", page)
	}
	var up map[string]string
	if err := json.Unmarshal([]byte(g.reqs[0].form.Get("uploadImageParam")), &up); err != nil || up["imageBase64"] != base64.StdEncoding.EncodeToString([]byte("\x89PNG…")) {
		t.Errorf("upload = %s", g.reqs[0].form.Get("uploadImageParam"))
	}
	var q map[string]any
	if err := json.Unmarshal([]byte(g.reqs[1].form.Get("offerQueryParam")), &q); err != nil || q["imageId"] != "img-778899" || q["pageSize"] != 50.0 || q["country"] != "en" {
		t.Errorf("query = %s", g.reqs[1].form.Get("offerQueryParam"))
	}
	if _, err := c.SearchImage(context.Background(), xport.ImageSource{}, xport.SearchQuery{}); err == nil {
		t.Error("no image accepted")
	}
	// An address: 1688's own pictures only (official imageQuery doc: other
	// cases are not guaranteed to return data, which would read as
	// "nothing like it").
	n := g.count()
	if _, err := c.SearchImage(context.Background(), xport.ImageSource{URL: "https://cbu01.alicdn.com/img/ibank/O1.jpg"}, xport.SearchQuery{}); err != nil {
		t.Fatal(err)
	}
	var q2 map[string]any
	if json.Unmarshal([]byte(g.reqs[n].form.Get("offerQueryParam")), &q2); q2["imageAddress"] != "https://cbu01.alicdn.com/img/ibank/O1.jpg" || g.count() != n+1 {
		t.Errorf("1688 picture: %v", q2)
	}
	for _, other := range []string{"https://example.com/x.jpg", "http://cbu01.alicdn.com/x.jpg", "https://alicdn.com.evil.example/x.jpg"} {
		_, err := c.SearchImage(context.Background(), xport.ImageSource{URL: other}, xport.SearchQuery{})
		if err == nil || !strings.Contains(err.Error(), "search with the file") || g.count() != n+1 {
			t.Errorf("%s: %v", other, err)
		}
	}
}

func TestCategory(t *testing.T) {
	c, g, _ := newTest(t, fixed(`{"succes":true,"categoryInfo":[{"categoryID":10166,"name":"女装","level":1,"isLeaf":false,"parentIDs":[0],
 "childCategorys":[{"id":1037192,"name":"连衣裙","isLeaf":true,"categoryType":"1"}]}]}`))
	cat, err := c.Category(context.Background(), "10166")
	if err != nil {
		t.Fatal(err)
	}
	if cat.CategoryID != "10166" || cat.ChineseName != "女装" || cat.Level != 1 || cat.ParentCateID != "0" || len(cat.Children) != 1 ||
		cat.Children[0].CategoryID != "1037192" || !bool(cat.Children[0].Leaf) || cat.Children[0].Level != 2 {
		t.Errorf("category = %+v", cat)
	}
	if f := g.reqs[0].form; f.Get("categoryID") != "10166" || f.Has("access_token") {
		t.Errorf("sent %v", f)
	}
	c, _, _ = newTest(t, fixed(`{"succes":false,"errorCode":"404","errorMsg":"类目不存在"}`))
	var e *Error
	if _, err := c.Category(context.Background(), "9"); !errors.As(err, &e) || e.Msg != "类目不存在" {
		t.Errorf("err %v", err)
	}
}
