package ali1688

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"caigou/xport"
)

// API names of the order side (ref §0.2 [DOC]).
const (
	apiPreview    = "alibaba.createOrder.preview"
	apiCreate     = "alibaba.trade.createCrossOrder"
	apiAlipayURL  = "alibaba.alipay.url.get"
	nsLogistics   = "com.alibaba.logistics"
	nsAccount     = "com.alibaba.account"
	nsProduct     = "com.alibaba.product"
	maxCreateSKUs = 50 // createCrossOrder: at most 50 SKUs per call (ref §4.8, §6)
)

// ErrNotAvailable is what the desk gets for a thing 1688 cannot do for a
// buyer (ref §7.1): there is no address write API, for one. It is never a
// refusal of an order and nothing was sent.
var ErrNotAvailable = errors.New("not available with the 1688 backend: add addresses on 1688.com")

// Backend describes this client for the desk's header and planning. It
// is read on every frame (the header's badge), so it is worked out once,
// in New.
func (c *Client) Backend() xport.Backend { return c.backend }

// backendOf is what Backend says of a client on cfg.
func backendOf(cfg Config) xport.Backend {
	// Validate lets plain http:// through only to this machine or with
	// allow_insecure_http; only the second is "plain HTTP to another machine".
	insecure := false
	if u, err := url.Parse(cfg.BaseURL); err == nil && u.Scheme == "http" && !xport.Loopback(u.Hostname()) {
		insecure = true
	}
	return xport.Backend{Name: "1688", Timeout: cfg.Timeout, RequestsPerSecond: cfg.RequestsPerSecond, ReadRetries: cfg.ReadRetries, InsecureHTTP: insecure, NoAddressSave: true, NoFee: true, CanCancel: true,
		AmountUnitFix: "1688 documents these amounts in yuan and caigou has no setting for them: see the order on 1688.com, and send the log to whoever keeps caigou"}
}

// SaveAddress is not available: 1688's buyer set has receiveAddress.get
// only, no address write (ref §7.1 rows 19-20). New addresses are added on
// 1688.com, or typed into an order (addressParam takes the texts).
func (c *Client) SaveAddress(context.Context, xport.Address) (string, error) {
	return "", ErrNotAvailable
}

// addressParam is preview's and create's addressParam (ref §4.7, §4.8).
// 1688 takes addressId first, then districtCode, then the texts; empty
// fields are left out of the JSON. AddressCode is create's
// addressParam.addressCode [DOC]; [INF] it is the district code (the
// receiveAddress list's addressCode is one), so create sends the district
// code under both names.
type addressParam struct {
	AddressID    string `json:"addressId,omitempty"`
	FullName     string `json:"fullName,omitempty"`
	Mobile       string `json:"mobile,omitempty"`
	Phone        string `json:"phone,omitempty"`
	PostCode     string `json:"postCode,omitempty"`
	ProvinceText string `json:"provinceText,omitempty"`
	CityText     string `json:"cityText,omitempty"`
	AreaText     string `json:"areaText,omitempty"`
	TownText     string `json:"townText,omitempty"`
	Address      string `json:"address,omitempty"`
	DistrictCode string `json:"districtCode,omitempty"`
	AddressCode  string `json:"addressCode,omitempty"`
}

// cargoParam is one cargoParamList line (ref §4.7): offerId a Long,
// specId the 32-hex spec, quantity a number.
type cargoParam struct {
	OfferID  xport.NumID `json:"offerId"`
	SpecID   string      `json:"specId,omitempty"`
	Quantity int64       `json:"quantity"`
}

// checkOrder refuses an order that cannot be sent: no lines, or no
// address (an address id alone is enough on 1688).
func checkOrder(r xport.OrderRequest) error {
	if err := r.CheckLines(); err != nil {
		return err
	}
	a := r.Address
	if strings.TrimSpace(a.AddressID) == "" && (strings.TrimSpace(a.FullName) == "" || strings.TrimSpace(a.Address) == "") {
		return errors.New("the order has no shipping address; pick one first")
	}
	return nil
}

