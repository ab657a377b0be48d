package sandbox

import "caigou/xport"

// The marketplace model. Generate (catalogue.go) builds it from a seed; the
// product handlers read it and the order book (orders.go) prices and checks
// orders against it. After Generate returns, the catalogue is never
// modified except SKU stock, which the order book changes under Server.mu.
//
// Id bands: offers are 12-digit 1000000xxxxx, SKUs 13-digit
// 1000000xxxxxx, orders 19-digit 900000xxxxxxxxxxxxx. Real 1688 ids do not
// use these bands, so a sandbox id pasted into a live account fails loudly
// instead of matching a stranger's order.

// Catalogue is the whole generated marketplace.
type Catalogue struct {
	// Roots are the top-level categories (level 1); each has level-2
	// children, which have level-3 leaves.
	Roots        []*Category
	CategoryByID map[string]*Category
	Offers       []*Offer
	OfferByID    map[string]*Offer
	Sellers      []*Seller
	SellerByOpen map[string]*Seller
}

// Category is a node of the 3-level tree.
type Category struct {
	ID       string
	Name     string // Chinese
	NameEN   string
	Level    int
	Parent   *Category
	Children []*Category
}

// Leaf reports whether the category is level 3.
func (c *Category) Leaf() bool { return len(c.Children) == 0 }

// Seller is a supplier.
type Seller struct {
	OpenID    string // sellerOpenId, the IM openUid
	LoginID   string
	Company   string // Chinese company name
	CompanyEN string
	Province  string
	City      string // a wholesale hub: 义乌, 广州, 深圳, ...
	Years     int    // years on 1688 (tpYear)
	// Scores are 1688's 0-5 service scores, as decimal text ("4.5").
	CompositeScore, LogisticsScore, DisputeScore, OfferScore, AfterSalesScore, ConsultingScore string
	RepeatPurchasePercent                                                                      string   // "35%"
	Identities                                                                                 []string // super_factory, powerful_merchants, tp_member
	CertifiedFactory                                                                           bool
	// Mix is the mixed-batch (混批) rule across this seller's offers.
	Mix MixRule
	// Wangwang is the seller's chat nick, returned by the IM decrypt.
	Wangwang string
	// NeedsConsign makes every order answer 500_007 (no consignment
	// relationship), as some distribution-only sellers do.
	NeedsConsign bool
}

// MixRule: when Enabled, an order of this seller's offers may go below
// each offer's MOQ if the order reaches Number pieces or Amount in total.
type MixRule struct {
	Enabled bool
	Number  int64
	Amount  xport.Fen
}

// Axis is one SKU dimension (colour, size).
type Axis struct {
	ID     string
	Name   string
	NameEN string
	Values []AxisValue
}

// AxisValue is one value of an axis.
type AxisValue struct {
	Value   string
	ValueEN string
	Image   string
}

// SKU is one variant: one value index per axis.
type SKU struct {
	ID     string // 13 digits
	SpecID string // 32 lowercase hex
	Values []int  // index into Offer.Axes[i].Values
	Stock  int64  // amountOnSale; some are 0
	// Price is the SKU's own price (quoteType 1); for 0 and 2 the tiers
	// govern and Price is the first tier's.
	Price xport.Fen
	Cargo string // cargoNumber
}

// Tier is a quantity price break.
type Tier struct {
	Start int64
	Price xport.Fen
}

// Attr is a product attribute in Chinese and English.
type Attr struct {
	ID      string
	Name    string
	NameEN  string
	Value   string
	ValueEN string
}

// FreightRule is the seller's template for this offer.
type FreightRule struct {
	FreePostage bool
	ChargeType  int // 0 weight, 1 quantity, 2 volume
	FirstUnit   int64
	FirstFee    xport.Fen
	NextUnit    int64
	NextFee     xport.Fen
}

// Offer is a product listing.
type Offer struct {
	ID             string // 12 digits
	Subject        string // Chinese title
	SubjectEN      string // subjectTrans
	Category       *Category
	Seller         *Seller
	Images         []string
	Attrs          []Attr
	Axes           []Axis // 0 to 2
	SKUs           []*SKU // one with no Values when there are no axes
	QuoteType      int    // 0 no SKU by quantity, 1 per SKU, 2 SKUs by quantity
	Tiers          []Tier // ascending Start; Tiers[0].Start is usually the MOQ
	MOQ            int64
	Batch          int64 // batchNumber: quantities in multiples of this
	Unit           string
	UnitEN         string
	MonthSold      int64
	Repurchase     int    // percent
	Status         string // "published", or e.g. "auditing" (500_001)
	WeightGrams    int64
	Freight        FreightRule
	Description    string          // HTML
	ShipFrom       string          // e.g. "浙江省 金华市"
	Filters        map[string]bool // the filter codes this offer satisfies
	CreatedDaysAgo int
}

// Sellable reports whether the offer can be ordered at all.
func (o *Offer) Sellable() bool { return o.Status == "published" }
