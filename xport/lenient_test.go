package xport

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// searchCard is a full search card with one field's value replaced by odd (raw
// JSON), or the card as 1688 documents it when odd is "".
func searchCard(id string, field, odd string) string {
	price := `"12.50"`
	if field == "priceInfo.price" {
		price = odd
	}
	fields := map[string]string{
		"offerId":          id,
		"subject":          `"夏季连衣裙"`,
		"subjectTrans":     `"summer dress"`,
		"priceInfo":        `{"price":` + price + `,"consignPrice":"13.80"}`,
		"repurchaseRate":   `"21%"`,
		"monthSold":        `3821`,
		"minOrderQuantity": `2`,
		"isJxhy":           `false`,
		"sellerIdentities": `["powerful_merchants"]`,
		"sellerDataInfo":   `{"compositeServiceScore":"4.5","tpYear":7}`,
		"tradeScore":       `"4.5"`,
	}
	if field != "" && field != "priceInfo.price" {
		fields[field] = odd
	}
	var parts []string
	for _, k := range []string{"offerId", "subject", "subjectTrans", "priceInfo", "repurchaseRate", "monthSold", "minOrderQuantity", "isJxhy", "sellerIdentities", "sellerDataInfo", "tradeScore"} {
		parts = append(parts, fmt.Sprintf("%q:%s", k, fields[k]))
	}
	return "{" + strings.Join(parts, ",") + "}"
}

func searchPage(cards ...string) string {
	return `{"totalRecords":3,"totalPage":1,"pageSize":20,"currentPage":1,"data":[` + strings.Join(cards, ",") + `]}`
}

// One odd value in one card costs that value, not the card and not the
// page: the other cards decode whole, the odd card keeps every other field
// and names the one it could not read.
func TestOneOddValueKeepsThePage(t *testing.T) {
	cases := []struct {
		field, odd string
		path       string // what Unreadable must say; "" when the value is read
	}{
		{"isJxhy", `2`, "isJxhy"},
		{"isJxhy", `"maybe"`, "isJxhy"},
		{"priceInfo.price", `"3.505"`, "priceInfo.price"},
		{"priceInfo.price", `"面议"`, "priceInfo.price"},
		{"priceInfo", `"n/a"`, "priceInfo"},
		{"minOrderQuantity", `"2件起批"`, "minOrderQuantity"},
		{"minOrderQuantity", `2.5`, "minOrderQuantity"},
		{"sellerDataInfo", `{"compositeServiceScore":"4.5","tpYear":"七年"}`, "sellerDataInfo.tpYear"},
		{"sellerIdentities", `{"a":1}`, "sellerIdentities"},
		{"subject", `["a"]`, "subject"},
		{"monthSold", `"很多"`, "monthSold"},
		{"monthSold", `"1.2万"`, ""},
		{"monthSold", `"3万+"`, ""},
		{"monthSold", `"1,234"`, ""},
	}
	for _, tc := range cases {
		t.Run(tc.field+"="+tc.odd, func(t *testing.T) {
			body := searchPage(searchCard(`100000000001`, "", ""), searchCard(`"100000000002"`, tc.field, tc.odd), searchCard(`100000000003`, "", ""))
			var p OfferPage
			if err := json.Unmarshal([]byte(body), &p); err != nil {
				t.Fatalf("the page failed as a whole: %v", err)
			}
			if len(p.Offers) != 3 || p.Skipped != 0 || p.TotalRecords != 3 {
				t.Fatalf("%d offers, %d skipped, total %d; want all 3", len(p.Offers), p.Skipped, p.TotalRecords)
			}
			for i, o := range p.Offers {
				if want := fmt.Sprintf("10000000000%d", i+1); string(o.OfferID) != want {
					t.Errorf("offer %d has id %q, want %s", i, o.OfferID, want)
				}
				if i != 1 && o.Unreadable != nil {
					t.Errorf("a sound card names unreadable fields %v", o.Unreadable)
				}
			}
			odd := p.Offers[1]
			var want []string
			if tc.path != "" {
				want = []string{tc.path}
			}
			if !slices.Equal(odd.Unreadable, want) {
				t.Errorf("Unreadable = %q, want %q", odd.Unreadable, want)
			}
			// Everything the odd value did not touch was read.
			if tc.field != "subject" && odd.Subject != "夏季连衣裙" {
				t.Errorf("subject lost: %q", odd.Subject)
			}
			if !strings.HasPrefix(tc.field, "priceInfo") && odd.PriceInfo.Price != 1250 {
				t.Errorf("price lost: %v", odd.PriceInfo.Price.Fen())
			}
			if tc.field == "priceInfo.price" && odd.PriceInfo.ConsignPrice != 1380 {
				t.Errorf("the card's other price was lost with the odd one: %v", odd.PriceInfo.ConsignPrice.Fen())
			}
			if tc.field != "monthSold" && odd.MonthSold != (Count{N: 3821}) {
				t.Errorf("monthSold lost: %+v", odd.MonthSold)
			}
			if tc.field == "sellerDataInfo" && odd.SellerData.CompositeServiceScore != "4.5" {
				t.Errorf("the seller record's other fields were lost: %+v", odd.SellerData)
			}
			if tc.path != "" && odd.Readable(tc.path) {
				t.Errorf("Readable(%q) is true", tc.path)
			}
		})
	}
}

