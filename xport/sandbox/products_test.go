package sandbox_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"caigou/xport"
	"caigou/xport/sandbox"
	"caigou/xport/xportcn"
)

// desk is a sandbox behind a real HTTP server and the real client, so the
// tests cross the same wire, signatures included, as the desk does.
type desk struct {
	srv *sandbox.Server
	url string
	c   *xportcn.Client
	cat *sandbox.Catalogue
}

func newProductDesk(t testing.TB) *desk {
	t.Helper()
	srv := sandbox.New(sandbox.Options{Seed: 1})
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	cfg := xportcn.Config{BaseURL: hs.URL, AccessKey: sandbox.DemoAccessKey, AccessSecret: sandbox.DemoSecret, UserID: sandbox.DemoUserID, InProcess: true}
	// The default 5 requests a second is for the real account; the tests
	// page through whole result sets.
	cfg.RequestsPerSecond = 10000
	c, err := xportcn.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return &desk{srv: srv, url: hs.URL, c: c, cat: srv.Catalogue()}
}

var ctx = context.Background()

// raw posts a body the typed client would never send, signed as the
// client signs, and returns the envelope.
func (d *desk) raw(t *testing.T, ep xport.Endpoint, body string) (code, msg string, data json.RawMessage) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, d.url+sandbox.KAPath(ep), strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	signRequest(req, time.Now())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var env struct {
		Code json.RawMessage `json:"code"`
		Msg  string          `json:"msg"`
		Data json.RawMessage `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		t.Fatalf("%s %s: answer is not an envelope: %v", ep, body, err)
	}
	return strings.Trim(string(env.Code), `"`), env.Msg, env.Data
}

func signRequest(req *http.Request, now time.Time) {
	sandbox.SignRequest(req, strconv.FormatInt(now.Unix(), 10)) // dialect_test.go
}

func (d *desk) search(t *testing.T, q xport.SearchQuery) *xport.OfferPage {
	t.Helper()
	p, err := d.c.SearchKeyword(ctx, q)
	if err != nil {
		t.Fatalf("search %+v: %v", q, err)
	}
	return p
}

// all pages through a search and returns every card.
func (d *desk) all(t *testing.T, q xport.SearchQuery) []xport.Offer {
	t.Helper()
	q.PageSize = 50
	var out []xport.Offer
	for q.Page = 1; ; q.Page++ {
		p := d.search(t, q)
		out = append(out, p.Offers...)
		if int64(q.Page) >= int64(p.TotalPage) {
			if int64(len(out)) != int64(p.TotalRecords) {
				t.Fatalf("%+v: %d cards over %d pages, totalRecords %d", q, len(out), p.TotalPage, p.TotalRecords)
			}
			return out
		}
	}
}

func wantAPIError(t *testing.T, err error, code string) *xport.APIError {
	t.Helper()
	var ae *xport.APIError
	if !errors.As(err, &ae) || ae.Code != code {
		t.Fatalf("got %v, want an API error with code %s", err, code)
	}
	return ae
}

func TestKeywordSearchFindsChineseAndEnglish(t *testing.T) {
	d := newProductDesk(t)
	for _, kw := range []string{"连衣裙", "手机壳", "保温杯", "T恤", "dress", "phone case", "Mug", "t-shirt"} {
		cards := d.all(t, xport.SearchQuery{Keyword: kw})
		if len(cards) < 20 {
			t.Errorf("%q finds %d offers, want several dozen", kw, len(cards))
		}
		for _, c := range cards {
			title := strings.ToLower(string(c.Subject) + " " + string(c.SubjectTrans))
			for _, w := range strings.Fields(strings.ToLower(kw)) {
				if !strings.Contains(title, w) {
					t.Errorf("%q found %s %q", kw, c.OfferID, title)
				}
			}
		}
	}
	// Every word must match: "phone case" is narrower than "case".
	if a, b := d.search(t, xport.SearchQuery{Keyword: "phone case"}), d.search(t, xport.SearchQuery{Keyword: "case"}); a.TotalRecords > b.TotalRecords {
		t.Errorf("phone case %d > case %d", a.TotalRecords, b.TotalRecords)
	}
	if p := d.search(t, xport.SearchQuery{Keyword: "连衣裙 手机壳"}); p.TotalRecords != 0 {
		t.Errorf("dress AND phone case finds %d offers", p.TotalRecords)
	}
	// Category names and seller cities match too.
	for _, o := range d.all(t, xport.SearchQuery{Keyword: "义乌"}) {
		if off := d.cat.OfferByID[string(o.OfferID)]; off.Seller.City != "义乌" && !strings.Contains(string(o.Subject), "义乌") {
			t.Errorf("义乌 found %s from %s", o.OfferID, off.Seller.City)
		}
	}
	if p := d.search(t, xport.SearchQuery{Keyword: "yiwu"}); p.TotalRecords == 0 {
		t.Error("the English city name finds nothing")
	}
	if p := d.search(t, xport.SearchQuery{Keyword: "Phone Accessories"}); p.TotalRecords < 20 {
		t.Errorf("a category name finds %d offers", p.TotalRecords)
	}
	if p := d.search(t, xport.SearchQuery{Keyword: "zzzqqq"}); p.TotalRecords != 0 || len(p.Offers) != 0 {
		t.Errorf("nonsense finds %d", p.TotalRecords)
	}
}

