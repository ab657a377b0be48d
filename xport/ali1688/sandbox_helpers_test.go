package ali1688_test

import (
	"net/http"
	"testing"

	"caigou/xport"
	"caigou/xport/ali1688"
	"caigou/xport/sandbox"
)

// sandboxClient is a 1688 client on sb's gateway, signed in as the demo
// buyer.
func sandboxClient(t *testing.T, sb *sandbox.Server) *ali1688.Client {
	t.Helper()
	access, _ := sb.IssueToken1688()
	cl, err := ali1688.New(ali1688.Config{AppKey: sandbox.DemoAppKey, AppSecret: sandbox.DemoAppSecret, BaseURL: "https://sandbox.invalid/openapi", RequestsPerSecond: 1000}.Defaults(),
		ali1688.WithHTTPClient(&http.Client{Transport: &sandbox.Transport{Handler: sb}}), ali1688.WithTokenSource(ali1688.StaticToken(access)))
	if err != nil {
		t.Fatal(err)
	}
	return cl
}

// orderable is an order for the first offer of the sandbox's catalogue
// that can be ordered plainly (no consignment, no mixed batch, priced by
// quantity) at its minimum, for which ok (when not nil) holds; the trade
// type is escrow, as a preview would choose.
func orderable(t *testing.T, sb *sandbox.Server, addr xport.Address, outOrderID string, ok func(*sandbox.Offer) bool) xport.OrderRequest {
	t.Helper()
	for _, o := range sb.Catalogue().Offers {
		if !o.Sellable() || o.Seller == nil || o.Seller.NeedsConsign || o.Seller.Mix.Enabled || o.QuoteType == 1 || (ok != nil && !ok(o)) {
			continue
		}
		q := max(o.MOQ, 1)
		if len(o.Tiers) > 0 {
			q = max(q, o.Tiers[0].Start)
		}
		if b := max(o.Batch, 1); q%b != 0 {
			q += b - q%b
		}
		for _, k := range o.SKUs {
			if k.Stock >= q && k.Price > 0 {
				return xport.OrderRequest{OutOrderID: outOrderID, Address: addr.Param(), TradeType: "assureTrade",
					Cargo: []xport.Cargo{{OfferID: xport.NumID(o.ID), SpecID: k.SpecID, Quantity: q}}}
			}
		}
	}
	t.Fatal("no orderable offer in the sandbox's catalogue")
	return xport.OrderRequest{}
}
