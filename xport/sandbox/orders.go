package sandbox

import (
	"cmp"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math/bits"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"caigou/xport"
)

// The order side of the sandbox: preview, create, pay, list, detail and
// logistics over an in-memory order book. Orders move through 1688's
// lifecycle as marketplace time passes, but nothing runs in the background:
// every state is worked out from the order's timestamps when it is read,
// so a test that moves its clock sees exactly the state that time implies.

const (
	// createCrossOrder takes at most 100 SKU lines and splits above 50
	// (1688-rules §3.9), so a preview of 51..100 lines answers two orders.
	ordMaxCargoLines = 100
	ordLinesPerOrder = 50
	// The 担保交易 rule of 1688's preview sample: pay in full within 5 days
	// of ordering, or the order closes.
	ordUnpaidLifetime = 5 * 24 * time.Hour
	// The sandbox seller ships 2 h after payment and the trade completes 7
	// days after payment; deliveries take 1-3 days in between.
	ordShipDelay     = 2 * time.Hour
	ordSuccessDelay  = 7 * 24 * time.Hour
	ordPartialGap    = 24 * time.Hour
	ordMaxMessageLen = 500
	ordMaxAddressLen = 200
	// ordServiceFeePerMille is the sandbox's reading of sumTotalPayment, which
	// the reference leaves unexplained: the documented example is 6561 for
	// a sumPayment of 6400, about 2.5% more, so we add 2.5% rounded half up
	// to the fen (which gives 6560 there; no simple rate gives 6561).
	ordServiceFeePerMille = 25
	ordMaxPageSize        = 100
)

// orderZone is China time, the zone every 1688 date is written in.
var orderZone = time.FixedZone("CST", 8*3600)

// orderBook holds the orders. Its mutex covers every check that leads to
// a commit, so two creates can neither oversell a SKU nor both take one
// outOrderId. Lock order: orderBook.mu, then Server.mu (for SKU stock).
type orderBook struct {
	s      *Server
	mu     sync.Mutex
	seq    uint64
	orders []*bookOrder // in creation order
	byID   map[string]*bookOrder
	// byOut is the idempotency record: the answer a create gave, replayed
	// for any later create with the same outOrderId.
	byOut map[string]*ordCreateAnswer
}

func newOrderBook(s *Server) *orderBook {
	return &orderBook{s: s, byID: map[string]*bookOrder{}, byOut: map[string]*ordCreateAnswer{}}
}

type bookOrder struct {
	ID         string
	Seq        uint64
	OutOrderID string
	Seller     *Seller
	Lines      []bookLine
	Address    ordAddressIn
	Message    string
	Goods      xport.Fen
	Freight    xport.Fen
	Created    time.Time
	// Paid is zero until the pay endpoint issues a link for the order.
	Paid    time.Time
	Parcels []ordParcel
	// Cancelled is when the buyer cancelled the unpaid order (the 1688
	// gateway's alibaba.trade.cancel); zero when not. Both dialects see it.
	Cancelled time.Time
	// TradeType is how the order is paid for: "assureTrade" (escrow) when
	// empty; "creditBuy" when a 1688 create sent none to a seller with
	// 诚e赊.
	TradeType string
	// stockBack records that a closed order's stock went back on sale, so
	// it is returned once.
	stockBack bool
}

type bookLine struct {
	Offer     *Offer
	SKU       *SKU
	Qty       int64
	Unit      xport.Fen
	Amount    xport.Fen
	SubItemID string
}

// ordParcel is one shipment. Its steps are fixed when the order is paid and
// revealed as their times pass.
type ordParcel struct {
	Ship        time.Time
	Carrier     ordCarrier
	BillNo      string
	LogisticsID string
	Steps       []ordStep
}

type ordStep struct {
	At     time.Time
	Remark string
	// Node is the push-style status the step puts the parcel in (reference
	// §3.6 LOGISTICS_BUYER_VIEW_TRACE).
	Node string
}

func (p ordParcel) signed() time.Time { return p.Steps[len(p.Steps)-1].At }

type ordCarrier struct {
	Name   string
	Code   string
	Prefix string
	Digits int
}

// The couriers 1688 sellers use most. Bill numbers follow each one's
// usual shape so they look right on a screen next to real ones.
var ordCarriers = [...]ordCarrier{
	{"中通快递", "ZTO", "7", 11},
	{"圆通速递", "YTO", "YT", 13},
	{"韵达快递", "YUNDA", "43", 11},
	{"申通快递", "STO", "77", 11},
	{"顺丰速运", "SF", "SF", 13},
}

// ordSurnames name the seller contacts and couriers.
var ordSurnames = [...]string{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙"}

// ---- request bodies ----

type ordAddressIn struct {
	AddressID    xport.Text `json:"addressId"`
	FullName     xport.Text `json:"fullName"`
	Mobile       xport.Text `json:"mobile"`
	Phone        xport.Text `json:"phone"`
	PostCode     xport.Text `json:"postCode"`
	CityText     xport.Text `json:"cityText"`
	ProvinceText xport.Text `json:"provinceText"`
	AreaText     xport.Text `json:"areaText"`
	TownText     xport.Text `json:"townText"`
	Address      xport.Text `json:"address"`
	DistrictCode xport.Text `json:"districtCode"`
}

type ordCargoIn struct {
	OfferID  xport.ID   `json:"offerId"`
	SpecID   xport.Text `json:"specId"`
	Quantity xport.Int  `json:"quantity"`
}

type ordRequest struct {
	AliID           xport.Text   `json:"aliId"`
	Flow            xport.Text   `json:"flow"`
	OutOrderID      xport.Text   `json:"outOrderId"`
	Address         ordAddressIn `json:"addressParam"`
	Cargo           []ordCargoIn `json:"cargoParamList"`
	Message         xport.Text   `json:"message"`
	TradeType       xport.Text   `json:"tradeType"`
	ShopPromotionID xport.Text   `json:"shopPromotionId"`
}

// ---- answers ----

type ordPreviewItem struct {
	Amount         xport.Fen `json:"amount"`
	Message        *string   `json:"message"`
	FinalUnitPrice xport.Fen `json:"finalUnitPrice"`
	SpecID         string    `json:"specId"`
	SkuID          any       `json:"skuId"`
	OfferID        any       `json:"offerId"`
	OpenOfferID    string    `json:"openOfferId"`
}

type ordTradeModel struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	TradeType   string `json:"tradeType"`
	OpSupport   bool   `json:"opSupport"`
}

type ordPreview struct {
	SumCarriage          xport.Fen        `json:"sumCarriage"`
	SumPayment           xport.Fen        `json:"sumPayment"`
	SumTotalPayment      xport.Fen        `json:"sumTotalPayment"`
	SumPaymentNoCarriage xport.Fen        `json:"sumPaymentNoCarriage"`
	Items                []ordPreviewItem `json:"orderItemTOList"`
	FlowFlag             string           `json:"flowFlag"`
	TradeModelList       []ordTradeModel  `json:"tradeModelList"`
}

type ordFailedOffer struct {
	OfferID      any    `json:"offerId"`
	SpecID       string `json:"specId"`
	ErrorCode    string `json:"errorCode"`
	ErrorMessage string `json:"errorMessage"`
}

