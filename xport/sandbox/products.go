package sandbox

import (
	"cmp"
	"encoding/base64"
	"encoding/json"
	"hash/fnv"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"caigou/xport"
)

// The product side of the sandbox: search, category, detail and freight.
// Answers follow the 1688 shapes the client decodes (ProductInfoModelV2
// cards, ProductDetailModel, category.translation.getById,
// product.freight.estimate) with ids as JSON numbers and prices as yuan
// strings, as 1688 sends them.

const (
	maxPageSize   = 50
	maxKeyword    = 100 // runes
	maxDetailIDs  = 20
	maxFreightQty = 10_000_000
)

// searchReq is the keyword and image search body (xport searchBody). The
// loose xport types accept what sibling clients send: numbers as strings
// and the other way round.
type searchReq struct {
	Keyword      xport.Text `json:"keyword"`
	BeginPage    xport.Int  `json:"beginPage"`
	PageSize     xport.Int  `json:"pageSize"`
	Country      xport.Text `json:"country"`
	Filter       xport.Text `json:"filter"`
	Sort         xport.Text `json:"sort"`
	PriceStart   xport.Text `json:"priceStart"`
	PriceEnd     xport.Text `json:"priceEnd"`
	CategoryID   xport.Text `json:"categoryId"`
	ImageBase64  xport.Text `json:"imageBase64"`
	ImageAddress xport.Text `json:"imageAddress"`
}

// query is a validated search.
type query struct {
	category *Category
	// noCategory: a categoryId was given that does not exist, so nothing
	// matches (1688 answers an empty page rather than an error).
	noCategory         bool
	priceMin, priceMax xport.Fen
	// filters groups the honoured codes by family: codes of one family
	// widen the match (two score bands mean either), families narrow it.
	filters   map[string][]string
	sortField string
	sortDesc  bool
	page      int64
	size      int64
}

func bad(format string, args ...any) *apiErr {
	return errf(http.StatusOK, "400", format, args...)
}

func (s *Server) parseQuery(req *searchReq) (query, *apiErr) {
	q := query{page: int64(req.BeginPage), size: int64(req.PageSize)}
	switch {
	case q.page < 0 || q.size < 0:
		return q, bad("参数错误 beginPage and pageSize cannot be negative")
	case q.page == 0:
		q.page = 1
	}
	if q.size == 0 {
		q.size = 20
	}
	q.size = min(q.size, maxPageSize)

	if id := strings.TrimSpace(string(req.CategoryID)); id != "" && id != "0" {
		if !digits(id) {
			return q, bad("参数错误 categoryId %q is not a number", id)
		}
		q.category = s.cat.CategoryByID[id]
		q.noCategory = q.category == nil
	}

	var err *apiErr
	if q.priceMin, err = yuanParam("priceStart", req.PriceStart); err != nil {
		return q, err
	}
	if q.priceMax, err = yuanParam("priceEnd", req.PriceEnd); err != nil {
		return q, err
	}
	if q.priceMax > 0 && q.priceMin > q.priceMax {
		return q, bad("参数错误 priceStart %s is above priceEnd %s", q.priceMin.Yuan(), q.priceMax.Yuan())
	}

	for _, code := range strings.Split(string(req.Filter), ",") {
		code = strings.TrimSpace(code)
		// Unknown codes (ksCiphertext, the JPFL market exclusions) are
		// ignored as the real search does, not refused.
		if fam := filterFamily(code); fam != "" {
			if q.filters == nil {
				q.filters = map[string][]string{}
			}
			q.filters[fam] = append(q.filters[fam], code)
		}
	}

	if srt := strings.TrimSpace(string(req.Sort)); srt != "" {
		var m map[string]string
		if json.Unmarshal([]byte(srt), &m) != nil || len(m) > 1 {
			return q, bad(`参数错误 sort must be a JSON object with one field, like {"price":"asc"}`)
		}
		for field, dir := range m {
			switch strings.ToLower(dir) {
			case "asc":
			case "desc":
				q.sortDesc = true
			default:
				return q, bad(`参数错误 sort direction %q: use "asc" or "desc"`, dir)
			}
			switch field {
			case "price", "monthSold", "rePurchaseRate":
				q.sortField = field
			}
		}
	}
	return q, nil
}

func yuanParam(name string, v xport.Text) (xport.Fen, *apiErr) {
	t := strings.TrimSpace(string(v))
	if t == "" {
		return 0, nil
	}
	f, err := xport.ParseYuan(t)
	if err != nil || f < 0 {
		return 0, bad("参数错误 %s %q is not a price in yuan, like 12.50", name, t)
	}
	return f, nil
}

