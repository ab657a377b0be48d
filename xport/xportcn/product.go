package xportcn

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"caigou/xport"
)

// searchBody is the keyword query body [SIB: the sibling's documented body;
// the Xport page body was not captured].
type searchBody struct {
	Keyword     string `json:"keyword,omitempty"`
	BeginPage   int    `json:"beginPage"`
	PageSize    int    `json:"pageSize"`
	Country     string `json:"country"`
	Filter      string `json:"filter,omitempty"`
	Sort        string `json:"sort,omitempty"`
	OutMemberID string `json:"outMemberId,omitempty"`
	PriceStart  string `json:"priceStart,omitempty"`
	PriceEnd    string `json:"priceEnd,omitempty"`
	CategoryID  string `json:"categoryId,omitempty"`
	// Image search only [SIB].
	ImageBase64  string `json:"imageBase64,omitempty"`
	ImageAddress string `json:"imageAddress,omitempty"`
}

func (c *Client) searchBody(q xport.SearchQuery) searchBody {
	if q.Page < 1 {
		q.Page = 1
	}
	if q.PageSize < 1 {
		q.PageSize = 20
	}
	b := searchBody{
		Keyword:    q.Keyword,
		BeginPage:  q.Page,
		PageSize:   q.PageSize,
		Country:    c.cfg.Country,
		Filter:     strings.Join(q.Filters, ","),
		Sort:       sortParam(q.Sort),
		CategoryID: q.CategoryID,
	}
	if q.PriceMin > 0 {
		b.PriceStart = q.PriceMin.Yuan()
	}
	if q.PriceMax > 0 {
		b.PriceEnd = q.PriceMax.Yuan()
	}
	return b
}

// SearchKeyword runs a keyword search (Chinese or another language).
func (c *Client) SearchKeyword(ctx context.Context, q xport.SearchQuery) (*xport.OfferPage, error) {
	if strings.TrimSpace(q.Keyword) == "" && q.CategoryID == "" {
		return nil, errors.New("type a keyword (Chinese or English) or pick a category")
	}
	var out xport.OfferPage
	_, err := c.call(ctx, xport.EpKeywordSearch, c.searchBody(q), &out)
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// SearchImage runs an image search [INF path; body SIB].
func (c *Client) SearchImage(ctx context.Context, img xport.ImageSource, q xport.SearchQuery) (*xport.OfferPage, error) {
	b := c.searchBody(q)
	b.Keyword = ""
	switch {
	case len(img.Data) > 0 && img.URL == "":
		b.ImageBase64 = base64.StdEncoding.EncodeToString(img.Data)
	case img.URL != "" && len(img.Data) == 0:
		b.ImageAddress = img.URL
	default:
		return nil, errors.New("image search needs either an image file or an image URL")
	}
	var out xport.OfferPage
	if _, err := c.call(ctx, xport.EpImageSearch, b, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Category returns a category with its direct children; id "0" or "" is the
// root [INF body from the 1688 API].
func (c *Client) Category(ctx context.Context, id string) (*xport.Category, error) {
	if id == "" {
		id = "0"
	}
	body := map[string]any{"categoryId": xport.NumID(id), "language": c.cfg.Country}
	var out xport.Category
	if _, err := c.call(ctx, xport.EpCategory, body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ProductDetail fetches one offer.
func (c *Client) ProductDetail(ctx context.Context, offerID string) (*xport.ProductDetail, error) {
	if offerID == "" {
		return nil, errors.New("no offer id")
	}
	body := map[string]any{"offerId": xport.NumID(offerID), "country": c.cfg.Country}
	var out xport.ProductDetail
	if _, err := c.call(ctx, xport.EpProductDetail, body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ProductDetails fetches several offers at once [INF body: offerIds].
func (c *Client) ProductDetails(ctx context.Context, offerIDs []string) ([]xport.ProductDetail, error) {
	if len(offerIDs) == 0 {
		return nil, nil
	}
	ids := make([]xport.NumID, len(offerIDs))
	for i, id := range offerIDs {
		ids[i] = xport.NumID(id)
	}
	body := map[string]any{"offerIds": ids, "country": c.cfg.Country}
	var out []xport.ProductDetail
	if _, err := c.call(ctx, xport.EpDetailMulti, body, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// FreightEstimate estimates domestic (China) freight [INF body from 1688].
func (c *Client) FreightEstimate(ctx context.Context, q xport.FreightQuery) (*xport.Freight, error) {
	if q.OfferID == "" || q.TotalNum <= 0 {
		return nil, fmt.Errorf("freight estimate needs an offer and a quantity above zero")
	}
	type skuNum struct {
		SkuID  xport.NumID `json:"skuId"`
		Number int64       `json:"number"`
	}
	body := struct {
		OfferID       xport.NumID `json:"offerId"`
		ToProvince    string      `json:"toProvinceCode"`
		ToCity        string      `json:"toCityCode"`
		ToCountry     string      `json:"toCountryCode"`
		TotalNum      int64       `json:"totalNum"`
		LogisticsSkus []skuNum    `json:"logisticsSkuNumModels,omitempty"`
	}{OfferID: xport.NumID(q.OfferID), ToProvince: q.ProvinceCode, ToCity: q.CityCode, ToCountry: q.DistrictCode, TotalNum: q.TotalNum}
	for _, s := range q.SKUs {
		body.LogisticsSkus = append(body.LogisticsSkus, skuNum{xport.NumID(s.SkuID), s.Number})
	}
	// The body's shape is a setting (freight_body): 1688 nests it under
	// productFreightQueryParamsNew, and Xport's own shape is not shown.
	var wire any = body
	if c.cfg.Wire.FreightBody == FreightNest {
		wire = map[string]any{"productFreightQueryParamsNew": body}
	}
	var out xport.Freight
	if _, err := c.call(ctx, xport.EpFreight, wire, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

func sortParam(s xport.Sort) string {
	if s.Field == "" {
		return ""
	}
	dir := "asc"
	if s.Desc {
		dir = "desc"
	}
	b, _ := json.Marshal(map[string]string{s.Field: dir})
	return string(b)
}
