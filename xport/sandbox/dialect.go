package sandbox

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"caigou/xport"
)

// Dialects are plausible wire formats a live Xport account might use where
// the reference could only infer one (xport-api.md [INF] and [SIB] facts).
// The default dialect answers in the shapes the client guesses first; each
// trait moves one guess to another plausible answer, so a test run against
// it proves the client copes with that answer instead of only with its own
// guess. Traits compose: "1688+lost" is a 1688-shaped account whose create
// answers get lost.
type Dialect struct {
	// Is1688 ("1688") passes 1688's own result objects through: the
	// inferred endpoints answer {success, code, message, result} inside
	// data, ids are JSON numbers, order amounts yuan strings, the freight
	// query is nested as 1688 names it, pay wants numeric ids and the
	// trace lives at …/logistics/trace.
	Is1688 bool
	// Push ("push") answers orders in Xport's push-message shape
	// (reference §6.1): flat, fen, no outOrderId, and the list ignores the
	// outOrderId filter.
	Push bool
	// StrictMS ("strict-ms") takes only a 13-digit millisecond timestamp
	// and answers auth failures with the gateway code 10001.
	StrictMS bool
	// Sibling ("sibling") answers success as the PandaPon sibling does:
	// code 0, msg "success", and a bare {code, msg} for an address save.
	Sibling bool
	// Lost ("lost") accepts a create and never answers it; the create
	// takes effect later (LostDelay, or FlushLost).
	Lost bool
	// NoDedupe ("nodedupe") makes every create place its own order even
	// when its outOrderId was used before, so a test can prove the client
	// never sends the same create twice.
	NoDedupe bool
	// LostDelay is, with Lost, how long after receiving a create it
	// commits. 0 means only when FlushLost is called.
	LostDelay time.Duration
}

type dialectTrait struct {
	name string
	flag func(*Dialect) *bool
}

// dialectTraits is the one table of trait names, in their canonical
// (alphabetical) order.
func dialectTraits() []dialectTrait {
	return []dialectTrait{
		{"1688", func(d *Dialect) *bool { return &d.Is1688 }},
		{"lost", func(d *Dialect) *bool { return &d.Lost }},
		{"nodedupe", func(d *Dialect) *bool { return &d.NoDedupe }},
		{"push", func(d *Dialect) *bool { return &d.Push }},
		{"sibling", func(d *Dialect) *bool { return &d.Sibling }},
		{"strict-ms", func(d *Dialect) *bool { return &d.StrictMS }},
	}
}

// DialectNames lists the trait names ParseDialect accepts besides
// "default", in canonical order.
func DialectNames() []string {
	var out []string
	for _, t := range dialectTraits() {
		out = append(out, t.name)
	}
	return out
}

// ParseDialect reads a dialect: "" or "default" for the zero Dialect, or
// trait names joined by "+" or ",", such as "lost+push" or "lost,nodedupe".
// LostDelay is not part of the name; set it separately.
func ParseDialect(s string) (Dialect, error) {
	var d Dialect
	names := strings.Join(DialectNames(), ", ")
	traits := dialectTraits()
	seen := 0
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == '+' || r == ',' }) {
		name := strings.ToLower(strings.TrimSpace(part))
		if name == "" {
			continue
		}
		seen++
		if name == "default" {
			continue
		}
		i := slices.IndexFunc(traits, func(t dialectTrait) bool { return t.name == name })
		if i < 0 {
			return Dialect{}, fmt.Errorf("unknown dialect %q: use default or any of %s, joined by + (e.g. lost+push)", strings.TrimSpace(part), names)
		}
		*traits[i].flag(&d) = true
	}
	if seen == 0 && strings.TrimSpace(s) != "" {
		return Dialect{}, fmt.Errorf("no dialect in %q: use default or any of %s, joined by +", s, names)
	}
	return d, nil
}

// String is the canonical name ("lost+push"), "default" for the zero
// dialect. LostDelay is not part of it.
func (d Dialect) String() string {
	var on []string
	for _, t := range dialectTraits() {
		if *t.flag(&d) {
			on = append(on, t.name)
		}
	}
	if len(on) == 0 {
		return "default"
	}
	return strings.Join(on, "+")
}

