package ali1688

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"caigou/xport"
)

const (
	apiOrderList   = "alibaba.trade.getBuyerOrderList"
	apiBuyerView   = "alibaba.trade.get.buyerView"
	webSite1688    = "1688" // webSite, required by the buyer views (ref §4.11, §4.12)
	orderPageSize  = 20     // [INF] the desk's default page
	maxOrderPage   = 50     // [INF] the largest page caigou asks for
	lookUpMaxPages = 5      // [INF] how many pages of recent orders a look-up reads at most
)

// ListOrders lists the buyer's orders with getBuyerOrderList (ref §4.10).
// Paging is page/pageSize from 1. Units: the TradeInfo amounts
// (totalAmount, shippingFee, sumProductPayment, refund, price,
// itemAmount) are YUAN and discount is FEN [DOC]; every order is resolved
// so, never in the Xport wire setting. The envelope {result[…],
// totalRecord, errorCode, errorMessage} carries the list beside the total,
// so it is read whole.
func (c *Client) ListOrders(ctx context.Context, q xport.OrderQuery) (*xport.OrderPage, error) {
	if q.Page < 1 {
		q.Page = 1
	}
	if q.PageSize < 1 {
		q.PageSize = orderPageSize
	}
	q.PageSize = min(q.PageSize, maxOrderPage)
	p := map[string]string{
		"page":        fmt.Sprint(q.Page),
		"pageSize":    fmt.Sprint(q.PageSize),
		"orderStatus": q.Status,
		"outOrderId":  strings.TrimSpace(q.OutOrderID),
	}
	if len(q.OrderIDs) > 0 {
		// [INF] orderIds is a list of Longs; the reference does not show
		// its form-field syntax, so it goes as JSON text like every other
		// list parameter (cargoParamList, orderIdList).
		ids := make([]xport.NumID, 0, len(q.OrderIDs))
		for _, id := range q.OrderIDs {
			ids = append(ids, xport.NumID(strings.TrimSpace(id)))
		}
		js, err := jsonParam(ids)
		if err != nil {
			return nil, err
		}
		p["orderIds"] = js
	}
	var raw json.RawMessage
	if _, err := c.call(ctx, nsTrade, apiOrderList, p, callOpts{needToken: true, whole: true}, &raw); err != nil {
		return nil, err
	}
	page, err := decodeOrderPage(raw)
	if err != nil {
		return nil, readErr(nsTrade+":"+apiOrderList, raw, err)
	}
	if page.CurrentPage == 0 {
		page.CurrentPage = int64(q.Page)
	}
	for _, o := range page.Orders {
		if strings.TrimSpace(string(o.BaseInfo.OutOrderID)) != "" {
			c.sawOutOrderID.Store(true)
		}
	}
	return page, nil
}

// decodeOrderPage reads the order list envelope into the desk's page and
// resolves its amounts in yuan (discount in fen, see xport.Order.Resolve).
// An empty account may answer no list at all: a totalRecord of 0 with no
// result is read as an empty page [INF]; a list under neither result nor
// data, with orders said to exist, is not a page.
func decodeOrderPage(raw []byte) (*xport.OrderPage, error) {
	if !isObject(raw) {
		return nil, errors.New("the order list is not an object")
	}
	var page xport.OrderPage
	if err := json.Unmarshal(raw, &page); err != nil {
		return nil, err
	}
	if !page.Recognized {
		var probe struct {
			TotalRecord json.RawMessage `json:"totalRecord"`
		}
		_ = json.Unmarshal(raw, &probe)
		if text(probe.TotalRecord) != "0" {
			return nil, errors.New("the answer has no list of orders under result")
		}
		page.Recognized = true
	}
	for i := range page.Orders {
		page.Orders[i].Resolve(xport.UnitYuan)
	}
	return &page, nil
}

// OrderDetail fetches one order with get.buyerView (ref §4.11): webSite
// 1688, orderId. Amounts as in the list: yuan, discount fen.
func (c *Client) OrderDetail(ctx context.Context, orderID string) (*xport.Order, error) {
	orderID = strings.TrimSpace(orderID)
	if orderID == "" {
		return nil, errors.New("no order id")
	}
	var raw json.RawMessage
	p := map[string]string{"webSite": webSite1688, "orderId": orderID}
	if _, err := c.call(ctx, nsTrade, apiBuyerView, p, callOpts{needToken: true}, &raw); err != nil {
		return nil, err
	}
	o, err := decodeOrder(raw)
	if err != nil {
		return nil, readErr(nsTrade+":"+apiBuyerView, raw, err)
	}
	return o, nil
}

