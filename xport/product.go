package xport

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Sort orders search results. Field is one of "price", "monthSold",
// "rePurchaseRate" (reference §3.1); empty means the marketplace's order.
type Sort struct {
	Field string
	Desc  bool
}

// SearchQuery is a keyword or image search.
type SearchQuery struct {
	Keyword  string
	Page     int // from 1
	PageSize int
	// Filters are 1688 filter codes such as "certifiedFactory" or
	// "shipIn48Hours" (reference §3.1).
	Filters    []string
	Sort       Sort
	PriceMin   Fen // 0 = no lower bound
	PriceMax   Fen // 0 = no upper bound
	CategoryID string
}

// PriceInfo is a search card's prices, all yuan on the wire [1688].
type PriceInfo struct {
	Price          Yuan `json:"price"`
	JxhyPrice      Yuan `json:"jxhyPrice"`
	PfJxhyPrice    Yuan `json:"pfJxhyPrice"`
	ConsignPrice   Yuan `json:"consignPrice"`
	PromotionPrice Yuan `json:"promotionPrice"`
}

// SellerData is the seller's service record [1688 sellerDataInfo].
type SellerData struct {
	TradeMedalLevel           Text `json:"tradeMedalLevel"`
	CompositeServiceScore     Text `json:"compositeServiceScore"`
	LogisticsExperienceScore  Text `json:"logisticsExperienceScore"`
	DisputeComplaintScore     Text `json:"disputeComplaintScore"`
	OfferExperienceScore      Text `json:"offerExperienceScore"`
	AfterSalesExperienceScore Text `json:"afterSalesExperienceScore"`
	ConsultingExperienceScore Text `json:"consultingExperienceScore"`
	RepeatPurchasePercent     Text `json:"repeatPurchasePercent"`
	TpYear                    Int  `json:"tpYear"`
	Collect30DayWithin48H     Text `json:"collect30DayWithin48HPercent"`
	QualityRefundWithin30Day  Text `json:"qualityRefundWithin30Day"`
}

// ShippingSummary is a search card's fulfilment record [1688].
type ShippingSummary struct {
	ShippingTimeGuarantee  Text `json:"shippingTimeGuarantee"`
	PerfectFulfillmentRate Text `json:"perfectFulfillmentRate30d"`
	PickupWithin24hRate30d Text `json:"pickupWithin24hRate30d"`
	QualityReturnRate30d   Text `json:"qualityReturnRate30d"`
	DelayedShippingRate7d  Text `json:"delayedShippingRate7d"`
}

// Offer is one search result card (1688 ProductInfoModelV2; every field may
// be missing [INF]).
type Offer struct {
	OfferID          ID              `json:"offerId"`
	ImageURL         Text            `json:"imageUrl"`
	Subject          Text            `json:"subject"`
	SubjectTrans     Text            `json:"subjectTrans"`
	PriceInfo        PriceInfo       `json:"priceInfo"`
	RepurchaseRate   Text            `json:"repurchaseRate"`
	MonthSold        Count           `json:"monthSold"`
	MinOrderQuantity Int             `json:"minOrderQuantity"`
	IsJxhy           Bool            `json:"isJxhy"`
	IsOnePsale       Bool            `json:"isOnePsale"`
	SellerIdentities Strings         `json:"sellerIdentities"`
	OfferIdentities  Strings         `json:"offerIdentities"`
	TradeScore       Text            `json:"tradeScore"`
	TopCategoryID    ID              `json:"topCategoryId"`
	SecondCategoryID ID              `json:"secondCategoryId"`
	ThirdCategoryID  ID              `json:"thirdCategoryId"`
	SellerData       SellerData      `json:"sellerDataInfo"`
	Shipping         ShippingSummary `json:"productSimpleShippingInfo"`
	// SendGoodsAddressText is the ship-from place [INF: 1688-rules §3.8
	// says results carry it; not in the documented card].
	SendGoodsAddressText Text `json:"sendGoodsAddressText"`
	// Unreadable lists the JSON paths of the fields that were sent but
	// could not be read ("priceInfo.price", "isJxhy"); they are left at
	// zero, which must not be shown as a value (see Readable).
	Unreadable []string `json:"-"`
}

// UnmarshalJSON reads a card field by field when it cannot be read whole:
// 1688 data passes through several systems, and one odd value ("isJxhy":
// 2, a price of "3.505") must cost that value, not the card or the page.
func (o *Offer) UnmarshalJSON(b []byte) error {
	type plain Offer // without this method
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		p = plain{}
		bad, lerr := decodeLenient(b, &p)
		if lerr != nil {
			return fmt.Errorf("search card: %w", lerr)
		}
		p.Unreadable = bad
	}
	*o = Offer(p)
	return nil
}

// Readable reports whether the field at a JSON path ("priceInfo.price")
// was read; a field that was not sent counts as read (as zero).
func (o *Offer) Readable(path string) bool { return !unreadableAt(o.Unreadable, path) }

