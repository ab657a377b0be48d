package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"caigou/xport"
)

// The trade and logistics APIs of the 1688 dialect, over the KA dialect's
// order book: the preview and create run orderBook.quote and .commit, the
// views orderBook.view, so an order placed through one dialect is listed,
// paid and tracked through the other.
//
// Units (reference §7.2): preview and create totals are integer fen;
// preview cargo lines are yuan numbers; order list and detail amounts are
// yuan strings ("12.50"), except discount (fen).

// gwYuanNum writes fen as a yuan JSON number without trailing zeros (36,
// 12.5, 0.05), as the preview's cargoList does.
func gwYuanNum(f xport.Fen) json.Number {
	y := strings.TrimRight(f.Yuan(), "0")
	return json.Number(strings.TrimSuffix(y, "."))
}

// gwOrderRequest reads the preview and create parameters: addressParam
// and cargoParamList are JSON text. An addressParam.addressId (from
// receiveAddress.get) fills the address from the address book.
func (s *Server) gwOrderRequest(p gwParams) (*ordRequest, *apiErr) {
	in := &ordRequest{
		Flow:            xport.Text(p.get("flow")),
		OutOrderID:      xport.Text(p.get("outOrderId")),
		Message:         xport.Text(p.get("message")),
		TradeType:       xport.Text(p.get("tradeType")),
		ShopPromotionID: xport.Text(p.get("shopPromotionId")),
	}
	if raw := p.get("addressParam"); raw != "" {
		if err := json.Unmarshal([]byte(raw), &in.Address); err != nil {
			return nil, errf(http.StatusOK, "400", "addressParam is not valid: %v", err)
		}
	}
	if id := strings.TrimSpace(string(in.Address.AddressID)); id != "" {
		n, _ := strconv.ParseInt(id, 10, 64)
		b := s.book
		b.mu.Lock()
		var found *acctAddress
		for i := range b.list {
			if b.list[i].ID == n {
				a := b.list[i]
				found = &a
			}
		}
		b.mu.Unlock()
		if found == nil {
			return nil, errf(http.StatusOK, "400", "addressParam.addressId %s: 收货地址不存在 no such receive address", id)
		}
		in.Address = ordAddressIn{
			AddressID: xport.Text(id), FullName: xport.Text(found.Name), Mobile: xport.Text(found.Phone),
			PostCode: xport.Text(found.PostCode), ProvinceText: xport.Text(found.Province), CityText: xport.Text(found.City),
			AreaText: xport.Text(found.District), TownText: xport.Text(found.Town), Address: xport.Text(found.Address),
			DistrictCode: xport.Text(found.DistrictCode),
		}
	}
	if raw := p.get("cargoParamList"); raw != "" {
		if err := json.Unmarshal([]byte(raw), &in.Cargo); err != nil {
			return nil, errf(http.StatusOK, "400", "cargoParamList is not valid: %v", err)
		}
	}
	return in, nil
}

// ---- preview ----

type gwCargo struct {
	OfferID        any         `json:"offerId"`
	SpecID         string      `json:"specId"`
	SkuID          any         `json:"skuId"`
	Amount         json.Number `json:"amount"`         // yuan
	FinalUnitPrice json.Number `json:"finalUnitPrice"` // yuan
	OpenOfferID    string      `json:"openOfferId"`
}

type gwPayChannel struct {
	Name        string `json:"name"`
	AmountLimit int64  `json:"amountLimit"` // fen
}

type gwPreviewPart struct {
	SumPayment           xport.Fen       `json:"sumPayment"`
	SumCarriage          xport.Fen       `json:"sumCarriage"`
	SumPaymentNoCarriage xport.Fen       `json:"sumPaymentNoCarriage"`
	DiscountFee          xport.Fen       `json:"discountFee"`
	AdditionalFee        xport.Fen       `json:"additionalFee"`
	Status               bool            `json:"status"`
	FlowFlag             string          `json:"flowFlag"`
	TradeModeNameList    []string        `json:"tradeModeNameList"`
	TradeModelList       []ordTradeModel `json:"tradeModelList"`
	PayChannelInfos      []gwPayChannel  `json:"payChannelInfos"`
	CargoList            []gwCargo       `json:"cargoList"`
	ShopPromotionList    []any           `json:"shopPromotionList"`
}