func digits(s string) bool {
	if s == "" || len(s) > 19 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// filterFamily names the group a filter code belongs to, or "" for codes
// the sandbox cannot honour.
func filterFamily(code string) string {
	switch code {
	case "totalEpScoreLv1", "totalEpScoreLv2", "totalEpScoreLv3", "totalEpScoreLv4":
		return "totalEpScore"
	case "getRate24HLv1", "getRate24HLv2", "getRate24HLv3":
		return "getRate24H"
	case "getRate48HLv1", "getRate48HLv2", "getRate48HLv3":
		return "getRate48H"
	case "qrr0", "qrr1", "qrr5", "qrr10":
		return "qrr"
	case "shipInToday", "shipIn24Hours", "shipIn48Hours":
		return "ship"
	case "certifiedFactory", "noReason7DReturn", "isOnePsale", "isOnePsaleFreePost",
		"new7", "new30", "1688Selection", "jxhy":
		return code
	}
	return ""
}

// admits applies everything but the keyword.
func (q *query) admits(o *Offer) bool {
	if q.noCategory || (q.category != nil && !within(o.Category, q.category)) {
		return false
	}
	if q.priceMin > 0 || q.priceMax > 0 {
		p := o.LowestPrice()
		if p < q.priceMin || (q.priceMax > 0 && p > q.priceMax) {
			return false
		}
	}
	for _, codes := range q.filters {
		if !slices.ContainsFunc(codes, func(c string) bool { return o.Filters[c] }) {
			return false
		}
	}
	return true
}

func within(c, ancestor *Category) bool {
	for ; c != nil; c = c.Parent {
		if c == ancestor {
			return true
		}
	}
	return false
}

type hit struct {
	o    *Offer
	rank uint64 // lower first when no sort is asked for
}

// paginate sorts and cuts a page. Ties keep the default order, so paging
// through a sorted search never repeats or skips an offer.
func (s *Server) paginate(q query, hits []hit) pageOut {
	slices.SortStableFunc(hits, func(a, b hit) int { return cmp.Compare(a.rank, b.rank) })
	if q.sortField != "" {
		key := func(o *Offer) int64 {
			switch q.sortField {
			case "price":
				return int64(o.LowestPrice())
			case "monthSold":
				return o.MonthSold
			}
			return int64(o.Repurchase)
		}
		slices.SortStableFunc(hits, func(a, b hit) int {
			c := cmp.Compare(key(a.o), key(b.o))
			if q.sortDesc {
				c = -c
			}
			return c
		})
	}
	total := int64(len(hits))
	out := pageOut{
		TotalRecords: total,
		TotalPage:    (total + q.size - 1) / q.size,
		PageSize:     q.size,
		CurrentPage:  q.page,
		Data:         []card{},
	}
	if q.page <= out.TotalPage {
		start := (q.page - 1) * q.size
		for _, h := range hits[start:min(start+q.size, total)] {
			out.Data = append(out.Data, s.card(h.o))
		}
	}
	return out
}

func (s *Server) handleKeywordSearch(r *http.Request, body []byte) (any, *apiErr) {
	var req searchReq
	if e := decode(body, &req); e != nil {
		return nil, e
	}
	kw := strings.TrimSpace(string(req.Keyword))
	if utf8.RuneCountInString(kw) > maxKeyword {
		return nil, bad("参数错误 keyword is longer than %d characters", maxKeyword)
	}
	q, e := s.parseQuery(&req)
	if e != nil {
		return nil, e
	}
	words := strings.Fields(strings.ToLower(kw))
	if len(words) == 0 && q.category == nil && !q.noCategory {
		return nil, bad("参数错误 keyword不能为空 type a keyword or give a categoryId")
	}
	var hits []hit
	for i, o := range s.cat.Offers {
		if !q.admits(o) {
			continue
		}
		inTitle, ok := matchWords(o, words)
		if !ok {
			continue
		}
		// Offers whose title has the words come before those found only
		// by category or city.
		hits = append(hits, hit{o: o, rank: uint64(len(words)-inTitle)<<32 | uint64(i)})
	}
	return s.paginate(q, hits), nil
}

// matchWords reports whether every word occurs in the offer's titles,
// category names, seller city or id, and how many occur in the titles.
func matchWords(o *Offer, words []string) (inTitle int, ok bool) {
	if len(words) == 0 {
		return 0, true
	}
	title := strings.ToLower(o.Subject + "\x00" + o.SubjectEN)
	var rest string
	for _, w := range words {
		if strings.Contains(title, w) {
			inTitle++
			continue
		}
		if w == o.ID {
			continue
		}
		if rest == "" {
			rest = strings.ToLower(placeText(o))
		}
		if !strings.Contains(rest, w) {
			return 0, false
		}
	}
	return inTitle, true
}

func placeText(o *Offer) string {
	var b strings.Builder
	for c := o.Category; c != nil; c = c.Parent {
		b.WriteString(c.Name + "\x00" + c.NameEN + "\x00")
	}
	h := hubFor(o.Seller)
	b.WriteString(o.Seller.City + "\x00" + h.cityEN + "\x00" + o.ShipFrom)
	return b.String()
}

func (s *Server) handleImageSearch(r *http.Request, body []byte) (any, *apiErr) {
	var req searchReq
	if e := decode(body, &req); e != nil {
		return nil, e
	}
	h := fnv.New64a()
	switch b64, addr := strings.TrimSpace(string(req.ImageBase64)), strings.TrimSpace(string(req.ImageAddress)); {
	case b64 != "":
		img, err := decodeImage(b64)
		if err != nil {
			return nil, bad("参数错误 imageBase64 is not valid base64")
		}
		if len(img) == 0 {
			return nil, bad("参数错误 图片为空 the image is empty")
		}
		h.Write(img)
	case addr != "":
		u, err := url.Parse(addr)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, bad("参数错误 imageAddress %q is not an http(s) address", addr)
		}
		h.Write([]byte(addr))
	default:
		return nil, bad("参数错误 imageBase64或imageAddress必填 send an image or an image address")
	}
	sum := h.Sum64()
	q, e := s.parseQuery(&req)
	if e != nil {
		return nil, e
	}
	// The "recognised" category is the hash's pick among level-2
	// categories; a categoryId in the body narrows the search instead.
	if q.category == nil && !q.noCategory {
		var mids []*Category
		for _, root := range s.cat.Roots {
			mids = append(mids, root.Children...)
		}
		if len(mids) > 0 {
			q.category = mids[sum%uint64(len(mids))]
		}
	}
	var hits []hit
	for _, o := range s.cat.Offers {
		if q.admits(o) {
			// Similarity is a per-image shuffle: the same picture always
			// ranks the same way, another picture differently.
			hits = append(hits, hit{o: o, rank: mix(sum, o.ID)})
		}
	}
	return s.paginate(q, hits), nil
}

