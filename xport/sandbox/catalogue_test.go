package sandbox_test

import (
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"caigou/xport"
	"caigou/xport/sandbox"
)

var (
	reOfferID = regexp.MustCompile(`^1000000\d{5}$`)
	reSkuID   = regexp.MustCompile(`^1000000\d{6}$`)
	reSpecID  = regexp.MustCompile(`^[0-9a-f]{32}$`)
	reCatID   = regexp.MustCompile(`^90\d{5}$`)
	reOpenID  = regexp.MustCompile(`^BBB[A-Za-z0-9_-]{22}$`)
	reImage   = regexp.MustCompile(`^https://cbu01\.alicdn\.com/img/ibank/O1CN01[A-Za-z0-9]{22}_!!\d{10}-0-cib\.jpg$`)
	reScore   = regexp.MustCompile(`^[345]\.\d$`)
)

func TestGenerateIsDeterministic(t *testing.T) {
	a, b := sandbox.Generate(1, 360), sandbox.Generate(1, 360)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same seed gave two different catalogues")
	}
	c := sandbox.Generate(2, 360)
	same := 0
	for i := range a.Offers {
		if a.Offers[i].ID == c.Offers[i].ID && a.Offers[i].Subject == c.Offers[i].Subject {
			same++
		}
	}
	if same > len(a.Offers)/10 {
		t.Fatalf("seeds 1 and 2 share %d of %d offers", same, len(a.Offers))
	}
	if a.Sellers[0].OpenID == c.Sellers[0].OpenID {
		t.Fatal("seeds 1 and 2 gave the same first seller")
	}
}

func TestGenerateCategoryTree(t *testing.T) {
	cat := sandbox.Generate(1, 360)
	if len(cat.Roots) < 8 {
		t.Fatalf("%d top-level categories, want at least 8", len(cat.Roots))
	}
	count := 0
	var walk func(c *sandbox.Category, level int, parent *sandbox.Category)
	walk = func(c *sandbox.Category, level int, parent *sandbox.Category) {
		count++
		if c.Level != level || c.Parent != parent {
			t.Errorf("%s %s: level %d parent %v, want level %d", c.ID, c.Name, c.Level, c.Parent, level)
		}
		if !reCatID.MatchString(c.ID) || cat.CategoryByID[c.ID] != c {
			t.Errorf("category id %q is out of band or not indexed", c.ID)
		}
		if !hasHan(c.Name) || c.NameEN == "" || hasHan(c.NameEN) {
			t.Errorf("category %s names %q / %q", c.ID, c.Name, c.NameEN)
		}
		if (level == 3) != c.Leaf() {
			t.Errorf("%s at level %d: leaf %v", c.Name, level, c.Leaf())
		}
		if level < 3 && len(c.Children) == 0 {
			t.Errorf("%s at level %d has no children", c.Name, level)
		}
		for _, ch := range c.Children {
			walk(ch, level+1, c)
		}
	}
	for _, r := range cat.Roots {
		walk(r, 1, nil)
	}
	if count != len(cat.CategoryByID) {
		t.Fatalf("tree has %d nodes, index %d", count, len(cat.CategoryByID))
	}
}

func TestGenerateOffers(t *testing.T) { forSeeds(t, testGenerateOffers) }