// OfferPage is a page of search results [SIB page VO].
type OfferPage struct {
	TotalRecords Int     `json:"totalRecords"`
	TotalPage    Int     `json:"totalPage"`
	PageSize     Int     `json:"pageSize"`
	CurrentPage  Int     `json:"currentPage"`
	Offers       []Offer `json:"data"`
	// Skipped counts the cards left out because their offerId could not
	// be read or was empty: such a card cannot be opened or ordered.
	Skipped int `json:"-"`
}

// UnmarshalJSON reads the page's fields one by one when the page cannot be
// read whole, and leaves out the cards that have no offerId. A list that is
// not a list is an error: an empty page would say "no results" when the
// service sent some.
func (p *OfferPage) UnmarshalJSON(b []byte) error {
	type plain OfferPage // without this method
	type plainOffer Offer
	// The fast path reads the cards without calling Offer's own decoder
	// once per card (the outer field shadows the embedded one).
	var fast struct {
		plain
		Offers []plainOffer `json:"data"`
	}
	var v plain
	if err := json.Unmarshal(b, &fast); err == nil {
		v = fast.plain
		v.Offers = make([]Offer, len(fast.Offers))
		for i, o := range fast.Offers {
			v.Offers[i] = Offer(o)
		}
	} else {
		bad, lerr := decodeLenient(b, &v)
		if lerr != nil {
			return fmt.Errorf("search results: %w", lerr)
		}
		if slices.Contains(bad, "data") {
			return errors.New("search results: the list of offers is not a list")
		}
	}
	kept := v.Offers[:0]
	for _, o := range v.Offers {
		if strings.TrimSpace(string(o.OfferID)) == "" {
			v.Skipped++
			continue
		}
		kept = append(kept, o)
	}
	v.Offers = kept
	*p = OfferPage(v)
	return nil
}

// ImageSource is what an image search looks for: exactly one of the image
// bytes (a local file, sent as base64) or an image URL.
type ImageSource struct {
	Data []byte
	URL  string
}

// Category is one node of the 3-level 1688 category tree
// [1688 category.translation.getById].
type Category struct {
	CategoryID     ID         `json:"categoryId"`
	ChineseName    Text       `json:"chineseName"`
	TranslatedName Text       `json:"translatedName"`
	Language       Text       `json:"language"`
	Leaf           Bool       `json:"leaf"`
	Level          Int        `json:"level"`
	ParentCateID   ID         `json:"parentCateId"`
	Children       []Category `json:"children"`
}

// PriceRange is one quantity tier [1688 priceRangeList].
type PriceRange struct {
	StartQuantity  Int  `json:"startQuantity"`
	Price          Yuan `json:"price"`
	PromotionPrice Yuan `json:"promotionPrice"`
}

// SKUAttribute is one axis value of a SKU (colour: red).
type SKUAttribute struct {
	AttributeID        ID   `json:"attributeId"`
	AttributeName      Text `json:"attributeName"`
	AttributeNameTrans Text `json:"attributeNameTrans"`
	Value              Text `json:"value"`
	ValueTrans         Text `json:"valueTrans"`
	SkuImageURL        Text `json:"skuImageUrl"`
}

// SKU is one orderable variant [1688 productSkuInfos].
type SKU struct {
	SkuID          ID             `json:"skuId"`
	SpecID         Text           `json:"specId"`
	AmountOnSale   Int            `json:"amountOnSale"`
	Price          Yuan           `json:"price"`
	PromotionPrice Yuan           `json:"promotionPrice"`
	CargoNumber    Text           `json:"cargoNumber"`
	Attributes     []SKUAttribute `json:"skuAttributes"`
}

// SaleInfo holds the quantity rules [1688 productSaleInfo].
type SaleInfo struct {
	AmountOnSale   Int          `json:"amountOnSale"`
	PriceRangeList []PriceRange `json:"priceRangeList"`
	// QuoteType: 0 no SKU, priced by quantity; 1 priced per SKU; 2 has SKUs,
	// priced by the offer's total quantity.
	QuoteType Int `json:"quoteType"`
	UnitInfo  struct {
		Unit      Text `json:"unit"`
		TransUnit Text `json:"transUnit"`
	} `json:"unitInfo"`
}

// ShippingInfo is where and how the goods ship [1688 productShippingInfo].
type ShippingInfo struct {
	SendGoodsAddressText  Text `json:"sendGoodsAddressText"`
	Weight                Text `json:"weight"`
	Width                 Text `json:"width"`
	Height                Text `json:"height"`
	Length                Text `json:"length"`
	ShippingTimeGuarantee Text `json:"shippingTimeGuarantee"`
}

// MixSetting is the seller's mixed-batch (混批) rule: an order across the
// seller's offers passes when it reaches MixNumber pieces or MixAmount.
// [INF] MixAmount's unit is unconfirmed; caigou reads it as yuan, like
// every other product-side amount.
type MixSetting struct {
	GeneralHunpi Bool `json:"generalHunpi"`
	MixAmount    Yuan `json:"mixAmount"`
	MixNumber    Int  `json:"mixNumber"`
}