func TestSearchCardShape(t *testing.T) {
	d := newProductDesk(t)
	cards := d.all(t, xport.SearchQuery{Keyword: "dress"})
	var absent, nullSeller, promo, consign int
	for _, c := range cards {
		o := d.cat.OfferByID[string(c.OfferID)]
		if o == nil {
			t.Fatalf("card %s is not in the catalogue", c.OfferID)
		}
		if string(c.ImageURL) != o.Images[0] || string(c.Subject) != o.Subject || string(c.SubjectTrans) != o.SubjectEN {
			t.Errorf("card %s does not match its offer", c.OfferID)
		}
		if c.PriceInfo.Price.Fen() != o.LowestPrice() || int64(c.MinOrderQuantity) != o.MOQ || c.MonthSold.N != o.MonthSold {
			t.Errorf("card %s: price %v MOQ %d", c.OfferID, c.PriceInfo.Price.Fen(), c.MinOrderQuantity)
		}
		if string(c.RepurchaseRate) != strconv.Itoa(o.Repurchase)+"%" {
			t.Errorf("card %s repurchase %q", c.OfferID, c.RepurchaseRate)
		}
		if string(c.ThirdCategoryID) != o.Category.ID || string(c.SecondCategoryID) != o.Category.Parent.ID || string(c.TopCategoryID) != o.Category.Parent.Parent.ID {
			t.Errorf("card %s categories %s/%s/%s", c.OfferID, c.TopCategoryID, c.SecondCategoryID, c.ThirdCategoryID)
		}
		if bool(c.IsOnePsale) != o.Filters["isOnePsale"] || bool(c.IsJxhy) != o.Filters["jxhy"] {
			t.Errorf("card %s flags disagree with filters", c.OfferID)
		}
		if c.SendGoodsAddressText == "" {
			absent++
		} else if string(c.SendGoodsAddressText) != o.ShipFrom {
			t.Errorf("card %s ships from %q", c.OfferID, c.SendGoodsAddressText)
		}
		if c.SellerData.CompositeServiceScore == "" {
			nullSeller++
		} else if string(c.SellerData.CompositeServiceScore) != o.Seller.CompositeScore || int(c.SellerData.TpYear) != o.Seller.Years {
			t.Errorf("card %s seller data %+v", c.OfferID, c.SellerData)
		}
		if c.PriceInfo.PromotionPrice > 0 {
			promo++
			if c.PriceInfo.PromotionPrice >= c.PriceInfo.Price {
				t.Errorf("card %s promotion %v not below %v", c.OfferID, c.PriceInfo.PromotionPrice.Fen(), c.PriceInfo.Price.Fen())
			}
		}
		if c.PriceInfo.ConsignPrice > 0 {
			consign++
		}
	}
	if absent == 0 || absent == len(cards) || promo == 0 || consign == 0 {
		t.Errorf("optional parts: %d without address, %d without seller data, %d promotions, %d dropship prices of %d",
			absent, nullSeller, promo, consign, len(cards))
	}
}

func TestKeywordSearchPaging(t *testing.T) {
	d := newProductDesk(t)
	first := d.search(t, xport.SearchQuery{Keyword: "T恤", PageSize: 7})
	total := int(first.TotalRecords)
	if first.PageSize != 7 || first.CurrentPage != 1 || int(first.TotalPage) != (total+6)/7 || len(first.Offers) != 7 {
		t.Fatalf("first page %+v of %d", first, total)
	}
	seen := map[string]bool{}
	for page := 1; page <= int(first.TotalPage); page++ {
		p := d.search(t, xport.SearchQuery{Keyword: "T恤", PageSize: 7, Page: page})
		if int(p.CurrentPage) != page || int(p.TotalRecords) != total {
			t.Fatalf("page %d: %+v", page, p)
		}
		for _, o := range p.Offers {
			if seen[string(o.OfferID)] {
				t.Errorf("offer %s on two pages", o.OfferID)
			}
			seen[string(o.OfferID)] = true
		}
	}
	if len(seen) != total {
		t.Errorf("paging showed %d of %d offers", len(seen), total)
	}
	beyond := d.search(t, xport.SearchQuery{Keyword: "T恤", PageSize: 7, Page: int(first.TotalPage) + 1})
	if len(beyond.Offers) != 0 || int(beyond.TotalRecords) != total {
		t.Errorf("a page past the end has %d offers, total %d", len(beyond.Offers), beyond.TotalRecords)
	}
	big := d.search(t, xport.SearchQuery{Keyword: "T恤", PageSize: 500})
	if big.PageSize != 50 || len(big.Offers) > 50 {
		t.Errorf("page size 500 answered %d with %d offers", big.PageSize, len(big.Offers))
	}
	// The page past the end carries an empty list, not null.
	_, _, data := d.raw(t, xport.EpKeywordSearch, `{"keyword":"T恤","beginPage":9999,"pageSize":20,"country":"en"}`)
	if !bytes.Contains(data, []byte(`"data":[]`)) {
		t.Errorf("page past the end: %s", data)
	}
}

