package ali1688

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"caigou/xport"
)

// The cross-border solution's namespace (ref §0.2 [DOC]).
const nsCrossborder = "com.alibaba.fenxiao.crossborder"

// API names (ref §0.2 [DOC]).
const (
	apiKeywordQuery  = "product.search.keywordQuery"
	apiProductDetail = "product.search.queryProductDetail"
	apiFreight       = "product.freight.estimate"
)

// defaultPageSize [INF]: 20 is the reference's recommended page size for
// image search (ref §4.2) and the value in its examples.
const defaultPageSize = 20

// offerQueryParam is keyword search's one parameter (ref §4.1 [DOC]).
// Prices are yuan strings.
type offerQueryParam struct {
	Keyword    string `json:"keyword,omitempty"`
	BeginPage  int    `json:"beginPage"`
	PageSize   int    `json:"pageSize"`
	Country    string `json:"country"`
	Filter     string `json:"filter,omitempty"`
	Sort       string `json:"sort,omitempty"`
	PriceStart string `json:"priceStart,omitempty"`
	PriceEnd   string `json:"priceEnd,omitempty"`
	CategoryID string `json:"categoryId,omitempty"`
}

// SearchKeyword runs a keyword search (ref §4.1) and returns the desk's
// page. The query means what it means for Xportcn, which proxies the same
// API (ref §7.1): sort is the JSON {"field":"asc|desc"} 1688 documents
// (e.g. {"price":"asc"}), filters are joined with commas [INF: the
// reference names the filter field but not its list syntax; xport sends
// the same], price bounds go as yuan strings.
func (c *Client) SearchKeyword(ctx context.Context, q xport.SearchQuery) (*xport.OfferPage, error) {
	if strings.TrimSpace(q.Keyword) == "" && q.CategoryID == "" {
		return nil, errors.New("type a keyword (Chinese or English) or pick a category")
	}
	js, err := jsonParam(c.offerQuery(q))
	if err != nil {
		return nil, err
	}
	var raw json.RawMessage
	if _, err := c.call(ctx, nsCrossborder, apiKeywordQuery, map[string]string{"offerQueryParam": js}, callOpts{needToken: true}, &raw); err != nil {
		return nil, err
	}
	page, err := decodeOfferPage(raw)
	if err != nil {
		return nil, readErr(nsCrossborder+":"+apiKeywordQuery, raw, err)
	}
	return page, nil
}

// decodeOfferPage reads the inner result of keyword search:
// {totalRecords, totalPage, pageSize, currentPage, data[…]} (ref §4.1).
// The 1688 names are the names xport.OfferPage and xport.Offer already
// read, and their decoders are lenient: an odd value costs that field
// (listed in Offer.Unreadable), a card without offerId is skipped and
// counted. Fields of the 1688 card that the desk's Offer has no place
// for: traceInfo, token, promotionURL (the desk's Offer has none).
func decodeOfferPage(raw []byte) (*xport.OfferPage, error) {
	if !isObject(raw) {
		return nil, errors.New("the search result is not an object")
	}
	var page xport.OfferPage
	if err := json.Unmarshal(raw, &page); err != nil {
		return nil, err
	}
	return &page, nil
}

// ProductDetail fetches one offer (ref §4.3) into the desk's detail.
// offerDetailParam carries offerId as a JSON number (a Long, ref §1.4)
// and the language; currency is not sent, so the foreignCurrency* fields
// stay empty (the desk converts itself).
func (c *Client) ProductDetail(ctx context.Context, offerID string) (*xport.ProductDetail, error) {
	offerID = strings.TrimSpace(offerID)
	if offerID == "" {
		return nil, errors.New("no offer id")
	}
	js, err := jsonParam(map[string]any{"offerId": xport.NumID(offerID), "country": c.cfg.Country})
	if err != nil {
		return nil, err
	}
	var raw json.RawMessage
	if _, err := c.call(ctx, nsCrossborder, apiProductDetail, map[string]string{"offerDetailParam": js}, callOpts{needToken: true}, &raw); err != nil {
		return nil, err
	}
	d, err := decodeProductDetail(raw)
	if err != nil {
		return nil, readErr(nsCrossborder+":"+apiProductDetail, raw, err)
	}
	return d, nil
}

