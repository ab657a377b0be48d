package sandbox

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"caigou/xport"
	"caigou/xport/xportcn"
)

type memStore struct {
	mu sync.Mutex
	b  []byte
}

func (m *memStore) Load() ([]byte, error) { m.mu.Lock(); defer m.mu.Unlock(); return m.b, nil }
func (m *memStore) Save(b []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.b = append([]byte(nil), b...)
	return nil
}

func clientOf(t *testing.T, s *Server) *xportcn.Client {
	t.Helper()
	cfg := kaConfig("http://sandbox.invalid/api")
	cfg.RequestsPerSecond = 10000
	c, err := xportcn.New(cfg, xportcn.WithHTTPClient(&http.Client{Transport: &Transport{Handler: s}}))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Orders placed in the demo, and addresses added, are still there after
// a restart, with their ids, their place in time and the stock they
// took; the next order gets a new id (issue 11: sandbox orders vanished
// on restart).
func TestStateSurvivesARestart(t *testing.T) {
	st := &memStore{}
	ctx := context.Background()
	first := New(Options{Seed: 1, Offers: 60, TimeScale: 60, Store: st})
	c := clientOf(t, first)
	var o *Offer
	for _, of := range first.Catalogue().Offers {
		if of.Sellable() && of.Seller != nil && !of.Seller.Mix.Enabled && !of.Seller.NeedsConsign && len(of.SKUs) > 0 && of.SKUs[0].Stock >= 200 {
			o = of
			break
		}
	}
	if o == nil {
		t.Fatal("no offer")
	}
	q := (o.MOQ + o.Batch - 1) / o.Batch * o.Batch
	q = max(q, o.Batch)
	addrs, err := c.Addresses(ctx)
	if err != nil {
		t.Fatal(err)
	}
	r := xport.OrderRequest{Address: addrs[0].Param(), OutOrderID: "cg-persist-1",
		Cargo: []xport.Cargo{{OfferID: xport.NumID(o.ID), SpecID: o.SKUs[0].SpecID, Quantity: q}}}
	res, err := c.CreateOrder(ctx, r)
	if err != nil || len(res.OrderIDs()) != 1 {
		t.Fatalf("create: %v %+v", err, res)
	}
	id := res.OrderIDs()[0]
	stockAfter := o.SKUs[0].Stock
	savedAt := first.Now()

	second := New(Options{Seed: 1, Offers: 60, TimeScale: 60, Store: st})
	c2 := clientOf(t, second)
	found, err := c2.FindByOutOrderID(ctx, "cg-persist-1")
	if err != nil || len(found.OrderIDs()) != 1 || found.OrderIDs()[0] != id {
		t.Fatalf("after a restart the order is %v (%v), want %s", found, err, id)
	}
	if got := second.cat.OfferByID[o.ID].SKUs[0].Stock; got != stockAfter {
		t.Errorf("stock after restart %d, want %d", got, stockAfter)
	}
	if second.Now().Before(savedAt) {
		t.Errorf("the clock went back: %s < %s", second.Now(), savedAt)
	}
	// The same outOrderId again replays the answer; a new one gets a new id.
	again, err := c2.CreateOrder(ctx, r)
	if err != nil || len(again.OrderIDs()) != 1 || again.OrderIDs()[0] != id {
		t.Fatalf("replay after restart: %v %+v", err, again)
	}
	r.OutOrderID = "cg-persist-2"
	next, err := c2.CreateOrder(ctx, r)
	if err != nil || len(next.OrderIDs()) != 1 || next.OrderIDs()[0] == id {
		t.Fatalf("a new order after restart: %v %+v", err, next)
	}
	_ = time.Second
}

// kaConfig is the Xportcn client's config for the demo account here.
func kaConfig(baseURL string) xportcn.Config {
	return xportcn.Config{BaseURL: baseURL, AccessKey: DemoAccessKey, AccessSecret: DemoSecret, UserID: DemoUserID, InProcess: true}
}