// decodeOrder reads one TradeInfo and resolves it in yuan.
func decodeOrder(raw []byte) (*xport.Order, error) {
	if !isObject(raw) {
		return nil, errors.New("the order is not an object")
	}
	var o xport.Order
	if err := json.Unmarshal(raw, &o); err != nil {
		return nil, err
	}
	if o.Shape != xport.OrderShapeTradeInfo {
		return nil, errors.New("the order is not a 1688 TradeInfo (no baseInfo)")
	}
	o.Resolve(xport.UnitYuan)
	return &o, nil
}

// FindByOutOrderID looks up the orders a create under outOrderID made. It
// is how the desk settles a create whose answer was lost, so it says
// "absent" only when the answers prove it (xport.LookUp.Absent), and says
// why not otherwise (LookUp.Why): the desk then keeps the outcome unknown.
//
// get.buyerView is asked first (ref §4.11: it takes outOrderId, and its
// baseInfo carries it). An order it returns under that outOrderId is
// ours. Its "no such order" (ORDER_NOT_EXIST) proves absence only once
// this account's orders have been seen found that way: a reference the
// desk knows of another order is looked up to learn it
// (viewByOutProven). Otherwise the order list is searched as below; the
// official list does not show outOrderId, so there it seldom proves
// anything, and the outcome stays unknown.
//
// Even a proved absence is "not yet": a create still on its way can land
// later, which the desk remembers.
func (c *Client) FindByOutOrderID(ctx context.Context, outOrderID string) (*xport.LookUp, error) {
	outOrderID = strings.TrimSpace(outOrderID)
	if outOrderID == "" {
		return nil, errors.New("no outOrderId to look up")
	}
	o, err := c.viewByOut(ctx, outOrderID)
	switch {
	case err == nil && o != nil:
		c.viewByOutWorks.Store(true)
		return &xport.LookUp{Orders: []xport.Order{*o}}, nil
	case orderNotExist(err):
		if c.viewByOutWorks.Load() || c.viewByOutProven(ctx, outOrderID) {
			return &xport.LookUp{Absent: true}, nil
		}
	case err != nil && noAnswer(err):
		// No answer: nothing is known, and the desk asks again later.
		return nil, err
	}
	return c.findInList(ctx, outOrderID)
}

// noAnswer is a failure to hear 1688 at all (network, server, rate
// limit, cancelled): not a reason to read the list instead.
func noAnswer(err error) bool {
	switch xport.Classify(err) {
	case xport.ClassNetwork, xport.ClassServer, xport.ClassRateLimit, xport.ClassCanceled:
		return true
	}
	return false
}

// orderNotExist is get.buyerView's own "no such order" (not a gateway
// refusal, not a missing API).
func orderNotExist(err error) bool {
	var e *Error
	return errors.As(err, &e) && !e.Gateway && strings.TrimSpace(e.Code) == "ORDER_NOT_EXIST"
}

// viewByOut asks get.buyerView for the order under outOrderID. An order
// that does not carry that outOrderId proves nothing: nil, no error.
func (c *Client) viewByOut(ctx context.Context, outOrderID string) (*xport.Order, error) {
	var raw json.RawMessage
	p := map[string]string{"webSite": webSite1688, "outOrderId": outOrderID}
	if _, err := c.call(ctx, nsTrade, apiBuyerView, p, callOpts{needToken: true}, &raw); err != nil {
		return nil, err
	}
	o, err := decodeOrder(raw)
	if err != nil {
		return nil, readErr(nsTrade+":"+apiBuyerView, raw, err)
	}
	if strings.TrimSpace(string(o.BaseInfo.OutOrderID)) != outOrderID {
		return nil, nil
	}
	return o, nil
}

// viewByOutProven learns whether get.buyerView finds this account's orders
// by outOrderId: one of the recent orders that carries an outOrderId
// other than asked (read through get.buyerView by its id, as the list
// does not show it) is looked up by that reference. A few reads, once per
// session at most when it works.
func (c *Client) viewByOutProven(ctx context.Context, asked string) bool {
	page, err := c.ListOrders(ctx, xport.OrderQuery{PageSize: orderPageSize, Page: 1})
	if err != nil {
		return false
	}
	read := 0
	for _, row := range page.Orders {
		id := row.BaseInfo.OrderIDString()
		if id == "" || read >= viewByOutProbes {
			continue
		}
		ref := strings.TrimSpace(string(row.BaseInfo.OutOrderID))
		if ref == "" {
			read++
			d, err := c.OrderDetail(ctx, id)
			if err != nil {
				continue
			}
			ref = strings.TrimSpace(string(d.BaseInfo.OutOrderID))
		}
		if ref == "" || ref == asked {
			continue
		}
		o, err := c.viewByOut(ctx, ref)
		if err == nil && o != nil && o.BaseInfo.OrderIDString() == id {
			c.viewByOutWorks.Store(true)
			return true
		}
		// A reference known to exist was not found by it: that way does
		// not work for this account.
		return false
	}
	return false
}