func TestKeywordSearchSort(t *testing.T) {
	d := newProductDesk(t)
	for _, s := range []xport.Sort{{Field: "price"}, {Field: "price", Desc: true}, {Field: "monthSold", Desc: true}, {Field: "rePurchaseRate"}} {
		cards := d.all(t, xport.SearchQuery{Keyword: "手机壳", Sort: s})
		key := func(c xport.Offer) int64 {
			switch s.Field {
			case "price":
				return int64(c.PriceInfo.Price)
			case "monthSold":
				return c.MonthSold.N
			}
			return int64(percentOf(t, string(c.RepurchaseRate)))
		}
		for i := 1; i < len(cards); i++ {
			a, b := key(cards[i-1]), key(cards[i])
			if (!s.Desc && a > b) || (s.Desc && a < b) {
				t.Errorf("sort %+v: %d before %d at %d", s, a, b, i)
				break
			}
		}
	}
}

func TestKeywordSearchPriceRange(t *testing.T) {
	d := newProductDesk(t)
	all := d.all(t, xport.SearchQuery{Keyword: "连衣裙"})
	lo, hi := yuanOf(t, "40"), yuanOf(t, "80.50")
	in := 0
	for _, c := range all {
		if p := c.PriceInfo.Price.Fen(); p >= lo && p <= hi {
			in++
		}
	}
	got := d.all(t, xport.SearchQuery{Keyword: "连衣裙", PriceMin: lo, PriceMax: hi})
	if len(got) != in || in == 0 || in == len(all) {
		t.Fatalf("price range kept %d, want %d of %d", len(got), in, len(all))
	}
	for _, c := range got {
		if p := c.PriceInfo.Price.Fen(); p < lo || p > hi {
			t.Errorf("%s at %v is outside %v-%v", c.OfferID, p, lo, hi)
		}
	}
	if n := len(d.all(t, xport.SearchQuery{Keyword: "连衣裙", PriceMin: lo})); n >= len(all) || n < len(got) {
		t.Errorf("lower bound only kept %d", n)
	}
}

func TestKeywordSearchFilters(t *testing.T) {
	d := newProductDesk(t)
	base := d.all(t, xport.SearchQuery{Keyword: "T恤"})
	check := func(filters []string, ok func(*sandbox.Offer) bool) {
		t.Helper()
		want := 0
		for _, c := range base {
			if ok(d.cat.OfferByID[string(c.OfferID)]) {
				want++
			}
		}
		got := d.all(t, xport.SearchQuery{Keyword: "T恤", Filters: filters})
		if len(got) != want {
			t.Errorf("filters %v kept %d of %d, want %d", filters, len(got), len(base), want)
		}
		for _, c := range got {
			if !ok(d.cat.OfferByID[string(c.OfferID)]) {
				t.Errorf("filters %v kept %s", filters, c.OfferID)
			}
		}
	}
	check([]string{"certifiedFactory"}, func(o *sandbox.Offer) bool { return o.Seller.CertifiedFactory })
	check([]string{"shipIn24Hours"}, func(o *sandbox.Offer) bool { return o.Filters["shipIn24Hours"] })
	check([]string{"isOnePsale", "noReason7DReturn"}, func(o *sandbox.Offer) bool {
		return o.Filters["isOnePsale"] && o.Filters["noReason7DReturn"]
	})
	// Two bands of one family widen the search.
	check([]string{"totalEpScoreLv1", "totalEpScoreLv2"}, func(o *sandbox.Offer) bool {
		return o.Seller.CompositeScore >= "4.5"
	})
	check([]string{"totalEpScoreLv3"}, func(o *sandbox.Offer) bool {
		return o.Seller.CompositeScore == "4.0"
	})
	// Unknown codes are ignored, not refused.
	check([]string{"ksCiphertext", "JPFL"}, func(*sandbox.Offer) bool { return true })
	if p := d.search(t, xport.SearchQuery{Keyword: "T恤", Filters: []string{"certifiedFactory"}}); int(p.TotalRecords) == len(base) {
		t.Error("certifiedFactory removed nothing; the check above proves little")
	}
}