// A card whose offerId cannot be read, or is empty, cannot be opened or
// bought: it is left out and counted, and the cards around it stay.
func TestCardsWithoutAnIDAreSkippedAndCounted(t *testing.T) {
	body := searchPage(
		searchCard(`1`, "", ""),
		`null`, `"x"`, `123`, `[]`,
		searchCard(`{"id":5}`, "", ""),
		searchCard(`""`, "", ""),
		searchCard(`"  "`, "", ""),
		searchCard(`null`, "", ""),
		`{"subject":"no id"}`,
		searchCard(`2`, "isJxhy", `2`),
		searchCard(`3`, "", ""),
	)
	var p OfferPage
	if err := json.Unmarshal([]byte(body), &p); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, o := range p.Offers {
		ids = append(ids, string(o.OfferID))
	}
	if !slices.Equal(ids, []string{"1", "2", "3"}) || p.Skipped != 9 {
		t.Fatalf("ids %q, skipped %d; want 1 2 3 and 9 skipped", ids, p.Skipped)
	}
	// The same when every card is otherwise sound (the fast path).
	var q OfferPage
	if err := json.Unmarshal([]byte(searchPage(searchCard(`1`, "", ""), searchCard(`""`, "", ""))), &q); err != nil || len(q.Offers) != 1 || q.Skipped != 1 {
		t.Fatalf("fast path: %d offers, %d skipped, %v", len(q.Offers), q.Skipped, err)
	}
	// A list that is not a list is no page at all: an error, never "no results".
	for _, bad := range []string{`{"totalRecords":3,"data":"none"}`, `{"data":{"offerId":1}}`, `"page"`, `[1]`} {
		var r OfferPage
		if err := json.Unmarshal([]byte(bad), &r); err == nil {
			t.Errorf("%s decoded as %d offers", bad, len(r.Offers))
		}
	}
	// An odd page total costs the total, not the cards.
	var r OfferPage
	if err := json.Unmarshal([]byte(`{"totalRecords":"很多","data":[`+searchCard(`1`, "", "")+`]}`), &r); err != nil || len(r.Offers) != 1 || r.TotalRecords != 0 {
		t.Fatalf("odd total: %+v %v", r, err)
	}
}