func testGenerateOffers(t *testing.T, cat *sandbox.Catalogue) {
	if len(cat.Offers) < 300 || len(cat.OfferByID) != len(cat.Offers) {
		t.Fatalf("%d offers (%d indexed), want at least 300", len(cat.Offers), len(cat.OfferByID))
	}
	quote := map[int]int{}
	axes := map[int]int{}
	skuIDs, specIDs := map[string]bool{}, map[string]bool{}
	var zeroStockSKU, soldOut, unpublished, zeroPrice, freePost, byWeight, byQty, moqBelowTier int
	batches := map[int64]bool{}
	units := map[string]bool{}
	for _, o := range cat.Offers {
		quote[o.QuoteType]++
		axes[len(o.Axes)]++
		if !reOfferID.MatchString(o.ID) || cat.OfferByID[o.ID] != o {
			t.Errorf("offer id %q is out of band or not indexed", o.ID)
		}
		if !o.Category.Leaf() {
			t.Errorf("offer %s is in non-leaf category %s", o.ID, o.Category.Name)
		}
		if cat.SellerByOpen[o.Seller.OpenID] != o.Seller {
			t.Errorf("offer %s: seller not indexed", o.ID)
		}
		if !hasHan(o.Subject) || o.SubjectEN == "" || hasHan(o.SubjectEN) {
			t.Errorf("offer %s titles %q / %q", o.ID, o.Subject, o.SubjectEN)
		}
		if n := len(o.Images); n < 3 || n > 6 {
			t.Errorf("offer %s has %d images", o.ID, n)
		}
		for _, img := range o.Images {
			if !reImage.MatchString(img) {
				t.Errorf("offer %s image %q", o.ID, img)
			}
		}
		if o.Unit == "" || o.UnitEN == "" {
			t.Errorf("offer %s has no unit", o.ID)
		}
		units[o.Unit] = true
		if !strings.Contains(o.ShipFrom, "省 ") || !strings.HasSuffix(o.ShipFrom, "市") {
			t.Errorf("offer %s ships from %q", o.ID, o.ShipFrom)
		}
		for _, tag := range []string{"<table", "<ul>", "<img ", "<p>"} {
			if !strings.Contains(o.Description, tag) {
				t.Errorf("offer %s description lacks %s", o.ID, tag)
			}
		}
		if o.MonthSold < 0 || o.MonthSold > 50000 || o.Repurchase < 0 || o.Repurchase > 100 || o.WeightGrams <= 0 {
			t.Errorf("offer %s: monthSold %d repurchase %d weight %d", o.ID, o.MonthSold, o.Repurchase, o.WeightGrams)
		}
		if len(o.Attrs) < 3 {
			t.Errorf("offer %s has %d attributes", o.ID, len(o.Attrs))
		}

		// Quantity rules.
		batches[o.Batch] = true
		if o.Batch < 1 || o.MOQ < 1 || o.MOQ%o.Batch != 0 {
			t.Errorf("offer %s: MOQ %d is not a multiple of batch %d", o.ID, o.MOQ, o.Batch)
		}
		if n := len(o.Tiers); n < 1 || n > 4 {
			t.Errorf("offer %s has %d tiers", o.ID, n)
		}
		if o.Tiers[0].Start < 1 || o.Tiers[0].Start > o.MOQ {
			t.Errorf("offer %s: first tier from %d, MOQ %d", o.ID, o.Tiers[0].Start, o.MOQ)
		}
		if o.Tiers[0].Start < o.MOQ {
			moqBelowTier++
		}
		for i := 1; i < len(o.Tiers); i++ {
			if o.Tiers[i].Start <= o.Tiers[i-1].Start || o.Tiers[i].Price >= o.Tiers[i-1].Price || o.Tiers[i].Price <= 0 {
				t.Errorf("offer %s tiers not ascending start / descending price: %v", o.ID, o.Tiers)
			}
		}

		// SKUs.
		want := 1
		for _, ax := range o.Axes {
			want *= len(ax.Values)
			if len(ax.Values) < 2 || ax.Name == "" || ax.NameEN == "" {
				t.Errorf("offer %s axis %+v", o.ID, ax)
			}
		}
		if len(o.SKUs) != want {
			t.Errorf("offer %s: %d SKUs, want %d", o.ID, len(o.SKUs), want)
		}
		switch {
		case len(o.Axes) == 0 && o.QuoteType != 0, len(o.Axes) > 0 && o.QuoteType == 0:
			t.Errorf("offer %s: quoteType %d with %d axes", o.ID, o.QuoteType, len(o.Axes))
		}
		prices := map[xport.Fen]bool{}
		hasZero := false
		var stock int64
		for _, s := range o.SKUs {
			if !reSkuID.MatchString(s.ID) || skuIDs[s.ID] {
				t.Errorf("offer %s: sku id %q out of band or repeated", o.ID, s.ID)
			}
			if !reSpecID.MatchString(s.SpecID) || specIDs[s.SpecID] {
				t.Errorf("offer %s: spec id %q malformed or repeated", o.ID, s.SpecID)
			}
			skuIDs[s.ID], specIDs[s.SpecID] = true, true
			if len(s.Values) != len(o.Axes) {
				t.Errorf("offer %s sku %s has %d values for %d axes", o.ID, s.ID, len(s.Values), len(o.Axes))
			}
			for i, v := range s.Values {
				if v < 0 || v >= len(o.Axes[i].Values) {
					t.Errorf("offer %s sku %s value %d out of range", o.ID, s.ID, v)
				}
			}
			if s.Stock < 0 {
				t.Errorf("offer %s sku %s stock %d", o.ID, s.ID, s.Stock)
			}
			if s.Stock == 0 {
				zeroStockSKU++
			}
			stock += s.Stock
			if s.Price == 0 {
				zeroPrice++
				hasZero = true
			} else {
				prices[s.Price] = true
			}
			if o.QuoteType != 1 && s.Price != o.Tiers[0].Price {
				t.Errorf("offer %s (quoteType %d) sku %s price %v, first tier %v", o.ID, o.QuoteType, s.ID, s.Price, o.Tiers[0].Price)
			}
		}
		if o.QuoteType == 1 && len(prices) < 2 && !hasZero {
			t.Errorf("offer %s is priced per SKU but its SKUs share one price", o.ID)
		}
		if stock == 0 {
			soldOut++
		}
		if !o.Sellable() {
			unpublished++
		}
		switch {
		case o.Freight.FreePostage:
			freePost++
		case o.Freight.ChargeType == 0:
			byWeight++
		case o.Freight.ChargeType == 1:
			byQty++
		}
		if !o.Freight.FreePostage && (o.Freight.FirstFee <= 0 || o.Freight.NextFee <= 0 || o.Freight.FirstUnit <= 0 || o.Freight.NextUnit <= 0) {
			t.Errorf("offer %s freight rule %+v", o.ID, o.Freight)
		}
	}
	for q := range 3 {
		if quote[q] == 0 {
			t.Errorf("no offer has quoteType %d", q)
		}
	}
	for a := range 3 {
		if axes[a] == 0 {
			t.Errorf("no offer has %d axes", a)
		}
	}
	n := len(cat.Offers)
	rare := func(name string, got int) {
		if got == 0 || got*100 >= 3*n {
			t.Errorf("%s: %d of %d offers, want a few (under 3%%)", name, got, n)
		}
	}
	rare("not published", unpublished)
	rare("SKU priced 0", zeroPrice)
	rare("sold out", soldOut)
	if zeroStockSKU <= soldOut {
		t.Errorf("only sold-out offers have empty SKUs")
	}
	if freePost == 0 || byWeight == 0 || byQty == 0 {
		t.Errorf("freight rules: %d free, %d by weight, %d by quantity", freePost, byWeight, byQty)
	}
	if len(batches) < 3 || !batches[1] {
		t.Errorf("lot sizes %v, want mostly 1 with some larger", batches)
	}
	if moqBelowTier == 0 {
		t.Error("no offer has an MOQ above its first tier")
	}
	for _, u := range []string{"件", "个", "双", "套", "盒"} {
		if !units[u] {
			t.Errorf("no offer is sold by %s", u)
		}
	}
}

