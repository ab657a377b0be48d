package xport

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// AddressParam is the shipping address of preview and create [DOC: the
// field names of the preview example].
type AddressParam struct {
	AddressID    string `json:"addressId,omitempty"`
	FullName     string `json:"fullName"`
	Mobile       string `json:"mobile"`
	Phone        string `json:"phone"`
	PostCode     string `json:"postCode"`
	CityText     string `json:"cityText"`
	ProvinceText string `json:"provinceText"`
	AreaText     string `json:"areaText"`
	TownText     string `json:"townText"`
	Address      string `json:"address"`
	DistrictCode string `json:"districtCode"`
}

// Cargo is one line of an order [DOC: offerId is a number, quantity a
// number, specId a string].
type Cargo struct {
	OfferID  NumID  `json:"offerId"`
	SpecID   string `json:"specId"`
	Quantity int64  `json:"quantity"`
}

// OrderRequest is the body shared by preview and create.
type OrderRequest struct {
	// AliID is the 1688 buyer account to order as [INF]; empty for the
	// account's default.
	AliID      string       `json:"aliId,omitempty"`
	Flow       string       `json:"flow"`
	OutOrderID string       `json:"outOrderId,omitempty"`
	Address    AddressParam `json:"addressParam"`
	Cargo      []Cargo      `json:"cargoParamList"`
	// Create only [DOC template]: a message to the seller, the promotion and
	// trade type chosen from the preview.
	Message         string `json:"message,omitempty"`
	ShopPromotionID string `json:"shopPromotionId,omitempty"`
	TradeType       string `json:"tradeType,omitempty"`
}

// CheckLines refuses an order with no lines, or a line without an offer or
// a quantity, before anything is sent. Each backend checks the address its
// own way (1688 takes an address id alone; Xportcn needs name and street).
func (r OrderRequest) CheckLines() error {
	if len(r.Cargo) == 0 {
		return errors.New("the order has no lines")
	}
	for _, c := range r.Cargo {
		if strings.TrimSpace(string(c.OfferID)) == "" || c.Quantity <= 0 {
			return fmt.Errorf("order line %q: needs an offer and a quantity above zero", c.OfferID)
		}
	}
	return nil
}

// PreviewItem is one previewed line; amounts are fen [DOC example:
// amount 5800 = finalUnitPrice 2900 x 2].
type PreviewItem struct {
	Amount         Fen  `json:"amount"`
	Message        Text `json:"message"`
	FinalUnitPrice Fen  `json:"finalUnitPrice"`
	SpecID         Text `json:"specId"`
	SkuID          ID   `json:"skuId"`
	OfferID        ID   `json:"offerId"`
	OpenOfferID    Text `json:"openOfferId"`
}

// Preview is one (possibly auto-split) order of a preview [DOC].
type Preview struct {
	SumCarriage          Fen           `json:"sumCarriage"`
	SumPayment           Fen           `json:"sumPayment"`
	SumTotalPayment      Fen           `json:"sumTotalPayment"`
	SumPaymentNoCarriage Fen           `json:"sumPaymentNoCarriage"`
	Items                []PreviewItem `json:"orderItemTOList"`
	// [1688] possibly passed through; empty when Xport drops them.
	FlowFlag Text `json:"flowFlag"`
	// PlaceFlow and PlaceTradeType are what the create of this order must
	// carry, when the backend's preview decides them (1688: the flow it
	// priced with, and a trade type chosen from those it offers, so 1688
	// does not pick one itself, which may be credit). Empty when the
	// backend needs none (Xportcn). Not on any wire.
	PlaceFlow      string       `json:"-"`
	PlaceTradeType string       `json:"-"`
	TradeModelList []TradeModel `json:"tradeModelList"`
}

// TradeModel is one way an order may be paid for, as the preview offers
// it [1688 tradeModelList]: escrow (担保交易, assureTrade), 诚e赊 credit
// (creditBuy), account period… OpSupport is 1688 saying the API may use
// it.
type TradeModel struct {
	Name      Text `json:"name"`
	TradeType Text `json:"tradeType"`
	OpSupport Bool `json:"opSupport"`
}

// FailedOffer is a line the create refused [1688 failedOfferList].
type FailedOffer struct {
	OfferID      ID   `json:"offerId"`
	SpecID       Text `json:"specId"`
	ErrorCode    Text `json:"errorCode"`
	ErrorMessage Text `json:"errorMessage"`
}

