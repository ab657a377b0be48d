package sandbox

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"caigou/xport"
)

// The account side: the shipping addresses of the (single) sandbox buyer
// and the IM link decrypt.

// addressBook holds the account's addresses under its own mutex, apart
// from the order book, so an address save never waits on an order.
type addressBook struct {
	mu     sync.Mutex
	nextID int64
	list   []acctAddress
}

type acctAddress struct {
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	Phone        string `json:"phone"`
	Province     string `json:"province"`
	City         string `json:"city"`
	District     string `json:"district"`
	Town         string `json:"town"`
	Address      string `json:"address"`
	PostCode     string `json:"postCode"`
	DistrictCode string `json:"districtCode"`
	IsDefault    bool   `json:"isDefault"`
}

// newAddressBook starts with the two warehouses a sourcing agent most
// often ships to: a forwarder in Guangzhou's Baiyun district (near the
// airport and the consolidators) and one in Yiwu, next to the market.
func newAddressBook() *addressBook {
	return &addressBook{
		nextID: 300003,
		list: []acctAddress{
			{
				ID: 300001, Name: "陈志强", Phone: "13800001688",
				Province: "广东省", City: "广州市", District: "白云区", Town: "人和镇",
				Address: "鹤龙一路88号 集运仓3号库 (客户编码 CG1001)", PostCode: "510470", DistrictCode: "440111",
				IsDefault: true,
			},
			{
				ID: 300002, Name: "王丽", Phone: "13800002579",
				Province: "浙江省", City: "金华市", District: "义乌市", Town: "福田街道",
				Address: "春晗路1号 国际商贸城物流中心B区12号 (唛头 CG-YW)", PostCode: "322000", DistrictCode: "330782",
			},
		},
	}
}

func (s *Server) handleAddressList(r *http.Request, body []byte) (any, *apiErr) {
	b := s.book
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]acctAddress{}, b.list...), nil
}

type acctAddressIn struct {
	ID           xport.ID    `json:"id"`
	Name         xport.Text  `json:"name"`
	Phone        xport.Text  `json:"phone"`
	Province     xport.Text  `json:"province"`
	City         xport.Text  `json:"city"`
	District     xport.Text  `json:"district"`
	Town         xport.Text  `json:"town"`
	Address      xport.Text  `json:"address"`
	PostCode     xport.Text  `json:"postCode"`
	DistrictCode xport.Text  `json:"districtCode"`
	IsDefault    *xport.Bool `json:"isDefault"`
}

func (s *Server) handleAddressSave(r *http.Request, body []byte) (any, *apiErr) {
	var in acctAddressIn
	if e := decode(body, &in); e != nil {
		return nil, e
	}
	t := func(v xport.Text) string { return strings.TrimSpace(string(v)) }
	a := acctAddress{
		Name: t(in.Name), Phone: t(in.Phone), Province: t(in.Province), City: t(in.City),
		District: t(in.District), Town: t(in.Town), Address: t(in.Address),
		PostCode: t(in.PostCode), DistrictCode: t(in.DistrictCode),
	}
	if e := acctValidate(a); e != nil {
		return nil, e
	}
	// id 0 or absent creates, as the sibling's addOrUpdate documents.
	var id int64
	if raw := strings.TrimSpace(string(in.ID)); raw != "" && raw != "0" {
		n, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || n < 0 {
			return nil, errf(http.StatusOK, "400", "id: %q is not an address id", raw)
		}
		id = n
	}
	b := s.book
	b.mu.Lock()
	defer b.mu.Unlock()
	at := -1
	if id != 0 {
		for i := range b.list {
			if b.list[i].ID == id {
				at = i
			}
		}
		if at < 0 {
			return nil, errf(http.StatusOK, "404", "地址不存在 address %d not found", id)
		}
		a.ID = id
		a.IsDefault = b.list[at].IsDefault
		b.list[at] = a
	} else {
		a.ID = b.nextID
		b.nextID++
		a.IsDefault = len(b.list) == 0
		b.list = append(b.list, a)
		at = len(b.list) - 1
	}
	if in.IsDefault != nil && bool(*in.IsDefault) {
		for i := range b.list {
			b.list[i].IsDefault = i == at
		}
	}
	return map[string]any{"id": a.ID}, nil
}

