package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"caigou/ui/cart"
	"caigou/ui/common"
	"caigou/ui/journal"
	"caigou/ui/uitest"
	"caigou/xport"
)

// A previous session sent two creates and died before either answer: one
// reached the service, one did not. The next start must say which is which,
// take the placed one's lines out of the cart, and settle the journal.
func TestStartupSettlesUnansweredOrders(t *testing.T) {
	s := uitest.NewSession(t)
	s.C.Now = time.Now
	dir := t.TempDir()
	j, err := journal.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	crt, err := cart.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	s.C.Journal, s.C.Cart = j, crt
	ctx := context.Background()

	// Two orderable lines from the catalogue.
	var lines []cart.Line
	for _, o := range s.Sandbox.Catalogue().Offers {
		if !o.Sellable() || o.Seller.NeedsConsign || len(lines) == 2 {
			continue
		}
		for _, k := range o.SKUs {
			q := o.MOQ
			if q%o.Batch != 0 {
				q += o.Batch - q%o.Batch
			}
			if k.Stock >= q && k.Price > 0 && (len(lines) == 0 || lines[0].SellerOpenID != o.Seller.OpenID) {
				lines = append(lines, cart.Line{OfferID: o.ID, SpecID: k.SpecID, Quantity: q, UnitPrice: k.Price, SellerOpenID: o.Seller.OpenID, SellerName: o.Seller.Company, Stock: k.Stock})
				break
			}
		}
	}
	if len(lines) != 2 {
		t.Fatal("no two orderable lines")
	}
	addrs, err := s.C.Client.Addresses(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		if err := crt.Put(l); err != nil {
			t.Fatal(err)
		}
	}
	intents := make([]journal.Intent, 2)
	for i, l := range lines {
		id, _ := journal.NewOutOrderID(time.Now())
		intents[i] = journal.Intent{OutOrderID: id, SellerOpenID: l.SellerOpenID, SellerName: l.SellerName, Lines: []journal.Line{{OfferID: l.OfferID, SpecID: l.SpecID, Quantity: l.Quantity}}}
		if err := j.Intend(intents[i]); err != nil {
			t.Fatal(err)
		}
	}
	// Only the first create reached the service.
	if _, err := s.C.Client.CreateOrder(ctx, xport.OrderRequest{OutOrderID: intents[0].OutOrderID, Address: addrs[0].Param(),
		Cargo: []xport.Cargo{{OfferID: xport.NumID(lines[0].OfferID), SpecID: lines[0].SpecID, Quantity: lines[0].Quantity}}}); err != nil {
		t.Fatal(err)
	}

	// The intents are fresh: a session that is still sending them owns
	// them, so nothing is looked up yet; the agent is told, and the check
	// runs again once they are old enough.
	msg := uitest.Exec(t, startupCheck(s.C))
	if len(msg) != 1 || len(msg[0].(startupMsg).found) != 0 || len(msg[0].(startupMsg).fresh) != 2 || msg[0].(startupMsg).next() == nil {
		t.Fatalf("fresh intents: %+v", msg)
	}
	if st := uitest.Exec(t, msg[0].(startupMsg).report())[0].(common.StatusMsg); !strings.Contains(st.Text, "sent moments ago has no answer yet") {
		t.Fatalf("status %+v", st)
	}
	s.C.Now = func() time.Time { return time.Now().Add(time.Hour) }
	msgs := uitest.Exec(t, startupCheck(s.C))
	if len(msgs) != 1 {
		t.Fatalf("messages %+v", msgs)
	}
	st, ok := uitest.Exec(t, msgs[0].(startupMsg).report())[0].(common.StatusMsg)
	// The second was not found: it may still land, so the desk says so
	// and never "not placed".
	if !ok || !strings.Contains(st.Text, "WAS placed: "+lines[0].SellerName) || !strings.Contains(st.Text, "not found yet and may still land: "+lines[1].SellerName) ||
		strings.Contains(strings.ToLower(st.Text), "not placed") {
		t.Fatalf("status %+v", st)
	}
	got := crt.Lines()
	if len(got) != 1 || got[0].Key() != lines[1].Key() {
		t.Fatalf("cart after the check: %+v (want only the unplaced line)", got)
	}
	if p, _, err := j.Pending(); err != nil || len(p) != 1 || p[0].OutOrderID != intents[1].OutOrderID {
		t.Fatalf("pending after the check: %+v %v (want the one not found, still open)", p, err)
	}
}
