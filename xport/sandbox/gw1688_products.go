package sandbox

import (
	"encoding/json"
	"hash/fnv"
	"net/http"
	"strconv"
	"strings"
)

// The product and account APIs of the 1688 dialect. Each runs the KA
// handler over the same catalogue and answers its result in 1688's
// envelope: the crossborder APIs under {"result":{success, code, message,
// result}}, alibaba.category.get in its own {succes (sic), categoryInfo}.

const saltGWPrice uint64 = 0x1688

// gwYuan writes a product price as 1688 sometimes does: without trailing
// zeros ("12.5", "12") on about half the offers, chosen by a hash of the
// offer id so an offer always looks the same. Clients must read both.
func gwYuan(offerID, yuan string) string {
	if mix(saltGWPrice, offerID)%2 != 0 || !strings.Contains(yuan, ".") {
		return yuan
	}
	yuan = strings.TrimRight(yuan, "0")
	return strings.TrimSuffix(yuan, ".")
}

func gwQuirkCards(p pageOut) pageOut {
	for i := range p.Data {
		c := &p.Data[i]
		id := string(c.OfferID)
		c.PriceInfo.Price = gwYuan(id, c.PriceInfo.Price)
		if c.PriceInfo.ConsignPrice != nil {
			v := gwYuan(id, *c.PriceInfo.ConsignPrice)
			c.PriceInfo.ConsignPrice = &v
		}
		if c.PriceInfo.PromotionPrice != "" {
			c.PriceInfo.PromotionPrice = gwYuan(id, c.PriceInfo.PromotionPrice)
		}
	}
	return p
}

// gwSearchBody reads offerQueryParam for the KA search handler: sort may
// come as a JSON object ({"price":"asc"}) or as a string holding one.
func gwSearchBody(raw string) ([]byte, *apiErr) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(gwBody(raw), &m); err != nil {
		return nil, bad("参数错误 offerQueryParam is not a JSON object: %v", err)
	}
	if srt, ok := m["sort"]; ok && len(srt) > 0 && srt[0] == '{' {
		b, _ := json.Marshal(string(srt))
		m["sort"] = b
	}
	if c, ok := m["country"]; !ok || string(c) == `""` || string(c) == "null" {
		return nil, bad("参数错误 country不能为空 offerQueryParam.country is required (a language code such as en)")
	}
	b, _ := json.Marshal(m)
	return b, nil
}

func (s *Server) gwKeywordQuery(r *http.Request, p gwParams) any {
	body, e := gwSearchBody(p["offerQueryParam"])
	if e != nil {
		return gwCross(nil, e, "200")
	}
	data, e := s.handleKeywordSearch(r, body)
	if e == nil {
		data = gwQuirkCards(data.(pageOut))
	}
	return gwCross(data, e, "200")
}

// gwImageUpload answers an imageId for uploadImageParam.imageBase64: the
// decimal FNV hash of the image, which imageQuery turns back into the
// same ranking every time.
func (s *Server) gwImageUpload(r *http.Request, p gwParams) any {
	var in struct {
		ImageBase64 string `json:"imageBase64"`
	}
	if err := json.Unmarshal(gwBody(p["uploadImageParam"]), &in); err != nil {
		return gwCross(nil, bad("参数错误 uploadImageParam is not a JSON object"), "200")
	}
	img, err := decodeImage(strings.TrimSpace(in.ImageBase64))
	if err != nil || len(img) == 0 {
		return gwCross(nil, bad("参数错误 imageBase64 is empty or not valid base64"), "200")
	}
	h := fnv.New64a()
	h.Write(img)
	return gwCross(strconv.FormatUint(h.Sum64()>>1, 10), nil, "200")
}

// gwImageQuery: success is the string "true" here, as the API documents.
func (s *Server) gwImageQuery(r *http.Request, p gwParams) any {
	body, e := gwSearchBody(p["offerQueryParam"])
	var data any
	if e == nil {
		var m map[string]json.RawMessage
		json.Unmarshal(body, &m)
		var id, addr string
		json.Unmarshal(m["imageId"], &id)
		json.Unmarshal(m["imageAddress"], &addr)
		if id == "" && len(m["imageId"]) > 0 && m["imageId"][0] != '"' {
			id = string(m["imageId"])
		}
		switch {
		case id != "":
			b, _ := json.Marshal("https://cbu01.alicdn.com/sandbox/upload/" + id + ".jpg")
			m["imageAddress"] = b
		case addr == "":
			e = bad("参数错误 imageId不能为空 imageId is required (upload the image first)")
		}
		if e == nil {
			body, _ = json.Marshal(m)
			data, e = s.handleImageSearch(r, body)
		}
	}
	type strResult struct {
		Success string `json:"success"`
		Code    string `json:"code"`
		Message string `json:"message"`
		Result  any    `json:"result,omitempty"`
	}
	if e != nil {
		return struct {
			Result strResult `json:"result"`
		}{strResult{"false", e.Code, e.Msg, nil}}
	}
	return struct {
		Result strResult `json:"result"`
	}{strResult{"true", "200", "成功", gwQuirkCards(data.(pageOut))}}
}