func TestGenerateSellers(t *testing.T) { forSeeds(t, testGenerateSellers) }

func testGenerateSellers(t *testing.T, cat *sandbox.Catalogue) {
	if n := len(cat.Sellers); n < 60 || n > 90 || len(cat.SellerByOpen) != n {
		t.Fatalf("%d sellers (%d indexed), want 60-90", n, len(cat.SellerByOpen))
	}
	cities, companies := map[string]bool{}, map[string]bool{}
	var consign, mix, certified int
	idents := map[string]int{}
	for _, s := range cat.Sellers {
		if !reOpenID.MatchString(s.OpenID) {
			t.Errorf("open id %q", s.OpenID)
		}
		if companies[s.Company] {
			t.Errorf("company %s appears twice", s.Company)
		}
		companies[s.Company] = true
		cities[s.City] = true
		if !strings.Contains(s.Company, s.City) && !strings.Contains(s.Company, "白沟") {
			t.Errorf("company %q is not named after its city %s", s.Company, s.City)
		}
		if !strings.Contains(s.CompanyEN, "Co., Ltd.") && !strings.Contains(s.CompanyEN, "Factory") && !strings.Contains(s.CompanyEN, "Firm") {
			t.Errorf("english company name %q", s.CompanyEN)
		}
		if !hasHan(s.Wangwang) || s.Province == "" || s.LoginID == "" {
			t.Errorf("seller %+v", s)
		}
		if s.Years < 1 || s.Years > 15 {
			t.Errorf("%s: %d years", s.Company, s.Years)
		}
		for _, sc := range []string{s.CompositeScore, s.LogisticsScore, s.DisputeScore, s.OfferScore, s.AfterSalesScore, s.ConsultingScore} {
			if !reScore.MatchString(sc) || sc < "3.0" || sc > "5.0" {
				t.Errorf("%s: score %q", s.Company, sc)
			}
		}
		if !strings.HasSuffix(s.RepeatPurchasePercent, "%") {
			t.Errorf("%s: repeat purchase %q", s.Company, s.RepeatPurchasePercent)
		}
		for _, id := range s.Identities {
			idents[id]++
		}
		if s.NeedsConsign {
			consign++
		}
		if s.CertifiedFactory {
			certified++
		}
		if s.Mix.Enabled {
			mix++
			if s.Mix.Number <= 0 || s.Mix.Amount <= 0 || s.Mix.Amount%100 != 0 {
				t.Errorf("%s: mix rule %+v", s.Company, s.Mix)
			}
		}
	}
	if len(cities) < 8 {
		t.Errorf("sellers in %d cities, want the wholesale hubs", len(cities))
	}
	if consign < 1 || consign > 3 {
		t.Errorf("%d sellers need consignment, want about 2", consign)
	}
	if n := len(cat.Sellers); mix < n/5 || mix > n/2 {
		t.Errorf("%d of %d sellers allow mixed batches, want about a third", mix, n)
	}
	if certified == 0 || idents["tp_member"] == 0 || idents["powerful_merchants"] == 0 || idents["super_factory"] == 0 {
		t.Errorf("identities %v, certified %d", idents, certified)
	}
}