// CreatedOrder is one order a create produced [1688 orderList].
type CreatedOrder struct {
	OrderID     ID   `json:"orderId"`
	PostFee     Fen  `json:"postFee"`
	OrderAmount Fen  `json:"orderAmmount"` // sic, as 1688 spells it
	Success     Bool `json:"success"`
	Message     Text `json:"message"`
	ResultCode  Text `json:"resultCode"`
}

// CreateResult is the answer of create [INF: shaped like 1688's
// createCrossOrder result; amounts fen].
type CreateResult struct {
	OrderID            ID             `json:"orderId"`
	TotalSuccessAmount Fen            `json:"totalSuccessAmount"`
	PostFee            Fen            `json:"postFee"`
	Success            Bool           `json:"success"`
	Code               Text           `json:"code"`
	Message            Text           `json:"message"`
	FailedOffers       []FailedOffer  `json:"failedOfferList"`
	Orders             []CreatedOrder `json:"orderList"`
	RequestID          string         `json:"-"`
	// Refused is true when the answer says nothing was ordered.
	Refused bool `json:"-"`
}

// OrderIDs lists every order id the create returned.
func (r *CreateResult) OrderIDs() []string {
	var ids []string
	seen := map[string]bool{}
	add := func(id ID) {
		if id != "" && !seen[string(id)] {
			seen[string(id)] = true
			ids = append(ids, string(id))
		}
	}
	add(r.OrderID)
	for _, o := range r.Orders {
		add(o.OrderID)
	}
	return ids
}

// NotSentError is a write refused before anything left the desk.
type NotSentError struct{ Err error }

func (e *NotSentError) Error() string { return e.Err.Error() }
func (e *NotSentError) Unwrap() error { return e.Err }

// ExplicitRefusal reports a failed write that certainly did nothing: it
// was never sent, or the service refused it in words it uses for a
// refusal (a rule, bad parameters, credentials, the rate limit, no such
// path or record). Everything else — no answer, a server error, an answer
// that could not be read, a code caigou does not know, a redirect — leaves
// the outcome unknown: a create that ends so must be looked up, never
// called "refused" and offered again.
func ExplicitRefusal(err error) bool {
	if err == nil {
		return false
	}
	var ns *NotSentError
	if errors.As(err, &ns) {
		return true
	}
	var ne *NetError
	if errors.As(err, &ne) {
		return !ne.Sent
	}
	var se *ShapeError
	if errors.As(err, &se) {
		return false
	}
	var ae *APIError
	var he *HTTPError
	if !errors.As(err, &ae) && !errors.As(err, &he) {
		return false
	}
	if he != nil && he.Status >= 200 && he.Status < 400 {
		return false
	}
	switch Classify(err) {
	case ClassValidation, ClassAuth, ClassRateLimit, ClassNotFound:
		return true
	}
	return false
}

// PayResult is the answer of pay [SIB: PandaPon's pay url answer].
type PayResult struct {
	OrderID            ID      `json:"orderId"`
	PayURL             Text    `json:"payUrl"`
	ProtocolPaySuccess Bool    `json:"protocolPaySuccess"`
	CantPayOrderList   Strings `json:"cantPayOrderList"`
	// PayFailureOrderList is 1688's name for the same list (alipay.url.get).
	PayFailureOrderList Strings `json:"payFailureOrderList"`
}

// MaxPayBatch is how many orders one payment may cover (the Xport admin's
// batch-pay cap, 1688-rules §2.8).
const MaxPayBatch = 10

// The order-side types below follow 1688's TradeInfo (reference §10.5):
// Xport's order list and detail bodies were not readable [INF]. Amounts in
// TradeInfo are yuan except Discount (fen), as the reference says.

// SellerContact is the supplier on an order.
type SellerContact struct {
	Name         Text `json:"name"`
	CompanyName  Text `json:"companyName"`
	ShopName     Text `json:"shopName"`
	Mobile       Text `json:"mobile"`
	Phone        Text `json:"phone"`
	IMInPlatform Text `json:"imInPlatform"`
}

// ReceiverInfo is the shipping address on an order.
type ReceiverInfo struct {
	ToFullName     Text `json:"toFullName"`
	ToDivisionCode Text `json:"toDivisionCode"`
	ToMobile       Text `json:"toMobile"`
	ToPhone        Text `json:"toPhone"`
	ToPost         Text `json:"toPost"`
	ToArea         Text `json:"toArea"`
}

