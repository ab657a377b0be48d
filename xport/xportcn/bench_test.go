package xportcn

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"caigou/xport"
)

// BenchmarkClientOverhead is what the client itself adds to one search:
// signing, encoding the body, reading the envelope and decoding a page of
// 20 offers, with an answer served from memory instead of the network.
func BenchmarkClientOverhead(b *testing.B) {
	var items []string
	for i := 0; i < 20; i++ {
		items = append(items, fmt.Sprintf(`{"offerId":%d,"subject":"2026夏季新款韩版宽松纯棉短袖T恤女 ins风百搭上衣","subjectTrans":"2026 summer loose cotton T-shirt","imageUrl":"https://cbu01.alicdn.com/img/ibank/O1CN01x.jpg","priceInfo":{"price":"12.50","consignPrice":"13.80"},"repurchaseRate":"21%%","monthSold":3821,"minOrderQuantity":2,"sellerIdentities":["powerful_merchants"],"sellerDataInfo":{"compositeServiceScore":"4.5","tpYear":7},"sendGoodsAddressText":"浙江省 金华市"}`, 100000000000+i))
	}
	body := []byte(`{"requestId":"r","code":200,"msg":"成功","data":{"totalRecords":2000,"totalPage":100,"pageSize":20,"currentPage":1,"data":[` + strings.Join(items, ",") + `]}}`)
	c, err := New(Config{BaseURL: "http://bench.invalid", InProcess: true, AccessKey: "k", AccessSecret: "s", UserID: "u", RequestsPerSecond: 1 << 30},
		WithHTTPClient(&http.Client{Transport: bodyTransport(body)}))
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
