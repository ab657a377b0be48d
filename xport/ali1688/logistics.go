package ali1688

import (
	"context"
	"encoding/json"
	"errors"
	"strings"

	"caigou/xport"
)

const (
	apiLogisticsInfos = "alibaba.trade.getLogisticsInfos.buyerView"
	apiLogisticsTrace = "alibaba.trade.getLogisticsTraceInfo.buyerView"
)

// notShippedCodes are the codes with which the logistics APIs say an order
// has no parcel yet: 500_2 "not shipped" (getLogisticsInfos, ref §4.12
// [DOC]) and 404 (getLogisticsTraceInfo [DOC]: no trace). Only a business
// envelope counts; a gateway's own refusal is an error.
var notShippedCodes = []string{"500_2", "404"}

func notShipped(err error) bool {
	var e *Error
	if !errors.As(err, &e) || e.Gateway || e.HTTPStatus < 200 || e.HTTPStatus >= 300 {
		return false
	}
	for _, c := range notShippedCodes {
		if e.Code == c {
			return true
		}
	}
	return false
}

// waybill is one getLogisticsInfos result item (ref §4.12 [DOC]).
type waybill struct {
	LogisticsID          xport.Text `json:"logisticsId"`
	LogisticsBillNo      xport.Text `json:"logisticsBillNo"`
	LogisticsCompanyName xport.Text `json:"logisticsCompanyName"`
	Status               xport.Text `json:"status"`
}

// Logistics returns the traces of an order's parcels (ref §4.12): the
// waybills from getLogisticsInfos (for the carrier's name, which the
// trace lacks), then the steps from getLogisticsTraceInfo. An order not
// shipped yet has none, which is not an error. A waybill with no trace
// yet is returned with no steps, so its bill number still shows. Step
// times are "2018-07-24 21:55:33", China time (xport.Time reads them).
func (c *Client) Logistics(ctx context.Context, orderID string) ([]xport.LogisticsTrace, error) {
	orderID = strings.TrimSpace(orderID)
	if orderID == "" {
		return nil, errors.New("no order id")
	}
	p := map[string]string{"orderId": orderID, "webSite": webSite1688}
	var infosRaw json.RawMessage
	if _, err := c.call(ctx, nsLogistics, apiLogisticsInfos, p, callOpts{needToken: true, emptyOK: true}, &infosRaw); err != nil {
		if notShipped(err) {
			return nil, nil
		}
		return nil, err
	}
	bills, err := decodeWaybills(infosRaw)
	if err != nil {
		return nil, readErr(nsLogistics+":"+apiLogisticsInfos, infosRaw, err)
	}
	var traceRaw json.RawMessage
	var traces []xport.LogisticsTrace
	if _, err := c.call(ctx, nsLogistics, apiLogisticsTrace, p, callOpts{needToken: true, whole: true}, &traceRaw); err != nil {
		if !notShipped(err) {
			return nil, err
		}
	} else if traces, err = decodeTrace(traceRaw); err != nil {
		return nil, readErr(nsLogistics+":"+apiLogisticsTrace, traceRaw, err)
	}
	return mergeTraces(orderID, bills, traces), nil
}

// decodeWaybills reads getLogisticsInfos' result list; null is none.
func decodeWaybills(raw []byte) ([]waybill, error) {
	if isNull(raw) {
		return nil, nil
	}
	var out []waybill
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, errors.New("the waybills are not a list of waybills")
	}
	return out, nil
}

// decodeTrace reads {success, logisticsTrace[…]} (ref §4.12); a missing
// list is no trace yet.
func decodeTrace(raw []byte) ([]xport.LogisticsTrace, error) {
	var env struct {
		Traces json.RawMessage `json:"logisticsTrace"`
	}
	if !isObject(raw) || json.Unmarshal(raw, &env) != nil {
		return nil, errors.New("the trace is not an object")
	}
	if isNull(env.Traces) {
		return nil, nil
	}
	var out []xport.LogisticsTrace
	if err := json.Unmarshal(env.Traces, &out); err != nil {
		return nil, errors.New("the trace is not a list of parcels")
	}
	return out, nil
}

// mergeTraces joins waybills and traces by logisticsId (or bill number):
// traces get the carrier's name, waybills with no trace become empty
// traces, in the waybills' order, then any trace with no waybill.
func mergeTraces(orderID string, bills []waybill, traces []xport.LogisticsTrace) []xport.LogisticsTrace {
	used := make([]bool, len(traces))
	find := func(b waybill) int {
		for i, t := range traces {
			if used[i] {
				continue
			}
			if (b.LogisticsID != "" && t.LogisticsID == b.LogisticsID) || (b.LogisticsBillNo != "" && t.LogisticsBillNo == b.LogisticsBillNo) {
				return i
			}
		}
		return -1
	}
	var out []xport.LogisticsTrace
	for _, b := range bills {
		t := xport.LogisticsTrace{LogisticsID: b.LogisticsID, OrderID: xport.ID(orderID), LogisticsBillNo: b.LogisticsBillNo}
		if i := find(b); i >= 0 {
			used[i] = true
			t = traces[i]
			if t.LogisticsBillNo == "" {
				t.LogisticsBillNo = b.LogisticsBillNo
			}
		}
		t.LogisticsCompanyName = b.LogisticsCompanyName
		if t.OrderID == "" {
			t.OrderID = xport.ID(orderID)
		}
		out = append(out, t)
	}
	for i, t := range traces {
		if !used[i] {
			if t.OrderID == "" {
				t.OrderID = xport.ID(orderID)
			}
			out = append(out, t)
		}
	}
	return out
}