// decodeImage accepts standard base64 with or without padding, the
// URL-safe alphabet and a data: URL prefix, as browsers and phones
// produce all of them.
func decodeImage(s string) ([]byte, error) {
	if strings.HasPrefix(s, "data:") {
		if _, after, ok := strings.Cut(s, ","); ok {
			s = after
		}
	}
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == ' ' {
			return -1
		}
		return r
	}, s)
	var err error
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		var b []byte
		if b, err = enc.DecodeString(s); err == nil {
			return b, nil
		}
	}
	return nil, err
}

// mix is a deterministic per-offer hash, used where real data varies from
// offer to offer in ways the model does not record.
func mix(salt uint64, id string) uint64 {
	h := fnv.New64a()
	var b [8]byte
	for i := range b {
		b[i] = byte(salt >> (8 * i))
	}
	h.Write(b[:])
	h.Write([]byte(id))
	return avalanche(h.Sum64())
}

const (
	saltPromo uint64 = iota + 1
	saltScore
	saltSeller
	saltShipping
	saltAddress
	saltWhite
	saltCreate
	saltSize
)

type pageOut struct {
	TotalRecords int64  `json:"totalRecords"`
	TotalPage    int64  `json:"totalPage"`
	PageSize     int64  `json:"pageSize"`
	CurrentPage  int64  `json:"currentPage"`
	Data         []card `json:"data"`
}

type cardPrice struct {
	Price          string  `json:"price"`
	ConsignPrice   *string `json:"consignPrice"`
	PromotionPrice string  `json:"promotionPrice,omitempty"`
}

type sellerDataOut struct {
	TradeMedalLevel           string `json:"tradeMedalLevel"`
	CompositeServiceScore     string `json:"compositeServiceScore"`
	LogisticsExperienceScore  string `json:"logisticsExperienceScore"`
	DisputeComplaintScore     string `json:"disputeComplaintScore"`
	OfferExperienceScore      string `json:"offerExperienceScore"`
	AfterSalesExperienceScore string `json:"afterSalesExperienceScore"`
	ConsultingExperienceScore string `json:"consultingExperienceScore"`
	RepeatPurchasePercent     string `json:"repeatPurchasePercent"`
	TpYear                    int    `json:"tpYear"`
	// Detail only.
	Collect30DayWithin48H    string `json:"collect30DayWithin48HPercent,omitempty"`
	QualityRefundWithin30Day string `json:"qualityRefundWithin30Day,omitempty"`
}

type shippingSummaryOut struct {
	ShippingTimeGuarantee     *string `json:"shippingTimeGuarantee"`
	PerfectFulfillmentRate30d string  `json:"perfectFulfillmentRate30d,omitempty"`
	PickupWithin24hRate30d    string  `json:"pickupWithin24hRate30d,omitempty"`
	QualityReturnRate30d      string  `json:"qualityReturnRate30d,omitempty"`
	DelayedShippingRate7d     string  `json:"delayedShippingRate7d,omitempty"`
}