// decodeProductDetail reads the inner result of queryProductDetail. The
// documented names (ref §4.3) are those of xport.ProductDetail, whose
// decoder degrades odd non-critical fields to zero and fails only when a
// field that decides what can be ordered at what price (SKUs, tiers,
// quantity rules) is unreadable. Units: SKU prices and tiers are yuan
// strings [DOC], read as xport.Yuan.
//
// Not mapped (the desk's detail has no field for them): detailVideo,
// createDate, fenxiaoSaleInfo (onePiecePrice, offerPrice: yuan),
// consignPrice and retailPrice of SKUs, foreignCurrency*, tagInfoList,
// isJxhy, and productShippingInfo.skuShippingInfoList /
// skuShippingDetails. Beware when adding the last two: weights are kg at
// offer level but GRAMS in skuShippingInfoList (ref §4.3 [DOC]).
// productShippingInfo.weight/width/height/length are kept as text (kg, cm).
func decodeProductDetail(raw []byte) (*xport.ProductDetail, error) {
	if !isObject(raw) {
		return nil, errors.New("the product detail is not an object")
	}
	var d xport.ProductDetail
	if err := json.Unmarshal(raw, &d); err != nil {
		return nil, err
	}
	if strings.TrimSpace(string(d.OfferID)) == "" {
		return nil, errors.New("the product detail has no offerId")
	}
	return &d, nil
}

// freightQuery is productFreightQueryParamsNew (ref §4.6 [DOC]).
type freightQuery struct {
	OfferID   xport.NumID `json:"offerId"`
	Province  string      `json:"toProvinceCode"`
	City      string      `json:"toCityCode"`
	Country   string      `json:"toCountryCode"` // the DISTRICT code, despite the name [DOC]
	TotalNum  int64       `json:"totalNum"`
	SKUModels []skuNum    `json:"logisticsSkuNumModels,omitempty"`
}

type skuNum struct {
	SkuID  xport.NumID `json:"skuId"`
	Number int64       `json:"number"`
}

// FreightEstimate estimates domestic freight from the seller to a Chinese
// address (ref §4.6; international legs are outside 1688).
func (c *Client) FreightEstimate(ctx context.Context, q xport.FreightQuery) (*xport.Freight, error) {
	if strings.TrimSpace(q.OfferID) == "" || q.TotalNum <= 0 {
		return nil, fmt.Errorf("freight estimate needs an offer and a quantity above zero")
	}
	fq := freightQuery{OfferID: xport.NumID(q.OfferID), Province: q.ProvinceCode, City: q.CityCode, Country: q.DistrictCode, TotalNum: q.TotalNum}
	for _, s := range q.SKUs {
		fq.SKUModels = append(fq.SKUModels, skuNum{xport.NumID(s.SkuID), s.Number})
	}
	js, err := jsonParam(fq)
	if err != nil {
		return nil, err
	}
	var raw json.RawMessage
	if _, err := c.call(ctx, nsCrossborder, apiFreight, map[string]string{"productFreightQueryParamsNew": js}, callOpts{needToken: true}, &raw); err != nil {
		return nil, err
	}
	f, err := decodeFreight(raw)
	if err != nil {
		return nil, readErr(nsCrossborder+":"+apiFreight, raw, err)
	}
	return f, nil
}

// decodeFreight reads the inner result of freight.estimate into the desk's
// Freight. freight is a yuan string [DOC]; firstFee and nextFee are read
// as yuan too [INF: the reference gives no unit for them; yuan is the unit
// of every other product-side amount]. A bad freight fails the estimate
// (it is the answer); any other bad field is left at zero.
//
// Not mapped (no field in xport.Freight): templateId, discount,
// productFreightSkuInfoModels.
func decodeFreight(raw []byte) (*xport.Freight, error) {
	if !isObject(raw) {
		return nil, errors.New("the freight estimate is not an object")
	}
	var f xport.Freight
	if err := json.Unmarshal(raw, &f); err != nil {
		f = xport.Freight{}
		bad, lerr := xport.DecodeLenient(raw, &f)
		if lerr != nil {
			return nil, lerr
		}
		if slices.Contains(bad, "freight") {
			return nil, errors.New("the freight amount could not be read")
		}
	}
	return &f, nil
}

// readErr is a result that came back but could not be read.
func readErr(api string, raw []byte, err error) error {
	return &xport.HTTPError{Endpoint: xport.Endpoint("1688:" + api), Status: 200, Reason: "the result could not be read (" + err.Error() + ")", Excerpt: xport.Excerpt(raw, 120)}
}
