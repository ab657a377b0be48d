package ali1688_test

import (
	"context"
	"slices"
	"testing"

	"caigou/xport"
	"caigou/xport/sandbox"
)

// A seller with 诚e赊 offers credit beside escrow, and the sandbox, as 1688
// does, places a create that names no trade type on credit. Through the
// client the order is escrow: the preview chooses it and the create
// carries it.
func TestEscrowWithACreditSeller(t *testing.T) {
	sb := sandbox.New(sandbox.Options{Seed: 1})
	cl := sandboxClient(t, sb)
	ctx := context.Background()
	addrs, err := cl.Addresses(ctx)
	if err != nil || len(addrs) == 0 {
		t.Fatalf("addresses: %v", err)
	}
	offersCredit := func(o *sandbox.Offer) bool {
		r := orderable(t, sb, addrs[0], "", func(x *sandbox.Offer) bool { return x == o })
		pv, err := cl.PreviewOrder(ctx, r)
		return err == nil && len(pv) > 0 && slices.ContainsFunc(pv[0].TradeModelList, func(m xport.TradeModel) bool { return m.TradeType == "creditBuy" })
	}
	r := orderable(t, sb, addrs[0], "cg-escrow-1", offersCredit)
	r.TradeType = ""
	pv, err := cl.PreviewOrder(ctx, r)
	if err != nil || pv[0].PlaceTradeType != "assureTrade" {
		t.Fatalf("preview: %v %+v", err, pv)
	}
	r.Flow, r.TradeType = pv[0].PlaceFlow, pv[0].PlaceTradeType
	res, err := cl.CreateOrder(ctx, r)
	if err != nil || len(res.OrderIDs()) != 1 {
		t.Fatalf("create: %v %+v", err, res)
	}
	o, err := cl.OrderDetail(ctx, res.OrderIDs()[0])
	if err != nil || o.BaseInfo.TradeTypeCode != "assureTrade" {
		t.Fatalf("the order is paid as %q, want escrow (%v)", o.BaseInfo.TradeTypeCode, err)
	}
}