// 1688 shows monthly sales as "1.2万", "3万+", "500+", "1,234": counted
// exactly, 万 as 10,000 and a trailing + as "at least", never through a
// float; anything else is refused rather than guessed.
func TestCountReads1688Sales(t *testing.T) {
	good := map[string]Count{
		`3821`: {N: 3821}, `"3821"`: {N: 3821}, `"1.2万"`: {N: 12000}, `"3万+"`: {N: 30000, AtLeast: true},
		`"500+"`: {N: 500, AtLeast: true}, `"1,234"`: {N: 1234}, `"1.2345万"`: {N: 12345}, `"0.5万"`: {N: 5000},
		`" 2.50万 + "`: {N: 25000, AtLeast: true}, `"12.0"`: {N: 12}, `null`: {}, `""`: {}, `0`: {}, `"10万+"`: {N: 100000, AtLeast: true},
		`"1.20000万"`: {N: 12000}, `"１万"`: {},
	}
	delete(good, `"１万"`) // full-width digits are not accepted; see bad
	for in, want := range good {
		var c Count
		if err := json.Unmarshal([]byte(in), &c); err != nil || c != want {
			t.Errorf("Count(%s) = %+v, %v; want %+v", in, c, err, want)
		}
	}
	for _, in := range []string{`"1.23456万"`, `"很多"`, `"-5"`, `-5`, `"万"`, `"+"`, `"1.2.3万"`, `"1e3"`, `1.5`, `"１万"`, `"99999999999999999万"`, `true`, `{}`, `"1万万"`, `"++5"`} {
		c := Count{N: 7}
		if err := json.Unmarshal([]byte(in), &c); err == nil {
			t.Errorf("Count(%s) accepted as %+v", in, c)
		}
	}
	for c, want := range map[Count]string{{N: 12000}: `12000`, {N: 500, AtLeast: true}: `"500+"`} {
		if b, err := json.Marshal(c); err != nil || string(b) != want {
			t.Errorf("Marshal(%+v) = %s, %v; want %s", c, b, err, want)
		}
	}
}

// The lenient decoder is generic: nested structs, slices of structs,
// embedded structs, keys in another case, ignored fields and types with
// their own decoder.
func TestDecodeLenientPaths(t *testing.T) {
	type Inner struct {
		N Int  `json:"n"`
		B Bool `json:"b"`
	}
	type Embedded struct {
		E Int `json:"e"`
	}
	type outer struct {
		Embedded
		Name    Text    `json:"name"`
		In      Inner   `json:"in"`
		List    []Inner `json:"list"`
		Nums    []Int   `json:"nums"`
		Tags    Strings `json:"tags"`
		When    Time    `json:"when"`
		Skip    Int     `json:"-"`
		Untaged Int
		private Int
	}
	in := `{"e":"x","NAME":"ok","in":{"n":"1","b":"2"},"list":[{"n":1},{"n":"two","b":true},null,"x"],
		"nums":[1,"2.5",3],"tags":{"a":1},"when":[1],"-":5,"untaged":"9","private":1}`
	var v outer
	bad, err := DecodeLenient([]byte(in), &v)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"e", "in.b", "list[1].n", "list[3]", "nums[1]", "tags", "when"}
	if !slices.Equal(bad, want) {
		t.Errorf("unreadable %q\nwant       %q", bad, want)
	}
	if v.Name != "ok" || v.In.N != 1 || len(v.List) != 4 || v.List[0].N != 1 || !bool(v.List[1].B) || v.List[1].N != 0 ||
		!slices.Equal(v.Nums, []Int{1, 0, 3}) || v.Skip != 0 || v.Untaged != 9 || v.private != 0 {
		t.Errorf("decoded %+v", v)
	}
	if _, err := DecodeLenient([]byte(`"x"`), &v); err == nil {
		t.Error("a string is not an object")
	}
	if _, err := DecodeLenient([]byte(`{}`), v); err == nil {
		t.Error("a struct that is not a pointer cannot be filled")
	}
	if !unreadableAt([]string{"priceInfo"}, "priceInfo.price") || !unreadableAt([]string{"list"}, "list[2].n") ||
		unreadableAt([]string{"price"}, "priceInfo") || unreadableAt(nil, "x") {
		t.Error("unreadableAt")
	}
}