func TestGenerateFilters(t *testing.T) { forSeeds(t, testGenerateFilters) }

func testGenerateFilters(t *testing.T, cat *sandbox.Catalogue) {
	known := []string{"totalEpScoreLv1", "totalEpScoreLv2", "totalEpScoreLv3", "totalEpScoreLv4",
		"getRate24HLv1", "getRate24HLv2", "getRate24HLv3", "getRate48HLv1", "getRate48HLv2", "getRate48HLv3",
		"certifiedFactory", "shipInToday", "shipIn24Hours", "shipIn48Hours", "noReason7DReturn",
		"isOnePsale", "isOnePsaleFreePost", "new7", "new30", "1688Selection", "jxhy", "qrr0", "qrr1", "qrr5", "qrr10"}
	seen := map[string]int{}
	for _, o := range cat.Offers {
		bands := 0
		for code, on := range o.Filters {
			if !on {
				continue
			}
			if !slices.Contains(known, code) {
				t.Errorf("offer %s has unknown filter %q", o.ID, code)
			}
			seen[code]++
			if strings.HasPrefix(code, "totalEpScore") {
				bands++
			}
		}
		if bands != 1 {
			t.Errorf("offer %s is in %d score bands", o.ID, bands)
		}
		f := o.Filters
		implies := func(a, b string) {
			if f[a] && !f[b] {
				t.Errorf("offer %s: %s without %s", o.ID, a, b)
			}
		}
		implies("shipInToday", "shipIn24Hours")
		implies("shipIn24Hours", "shipIn48Hours")
		implies("new7", "new30")
		implies("isOnePsaleFreePost", "isOnePsale")
		implies("getRate24HLv3", "getRate24HLv2")
		implies("qrr0", "qrr1")
		implies("qrr1", "qrr5")
		implies("qrr5", "qrr10")
		if f["isOnePsaleFreePost"] && !o.Freight.FreePostage {
			t.Errorf("offer %s ships free for dropshipping but charges postage", o.ID)
		}
		if f["certifiedFactory"] != o.Seller.CertifiedFactory {
			t.Errorf("offer %s certifiedFactory filter disagrees with its seller", o.ID)
		}
		if f["new30"] != (o.CreatedDaysAgo <= 30) {
			t.Errorf("offer %s created %d days ago, new30 %v", o.ID, o.CreatedDaysAgo, f["new30"])
		}
		if f["getRate24HLv1"] == f["getRate24HLv2"] {
			t.Errorf("offer %s: 24h pickup below and above 95%%", o.ID)
		}
	}
	for _, code := range known {
		if seen[code] == 0 && code != "totalEpScoreLv4" && code != "getRate24HLv3" && code != "getRate48HLv1" {
			t.Errorf("no offer satisfies %s", code)
		}
	}
}