func TestCategoryListingWithoutKeyword(t *testing.T) {
	d := newProductDesk(t)
	for _, c := range []*sandbox.Category{d.cat.Roots[0], d.cat.Roots[5].Children[0], d.cat.Roots[8].Children[0].Children[0]} {
		want := 0
		for _, o := range d.cat.Offers {
			for a := o.Category; a != nil; a = a.Parent {
				if a == c {
					want++
				}
			}
		}
		got := d.all(t, xport.SearchQuery{CategoryID: c.ID})
		if len(got) != want || want == 0 {
			t.Errorf("category %s %s lists %d offers, want %d", c.ID, c.Name, len(got), want)
		}
		// A keyword narrows within the category.
		if c.Level == 1 {
			kw := d.all(t, xport.SearchQuery{CategoryID: c.ID, Keyword: "连衣裙"})
			if len(kw) == 0 || len(kw) >= len(got) {
				t.Errorf("连衣裙 within %s: %d of %d", c.Name, len(kw), len(got))
			}
		}
	}
	if p := d.search(t, xport.SearchQuery{CategoryID: "9999999"}); p.TotalRecords != 0 {
		t.Errorf("an unknown category lists %d offers", p.TotalRecords)
	}
}

func TestSearchRefusesBadParameters(t *testing.T) {
	d := newProductDesk(t)
	for _, body := range []string{
		`{"beginPage":1,"pageSize":20,"country":"en"}`,
		`{"keyword":"   ","beginPage":1,"pageSize":20}`,
		`{"keyword":"dress","beginPage":-1,"pageSize":20}`,
		`{"keyword":"dress","beginPage":1,"pageSize":-5}`,
		`{"keyword":"dress","sort":"price desc"}`,
		`{"keyword":"dress","sort":"{\"price\":\"down\"}"}`,
		`{"keyword":"dress","sort":"{\"price\":\"asc\",\"monthSold\":\"desc\"}"}`,
		`{"keyword":"dress","priceStart":"abc"}`,
		`{"keyword":"dress","priceStart":"-3"}`,
		`{"keyword":"dress","priceStart":"50","priceEnd":"10"}`,
		`{"keyword":"dress","categoryId":"women"}`,
		`{"keyword":"` + strings.Repeat("裙", 101) + `"}`,
		`{"keyword":["dress"]}`,
		`not json`,
	} {
		code, msg, _ := d.raw(t, xport.EpKeywordSearch, body)
		if code != "400" || msg == "" {
			t.Errorf("%s: code %s msg %q, want 400", body, code, msg)
		}
	}
	// Tolerated: numbers as strings, a numeric categoryId, page 0.
	for _, body := range []string{
		`{"keyword":"dress","beginPage":"2","pageSize":"10","categoryId":9000001}`,
		`{"keyword":"dress","beginPage":0}`,
		`{"keyword":"dress","sort":"{\"unknownField\":\"asc\"}"}`,
	} {
		if code, msg, _ := d.raw(t, xport.EpKeywordSearch, body); code != "200" {
			t.Errorf("%s: code %s %s", body, code, msg)
		}
	}
}