type gwPreviewAnswer struct {
	Success                            bool            `json:"success"`
	ErrorCode                          string          `json:"errorCode,omitempty"`
	ErrorMsg                           string          `json:"errorMsg,omitempty"`
	OrderPreviewResuslt                []gwPreviewPart `json:"orderPreviewResuslt,omitempty"` // sic
	PostFeeByDescOfferList             []any           `json:"postFeeByDescOfferList,omitempty"`
	ConsignOfferList                   []any           `json:"consignOfferList,omitempty"`
	UnsupportedCrossBorderPayOfferList []any           `json:"unsupportedCrossBorderPayOfferList,omitempty"`
}

func (s *Server) gwPreview(r *http.Request, p gwParams) any {
	in, e := s.gwOrderRequest(p)
	if e != nil {
		return gwPreviewAnswer{ErrorCode: e.Code, ErrorMsg: e.Msg}
	}
	ob := s.orders
	ob.mu.Lock()
	defer ob.mu.Unlock()
	ob.settle(s.Now())
	q, e := ob.quote(in)
	if e != nil {
		return gwPreviewAnswer{ErrorCode: e.Code, ErrorMsg: e.Msg}
	}
	out := gwPreviewAnswer{Success: true, OrderPreviewResuslt: []gwPreviewPart{},
		PostFeeByDescOfferList: []any{}, ConsignOfferList: []any{}, UnsupportedCrossBorderPayOfferList: []any{}}
	for _, part := range q.parts {
		pv := gwPreviewPart{
			SumPayment:           part.goods + part.freight,
			SumCarriage:          part.freight,
			SumPaymentNoCarriage: part.goods,
			Status:               true,
			FlowFlag:             "general",
			TradeModeNameList:    []string{"assureTrade"},
			TradeModelList: []ordTradeModel{{Name: "担保交易", TradeType: "assureTrade", OpSupport: true,
				Description: "买家需在下单后5天内完成全额付款，卖家发货后10天内确认收货"}},
			PayChannelInfos:   []gwPayChannel{{Name: "支付宝", AmountLimit: 5_000_000_00}, {Name: "账期支付", AmountLimit: 1_000_000_00}},
			ShopPromotionList: []any{},
		}
		if len(part.lines) > 0 && gwCreditSeller(part.lines[0].Offer.Seller) {
			pv.TradeModeNameList = append(pv.TradeModeNameList, "creditBuy")
			pv.TradeModelList = append(pv.TradeModelList, ordTradeModel{Name: "诚e赊", TradeType: "creditBuy", OpSupport: true,
				Description: "先采购后付款，账期内免息"})
		}
		for _, l := range part.lines {
			pv.CargoList = append(pv.CargoList, gwCargo{
				OfferID: ordWireID(l.Offer.ID), SpecID: l.SKU.SpecID, SkuID: ordWireID(l.SKU.ID),
				Amount: gwYuanNum(l.Amount), FinalUnitPrice: gwYuanNum(l.Unit), OpenOfferID: previewOpenOfferID(l.Offer.ID),
			})
		}
		out.OrderPreviewResuslt = append(out.OrderPreviewResuslt, pv)
	}
	return out
}

// ---- create ----

type gwCreated struct {
	OrderID      string    `json:"orderId"`
	OrderAmmount xport.Fen `json:"orderAmmount"` // sic, fen
	PostFee      xport.Fen `json:"postFee"`
	PayChannel   string    `json:"payChannel"`
	Success      bool      `json:"success"`
	ResultCode   string    `json:"resultCode,omitempty"`
	Message      string    `json:"message,omitempty"`
}

