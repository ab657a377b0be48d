package xport

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
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
		order := OrderRequest{OutOrderID: "o", Address: AddressParam{FullName: "a", Address: "b"}, Cargo: []Cargo{{OfferID: "1", Quantity: 1}}}
		c.SearchKeyword(ctx, SearchQuery{Keyword: "x"})
		c.SearchImage(ctx, ImageSource{URL: "https://x"}, SearchQuery{})
		c.Category(ctx, "0")
		c.ProductDetail(ctx, "1")
		c.ProductDetails(ctx, []string{"1", "2"})
		c.FreightEstimate(ctx, FreightQuery{OfferID: "1", TotalNum: 1})
		c.PreviewOrder(ctx, order)
		if r, err := c.CreateOrder(ctx, order); err == nil {
			r.OrderIDs()
		}
		c.PayOrders(ctx, []string{"1"})
		c.ListOrders(ctx, OrderQuery{})
		c.FindByOutOrderID(ctx, "o")
		c.OrderDetail(ctx, "1")
		c.Logistics(ctx, "1")
		c.ChatLink(ctx, "u", "1")
		c.Addresses(ctx)
		c.SaveAddress(ctx, Address{Name: "a", Phone: "1", Address: "b"})
	})
}

// FuzzFen feeds arbitrary JSON values to the fen decoder: it never panics,
// and what it accepts it reads digit for digit, so the amount re-encodes to
// the digits that were sent (no scaling, no float on the way).
func FuzzFen(f *testing.F) {
	for _, s := range []string{`6400`, `"6400"`, `"64.00"`, `6400.0`, `6.4e3`, `-230`, `"-0"`, `" 007 "`, `"+5"`, `null`, `""`,
		`9223372036854775807`, `-9223372036854775808`, `9223372036854775808`, `true`, `{"a":1}`, `"\u0036\u0034"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var v Fen
		if err := v.UnmarshalJSON(b); err != nil {
			return
		}
		text, err := scalarText(b)
		if err != nil {
			t.Fatalf("%q decoded to %d but is not a single value", b, v)
		}
		want := canonicalDigits(strings.TrimSpace(text))
		got, err := json.Marshal(v)
		if err != nil || string(got) != want {
			t.Fatalf("%q decoded to %d, which encodes as %s; want %s", b, v, got, want)
		}
	})
}

// canonicalDigits is an integer's text without a plus sign or leading
// zeros; "" is 0.
func canonicalDigits(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimLeft(s, "+-")
	s = strings.TrimLeft(s, "0")
	if s == "" {
		return "0"
	}
	if neg {
		return "-" + s
	}
	return s
}