type ordCreated struct {
	OrderID     any       `json:"orderId"` // Server.idOut
	PostFee     xport.Fen `json:"postFee"`
	OrderAmount xport.Fen `json:"orderAmmount"` // sic, as 1688 spells it
	Success     bool      `json:"success"`
	Message     string    `json:"message"`
	ResultCode  string    `json:"resultCode"`
}

type ordCreateAnswer struct {
	OrderID            any              `json:"orderId"` // Server.idOut
	TotalSuccessAmount xport.Fen        `json:"totalSuccessAmount"`
	PostFee            xport.Fen        `json:"postFee"`
	Success            bool             `json:"success"`
	Code               string           `json:"code"`
	Message            string           `json:"message"`
	FailedOfferList    []ordFailedOffer `json:"failedOfferList"`
	OrderList          []ordCreated     `json:"orderList"`
}

type ordPayAnswer struct {
	OrderID            any    `json:"orderId"` // Server.idOut
	PayURL             string `json:"payUrl"`
	ProtocolPaySuccess bool   `json:"protocolPaySuccess"`
	CantPayOrderList   []any  `json:"cantPayOrderList"`
}

type ordSellerContact struct {
	Name        string `json:"name"`
	CompanyName string `json:"companyName"`
	ShopName    string `json:"shopName"`
	Mobile      string `json:"mobile"`
	Phone       string `json:"phone"`
}

type ordReceiver struct {
	ToFullName     string `json:"toFullName"`
	ToDivisionCode string `json:"toDivisionCode"`
	ToMobile       string `json:"toMobile"`
	ToPhone        string `json:"toPhone"`
	ToPost         string `json:"toPost"`
	ToArea         string `json:"toArea"`
}

type ordBaseInfo struct {
	ID                any              `json:"id"`
	IDOfStr           string           `json:"idOfStr"`
	BusinessType      string           `json:"businessType"`
	Status            string           `json:"status"`
	TotalAmount       ordAmount        `json:"totalAmount"`
	ShippingFee       ordAmount        `json:"shippingFee"`
	SumProductPayment ordAmount        `json:"sumProductPayment"`
	Discount          xport.Fen        `json:"discount"`
	Refund            ordAmount        `json:"refund"`
	CreateTime        string           `json:"createTime"`
	PayTime           string           `json:"payTime,omitempty"`
	ModifyTime        string           `json:"modifyTime"`
	AllDeliveredTime  string           `json:"allDeliveredTime,omitempty"`
	ReceivingTime     string           `json:"receivingTime,omitempty"`
	CompleteTime      string           `json:"completeTime,omitempty"`
	PayTimeout        int64            `json:"payTimeout,omitempty"`
	CloseReason       string           `json:"closeReason,omitempty"`
	RefundStatus      string           `json:"refundStatus,omitempty"`
	OutOrderID        string           `json:"outOrderId,omitempty"`
	TradeTypeCode     string           `json:"tradeTypeCode"`
	SellerLoginID     string           `json:"sellerLoginId"`
	SellerContact     ordSellerContact `json:"sellerContact"`
	ReceiverInfo      ordReceiver      `json:"receiverInfo"`
	BuyerFeedback     string           `json:"buyerFeedback,omitempty"`
}

type ordTradeTerm struct {
	PayStatus  string    `json:"payStatus"`
	PayTime    string    `json:"payTime,omitempty"`
	PayWay     string    `json:"payWay,omitempty"`
	PhasAmount ordAmount `json:"phasAmount"`
	Phase      any       `json:"phase"`
	PayWayDesc string    `json:"payWayDesc,omitempty"`
}

type ordSkuInfo struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

type ordProductItem struct {
	ItemAmount      ordAmount    `json:"itemAmount"`
	Name            string       `json:"name"`
	Price           ordAmount    `json:"price"`
	ProductID       any          `json:"productID"`
	ProductImgURL   []string     `json:"productImgUrl"`
	Quantity        int64        `json:"quantity"`
	SkuID           any          `json:"skuID"`
	SpecID          string       `json:"specId"`
	SkuInfos        []ordSkuInfo `json:"skuInfos"`
	Status          string       `json:"status"`
	StatusStr       string       `json:"statusStr"`
	LogisticsStatus int          `json:"logisticsStatus"`
	SubItemID       any          `json:"subItemID"`
	SubItemIDString string       `json:"subItemIDString"`
	CargoNumber     string       `json:"cargoNumber,omitempty"`
	Unit            string       `json:"unit"`
}

type ordLogisticsItem struct {
	LogisticsID          string `json:"logisticsId"`
	LogisticsCode        string `json:"logisticsCode"`
	LogisticsCompanyName string `json:"logisticsCompanyName"`
	LogisticsBillNo      string `json:"logisticsBillNo"`
	DeliveredTime        string `json:"deliveredTime"`
	SubItemIDs           string `json:"subItemIds"`
	Status               string `json:"status"`
}

type ordNativeLogistics struct {
	Address        string             `json:"address"`
	Area           string             `json:"area"`
	AreaCode       string             `json:"areaCode"`
	City           string             `json:"city"`
	Province       string             `json:"province"`
	Town           string             `json:"town"`
	Zip            string             `json:"zip"`
	ContactPerson  string             `json:"contactPerson"`
	Mobile         string             `json:"mobile"`
	LogisticsItems []ordLogisticsItem `json:"logisticsItems"`
}

type ordTradeInfo struct {
	BaseInfo        ordBaseInfo        `json:"baseInfo"`
	TradeTerms      []ordTradeTerm     `json:"tradeTerms"`
	ProductItems    []ordProductItem   `json:"productItems"`
	NativeLogistics ordNativeLogistics `json:"nativeLogistics"`
}

type ordPage struct {
	TotalRecords int64 `json:"totalRecords"`
	TotalPage    int64 `json:"totalPage"`
	PageSize     int64 `json:"pageSize"`
	CurrentPage  int64 `json:"currentPage"`
	Data         []any `json:"data"` // orderBook.render
}

type ordTraceStepOut struct {
	AcceptTime string `json:"acceptTime"`
	Remark     string `json:"remark"`
}

type ordTrace struct {
	LogisticsID          string            `json:"logisticsId"`
	OrderID              any               `json:"orderId"`
	LogisticsBillNo      string            `json:"logisticsBillNo"`
	LogisticsCompanyName string            `json:"logisticsCompanyName"`
	LogisticsSteps       []ordTraceStepOut `json:"logisticsSteps"`
}

// ---- handlers ----

func (s *Server) handlePreview(r *http.Request, body []byte) (any, *apiErr) {
	var in ordRequest
	if e := decode(body, &in); e != nil {
		return nil, e
	}
	ob := s.orders
	ob.mu.Lock()
	defer ob.mu.Unlock()
	ob.settle(s.Now())
	q, e := ob.quote(&in)
	if e != nil {
		return nil, e
	}
	out := make([]ordPreview, 0, len(q.parts))
	for _, p := range q.parts {
		pv := ordPreview{
			SumCarriage:          p.freight,
			SumPaymentNoCarriage: p.goods,
			SumPayment:           p.goods + p.freight,
			FlowFlag:             "general",
			TradeModelList: []ordTradeModel{{
				Name:        "担保交易",
				Description: "买家需在下单后5天内完成全额付款，卖家发货后10天内确认收货",
				TradeType:   "assureTrade",
				OpSupport:   true,
			}},
		}
		pv.SumTotalPayment = pv.SumPayment + ordServiceFee(pv.SumPayment)
		for _, l := range p.lines {
			pv.Items = append(pv.Items, ordPreviewItem{
				Amount:         l.Amount,
				FinalUnitPrice: l.Unit,
				SpecID:         l.SKU.SpecID,
				SkuID:          ordWireID(l.SKU.ID),
				OfferID:        ordWireID(l.Offer.ID),
				OpenOfferID:    previewOpenOfferID(l.Offer.ID),
			})
		}
		out = append(out, pv)
	}
	return out, nil
}