type gwCreateResult struct {
	Success            bool             `json:"success"`
	Code               string           `json:"code"`
	Message            string           `json:"message"`
	OrderID            string           `json:"orderId,omitempty"`
	TotalSuccessAmount xport.Fen        `json:"totalSuccessAmount"`
	PostFee            xport.Fen        `json:"postFee"`
	AccountPeriod      any              `json:"accountPeriod"`
	FailedOfferList    []ordFailedOffer `json:"failedOfferList"`
	OrderList          []gwCreated      `json:"orderList"`
}

type gwCreateAnswer struct {
	Success bool            `json:"success"`
	Code    string          `json:"code"`
	Message string          `json:"message"`
	Result  *gwCreateResult `json:"result,omitempty"`
}

func gwIDText(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

// gwCreateCrossOrder is alibaba.trade.createCrossOrder. flow is required;
// outOrderId is optional, and when given makes the create idempotent
// exactly as the KA create is (the same record: a KA create and a 1688
// create with one outOrderId are one order).
func (s *Server) gwCreateCrossOrder(r *http.Request, p gwParams) any {
	s.creates.Add(1)
	fail := func(e *apiErr) any { return gwCreateAnswer{Code: e.Code, Message: e.Msg} }
	if p.get("flow") == "" {
		return fail(errf(http.StatusOK, "400", "flow is required: flow不能为空 (general, fenxiao, …)"))
	}
	in, e := s.gwOrderRequest(p)
	if e != nil {
		return fail(e)
	}
	// The trade type: escrow, or 诚e赊 credit where the seller offers it;
	// sent none, 1688 picks credit where it can (the official create doc:
	// "if Cheng-e-She is enabled the default is creditBuy").
	credit := false
	if len(in.Cargo) > 0 {
		if off := s.cat.OfferByID[strings.TrimSpace(string(in.Cargo[0].OfferID))]; off != nil && off.Seller != nil {
			credit = gwCreditSeller(off.Seller)
		}
	}
	tt := strings.TrimSpace(string(in.TradeType))
	switch {
	case tt == "" && credit:
		tt = "creditBuy"
	case tt == "":
		tt = "assureTrade"
	case tt == "assureTrade", tt == "creditBuy" && credit:
	default:
		return fail(errf(http.StatusOK, "400", "not support tradeType:【%s】", tt))
	}
	// The order book checks the KA create's trade type; this one is
	// decided above.
	in.TradeType = ""
	if utf8.RuneCountInString(string(in.Message)) > ordMaxMessageLen {
		return fail(errf(http.StatusOK, "400", "message: 买家留言最多%d个字 the message is longer than %d characters", ordMaxMessageLen, ordMaxMessageLen))
	}
	outID := strings.TrimSpace(string(in.OutOrderID))
	if utf8.RuneCountInString(outID) > 64 {
		return fail(errf(http.StatusOK, "400", "outOrderId is longer than 64 characters"))
	}
	if s.opts.Dialect.Lost && outID != "" {
		// The request checks above answer at once; what would have
		// answered after them is lost, exactly as for the KA create
		// (lost.go): same queue, same FlushLost.
		s.loseCreate(r, *in, outID)
		return gwNoAnswer{}
	}
	key := outID
	if key == "" {
		// No outOrderId: a create of its own, recorded under a key no
		// client can send and forgotten at once.
		key = "\x00gw1688:" + gwRandHex(8)
	}
	ans, e := s.orders.commit(in, key, s.Now())
	if e != nil {
		return fail(e)
	}
	s.orders.mu.Lock()
	for _, c := range ans.OrderList {
		if o := s.orders.byID[gwIDText(c.OrderID)]; o != nil && o.TradeType == "" {
			o.TradeType = tt
		}
	}
	s.orders.mu.Unlock()
	res := &gwCreateResult{Success: true, Code: "200", Message: "", OrderID: gwIDText(ans.OrderID),
		TotalSuccessAmount: ans.TotalSuccessAmount, PostFee: ans.PostFee,
		FailedOfferList: ans.FailedOfferList, OrderList: []gwCreated{}}
	if res.FailedOfferList == nil {
		res.FailedOfferList = []ordFailedOffer{}
	}
	for _, c := range ans.OrderList {
		res.OrderList = append(res.OrderList, gwCreated{OrderID: gwIDText(c.OrderID), OrderAmmount: c.OrderAmount,
			PostFee: c.PostFee, PayChannel: "alipay", Success: c.Success})
	}
	if outID == "" {
		ob := s.orders
		ob.mu.Lock()
		delete(ob.byOut, key)
		for _, c := range res.OrderList {
			if o := ob.byID[c.OrderID]; o != nil && o.OutOrderID == key {
				o.OutOrderID = ""
			}
		}
		ob.mu.Unlock()
	}
	return gwCreateAnswer{Success: true, Code: "200", Message: "成功", Result: res}
}

// gwNoAnswer is a handler's answer that never reaches the client (the
// lost dialect): serve1688 writes nothing.
type gwNoAnswer struct{}

// ---- views ----

// gwCancelled reports whether alibaba.trade.cancel closed the order.
func (s *Server) gwCancelled(id string) (gwCancel, bool) {
	g := s.gw
	g.mu.Lock()
	defer g.mu.Unlock()
	c, ok := g.cancelled[id]
	return c, ok
}

func yuanAmt(a *ordAmount) { a.Yuan = true }

// gwView is TradeInfo as 1688 answers it: yuan amounts whatever the KA
// dialect, and a cancel made here shown as 1688 shows one.
func (s *Server) gwView(o *bookOrder, now time.Time) (ordTradeInfo, string) {
	t := s.orders.view(o, now)
	b := &t.BaseInfo
	yuanAmt(&b.TotalAmount)
	yuanAmt(&b.ShippingFee)
	yuanAmt(&b.SumProductPayment)
	yuanAmt(&b.Refund)
	for i := range t.TradeTerms {
		yuanAmt(&t.TradeTerms[i].PhasAmount)
	}
	for i := range t.ProductItems {
		yuanAmt(&t.ProductItems[i].ItemAmount)
		yuanAmt(&t.ProductItems[i].Price)
	}
	if c, ok := s.gwCancelled(o.ID); ok && b.Status == "waitbuyerpay" {
		b.Status, b.CloseReason, b.PayTimeout = "cancel", c.reason, 0
		b.ModifyTime = orderTime(c.at)
		for i := range t.TradeTerms {
			t.TradeTerms[i].PayStatus = "8"
		}
		for i := range t.ProductItems {
			t.ProductItems[i].Status, t.ProductItems[i].StatusStr = "cancel", ordStatusLabel("cancel")
		}
	}
	return t, b.Status
}

// gwParseTime reads a 1688 date: the long form 20180802211113000+0800, or
// 2006-01-02 15:04:05 (China time).
func gwParseTime(v string) (time.Time, bool) {
	v = strings.TrimSpace(v)
	if t, err := time.Parse("20060102150405000-0700", v); err == nil {
		return t, true
	}
	if t, err := time.Parse("20060102150405-0700", v); err == nil {
		return t, true
	}
	if t, err := time.ParseInLocation("2006-01-02 15:04:05", v, orderZone); err == nil {
		return t, true
	}
	return time.Time{}, false
}

type gwListAnswer struct {
	Result       []ordTradeInfo `json:"result,omitempty"`
	TotalRecord  int64          `json:"totalRecord"`
	ErrorCode    string         `json:"errorCode,omitempty"`
	ErrorMessage string         `json:"errorMessage,omitempty"`
}

// gwBuyerOrderList is alibaba.trade.getBuyerOrderList: page from 1,
// pageSize up to 100 (default 20), newest first.
func (s *Server) gwBuyerOrderList(r *http.Request, p gwParams) any {
	fail := func(msg string) any { return gwListAnswer{ErrorCode: "400", ErrorMessage: msg} }
	status := p.get("orderStatus")
	switch status {
	case "", "success", "cancel", "waitbuyerpay", "waitsellersend", "waitbuyerreceive":
	default:
		return fail("orderStatus " + strconv.Quote(status) + " is not supported: use success, cancel, waitbuyerpay, waitsellersend or waitbuyerreceive")
	}
	num := func(k string, def int64) (int64, bool) {
		v := p.get(k)
		if v == "" {
			return def, true
		}
		n, err := strconv.ParseInt(v, 10, 64)
		return n, err == nil
	}
	page, ok1 := num("page", 1)
	size, ok2 := num("pageSize", 20)
	if !ok1 || !ok2 {
		return fail("page and pageSize must be whole numbers")
	}
	page, size = max(page, 1), min(max(size, 1), ordMaxPageSize)
	var bounds [4]time.Time
	for i, k := range []string{"createStartTime", "createEndTime", "modifyStartTime", "modifyEndTime"} {
		if v := p.get(k); v != "" {
			t, ok := gwParseTime(v)
			if !ok {
				return fail(k + " " + strconv.Quote(v) + " is not a date: use yyyyMMddHHmmssSSS+0800")
			}
			bounds[i] = t
		}
	}
	want := map[string]bool{}
	if raw := p.get("orderIds"); raw != "" {
		var ids xport.Strings
		if err := json.Unmarshal([]byte(raw), &ids); err != nil {
			return fail("orderIds must be a JSON list of order ids")
		}
		for _, id := range ids {
			want[strings.TrimSpace(id)] = true
		}
	}
	outID := p.get("outOrderId")
	now := s.Now()
	ob := s.orders
	ob.mu.Lock()
	defer ob.mu.Unlock()
	ob.settle(now)
	type row struct {
		o *bookOrder
		t ordTradeInfo
	}
	var hits []row
	for _, o := range ob.orders {
		if len(want) > 0 && !want[o.ID] || outID != "" && o.OutOrderID != outID {
			continue
		}
		if !bounds[0].IsZero() && o.Created.Before(bounds[0]) || !bounds[1].IsZero() && o.Created.After(bounds[1]) {
			continue
		}
		t, st := s.gwView(o, now)
		if status != "" && st != status {
			continue
		}
		// The list's OrderBaseInfo has no outOrderId (official
		// getBuyerOrderList doc): it filters by one but does not show it.
		// get.buyerView does.
		t.BaseInfo.OutOrderID = ""
		if !bounds[2].IsZero() || !bounds[3].IsZero() {
			m, _ := gwParseTime(t.BaseInfo.ModifyTime)
			if !bounds[2].IsZero() && m.Before(bounds[2]) || !bounds[3].IsZero() && m.After(bounds[3]) {
				continue
			}
		}
		hits = append(hits, row{o, t})
	}
	sort.SliceStable(hits, func(i, j int) bool {
		if !hits[i].o.Created.Equal(hits[j].o.Created) {
			return hits[i].o.Created.After(hits[j].o.Created)
		}
		return hits[i].o.Seq > hits[j].o.Seq
	})
	out := gwListAnswer{TotalRecord: int64(len(hits)), Result: []ordTradeInfo{}}
	if from := (page - 1) * size; from < int64(len(hits)) {
		for _, h := range hits[from:min(from+size, int64(len(hits)))] {
			out.Result = append(out.Result, h.t)
		}
	}
	return out
}

// gwFind looks an order up by orderId, or else by outOrderId (the latest
// order with it). The caller holds ob.mu.
func (s *Server) gwFind(id, outID string) *bookOrder {
	ob := s.orders
	if id != "" {
		return ob.byID[id]
	}
	for i := len(ob.orders) - 1; i >= 0 && outID != ""; i-- {
		if ob.orders[i].OutOrderID == outID {
			return ob.orders[i]
		}
	}
	return nil
}

func gwWebSiteOK(p gwParams) bool {
	w := p.get("webSite")
	return w == "1688" || w == "alibaba"
}

// gwBuyerView is alibaba.trade.get.buyerView: {success, result: TradeInfo}.
func (s *Server) gwBuyerView(r *http.Request, p gwParams) any {
	if !gwWebSiteOK(p) {
		return gwFail("400", "webSite is required: 1688 or alibaba")
	}
	id, outID := p.get("orderId"), p.get("outOrderId")
	if id == "" && outID == "" {
		return gwFail("400", "orderId is required")
	}
	now := s.Now()
	ob := s.orders
	ob.mu.Lock()
	defer ob.mu.Unlock()
	ob.settle(now)
	o := s.gwFind(id, outID)
	if o == nil {
		return gwFail("ORDER_NOT_EXIST", "订单不存在 order not found")
	}
	t, _ := s.gwView(o, now)
	return struct {
		Success bool         `json:"success"`
		Result  ordTradeInfo `json:"result"`
	}{true, t}
}

// ---- pay ----

// gwPay marks the payable orders paid (the sandbox has no cashier, so a
// link issued is a payment made, as in the KA pay) and returns the URL and
// the ids it could not pay.
func (s *Server) gwPay(p gwParams, limit int) (url string, cant []any, e *apiErr) {
	var ids xport.Strings
	raw := p.get("orderIdList")
	if raw == "" {
		return "", nil, errf(http.StatusOK, "400", "orderIdList is required")
	}
	if err := json.Unmarshal([]byte(raw), &ids); err != nil {
		return "", nil, errf(http.StatusOK, "400", "orderIdList must be a JSON list of order ids, like [%s]", "196965465451498520")
	}
	var uniq []string
	seen := map[string]bool{}
	for _, id := range ids {
		if id = strings.TrimSpace(id); id != "" && !seen[id] {
			seen[id] = true
			uniq = append(uniq, id)
		}
	}
	if len(uniq) == 0 {
		return "", nil, errf(http.StatusOK, "400", "orderIdList is required")
	}
	if len(uniq) > limit {
		return "", nil, errf(http.StatusOK, "400", "at most %d orders per call, got %d", limit, len(uniq))
	}
	now := s.Now()
	ob := s.orders
	ob.mu.Lock()
	defer ob.mu.Unlock()
	ob.settle(now)
	var payable []*bookOrder
	cant = []any{}
	for _, id := range uniq {
		o := ob.byID[id]
		_, cancelled := s.gwCancelled(id)
		if o == nil || cancelled || !o.Paid.IsZero() || !now.Before(o.Created.Add(ordUnpaidLifetime)) {
			cant = append(cant, ordWireID(id))
			continue
		}
		payable = append(payable, o)
	}
	if len(payable) == 0 {
		return "", cant, errf(http.StatusOK, "PRODUCT_TRADE_STAT_ERROR", "订单状态不允许支付 none of the orders can be paid")
	}
	var payIDs []string
	for _, o := range payable {
		o.Paid = now
		o.Parcels = ob.plan(o)
		payIDs = append(payIDs, o.ID)
	}
	if len(payIDs) == 1 {
		return "https://trade.1688.com/order/cashier.htm?orderId=" + payIDs[0], cant, nil
	}
	return "https://cashier.alipay.com/standard/gateway/sandbox.htm?orderIds=" + strings.Join(payIDs, ","), cant, nil
}

// gwAlipayURL is alibaba.alipay.url.get: ≤100 orders; note erroMsg (sic).
func (s *Server) gwAlipayURL(r *http.Request, p gwParams) any {
	u, cant, e := s.gwPay(p, 100)
	type ans struct {
		Success             bool   `json:"success"`
		ErrorCode           string `json:"errorCode,omitempty"`
		ErroMsg             string `json:"erroMsg,omitempty"` // sic
		PayURL              string `json:"payUrl,omitempty"`
		PayFailureOrderList []any  `json:"payFailureOrderList,omitempty"`
	}
	if e != nil {
		return ans{ErrorCode: e.Code, ErroMsg: e.Msg, PayFailureOrderList: cant}
	}
	return ans{Success: true, PayURL: u, PayFailureOrderList: cant}
}

// gwCrossBorderPayURL is alibaba.crossBorderPay.url.get: ≤30 orders,
// success as the string "true", errorMsg, cantPayOrderList; a call that
// pays nothing answers errorCode 400_4.
func (s *Server) gwCrossBorderPayURL(r *http.Request, p gwParams) any {
	u, cant, e := s.gwPay(p, 30)
	type ans struct {
		Success          string `json:"success"`
		ErrorCode        string `json:"errorCode,omitempty"`
		ErrorMsg         string `json:"errorMsg,omitempty"`
		PayURL           string `json:"payUrl,omitempty"`
		CantPayOrderList []any  `json:"cantPayOrderList"`
	}
	if cant == nil {
		cant = []any{}
	}
	if e != nil {
		code := e.Code
		if code == "PRODUCT_TRADE_STAT_ERROR" {
			code = "400_4"
		}
		return ans{Success: "false", ErrorCode: code, ErrorMsg: e.Msg, CantPayOrderList: cant}
	}
	return ans{Success: "true", PayURL: u, CantPayOrderList: cant}
}

// ---- logistics ----

type gwGoods struct {
	GoodName string `json:"goodName"`
	Quantity int64  `json:"quantity"`
	Unit     string `json:"unit"`
}

type gwLogisticsOrder struct {
	LogisticsID          string         `json:"logisticsId"`
	LogisticsBillNo      string         `json:"logisticsBillNo"`
	OrderEntryIDs        string         `json:"orderEntryIds"`
	LogisticsCompanyID   string         `json:"logisticsCompanyId"`
	LogisticsCompanyName string         `json:"logisticsCompanyName"`
	LogisticsCompanyNo   string         `json:"logisticsCompanyNo"`
	Status               string         `json:"status"`
	GmtSystemSend        string         `json:"gmtSystemSend"`
	SendGoods            []gwGoods      `json:"sendGoods"`
	Receiver             map[string]any `json:"receiver"`
	Sender               map[string]any `json:"sender"`
}

// gwParcelStatus maps a parcel's latest step to getLogisticsInfos' status.
func gwParcelStatus(node string) string {
	switch node {
	case "CONSIGN":
		return "WAITACCEPT"
	case "ACCEPT":
		return "ACCEPT"
	case "SIGN":
		return "SIGN"
	}
	return "TRANSPORT"
}

// gwLogisticsInfos is getLogisticsInfos.buyerView: one entry per shipped
// parcel; errorCode 500_2 before anything shipped.
func (s *Server) gwLogisticsInfos(r *http.Request, p gwParams) any {
	id := p.get("orderId")
	if id == "" {
		return gwFail("400", "orderId is required")
	}
	if !gwWebSiteOK(p) {
		return gwFail("400", "webSite is required: 1688 or alibaba")
	}
	now := s.Now()
	ob := s.orders
	ob.mu.Lock()
	defer ob.mu.Unlock()
	ob.settle(now)
	o := ob.byID[id]
	if o == nil {
		return gwFail("order.nopermission.buyer", "订单不存在或无权查看 order not found for this buyer")
	}
	var subIDs []string
	var goods []gwGoods
	for _, l := range o.Lines {
		subIDs = append(subIDs, l.SubItemID)
		goods = append(goods, gwGoods{GoodName: l.Offer.Subject, Quantity: l.Qty, Unit: l.Offer.Unit})
	}
	a := o.Address
	out := []gwLogisticsOrder{}
	for i, pc := range o.Parcels {
		if now.Before(pc.Ship) {
			continue
		}
		node := pc.Steps[0].Node
		for _, st := range pc.Steps {
			if !st.At.After(now) {
				node = st.Node
			}
		}
		out = append(out, gwLogisticsOrder{
			LogisticsID: pc.LogisticsID, LogisticsBillNo: pc.BillNo, OrderEntryIDs: strings.Join(subIDs, ","),
			LogisticsCompanyID: strconv.Itoa(1000 + i + int(obHash("carrier", pc.Carrier.Code)%900)), LogisticsCompanyName: pc.Carrier.Name,
			LogisticsCompanyNo: pc.Carrier.Code, Status: gwParcelStatus(node), GmtSystemSend: orderTime(pc.Ship), SendGoods: goods,
			Receiver: map[string]any{"receiverName": string(a.FullName), "receiverMobile": string(a.Mobile),
				"receiverProvince": string(a.ProvinceText), "receiverCity": string(a.CityText), "receiverCounty": string(a.AreaText),
				"receiverAddress": string(a.Address), "receiverPostCode": string(a.PostCode)},
			Sender: map[string]any{"senderName": ordSellerName(o.Seller), "senderProvince": o.Seller.Province, "senderCity": o.Seller.City},
		})
	}
	if len(out) == 0 {
		return gwFail("500_2", "订单未发货 the order has not shipped yet")
	}
	return struct {
		Success bool               `json:"success"`
		Result  []gwLogisticsOrder `json:"result"`
	}{true, out}
}

// gwLogisticsTrace is getLogisticsTraceInfo.buyerView over the KA trace:
// {success, logisticsTrace[…]} with steps in yyyy-MM-dd HH:mm:ss.
func (s *Server) gwLogisticsTrace(r *http.Request, p gwParams) any {
	id := p.get("orderId")
	if id == "" {
		return gwFail("400", "orderId is required")
	}
	body, _ := json.Marshal(map[string]string{"orderId": id})
	data, e := s.handleLogistics(r, body)
	if e != nil {
		msg := strings.TrimPrefix(e.Msg, e.Code+": ")
		return gwFail(e.Code, msg)
	}
	traces := data.([]ordTrace)
	if lid := p.get("logisticsId"); lid != "" {
		var keep []ordTrace
		for _, t := range traces {
			if t.LogisticsID == lid {
				keep = append(keep, t)
			}
		}
		if len(keep) == 0 {
			return gwFail("404", "no waybill "+lid+" on order "+id)
		}
		traces = keep
	}
	return struct {
		Success        bool       `json:"success"`
		LogisticsTrace []ordTrace `json:"logisticsTrace"`
	}{true, traces}
}

// ---- cancel ----

// gwCancel is alibaba.trade.cancel: only an unpaid order, not within 10 s
// of its creation (CLOSE_ORDER_TOO_FAST). The stock goes back on sale.
func (s *Server) gwCancel(r *http.Request, p gwParams) any {
	if !gwWebSiteOK(p) {
		return gwFail("400", "webSite is required: 1688 or alibaba")
	}
	id := p.get("tradeID")
	if id == "" {
		return gwFail("400", "tradeID is required")
	}
	reason := p.get("cancelReason")
	switch reason {
	case "buyerCancel", "sellerGoodsLack", "other":
	default:
		return gwFail("400", "cancelReason must be buyerCancel, sellerGoodsLack or other")
	}
	now := s.Now()
	ob := s.orders
	ob.mu.Lock()
	defer ob.mu.Unlock()
	ob.settle(now)
	o := ob.byID[id]
	if o == nil {
		return gwFail("ORDER_NOT_EXIST", "订单不存在 order not found")
	}
	if _, done := s.gwCancelled(id); done || !o.Paid.IsZero() || o.state(now).status != "waitbuyerpay" {
		return gwFail("ORDER_STATUS_ERROR", "订单状态不允许取消 only an order waiting for payment can be cancelled")
	}
	if now.Sub(o.Created) < 10*time.Second {
		return gwFail("CLOSE_ORDER_TOO_FAST", "下单后10秒内不能取消 wait 10 seconds after creating an order before cancelling it")
	}
	g := s.gw
	g.mu.Lock()
	g.cancelled[id] = gwCancel{at: now, reason: reason}
	g.mu.Unlock()
	o.Cancelled = now
	if !o.stockBack {
		o.stockBack = true
		s.mu.Lock()
		for _, l := range o.Lines {
			l.SKU.Stock += l.Qty
		}
		s.mu.Unlock()
	}
	return struct {
		Success bool `json:"success"`
	}{true}
}

// gwCreditSeller is a seller with 诚e赊 (credit buying) enabled: a third
// of them, fixed by the seller's id.
func gwCreditSeller(s *Seller) bool { return obHash("credit", s.OpenID)%3 == 0 }