// 1688's trace path: getLogisticsTraceInfo is a trace, and an account that
// passes 1688 through names it so (the nav only shows
// /alibaba/ka/order/logistics…, cut off).
const trace1688Path = "/alibaba/ka/order/logistics/trace"

// path is where the dialect serves an endpoint whose default path is p.
func (d Dialect) path(ep xport.Endpoint, p string) string {
	if d.Is1688 && ep == xport.EpLogistics {
		return trace1688Path
	}
	return p
}

// ---- envelope ----

// okEnvelope is the success answer. The sibling platform writes success as
// code 0 (reference §1.3 [SIB]) and its address save as a bare {code, msg}
// (§5.5): with no data, the client learns a new address's id only by
// listing the addresses again.
func (s *Server) okEnvelope(rid string, ep xport.Endpoint, data any) ([]byte, error) {
	if s.opts.Dialect.Sibling {
		if ep == xport.EpAddressSave {
			return json.Marshal(struct {
				Code int    `json:"code"`
				Msg  string `json:"msg"`
			}{0, "success"})
		}
		return json.Marshal(envelope{RequestID: rid, Code: 0, DevelopID: DemoDevelopID, Msg: "success", Data: data})
	}
	return json.Marshal(envelope{RequestID: rid, Code: 200, DevelopID: DemoDevelopID, Msg: "成功", Data: data})
}

// authErr is an authentication refusal. A gateway strict about the
// timestamp unit answers in its own numeric code space (10001), not an
// HTTP-like 401, so a client that reads only 401/403 as auth misses it.
func (s *Server) authErr(msg string) *apiErr {
	if s.opts.Dialect.StrictMS {
		return errf(http.StatusOK, "10001", "%s", msg)
	}
	return errf(http.StatusOK, "401", "%s", msg)
}

// checkTimestampUnit refuses a seconds timestamp in strict-ms. The default
// takes both units, as the reference (§2.4) leaves the unit open.
func (s *Server) checkTimestampUnit(ts string) *apiErr {
	if s.opts.Dialect.StrictMS && len(ts) != 13 {
		return errf(http.StatusOK, "10001", "时间戳格式错误 invalid timestamp: use milliseconds")
	}
	return nil
}

// ---- 1688 result objects ----

// result1688 is the object 1688's APIs answer with; an account that passes
// it through puts it inside data. A refusal is then a success envelope
// whose result says success false, which a client reading only the
// envelope code takes for an empty success.
type result1688 struct {
	Success bool   `json:"success"`
	Code    string `json:"code"`
	Message string `json:"message"`
	Result  any    `json:"result,omitempty"`
}

// page1688 is getBuyerOrderList's paging: result and totalRecord.
type page1688 struct {
	Success     bool   `json:"success"`
	Code        string `json:"code"`
	Message     string `json:"message"`
	Result      any    `json:"result"`
	TotalRecord int64  `json:"totalRecord"`
}

// trace1688 is getLogisticsTraceInfo's answer: no code on success, and
// errorCode/errorMessage instead of code/message on failure, as 1688's
// logistics APIs write it.
type trace1688 struct {
	Success      bool   `json:"success"`
	Result       any    `json:"result,omitempty"`
	ErrorCode    string `json:"errorCode,omitempty"`
	ErrorMessage string `json:"errorMessage,omitempty"`
}

