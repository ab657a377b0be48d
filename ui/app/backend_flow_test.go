package app

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"caigou/ui/common"
	"caigou/ui/detail"
	"caigou/ui/link"
	"caigou/ui/uitest"
	"caigou/xport"
	"caigou/xport/ali1688"
	"caigou/xport/sandbox"
	"caigou/xport/xportcn"

	tea "github.com/charmbracelet/bubbletea"
)

// The purchase across backends (issue 13): one table of cases, each run
// on the Xportcn KA dialect and on the 1688 Open Platform gateway of the
// same sandbox: search, detail with freight, cart, preview, create (and a
// create whose answer is lost), orders, pay, tracking, chat.

// backendCase makes the desk on one backend.
type backendCase struct {
	name string
	desk func(t *testing.T, d sandbox.Dialect, timeout time.Duration) *purchaseDesk
}

func backends() []backendCase {
	return []backendCase{
		{"xport", func(t *testing.T, d sandbox.Dialect, timeout time.Duration) *purchaseDesk {
			return newDesk(t, d, timeout, func(c *xportcn.Config) { c.ReadRetries, c.ReadRetriesSet = 0, true })
		}},
		{"1688", desk1688},
	}
}

// desk1688 is the desk of newDesk with the 1688 client on the sandbox's
// gateway, the demo buyer's token issued by the sandbox.
func desk1688(t *testing.T, dialect sandbox.Dialect, timeout time.Duration) *purchaseDesk {
	t.Helper()
	d := newDesk(t, dialect, timeout, nil)
	access, _ := d.sb.IssueToken1688()
	cfg := ali1688.Config{AppKey: sandbox.DemoAppKey, AppSecret: sandbox.DemoAppSecret, RedirectURI: sandbox.DemoRedirectURI,
		BaseURL: "https://sandbox.invalid/openapi", RequestsPerSecond: 10000, Timeout: timeout, ReadRetriesSet: true}
	cl, err := ali1688.New(cfg.Defaults(),
		ali1688.WithHTTPClient(&http.Client{Transport: &sandbox.Transport{Handler: d.sb}}),
		ali1688.WithTokenSource(ali1688.StaticToken(access)),
		ali1688.WithSleep(func(ctx context.Context, _ time.Duration) error { return ctx.Err() }))
	if err != nil {
		t.Fatal(err)
	}
	d.c.Client = cl
	return d
}

func TestPurchaseAcrossBackends(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			d := b.desk(t, sandbox.Dialect{}, 5*time.Second)
			if got := d.c.Client.Backend().Name; (b.name == "1688") != (got == "1688") {
				t.Fatalf("the desk runs on %q", got)
			}
			runFlow(t, d, d.sb, flowCase{name: b.name, payAmount: true}, false)
			chatOpens(t, d)
		})
	}
}

func TestLostCreateAcrossBackends(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			d := b.desk(t, sandbox.Dialect{Lost: true}, 300*time.Millisecond)
			runFlow(t, d, d.sb, flowCase{name: b.name, dialect: sandbox.Dialect{Lost: true}}, true)
		})
	}
}

// chatOpens is m on a product: the link to chat with its seller.
func chatOpens(t *testing.T, d *purchaseDesk) {
	t.Helper()
	var o *sandbox.Offer
	for _, x := range d.sb.Catalogue().Offers {
		if x.Sellable() && x.Seller != nil {
			o = x
			break
		}
	}
	p := detail.New(d.c, xport.Offer{OfferID: xport.ID(o.ID)})
	p.SetSize(100, 30)
	up := func(msg tea.Msg) tea.Cmd { _, cmd := p.Update(msg); return cmd }
	uitest.Drain(t, up, p.Init())
	var got string
	for _, m := range uitest.Run(t, up, uitest.Key("m")) {
		if pm, ok := m.(common.PushMsg); ok {
			if lp, ok := pm.Page.(*link.Model); ok {
				got = lp.URL()
			}
		}
	}
	if !strings.HasPrefix(got, "https://") {
		t.Fatalf("%s: m gave no chat link", d.c.Client.Backend().Name)
	}
}