type gwSkuShipping struct {
	SpecID string      `json:"specId"`
	SkuID  json.Number `json:"skuId"`
	Width  float64     `json:"width,omitempty"`
	Length float64     `json:"length,omitempty"`
	Height float64     `json:"height,omitempty"`
	Weight int64       `json:"weight"` // grams, unlike the offer's kg
}

type gwShipping struct {
	shippingOut
	SkuShippingInfoList []gwSkuShipping `json:"skuShippingInfoList,omitempty"`
}

// gwDetail is ProductDetailModel with the per-SKU shipping list 1688 adds
// (weights in grams there, kg at offer level: the reference's unit trap).
type gwDetail struct {
	detailOut
	ProductShippingInfo gwShipping `json:"productShippingInfo"`
}

func (s *Server) gwProductDetail(r *http.Request, p gwParams) any {
	var in struct {
		OfferID  json.RawMessage `json:"offerId"`
		Country  string          `json:"country"`
		Currency string          `json:"currency"`
	}
	if err := json.Unmarshal(gwBody(p["offerDetailParam"]), &in); err != nil {
		return gwCross(nil, bad("参数错误 offerDetailParam is not a JSON object: %v", err), "200")
	}
	body, _ := json.Marshal(map[string]any{"offerId": in.OfferID, "country": in.Country})
	if len(in.OfferID) == 0 {
		body = []byte(`{}`)
	}
	data, e := s.handleProductDetail(r, body)
	if e != nil {
		return gwCross(nil, e, "200")
	}
	d := data.(detailOut)
	id := string(d.OfferID)
	for i := range d.ProductSkuInfos {
		d.ProductSkuInfos[i].Price = gwYuan(id, d.ProductSkuInfos[i].Price)
	}
	for i := range d.ProductSaleInfo.PriceRangeList {
		d.ProductSaleInfo.PriceRangeList[i].Price = gwYuan(id, d.ProductSaleInfo.PriceRangeList[i].Price)
	}
	out := gwDetail{detailOut: d, ProductShippingInfo: gwShipping{shippingOut: d.ProductShippingInfo}}
	if o := s.cat.OfferByID[id]; o != nil && len(o.Axes) > 0 && mix(saltSize, o.ID)%3 != 0 {
		for _, k := range o.SKUs {
			out.ProductShippingInfo.SkuShippingInfoList = append(out.ProductShippingInfo.SkuShippingInfoList,
				gwSkuShipping{SpecID: k.SpecID, SkuID: json.Number(k.ID), Weight: o.WeightGrams})
		}
	}
	return gwCross(out, nil, "200")
}

// ---- categories ----

type gwChildCat struct {
	ID           json.Number `json:"id"`
	Name         string      `json:"name"`
	IsLeaf       bool        `json:"isLeaf"`
	CategoryType string      `json:"categoryType"`
}

type gwCategoryInfo struct {
	CategoryID          json.Number   `json:"categoryID"`
	Name                string        `json:"name"`
	Level               int           `json:"level"`
	IsLeaf              bool          `json:"isLeaf"`
	ParentIDs           []json.Number `json:"parentIDs"`
	ChildIDs            []json.Number `json:"childIDs"`
	ChildCategorys      []gwChildCat  `json:"childCategorys"` // sic
	MinOrderQuantity    int64         `json:"minOrderQuantity,omitempty"`
	CategoryType        string        `json:"categoryType"`
	IsSupportProcessing bool          `json:"isSupportProcessing"`
}

type gwCategoryAnswer struct {
	Succes       bool             `json:"succes"` // sic, as 1688 spells it
	CategoryInfo []gwCategoryInfo `json:"categoryInfo,omitempty"`
	ErrorCode    string           `json:"errorCode,omitempty"`
	ErrorMsg     string           `json:"errorMsg,omitempty"`
}

