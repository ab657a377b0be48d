package ali1688

import (
	"context"
	"net/url"
	"testing"
)

// account is a 1688 buyer account as the official docs describe it: the
// order list does not show outOrderId (getBuyerOrderList's OrderBaseInfo
// has none), get.buyerView shows it and takes it (ref §4.11). orders maps
// order id to outOrderId; byOut says whether buyerView finds by
// outOrderId at all (an account or API version where it does not answers
// "no such order" for every reference).
func account(orders map[string]string, byOut bool) func(string, url.Values) (int, string) {
	notExist := `{"success":false,"errorCode":"ORDER_NOT_EXIST","errorMessage":"订单不存在"}`
	return func(api string, f url.Values) (int, string) {
		switch api {
		case nsTrade + ":" + apiBuyerView:
			if id := f.Get("orderId"); id != "" {
				if out, ok := orders[id]; ok {
					return 200, `{"success":true,"result":` + tradeInfo(id, out) + `}`
				}
				return 200, notExist
			}
			if byOut {
				for id, out := range orders {
					if out == f.Get("outOrderId") {
						return 200, `{"success":true,"result":` + tradeInfo(id, out) + `}`
					}
				}
			}
			return 200, notExist
		case nsTrade + ":" + apiOrderList:
			var rows []string
			for id, out := range orders {
				if f.Has("outOrderId") && out != f.Get("outOrderId") {
					continue
				}
				rows = append(rows, tradeInfo(id, "-"))
			}
			return 200, listAnswer(len(rows), rows...)
		}
		return 404, `{"error_code":"gw.APIUnsupported","error_message":"no such api"}`
	}
}

// A lost create is settled through get.buyerView: found by its
// reference, or proved absent once the account has shown that
// get.buyerView finds orders by reference; otherwise unknown, with the
// reason.
func TestFindByOutOrderIDThroughBuyerView(t *testing.T) {
	ctx := context.Background()

	// Found: one call.
	c, g, _ := newTest(t, account(map[string]string{"1001": "cg-ours", "1002": "cg-other"}, true))
	l, err := c.FindByOutOrderID(ctx, "cg-ours")
	if err != nil || len(l.OrderIDs()) != 1 || l.OrderIDs()[0] != "1001" || g.count() != 1 {
		t.Fatalf("found: %+v %v, %d calls", l, err, g.count())
	}
	if f := g.reqs[0].form; f.Get("outOrderId") != "cg-ours" || f.Get("webSite") != "1688" || f.Has("orderId") {
		t.Fatalf("asked %v", f)
	}

	// Not there: proved by finding another order of the account by its
	// reference first, then said at once.
	c, g, _ = newTest(t, account(map[string]string{"1002": "cg-other"}, true))
	l, err = c.FindByOutOrderID(ctx, "cg-ours")
	if err != nil || !l.Absent || len(l.OrderIDs()) != 0 {
		t.Fatalf("absent: %+v %v", l, err)
	}
	n := g.count()
	if l, err = c.FindByOutOrderID(ctx, "cg-ours-2"); err != nil || !l.Absent || g.count() != n+1 {
		t.Fatalf("absent again: %+v %v, %d calls", l, err, g.count()-n)
	}

	// get.buyerView that does not find by reference: its "no such order"
	// proves nothing, and the list, which does not show references,
	// cannot either. Unknown, with a reason.
	c, _, _ = newTest(t, account(map[string]string{"1001": "cg-ours", "1002": "cg-other"}, false))
	l, err = c.FindByOutOrderID(ctx, "cg-ours")
	if err != nil || l.Absent || len(l.OrderIDs()) != 0 || l.Why == "" {
		t.Fatalf("unproven: %+v %v", l, err)
	}

	// An account with no other order with a reference: nothing to learn
	// from; unknown.
	c, _, _ = newTest(t, account(map[string]string{"1003": "-"}, true))
	if l, err = c.FindByOutOrderID(ctx, "cg-ours"); err != nil || l.Absent || l.Why == "" {
		t.Fatalf("nothing to learn from: %+v %v", l, err)
	}

	// No answer: an error, never absent, and not the list's guess.
	c, g, _ = newTest(t, func(string, url.Values) (int, string) { return 503, `` })
	if l, err = c.FindByOutOrderID(ctx, "cg-ours"); err == nil {
		t.Fatalf("no answer gave %+v", l)
	}
	for _, r := range g.reqs {
		if r.api != nsTrade+":"+apiBuyerView {
			t.Fatalf("after no answer the desk asked %s", r.api)
		}
	}
}