func (s *Server) handleCreate(r *http.Request, body []byte) (any, *apiErr) {
	s.creates.Add(1)
	var in ordRequest
	if e := decode(body, &in); e != nil {
		return nil, e
	}
	outID := strings.TrimSpace(string(in.OutOrderID))
	if outID == "" {
		return nil, errf(http.StatusOK, "400", "outOrderId is required: 外部订单号不能为空, it is what makes a create safe to look up after a lost answer")
	}
	if utf8.RuneCountInString(outID) > 64 {
		return nil, errf(http.StatusOK, "400", "outOrderId is longer than 64 characters")
	}
	if tt := strings.TrimSpace(string(in.TradeType)); tt != "" && tt != "assureTrade" {
		// 1688's own wording for a trade type the preview did not offer
		// (reference §7).
		return nil, errf(http.StatusOK, "400", "not support tradeType:【%s】", tt)
	}
	if utf8.RuneCountInString(string(in.Message)) > ordMaxMessageLen {
		return nil, errf(http.StatusOK, "400", "message: 买家留言最多%d个字 the message to the seller is longer than %d characters", ordMaxMessageLen, ordMaxMessageLen)
	}
	if s.opts.Dialect.Lost {
		// The request checks above answer at once; what would have
		// answered after them is lost (lost.go).
		return s.loseCreate(r, in, outID)
	}
	ans, e := s.orders.commit(&in, outID, s.Now())
	if e != nil {
		return nil, e
	}
	return ans, nil
}

// commit places the orders of a create that passed the request checks:
// the idempotency record, the preview's checks and prices, the stock, the
// split. A create and a lost create committing later both come here.
func (ob *orderBook) commit(in *ordRequest, outID string, now time.Time) (*ordCreateAnswer, *apiErr) {
	s := ob.s
	ob.mu.Lock()
	defer ob.mu.Unlock()
	ob.settle(now)
	if prev, ok := ob.byOut[outID]; ok && !s.opts.Dialect.NoDedupe {
		// Idempotent: whatever the body says now, the first create's answer
		// stands and nothing new is ordered.
		return prev, nil
	}
	q, e := ob.quote(in)
	if e != nil {
		// A refusal is not recorded, so the same outOrderId can be sent
		// again once the cart is fixed.
		return nil, e
	}
	s.mu.Lock()
	for _, l := range q.lines {
		l.SKU.Stock -= l.Qty
	}
	s.mu.Unlock()
	ans := &ordCreateAnswer{Success: true, FailedOfferList: []ordFailedOffer{}, OrderList: []ordCreated{}}
	var ids []string
	for _, p := range q.parts {
		ob.seq++
		o := &bookOrder{
			ID:         ob.orderID(ob.seq),
			Seq:        ob.seq,
			OutOrderID: outID,
			Seller:     q.seller,
			Address:    in.Address,
			Message:    strings.TrimSpace(string(in.Message)),
			Goods:      p.goods,
			Freight:    p.freight,
			Created:    now,
		}
		for i, l := range p.lines {
			l.SubItemID = ob.subItemID(o.Seq, i)
			o.Lines = append(o.Lines, l)
		}
		ob.orders = append(ob.orders, o)
		ob.byID[o.ID] = o
		ids = append(ids, o.ID)
		ans.OrderList = append(ans.OrderList, ordCreated{OrderID: s.idOut(o.ID), PostFee: p.freight, OrderAmount: p.goods + p.freight, Success: true})
		ans.TotalSuccessAmount += p.goods + p.freight
		ans.PostFee += p.freight
	}
	// 1688 leaves the top-level orderId empty when the create split into
	// several orders; the ids are then only in orderList.
	top := ""
	if len(ids) == 1 {
		top = ids[0]
	}
	ans.OrderID = s.idOut(top)
	// With nodedupe the latest answer is kept; nothing reads it then.
	ob.byOut[outID] = ans
	return ans, nil
}

type ordPayIn struct {
	OrderIDList xport.Strings `json:"orderIdList"`
	OrderID     xport.ID      `json:"orderId"`
}

// handlePay issues a payment link. The real flow pays on the 1688 cashier
// page (the test accounts by 账期, reference §8); the sandbox has no
// cashier, so it marks the orders paid when it issues the link, which is
// the moment the desk hands the user over to pay.
func (s *Server) handlePay(r *http.Request, body []byte) (any, *apiErr) {
	var in ordPayIn
	if e := decode(body, &in); e != nil {
		return nil, e
	}
	if e := s.checkPayIDs(body); e != nil {
		return nil, e
	}
	ids := []string(in.OrderIDList)
	if len(ids) == 0 && in.OrderID != "" {
		ids = []string{string(in.OrderID)}
	}
	var uniq []string
	seen := map[string]bool{}
	for _, id := range ids {
		id = strings.TrimSpace(id)
		if id != "" && !seen[id] {
			seen[id] = true
			uniq = append(uniq, id)
		}
	}
	if len(uniq) == 0 {
		return nil, errf(http.StatusOK, "400", "orderIdList is required: 请选择要支付的订单")
	}
	if len(uniq) > xport.MaxPayBatch {
		return nil, errf(http.StatusOK, "400", "批量支付最多%d笔订单 at most %d orders can be paid at once, got %d", xport.MaxPayBatch, xport.MaxPayBatch, len(uniq))
	}
	now := s.Now()
	ob := s.orders
	ob.mu.Lock()
	defer ob.mu.Unlock()
	ob.settle(now)
	var payable []*bookOrder
	cant := []any{}
	var why []string
	for _, id := range uniq {
		o := ob.byID[id]
		switch {
		case o == nil:
			why = append(why, id+" 订单不存在 not found")
		case !o.Paid.IsZero():
			why = append(why, id+" 已付款 already paid")
		case !now.Before(o.Created.Add(ordUnpaidLifetime)) || !o.Cancelled.IsZero():
			why = append(why, id+" 已关闭 cancelled")
		default:
			payable = append(payable, o)
			continue
		}
		cant = append(cant, ordWireID(id))
	}
	if len(payable) == 0 {
		return nil, errf(http.StatusOK, "400", "没有可支付的订单 none of the orders can be paid: %s", strings.Join(why, "; "))
	}
	payIDs := make([]string, 0, len(payable))
	for _, o := range payable {
		o.Paid = now
		o.Parcels = ob.plan(o)
		payIDs = append(payIDs, o.ID)
	}
	out := ordPayAnswer{OrderID: s.idOut(payIDs[0]), CantPayOrderList: cant}
	if len(payIDs) == 1 {
		out.PayURL = "https://trade.1688.com/order/cashier.htm?orderId=" + payIDs[0]
	} else {
		// Several orders go to one combined cashier, as alipay.url.get does.
		out.PayURL = "https://trade.1688.com/order/batch_cashier.htm?orderIds=" + strings.Join(payIDs, ",")
	}
	return out, nil
}

