package detail

import (
	"strings"
	"testing"

	"caigou/xport"
)

func TestResolveSKU(t *testing.T) {
	sku := func(spec, c, cEN, sz string) xport.SKU {
		return xport.SKU{SpecID: xport.Text(spec), Attributes: []xport.SKUAttribute{
			{AttributeID: "1", AttributeName: "颜色", Value: xport.Text(c), ValueTrans: xport.Text(cEN)},
			{AttributeID: "2", AttributeName: "尺码", Value: xport.Text(sz), ValueTrans: xport.Text(sz)},
		}}
	}
	d := &xport.ProductDetail{SKUs: []xport.SKU{
		sku("a1", "红色", "Red", "XL"), sku("a2", "红色", "Red", "XXL"), sku("a3", "浅蓝色", "Light Blue", "XL"),
	}}
	for text, want := range map[string]string{
		"红色 XL": "a1", "XL/红色": "a1", "red, xl": "a1", "Red XXL": "a2", "light blue xl": "a3", "浅蓝色，XL": "a3", "a2": "a2",
		"红色": "a1 a2", "XL": "a1 a3", "红色 XL XL": "", "绿色 XL": "", "": "",
	} {
		ids, _ := ResolveSKU(d, text)
		if got := strings.Join(ids, " "); got != want {
			t.Errorf("%q: %q, want %q", text, got, want)
		}
	}
}
