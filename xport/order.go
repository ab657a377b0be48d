package xport

import (
	"context"
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

func (r OrderRequest) check() error {
	if len(r.Cargo) == 0 {
		return errors.New("the order has no lines")
	}
	for _, c := range r.Cargo {
		if c.OfferID == "" || c.Quantity <= 0 {
			return fmt.Errorf("order line %q: needs an offer and a quantity above zero", c.OfferID)
		}
	}
	if strings.TrimSpace(r.Address.FullName) == "" || strings.TrimSpace(r.Address.Address) == "" {
		return errors.New("the order has no shipping address; pick one first")
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
	FlowFlag       Text `json:"flowFlag"`
	TradeModelList []struct {
		Name      Text `json:"name"`
		TradeType Text `json:"tradeType"`
		OpSupport Bool `json:"opSupport"`
	} `json:"tradeModelList"`
}

// PreviewOrder validates an order and prices it. The preview is mandatory
// before create. Refusals come back as an *APIError whose Rule is a 1688
// code such as "500_005".
func (c *Client) PreviewOrder(ctx context.Context, r OrderRequest) ([]Preview, error) {
	if r.Flow == "" {
		r.Flow = c.cfg.Flow
	}
	if err := r.check(); err != nil {
		return nil, err
	}
	var out []Preview
	if _, err := c.call(ctx, EpOrderPreview, r, &out); err != nil {
		return nil, err
	}
	return out, nil
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

// CreateOrder places an order. It is never retried: after an error for
// which OutcomeUnknown is true the caller must look the OutOrderID up
// (FindByOutOrderID) before sending anything again. OutOrderID is required
// for exactly that reason.
func (c *Client) CreateOrder(ctx context.Context, r OrderRequest) (*CreateResult, error) {
	if r.Flow == "" {
		r.Flow = c.cfg.Flow
	}
	if strings.TrimSpace(r.OutOrderID) == "" {
		return nil, errors.New("an order needs an outOrderId so a lost answer can be looked up instead of ordering twice")
	}
	if err := r.check(); err != nil {
		return nil, err
	}
	var out CreateResult
	meta, err := c.call(ctx, EpOrderCreate, r, &out)
	out.RequestID = meta.RequestID
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// PayResult is the answer of pay [SIB: PandaPon's pay url answer].
type PayResult struct {
	OrderID            ID      `json:"orderId"`
	PayURL             Text    `json:"payUrl"`
	ProtocolPaySuccess Bool    `json:"protocolPaySuccess"`
	CantPayOrderList   Strings `json:"cantPayOrderList"`
}

// MaxPayBatch is how many orders one payment may cover (the Xport admin's
// batch-pay cap, 1688-rules §2.8).
const MaxPayBatch = 10

// PayOrders asks for a payment link for up to MaxPayBatch orders [INF body:
// orderIdList, as 1688's alipay.url.get]. Never retried.
func (c *Client) PayOrders(ctx context.Context, orderIDs []string) (*PayResult, error) {
	if len(orderIDs) == 0 {
		return nil, errors.New("choose at least one order to pay")
	}
	if len(orderIDs) > MaxPayBatch {
		return nil, fmt.Errorf("at most %d orders can be paid at once; you chose %d", MaxPayBatch, len(orderIDs))
	}
	body := map[string]any{"orderIdList": orderIDs}
	var out PayResult
	if _, err := c.call(ctx, EpOrderPay, body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

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
	TotalAmount       Yuan          `json:"totalAmount"`
	ShippingFee       Yuan          `json:"shippingFee"`
	SumProductPayment Yuan          `json:"sumProductPayment"`
	Discount          Fen           `json:"discount"`
	Refund            Yuan          `json:"refund"`
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
	PayStatus  Text `json:"payStatus"`
	PayTime    Time `json:"payTime"`
	PayWay     Text `json:"payWay"`
	PhasAmount Yuan `json:"phasAmount"`
	Phase      Text `json:"phase"`
	PayWayDesc Text `json:"payWayDesc"`
}

// SkuInfo is one SKU axis on an order line.
type SkuInfo struct {
	Name  Text `json:"name"`
	Value Text `json:"value"`
}

// ProductItem is one order line.
type ProductItem struct {
	ItemAmount      Yuan      `json:"itemAmount"`
	Name            Text      `json:"name"`
	Price           Yuan      `json:"price"`
	ProductID       ID        `json:"productID"`
	ProductImgURL   Strings   `json:"productImgUrl"`
	Quantity        Int       `json:"quantity"`
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

// Order is 1688's TradeInfo.
type Order struct {
	BaseInfo        BaseInfo        `json:"baseInfo"`
	TradeTerms      []TradeTerm     `json:"tradeTerms"`
	ProductItems    []ProductItem   `json:"productItems"`
	NativeLogistics NativeLogistics `json:"nativeLogistics"`
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
// read.
type OrderPage struct {
	TotalRecords int64
	CurrentPage  int64
	Orders       []Order
}

// UnmarshalJSON reads either page shape.
func (p *OrderPage) UnmarshalJSON(b []byte) error {
	var raw struct {
		TotalRecords Int     `json:"totalRecords"`
		TotalRecord  Int     `json:"totalRecord"`
		CurrentPage  Int     `json:"currentPage"`
		Data         []Order `json:"data"`
		Result       []Order `json:"result"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	p.TotalRecords = int64(raw.TotalRecords)
	if p.TotalRecords == 0 {
		p.TotalRecords = int64(raw.TotalRecord)
	}
	p.CurrentPage = int64(raw.CurrentPage)
	p.Orders = raw.Data
	if len(p.Orders) == 0 {
		p.Orders = raw.Result
	}
	return nil
}

// ListOrders lists the buyer's orders [INF body after 1688's
// getBuyerOrderList].
func (c *Client) ListOrders(ctx context.Context, q OrderQuery) (*OrderPage, error) {
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
	var out OrderPage
	if _, err := c.call(ctx, EpOrderList, body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// FindByOutOrderID looks up the orders created under one outOrderId. It is
// how an ambiguous create is resolved: an empty answer means the create did
// not take effect.
func (c *Client) FindByOutOrderID(ctx context.Context, outOrderID string) ([]Order, error) {
	if outOrderID == "" {
		return nil, errors.New("no outOrderId to look up")
	}
	page, err := c.ListOrders(ctx, OrderQuery{OutOrderID: outOrderID, PageSize: 50})
	if err != nil {
		return nil, err
	}
	// Filter here too: a server that ignores the parameter must not make us
	// think an unrelated order is ours.
	var out []Order
	for _, o := range page.Orders {
		if string(o.BaseInfo.OutOrderID) == outOrderID {
			out = append(out, o)
		}
	}
	return out, nil
}

// OrderDetail fetches one order [INF body: orderId].
func (c *Client) OrderDetail(ctx context.Context, orderID string) (*Order, error) {
	if orderID == "" {
		return nil, errors.New("no order id")
	}
	body := map[string]any{"orderId": orderID, "webSite": "1688"}
	var out Order
	if _, err := c.call(ctx, EpOrderDetail, body, &out); err != nil {
		return nil, err
	}
	return &out, nil
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

// Logistics returns the traces of an order's parcels. An order not yet
// shipped has none; that is not an error. [INF] data may be the list or an
// object holding logisticsTrace; both are read.
func (c *Client) Logistics(ctx context.Context, orderID string) ([]LogisticsTrace, error) {
	if orderID == "" {
		return nil, errors.New("no order id")
	}
	body := map[string]any{"orderId": orderID, "webSite": "1688"}
	var raw json.RawMessage
	if _, err := c.call(ctx, EpLogistics, body, &raw); err != nil {
		// The trace API answers 404 "no tracking info" before an order
		// ships (1688-rules §3.6). Only an envelope 404 means that: a bare
		// HTTP 404 is a wrong path and must be reported.
		var ae *APIError
		if errors.As(err, &ae) && Classify(err) == ClassNotFound {
			return nil, nil
		}
		return nil, err
	}
	return decodeTraces(raw)
}

func decodeTraces(raw json.RawMessage) ([]LogisticsTrace, error) {
	s := strings.TrimSpace(string(raw))
	if s == "" || s == "null" {
		return nil, nil
	}
	if strings.HasPrefix(s, "[") {
		var out []LogisticsTrace
		if err := json.Unmarshal(raw, &out); err != nil {
			return nil, &HTTPError{Endpoint: EpLogistics, Status: 200, Reason: "the trace could not be read", Excerpt: excerpt(raw, 120)}
		}
		return out, nil
	}
	var obj struct {
		LogisticsTrace []LogisticsTrace `json:"logisticsTrace"`
	}
	if err := json.Unmarshal(raw, &obj); err != nil {
		return nil, &HTTPError{Endpoint: EpLogistics, Status: 200, Reason: "the trace could not be read", Excerpt: excerpt(raw, 120)}
	}
	return obj.LogisticsTrace, nil
}
