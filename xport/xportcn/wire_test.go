package xportcn

import (
	"encoding/json"
	"testing"
	"time"

	"caigou/xport"
)

func TestLooseDecoding(t *testing.T) {
	var v struct {
		Order   xport.ID      `json:"order"`
		OrderS  xport.ID      `json:"orderS"`
		Null    xport.ID      `json:"null"`
		Qty     xport.Int     `json:"qty"`
		QtyS    xport.Int     `json:"qtyS"`
		QtyF    xport.Int     `json:"qtyF"`
		Flag    xport.Bool    `json:"flag"`
		FlagS   xport.Bool    `json:"flagS"`
		Score   xport.Text    `json:"score"`
		List    xport.Strings `json:"list"`
		ListCSV xport.Strings `json:"listCSV"`
	}
	in := `{"order":3305075341149134260,"orderS":"3305075341149134260","null":null,"qty":2.0,"qtyS":"12","qtyF":"3.00",
		"flag":"y","flagS":1,"score":4.5,"list":["a",1],"listCSV":"x, y","unknown":{"deep":[1,2]}}`
	if err := json.Unmarshal([]byte(in), &v); err != nil {
		t.Fatal(err)
	}
	if v.Order != "3305075341149134260" || v.OrderS != v.Order {
		t.Errorf("19-digit ids must survive exactly: %q %q", v.Order, v.OrderS)
	}
	if v.Null != "" || v.Qty != 2 || v.QtyS != 12 || v.QtyF != 3 || !v.Flag || !v.FlagS || v.Score != "4.5" {
		t.Errorf("decoded %+v", v)
	}
	if len(v.List) != 2 || v.List[1] != "1" || len(v.ListCSV) != 2 || v.ListCSV[1] != "y" {
		t.Errorf("lists %+v %+v", v.List, v.ListCSV)
	}
	var bad struct{ Q xport.Int }
	if err := json.Unmarshal([]byte(`{"Q":"2.5"}`), &bad); err == nil {
		t.Error("a fractional quantity must be an error")
	}
}

func TestNumIDMarshal(t *testing.T) {
	b, _ := json.Marshal(struct {
		A xport.NumID `json:"a"`
		B xport.NumID `json:"b"`
	}{"889512351602", "+vIW=="})
	if string(b) != `{"a":889512351602,"b":"+vIW=="}` {
		t.Fatalf("got %s", b)
	}
}

func TestParseTime(t *testing.T) {
	want := time.Date(2018, 8, 7, 15, 23, 15, 0, xport.ChinaTime())
	for _, s := range []string{"20180807152315000+0800", "2018-08-07 15:23:15", "1533626595", "1533626595000"} {
		got := xport.ParseTime(s)
		if !got.Time.Equal(want) {
			t.Errorf("ParseTime(%q) = %v, want %v", s, got.Time, want)
		}
	}
	if got := xport.ParseTime("20180807152315123+0800"); !got.Time.Equal(want.Add(123 * time.Millisecond)) {
		t.Errorf("milliseconds lost: %v", got.Time)
	}
	if got := xport.ParseTime("soon"); !got.Time.IsZero() || got.Raw != "soon" {
		t.Errorf("unknown text must be kept raw: %+v", got)
	}
}

// The documented preview answer (reference §4.1), verbatim.
const docPreview = `{
"requestId": "a4ad5d30dd2e45adbf0569ed4b44ae6e",
"code": 200,
"developId": "1023561483696472887",
"msg": "成功",
"data": [
{
"sumCarriage": 600,
"sumPayment": 6400,
"sumTotalPayment": 6561,
"sumPaymentNoCarriage": 5800,
"orderItemTOList": [
{
"amount": 5800,
"message": null,
"finalUnitPrice": 2900,
"specId": "530ad00177264564503ec3b848650652",
"skuId": 5736673805656,
"offerId": 889512351602,
"openOfferId": "+vIWvlcT2JMpWVABRdm+WQ=="
}
]
}
]
}`