// acctValidate names the first bad field, in the sibling's Chinese labels
// and in English, so the desk can point at it.
func acctValidate(a acctAddress) *apiErr {
	for _, f := range []struct{ key, zh, v string }{
		{"name", "收件人", a.Name},
		{"phone", "手机号码", a.Phone},
		{"province", "省份名", a.Province},
		{"city", "城市名", a.City},
		{"address", "详细地址", a.Address},
	} {
		if f.v == "" {
			return errf(http.StatusOK, "400", "%s: %s不能为空 is required", f.key, f.zh)
		}
	}
	if len(a.Phone) != 11 || a.Phone[0] != '1' || strings.Trim(a.Phone, "0123456789") != "" {
		return errf(http.StatusOK, "400", "phone: 手机号码格式错误 must be an 11-digit mobile number starting with 1, got %q", a.Phone)
	}
	if a.PostCode != "" && (len(a.PostCode) != 6 || strings.Trim(a.PostCode, "0123456789") != "") {
		return errf(http.StatusOK, "400", "postCode: 邮编格式错误 must be 6 digits, got %q", a.PostCode)
	}
	if a.DistrictCode != "" && (len(a.DistrictCode) != 6 || strings.Trim(a.DistrictCode, "0123456789") != "") {
		return errf(http.StatusOK, "400", "districtCode: 地区编码格式错误 must be a 6-digit area code, got %q", a.DistrictCode)
	}
	if utf8.RuneCountInString(a.Name) > 50 {
		return errf(http.StatusOK, "400", "name: 收件人最多50个字 is longer than 50 characters")
	}
	if utf8.RuneCountInString(a.Address) > ordMaxAddressLen {
		return errf(http.StatusOK, "400", "address: 详细地址最多%d个字 is longer than %d characters", ordMaxAddressLen, ordMaxAddressLen)
	}
	return nil
}

type acctIMIn struct {
	OpenUID xport.Text `json:"openUid"`
	OfferID xport.Text `json:"offerId"`
}

// handleIMDecrypt answers the chat link in the documented shape, with the
// query values percent-encoded so the Chinese nick survives any URL parser
// (the documented example shows it raw).
func (s *Server) handleIMDecrypt(r *http.Request, body []byte) (any, *apiErr) {
	var in acctIMIn
	if e := decode(body, &in); e != nil {
		return nil, e
	}
	uid, offer := strings.TrimSpace(string(in.OpenUID)), strings.TrimSpace(string(in.OfferID))
	if uid == "" {
		return nil, errf(http.StatusOK, "400", "openUid is required")
	}
	if offer == "" {
		return nil, errf(http.StatusOK, "400", "offerId is required")
	}
	seller := s.cat.SellerByOpen[uid]
	if seller == nil {
		return nil, errf(http.StatusOK, "404", "openUid解密失败 no seller has openUid %s", uid)
	}
	nick := seller.Wangwang
	if nick == "" {
		nick = ordSellerName(seller)
	}
	touid := url.QueryEscape("cnalichn" + nick)
	if s.opts.Hostile {
		// As the documented example does, the nick goes in raw, and a
		// hostile nick's escape sequences with it: the desk must clean
		// the link before it prints, links or copies it.
		touid = "cnalichn" + nick
	}
	// Built by hand, not with url.Values, to keep the documented parameter
	// order (Values.Encode sorts the keys).
	link := "https://air.1688.com/app/ocms-fusion-components-1688/def_cbu_web_im/index.html" +
		"?touid=" + touid +
		"&siteid=cnalichn&status=1&offerId=" + url.QueryEscape(offer)
	return map[string]string{"wangwangUrl": link}, nil
}