// orderParams builds the form fields preview and create share. AliID is
// not sent: on 1688 the buyer is the account whose access_token signs the
// call [INF].
func (c *Client) orderParams(r xport.OrderRequest, create bool) (map[string]string, error) {
	a := r.Address
	ap := addressParam{
		AddressID: strings.TrimSpace(a.AddressID), FullName: a.FullName, Mobile: a.Mobile, Phone: a.Phone,
		PostCode: a.PostCode, ProvinceText: a.ProvinceText, CityText: a.CityText, AreaText: a.AreaText,
		TownText: a.TownText, Address: a.Address, DistrictCode: a.DistrictCode,
	}
	if create {
		ap.AddressCode = a.DistrictCode
	}
	cargo := make([]cargoParam, 0, len(r.Cargo))
	for _, l := range r.Cargo {
		cargo = append(cargo, cargoParam{OfferID: xport.NumID(strings.TrimSpace(string(l.OfferID))), SpecID: l.SpecID, Quantity: l.Quantity})
	}
	aj, err := jsonParam(ap)
	if err != nil {
		return nil, err
	}
	cj, err := jsonParam(cargo)
	if err != nil {
		return nil, err
	}
	flow := r.Flow
	if flow == "" {
		flow = c.cfg.Flow
	}
	if flow == "" && create {
		flow = fallbackFlow
	}
	p := map[string]string{"addressParam": aj, "cargoParamList": cj, "flow": flow, "outOrderId": r.OutOrderID}
	if create {
		p["message"] = r.Message
		p["shopPromotionId"] = r.ShopPromotionID
		p["tradeType"] = r.TradeType
	}
	return p, nil
}

// PreviewOrder prices an order (ref §4.7) into one xport.Preview per order
// 1688 would split the cart into. Units (ref §4.7, §7.2): the order totals
// sumPayment, sumCarriage, sumPaymentNoCarriage are FEN and are kept as
// sent; the cart lines' amount and finalUnitPrice are YUAN and are
// converted to fen, which is what xport.PreviewItem holds. A rule refusal
// (500_004 out of stock…) is an *Error whose xport.RuleOf is the code.
func (c *Client) PreviewOrder(ctx context.Context, r xport.OrderRequest) ([]xport.Preview, error) {
	if err := checkOrder(r); err != nil {
		return nil, err
	}
	p, err := c.orderParams(r, false)
	if err != nil {
		return nil, err
	}
	var raw json.RawMessage
	if _, err := c.call(ctx, nsTrade, apiPreview, p, callOpts{needToken: true, whole: true}, &raw); err != nil {
		return nil, err
	}
	out, offered, err := decodePreview(raw)
	if err != nil {
		return nil, readErr(nsTrade+":"+apiPreview, raw, err)
	}
	tt := chooseTradeType(offered, c.cfg.TradeTypes)
	if tt == "" {
		return nil, &NoTradeTypeError{Offered: union(offered), Allowed: c.cfg.TradeTypes}
	}
	for i := range out {
		out[i].PlaceFlow, out[i].PlaceTradeType = string(out[i].FlowFlag), tt
	}
	return out, nil
}

// NoTradeTypeError is a preview whose order 1688 offers under no trade
// type the desk may send: none at all ("must be ordered on the 1688
// page", ref rules §3.9), or only ones such as 诚e赊 credit (creditBuy)
// or an account period. The desk does not place it; nothing is sent.
type NoTradeTypeError struct {
	Offered []string
	Allowed []string
}

func (e *NoTradeTypeError) Error() string {
	if len(e.Offered) == 0 {
		return "1688 takes this order only on its own site (the preview offers no trade type for the API): place it on 1688.com"
	}
	return "1688 offers this order only as " + strings.Join(e.Offered, ", ") + ", and the desk places orders only as " +
		strings.Join(e.Allowed, ", ") + " (escrow, 担保交易): place it on 1688.com, or allow one of those under [ali1688] trade_types"
}

// chooseTradeType is the first allowed trade type that every part of the
// order offers, or "".
func chooseTradeType(offered [][]string, allowed []string) string {
	if len(offered) == 0 {
		return ""
	}
	for _, a := range allowed {
		everywhere := true
		for _, part := range offered {
			if !slices.Contains(part, a) {
				everywhere = false
				break
			}
		}
		if everywhere {
			return a
		}
	}
	return ""
}

