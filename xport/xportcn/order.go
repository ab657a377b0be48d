package xportcn

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"caigou/xport"
)

// PreviewOrder validates an order and prices it. The preview is mandatory
// before create. Refusals come back as an *APIError whose Rule is a 1688
// code such as "500_005".
func (c *Client) PreviewOrder(ctx context.Context, r xport.OrderRequest) ([]xport.Preview, error) {
	if r.Flow == "" {
		r.Flow = c.cfg.Flow
	}
	if err := checkOrder(r); err != nil {
		return nil, err
	}
	var out []xport.Preview
	if _, err := c.call(ctx, xport.EpOrderPreview, r, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// CreateOrder places an order. It is never retried: after an error for
// which OutcomeUnknown is true the caller must look the OutOrderID up
// (FindByOutOrderID) before sending anything again. OutOrderID is required
// for exactly that reason.
func (c *Client) CreateOrder(ctx context.Context, r xport.OrderRequest) (*xport.CreateResult, error) {
	if r.Flow == "" {
		r.Flow = c.cfg.Flow
	}
	if strings.TrimSpace(r.OutOrderID) == "" {
		return nil, &xport.NotSentError{Err: errors.New("an order needs an outOrderId so a lost answer can be looked up instead of ordering twice")}
	}
	if err := checkOrder(r); err != nil {
		return nil, &xport.NotSentError{Err: err}
	}
	var raw json.RawMessage
	meta, err := c.call(ctx, xport.EpOrderCreate, r, &raw)
	if err != nil {
		return nil, err
	}
	var out xport.CreateResult
	if derr := json.Unmarshal(raw, &out); derr != nil {
		return nil, &xport.ShapeError{Endpoint: xport.EpOrderCreate, What: "the answer said success but could not be read (" + derr.Error() + ")",
			Fix: "look the order up before ordering again"}
	}
	out.RequestID = meta.RequestID
	if len(out.OrderIDs()) > 0 {
		return &out, nil
	}
	if explicitNo(raw, &out) {
		out.Refused = true
		return &out, nil
	}
	// A success with no order id and no refusal in it could be an order
	// whose id travels in a field caigou does not know: unknown, not
	// refused.
	return nil, &xport.ShapeError{Endpoint: xport.EpOrderCreate, What: "the answer said success but carried neither an order id nor a refusal (" + xport.Excerpt(raw, 80) + ")",
		Fix: "look the order up before ordering again"}
}

// explicitNo reports a create answer that says in so many words that
// nothing was ordered: success false with a code, a message or the lines
// it refused.
func explicitNo(raw json.RawMessage, r *xport.CreateResult) bool {
	var keys map[string]json.RawMessage
	if json.Unmarshal(raw, &keys) != nil {
		return false
	}
	if _, ok := keys["success"]; !ok || bool(r.Success) {
		return false
	}
	return r.Code != "" || r.Message != "" || len(r.FailedOffers) > 0
}

// PayOrders asks for a payment link for up to MaxPayBatch orders [INF body:
// orderIdList, as 1688's alipay.url.get]. Never retried.
func (c *Client) PayOrders(ctx context.Context, orderIDs []string) (*xport.PayResult, error) {
	if len(orderIDs) == 0 {
		return nil, errors.New("choose at least one order to pay")
	}
	if len(orderIDs) > xport.MaxPayBatch {
		return nil, fmt.Errorf("at most %d orders can be paid at once; you chose %d", xport.MaxPayBatch, len(orderIDs))
	}
	var list any = orderIDs
	if c.cfg.Wire.PayIDs == PayIDsNumber {
		// 1688's orderIdList is a list of Long. NumID writes the digits
		// as they are: a 19-digit id never passes through a float.
		ids := make([]xport.NumID, len(orderIDs))
		for i, id := range orderIDs {
			ids[i] = xport.NumID(id)
		}
		list = ids
	}
	body := map[string]any{"orderIdList": list}
	var out xport.PayResult
	if _, err := c.call(ctx, xport.EpOrderPay, body, &out); err != nil {
		return nil, err
	}
	out.CantPayOrderList = append(out.CantPayOrderList, out.PayFailureOrderList...)
	return &out, nil
}

// ListOrders lists the buyer's orders [INF body after 1688's
// getBuyerOrderList]. Amounts are read in the configured unit.
func (c *Client) ListOrders(ctx context.Context, q xport.OrderQuery) (*xport.OrderPage, error) {
	if q.Page < 1 {
		q.Page = 1
	}
	if q.PageSize < 1 {
		q.PageSize = 20
	}
	body := struct {
		OrderStatus string   `json:"orderStatus,omitempty"`
		Page        int      `json:"page"`
		PageSize    int      `json:"pageSize"`
		OrderIDs    []string `json:"orderIds,omitempty"`
		OutOrderID  string   `json:"outOrderId,omitempty"`
	}{q.Status, q.Page, q.PageSize, q.OrderIDs, q.OutOrderID}
	var out xport.OrderPage
	if _, err := c.call(ctx, xport.EpOrderList, body, &out); err != nil {
		return nil, err
	}
	if !out.Recognized {
		return nil, &xport.ShapeError{Endpoint: xport.EpOrderList, What: "the answer has no list of orders under data or result",
			Fix: "run `caigou check --deep` and send its report to Xportcn"}
	}
	for i := range out.Orders {
		out.Orders[i].Resolve(c.cfg.Wire.OrderAmountUnit)
		if out.Orders[i].BaseInfo.OutOrderID != "" {
			c.sawOutOrderID.Store(true)
		}
	}
	return &out, nil
}

// FindByOutOrderID looks up the orders created under one outOrderId. It is
// how an ambiguous create is resolved, so it never reads "nothing found"
// as "not placed" unless the answers prove it (see LookUp.Absent); even
// then a create still on its way can land later, which is the caller's
// to remember.
func (c *Client) FindByOutOrderID(ctx context.Context, outOrderID string) (*xport.LookUp, error) {
	if outOrderID == "" {
		return nil, errors.New("no outOrderId to look up")
	}
	page, err := c.ListOrders(ctx, xport.OrderQuery{OutOrderID: outOrderID, PageSize: 50})
	if err != nil {
		return nil, err
	}
	out := &xport.LookUp{}
	carried := false
	for _, o := range page.Orders {
		carried = carried || o.CarriesOutOrderID
		// Filter here too: a server that ignores the parameter must not
		// make us think an unrelated order is ours.
		if string(o.BaseInfo.OutOrderID) == outOrderID {
			out.Orders = append(out.Orders, o)
		}
	}
	switch {
	case len(out.Orders) > 0:
		return out, nil
	case page.Unreadable > 0:
		out.Why = fmt.Sprintf("the order list held %d order(s) in a shape caigou cannot read", page.Unreadable)
		return out, nil
	case len(page.Orders) > 0 && !carried:
		out.Why = "the orders Xportcn lists carry no outOrderId, so an order under this reference cannot be recognised (" + page.Orders[0].Shape + " shape)"
		return out, nil
	case len(page.Orders) > 0 && page.TotalRecords > int64(len(page.Orders)):
		out.Why = "Xportcn ignored the outOrderId filter and the list has more pages than were read"
		return out, nil
	case len(page.Orders) > 0:
		// The filter was ignored, but the whole list is here and its
		// orders carry the field: none is ours.
		out.Absent = true
		return out, nil
	}
	if c.sawOutOrderID.Load() {
		out.Absent = true
		return out, nil
	}
	// An empty filtered list proves nothing by itself: a service that does
	// not know the field may answer nothing. A look at the unfiltered list
	// shows whether this account's orders carry it.
	all, err := c.ListOrders(ctx, xport.OrderQuery{PageSize: 20})
	if err != nil {
		return nil, err
	}
	switch {
	case all.Unreadable > 0:
		out.Why = fmt.Sprintf("the order list held %d order(s) in a shape caigou cannot read", all.Unreadable)
	case len(all.Orders) == 0:
		// The account has no orders at all.
		out.Absent = true
	case c.sawOutOrderID.Load():
		out.Absent = true
	default:
		out.Why = "the orders Xportcn lists carry no outOrderId, so an order under this reference cannot be recognised (" + all.Orders[0].Shape + " shape)"
	}
	return out, nil
}

// OrderDetail fetches one order [INF body: orderId].
func (c *Client) OrderDetail(ctx context.Context, orderID string) (*xport.Order, error) {
	if orderID == "" {
		return nil, errors.New("no order id")
	}
	body := map[string]any{"orderId": orderID, "webSite": "1688"}
	var out xport.Order
	if _, err := c.call(ctx, xport.EpOrderDetail, body, &out); err != nil {
		return nil, err
	}
	if out.Shape == "" {
		return nil, &xport.ShapeError{Endpoint: xport.EpOrderDetail, What: "the order came in a shape caigou cannot read (neither 1688's TradeInfo nor Xport's push shape)",
			Fix: "run `caigou check --deep` and send its report to Xportcn"}
	}
	out.Resolve(c.cfg.Wire.OrderAmountUnit)
	return &out, nil
}

// Logistics returns the traces of an order's parcels. An order not yet
// shipped has none; that is not an error. [INF] data may be the list or an
// object holding logisticsTrace; both are read.
func (c *Client) Logistics(ctx context.Context, orderID string) ([]xport.LogisticsTrace, error) {
	if orderID == "" {
		return nil, errors.New("no order id")
	}
	body := map[string]any{"orderId": orderID, "webSite": "1688"}
	var raw json.RawMessage
	if _, err := c.call(ctx, xport.EpLogistics, body, &raw); err != nil {
		// The trace API says "no tracking info" before an order ships
		// (1688-rules §3.6), with a code that is a setting
		// (logistics_empty_codes). Only a proper envelope answered with
		// HTTP 2xx means that: a gateway's own 404 is a wrong path, and
		// must not leave tracking empty for ever without a word.
		var ae *xport.APIError
		if errors.As(err, &ae) && ae.HTTPStatus >= 200 && ae.HTTPStatus < 300 && c.cfg.Wire.logisticsEmpty(ae.Code) {
			return nil, nil
		}
		var he *xport.HTTPError
		if errors.As(err, &he) && he.Status == 404 {
			return nil, &xport.ShapeError{Endpoint: xport.EpLogistics, Err: err,
				What: "the tracking path " + c.paths[xport.EpLogistics].Path + " is not there (HTTP 404)",
				Fix:  "set order_logistics under [xport.paths] to the path your account's documentation shows; `caigou check --deep` tries it"}
		}
		return nil, err
	}
	return decodeTraces(raw)
}

func decodeTraces(raw json.RawMessage) ([]xport.LogisticsTrace, error) {
	s := strings.TrimSpace(string(raw))
	if s == "" || s == "null" {
		return nil, nil
	}
	if strings.HasPrefix(s, "[") {
		var out []xport.LogisticsTrace
		if err := json.Unmarshal(raw, &out); err != nil {
			return nil, &xport.HTTPError{Endpoint: xport.EpLogistics, Status: 200, Reason: "the trace could not be read", Excerpt: xport.Excerpt(raw, 120)}
		}
		return out, nil
	}
	var obj struct {
		LogisticsTrace []xport.LogisticsTrace `json:"logisticsTrace"`
		Result         []xport.LogisticsTrace `json:"result"`
	}
	if err := json.Unmarshal(raw, &obj); err != nil {
		return nil, &xport.HTTPError{Endpoint: xport.EpLogistics, Status: 200, Reason: "the trace could not be read", Excerpt: xport.Excerpt(raw, 120)}
	}
	if len(obj.LogisticsTrace) == 0 {
		return obj.Result, nil
	}
	return obj.LogisticsTrace, nil
}

// checkOrder refuses an order that cannot be sent: no lines, or an
// address without a name or a street (Xportcn takes the address itself).
func checkOrder(r xport.OrderRequest) error {
	if err := r.CheckLines(); err != nil {
		return err
	}
	if strings.TrimSpace(r.Address.FullName) == "" || strings.TrimSpace(r.Address.Address) == "" {
		return errors.New("the order has no shipping address; pick one first")
	}
	return nil
}