// BaseInfo is the order header.
type BaseInfo struct {
	ID                ID            `json:"id"`
	IDOfStr           ID            `json:"idOfStr"`
	Status            Text          `json:"status"`
	TotalAmount       Amount        `json:"totalAmount"`
	ShippingFee       Amount        `json:"shippingFee"`
	SumProductPayment Amount        `json:"sumProductPayment"`
	Discount          Amount        `json:"discount"`
	Refund            Amount        `json:"refund"`
	CreateTime        Time          `json:"createTime"`
	PayTime           Time          `json:"payTime"`
	ModifyTime        Time          `json:"modifyTime"`
	AllDeliveredTime  Time          `json:"allDeliveredTime"`
	CompleteTime      Time          `json:"completeTime"`
	CloseReason       Text          `json:"closeReason"`
	RefundStatus      Text          `json:"refundStatus"`
	OutOrderID        Text          `json:"outOrderId"`
	TradeTypeCode     Text          `json:"tradeTypeCode"`
	SellerLoginID     Text          `json:"sellerLoginId"`
	SellerContact     SellerContact `json:"sellerContact"`
	ReceiverInfo      ReceiverInfo  `json:"receiverInfo"`
	BuyerMessage      Text          `json:"buyerFeedback"`
}

// OrderIDString returns the order id, preferring the string form 1688 sends
// beside the number.
func (b BaseInfo) OrderIDString() string {
	if b.IDOfStr != "" {
		return string(b.IDOfStr)
	}
	return string(b.ID)
}

// TradeTerm is one payment phase.
type TradeTerm struct {
	PayStatus  Text   `json:"payStatus"`
	PayTime    Time   `json:"payTime"`
	PayWay     Text   `json:"payWay"`
	PhasAmount Amount `json:"phasAmount"`
	Phase      Text   `json:"phase"`
	PayWayDesc Text   `json:"payWayDesc"`
}

// SkuInfo is one SKU axis on an order line.
type SkuInfo struct {
	Name  Text `json:"name"`
	Value Text `json:"value"`
}

// ProductItem is one order line.
type ProductItem struct {
	ItemAmount      Amount    `json:"itemAmount"`
	Name            Text      `json:"name"`
	Price           Amount    `json:"price"`
	ProductID       ID        `json:"productID"`
	ProductImgURL   Strings   `json:"productImgUrl"`
	Quantity        Qty       `json:"quantity"`
	SkuID           ID        `json:"skuID"`
	SpecID          Text      `json:"specId"`
	SkuInfos        []SkuInfo `json:"skuInfos"`
	Status          Text      `json:"status"`
	StatusStr       Text      `json:"statusStr"`
	RefundStatus    Text      `json:"refundStatus"`
	LogisticsStatus Int       `json:"logisticsStatus"`
	SubItemID       ID        `json:"subItemIDString"`
	Unit            Text      `json:"unit"`
}

// LogisticsItem is one shipment of an order.
type LogisticsItem struct {
	LogisticsID          Text `json:"logisticsId"`
	LogisticsCode        Text `json:"logisticsCode"`
	LogisticsCompanyName Text `json:"logisticsCompanyName"`
	LogisticsBillNo      Text `json:"logisticsBillNo"`
	DeliveredTime        Time `json:"deliveredTime"`
	SubItemIDs           Text `json:"subItemIds"`
	Status               Text `json:"status"`
}

// NativeLogistics is the order's domestic address and shipments.
type NativeLogistics struct {
	Address        Text            `json:"address"`
	Area           Text            `json:"area"`
	City           Text            `json:"city"`
	Province       Text            `json:"province"`
	Town           Text            `json:"town"`
	Zip            Text            `json:"zip"`
	ContactPerson  Text            `json:"contactPerson"`
	Mobile         Text            `json:"mobile"`
	LogisticsItems []LogisticsItem `json:"logisticsItems"`
}

// Order is one order as the list and detail endpoints answer it: 1688's
// TradeInfo, or Xport's push-message shape (reference §6.1), which has no
// product lines and no outOrderId. Both are recognised by their keys;
// anything else is counted as unreadable, never shown as an empty order.
type Order struct {
	BaseInfo        BaseInfo        `json:"baseInfo"`
	TradeTerms      []TradeTerm     `json:"tradeTerms"`
	ProductItems    []ProductItem   `json:"productItems"`
	NativeLogistics NativeLogistics `json:"nativeLogistics"`
	// OrderNo is Xport's purchase order number (push shape only).
	OrderNo Text `json:"-"`
	// Shape is OrderShapeTradeInfo, OrderShapePush or "" (unreadable).
	Shape string `json:"-"`
	// CarriesOutOrderID is true when the answer had an outOrderId field
	// for this order: only then can a look-up by outOrderId prove absence.
	CarriesOutOrderID bool `json:"-"`
}