// FuzzOfferPage feeds arbitrary search pages and cards to the decoders:
// nothing panics, and every card whose offerId can be read survives, in
// order, with the other cards' oddities confined to their Unreadable.
func FuzzOfferPage(f *testing.F) {
	f.Add([]byte(searchCard(`1`, "monthSold", `"1.2万"`)))
	f.Add([]byte(searchCard(`2`, "isJxhy", `2`)))
	f.Add([]byte(searchCard(`3`, "priceInfo.price", `"3.505"`)))
	f.Add([]byte(searchCard(`4`, "priceInfo", `[]`)))
	f.Add([]byte(searchCard(`{"a":1}`, "", "")))
	f.Add([]byte(`null`))
	f.Add([]byte(`{"offerId":"5","sellerDataInfo":{"tpYear":"x"},"monthSold":"3万+"}`))
	f.Fuzz(func(t *testing.T, c []byte) {
		var o Offer
		oerr := json.Unmarshal(c, &o)
		// The id as a field-by-field reading finds it: the last offerId
		// key, in any case.
		var id ID
		members, merr := objectMembers(c)
		raw, _ := lastMember(members, "offerId")
		object := merr == nil && json.Valid(c)
		if object && oerr != nil {
			t.Fatalf("card %q is an object, yet it failed: %v", c, oerr)
		}
		readableID := object && id.UnmarshalJSON(raw) == nil && strings.TrimSpace(string(id)) != ""
		if readableID && o.OfferID != id {
			t.Fatalf("card %q: offerId %q read as %q", c, id, o.OfferID)
		}
		// Whatever the plain decoder reads, the card reads the same, with
		// nothing named unreadable.
		type plain Offer
		var p0 plain
		if json.Unmarshal(c, &p0) == nil {
			if oerr != nil || o.Unreadable != nil || o.OfferID != p0.OfferID || o.PriceInfo != p0.PriceInfo || o.MonthSold != p0.MonthSold {
				t.Fatalf("card %q: read as %+v (%v); the plain decoder read %+v", c, o, oerr, p0)
			}
		}
		// The card between two sound ones on a page.
		if !json.Valid(c) {
			return
		}
		page := []byte(searchPage(searchCard(`"101"`, "", ""), string(c), searchCard(`"103"`, "", "")))
		var p OfferPage
		if err := json.Unmarshal(page, &p); err != nil {
			t.Fatalf("page with card %q failed: %v", c, err)
		}
		var ids []string
		for _, o := range p.Offers {
			ids = append(ids, string(o.OfferID))
		}
		want := []string{"101", "103"}
		if readableID {
			want = []string{"101", string(id), "103"}
		}
		if !slices.Equal(ids, want) || len(p.Offers)+p.Skipped != 3 {
			t.Fatalf("card %q: ids %q (skipped %d), want %q", c, ids, p.Skipped, want)
		}
	})
}

// A product detail with an odd seller score still loads, with the field
// named; an odd price or quantity rule fails it with the field named,
// never as a zero price.
func TestDetailDegradesOnlyWhereNothingDependsOnIt(t *testing.T) {
	var p ProductDetail
	ok := `{"offerId":1,"subject":"x","sellerDataInfo":{"tpYear":"十年"},"productSaleInfo":{"quoteType":0,"priceRangeList":[{"startQuantity":2,"price":"3.50"}]}}`
	if err := json.Unmarshal([]byte(ok), &p); err != nil || p.OfferID != "1" || len(p.SaleInfo.PriceRangeList) != 1 || len(p.Unreadable) != 1 || p.Unreadable[0] != "sellerDataInfo.tpYear" {
		t.Fatalf("%+v %v", p, err)
	}
	for _, bad := range []string{
		`{"offerId":1,"productSaleInfo":{"priceRangeList":[{"startQuantity":2,"price":"3.505"}]}}`,
		`{"offerId":1,"productSkuInfos":[{"skuId":1,"price":"3.5.0"}]}`,
		`{"offerId":1,"minOrderQuantity":"十"}`,
		`{"offerId":1,"batchNumber":{"n":2}}`,
	} {
		var d ProductDetail
		err := json.Unmarshal([]byte(bad), &d)
		if err == nil || !strings.Contains(err.Error(), "could not be read") {
			t.Errorf("%s: %v %+v", bad, err, d)
		}
	}
}

