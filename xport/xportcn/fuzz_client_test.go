package xportcn

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"testing"

	"caigou/xport"
)

type bodyTransport []byte

func (b bodyTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(b)), Request: r}, nil
}

// FuzzClientAnswers serves arbitrary bytes as the answer to every client
// method, through the whole read path (envelope, error mapping, data
// decoding). Whatever arrives, a method returns a value or an error; it
// never panics.
func FuzzClientAnswers(f *testing.F) {
	f.Add([]byte(docPreview))
	f.Add([]byte(`{"code":200,"data":{"totalRecords":1,"data":[{"offerId":1}]}}`))
	f.Add([]byte(`{"code":200,"data":[{"logisticsSteps":[{"acceptTime":"x"}]}]}`))
	f.Add([]byte(`{"code":200,"data":{"logisticsTrace":[]}}`))
	f.Add([]byte(`{"code":"500_004","msg":"库存不足"}`))
	f.Add([]byte(`{"code":200,"data":{"wangwangUrl":"https://x"}}`))
	f.Add([]byte(`{"code":0,"msg":"ok"}`))
	// Fen amounts written as yuan, which must be refused, not read.
	f.Add([]byte(`{"code":200,"data":[{"sumPayment":"64.00","sumCarriage":6.0,"orderItemTOList":[{"amount":"58.5e2"}]}]}`))
	f.Add([]byte(`{"code":200,"data":{"totalRecords":3,"data":[{"offerId":1,"monthSold":"1.2万","isJxhy":2,"priceInfo":{"price":"3.505"}},null,{"offerId":""}]}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		c, err := New(Config{BaseURL: "http://fuzz.invalid", InProcess: true, AccessKey: "k", AccessSecret: "s", UserID: "u", RequestsPerSecond: 1_000_000},
			WithHTTPClient(&http.Client{Transport: bodyTransport(body)}))
		if err != nil {
			t.Fatal(err)
		}
		c.cfg.ReadRetries = 0
		ctx := context.Background()
		order := xport.OrderRequest{OutOrderID: "o", Address: xport.AddressParam{FullName: "a", Address: "b"}, Cargo: []xport.Cargo{{OfferID: "1", Quantity: 1}}}
		c.SearchKeyword(ctx, xport.SearchQuery{Keyword: "x"})
		c.SearchImage(ctx, xport.ImageSource{URL: "https://x"}, xport.SearchQuery{})
		c.Category(ctx, "0")
		c.ProductDetail(ctx, "1")
		c.ProductDetails(ctx, []string{"1", "2"})
		c.FreightEstimate(ctx, xport.FreightQuery{OfferID: "1", TotalNum: 1})
		c.PreviewOrder(ctx, order)
		if r, err := c.CreateOrder(ctx, order); err == nil {
			r.OrderIDs()
		}
		c.PayOrders(ctx, []string{"1"})
		c.ListOrders(ctx, xport.OrderQuery{})
		c.FindByOutOrderID(ctx, "o")
		c.OrderDetail(ctx, "1")
		c.Logistics(ctx, "1")
		c.ChatLink(ctx, "u", "1")
		c.Addresses(ctx)
		c.SaveAddress(ctx, xport.Address{Name: "a", Phone: "1", Address: "b"})
	})
}