// The order shapes the decoder recognises.
const (
	OrderShapeTradeInfo = "1688 TradeInfo"
	OrderShapePush      = "Xport push message"
)

// UnmarshalJSON recognises the shape by its keys.
func (o *Order) UnmarshalJSON(b []byte) error {
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(b, &probe); err != nil {
		return err
	}
	if bi, ok := probe["baseInfo"]; ok {
		type plain Order
		var p plain
		if err := json.Unmarshal(b, &p); err != nil {
			return err
		}
		*o = Order(p)
		o.Shape = OrderShapeTradeInfo
		var keys map[string]json.RawMessage
		if json.Unmarshal(bi, &keys) == nil {
			_, o.CarriesOutOrderID = keys["outOrderId"]
		}
		return nil
	}
	_, hasID := probe["orderId"]
	_, hasStatus := probe["orderStatus"]
	if hasID && hasStatus {
		return o.fromPush(b)
	}
	*o = Order{}
	return nil
}

// fromPush reads Xport's push-shaped order [DOC: the ORDER_* message
// bodies]; its amounts are documented fen whatever the setting says.
func (o *Order) fromPush(b []byte) error {
	var p struct {
		OrderID       ID     `json:"orderId"`
		OrderNo       Text   `json:"orderNo"`
		OrderStatus   Text   `json:"orderStatus"`
		PayStatus     Text   `json:"payStatus"`
		TotalAmount   Amount `json:"totalAmount"`
		ShippingFee   Amount `json:"shippingFee"`
		ProductAmount Amount `json:"productAmount"`
		RefundAmount  Amount `json:"refundAmount"`
		RefundStatus  Text   `json:"refundStatus"`
		CloseReason   Text   `json:"closeReason"`
		CreateTime    Time   `json:"tbCreateTime"`
		PayTime       Time   `json:"payTime"`
	}
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	for _, a := range []*Amount{&p.TotalAmount, &p.ShippingFee, &p.ProductAmount, &p.RefundAmount} {
		a.unit = UnitFen
	}
	*o = Order{
		BaseInfo: BaseInfo{
			IDOfStr: p.OrderID, Status: Text(pushStatus(string(p.OrderStatus))),
			TotalAmount: p.TotalAmount, ShippingFee: p.ShippingFee, SumProductPayment: p.ProductAmount,
			Refund: p.RefundAmount, RefundStatus: p.RefundStatus, CloseReason: p.CloseReason,
			CreateTime: p.CreateTime, PayTime: p.PayTime,
		},
		TradeTerms: []TradeTerm{{PayStatus: p.PayStatus, PayTime: p.PayTime, PhasAmount: p.TotalAmount}},
		OrderNo:    p.OrderNo,
		Shape:      OrderShapePush,
	}
	return nil
}

// pushStatus maps Xport's order statuses to 1688's, which the desk reads
// (reference §9.1). An unknown one is kept as sent, so it shows as unknown.
func pushStatus(s string) string {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "WAITING_FOR_PAYMENT":
		return "waitbuyerpay"
	case "WAITING_FOR_SENT":
		return "waitsellersend"
	case "WAITING_FOR_RECEIVE":
		return "waitbuyerreceive"
	case "SUCCESS":
		return "success"
	case "CANCEL":
		return "cancel"
	}
	return s
}

// Resolve reads every amount of the order in unit (the client does it
// with the configured one). Discount is documented
// fen in 1688's TradeInfo, whatever the other amounts are.
func (o *Order) Resolve(unit string) {
	b := &o.BaseInfo
	b.Discount.unit = UnitFen
	for _, a := range []*Amount{&b.TotalAmount, &b.ShippingFee, &b.SumProductPayment, &b.Discount, &b.Refund} {
		a.resolve(unit)
	}
	for i := range o.TradeTerms {
		o.TradeTerms[i].PhasAmount.resolve(unit)
	}
	for i := range o.ProductItems {
		o.ProductItems[i].ItemAmount.resolve(unit)
		o.ProductItems[i].Price.resolve(unit)
	}
}