// soldOut is 1688's "Product sales volume", a String such as "12342"
// (queryProductDetail in the official docs), not a flag: a detail that
// carries it is read whole, its sales count kept, and nothing about
// stock is taken from it.
func TestSoldOutIsASalesCount(t *testing.T) {
	for in, want := range map[string]int64{`"12342"`: 12342, `12342`: 12342, `"1"`: 1, `"0"`: 0, `"1.2万"`: 12000} {
		var d ProductDetail
		raw := `{"offerId":1,"productSaleInfo":{"amountOnSale":50,"priceRangeList":[{"startQuantity":2,"price":"3.50"}]},"soldOut":` + in + `}`
		if err := json.Unmarshal([]byte(raw), &d); err != nil {
			t.Fatalf("soldOut %s: the detail failed: %v", in, err)
		}
		if d.Sold.N != want || int64(d.SaleInfo.AmountOnSale) != 50 {
			t.Errorf("soldOut %s: sold %d, stock %d", in, d.Sold.N, d.SaleInfo.AmountOnSale)
		}
	}
	// Odd text costs the count only.
	var d ProductDetail
	if err := json.Unmarshal([]byte(`{"offerId":1,"soldOut":"很多"}`), &d); err != nil || !slices.Contains(d.Unreadable, "soldOut") {
		t.Fatalf("odd soldOut: %v %v", err, d.Unreadable)
	}
}

// An order line's quantity is a BigDecimal on 1688 (goods sold by weight,
// 0.001 ton steps): read exactly, never rounded; whole numbers as pieces.
func TestOrderLineQuantity(t *testing.T) {
	for in, want := range map[string]Qty{
		`2`: {Whole: 2, Text: "2"}, `"2"`: {Whole: 2, Text: "2"}, `2.000`: {Whole: 2, Text: "2"}, `"007"`: {Whole: 7, Text: "7"},
		`0.5`: {Fraction: true, Text: "0.5"}, `"1.250"`: {Fraction: true, Text: "1.25"},
	} {
		var q Qty
		if err := json.Unmarshal([]byte(in), &q); err != nil || q != want {
			t.Errorf("%s: %+v %v", in, q, err)
		}
		var back Qty
		if b, err := json.Marshal(q); err != nil || json.Unmarshal(b, &back) != nil || back != want {
			t.Errorf("%s: written back as %s", in, b)
		}
	}
	for _, bad := range []string{`"-1"`, `"1e3"`, `"abc"`, `"1."`, `".5"`, `{}`} {
		var q Qty
		if err := json.Unmarshal([]byte(bad), &q); err == nil {
			t.Errorf("%s read as %+v", bad, q)
		}
	}
	// A line by weight no longer makes its order unreadable.
	var o Order
	if err := json.Unmarshal([]byte(`{"baseInfo":{"idOfStr":"1","status":"success"},"productItems":[{"name":"钢材","quantity":0.5,"unit":"吨"},{"name":"螺丝","quantity":20}]}`), &o); err != nil {
		t.Fatal(err)
	}
	if len(o.ProductItems) != 2 || o.ProductItems[0].Quantity.String() != "0.5" || o.ProductItems[1].Quantity.Whole != 20 {
		t.Fatalf("%+v", o.ProductItems)
	}
}
