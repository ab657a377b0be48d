package ali1688

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"caigou/xport"
)

// memory answers every request with one body, without a network.
type memory []byte

func (m memory) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		io.Copy(io.Discard, r.Body)
		r.Body.Close()
	}
	return &http.Response{StatusCode: 200, Status: "200 OK", Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(bytes.NewReader(m)), Request: r}, nil
}

// BenchmarkClientOverhead is what the 1688 client itself adds to one
// search: the HMAC-SHA1 signature over the sorted parameters, the form,
// reading the gateway's two envelopes and decoding a page of 20 offers,
// with the answer served from memory instead of the network. It sits
// beside xport/xportcn's benchmark of the same name.
func BenchmarkClientOverhead(b *testing.B) {
	var items []string
	for i := 0; i < 20; i++ {
		items = append(items, fmt.Sprintf(`{"offerId":%d,"subject":"2026夏季新款韩版宽松纯棉短袖T恤女 ins风百搭上衣","subjectTrans":"2026 summer loose cotton T-shirt","imageUrl":"https://cbu01.alicdn.com/img/ibank/O1CN01x.jpg","priceInfo":{"price":"12.50","consignPrice":"13.80"},"repurchaseRate":"21%%","monthSold":3821,"minOrderQuantity":2,"sellerIdentities":["powerful_merchants"],"tradeScore":"4.5"}`, 100000000000+i))
	}
	body := memory(`{"result":{"success":true,"code":"200","message":null,"result":{"totalRecords":2000,"totalPage":100,"pageSize":20,"currentPage":1,"data":[` + strings.Join(items, ",") + `]}}}`)
	c, err := New(Config{AppKey: "1234567", AppSecret: "bench-secret", BaseURL: "https://bench.invalid/openapi", RequestsPerSecond: 1 << 30},
		WithHTTPClient(&http.Client{Transport: body}), WithTokenSource(StaticToken("bench-token")))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for b.Loop() {
		p, err := c.SearchKeyword(ctx, xport.SearchQuery{Keyword: "T恤", PageSize: 20})
		if err != nil || len(p.Offers) != 20 {
			b.Fatal(err)
		}
	}
}
