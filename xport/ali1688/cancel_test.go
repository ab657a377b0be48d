package ali1688_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"caigou/xport"
	"caigou/xport/sandbox"
	"caigou/xport/xportcn"
)

// Cancel against the sandbox's gateway: refused right after creating (too
// fast, 1688's rule), done after 10 s, then refused as the order is no
// longer awaiting payment; each refusal is a validation error in words.
func TestCancelOnTheSandbox(t *testing.T) {
	now := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	sb := sandbox.New(sandbox.Options{Seed: 1, Clock: func() time.Time { return now }})
	cl := sandboxClient(t, sb)
	ctx := context.Background()
	addrs, err := cl.Addresses(ctx)
	if err != nil || len(addrs) == 0 {
		t.Fatalf("addresses: %v", err)
	}
	req := orderable(t, sb, addrs[0], "cg-cancel-1", nil)
	res, err := cl.CreateOrder(ctx, req)
	if err != nil || len(res.Orders) != 1 {
		t.Fatalf("create: %v %+v", err, res)
	}
	id := string(res.Orders[0].OrderID)
	if err := cl.CancelOrder(ctx, id, ""); err == nil || xport.Classify(err) != xport.ClassValidation {
		t.Fatalf("a cancel right after the order: %v (%v)", err, xport.Classify(err))
	}
	now = now.Add(time.Minute)
	if err := cl.CancelOrder(ctx, id, "client changed the order"); err != nil {
		t.Fatalf("cancel: %v", err)
	}
	o, err := cl.OrderDetail(ctx, id)
	if err != nil || o.BaseInfo.Status != "cancel" {
		t.Fatalf("after the cancel: %v %q", err, o.BaseInfo.Status)
	}
	if err := cl.CancelOrder(ctx, id, ""); err == nil {
		t.Fatal("a cancelled order was cancelled again")
	}
	// The Xportcn dialect of the same sandbox sees the cancel too, and
	// will not pay it.
	ka, err := xportcn.New(xportcn.Config{BaseURL: "http://sandbox.invalid/api", AccessKey: sandbox.DemoAccessKey, AccessSecret: sandbox.DemoSecret, UserID: sandbox.DemoUserID, InProcess: true}, xportcn.WithHTTPClient(&http.Client{Transport: &sandbox.Transport{Handler: sb}}))
	if err != nil {
		t.Fatal(err)
	}
	if o, err := ka.OrderDetail(ctx, id); err != nil || o.BaseInfo.Status != "cancel" {
		t.Fatalf("the KA side sees %v %q", err, o.BaseInfo.Status)
	}
	if _, err := ka.PayOrders(ctx, []string{id}); err == nil {
		t.Fatal("the KA side paid a cancelled order")
	}
	if err := cl.CancelOrder(ctx, "abc", ""); err == nil {
		t.Fatal("a bad id was sent")
	}
}