func TestDocumentedPreviewDecodes(t *testing.T) {
	var env envelope
	if err := json.Unmarshal([]byte(docPreview), &env); err != nil || env.Code != "200" {
		t.Fatalf("envelope: %v %+v", err, env)
	}
	var p []xport.Preview
	if err := json.Unmarshal(env.Data, &p); err != nil {
		t.Fatal(err)
	}
	if len(p) != 1 || p[0].SumPayment != 6400 || p[0].SumCarriage != 600 || p[0].SumTotalPayment != 6561 {
		t.Fatalf("totals %+v", p)
	}
	it := p[0].Items[0]
	if it.Amount != 5800 || it.FinalUnitPrice != 2900 || it.SkuID != "5736673805656" || it.OfferID != "889512351602" {
		t.Fatalf("item %+v", it)
	}
}

func TestOrderPageBothShapes(t *testing.T) {
	for _, tc := range []struct{ in, unit string }{
		{`{"totalRecords":1,"currentPage":1,"data":[{"baseInfo":{"id":3305075341149134260,"status":"waitbuyerpay","totalAmount":"64.00"}}]}`, xport.UnitYuan},
		{`{"totalRecord":1,"result":[{"baseInfo":{"idOfStr":"3305075341149134260","status":"waitbuyerpay","totalAmount":6400}}]}`, xport.UnitFen},
	} {
		var p xport.OrderPage
		if err := json.Unmarshal([]byte(tc.in), &p); err != nil {
			t.Fatal(err)
		}
		if len(p.Orders) == 1 {
			p.Orders[0].Resolve(tc.unit)
		}
		if !p.Recognized || p.TotalRecords != 1 || len(p.Orders) != 1 || p.Orders[0].BaseInfo.OrderIDString() != "3305075341149134260" || p.Orders[0].BaseInfo.TotalAmount.Fen() != 6400 {
			t.Fatalf("%s -> %+v", tc.in, p)
		}
	}
}

func TestTracesBothShapes(t *testing.T) {
	for _, in := range []string{
		`[{"logisticsBillNo":"YT1","logisticsSteps":[{"acceptTime":"2026-05-20 15:40:00","remark":"已揽件"}]}]`,
		`{"logisticsTrace":[{"logisticsBillNo":"YT1","logisticsSteps":[{"acceptTime":"2026-05-20 15:40:00","remark":"已揽件"}]}]}`,
	} {
		tr, err := decodeTraces(json.RawMessage(in))
		if err != nil || len(tr) != 1 || tr[0].LogisticsBillNo != "YT1" || len(tr[0].Steps) != 1 {
			t.Fatalf("%s -> %+v %v", in, tr, err)
		}
	}
}

// FuzzDecoders feeds arbitrary bytes to every response decoder: none may
// panic, whatever the service sends.
func FuzzDecoders(f *testing.F) {
	f.Add([]byte(docPreview))
	f.Add([]byte(`{"code":"500_005","msg":"500_005: below MOQ","data":null}`))
	f.Add([]byte(`{"totalRecords":"2","data":[{"offerId":1,"priceInfo":{"price":"1.5"}}]}`))
	f.Add([]byte(`[{"logisticsSteps":[{"acceptTime":1}]}]`))
	f.Add([]byte(`<html>502</html>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var env envelope
		_ = json.Unmarshal(b, &env)
		_ = json.Unmarshal(b, new([]xport.Preview))
		_ = json.Unmarshal(b, new(xport.OfferPage))
		_ = json.Unmarshal(b, new(xport.ProductDetail))
		_ = json.Unmarshal(b, new(xport.Category))
		_ = json.Unmarshal(b, new(xport.Freight))
		_ = json.Unmarshal(b, new(xport.CreateResult))
		_ = json.Unmarshal(b, new(xport.PayResult))
		_ = json.Unmarshal(b, new(xport.OrderPage))
		_ = json.Unmarshal(b, new(xport.Order))
		_ = json.Unmarshal(b, new([]xport.Address))
		_, _ = decodeTraces(b)
	})
}