// Attribute is one product attribute, in Chinese and translated.
type Attribute struct {
	AttributeID        ID   `json:"attributeId"`
	AttributeName      Text `json:"attributeName"`
	Value              Text `json:"value"`
	AttributeNameTrans Text `json:"attributeNameTrans"`
	ValueTrans         Text `json:"valueTrans"`
}

// ProductDetail is the 1688 ProductDetailModel [SIB/1688].
type ProductDetail struct {
	OfferID          ID   `json:"offerId"`
	CategoryID       ID   `json:"categoryId"`
	CategoryName     Text `json:"categoryName"`
	Subject          Text `json:"subject"`
	SubjectTrans     Text `json:"subjectTrans"`
	Description      Text `json:"description"`
	DescriptionTrans Text `json:"descriptionTrans"`
	MainVideo        Text `json:"mainVideo"`
	ProductImage     struct {
		Images     Strings `json:"images"`
		WhiteImage Text    `json:"whiteImage"`
	} `json:"productImage"`
	Attributes       []Attribute  `json:"productAttribute"`
	SKUs             []SKU        `json:"productSkuInfos"`
	SaleInfo         SaleInfo     `json:"productSaleInfo"`
	ShippingInfo     ShippingInfo `json:"productShippingInfo"`
	SellerOpenID     Text         `json:"sellerOpenId"`
	MinOrderQuantity Int          `json:"minOrderQuantity"`
	BatchNumber      Int          `json:"batchNumber"`
	Status           Text         `json:"status"`
	SellerMixSetting MixSetting   `json:"sellerMixSetting"`
	SellerData       SellerData   `json:"sellerDataInfo"`
	CompanyName      Text         `json:"companyName"`
	// Sold is soldOut, which despite its name is the offer's sales count
	// ("Product sales volume", a String such as "12342", in 1688's
	// queryProductDetail), not a flag: stock comes from amountOnSale and
	// the SKUs only.
	Sold            Count   `json:"soldOut"`
	TradeScore      Text    `json:"tradeScore"`
	SellingPoint    Strings `json:"sellingPoint"`
	OfferIdentities Strings `json:"offerIdentities"`
	PromotionURL    Text    `json:"promotionUrl"`
	// Unreadable lists the fields that could not be read (never one of
	// criticalDetail: those fail the detail).
	Unreadable []string `json:"-"`
}

// FreightQuery asks for the domestic freight of a quantity to a district.
type FreightQuery struct {
	OfferID      string
	ProvinceCode string // "330000"
	CityCode     string // "330100"
	DistrictCode string // "330108", sent as toCountryCode as 1688 names it
	TotalNum     int64
	SKUs         []FreightSKU
}

// FreightSKU is one SKU's share of a freight query.
type FreightSKU struct {
	SkuID  string
	Number int64
}

// Freight is a domestic freight estimate [1688 product.freight.estimate].
type Freight struct {
	OfferID         ID   `json:"offerId"`
	Freight         Yuan `json:"freight"`
	FreePostage     Bool `json:"freePostage"`
	TemplateType    Int  `json:"templateType"`
	SubTemplateType Int  `json:"subTemplateType"`
	ChargeType      Int  `json:"chargeType"` // 0 weight, 1 quantity, 2 volume
	FirstFee        Yuan `json:"firstFee"`
	FirstUnit       Text `json:"firstUnit"`
	NextFee         Yuan `json:"nextFee"`
	NextUnit        Text `json:"nextUnit"`
}

// criticalDetail are the fields of a product detail that decide what can
// be ordered and at what price: the SKUs, the tiers, the quantity rules,
// the mixed-batch rule. One of them unreadable fails the detail with the
// field named; anything else (scores, years, flags, texts) degrades to
// its zero value and is listed in Unreadable, so one odd seller score
// does not hide the product.
var criticalDetail = []string{"offerId", "productSkuInfos", "productSaleInfo", "minOrderQuantity", "batchNumber", "sellerMixSetting", "status"}

// UnmarshalJSON decodes a detail, field by field when the fast decode
// fails.
func (p *ProductDetail) UnmarshalJSON(b []byte) error {
	type plain ProductDetail // without this method
	var d plain
	if err := json.Unmarshal(b, &d); err == nil {
		*p = ProductDetail(d)
		return nil
	}
	d = plain{}
	bad, err := decodeLenient(b, &d)
	if err != nil {
		return fmt.Errorf("product detail: %w", err)
	}
	for _, path := range bad {
		for _, c := range criticalDetail {
			if path == c || strings.HasPrefix(path, c+".") || strings.HasPrefix(path, c+"[") {
				return fmt.Errorf("product detail: %s could not be read, and it decides what can be ordered at what price", path)
			}
		}
	}
	d.Unreadable = bad
	*p = ProductDetail(d)
	return nil
}