type ordListIn struct {
	OrderStatus xport.Text    `json:"orderStatus"`
	Page        xport.Int     `json:"page"`
	PageSize    xport.Int     `json:"pageSize"`
	OrderIDs    xport.Strings `json:"orderIds"`
	OutOrderID  xport.Text    `json:"outOrderId"`
}

func (s *Server) handleOrderList(r *http.Request, body []byte) (any, *apiErr) {
	var in ordListIn
	if e := decode(body, &in); e != nil {
		return nil, e
	}
	status := strings.TrimSpace(string(in.OrderStatus))
	switch status {
	case "", "success", "cancel", "waitbuyerpay", "waitsellersend", "waitbuyerreceive":
	default:
		// getBuyerOrderList filters only on these five (1688-rules §3.1).
		return nil, errf(http.StatusOK, "400", "orderStatus %q is not a filter: use success, cancel, waitbuyerpay, waitsellersend or waitbuyerreceive", status)
	}
	page, size := int64(in.Page), int64(in.PageSize)
	if page < 1 {
		page = 1
	}
	if size < 1 {
		size = 20
	}
	if size > ordMaxPageSize {
		size = ordMaxPageSize
	}
	want := map[string]bool{}
	for _, id := range in.OrderIDs {
		want[strings.TrimSpace(id)] = true
	}
	outID := strings.TrimSpace(string(in.OutOrderID))

	now := s.Now()
	ob := s.orders
	ob.mu.Lock()
	defer ob.mu.Unlock()
	ob.settle(now)
	var hits []*bookOrder
	for _, o := range ob.orders {
		if len(want) > 0 && !want[o.ID] {
			continue
		}
		// An account answering push-shaped orders ignores the filter, as
		// its orders carry no outOrderId to filter on.
		if outID != "" && o.OutOrderID != outID && !s.opts.Dialect.Push {
			continue
		}
		if status != "" && o.state(now).status != status {
			continue
		}
		hits = append(hits, o)
	}
	sort.SliceStable(hits, func(i, j int) bool {
		if !hits[i].Created.Equal(hits[j].Created) {
			return hits[i].Created.After(hits[j].Created)
		}
		return hits[i].Seq > hits[j].Seq
	})
	out := ordPage{
		TotalRecords: int64(len(hits)),
		TotalPage:    (int64(len(hits)) + size - 1) / size,
		PageSize:     size,
		CurrentPage:  page,
		Data:         []any{},
	}
	// page*size cannot overflow: size is capped and a page past the end is
	// simply empty.
	if page <= out.TotalPage {
		from := (page - 1) * size
		to := min(from+size, int64(len(hits)))
		for _, o := range hits[from:to] {
			out.Data = append(out.Data, ob.render(o, now))
		}
	}
	return out, nil
}

type ordRef struct {
	OrderID xport.ID   `json:"orderId"`
	WebSite xport.Text `json:"webSite"`
}

func (ob *orderBook) lookup(body []byte) (*bookOrder, *apiErr) {
	var in ordRef
	if e := decode(body, &in); e != nil {
		return nil, e
	}
	id := strings.TrimSpace(string(in.OrderID))
	if id == "" {
		return nil, errf(http.StatusOK, "400", "orderId is required")
	}
	o := ob.byID[id]
	if o == nil {
		return nil, errf(http.StatusOK, "404", "订单不存在 order %s not found", id)
	}
	return o, nil
}

func (s *Server) handleOrderDetail(r *http.Request, body []byte) (any, *apiErr) {
	now := s.Now()
	ob := s.orders
	ob.mu.Lock()
	defer ob.mu.Unlock()
	ob.settle(now)
	o, e := ob.lookup(body)
	if e != nil {
		return nil, e
	}
	return ob.render(o, now), nil
}

func (s *Server) handleLogistics(r *http.Request, body []byte) (any, *apiErr) {
	now := s.Now()
	ob := s.orders
	ob.mu.Lock()
	defer ob.mu.Unlock()
	ob.settle(now)
	o, e := ob.lookup(body)
	if e != nil {
		return nil, e
	}
	var out []ordTrace
	for _, p := range o.Parcels {
		if now.Before(p.Ship) {
			continue
		}
		t := ordTrace{
			LogisticsID:          p.LogisticsID,
			OrderID:              ordWireID(o.ID),
			LogisticsBillNo:      p.BillNo,
			LogisticsCompanyName: p.Carrier.Name,
			LogisticsSteps:       []ordTraceStepOut{},
		}
		for _, st := range p.Steps {
			if st.At.After(now) {
				break
			}
			t.LogisticsSteps = append(t.LogisticsSteps, ordTraceStepOut{AcceptTime: st.At.In(orderZone).Format("2006-01-02 15:04:05"), Remark: st.Remark})
		}
		out = append(out, t)
	}
	if len(out) == 0 {
		// The real trace API answers 404 until there is a waybill.
		return nil, errf(http.StatusOK, "404", "404: 暂无物流信息 no tracking info yet")
	}
	return out, nil
}

// ---- checking and pricing ----

type ordQuotePart struct {
	lines   []bookLine
	goods   xport.Fen
	freight xport.Fen
}

type ordQuote struct {
	seller *Seller
	lines  []bookLine
	parts  []ordQuotePart
}

func ordRuleErr(code, zh, en, detail string, args ...any) *apiErr {
	return errf(http.StatusOK, code, "%s: %s %s (%s)", code, zh, en, fmt.Sprintf(detail, args...))
}

