package xportcn

import (
	"context"
	"net/http"
	"testing"

	"caigou/xport"
)

// The observed defect, end to end: one odd card in a search answer used to
// fail the whole search.
func TestSearchWithAnOddCardShowsTheRest(t *testing.T) {
	// The card decoder itself is tested field by field in package xport;
	// here only that the client keeps the page around the odd card.
	for _, odd := range []string{`"monthSold":"1.2万"`, `"isJxhy":2`, `"priceInfo":{"price":"3.505"}`} {
		card := func(id, extra string) string {
			return `{"offerId":` + id + `,"subject":"夏季连衣裙"` + extra + `}`
		}
		body := `{"requestId":"r","code":200,"msg":"成功","data":{"totalRecords":3,"currentPage":1,"data":[` +
			card("1", "") + "," + card("2", ","+odd) + "," + card("3", "") + `]}}`
		s := &scripted{replies: []func(http.ResponseWriter){answer(200, body)}}
		c := newTestClient(t, s, nil)
		p, err := c.SearchKeyword(context.Background(), xport.SearchQuery{Keyword: "连衣裙"})
		if err != nil {
			t.Fatalf("%s: the search failed: %v", odd, err)
		}
		if len(p.Offers) != 3 {
			t.Fatalf("%s: %d offers, want 3", odd, len(p.Offers))
		}
	}
}