// union is every trade type offered, once, in the order first seen.
func union(offered [][]string) []string {
	var out []string
	for _, part := range offered {
		for _, t := range part {
			if !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
	}
	return out
}

// previewPart is one orderPreviewResuslt element (ref §4.7 [DOC]).
type previewPart struct {
	SumPayment           xport.Fen       `json:"sumPayment"`
	SumCarriage          xport.Fen       `json:"sumCarriage"`
	SumPaymentNoCarriage xport.Fen       `json:"sumPaymentNoCarriage"`
	FlowFlag             xport.Text      `json:"flowFlag"`
	TradeModeNameList    xport.Strings   `json:"tradeModeNameList"`
	TradeModelList       json.RawMessage `json:"tradeModelList"`
	CargoList            []previewCargo  `json:"cargoList"`
}

// previewCargo is one cargoList line: amount and finalUnitPrice in yuan.
type previewCargo struct {
	OfferID        xport.ID   `json:"offerId"`
	SpecID         xport.Text `json:"specId"`
	SkuID          xport.ID   `json:"skuId"`
	Amount         xport.Yuan `json:"amount"`
	FinalUnitPrice xport.Yuan `json:"finalUnitPrice"`
	ResultCode     xport.Text `json:"resultCode"`
}

// decodePreview reads the preview envelope's orderPreviewResuslt (sic;
// orderPreviewResult is read too [INF], should 1688 ever fix the name).
// Money is read strictly: a total with a decimal point is not fen, a line
// price with three decimals is not yuan, and either fails the preview
// rather than show a wrong price. Not mapped (no place in xport.Preview):
// discountFee, additionalFee, status, orderGroup, tradeModeNameList,
// payChannelInfos, shopPromotionList, officialSolutionModelList and the
// envelope's postFeeByDescOfferList, consignOfferList,
// unsupportedCrossBorderPayOfferList. sumTotalPayment is Xport's; 1688
// has none, so it stays zero (the desk then shows sumPayment only).
//
// offered is, per part, the trade types its create may carry: the
// tradeModeNameList, and the tradeType of every tradeModelList entry 1688
// marks opSupport (ref §4.7).
func decodePreview(raw []byte) (out []xport.Preview, offered [][]string, err error) {
	var env struct {
		Parts json.RawMessage `json:"orderPreviewResuslt"`
		Fixed json.RawMessage `json:"orderPreviewResult"`
	}
	if !isObject(raw) || json.Unmarshal(raw, &env) != nil {
		return nil, nil, errors.New("the preview is not an object")
	}
	list := env.Parts
	if isNull(list) {
		list = env.Fixed
	}
	if isNull(list) {
		return nil, nil, errors.New("the preview said success but priced no order (no orderPreviewResuslt)")
	}
	var parts []previewPart
	if err := json.Unmarshal(list, &parts); err != nil {
		return nil, nil, err
	}
	if len(parts) == 0 {
		return nil, nil, errors.New("the preview said success but priced no order")
	}
	out = make([]xport.Preview, 0, len(parts))
	for _, pp := range parts {
		pv := xport.Preview{
			SumPayment: pp.SumPayment, SumCarriage: pp.SumCarriage, SumPaymentNoCarriage: pp.SumPaymentNoCarriage,
			FlowFlag: pp.FlowFlag,
		}
		if !isNull(pp.TradeModelList) {
			// Only the trade models' names are display; a bad list costs
			// the list, not the prices.
			_ = json.Unmarshal(pp.TradeModelList, &pv.TradeModelList)
		}
		var modes []string
		for _, t := range pp.TradeModeNameList {
			if t = strings.TrimSpace(t); t != "" && !slices.Contains(modes, t) {
				modes = append(modes, t)
			}
		}
		for _, m := range pv.TradeModelList {
			if t := strings.TrimSpace(string(m.TradeType)); t != "" && bool(m.OpSupport) && !slices.Contains(modes, t) {
				modes = append(modes, t)
			}
		}
		offered = append(offered, modes)
		for _, cl := range pp.CargoList {
			it := xport.PreviewItem{
				OfferID: cl.OfferID, SpecID: cl.SpecID, SkuID: cl.SkuID,
				Amount: cl.Amount.Fen(), FinalUnitPrice: cl.FinalUnitPrice.Fen(),
			}
			if code := strings.TrimSpace(string(cl.ResultCode)); code != "" && !successCode(code) {
				it.Message = xport.Text("1688 result code " + code)
			}
			pv.Items = append(pv.Items, it)
		}
		out = append(out, pv)
	}
	return out, offered, nil
}

// successCode says a line's resultCode means "fine" [INF: the reference
// names resultCode without its values].
func successCode(code string) bool {
	for _, s := range append([]string{"success", "SUCCESS", "0", "OK"}, SuccessCodes...) {
		if code == s {
			return true
		}
	}
	return false
}

// CreateOrder places an order with createCrossOrder (ref §4.8). It is a
// write: sent once, never retried, whatever comes back. outOrderId is a
// documented create parameter [DOC] and is sent as one; 1688 does not
// document it as idempotent (ref §4.8), so after an error for which
// xport.OutcomeUnknown holds, the desk looks the reference up
// (FindByOutOrderID) before anything is sent again. The reference is
// required for that reason, as it is for Xport.
//
// The answer's inner result has the names of xport.CreateResult
// (orderId, totalSuccessAmount and postFee in fen, failedOfferList,
// orderList with orderAmmount (sic) in fen) and is read into it as is.
func (c *Client) CreateOrder(ctx context.Context, r xport.OrderRequest) (*xport.CreateResult, error) {
	if strings.TrimSpace(r.OutOrderID) == "" {
		return nil, &xport.NotSentError{Err: errors.New("an order needs an outOrderId so a lost answer can be looked up instead of ordering twice")}
	}
	if err := checkOrder(r); err != nil {
		return nil, &xport.NotSentError{Err: err}
	}
	if len(r.Cargo) > maxCreateSKUs {
		return nil, &xport.NotSentError{Err: fmt.Errorf("1688 takes at most %d lines in one order; this one has %d", maxCreateSKUs, len(r.Cargo))}
	}
	// Without a tradeType 1688 picks one itself, and with 诚e赊 enabled it
	// picks credit: the order carries the one its preview chose, or is
	// not sent.
	if strings.TrimSpace(r.TradeType) == "" {
		return nil, &xport.NotSentError{Err: errors.New("the order carries no trade type from its preview, and without one 1688 may place it on credit: preview it again")}
	}
	if !slices.Contains(c.cfg.TradeTypes, r.TradeType) {
		return nil, &xport.NotSentError{Err: fmt.Errorf("trade type %q is not one the desk may send (%s)", r.TradeType, strings.Join(c.cfg.TradeTypes, ", "))}
	}
	p, err := c.orderParams(r, true)
	if err != nil {
		return nil, &xport.NotSentError{Err: err}
	}
	var raw json.RawMessage
	rid, err := c.call(ctx, nsTrade, apiCreate, p, callOpts{needToken: true, write: true}, &raw)
	if err != nil {
		return nil, err
	}
	return decodeCreate(raw, rid)
}

// decodeCreate reads create's inner result. An order id means created; a
// success false with a code, a message or refused lines means refused in
// words (Refused); anything else — an unreadable result, a success with
// no order id — is unknown, never refused.
func decodeCreate(raw []byte, requestID string) (*xport.CreateResult, error) {
	ep := xport.Endpoint("1688:" + nsTrade + ":" + apiCreate)
	// Err is the unreadable answer, so xport.OutcomeUnknown reads it as a
	// bad response (unknown), and ExplicitRefusal is false for a
	// ShapeError whatever it wraps.
	unreadable := readErr(nsTrade+":"+apiCreate, raw, errors.New("no order id and no refusal"))
	var out xport.CreateResult
	if !isObject(raw) || json.Unmarshal(raw, &out) != nil {
		return nil, &xport.ShapeError{Endpoint: ep, What: "the answer said success but could not be read (" + xport.Excerpt(raw, 80) + ")",
			Fix: "look the order up before ordering again", Err: unreadable}
	}
	out.RequestID = requestID
	if len(out.OrderIDs()) > 0 {
		return &out, nil
	}
	var keys map[string]json.RawMessage
	_ = json.Unmarshal(raw, &keys)
	if _, ok := keys["success"]; ok && !bool(out.Success) && (out.Code != "" || out.Message != "" || len(out.FailedOffers) > 0) {
		out.Refused = true
		return &out, nil
	}
	return nil, &xport.ShapeError{Endpoint: ep, What: "the answer said success but carried neither an order id nor a refusal (" + xport.Excerpt(raw, 80) + ")",
		Fix: "look the order up before ordering again", Err: unreadable}
}

// PayOrders asks alibaba.alipay.url.get (ref §4.9) for the cashier link of
// up to xport.MaxPayBatch orders (1688 allows 100; the desk's cap is
// lower). orderIdList is a JSON list of Longs, written digit for digit.
// It only asks for a link, but like the desk's Xport pay it is sent once.
// The answer {success, errorCode, erroMsg (sic), payUrl,
// payFailureOrderList} has no result, so the envelope is read whole; the
// crossBorderPay shape's cantPayOrderList is read too.
func (c *Client) PayOrders(ctx context.Context, orderIDs []string) (*xport.PayResult, error) {
	if len(orderIDs) == 0 {
		return nil, errors.New("choose at least one order to pay")
	}
	if len(orderIDs) > xport.MaxPayBatch {
		return nil, fmt.Errorf("at most %d orders can be paid at once; you chose %d", xport.MaxPayBatch, len(orderIDs))
	}
	ids := make([]xport.NumID, len(orderIDs))
	for i, id := range orderIDs {
		id = strings.TrimSpace(id)
		if id == "" || strings.Trim(id, "0123456789") != "" {
			return nil, fmt.Errorf("order id %q is not a 1688 order number", id)
		}
		ids[i] = xport.NumID(id)
	}
	js, err := jsonParam(ids)
	if err != nil {
		return nil, err
	}
	var raw json.RawMessage
	if _, err := c.call(ctx, nsTrade, apiAlipayURL, map[string]string{"orderIdList": js}, callOpts{needToken: true, write: true, whole: true}, &raw); err != nil {
		return nil, err
	}
	pr, err := decodePay(raw)
	if err != nil {
		return nil, readErr(nsTrade+":"+apiAlipayURL, raw, err)
	}
	if len(orderIDs) == 1 {
		pr.OrderID = xport.ID(orderIDs[0])
	}
	return pr, nil
}

// decodePay reads a pay-URL envelope. The failure lists may hold ids or
// objects with an orderId [INF: the reference names the lists, not their
// items]; both are read. No link and no failed order is an error.
func decodePay(raw []byte) (*xport.PayResult, error) {
	var env struct {
		PayURL  xport.Text      `json:"payUrl"`
		Failure json.RawMessage `json:"payFailureOrderList"`
		Cant    json.RawMessage `json:"cantPayOrderList"`
	}
	if !isObject(raw) || json.Unmarshal(raw, &env) != nil {
		return nil, errors.New("the payment answer is not an object")
	}
	out := &xport.PayResult{PayURL: xport.Text(strings.TrimSpace(string(env.PayURL)))}
	out.PayFailureOrderList = idList(env.Failure)
	out.CantPayOrderList = append(idList(env.Cant), out.PayFailureOrderList...)
	if out.PayURL == "" && len(out.CantPayOrderList) == 0 {
		return nil, errors.New("the answer has no payment link")
	}
	return out, nil
}

// idList reads a list of order ids given as numbers, strings or objects
// with orderId / id.
func idList(raw json.RawMessage) xport.Strings {
	if isNull(raw) {
		return nil
	}
	var s xport.Strings
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var objs []struct {
		OrderID xport.ID `json:"orderId"`
		ID      xport.ID `json:"id"`
	}
	if json.Unmarshal(raw, &objs) != nil {
		return xport.Strings{xport.Excerpt(raw, 40)}
	}
	var out xport.Strings
	for _, o := range objs {
		if o.OrderID != "" {
			out = append(out, string(o.OrderID))
		} else if o.ID != "" {
			out = append(out, string(o.ID))
		}
	}
	return out
}