// viewByOutProbes is how many recent orders viewByOutProven reads to find
// one with a reference.
const viewByOutProbes = 3

// findInList looks for the orders under outOrderID in the order list
// (ref §4.10: getBuyerOrderList filters by outOrderId; the official list
// does not show it, so whether a row carries it is for the answers to
// tell). The rules, as for Xport:
//   - an order whose baseInfo.outOrderId equals the reference is ours
//     (filtered here too, so an ignored filter cannot make another order
//     look like ours);
//   - orders that carry no outOrderId cannot be recognised: nothing is
//     proved;
//   - a filter that was ignored (other orders came back) is answered by
//     reading the recent orders, up to lookUpMaxPages pages; absence is
//     proved only when every page was read;
//   - an empty filtered list proves absence only once this account's
//     orders have been seen carrying outOrderId (or the account has no
//     orders): a service that ignores or does not know the field could
//     answer nothing too.
func (c *Client) findInList(ctx context.Context, outOrderID string) (*xport.LookUp, error) {
	outOrderID = strings.TrimSpace(outOrderID)
	if outOrderID == "" {
		return nil, errors.New("no outOrderId to look up")
	}
	out := &xport.LookUp{}
	q := xport.OrderQuery{OutOrderID: outOrderID, PageSize: maxOrderPage, Page: 1}
	page, err := c.ListOrders(ctx, q)
	if err != nil {
		return nil, err
	}
	if len(page.Orders) == 0 && page.Unreadable == 0 {
		if c.sawOutOrderID.Load() {
			out.Absent = true
			return out, nil
		}
		// An empty filtered list proves nothing by itself: look at the
		// unfiltered list to learn whether this account's orders carry
		// the field at all.
		all, err := c.ListOrders(ctx, xport.OrderQuery{PageSize: orderPageSize, Page: 1})
		if err != nil {
			return nil, err
		}
		switch {
		case all.Unreadable > 0:
			out.Why = fmt.Sprintf("the 1688 order list held %d order(s) in a shape caigou cannot read", all.Unreadable)
		case len(all.Orders) == 0:
			out.Absent = true // the account has no orders at all
		case c.sawOutOrderID.Load():
			out.Absent = true
		default:
			out.Why = "the orders 1688 lists for this account carry no outOrderId, so an order under this reference cannot be recognised; look for it on 1688.com"
		}
		return out, nil
	}
	read, carried, unreadable := 0, false, 0
	for {
		for _, o := range page.Orders {
			carried = carried || o.CarriesOutOrderID
			if strings.TrimSpace(string(o.BaseInfo.OutOrderID)) == outOrderID {
				out.Orders = append(out.Orders, o)
			}
		}
		read += len(page.Orders)
		unreadable += page.Unreadable
		switch {
		case len(out.Orders) > 0:
			return out, nil
		case unreadable > 0:
			out.Why = fmt.Sprintf("the 1688 order list held %d order(s) in a shape caigou cannot read", unreadable)
			return out, nil
		case !carried:
			out.Why = "the orders 1688 lists carry no outOrderId, so an order under this reference cannot be recognised; look for it on 1688.com"
			return out, nil
		case (page.TotalRecords > 0 && int64(read) >= page.TotalRecords) || (page.TotalRecords == 0 && len(page.Orders) > 0 && len(page.Orders) < q.PageSize):
			// Every order the list holds was read (by its total, or a
			// short last page when it gives none), and they carry the
			// field: none is ours.
			out.Absent = true
			return out, nil
		case len(page.Orders) == 0:
			out.Why = fmt.Sprintf("the 1688 order list ended after %d orders, before the %d it counted", read, page.TotalRecords)
			return out, nil
		case q.Page >= lookUpMaxPages:
			of := "more"
			if page.TotalRecords > 0 {
				of = fmt.Sprint(page.TotalRecords)
			}
			out.Why = fmt.Sprintf("1688 ignored the outOrderId filter and only the %d most recent of %s orders were searched; look for it on 1688.com", read, of)
			return out, nil
		}
		q.Page++
		if page, err = c.ListOrders(ctx, q); err != nil {
			return nil, err
		}
	}
}