// quote runs 1688's preview checks and prices the order. The caller holds
// ob.mu. The checks run in this order, and the first failure answers:
//
//	400      malformed: no lines, too many lines, a bad quantity, an address
//	         field missing
//	500_001  an offer not found or not published (nothing else can be
//	         checked about an offer we do not have)
//	500_002  offers of more than one seller
//	500_007  the seller sells only through consignment, which this account
//	         lacks: no line could ever pass, so say so before line details
//	500_003  a specId that is not the offer's
//	500_008  a SKU priced at zero
//	500_004  more than the SKU's stock
//	500_005 / 500_006 / 500_009  the minimum quantities (see ordCheckMinimums)
//	400      a quantity that is not a multiple of the lot size (batchNumber)
func (ob *orderBook) quote(in *ordRequest) (*ordQuote, *apiErr) {
	if len(in.Cargo) == 0 {
		return nil, errf(http.StatusOK, "400", "cargoParamList is required: 订单没有商品 the order has no lines")
	}
	if len(in.Cargo) > ordMaxCargoLines {
		return nil, errf(http.StatusOK, "400", "cargoParamList: 一次最多下单%d个SKU at most %d SKU lines per order, got %d", ordMaxCargoLines, ordMaxCargoLines, len(in.Cargo))
	}
	if e := ordCheckAddress(in.Address); e != nil {
		return nil, e
	}
	type key struct{ offer, spec string }
	var lines []bookLine
	var specs []string
	idx := map[key]int{}
	for i, c := range in.Cargo {
		id := strings.TrimSpace(string(c.OfferID))
		if id == "" {
			return nil, errf(http.StatusOK, "400", "cargoParamList[%d].offerId is required", i)
		}
		if c.Quantity <= 0 {
			return nil, errf(http.StatusOK, "400", "cargoParamList[%d].quantity must be a whole number above zero, got %d", i, int64(c.Quantity))
		}
		k := key{id, strings.TrimSpace(string(c.SpecID))}
		if j, ok := idx[k]; ok {
			// The same SKU twice is one line of the summed quantity, as the
			// 1688 cart merges it.
			sum, ok := ordAddQty(lines[j].Qty, int64(c.Quantity))
			if !ok {
				return nil, errf(http.StatusOK, "400", "cargoParamList[%d].quantity is too large", i)
			}
			lines[j].Qty = sum
			continue
		}
		off := ob.s.cat.OfferByID[id]
		if off == nil || !off.Sellable() || off.Seller == nil {
			why := "not found 商品不存在"
			if off != nil {
				why = "status " + off.Status
			}
			return nil, ordRuleErr("500_001", "商品不支持在线交易", "the product cannot be ordered online", "offer %s: %s", id, why)
		}
		idx[k] = len(lines)
		lines = append(lines, bookLine{Offer: off, Qty: int64(c.Quantity)})
		specs = append(specs, k.spec)
	}
	seller := lines[0].Offer.Seller
	for _, l := range lines[1:] {
		if l.Offer.Seller != seller {
			return nil, ordRuleErr("500_002", "不是同一个卖家的商品", "an order can hold only one seller's goods",
				"offer %s is sold by %s, offer %s by %s", lines[0].Offer.ID, ordSellerName(seller), l.Offer.ID, ordSellerName(l.Offer.Seller))
		}
	}
	if seller.NeedsConsign {
		return nil, ordRuleErr("500_007", "没有代销关系", "no consignment (dropshipping) relationship with this seller", "seller %s", ordSellerName(seller))
	}
	for i := range lines {
		sku := ordFindSKU(lines[i].Offer, specs[i])
		if sku == nil {
			spec := specs[i]
			if spec == "" {
				spec = "(empty)"
			}
			return nil, ordRuleErr("500_003", "商品规格错误", "the specId is missing or not one of the offer's SKUs", "offer %s: specId %s", lines[i].Offer.ID, spec)
		}
		lines[i].SKU = sku
	}
	for _, l := range lines {
		if l.SKU.Price <= 0 {
			return nil, ordRuleErr("500_008", "商品价格为0", "the SKU has a price of zero and cannot be ordered", "offer %s specId %s", l.Offer.ID, l.SKU.SpecID)
		}
	}
	for _, l := range lines {
		if l.Qty > l.SKU.Stock {
			return nil, ordRuleErr("500_004", "库存不足", "not enough stock", "offer %s specId %s: %d > %d in stock", l.Offer.ID, l.SKU.SpecID, l.Qty, max(l.SKU.Stock, 0))
		}
	}
	// Per-offer totals decide the tier (quoteType 0 and 2) and the MOQ.
	totals := map[*Offer]int64{}
	var offers []*Offer
	var pieces int64
	for _, l := range lines {
		if _, ok := totals[l.Offer]; !ok {
			offers = append(offers, l.Offer)
		}
		var ok bool
		if totals[l.Offer], ok = ordAddQty(totals[l.Offer], l.Qty); !ok {
			return nil, errf(http.StatusOK, "400", "quantity is too large")
		}
		if pieces, ok = ordAddQty(pieces, l.Qty); !ok {
			return nil, errf(http.StatusOK, "400", "quantity is too large")
		}
	}
	var goods xport.Fen
	for i := range lines {
		l := &lines[i]
		l.Unit = ordUnitPrice(l.Offer, l.SKU, totals[l.Offer])
		if l.Unit <= 0 {
			return nil, ordRuleErr("500_008", "商品价格为0", "the SKU has a price of zero and cannot be ordered", "offer %s specId %s", l.Offer.ID, l.SKU.SpecID)
		}
		amt, ok := l.Unit.Mul(l.Qty)
		if !ok {
			return nil, errf(http.StatusOK, "400", "quantity is too large")
		}
		l.Amount = amt
		if goods, ok = goods.Add(amt); !ok {
			return nil, errf(http.StatusOK, "400", "quantity is too large")
		}
	}
	if e := ordCheckMinimums(seller, offers, totals, pieces, goods); e != nil {
		return nil, e
	}
	for _, l := range lines {
		if b := l.Offer.Batch; b > 1 && l.Qty%b != 0 {
			// 1688 has no documented rule code for the lot size: the cart
			// simply refuses it. We answer a plain parameter error rather
			// than borrow 500_009 (whose meaning is the wholesale minimum)
			// or invent a code a real account would never send.
			return nil, errf(http.StatusOK, "400", "购买数量须为%d的整数倍 quantity must be a multiple of the lot size batchNumber (offer %s specId %s: %d is not a multiple of %d)", b, l.Offer.ID, l.SKU.SpecID, l.Qty, b)
		}
	}
	q := &ordQuote{seller: seller, lines: lines}
	prov := ordProvinceCode(in.Address)
	for _, chunk := range ordSplitLines(lines) {
		p := ordQuotePart{lines: chunk}
		perOffer := map[*Offer]int64{}
		var order []*Offer
		for _, l := range chunk {
			if _, ok := perOffer[l.Offer]; !ok {
				order = append(order, l.Offer)
			}
			perOffer[l.Offer] += l.Qty
			p.goods += l.Amount
		}
		for _, o := range order {
			p.freight += orderFreight(o, prov, perOffer[o])
		}
		q.parts = append(q.parts, p)
	}
	return q, nil
}

// ordCheckMinimums applies the MOQ, the mixed-batch waiver and the wholesale
// minimum.
//
//   - The MOQ is per offer, on the offer's total over its SKUs (1688 sells
//     an offer's colours and sizes towards one minimum).
//   - When the seller has a mixed-batch (混批) rule and the whole order
//     reaches Mix.Number pieces or Mix.Amount of goods, every minimum is
//     waived: that is what mixed batch means.
//   - Otherwise an offer below its MOQ answers 500_006 if the seller has a
//     mixed-batch rule, and 500_005 if not. We prefer 500_006 whenever the
//     rule exists because it names the cheaper fix: the buyer may add any
//     of the seller's goods until the mix threshold, not only more of the
//     short offer. The message gives both the threshold and the MOQ.
//   - 500_009 ("below the wholesale MOQ") is for an offer that meets its
//     MOQ but not the first price tier (quoteType 0 and 2, when
//     Tiers[0].Start is above the MOQ): no wholesale price applies to that
//     quantity, so the order cannot be priced.
func ordCheckMinimums(seller *Seller, offers []*Offer, totals map[*Offer]int64, pieces int64, goods xport.Fen) *apiErr {
	var short, shortTier *Offer
	for _, o := range offers {
		q := totals[o]
		if q < o.MOQ && short == nil {
			short = o
		}
		if o.QuoteType != 1 && len(o.Tiers) > 0 && q >= o.MOQ && q < o.Tiers[0].Start && shortTier == nil {
			shortTier = o
		}
	}
	if short == nil && shortTier == nil {
		return nil
	}
	mix := seller.Mix
	if mix.Enabled && ((mix.Number > 0 && pieces >= mix.Number) || (mix.Amount > 0 && goods >= mix.Amount)) {
		return nil
	}
	if short != nil {
		if mix.Enabled {
			return ordRuleErr("500_006", "不满足混批条件", "the seller's mixed-batch minimum is not reached",
				"order %d pieces / %s, mixed batch needs %s; offer %s: %d < MOQ %d", pieces, goods, ordMixNeeds(mix), short.ID, totals[short], short.MOQ)
		}
		return ordRuleErr("500_005", "低于最小起订量", "below the minimum order quantity", "offer %s: %d < %d", short.ID, totals[short], short.MOQ)
	}
	return ordRuleErr("500_009", "低于批发起批量", "below the wholesale minimum order quantity", "offer %s: %d < %d", shortTier.ID, totals[shortTier], shortTier.Tiers[0].Start)
}