// AmountError says which amount of the order does not fit its unit, and
// the setting that may fix it; nil when every amount sent is readable.
func (o *Order) AmountError() error {
	b := o.BaseInfo
	check := []struct {
		name string
		a    Amount
	}{{"totalAmount", b.TotalAmount}, {"shippingFee", b.ShippingFee}, {"sumProductPayment", b.SumProductPayment}, {"discount", b.Discount}, {"refund", b.Refund}}
	for _, it := range o.ProductItems {
		check = append(check, struct {
			name string
			a    Amount
		}{"itemAmount", it.ItemAmount}, struct {
			name string
			a    Amount
		}{"price", it.Price})
	}
	for _, c := range check {
		if err := c.a.Err(); err != nil {
			// What to do depends on the backend (Backend.AmountUnitFix).
			return &ShapeError{What: "the order's " + c.name + " " + err.Error()}
		}
	}
	return nil
}

// OrderQuery filters the order list.
type OrderQuery struct {
	// Status is one of the server-side filters 1688 accepts: success,
	// cancel, waitbuyerpay, waitsellersend, waitbuyerreceive; or "".
	Status     string
	Page       int
	PageSize   int
	OrderIDs   []string
	OutOrderID string
}

// OrderPage is a page of orders. [INF] Xport may answer in its own page
// shape (totalRecords/data) or in 1688's (totalRecord/result); both are
// read, and a page with neither list is not a page.
type OrderPage struct {
	TotalRecords int64
	CurrentPage  int64
	Orders       []Order
	// Recognized is true when the answer had a list of orders under a key
	// the desk knows (data or result), even an empty one.
	Recognized bool
	// Unreadable counts orders in a shape the desk does not know; they are
	// not in Orders.
	Unreadable int
}

// UnmarshalJSON reads either page shape.
func (p *OrderPage) UnmarshalJSON(b []byte) error {
	var raw struct {
		TotalRecords Int             `json:"totalRecords"`
		TotalRecord  Int             `json:"totalRecord"`
		CurrentPage  Int             `json:"currentPage"`
		Data         json.RawMessage `json:"data"`
		Result       json.RawMessage `json:"result"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*p = OrderPage{TotalRecords: int64(raw.TotalRecords), CurrentPage: int64(raw.CurrentPage)}
	if p.TotalRecords == 0 {
		p.TotalRecords = int64(raw.TotalRecord)
	}
	list := raw.Data
	if !isArray(list) {
		list = raw.Result
	}
	if !isArray(list) {
		return nil
	}
	var orders []Order
	if err := json.Unmarshal(list, &orders); err != nil {
		return err
	}
	p.Recognized = true
	for _, o := range orders {
		if o.Shape == "" {
			p.Unreadable++
			continue
		}
		p.Orders = append(p.Orders, o)
	}
	return nil
}

func isArray(b json.RawMessage) bool {
	t := bytes.TrimSpace(b)
	return len(t) > 0 && t[0] == '['
}

// LookUp is what a look-up by outOrderId found.
type LookUp struct {
	// Orders are the orders carrying the outOrderId searched.
	Orders []Order
	// Absent is true when there is no such order and the answers prove it
	// (at the time they were given): their shape was recognised, and this
	// account's orders carry the outOrderId field, so an empty filtered
	// list means none rather than "the service ignores the filter" or "the
	// service does not know the field".
	Absent bool
	// Why says, when there is no order and no proof, why the answers could
	// not prove absence.
	Why string
}

// OrderIDs lists the ids of the orders found.
func (l *LookUp) OrderIDs() []string {
	var ids []string
	seen := map[string]bool{}
	for _, o := range l.Orders {
		if id := o.BaseInfo.OrderIDString(); id != "" && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids
}

// LogisticsStep is one event of a trace.
type LogisticsStep struct {
	AcceptTime Time `json:"acceptTime"`
	Remark     Text `json:"remark"`
}

// LogisticsTrace is one parcel's trace [1688 getLogisticsTraceInfo].
type LogisticsTrace struct {
	LogisticsID          Text            `json:"logisticsId"`
	OrderID              ID              `json:"orderId"`
	LogisticsBillNo      Text            `json:"logisticsBillNo"`
	LogisticsCompanyName Text            `json:"logisticsCompanyName"`
	Steps                []LogisticsStep `json:"logisticsSteps"`
}