// shape puts a handler's answer into the dialect's form. Only the 1688
// dialect changes anything here; errors before routing (auth, unknown
// path, faults) never come here and keep the default form.
func (s *Server) shape(ep xport.Endpoint, data any, e *apiErr) (any, *apiErr) {
	if !s.opts.Dialect.Is1688 {
		return data, e
	}
	switch ep {
	case xport.EpKeywordSearch, xport.EpImageSearch, xport.EpCategory, xport.EpProductDetail,
		xport.EpDetailMulti, xport.EpFreight, xport.EpOrderDetail, xport.EpOrderCreate, xport.EpOrderPay:
		if e != nil {
			return result1688{Code: e.Code, Message: e.Msg}, nil
		}
		code := "200"
		if ep == xport.EpFreight || ep == xport.EpCategory {
			// The product APIs' own success code in 1688.
			code = "S0000"
		}
		return result1688{Success: true, Code: code, Message: "成功", Result: data}, nil
	case xport.EpOrderList:
		if e != nil {
			return result1688{Code: e.Code, Message: e.Msg}, nil
		}
		p := data.(ordPage)
		return page1688{Success: true, Code: "200", Message: "成功", Result: p.Data, TotalRecord: p.TotalRecords}, nil
	case xport.EpLogistics:
		if e != nil {
			return trace1688{ErrorCode: e.Code, ErrorMessage: strings.TrimPrefix(e.Msg, e.Code+": ")}, nil
		}
		return trace1688{Success: true, Result: data}, nil
	}
	return data, e
}

// idOut writes an id of the create and pay answers: a string by default
// (as Xport's own push bodies write orderId), a JSON number in 1688, whose
// ids are Longs. An empty id is null there.
func (s *Server) idOut(id string) any {
	if !s.opts.Dialect.Is1688 {
		return id
	}
	if id == "" {
		return nil
	}
	return ordWireID(id)
}

// ---- order amounts ----

// ordAmount is an order-side amount as the dialect writes it: integer fen
// by default (Xport's own unit, as in its preview, create and push bodies)
// or 1688 TradeInfo's yuan decimal string.
type ordAmount struct {
	Fen  xport.Fen
	Yuan bool
}

// MarshalJSON implements json.Marshaler.
func (a ordAmount) MarshalJSON() ([]byte, error) {
	if a.Yuan {
		return json.Marshal(a.Fen.Yuan())
	}
	return strconv.AppendInt(nil, int64(a.Fen), 10), nil
}

func (s *Server) amount(f xport.Fen) ordAmount {
	return ordAmount{Fen: f, Yuan: s.opts.Dialect.Is1688}
}

// ---- push-shaped orders ----

// ordPushOrder is an order in the shape of Xport's push messages
// (reference §6.1): what an account answers when its order APIs return
// Xport's own order rather than 1688's TradeInfo. It has no outOrderId,
// so a client cannot check a look-up's answer against it.
type ordPushOrder struct {
	OrderID       string    `json:"orderId"`
	OrderNo       string    `json:"orderNo"`
	OrderStatus   string    `json:"orderStatus"`
	PayStatus     int       `json:"payStatus"`
	TotalAmount   xport.Fen `json:"totalAmount"`
	ShippingFee   xport.Fen `json:"shippingFee"`
	ProductAmount xport.Fen `json:"productAmount"`
	RefundAmount  xport.Fen `json:"refundAmount"`
	RefundStatus  *string   `json:"refundStatus"`
	CloseReason   *string   `json:"closeReason"`
	TbCreateTime  string    `json:"tbCreateTime"`
	PayTime       *string   `json:"payTime"`
}

// pushStatus maps 1688's status to Xport's (reference §9.1; the documented
// values are WAITING_FOR_PAYMENT, WAITING_FOR_SENT and CANCEL, the others
// follow their pattern).
func pushStatus(s string) string {
	switch s {
	case "waitbuyerpay":
		return "WAITING_FOR_PAYMENT"
	case "waitsellersend":
		return "WAITING_FOR_SENT"
	case "waitbuyerreceive":
		return "WAITING_FOR_RECEIVE"
	case "success", "confirm_goods":
		return "SUCCESS"
	case "cancel", "terminated":
		return "CANCEL"
	}
	return strings.ToUpper(s)
}

func pushTime(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.In(orderZone).Format("2006-01-02 15:04:05")
	return &s
}