// card is a search result (1688 ProductInfoModelV2). Like real answers,
// some optional parts are missing or null on some offers, decided by a
// hash of the offer id so the same offer always looks the same.
type card struct {
	ImageURL             string              `json:"imageUrl"`
	Subject              string              `json:"subject"`
	SubjectTrans         string              `json:"subjectTrans"`
	OfferID              json.Number         `json:"offerId"`
	IsJxhy               bool                `json:"isJxhy"`
	PriceInfo            cardPrice           `json:"priceInfo"`
	RepurchaseRate       string              `json:"repurchaseRate"`
	MonthSold            int64               `json:"monthSold"`
	IsOnePsale           bool                `json:"isOnePsale"`
	SellerIdentities     []string            `json:"sellerIdentities"`
	OfferIdentities      []string            `json:"offerIdentities"`
	TradeScore           string              `json:"tradeScore,omitempty"`
	WhiteImage           string              `json:"whiteImage,omitempty"`
	TopCategoryID        json.Number         `json:"topCategoryId"`
	SecondCategoryID     json.Number         `json:"secondCategoryId"`
	ThirdCategoryID      json.Number         `json:"thirdCategoryId"`
	MinOrderQuantity     int64               `json:"minOrderQuantity"`
	SellerDataInfo       *sellerDataOut      `json:"sellerDataInfo"`
	SimpleShipping       *shippingSummaryOut `json:"productSimpleShippingInfo,omitempty"`
	SendGoodsAddressText string              `json:"sendGoodsAddressText,omitempty"`
}

func categoryIDs(o *Offer) (top, second, third json.Number) {
	var chain []*Category
	for c := o.Category; c != nil; c = c.Parent {
		chain = append([]*Category{c}, chain...)
	}
	ids := []json.Number{"0", "0", "0"}
	for i, c := range chain {
		if i < 3 {
			ids[i] = json.Number(c.ID)
		}
	}
	return ids[0], ids[1], ids[2]
}

func (s *Server) card(o *Offer) card {
	low := o.LowestPrice()
	c := card{
		ImageURL:         firstImage(o.Images),
		Subject:          o.Subject,
		SubjectTrans:     o.SubjectEN,
		OfferID:          json.Number(o.ID),
		IsJxhy:           o.Filters["jxhy"],
		PriceInfo:        cardPrice{Price: low.Yuan()},
		RepurchaseRate:   strconv.Itoa(o.Repurchase) + "%",
		MonthSold:        o.MonthSold,
		IsOnePsale:       o.Filters["isOnePsale"],
		SellerIdentities: slices.Clone(o.Seller.Identities),
		OfferIdentities:  offerIdentities(o),
		MinOrderQuantity: o.MOQ,
	}
	c.TopCategoryID, c.SecondCategoryID, c.ThirdCategoryID = categoryIDs(o)
	if c.SellerIdentities == nil {
		c.SellerIdentities = []string{}
	}
	if o.Filters["isOnePsale"] {
		cp := consignPrice(o).Yuan()
		c.PriceInfo.ConsignPrice = &cp
	}
	// A marketing price the preview may not honour (1688-rules §2.4).
	if mix(saltPromo, o.ID)%100 < 15 && low > 10 {
		c.PriceInfo.PromotionPrice = (low * 92 / 100).Yuan()
	}
	if mix(saltScore, o.ID)%10 != 0 {
		c.TradeScore = tradeScore(o)
	}
	if mix(saltWhite, o.ID)%4 == 0 && len(o.Images) > 1 {
		c.WhiteImage = o.Images[len(o.Images)-1]
	}
	if mix(saltSeller, o.ID)%20 != 0 {
		sd := sellerData(o.Seller)
		c.SellerDataInfo = &sd
	}
	if mix(saltShipping, o.ID)%8 != 0 {
		st := statsOf(o.Seller)
		c.SimpleShipping = &shippingSummaryOut{
			ShippingTimeGuarantee:     shipGuarantee(o),
			PerfectFulfillmentRate30d: permilleText(st.perfect30),
			PickupWithin24hRate30d:    permilleText(st.pickup24),
			QualityReturnRate30d:      permilleText(st.qualityRefund),
			DelayedShippingRate7d:     permilleText(st.delay7),
		}
	}
	if mix(saltAddress, o.ID)%12 != 0 {
		c.SendGoodsAddressText = o.ShipFrom
	}
	return c
}

