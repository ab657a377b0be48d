package ali1688

import (
	"context"
	"errors"
	"strings"
	"testing"

	"caigou/xport"
)

func previewWith(parts ...string) string {
	return `{"success":true,"orderPreviewResuslt":[` + strings.Join(parts, ",") + `]}`
}

func part(modes, models string) string {
	return `{"sumPayment":4400,"sumCarriage":800,"sumPaymentNoCarriage":3600,"flowFlag":"fenxiao","tradeModeNameList":` + modes +
		`,"tradeModelList":` + models + `,"cargoList":[{"offerId":612345678901,"specId":"s","amount":36,"finalUnitPrice":18}]}`
}

// Without a tradeType 1688 picks one itself, and with 诚e赊 enabled it
// picks credit (official createCrossOrder doc). The preview says which
// trade types an order may use (ref §4.7 tradeModeNameList, rules §3.9:
// "empty means must order on the 1688 page"); the desk chooses escrow
// from those, refuses to place an order that offers none it may use, and
// never sends a create without one.
func TestTradeTypeFromThePreview(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name, answer, want, words string
	}{
		{"escrow among others", previewWith(part(`["creditBuy","assureTrade"]`, `[]`)), "assureTrade", ""},
		{"from the models, where supported", previewWith(part(`[]`, `[{"name":"诚e赊","tradeType":"creditBuy","opSupport":true},{"name":"担保交易","tradeType":"nzassure","opSupport":true}]`)), "nzassure", ""},
		{"a model 1688 does not support is not offered", previewWith(part(`[]`, `[{"name":"担保交易","tradeType":"assureTrade","opSupport":false}]`)), "", "only on its own site"},
		{"credit only", previewWith(part(`["creditBuy"]`, `[]`)), "", "only as creditBuy"},
		{"none: 1688.com only", previewWith(part(`[]`, `[]`)), "", "only on its own site"},
		{"split: one both parts offer", previewWith(part(`["assureTrade","nzassure"]`, `[]`), part(`["nzassure"]`, `[]`)), "nzassure", ""},
		{"split: none both parts offer", previewWith(part(`["assureTrade"]`, `[]`), part(`["nzassure"]`, `[]`)), "", "only as assureTrade, nzassure"},
	} {
		c, _, _ := newTest(t, fixed(tc.answer))
		pv, err := c.PreviewOrder(ctx, orderReq())
		if tc.want != "" {
			if err != nil || len(pv) == 0 || pv[0].PlaceTradeType != tc.want || pv[len(pv)-1].PlaceTradeType != tc.want || pv[0].PlaceFlow != "fenxiao" {
				t.Errorf("%s: %+v %v", tc.name, pv, err)
			}
			continue
		}
		var nt *NoTradeTypeError
		if !errors.As(err, &nt) || !strings.Contains(err.Error(), tc.words) || !strings.Contains(err.Error(), "1688.com") {
			t.Errorf("%s: %v, want a refusal saying %q", tc.name, err, tc.words)
		}
		// The desk shows it as a refusal of the goods, not as a failure to
		// try again.
		if c := xport.Classify(err); c != xport.ClassUnknown && c != xport.ClassValidation {
			t.Errorf("%s: class %v", tc.name, c)
		}
	}

	// Create: never without a trade type, never one the desk may not send.
	c, g, _ := newTest(t, fixed(createAnswer))
	for _, tt := range []string{"", "creditBuy"} {
		r := orderReq()
		r.TradeType = tt
		_, err := c.CreateOrder(ctx, r)
		var ns *xport.NotSentError
		if !errors.As(err, &ns) || g.count() != 0 {
			t.Fatalf("create with trade type %q: %v, %d requests", tt, err, g.count())
		}
	}
	r := orderReq()
	r.Flow = "fenxiao"
	if _, err := c.CreateOrder(ctx, r); err != nil {
		t.Fatal(err)
	}
	if f := g.reqs[0].form; f.Get("tradeType") != "assureTrade" || f.Get("flow") != "fenxiao" {
		t.Fatalf("create sent tradeType %q flow %q", f.Get("tradeType"), f.Get("flow"))
	}

	// An agent who wants credit says so in the config.
	c, g, _ = newTest(t, fixed(createAnswer))
	c.cfg.TradeTypes = []string{"creditBuy"}
	r.TradeType = "creditBuy"
	if _, err := c.CreateOrder(ctx, r); err != nil || g.reqs[0].form.Get("tradeType") != "creditBuy" {
		t.Fatalf("configured credit: %v", err)
	}
}