func ordMixNeeds(m MixRule) string {
	switch {
	case m.Number > 0 && m.Amount > 0:
		return fmt.Sprintf("%d pieces or %s", m.Number, m.Amount)
	case m.Number > 0:
		return fmt.Sprintf("%d pieces", m.Number)
	default:
		return m.Amount.String()
	}
}

func ordCheckAddress(a ordAddressIn) *apiErr {
	for _, f := range []struct {
		name, zh string
		v        xport.Text
	}{
		{"fullName", "收货人", a.FullName},
		{"provinceText", "省份", a.ProvinceText},
		{"cityText", "城市", a.CityText},
		{"address", "详细地址", a.Address},
	} {
		if strings.TrimSpace(string(f.v)) == "" {
			return errf(http.StatusOK, "400", "addressParam.%s is required: %s不能为空", f.name, f.zh)
		}
	}
	if strings.TrimSpace(string(a.Mobile)) == "" && strings.TrimSpace(string(a.Phone)) == "" {
		return errf(http.StatusOK, "400", "addressParam.mobile is required: 收货人手机号不能为空")
	}
	if utf8.RuneCountInString(string(a.Address)) > ordMaxAddressLen {
		return errf(http.StatusOK, "400", "addressParam.address: 详细地址最多%d个字 is longer than %d characters", ordMaxAddressLen, ordMaxAddressLen)
	}
	return nil
}

// ordFindSKU matches a specId to the offer's SKUs. An offer without axes has
// one SKU and is ordered with an empty specId (or that SKU's own).
func ordFindSKU(o *Offer, spec string) *SKU {
	for _, s := range o.SKUs {
		if s != nil && spec != "" && s.SpecID == spec {
			return s
		}
	}
	if spec == "" && len(o.Axes) == 0 && len(o.SKUs) == 1 && o.SKUs[0] != nil {
		return o.SKUs[0]
	}
	return nil
}

// ordUnitPrice is what the preview charges per piece: the SKU's own price for
// quoteType 1, otherwise the tier the offer's total quantity unlocks (the
// last tier whose start is at or below it; below the first tier, only
// reachable under a mixed-batch waiver, the first tier's price). A few
// offers carry a small promotion so the desk meets a preview price that
// differs from the catalogue's.
func ordUnitPrice(o *Offer, sku *SKU, total int64) xport.Fen {
	p := sku.Price
	if o.QuoteType != 1 && len(o.Tiers) > 0 {
		p = o.Tiers[0].Price
		for _, t := range o.Tiers {
			if t.Start <= total {
				p = t.Price
			}
		}
	}
	if p <= 0 {
		return p
	}
	return p - ordPromoCut(o.ID, p)
}

// ordPromoCut is the deterministic 限时优惠 of about one offer in seventeen:
// one to five fen off each piece, only on prices of ¥2 and up so it stays a
// small difference and never reaches zero.
func ordPromoCut(offerID string, price xport.Fen) xport.Fen {
	if price < 200 {
		return 0
	}
	h := obHash("promo", offerID)
	if h%17 != 0 {
		return 0
	}
	return xport.Fen(1 + (h/17)%5)
}

// orderFreight is one offer's share of an order's freight. It goes through
// Offer.QuoteFreight, the one freight calculation of the sandbox, so the
// preview charges exactly what the freight estimate showed for the same
// destination and quantity. Quantities here are already bounded by stock,
// so the template arithmetic cannot overflow.
func orderFreight(o *Offer, provinceCode string, qty int64) xport.Fen {
	return o.QuoteFreight(provinceCode, qty).Total
}

// ordProvinceCode is the 6-digit province division code of the shipping
// address: from districtCode when it is one, else from the province name.
func ordProvinceCode(a ordAddressIn) string {
	if dc := strings.TrimSpace(string(a.DistrictCode)); len(dc) == 6 && strings.Trim(dc, "0123456789") == "" {
		return dc[:2] + "0000"
	}
	name := strings.TrimSpace(string(a.ProvinceText))
	for _, p := range ordProvinces {
		if strings.HasPrefix(name, p.name) {
			return p.code
		}
	}
	return ""
}

// ordProvinces are China's province-level divisions by the first
// characters of their names, for addresses sent without a districtCode.
var ordProvinces = [...]struct{ name, code string }{
	{"北京", "110000"}, {"天津", "120000"}, {"河北", "130000"}, {"山西", "140000"}, {"内蒙古", "150000"},
	{"辽宁", "210000"}, {"吉林", "220000"}, {"黑龙江", "230000"}, {"上海", "310000"}, {"江苏", "320000"},
	{"浙江", "330000"}, {"安徽", "340000"}, {"福建", "350000"}, {"江西", "360000"}, {"山东", "370000"},
	{"河南", "410000"}, {"湖北", "420000"}, {"湖南", "430000"}, {"广东", "440000"}, {"广西", "450000"},
	{"海南", "460000"}, {"重庆", "500000"}, {"四川", "510000"}, {"贵州", "520000"}, {"云南", "530000"},
	{"西藏", "540000"}, {"陕西", "610000"}, {"甘肃", "620000"}, {"青海", "630000"}, {"宁夏", "640000"},
	{"新疆", "650000"}, {"台湾", "710000"}, {"香港", "810000"}, {"澳门", "820000"},
}