func (ob *orderBook) pushView(o *bookOrder, now time.Time) ordPushOrder {
	st := o.state(now)
	p := ordPushOrder{
		OrderID: o.ID,
		// PO + the day + a sequence, like the documented PO202605200001.
		OrderNo:       fmt.Sprintf("PO%s%04d", o.Created.In(orderZone).Format("20060102"), o.Seq),
		OrderStatus:   pushStatus(st.status),
		PayStatus:     1,
		TotalAmount:   o.Goods + o.Freight,
		ShippingFee:   o.Freight,
		ProductAmount: o.Goods,
		TbCreateTime:  *pushTime(o.Created),
		PayTime:       pushTime(o.Paid),
	}
	if !o.Paid.IsZero() {
		p.PayStatus = 2
	}
	if st.closeReason != "" {
		// The push writes close reasons in lower case (buyer_cancel).
		r := strings.ToLower(st.closeReason)
		p.CloseReason = &r
	}
	return p
}

// render is an order as the dialect answers it in the list and detail.
func (ob *orderBook) render(o *bookOrder, now time.Time) any {
	if ob.s.opts.Dialect.Push {
		return ob.pushView(o, now)
	}
	return ob.view(o, now)
}

// ---- request bodies ----

// freightReq is the freight query (1688 product.freight.estimate's
// ProductFreightQueryParamsNew).
type freightReq struct {
	OfferID        xport.ID   `json:"offerId"`
	ToProvinceCode xport.Text `json:"toProvinceCode"`
	ToCityCode     xport.Text `json:"toCityCode"`
	ToCountryCode  xport.Text `json:"toCountryCode"`
	TotalNum       xport.Int  `json:"totalNum"`
	SKUs           []struct {
		SkuID  xport.ID  `json:"skuId"`
		Number xport.Int `json:"number"`
	} `json:"logisticsSkuNumModels"`
}

const freightNest = "productFreightQueryParamsNew"

// decodeFreight reads the freight query where the dialect expects it: flat
// by default, nested under productFreightQueryParamsNew in 1688, which
// names its parameter object so. Each refuses the other form, naming what
// it expected, so a client sending the wrong one learns which is right.
func (s *Server) decodeFreight(body []byte, req *freightReq) *apiErr {
	var probe map[string]json.RawMessage
	if e := decode(body, &probe); e != nil {
		return e
	}
	nested, ok := probe[freightNest]
	has := ok && !bytes.Equal(bytes.TrimSpace(nested), []byte("null"))
	if s.opts.Dialect.Is1688 {
		if !has {
			return errf(http.StatusOK, "400", "productFreightQueryParamsNew is required 参数错误")
		}
		return decode(nested, req)
	}
	if has {
		return bad("参数错误 offerId is required: send offerId, toProvinceCode, totalNum and logisticsSkuNumModels at the top level of the body, not under %s", freightNest)
	}
	return decode(body, req)
}

// checkPayIDs refuses string order ids in 1688, where orderIdList is a
// List<Long>. The default takes strings and numbers.
func (s *Server) checkPayIDs(body []byte) *apiErr {
	if !s.opts.Dialect.Is1688 {
		return nil
	}
	var in struct {
		List json.RawMessage `json:"orderIdList"`
	}
	if e := decode(body, &in); e != nil {
		return e
	}
	raw := bytes.TrimSpace(in.List)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return nil // absent: the handler says it is required
	}
	refuse := errf(http.StatusOK, "400", "orderIdList: 参数类型错误, expects numbers")
	var items []json.RawMessage
	if json.Unmarshal(raw, &items) != nil {
		return refuse
	}
	for _, it := range items {
		if it = bytes.TrimSpace(it); len(it) == 0 || (it[0] != '-' && (it[0] < '0' || it[0] > '9')) {
			return refuse
		}
	}
	return nil
}

// ---- the gateway's own answers ----

// writeNotFound answers an unknown path as the gateway in front of the API
// does (a Spring Boot error body, HTTP 404): not the envelope, so a client
// can tell a wrong path from the API's own "not found".
func (s *Server) writeNotFound(w http.ResponseWriter, r *http.Request) {
	b, _ := json.Marshal(struct {
		Timestamp string `json:"timestamp"`
		Status    int    `json:"status"`
		Error     string `json:"error"`
		Path      string `json:"path"`
	}{s.wall().UTC().Format("2006-01-02T15:04:05.000+00:00"), http.StatusNotFound, "Not Found", r.URL.Path})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusNotFound)
	w.Write(b)
}