func firstImage(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// consignPrice is the one-piece dropshipping price: the first-tier price
// with the seller's single-piece markup.
func consignPrice(o *Offer) xport.Fen {
	base := o.Tiers[0].Price
	if o.QuoteType == 1 {
		base = o.LowestPrice()
	}
	return xport.Fen(roundUp(int64(base)*108/100, 10))
}

func offerIdentities(o *Offer) []string {
	var ids []string
	if o.Filters["1688Selection"] {
		ids = append(ids, "select")
	}
	if o.Filters["jxhy"] {
		ids = append(ids, "yx")
	}
	return ids
}

func tradeScore(o *Offer) string {
	v := scoreTenths(o.Seller.CompositeScore) + int(mix(saltScore, o.ID)%7) - 2
	return tenths(min(max(v, 30), 50))
}

func sellerData(sl *Seller) sellerDataOut {
	st := statsOf(sl)
	return sellerDataOut{
		TradeMedalLevel:           strconv.Itoa(st.medal),
		CompositeServiceScore:     sl.CompositeScore,
		LogisticsExperienceScore:  sl.LogisticsScore,
		DisputeComplaintScore:     sl.DisputeScore,
		OfferExperienceScore:      sl.OfferScore,
		AfterSalesExperienceScore: sl.AfterSalesScore,
		ConsultingExperienceScore: sl.ConsultingScore,
		RepeatPurchasePercent:     sl.RepeatPurchasePercent,
		TpYear:                    sl.Years,
	}
}

func shipGuarantee(o *Offer) *string {
	for _, code := range []string{"shipInToday", "shipIn24Hours", "shipIn48Hours"} {
		if o.Filters[code] {
			return &code
		}
	}
	return nil
}

type categoryOut struct {
	CategoryID     json.Number   `json:"categoryId"`
	ChineseName    string        `json:"chineseName"`
	TranslatedName string        `json:"translatedName"`
	Language       string        `json:"language"`
	Leaf           bool          `json:"leaf"`
	Level          int           `json:"level"`
	ParentCateID   json.Number   `json:"parentCateId"`
	Children       []categoryOut `json:"children,omitzero"`
}

func categoryNode(c *Category, lang string) categoryOut {
	parent := json.Number("0")
	if c.Parent != nil {
		parent = json.Number(c.Parent.ID)
	}
	return categoryOut{CategoryID: json.Number(c.ID), ChineseName: c.Name, TranslatedName: c.NameEN,
		Language: lang, Leaf: c.Leaf(), Level: c.Level, ParentCateID: parent}
}

func (s *Server) handleCategory(r *http.Request, body []byte) (any, *apiErr) {
	var req struct {
		CategoryID xport.ID   `json:"categoryId"`
		Language   xport.Text `json:"language"`
	}
	if e := decode(body, &req); e != nil {
		return nil, e
	}
	lang := strings.TrimSpace(string(req.Language))
	if lang == "" {
		lang = "en"
	}
	id := strings.TrimSpace(string(req.CategoryID))
	var out categoryOut
	var children []*Category
	switch {
	case id == "" || id == "0":
		out = categoryOut{CategoryID: "0", ChineseName: "全部类目", TranslatedName: "All categories", Language: lang, ParentCateID: "0"}
		children = s.cat.Roots
	case !digits(id):
		return nil, bad("参数错误 categoryId %q is not a number", id)
	default:
		c := s.cat.CategoryByID[id]
		if c == nil {
			return nil, errf(http.StatusOK, "404", "类目不存在 category %s not found", id)
		}
		out = categoryNode(c, lang)
		children = c.Children
	}
	// Leaves answer "children": [] and children carry no key at all, as
	// the 1688 API returns one level at a time.
	out.Children = make([]categoryOut, 0, len(children))
	for _, c := range children {
		out.Children = append(out.Children, categoryNode(c, lang))
	}
	return out, nil
}

type attrOut struct {
	AttributeID        json.Number `json:"attributeId"`
	AttributeName      string      `json:"attributeName"`
	Value              string      `json:"value"`
	AttributeNameTrans string      `json:"attributeNameTrans"`
	ValueTrans         string      `json:"valueTrans"`
}

type skuAttrOut struct {
	AttributeID        json.Number `json:"attributeId"`
	AttributeName      string      `json:"attributeName"`
	AttributeNameTrans string      `json:"attributeNameTrans"`
	Value              string      `json:"value"`
	ValueTrans         string      `json:"valueTrans"`
	SkuImageURL        string      `json:"skuImageUrl,omitempty"`
}

type skuOut struct {
	AmountOnSale  int64        `json:"amountOnSale"`
	Price         string       `json:"price"`
	SkuID         json.Number  `json:"skuId"`
	SpecID        string       `json:"specId"`
	CargoNumber   string       `json:"cargoNumber"`
	SkuAttributes []skuAttrOut `json:"skuAttributes"`
}

type rangeOut struct {
	StartQuantity int64  `json:"startQuantity"`
	Price         string `json:"price"`
}

type fenxiaoOut struct {
	OnePieceFreePostage bool   `json:"onePieceFreePostage"`
	StartQuantity       int64  `json:"startQuantity"`
	OnePiecePrice       string `json:"onePiecePrice"`
	OfferPrice          string `json:"offerPrice"`
}

type saleOut struct {
	AmountOnSale   int64      `json:"amountOnSale"`
	PriceRangeList []rangeOut `json:"priceRangeList"`
	QuoteType      int        `json:"quoteType"`
	UnitInfo       struct {
		Unit      string `json:"unit"`
		TransUnit string `json:"transUnit"`
	} `json:"unitInfo"`
	FenxiaoSaleInfo *fenxiaoOut `json:"fenxiaoSaleInfo,omitempty"`
}

type shippingOut struct {
	SendGoodsAddressText  string  `json:"sendGoodsAddressText"`
	Weight                string  `json:"weight"`
	Width                 string  `json:"width,omitempty"`
	Height                string  `json:"height,omitempty"`
	Length                string  `json:"length,omitempty"`
	ShippingTimeGuarantee *string `json:"shippingTimeGuarantee"`
}

type mixOut struct {
	GeneralHunpi bool   `json:"generalHunpi"`
	MixAmount    string `json:"mixAmount,omitempty"`
	MixNumber    int64  `json:"mixNumber,omitempty"`
}

type tagOut struct {
	Key   string `json:"key"`
	Value bool   `json:"value"`
}

type detailOut struct {
	OfferID          json.Number `json:"offerId"`
	CategoryID       json.Number `json:"categoryId"`
	CategoryName     string      `json:"categoryName"`
	TopCategoryID    json.Number `json:"topCategoryId"`
	SecondCategoryID json.Number `json:"secondCategoryId"`
	ThirdCategoryID  json.Number `json:"thirdCategoryId"`
	Subject          string      `json:"subject"`
	SubjectTrans     string      `json:"subjectTrans"`
	Description      string      `json:"description"`
	MainVideo        *string     `json:"mainVideo"`
	ProductImage     struct {
		Images     []string `json:"images"`
		WhiteImage string   `json:"whiteImage,omitempty"`
	} `json:"productImage"`
	ProductAttribute    []attrOut     `json:"productAttribute"`
	ProductSkuInfos     []skuOut      `json:"productSkuInfos"`
	ProductSaleInfo     saleOut       `json:"productSaleInfo"`
	ProductShippingInfo shippingOut   `json:"productShippingInfo"`
	IsJxhy              bool          `json:"isJxhy"`
	SellerOpenID        string        `json:"sellerOpenId"`
	MinOrderQuantity    int64         `json:"minOrderQuantity"`
	BatchNumber         int64         `json:"batchNumber"`
	Status              string        `json:"status"`
	TagInfoList         []tagOut      `json:"tagInfoList"`
	SellerMixSetting    mixOut        `json:"sellerMixSetting"`
	SellerDataInfo      sellerDataOut `json:"sellerDataInfo"`
	CompanyName         string        `json:"companyName"`
	// SoldOut is, despite the name, the offer's sales volume as a String
	// ("12342" in 1688's queryProductDetail), never a flag.
	SoldOut         string   `json:"soldOut"`
	TradeScore      string   `json:"tradeScore"`
	SellingPoint    []string `json:"sellingPoint"`
	OfferIdentities []string `json:"offerIdentities"`
	CreateDate      string   `json:"createDate"`
}

// detail builds the ProductDetailModel. Stock is the one thing the order
// book changes, so it is read under the server lock.
func (s *Server) detail(o *Offer) detailOut {
	d := detailOut{
		OfferID:          json.Number(o.ID),
		CategoryID:       json.Number(o.Category.ID),
		CategoryName:     o.Category.Name,
		Subject:          o.Subject,
		SubjectTrans:     o.SubjectEN,
		Description:      o.Description,
		IsJxhy:           o.Filters["jxhy"],
		SellerOpenID:     o.Seller.OpenID,
		MinOrderQuantity: o.MOQ,
		BatchNumber:      o.Batch,
		Status:           o.Status,
		CompanyName:      o.Seller.Company,
		TradeScore:       tradeScore(o),
		SellingPoint:     sellingPoints(o),
		OfferIdentities:  offerIdentities(o),
		TagInfoList: []tagOut{
			{Key: "isOnePsale", Value: o.Filters["isOnePsale"]},
			{Key: "select", Value: o.Filters["1688Selection"]},
		},
	}
	d.TopCategoryID, d.SecondCategoryID, d.ThirdCategoryID = categoryIDs(o)
	d.ProductImage.Images = slices.Clone(o.Images)
	if mix(saltWhite, o.ID)%4 == 0 && len(o.Images) > 1 {
		d.ProductImage.WhiteImage = o.Images[len(o.Images)-1]
	}
	for _, a := range o.Attrs {
		d.ProductAttribute = append(d.ProductAttribute, attrOut{AttributeID: json.Number(a.ID), AttributeName: a.Name,
			Value: a.Value, AttributeNameTrans: a.NameEN, ValueTrans: a.ValueEN})
	}

	s.mu.Lock()
	stock := make([]int64, len(o.SKUs))
	for i, k := range o.SKUs {
		stock[i] = k.Stock
	}
	s.mu.Unlock()

	var total int64
	for _, n := range stock {
		total += n
	}
	// A year of this month's sales: a figure of the right size.
	d.SoldOut = strconv.FormatInt(o.MonthSold*12, 10)
	// quoteType 0 offers list no SKUs, as 1688 does; they are ordered with
	// specId "" (Offer.SKUBySpec maps that to the offer's single SKU).
	d.ProductSkuInfos = []skuOut{}
	if len(o.Axes) > 0 {
		for i, k := range o.SKUs {
			so := skuOut{AmountOnSale: stock[i], Price: k.Price.Yuan(), SkuID: json.Number(k.ID), SpecID: k.SpecID,
				CargoNumber: k.Cargo, SkuAttributes: []skuAttrOut{}}
			for ai, vi := range k.Values {
				ax := &o.Axes[ai]
				v := ax.Values[vi]
				so.SkuAttributes = append(so.SkuAttributes, skuAttrOut{AttributeID: json.Number(ax.ID), AttributeName: ax.Name,
					AttributeNameTrans: ax.NameEN, Value: v.Value, ValueTrans: v.ValueEN, SkuImageURL: v.Image})
			}
			d.ProductSkuInfos = append(d.ProductSkuInfos, so)
		}
	}

	sale := &d.ProductSaleInfo
	sale.AmountOnSale = total
	sale.QuoteType = o.QuoteType
	sale.UnitInfo.Unit, sale.UnitInfo.TransUnit = o.Unit, o.UnitEN
	for _, t := range o.Tiers {
		sale.PriceRangeList = append(sale.PriceRangeList, rangeOut{StartQuantity: t.Start, Price: t.Price.Yuan()})
	}
	if o.Filters["isOnePsale"] {
		sale.FenxiaoSaleInfo = &fenxiaoOut{OnePieceFreePostage: o.Filters["isOnePsaleFreePost"], StartQuantity: 1,
			OnePiecePrice: consignPrice(o).Yuan(), OfferPrice: o.LowestPrice().Yuan()}
	}

	ship := &d.ProductShippingInfo
	ship.SendGoodsAddressText = o.ShipFrom
	ship.Weight = kg(o.WeightGrams)
	ship.ShippingTimeGuarantee = shipGuarantee(o)
	if m := mix(saltSize, o.ID); m%5 != 0 {
		// Package size, roughly in proportion to the weight.
		side := 8 + o.WeightGrams/60
		ship.Length = strconv.FormatInt(side+int64(m%7), 10)
		ship.Width = strconv.FormatInt(side*2/3+int64((m>>8)%5), 10)
		ship.Height = strconv.FormatInt(max(side/3, 2)+int64((m>>16)%3), 10)
	}

	if mx := o.Seller.Mix; mx.Enabled {
		d.SellerMixSetting = mixOut{GeneralHunpi: true, MixAmount: mx.Amount.Yuan(), MixNumber: mx.Number}
	}
	d.SellerDataInfo = sellerData(o.Seller)
	st := statsOf(o.Seller)
	d.SellerDataInfo.Collect30DayWithin48H = permilleText(st.pickup48)
	d.SellerDataInfo.QualityRefundWithin30Day = permilleText(st.qualityRefund)

	created := s.Now().In(xport.ChinaTime()).AddDate(0, 0, -o.CreatedDaysAgo)
	created = time.Date(created.Year(), created.Month(), created.Day(), 0, 0, 0, 0, created.Location()).
		Add(time.Duration(mix(saltCreate, o.ID)%86400) * time.Second)
	d.CreateDate = created.Format("2006-01-02 15:04:05")
	return d
}

// kg writes grams as a kilogram decimal without trailing zeros: 383 ->
// "0.383", 1500 -> "1.5".
func kg(g int64) string {
	s := strconv.FormatInt(g/1000, 10)
	if frac := g % 1000; frac != 0 {
		s += "." + strings.TrimRight(strconv.FormatInt(1000+frac, 10)[1:], "0")
	}
	return s
}

func sellingPoints(o *Offer) []string {
	var pts []string
	for _, a := range o.Attrs {
		if a.ID == "287" {
			pts = append(pts, a.Value+" "+a.ValueEN)
		}
	}
	if o.Seller.CertifiedFactory {
		pts = append(pts, "源头工厂 Source factory")
	}
	if o.Filters["isOnePsale"] {
		pts = append(pts, "一件代发 Dropshipping")
	}
	switch {
	case o.Filters["shipInToday"]:
		pts = append(pts, "当天发货 Ships today")
	case o.Filters["shipIn48Hours"]:
		pts = append(pts, "48小时发货 Ships in 48 hours")
	}
	if o.Filters["noReason7DReturn"] {
		pts = append(pts, "7天无理由 7-day returns")
	}
	return pts
}

func (s *Server) offerParam(raw xport.ID) (*Offer, *apiErr) {
	id := strings.TrimSpace(string(raw))
	if id == "" {
		return nil, bad("参数错误 offerId不能为空 offerId is required")
	}
	if !digits(id) {
		return nil, bad("参数错误 offerId %q is not a number", id)
	}
	o := s.cat.OfferByID[id]
	if o == nil {
		return nil, errf(http.StatusOK, "404", "商品不存在 offer not found")
	}
	return o, nil
}

func (s *Server) handleProductDetail(r *http.Request, body []byte) (any, *apiErr) {
	var req struct {
		OfferID xport.ID   `json:"offerId"`
		Country xport.Text `json:"country"`
	}
	if e := decode(body, &req); e != nil {
		return nil, e
	}
	o, e := s.offerParam(req.OfferID)
	if e != nil {
		return nil, e
	}
	return s.detail(o), nil
}

func (s *Server) handleDetailMulti(r *http.Request, body []byte) (any, *apiErr) {
	var req struct {
		OfferIDs []xport.ID `json:"offerIds"`
		Country  xport.Text `json:"country"`
	}
	if e := decode(body, &req); e != nil {
		return nil, e
	}
	if len(req.OfferIDs) == 0 {
		return nil, bad("参数错误 offerIds不能为空 offerIds is required")
	}
	if len(req.OfferIDs) > maxDetailIDs {
		return nil, bad("参数错误 at most %d offerIds per call, got %d", maxDetailIDs, len(req.OfferIDs))
	}
	out := []detailOut{}
	for _, id := range req.OfferIDs {
		// Unknown or malformed ids are skipped, so one removed listing
		// does not sink a whole cart refresh.
		if o := s.cat.OfferByID[strings.TrimSpace(string(id))]; o != nil {
			out = append(out, s.detail(o))
		}
	}
	return out, nil
}

type freightOut struct {
	OfferID         json.Number `json:"offerId"`
	Freight         string      `json:"freight"`
	FreePostage     bool        `json:"freePostage"`
	TemplateType    int         `json:"templateType"`
	SubTemplateType int         `json:"subTemplateType"`
	ChargeType      int         `json:"chargeType"`
	FirstFee        string      `json:"firstFee"`
	FirstUnit       string      `json:"firstUnit"`
	NextFee         string      `json:"nextFee"`
	NextUnit        string      `json:"nextUnit"`
	SingleProduct   struct {
		Weight string `json:"weight"`
	} `json:"singleProduct"`
}

func (s *Server) handleFreight(r *http.Request, body []byte) (any, *apiErr) {
	var req freightReq
	if e := s.decodeFreight(body, &req); e != nil {
		return nil, e
	}
	prov := strings.TrimSpace(string(req.ToProvinceCode))
	if prov == "" {
		return nil, bad("参数错误 toProvinceCode不能为空 toProvinceCode is required, like 330000")
	}
	if len(prov) != 6 || !digits(prov) {
		return nil, bad("参数错误 toProvinceCode %q is not a 6-digit division code", prov)
	}
	qty := int64(req.TotalNum)
	if qty <= 0 {
		return nil, bad("参数错误 totalNum must be above zero")
	}
	if qty > maxFreightQty {
		return nil, bad("参数错误 totalNum %d is too large", qty)
	}
	o, e := s.offerParam(req.OfferID)
	if e != nil {
		return nil, e
	}
	var sum int64
	for _, k := range req.SKUs {
		id := strings.TrimSpace(string(k.SkuID))
		if k.Number < 0 {
			return nil, bad("参数错误 logisticsSkuNumModels number cannot be negative")
		}
		if id != "" && o.SKUByID(id) == nil {
			return nil, bad("参数错误 sku %s does not belong to offer %s", id, o.ID)
		}
		sum += int64(k.Number)
		if sum > maxFreightQty {
			return nil, bad("参数错误 logisticsSkuNumModels numbers are too large")
		}
	}
	if len(req.SKUs) > 0 && sum != qty {
		return nil, bad("参数错误 logisticsSkuNumModels add up to %d but totalNum is %d", sum, qty)
	}

	fq := o.QuoteFreight(prov, qty)
	out := freightOut{
		OfferID:      json.Number(o.ID),
		Freight:      fq.Total.Yuan(),
		FreePostage:  o.Freight.FreePostage,
		TemplateType: 2, // a custom template
		ChargeType:   o.Freight.ChargeType,
		FirstFee:     fq.FirstFee.Yuan(),
		NextFee:      fq.NextFee.Yuan(),
	}
	if o.Freight.FreePostage {
		out.TemplateType = 1 // the seller pays
	}
	// Weight templates count in kilograms, quantity ones in pieces.
	if o.Freight.ChargeType == 1 {
		out.FirstUnit = strconv.FormatInt(fq.FirstUnit, 10)
		out.NextUnit = strconv.FormatInt(fq.NextUnit, 10)
	} else {
		out.FirstUnit, out.NextUnit = kg(fq.FirstUnit), kg(fq.NextUnit)
	}
	out.SingleProduct.Weight = kg(o.WeightGrams)
	return out, nil
}