func TestImageSearch(t *testing.T) {
	d := newProductDesk(t)
	ids := func(p *xport.OfferPage) []string {
		var out []string
		for _, o := range p.Offers {
			out = append(out, string(o.OfferID))
		}
		return out
	}
	img := func(data []byte, url string, q xport.SearchQuery) *xport.OfferPage {
		t.Helper()
		p, err := d.c.SearchImage(ctx, xport.ImageSource{Data: data, URL: url}, q)
		if err != nil {
			t.Fatalf("image search: %v", err)
		}
		return p
	}
	photo := []byte("\x89PNG\r\n\x1a\n a photo of a red dress")
	a, b := img(photo, "", xport.SearchQuery{}), img(photo, "", xport.SearchQuery{})
	if a.TotalRecords == 0 || !slices.Equal(ids(a), ids(b)) {
		t.Fatalf("the same image gave %v then %v", ids(a), ids(b))
	}
	differ := 0
	for i := range 8 {
		other := img([]byte(fmt.Sprintf("another picture %d", i)), "", xport.SearchQuery{})
		if !slices.Equal(ids(other), ids(a)) {
			differ++
		}
	}
	if differ < 6 {
		t.Errorf("only %d of 8 other images found different offers", differ)
	}
	// One category per image, and the page rules of keyword search.
	cats := map[string]bool{}
	for _, o := range a.Offers {
		cats[string(o.SecondCategoryID)] = true
	}
	if len(cats) != 1 {
		t.Errorf("one image matched %d categories", len(cats))
	}
	byURL := img(nil, "https://example.com/dress.jpg", xport.SearchQuery{PageSize: 3, Sort: xport.Sort{Field: "price"}})
	if len(byURL.Offers) == 0 || len(byURL.Offers) > 3 {
		t.Errorf("image URL search gave %d offers", len(byURL.Offers))
	}
	for i := 1; i < len(byURL.Offers); i++ {
		if byURL.Offers[i].PriceInfo.Price < byURL.Offers[i-1].PriceInfo.Price {
			t.Error("image search ignores the price sort")
		}
	}
	if again := img(nil, "https://example.com/dress.jpg", xport.SearchQuery{PageSize: 3, Sort: xport.Sort{Field: "price"}}); !slices.Equal(ids(again), ids(byURL)) {
		t.Error("the same URL gave different offers")
	}
	for _, body := range []string{
		`{"imageBase64":"not base64 !!","beginPage":1,"pageSize":20}`,
		`{"imageBase64":"=","beginPage":1,"pageSize":20}`,
		`{"imageAddress":"ftp://example.com/a.jpg"}`,
		`{"imageAddress":"dress.jpg"}`,
		`{"beginPage":1,"pageSize":20}`,
	} {
		if code, msg, _ := d.raw(t, xport.EpImageSearch, body); code != "400" {
			t.Errorf("%s: code %s %s, want 400", body, code, msg)
		}
	}
	// Base64 as browsers send it: a data URL, URL-safe and unpadded.
	for _, body := range []string{
		`{"imageBase64":"data:image/jpeg;base64,/9j/4AAQSkZJRg=="}`,
		`{"imageBase64":"_9j_4AAQSkZJRg"}`,
	} {
		if code, msg, _ := d.raw(t, xport.EpImageSearch, body); code != "200" {
			t.Errorf("%s: code %s %s", body, code, msg)
		}
	}
}