// gwCategoryGet is alibaba.category.get: categoryID 0 is the root, whose
// children are the level-1 categories. It needs no access_token.
func (s *Server) gwCategoryGet(r *http.Request, p gwParams) any {
	id := p.get("categoryID")
	info := gwCategoryInfo{CategoryType: "1", ParentIDs: []json.Number{}, ChildIDs: []json.Number{}, ChildCategorys: []gwChildCat{}}
	var children []*Category
	switch {
	case id == "" || id == "0":
		info.CategoryID, info.Name, info.Level = "0", "全部类目", 0
		children = s.cat.Roots
	case !digits(id):
		return gwCategoryAnswer{ErrorCode: "400", ErrorMsg: "categoryID " + strconv.Quote(id) + " is not a number"}
	default:
		c := s.cat.CategoryByID[id]
		if c == nil {
			return gwCategoryAnswer{ErrorCode: "404", ErrorMsg: "类目不存在 category " + id + " not found"}
		}
		info.CategoryID, info.Name, info.Level, info.IsLeaf = json.Number(c.ID), c.Name, c.Level, c.Leaf()
		if c.Parent != nil {
			info.ParentIDs = append(info.ParentIDs, json.Number(c.Parent.ID))
		} else {
			info.ParentIDs = append(info.ParentIDs, "0")
		}
		if c.Leaf() {
			info.MinOrderQuantity = 1
		}
		children = c.Children
	}
	for _, c := range children {
		info.ChildIDs = append(info.ChildIDs, json.Number(c.ID))
		info.ChildCategorys = append(info.ChildCategorys, gwChildCat{ID: json.Number(c.ID), Name: c.Name, IsLeaf: c.Leaf(), CategoryType: "1"})
	}
	return gwCategoryAnswer{Succes: true, CategoryInfo: []gwCategoryInfo{info}}
}

// gwCategoryTranslation is category.translation.getById (success code
// S0000), the KA category handler under 1688's envelope.
func (s *Server) gwCategoryTranslation(r *http.Request, p gwParams) any {
	body, _ := json.Marshal(map[string]string{"categoryId": p.get("categoryId"), "language": p.get("language")})
	data, e := s.handleCategory(r, body)
	return gwCross(data, e, "S0000")
}

// ---- freight ----

// gwFreight is product.freight.estimate over the KA freight handler (so
// the estimate is the one the preview charges); its answer is yuan.
func (s *Server) gwFreight(r *http.Request, p gwParams) any {
	raw := gwBody(p[freightNest])
	body := raw
	if s.opts.Dialect.Is1688 {
		// The KA handler of a 1688-dialect account expects the nest.
		body, _ = json.Marshal(map[string]json.RawMessage{freightNest: raw})
	}
	if !json.Valid(raw) {
		return gwCross(nil, bad("参数错误 %s is not valid JSON", freightNest), "S0000")
	}
	data, e := s.handleFreight(r, body)
	return gwCross(data, e, "S0000")
}

// ---- account ----

type gwAddressItem struct {
	ID              json.Number `json:"id"`
	FullName        string      `json:"fullName"`
	Address         string      `json:"address"`
	Post            string      `json:"post,omitempty"`
	Phone           string      `json:"phone,omitempty"`
	MobilePhone     string      `json:"mobilePhone"`
	AddressCode     string      `json:"addressCode"`
	AddressCodeText string      `json:"addressCodeText"`
	IsDefault       bool        `json:"isDefault"`
	TownCode        string      `json:"townCode,omitempty"`
	TownName        string      `json:"townName,omitempty"`
}

// gwReceiveAddress is alibaba.trade.receiveAddress.get over the account's
// address book (the KA dialect's address list). addressCodeText is the
// province, city and district joined by spaces; address is the street
// part only.
func (s *Server) gwReceiveAddress(r *http.Request, p gwParams) any {
	b := s.book
	b.mu.Lock()
	list := append([]acctAddress{}, b.list...)
	b.mu.Unlock()
	items := []gwAddressItem{}
	for _, a := range list {
		items = append(items, gwAddressItem{
			ID: json.Number(strconv.FormatInt(a.ID, 10)), FullName: a.Name, Address: a.Address, Post: a.PostCode,
			MobilePhone: a.Phone, AddressCode: a.DistrictCode,
			AddressCodeText: ordJoin(" ", a.Province, a.City, a.District), IsDefault: a.IsDefault, TownName: a.Town,
		})
	}
	return struct {
		Success bool   `json:"success"`
		Code    string `json:"code"`
		Message string `json:"message"`
		Result  any    `json:"result"`
	}{true, "200", "成功", map[string]any{"receiveAddressItems": items}}
}

// gwWangwangNick is wangwangnick.openuid.decrypt: {wangwangNick}. An
// unknown openUid answers {success:false, errorCode, errorMessage}.
func (s *Server) gwWangwangNick(r *http.Request, p gwParams) any {
	uid := p.get("openUid")
	if uid == "" {
		return gwFail("400", "openUid is required")
	}
	seller := s.cat.SellerByOpen[uid]
	if seller == nil {
		return gwFail("404", "openUid解密失败 no seller has openUid "+uid)
	}
	nick := seller.Wangwang
	if nick == "" {
		nick = ordSellerName(seller)
	}
	return map[string]string{"wangwangNick": nick}
}