// ordSplitLines cuts the lines into orders of at most ordLinesPerOrder, keeping
// an offer's lines together unless the offer alone has more.
func ordSplitLines(lines []bookLine) [][]bookLine {
	var groups [][]bookLine
	pos := map[*Offer]int{}
	for _, l := range lines {
		i, ok := pos[l.Offer]
		if !ok {
			i = len(groups)
			pos[l.Offer] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], l)
	}
	var out [][]bookLine
	var cur []bookLine
	for _, g := range groups {
		if len(cur) > 0 && len(cur)+len(g) > ordLinesPerOrder {
			out = append(out, cur)
			cur = nil
		}
		for _, l := range g {
			if len(cur) == ordLinesPerOrder {
				out = append(out, cur)
				cur = nil
			}
			cur = append(cur, l)
		}
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

func ordServiceFee(p xport.Fen) xport.Fen {
	return (p*ordServiceFeePerMille + 500) / 1000
}

func ordAddQty(a, b int64) (int64, bool) {
	s := a + b
	if s < a {
		return 0, false
	}
	return s, true
}

// ---- lifecycle ----

// settle returns the stock of orders closed unpaid. It is the one effect of
// time that is not a pure function of the order, so every order handler
// runs it first; product pages may show the old stock until then.
func (ob *orderBook) settle(now time.Time) {
	for _, o := range ob.orders {
		if o.stockBack || !o.Paid.IsZero() || now.Before(o.Created.Add(ordUnpaidLifetime)) {
			continue
		}
		o.stockBack = true
		ob.s.mu.Lock()
		for _, l := range o.Lines {
			l.SKU.Stock += l.Qty
		}
		ob.s.mu.Unlock()
	}
}

type ordState struct {
	status        string
	closeReason   string
	payStatus     string
	modified      time.Time
	delivered     time.Time // all parcels shipped
	received      time.Time // all parcels signed
	completed     time.Time
	lineLogistics int
}

// state works the order's status out from its timestamps.
func (o *bookOrder) state(now time.Time) ordState {
	st := ordState{status: "waitbuyerpay", payStatus: "1", modified: o.Created, lineLogistics: 1}
	if o.Paid.IsZero() {
		if !o.Cancelled.IsZero() && !now.Before(o.Cancelled) {
			st.status, st.closeReason, st.payStatus, st.modified = "cancel", "buyerCancel", "8", o.Cancelled
			return st
		}
		if closeAt := o.Created.Add(ordUnpaidLifetime); !now.Before(closeAt) {
			st.status, st.closeReason, st.payStatus, st.modified = "cancel", "BUYER_NO_PAY", "8", closeAt
		}
		return st
	}
	st.status, st.payStatus, st.modified = "waitsellersend", "2", o.Paid
	shipped, signed := 0, 0
	var lastShip, lastSign time.Time
	for _, p := range o.Parcels {
		if !now.Before(p.Ship) {
			shipped++
			lastShip = ordLater(lastShip, p.Ship)
		}
		if s := p.signed(); !now.Before(s) {
			signed++
			lastSign = ordLater(lastSign, s)
		}
	}
	if shipped == 0 {
		return st
	}
	st.status, st.modified = "waitbuyerreceive", ordLater(lastShip, lastSign)
	st.lineLogistics = 5
	if shipped == len(o.Parcels) {
		st.lineLogistics, st.delivered = 2, lastShip
	}
	if signed == len(o.Parcels) {
		st.status, st.modified, st.received, st.lineLogistics = "confirm_goods", lastSign, lastSign, 3
	}
	if done := o.Paid.Add(ordSuccessDelay); !now.Before(done) && st.status == "confirm_goods" {
		st.status, st.modified, st.completed = "success", done, done
	}
	return st
}

func ordLater(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// plan fixes the parcels of a just-paid order. A few sellers ship in two
// parcels a day apart, which keeps the lines at logisticsStatus 5
// (partially shipped) while the order is already waitbuyerreceive.
func (ob *orderBook) plan(o *bookOrder) []ordParcel {
	var pieces int64
	for _, l := range o.Lines {
		pieces += l.Qty
	}
	n := 1
	if pieces >= 2 && obHash("partial", o.Seller.OpenID, o.Seller.LoginID)%5 == 0 {
		n = 2
	}
	out := make([]ordParcel, 0, n)
	ship := o.Paid.Add(ordShipDelay)
	for i := range n {
		out = append(out, ob.makeParcel(o, i, ship.Add(time.Duration(i)*ordPartialGap)))
	}
	return out
}

func (ob *orderBook) makeParcel(o *bookOrder, i int, ship time.Time) ordParcel {
	h := obHash("parcel", o.ID, strconv.Itoa(i))
	c := ordCarriers[h%uint64(len(ordCarriers))]
	p := ordParcel{
		Ship:        ship,
		Carrier:     c,
		BillNo:      c.Prefix + ordDigits(obHash("bill", o.ID, strconv.Itoa(i)), c.Digits),
		LogisticsID: "BX" + ordDigits(obHash("lp", o.ID, strconv.Itoa(i)), 14),
	}
	// The whole journey takes 1-3 days; steps sit at fixed fractions of it.
	total := 24*time.Hour + time.Duration(h>>8%(48*60))*time.Minute
	at := func(permille int64) time.Time {
		return ship.Add(time.Duration(int64(total) / 1000 * permille)).Truncate(time.Second)
	}
	from := ordCityName(o.Seller.City, o.Seller.Province)
	to := ordCityName(string(o.Address.CityText), string(o.Address.ProvinceText))
	fromHub, toHub := ordHubName(from), ordHubName(to)
	courier := ordSurnames[h>>20%uint64(len(ordSurnames))] + "师傅"
	phone := "1380000" + ordDigits(h>>28, 4)
	district := strings.TrimSpace(string(o.Address.AreaText))
	if district == "" {
		district = strings.TrimSuffix(to, "市")
	}
	p.Steps = []ordStep{
		{ship, fmt.Sprintf("【%s】卖家已发货，%s运单号：%s", from, c.Name, p.BillNo), "CONSIGN"},
		{at(60), fmt.Sprintf("【%s】%s【%s营业部】已揽件", from, c.Name, strings.TrimSuffix(from, "市")), "ACCEPT"},
		{at(200), fmt.Sprintf("【%s】运输中，快件已离开【%s营业部】，发往【%s】", from, strings.TrimSuffix(from, "市"), fromHub), "TRANSPORT"},
		{at(400), fmt.Sprintf("【%s】运输中，快件已离开【%s】，发往【%s】", from, fromHub, toHub), "TRANSPORT"},
		{at(700), fmt.Sprintf("【%s】快件已到达【%s】", to, toHub), "TRANSPORT"},
		{at(880), fmt.Sprintf("【%s】【%s营业部】派件中，派件员：%s，电话：%s", to, district, courier, phone), "DELIVERING"},
		{ship.Add(total).Truncate(time.Second), fmt.Sprintf("【%s】已签收，签收人：%s。感谢使用%s，期待再次为您服务", to, ordSigner(string(o.Address.FullName)), c.Name), "SIGN"},
	}
	if ob.s.opts.Hostile {
		taintSteps(p.Steps)
	}
	return p
}

func ordCityName(city, province string) string {
	c := strings.TrimSpace(city)
	if c == "" {
		c = strings.TrimSpace(province)
	}
	if c == "" {
		return "义乌市"
	}
	if !strings.HasSuffix(c, "市") && !strings.HasSuffix(c, "州") && !strings.HasSuffix(c, "盟") {
		c += "市"
	}
	return c
}

func ordHubName(city string) string { return strings.TrimSuffix(city, "市") + "转运中心" }

func ordSigner(name string) string {
	if strings.TrimSpace(name) == "" {
		return "本人"
	}
	return strings.TrimSpace(name) + "（本人签收）"
}

// ---- views ----

func (ob *orderBook) view(o *bookOrder, now time.Time) ordTradeInfo {
	st := o.state(now)
	total := o.Goods + o.Freight
	a := o.Address
	b := ordBaseInfo{
		ID:                ordWireID(o.ID),
		IDOfStr:           o.ID,
		BusinessType:      "cn",
		Status:            st.status,
		TotalAmount:       ob.s.amount(total),
		ShippingFee:       ob.s.amount(o.Freight),
		SumProductPayment: ob.s.amount(o.Goods),
		Refund:            ob.s.amount(0),
		CreateTime:        orderTime(o.Created),
		PayTime:           orderTime(o.Paid),
		ModifyTime:        orderTime(st.modified),
		AllDeliveredTime:  orderTime(st.delivered),
		ReceivingTime:     orderTime(st.received),
		CompleteTime:      orderTime(st.completed),
		CloseReason:       st.closeReason,
		OutOrderID:        o.OutOrderID,
		TradeTypeCode:     cmp.Or(o.TradeType, "assureTrade"),
		SellerLoginID:     o.Seller.LoginID,
		SellerContact: ordSellerContact{
			Name:        ordSurnames[obHash("contact", o.Seller.OpenID)%uint64(len(ordSurnames))] + "经理",
			CompanyName: o.Seller.Company,
			ShopName:    o.Seller.Company,
			Mobile:      "1380000" + ordDigits(obHash("mobile", o.Seller.OpenID), 4),
		},
		ReceiverInfo: ordReceiver{
			ToFullName:     string(a.FullName),
			ToDivisionCode: string(a.DistrictCode),
			ToMobile:       string(a.Mobile),
			ToPhone:        string(a.Phone),
			ToPost:         string(a.PostCode),
			ToArea:         ordJoin(" ", string(a.ProvinceText), string(a.CityText), string(a.AreaText), string(a.TownText), string(a.Address)),
		},
		BuyerFeedback: o.Message,
	}
	if st.status == "waitbuyerpay" {
		b.PayTimeout = int64(ordUnpaidLifetime / time.Second)
	}
	term := ordTradeTerm{PayStatus: st.payStatus, PhasAmount: ob.s.amount(total), Phase: ordWireID("1" + o.ID[len(o.ID)-12:])}
	if !o.Paid.IsZero() {
		// The test accounts pay by 账期 (account period, payWay 7), reference §8.
		term.PayTime, term.PayWay, term.PayWayDesc = orderTime(o.Paid), "7", "账期支付"
	}
	t := ordTradeInfo{BaseInfo: b, TradeTerms: []ordTradeTerm{term}, ProductItems: []ordProductItem{}}
	var subIDs []string
	for _, l := range o.Lines {
		subIDs = append(subIDs, l.SubItemID)
		imgs := append([]string{}, l.Offer.Images...)
		if len(imgs) > 1 {
			imgs = imgs[:1]
		}
		item := ordProductItem{
			ItemAmount:      ob.s.amount(l.Amount),
			Name:            l.Offer.Subject,
			Price:           ob.s.amount(l.Unit),
			ProductID:       ordWireID(l.Offer.ID),
			ProductImgURL:   imgs,
			Quantity:        l.Qty,
			SkuID:           ordWireID(l.SKU.ID),
			SpecID:          l.SKU.SpecID,
			SkuInfos:        ordSkuInfos(l.Offer, l.SKU),
			Status:          st.status,
			StatusStr:       ordStatusLabel(st.status),
			LogisticsStatus: st.lineLogistics,
			SubItemID:       ordWireID(l.SubItemID),
			SubItemIDString: l.SubItemID,
			CargoNumber:     l.SKU.Cargo,
			Unit:            l.Offer.Unit,
		}
		if item.Unit == "" {
			item.Unit = "件"
		}
		t.ProductItems = append(t.ProductItems, item)
	}
	t.NativeLogistics = ordNativeLogistics{
		Address:        string(a.Address),
		Area:           string(a.AreaText),
		AreaCode:       string(a.DistrictCode),
		City:           string(a.CityText),
		Province:       string(a.ProvinceText),
		Town:           string(a.TownText),
		Zip:            string(a.PostCode),
		ContactPerson:  string(a.FullName),
		Mobile:         string(a.Mobile),
		LogisticsItems: []ordLogisticsItem{},
	}
	for _, p := range o.Parcels {
		if now.Before(p.Ship) {
			continue
		}
		node := p.Steps[0].Node
		for _, s := range p.Steps {
			if !s.At.After(now) {
				node = s.Node
			}
		}
		t.NativeLogistics.LogisticsItems = append(t.NativeLogistics.LogisticsItems, ordLogisticsItem{
			LogisticsID:          p.LogisticsID,
			LogisticsCode:        p.Carrier.Code,
			LogisticsCompanyName: p.Carrier.Name,
			LogisticsBillNo:      p.BillNo,
			DeliveredTime:        orderTime(p.Ship),
			SubItemIDs:           strings.Join(subIDs, ","),
			Status:               node,
		})
	}
	return t
}

func ordSkuInfos(o *Offer, sku *SKU) []ordSkuInfo {
	out := []ordSkuInfo{}
	for i, v := range sku.Values {
		if i >= len(o.Axes) || v < 0 || v >= len(o.Axes[i].Values) {
			continue
		}
		out = append(out, ordSkuInfo{Name: o.Axes[i].Name, Value: o.Axes[i].Values[v].Value})
	}
	return out
}

// ordStatusLabel is 1688's own label for each status (1688-rules §3.1).
func ordStatusLabel(s string) string {
	switch s {
	case "waitbuyerpay":
		return "等待买家付款"
	case "waitsellersend":
		return "等待卖家发货"
	case "waitlogisticstakein":
		return "等待物流公司揽件"
	case "waitbuyerreceive":
		return "等待买家收货"
	case "waitbuyersign":
		return "等待买家签收"
	case "signinsuccess":
		return "买家已签收"
	case "confirm_goods":
		return "已收货"
	case "success":
		return "交易成功"
	case "cancel":
		return "交易取消"
	case "terminated":
		return "交易终止"
	}
	return "未枚举:其他状态"
}

// orderTime writes 1688's order date form. 1688 dates carry whole
// seconds, so the milliseconds are always 000.
func orderTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(orderZone).Format("20060102150405") + "000+0800"
}

// ---- ids ----

// orderID maps the sequence to a 19-digit id in the 900000 band. The
// multiplier is coprime to 10^13, so the map is one-to-one and ids never
// repeat, yet consecutive orders do not look consecutive.
func (ob *orderBook) orderID(seq uint64) string {
	return "900000" + ordScramble(seq, obHash("orders", strconv.FormatInt(ob.s.opts.Seed, 10)))
}

func (ob *orderBook) subItemID(seq uint64, line int) string {
	return "900100" + ordScramble(seq*128+uint64(line), obHash("items", strconv.FormatInt(ob.s.opts.Seed, 10)))
}

func ordScramble(n, salt uint64) string {
	const mod = 10_000_000_000_000
	const mult = 6_364_136_223_846_793
	hi, lo := bits.Mul64(n, mult)
	r := bits.Rem64(hi, lo, mod)
	return fmt.Sprintf("%013d", (r+salt%mod)%mod)
}

// ordWireID sends a decimal id as a JSON number, as 1688 does, without going
// through float64; anything else stays a string.
func ordWireID(id string) any {
	if id != "" && len(id) <= 19 && strings.Trim(id, "0123456789") == "" && (id == "0" || id[0] != '0') {
		if _, err := strconv.ParseInt(id, 10, 64); err == nil {
			return json.Number(id)
		}
	}
	return id
}

// previewOpenOfferID is the encrypted offer id the preview sends beside the
// plain one: 16 bytes of base64, like the documented "+vIWvlcT2JMpWVABRdm+WQ==".
func previewOpenOfferID(offerID string) string {
	sum := sha256.Sum256([]byte("openOfferId:" + offerID))
	return base64.StdEncoding.EncodeToString(sum[:16])
}

func obHash(parts ...string) uint64 {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return h.Sum64()
}

func ordDigits(h uint64, n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(byte('0' + h%10))
		h = h/10 ^ (h * 0x9e3779b97f4a7c15 >> 7)
	}
	return b.String()
}

func ordSellerName(s *Seller) string {
	if s == nil {
		return "?"
	}
	if s.Company != "" {
		return s.Company
	}
	return s.LoginID
}

func ordJoin(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