func TestCategoryWalk(t *testing.T) {
	d := newProductDesk(t)
	root, err := d.c.Category(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if root.CategoryID != "0" || root.Level != 0 || root.Leaf || len(root.Children) < 8 {
		t.Fatalf("root %+v", root)
	}
	leaves := 0
	for _, top := range root.Children {
		if top.Level != 1 || top.ParentCateID != "0" || top.Leaf || top.ChineseName == "" || top.TranslatedName == "" || top.Children != nil {
			t.Errorf("top-level child %+v", top)
		}
		l1, err := d.c.Category(ctx, string(top.CategoryID))
		if err != nil {
			t.Fatal(err)
		}
		if l1.ChineseName != top.ChineseName || l1.Language != "en" || len(l1.Children) == 0 {
			t.Errorf("level 1 %+v", l1)
		}
		for _, mid := range l1.Children {
			l2, err := d.c.Category(ctx, string(mid.CategoryID))
			if err != nil {
				t.Fatal(err)
			}
			if l2.Level != 2 || l2.ParentCateID != top.CategoryID || len(l2.Children) == 0 {
				t.Errorf("level 2 %+v", l2)
			}
			for _, leaf := range l2.Children {
				l3, err := d.c.Category(ctx, string(leaf.CategoryID))
				if err != nil {
					t.Fatal(err)
				}
				if l3.Level != 3 || !l3.Leaf || l3.ParentCateID != mid.CategoryID || len(l3.Children) != 0 {
					t.Errorf("level 3 %+v", l3)
				}
				leaves++
			}
		}
	}
	if leaves < 16 {
		t.Errorf("%d leaves", leaves)
	}
	_, err = d.c.Category(ctx, "9999999")
	if ae := wantAPIError(t, err, "404"); xport.Classify(ae) != xport.ClassNotFound {
		t.Errorf("unknown category classed %v", xport.Classify(ae))
	}
	if code, _, data := d.raw(t, xport.EpCategory, `{"categoryId":"9010001","language":"en"}`); code != "200" || !bytes.Contains(data, []byte(`"children":[]`)) {
		t.Errorf("a leaf answers %s %s", code, data)
	}
	if code, _, _ := d.raw(t, xport.EpCategory, `{"categoryId":"abc"}`); code != "400" {
		t.Errorf("a non-numeric category answers %s", code)
	}
}

func TestProductDetailRoundTrip(t *testing.T) {
	d := newProductDesk(t)
	picked := map[string]*sandbox.Offer{}
	for _, o := range d.cat.Offers {
		key := fmt.Sprintf("q%d", o.QuoteType)
		if !o.Sellable() {
			key = "unpublished"
		}
		if picked[key] == nil {
			picked[key] = o
		}
	}
	for key, o := range picked {
		det, err := d.c.ProductDetail(ctx, o.ID)
		if err != nil {
			t.Fatalf("%s %s: %v", key, o.ID, err)
		}
		if string(det.OfferID) != o.ID || string(det.Subject) != o.Subject || string(det.SubjectTrans) != o.SubjectEN ||
			string(det.CategoryID) != o.Category.ID || string(det.CategoryName) != o.Category.Name {
			t.Errorf("%s: identity %s %q", key, det.OfferID, det.Subject)
		}
		if string(det.Status) != o.Status || string(det.SellerOpenID) != o.Seller.OpenID || string(det.CompanyName) != o.Seller.Company {
			t.Errorf("%s: status %q seller %q", key, det.Status, det.SellerOpenID)
		}
		if int64(det.MinOrderQuantity) != o.MOQ || int64(det.BatchNumber) != o.Batch || int(det.SaleInfo.QuoteType) != o.QuoteType {
			t.Errorf("%s: MOQ %d batch %d quoteType %d", key, det.MinOrderQuantity, det.BatchNumber, det.SaleInfo.QuoteType)
		}
		if string(det.SaleInfo.UnitInfo.Unit) != o.Unit || string(det.SaleInfo.UnitInfo.TransUnit) != o.UnitEN {
			t.Errorf("%s: unit %+v", key, det.SaleInfo.UnitInfo)
		}
		if !strings.Contains(string(det.Description), "<table") || len(det.ProductImage.Images) != len(o.Images) {
			t.Errorf("%s: description or images missing", key)
		}
		if len(det.Attributes) != len(o.Attrs) || det.Attributes[0].AttributeNameTrans == "" {
			t.Errorf("%s: attributes %+v", key, det.Attributes)
		}
		if len(det.SaleInfo.PriceRangeList) != len(o.Tiers) {
			t.Fatalf("%s: %d price ranges, %d tiers", key, len(det.SaleInfo.PriceRangeList), len(o.Tiers))
		}
		for i, r := range det.SaleInfo.PriceRangeList {
			if int64(r.StartQuantity) != o.Tiers[i].Start || r.Price.Fen() != o.Tiers[i].Price {
				t.Errorf("%s: range %d is %+v, tier %+v", key, i, r, o.Tiers[i])
			}
		}
		var stock int64
		for _, s := range o.SKUs {
			stock += s.Stock
		}
		// soldOut is a sales count, as 1688 sends it; stock is amountOnSale.
		if int64(det.SaleInfo.AmountOnSale) != stock || det.Sold.N != o.MonthSold*12 {
			t.Errorf("%s: amountOnSale %d sold %d, stock %d", key, det.SaleInfo.AmountOnSale, det.Sold.N, stock)
		}
		mix := o.Seller.Mix
		if bool(det.SellerMixSetting.GeneralHunpi) != mix.Enabled || (mix.Enabled && (det.SellerMixSetting.MixAmount.Fen() != mix.Amount || int64(det.SellerMixSetting.MixNumber) != mix.Number)) {
			t.Errorf("%s: mix %+v, rule %+v", key, det.SellerMixSetting, mix)
		}
		if det.ShippingInfo.Weight == "" || string(det.ShippingInfo.SendGoodsAddressText) != o.ShipFrom {
			t.Errorf("%s: shipping %+v", key, det.ShippingInfo)
		}
		if o.QuoteType == 0 {
			if len(det.SKUs) != 0 {
				t.Errorf("%s: an offer without axes lists %d SKUs", key, len(det.SKUs))
			}
			continue
		}
		if len(det.SKUs) != len(o.SKUs) {
			t.Fatalf("%s: %d SKUs, want %d", key, len(det.SKUs), len(o.SKUs))
		}
		for i, s := range det.SKUs {
			want := o.SKUs[i]
			if string(s.SkuID) != want.ID || string(s.SpecID) != want.SpecID || int64(s.AmountOnSale) != want.Stock || s.Price.Fen() != want.Price {
				t.Errorf("%s sku %d: %+v, want %+v", key, i, s, *want)
			}
			if o.SKUBySpec(string(s.SpecID)) != want || len(s.Attributes) != len(o.Axes) {
				t.Errorf("%s sku %d: spec lookup or attributes", key, i)
			}
			for ai, a := range s.Attributes {
				v := o.Axes[ai].Values[want.Values[ai]]
				if string(a.Value) != v.Value || string(a.ValueTrans) != v.ValueEN || string(a.AttributeName) != o.Axes[ai].Name {
					t.Errorf("%s sku %d attribute %d: %+v", key, i, ai, a)
				}
			}
		}
	}
	if len(picked) != 4 {
		t.Fatalf("picked %v", picked)
	}

	_, err := d.c.ProductDetail(ctx, "100000099999")
	if ae := wantAPIError(t, err, "404"); !strings.Contains(ae.Msg, "商品不存在") {
		t.Errorf("unknown offer: %q", ae.Msg)
	}
	if code, _, _ := d.raw(t, xport.EpProductDetail, `{"offerId":"","country":"en"}`); code != "400" {
		t.Errorf("empty offer id answers %s", code)
	}
	// The id may come as a string, as some clients send it.
	if code, _, _ := d.raw(t, xport.EpProductDetail, `{"offerId":"`+d.cat.Offers[0].ID+`","country":"en"}`); code != "200" {
		t.Errorf("a string offer id answers %s", code)
	}
}

func TestProductDetailsMulti(t *testing.T) {
	d := newProductDesk(t)
	ids := []string{d.cat.Offers[3].ID, "100000099999", d.cat.Offers[7].ID}
	got, err := d.c.ProductDetails(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || string(got[0].OfferID) != ids[0] || string(got[1].OfferID) != ids[2] {
		t.Fatalf("multi detail gave %d details", len(got))
	}
	var many []string
	for _, o := range d.cat.Offers[:21] {
		many = append(many, o.ID)
	}
	_, err = d.c.ProductDetails(ctx, many)
	wantAPIError(t, err, "400")
	if _, err := d.c.ProductDetails(ctx, many[:20]); err != nil {
		t.Errorf("20 ids: %v", err)
	}
}

func TestFreightEstimate(t *testing.T) {
	d := newProductDesk(t)
	var byWeight, byQty, free *sandbox.Offer
	for _, o := range d.cat.Offers {
		switch {
		case o.Freight.FreePostage:
			free = cmpOr(free, o)
		case o.Freight.ChargeType == 0 && o.Seller.Province != "浙江" && len(o.Axes) > 0:
			byWeight = cmpOr(byWeight, o)
		case o.Freight.ChargeType == 1 && o.Seller.Province != "浙江":
			byQty = cmpOr(byQty, o)
		}
	}
	est := func(o *sandbox.Offer, prov string, qty int64) *xport.Freight {
		t.Helper()
		f, err := d.c.FreightEstimate(ctx, xport.FreightQuery{OfferID: o.ID, ProvinceCode: prov, CityCode: prov[:2] + "0100", DistrictCode: prov[:2] + "0102", TotalNum: qty})
		if err != nil {
			t.Fatalf("freight %s: %v", o.ID, err)
		}
		return f
	}

	// By weight, worked by hand: grams over the first unit, in started
	// next units.
	r := byWeight.Freight
	qty := int64(9)
	grams := byWeight.WeightGrams * qty
	next := int64(0)
	if grams > r.FirstUnit {
		next = (grams - r.FirstUnit + r.NextUnit - 1) / r.NextUnit
	}
	f := est(byWeight, "330000", qty)
	if want := r.FirstFee + xport.Fen(next)*r.NextFee; f.Freight.Fen() != want {
		t.Errorf("by weight: %v, want %v (%d x %dg, rule %+v)", f.Freight.Fen(), want, qty, byWeight.WeightGrams, r)
	}
	if f.FreePostage || f.ChargeType != 0 || f.FirstFee.Fen() != r.FirstFee || f.NextFee.Fen() != r.NextFee || f.FirstUnit != "1" || string(f.OfferID) != byWeight.ID {
		t.Errorf("by weight answer %+v", f)
	}
	far := est(byWeight, "650000", qty)
	if far.Freight <= f.Freight || est(byWeight, "540000", qty).Freight <= f.Freight {
		t.Errorf("Xinjiang %v / Tibet not dearer than Zhejiang %v", far.Freight.Fen(), f.Freight.Fen())
	}
	// The SKU split must add up to the total.
	s0, s1 := byWeight.SKUs[0].ID, byWeight.SKUs[len(byWeight.SKUs)-1].ID
	withSKUs, err := d.c.FreightEstimate(ctx, xport.FreightQuery{OfferID: byWeight.ID, ProvinceCode: "330000", TotalNum: qty,
		SKUs: []xport.FreightSKU{{SkuID: s0, Number: 4}, {SkuID: s1, Number: 5}}})
	if err != nil || withSKUs.Freight != f.Freight {
		t.Errorf("with SKUs: %+v %v", withSKUs, err)
	}
	_, err = d.c.FreightEstimate(ctx, xport.FreightQuery{OfferID: byWeight.ID, ProvinceCode: "330000", TotalNum: qty,
		SKUs: []xport.FreightSKU{{SkuID: s0, Number: 4}}})
	wantAPIError(t, err, "400")
	_, err = d.c.FreightEstimate(ctx, xport.FreightQuery{OfferID: byWeight.ID, ProvinceCode: "330000", TotalNum: 1,
		SKUs: []xport.FreightSKU{{SkuID: "1000000999999", Number: 1}}})
	wantAPIError(t, err, "400")

	// By quantity.
	rq := byQty.Freight
	n := rq.FirstUnit + rq.NextUnit + 1
	if got := est(byQty, "330000", n); got.Freight.Fen() != rq.FirstFee+2*rq.NextFee || got.ChargeType != 1 {
		t.Errorf("by quantity: %d pieces cost %v (rule %+v)", n, got.Freight.Fen(), rq)
	}
	if got := est(free, "650000", 500); got.Freight != 0 || !got.FreePostage {
		t.Errorf("free postage answer %+v", got)
	}

	_, err = d.c.FreightEstimate(ctx, xport.FreightQuery{OfferID: byQty.ID, TotalNum: 3})
	wantAPIError(t, err, "400")
	_, err = d.c.FreightEstimate(ctx, xport.FreightQuery{OfferID: "100000099999", ProvinceCode: "330000", TotalNum: 3})
	wantAPIError(t, err, "404")
	for _, body := range []string{
		`{"offerId":` + byQty.ID + `,"toProvinceCode":"330000","totalNum":0}`,
		`{"offerId":` + byQty.ID + `,"toProvinceCode":"330000","totalNum":-4}`,
		`{"offerId":` + byQty.ID + `,"toProvinceCode":"浙江","totalNum":4}`,
	} {
		if code, _, _ := d.raw(t, xport.EpFreight, body); code != "400" {
			t.Errorf("%s answers %s", body, code)
		}
	}
}

func cmpOr(a, b *sandbox.Offer) *sandbox.Offer {
	if a != nil {
		return a
	}
	return b
}

// FuzzKeywordSearchBody feeds arbitrary bodies to the keyword search
// through ServeHTTP. It must never panic, and every answer must be an
// envelope with code 200 or 400.
func FuzzKeywordSearchBody(f *testing.F) {
	for _, seed := range []string{
		`{"keyword":"连衣裙","beginPage":1,"pageSize":20,"country":"en"}`,
		`{"keyword":"phone case","beginPage":2,"pageSize":50,"filter":"certifiedFactory,shipIn48Hours,ksCiphertext","sort":"{\"price\":\"desc\"}","priceStart":"1.50","priceEnd":"99"}`,
		`{"keyword":"","categoryId":"9000001","beginPage":9223372036854775807,"pageSize":9223372036854775807}`,
		`{"keyword":"T恤","sort":"{\"monthSold\":\"asc\"}","categoryId":9001001}`,
		`{"keyword":null,"beginPage":"3","pageSize":"1.0","filter":",,,"}`,
		`{"keyword":"\u0000\ufffd","priceStart":"1e9","sort":"[]"}`,
		`[]`, `null`, `{`, ``,
	} {
		f.Add([]byte(seed))
	}
	// The fuzz engine sends far more requests in 600 s than the replay
	// window should remember, so its clock moves on between requests and
	// the nonce table stays small.
	var now atomic.Int64
	now.Store(time.Date(2026, 5, 20, 8, 0, 0, 0, time.UTC).Unix())
	srv := sandbox.New(sandbox.Options{Seed: 1, WallClock: func() time.Time { return time.Unix(now.Load(), 0) }})
	path := sandbox.KAPath(xport.EpKeywordSearch)
	f.Fuzz(func(t *testing.T, body []byte) {
		at := time.Unix(now.Add(701), 0)
		req := httptest.NewRequest(http.MethodPost, path, bytes.NewReader(body))
		signRequest(req, at)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		var env struct {
			Code int             `json:"code"`
			Msg  string          `json:"msg"`
			Data json.RawMessage `json:"data"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &env); err != nil {
			t.Fatalf("answer is not JSON: %v: %q", err, rec.Body.String())
		}
		switch env.Code {
		case 200:
			var page xport.OfferPage
			if err := json.Unmarshal(env.Data, &page); err != nil {
				t.Fatalf("the client cannot read the page: %v", err)
			}
			if len(page.Offers) > 50 || int64(len(page.Offers)) > int64(page.TotalRecords) {
				t.Fatalf("page of %d offers, %d records", len(page.Offers), page.TotalRecords)
			}
		case 400:
			if env.Msg == "" {
				t.Fatal("a 400 without a message")
			}
		default:
			t.Fatalf("code %d: %s", env.Code, env.Msg)
		}
	})
}