func TestOfferHelpers(t *testing.T) { forSeeds(t, testOfferHelpers) }

func testOfferHelpers(t *testing.T, cat *sandbox.Catalogue) {
	for _, o := range cat.Offers {
		low := o.LowestPrice()
		if low <= 0 {
			t.Fatalf("offer %s lowest price %v", o.ID, low)
		}
		if o.QuoteType != 1 && low != o.Tiers[len(o.Tiers)-1].Price {
			t.Errorf("offer %s: lowest %v, last tier %v", o.ID, low, o.Tiers[len(o.Tiers)-1].Price)
		}
		for _, tr := range o.Tiers {
			if got := o.TierPrice(tr.Start); got != tr.Price {
				t.Errorf("offer %s: price at %d is %v, want %v", o.ID, tr.Start, got, tr.Price)
			}
			if tr.Start > 1 {
				if got, want := o.TierPrice(tr.Start-1), o.TierPrice(tr.Start); tr != o.Tiers[0] && got <= want {
					t.Errorf("offer %s: one below tier %d costs %v, not more than %v", o.ID, tr.Start, got, want)
				}
			}
		}
		for _, s := range o.SKUs {
			if o.SKUBySpec(s.SpecID) != s || o.SKUByID(s.ID) != s {
				t.Errorf("offer %s: sku %s not found by spec or id", o.ID, s.ID)
			}
		}
		if got := o.SKUBySpec(""); (len(o.Axes) == 0) != (got != nil) {
			t.Errorf("offer %s with %d axes: SKUBySpec(\"\") = %v", o.ID, len(o.Axes), got)
		}
		if o.SKUBySpec("0123456789abcdef0123456789abcdef") != nil {
			t.Errorf("offer %s found a foreign spec id", o.ID)
		}
		if len(o.Axes) > 0 {
			zh, en := o.SKULabel(o.SKUs[0])
			if zh == "" || en == "" || strings.Count(zh, " / ") != len(o.Axes)-1 {
				t.Errorf("offer %s sku label %q / %q", o.ID, zh, en)
			}
		}
	}
}

func TestQuoteFreight(t *testing.T) {
	cat := sandbox.Generate(1, 360)
	var checked [3]bool
	for _, o := range cat.Offers {
		r := o.Freight
		switch {
		case r.FreePostage && !checked[0]:
			checked[0] = true
			if q := o.QuoteFreight("650000", 100); q.Total != 0 {
				t.Errorf("free postage offer %s charges %v", o.ID, q.Total)
			}
		case !r.FreePostage && r.ChargeType == 0 && !checked[1] && o.Seller.Province != "浙江":
			checked[1] = true
			qty := int64(7)
			grams := o.WeightGrams * qty
			next := int64(0)
			if grams > r.FirstUnit {
				next = (grams - r.FirstUnit + r.NextUnit - 1) / r.NextUnit
			}
			want := r.FirstFee + xport.Fen(next)*r.NextFee
			q := o.QuoteFreight("330000", qty)
			if q.Total != want || q.NextUnits != next {
				t.Errorf("offer %s by weight: %d x %dg = %v (%d next units), want %v (%d)", o.ID, qty, o.WeightGrams, q.Total, q.NextUnits, want, next)
			}
			far := o.QuoteFreight("650000", qty)
			if far.Total <= q.Total {
				t.Errorf("offer %s: Xinjiang %v is not dearer than Zhejiang %v", o.ID, far.Total, q.Total)
			}
			if far.Total != far.FirstFee+xport.Fen(far.NextUnits)*far.NextFee {
				t.Errorf("offer %s: quote does not add up: %+v", o.ID, far)
			}
		case !r.FreePostage && r.ChargeType == 1 && !checked[2] && o.Seller.Province != "浙江":
			checked[2] = true
			qty := r.FirstUnit + 2*r.NextUnit + 1 // two whole next units and one started
			want := r.FirstFee + 3*r.NextFee
			if q := o.QuoteFreight("330000", qty); q.Total != want {
				t.Errorf("offer %s by quantity: %d pieces = %v, want %v (rule %+v)", o.ID, qty, q.Total, want, r)
			}
			if q := o.QuoteFreight("330000", r.FirstUnit); q.Total != r.FirstFee {
				t.Errorf("offer %s: the first unit alone costs %v, want %v", o.ID, q.Total, r.FirstFee)
			}
		}
	}
	if checked != [3]bool{true, true, true} {
		t.Fatalf("catalogue lacks a freight rule kind: %v", checked)
	}
}

func TestGenerateSizes(t *testing.T) {
	for _, n := range []int{0, 1, 40, 1000} {
		cat := sandbox.Generate(7, n)
		want := n
		if n == 0 {
			want = 360
		}
		if len(cat.Offers) != want {
			t.Errorf("Generate(7, %d) made %d offers", n, len(cat.Offers))
		}
		ids := map[string]bool{}
		for _, o := range cat.Offers {
			if ids[o.ID] || !reOfferID.MatchString(o.ID) {
				t.Errorf("Generate(7, %d): offer id %s repeated or out of band", n, o.ID)
			}
			ids[o.ID] = true
			for _, s := range o.SKUs {
				if !reSkuID.MatchString(s.ID) {
					t.Errorf("Generate(7, %d): sku id %s out of band", n, s.ID)
				}
			}
		}
	}
}

// forSeeds runs a property check on a few marketplaces: a property that
// holds for seed 1 by luck fails on another.
func forSeeds(t *testing.T, check func(*testing.T, *sandbox.Catalogue)) {
	for _, seed := range []int64{1, 2, 3, -99} {
		t.Run("seed"+strconv.FormatInt(seed, 10), func(t *testing.T) { check(t, sandbox.Generate(seed, 360)) })
	}
}

func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		sandbox.Generate(1, 360)
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

func yuanOf(t testing.TB, s string) xport.Fen {
	t.Helper()
	f, err := xport.ParseYuan(s)
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return f
}

func percentOf(t testing.TB, s string) int {
	t.Helper()
	n, err := strconv.Atoi(strings.TrimSuffix(s, "%"))
	if err != nil {
		t.Fatalf("percent %q: %v", s, err)
	}
	return n
}
