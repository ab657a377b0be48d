package detail

import (
	"fmt"
	"strings"
	"testing"

	"caigou/ui/common"
	"caigou/ui/keys"
	"caigou/ui/link"
	"caigou/ui/pricing"
	"caigou/ui/sanitize"
	"caigou/xport"
	"caigou/xport/sandbox"

	tea "github.com/charmbracelet/bubbletea"
)

// The expectations below are worked out from the sandbox's own catalogue,
// not through package pricing, so a wrong rule there cannot hide here.

func lot(o *sandbox.Offer) int64 {
	if o.Batch < 1 {
		return 1
	}
	return o.Batch
}

// least is the first multiple of the lot size at or above the MOQ.
func least(o *sandbox.Offer) int64 {
	moq := o.MOQ
	if moq < 1 && len(o.Tiers) > 0 {
		moq = o.Tiers[0].Start
	}
	if moq < 1 {
		moq = 1
	}
	b := lot(o)
	return (moq + b - 1) / b * b
}

func inStock(o *sandbox.Offer) *sandbox.SKU {
	for _, k := range o.SKUs {
		if k.Stock > 0 {
			return k
		}
	}
	return nil
}

func values(o *sandbox.Offer, k *sandbox.SKU, sep string) string {
	var parts []string
	for ai, v := range k.Values {
		parts = append(parts, o.Axes[ai].Values[v].Value)
	}
	return strings.Join(parts, sep)
}

func stockOf(o *sandbox.Offer, k *sandbox.SKU) int64 {
	if len(o.Axes) > 0 {
		return k.Stock
	}
	var n int64
	for _, s := range o.SKUs {
		n += s.Stock
	}
	return n
}

// unitPrice is 1688's rule: quoteType 1 is the SKU's price, else the tier
// with the largest start at or below the quantity.
func unitPrice(o *sandbox.Offer, k *sandbox.SKU, q int64) xport.Fen {
	if o.QuoteType == 1 {
		return k.Price
	}
	p := o.Tiers[0].Price
	for _, t := range o.Tiers {
		if t.Start <= q {
			p = t.Price
		}
	}
	return p
}

func published(o *sandbox.Offer) bool { return o.Status == "published" }

func TestOpensWithTheFirstOrderableSKUAndTheLeastValidQuantity(t *testing.T) {
	e := newEnv(t)
	checked := 0
	for _, o := range e.sb.Catalogue().Offers {
		k := inStock(o)
		if k == nil {
			continue
		}
		// The page prefers the first SKU whose stock reaches a valid
		// quantity over one that is merely in stock.
		if len(o.Axes) > 0 {
			for _, s := range o.SKUs {
				if s.Stock >= least(o) || (o.Seller.Mix.Enabled && s.Stock >= lot(o)) {
					k = s
					break
				}
			}
		}
		m, _ := e.open(t, o, 80, 24)
		want := least(o)
		if st := stockOf(o, k); st < want {
			want = 0
			if o.Seller.Mix.Enabled && st >= lot(o) {
				want = st / lot(o) * lot(o)
			}
		}
		if m.qty != want {
			t.Errorf("offer %s: opens with %d, want %d (MOQ %d, lot %d)", o.ID, m.qty, want, o.MOQ, o.Batch)
		}
		if len(o.Axes) > 0 {
			c := m.chosen()
			if c == nil || c.specID != k.SpecID {
				t.Errorf("offer %s: opens on %+v, want the first SKU in stock %s", o.ID, c, k.SpecID)
			}
		} else if m.chosen() != nil {
			t.Errorf("offer %s without axes chose a SKU", o.ID)
		}
		if want > 0 {
			if err := m.rules().Check(m.qty); err != nil {
				t.Errorf("offer %s: the opening quantity is refused: %v", o.ID, err)
			}
		}
		checked++
	}
	if checked < 100 {
		t.Fatalf("only %d offers checked", checked)
	}
}

func TestPlusAndMinusStepByLot(t *testing.T) {
	e := newEnv(t)
	o := findOffer(t, e.sb, "lot-sized, not mixed, deep in stock", func(o *sandbox.Offer) bool {
		k := inStock(o)
		return published(o) && len(o.Axes) > 0 && o.Batch > 1 && !o.Seller.Mix.Enabled && k != nil && k.Stock >= least(o)+3*o.Batch
	})
	m, _ := e.open(t, o, 80, 24)
	start, b := m.qty, o.Batch
	press(t, m, "+")
	if m.qty != start+b {
		t.Fatalf("+ gave %d, want %d", m.qty, start+b)
	}
	press(t, m, "+")
	press(t, m, "-")
	if m.qty != start+b {
		t.Fatalf("+ + - gave %d, want %d", m.qty, start+b)
	}
	press(t, m, "-")
	out := press(t, m, "-")
	if m.qty != start {
		t.Errorf("- below the minimum changed the quantity to %d", m.qty)
	}
	if want := fmt.Sprintf("minimum order is %d", start); !strings.Contains(lastStatus(out), want) {
		t.Errorf("status %q does not say %q", lastStatus(out), want)
	}
}

func TestPlusStopsAtStock(t *testing.T) {
	e := newEnv(t)
	o := findOffer(t, e.sb, "with a SKU of little stock", func(o *sandbox.Offer) bool {
		k := inStock(o)
		return published(o) && len(o.Axes) > 0 && k != nil && k.Stock >= least(o) && k.Stock < least(o)+lot(o)
	})
	m, _ := e.open(t, o, 80, 24)
	before := m.qty
	out := press(t, m, "+")
	k := inStock(o)
	want := fmt.Sprintf("only %d in stock for %s", k.Stock, values(o, k, "/"))
	if m.qty != before || !strings.Contains(lastStatus(out), want) {
		t.Errorf("+ past stock: quantity %d (was %d), status %q, want %q", m.qty, before, lastStatus(out), want)
	}
}

func TestMixedBatchAllowsBelowMOQWithAWarning(t *testing.T) {
	e := newEnv(t)
	o := findOffer(t, e.sb, "from a mixed-batch seller with a MOQ above one lot", func(o *sandbox.Offer) bool {
		k := inStock(o)
		return published(o) && o.Seller.Mix.Enabled && least(o) > lot(o) && k != nil && stockOf(o, k) >= least(o)
	})
	m, _ := e.open(t, o, 80, 24)
	out := press(t, m, "-")
	if m.qty != least(o)-lot(o) {
		t.Fatalf("- gave %d, want %d", m.qty, least(o)-lot(o))
	}
	st := statuses(out)
	if len(st) == 0 || st[len(st)-1].Level != common.Warn || !strings.Contains(st[len(st)-1].Text, "mixed batch") {
		t.Errorf("no mixed-batch warning: %+v", st)
	}
	if !strings.Contains(strings.ReplaceAll(strings.Join(m.panes[paneOrder].lines, "\n"), "\n", " "), "Mixed batch: this seller lets you mix products") {
		t.Error("the mixed-batch rule is not stated")
	}
}

// a in the quantity box sets the typed quantity and adds it: "30a" used
// to be typed into the box (issue 11).
func TestTypedQuantityThenAdd(t *testing.T) {
	e := newEnv(t)
	o := findOffer(t, e.sb, "orderable with a lot size", func(o *sandbox.Offer) bool {
		k := inStock(o)
		return published(o) && len(o.Axes) > 0 && !o.Seller.Mix.Enabled && k != nil && k.Stock >= least(o)+2*o.Batch
	})
	m, _ := e.open(t, o, 80, 24)
	want := least(o) + o.Batch
	press(t, m, "1")
	press(t, m, "backspace")
	for _, r := range itoa(want) {
		press(t, m, string(r))
	}
	out := press(t, m, "a")
	if m.CapturesInput() || m.qty != want {
		t.Fatalf("after a: typing %v, quantity %d, want %d", m.CapturesInput(), m.qty, want)
	}
	lines := e.c.Cart.Lines()
	if len(lines) != 1 || lines[0].Quantity != want {
		t.Fatalf("cart %+v, status %q", lines, lastStatus(out))
	}
}

func TestTypedQuantities(t *testing.T) {
	e := newEnv(t)
	o := findOffer(t, e.sb, "with a lot size of 3 or more", func(o *sandbox.Offer) bool {
		k := inStock(o)
		return published(o) && len(o.Axes) > 0 && o.Batch >= 3 && !o.Seller.Mix.Enabled && k != nil && k.Stock >= least(o)+2*o.Batch
	})
	k := inStock(o)
	b, l := o.Batch, least(o)
	over := (k.Stock/b + 1) * b
	// Each refusal says what is wrong (reason) and what to do (do). The
	// rules themselves are TestCheck's and TestParseQuantity's in
	// ui/pricing; the cart's typed quantity is TestTypedQuantity in
	// ui/cartview.
	cases := []struct {
		typed, reason, do string
	}{
		{itoa(l + 1), fmt.Sprintf("%d is not a multiple of the lot size %d", l+1, b), fmt.Sprintf("try %d or %d", l, l+b)},
		{"0", "must be above zero", fmt.Sprintf("minimum order is %d", l)},
		{"-" + itoa(b), "must be above zero", "type how many you want, like 10"},
		{"xyz", "is not a number", "type digits only"},
		{"12x", "is not a number", "type digits only"},
		{"1.5", "is not a number", "type digits only"},
		{"99999999999999999999", "more than can ever be ordered", "type a smaller number"},
		{"9223372036854775808", "more than can ever be ordered", "type a smaller number"},
		{itoa(over), fmt.Sprintf("only %d in stock for %s", k.Stock, values(o, k, "/")), fmt.Sprintf("order %d or fewer", k.Stock/b*b)},
	}
	if l > b {
		cases = append(cases, struct{ typed, reason, do string }{itoa(l - b), fmt.Sprintf("%d is too few", l-b), fmt.Sprintf("minimum order is %d", l)})
	}
	m, _ := e.open(t, o, 80, 24)
	cartBefore := e.c.Cart.Count()
	for _, c := range cases {
		before, sku := m.qty, m.sku
		out := typeQty(t, m, c.typed)
		if m.qty != before || m.sku != sku {
			t.Errorf("%q changed the choice to %d", c.typed, m.qty)
		}
		if m.CapturesInput() {
			t.Errorf("%q: the input stayed open", c.typed)
		}
		if got := lastStatus(out); !strings.Contains(got, c.reason) || !strings.Contains(got, c.do) {
			t.Errorf("%q: status %q, want %q and %q", c.typed, got, c.reason, c.do)
		}
		if !strings.Contains(m.View(), itoa(before)) {
			t.Errorf("%q: the page no longer shows the quantity %d", c.typed, before)
		}
	}
	if e.c.Cart.Count() != cartBefore {
		t.Error("a refused quantity reached the cart")
	}
	// A valid typed quantity is taken.
	typeQty(t, m, itoa(l+2*b))
	if m.qty != l+2*b {
		t.Errorf("typed %d, have %d", l+2*b, m.qty)
	}
	// esc leaves the input without changing anything.
	press(t, m, "7")
	if !m.CapturesInput() {
		t.Fatal("a digit did not open the input")
	}
	press(t, m, "esc")
	if m.CapturesInput() || m.qty != l+2*b {
		t.Errorf("esc: capturing %v, quantity %d", m.CapturesInput(), m.qty)
	}
}

func TestOutOfStockSKUsAreShownButNotSelectable(t *testing.T) {
	e := newEnv(t)
	o := findOffer(t, e.sb, "with an out-of-stock SKU on one axis", func(o *sandbox.Offer) bool {
		if !published(o) || len(o.Axes) != 1 {
			return false
		}
		out, in := 0, 0
		for _, k := range o.SKUs {
			if k.Stock == 0 {
				out++
			} else {
				in++
			}
		}
		return out > 0 && in > 1
	})
	m, _ := e.open(t, o, 120, 40)
	if !strings.Contains(strings.Join(m.panes[paneOrder].lines, "\n"), "out of stock") {
		t.Error("out-of-stock SKUs are not marked in words")
	}
	seen := map[string]bool{}
	for i := 0; i < 2*len(o.SKUs); i++ {
		press(t, m, "l")
		c := m.chosen()
		if c == nil || c.stock <= 0 {
			t.Fatalf("moved onto %+v", c)
		}
		seen[c.specID] = true
	}
	var inStock int
	for _, k := range o.SKUs {
		if k.Stock > 0 {
			inStock++
		}
	}
	for i := 0; i < 2*len(o.SKUs); i++ {
		press(t, m, "h")
		if c := m.chosen(); c == nil || c.stock <= 0 {
			t.Fatalf("moved onto %+v", c)
		}
		seen[m.chosen().specID] = true
	}
	if len(seen) != inStock {
		t.Errorf("reached %d SKUs in stock of %d", len(seen), inStock)
	}
}

func TestTwoAxesNeverLandOnOutOfStock(t *testing.T) {
	e := newEnv(t)
	o := findOffer(t, e.sb, "with two axes and a hole in stock", func(o *sandbox.Offer) bool {
		if !published(o) || len(o.Axes) != 2 {
			return false
		}
		for _, k := range o.SKUs {
			if k.Stock == 0 {
				return true
			}
		}
		return false
	})
	m, _ := e.open(t, o, 80, 24)
	for _, k := range []string{"l", "l", "tab", "l", "l", "l", "shift+tab", "h", "l", "tab", "h", "h", "l"} {
		press(t, m, k)
		if c := m.chosen(); c == nil || c.stock <= 0 {
			t.Fatalf("after %s: chose %+v", k, c)
		}
		if err := m.rules().Check(m.qty); err != nil {
			t.Fatalf("after %s: quantity %d is invalid: %v", k, m.qty, err)
		}
	}
}

func TestAddPutsTheChosenLineInTheCart(t *testing.T) {
	e := newEnv(t)
	o := findOffer(t, e.sb, "tiered by quantity with two axes", func(o *sandbox.Offer) bool {
		k := inStock(o)
		return published(o) && o.QuoteType == 2 && len(o.Axes) == 2 && len(o.Tiers) > 1 && k != nil && k.Stock >= o.Tiers[1].Start+lot(o)
	})
	m, _ := e.open(t, o, 80, 24)
	k := inStock(o)
	// A quantity in the second tier, so the tier really is applied.
	q := (o.Tiers[1].Start + lot(o) - 1) / lot(o) * lot(o)
	typeQty(t, m, itoa(q))
	if m.qty != q {
		t.Fatalf("quantity %d, want %d", m.qty, q)
	}
	out := press(t, m, "a")
	lines := e.c.Cart.Lines()
	if len(lines) != 1 {
		t.Fatalf("%d cart lines", len(lines))
	}
	l := lines[0]
	want := unitPrice(o, k, q)
	if l.OfferID != o.ID || l.SpecID != k.SpecID || l.SkuID != k.ID || l.Quantity != q || l.UnitPrice != want ||
		l.SKUDesc != values(o, k, " / ") || l.SellerOpenID != o.Seller.OpenID || l.MOQ != o.MOQ || l.Batch != lot(o) {
		t.Errorf("line %+v\nwant offer %s spec %s sku %s qty %d price %v desc %q seller %s MOQ %d lot %d",
			l, o.ID, k.SpecID, k.ID, q, want, values(o, k, " / "), o.Seller.OpenID, o.MOQ, lot(o))
	}
	if l.SellerName == "" || l.Title == "" || l.TitleZH != sanitize.Line(o.Subject) {
		t.Errorf("names missing: %+v", l)
	}
	total, _ := want.Mul(q)
	wantStatus := fmt.Sprintf("Added %d × %s to cart — 1 line, %s", q, values(o, k, "/"), pricing.Money(total))
	if got := lastStatus(out); got != wantStatus {
		t.Errorf("status %q\nwant       %q", got, wantStatus)
	}
	if !strings.Contains(strings.Join(m.panes[paneOrder].lines, "\n"), "▶ "+pricing.TierLabel(pricing.Tier{Start: o.Tiers[1].Start}, nextStart(o, 1))) {
		t.Error("the applicable tier is not marked")
	}
}

func nextStart(o *sandbox.Offer, i int) int64 {
	if i+1 < len(o.Tiers) {
		return o.Tiers[i+1].Start
	}
	return 0
}

func TestAddPerSKUPriceAndOfferWithoutSKUs(t *testing.T) {
	e := newEnv(t)
	o := findOffer(t, e.sb, "priced per SKU", func(o *sandbox.Offer) bool {
		k := inStock(o)
		return published(o) && o.QuoteType == 1 && k != nil && k.Stock >= least(o)
	})
	m, _ := e.open(t, o, 80, 24)
	press(t, m, "a")
	k := inStock(o)
	if l := e.c.Cart.Lines()[0]; l.UnitPrice != k.Price {
		t.Errorf("per-SKU price %v, want the SKU's %v", l.UnitPrice, k.Price)
	}

	n := findOffer(t, e.sb, "without SKUs", func(o *sandbox.Offer) bool {
		return published(o) && o.QuoteType == 0 && len(o.Axes) == 0 && stockOf(o, nil) >= least(o)
	})
	m, _ = e.open(t, n, 80, 24)
	out := press(t, m, "a")
	lines := e.c.Cart.Lines()
	if len(lines) != 2 {
		t.Fatalf("%d lines: %s", len(lines), lastStatus(out))
	}
	if l := lines[1]; l.OfferID != n.ID || l.SpecID != "" || l.SkuID != "" || l.Quantity != least(n) || l.UnitPrice != unitPrice(n, nil, least(n)) {
		t.Errorf("line for an offer without SKUs: %+v", l)
	}
}

func TestUnpublishedOfferCannotBeAdded(t *testing.T) {
	e := newEnv(t)
	o := findOffer(t, e.sb, "not published", func(o *sandbox.Offer) bool { return !published(o) && inStock(o) != nil })
	m, _ := e.open(t, o, 80, 24)
	out := press(t, m, "a")
	if e.c.Cart.Count() != 0 {
		t.Error("an unpublished offer went into the cart")
	}
	if !strings.Contains(lastStatus(out), "cannot be ordered") || !strings.Contains(lastStatus(out), o.Status) {
		t.Errorf("status %q", lastStatus(out))
	}
	if !strings.Contains(strings.Join(m.panes[paneOrder].lines, "\n"), "cannot be ordered now") {
		t.Error("the page does not say the product cannot be ordered")
	}
}

func TestStaleDetailReplyIsDropped(t *testing.T) {
	e := newEnv(t)
	cat := e.sb.Catalogue()
	o, other := cat.Offers[0], cat.Offers[1]
	m := New(e.c, card(o)).(*Model)
	m.SetSize(80, 24)
	first := m.Init()
	// r while the first request is out starts a second and cancels the
	// first; the first's answer (a cancellation) must change nothing.
	_, second := m.Update(keyMsg("r"))
	if out := run(t, m, first); len(out) != 0 || m.state != loading {
		t.Fatalf("the stale reply was applied: state %v, %v", m.state, out)
	}
	// Nor does a late answer for another product with the old number.
	d, err := e.c.Client.ProductDetail(e.c.Ctx, other.ID)
	if err != nil {
		t.Fatal(err)
	}
	m.Update(detailMsg{Reply: common.Reply{Page: m.id, Seq: 1}, d: d})
	if m.state != loading || m.p != nil {
		t.Fatal("a stale detail was applied")
	}
	run(t, m, second)
	if m.state != loaded || m.p.offerID != o.ID {
		t.Fatalf("state %v, offer %v", m.state, m.p)
	}
}

func TestErrorStateAndRetry(t *testing.T) {
	e := newEnv(t)
	o := e.sb.Catalogue().Offers[0]
	e.sb.SetFaults(sandbox.Faults{ServerErrorPerMille: 1000, Only: []xport.Endpoint{xport.EpProductDetail}})
	m := New(e.c, card(o)).(*Model)
	m.debounce = 0
	m.SetSize(80, 24)
	out := run(t, m, m.Init())
	if m.state != failed {
		t.Fatalf("state %v", m.state)
	}
	if len(out) == 0 {
		t.Error("the failure was not reported")
	} else if _, ok := out[len(out)-1].(common.ErrorMsg); !ok {
		t.Errorf("reported as %#v", out[len(out)-1])
	}
	v := m.View()
	if !strings.Contains(v, "Could not load this product") || !strings.Contains(v, "r tries again") {
		t.Errorf("error view:\n%s", v)
	}
	if !strings.Contains(v, sanitize.Line(o.SubjectEN)) {
		t.Error("the card's title is gone from the error view")
	}
	e.sb.SetFaults(sandbox.Faults{})
	press(t, m, "r")
	if m.state != loaded {
		t.Fatalf("retry: state %v", m.state)
	}
}

func TestChatOpensTheLinkPanel(t *testing.T) {
	e := newEnv(t)
	o := e.sb.Catalogue().Offers[0]
	m, _ := e.open(t, o, 80, 24)
	out := press(t, m, "m")
	var page common.Page
	for _, msg := range out {
		if p, ok := msg.(common.PushMsg); ok {
			page = p.Page
		}
	}
	lp, ok := page.(*link.Model)
	if !ok {
		t.Fatalf("m gave %v", out)
	}
	if u := lp.URL(); !strings.HasPrefix(u, "https://air.1688.com/") || !strings.Contains(u, "offerId="+o.ID) {
		t.Errorf("chat link %q", u)
	}
	if !strings.Contains(lp.View(), "Chat with") {
		t.Error("the panel does not say what the link is for")
	}
	if m.chatBusy {
		t.Error("still busy after the answer")
	}
	// Opening the panel copies the link through the terminal.
	lp.Init()()
	if !strings.Contains(e.term.String(), "\x1b]52;c;") {
		t.Error("no OSC 52 written on opening the panel")
	}
}

func TestCopyOfferLink(t *testing.T) {
	e := newEnv(t)
	e.c.Env.Tmux, e.c.Env.TmuxClipboard = true, "on"
	o := e.sb.Catalogue().Offers[0]
	m, _ := e.open(t, o, 80, 24)
	out := press(t, m, "y")
	if !strings.Contains(lastStatus(out), "copied into tmux's buffer") {
		t.Errorf("status %q", lastStatus(out))
	}
	if got := e.term.String(); !strings.HasPrefix(got, "\x1b]52;c;") {
		t.Errorf("not a plain OSC 52 for tmux: %q", got)
	}
	if !strings.Contains(strings.Join(m.orderPane(m.w), "\n"), "https://detail.1688.com/offer/"+o.ID+".html") {
		t.Error("the page link is not shown")
	}
}

func TestFreightToTheDefaultAddress(t *testing.T) {
	e := newEnv(t)
	o := e.sb.Catalogue().Offers[0]
	m, _ := e.open(t, o, 80, 24)
	if m.freightErr != nil || m.freight == nil {
		t.Fatalf("no estimate: %v", m.freightErr)
	}
	line := m.freightLine()
	if !strings.HasPrefix(line, "Freight to 广州市白云区: ") || strings.Contains(line, "estimating") {
		t.Errorf("freight line %q", line)
	}
	e.c.Config.DefaultAddressID = "300002"
	m, _ = e.open(t, o, 80, 24)
	if line := m.freightLine(); !strings.HasPrefix(line, "Freight to 金华市义乌市: ") {
		t.Errorf("configured address: %q", line)
	}
}

func TestFreightIsDebounced(t *testing.T) {
	e := newEnv(t)
	o := findOffer(t, e.sb, "deep in stock", func(o *sandbox.Offer) bool {
		k := inStock(o)
		return published(o) && len(o.Axes) > 0 && k != nil && k.Stock > least(o)+5*lot(o)
	})
	m, _ := e.open(t, o, 80, 24)
	m.Update(keyMsg("+"))
	gen := m.freightGen
	m.Update(keyMsg("+"))
	if _, cmd := m.Update(freightDue{common.Reply{Page: m.id, Seq: gen}}); cmd != nil {
		t.Error("a superseded quantity asked for freight")
	}
	if !strings.Contains(m.freightLine(), "estimating") {
		t.Errorf("freight line while waiting: %q", m.freightLine())
	}
	_, cmd := m.Update(freightDue{common.Reply{Page: m.id, Seq: m.freightGen}})
	if cmd == nil {
		t.Fatal("the settled quantity did not ask for freight")
	}
	run(t, m, cmd)
	if strings.Contains(m.freightLine(), "estimating") {
		t.Errorf("freight line after the answer: %q", m.freightLine())
	}
}

func TestRegionCodes(t *testing.T) {
	p, c, ok := regionCodes("440111")
	if !ok || p != "440000" || c != "440100" {
		t.Errorf("got %s %s %v", p, c, ok)
	}
	for _, bad := range []string{"", "44011", "4401110", "44a111"} {
		if _, _, ok := regionCodes(bad); ok {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestFreightText(t *testing.T) {
	cases := []struct {
		f    xport.Freight
		want string
	}{
		{xport.Freight{FreePostage: true}, "free shipping"},
		{xport.Freight{Freight: 1200, ChargeType: 0, FirstFee: 800, FirstUnit: "1", NextFee: 400, NextUnit: "1"}, "¥12.00 (first 1 kg ¥8.00, then ¥4.00/kg)"},
		{xport.Freight{Freight: 1000, ChargeType: 1, FirstFee: 600, FirstUnit: "2", NextFee: 200, NextUnit: "1"}, "¥10.00 (first 2 pieces ¥6.00, then ¥2.00 per piece)"},
		{xport.Freight{Freight: 500}, "¥5.00"},
	}
	for _, c := range cases {
		if got := freightText(&c.f, "piece"); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}

func TestDescriptionKeepsTablesAndDropsEscapes(t *testing.T) {
	text, problem := describe(`<p>Hello&#27;[2J <b>world</b></p><table><tr><th>规格</th><th>值</th></tr><tr><td>重量</td><td>1 kg</td></tr></table>` + "<p>\x1b]52;c;ZXZpbA==\x07tail</p>")
	if problem != "" {
		t.Fatal(problem)
	}
	if strings.ContainsAny(text, "\x1b\x07") {
		t.Errorf("escape bytes survived: %q", text)
	}
	if !strings.Contains(text, "| 重量 | 1 kg |") && !strings.Contains(text, "| 重量 ") {
		t.Errorf("table lost: %q", text)
	}
	var row string
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, "重量") {
			row = l
		}
	}
	if !strings.Contains(row, "  ") && !strings.HasPrefix(row, "| 重量 | ") {
		t.Errorf("table spacing collapsed: %q", row)
	}
}

func TestViewStaysInsideTheArea(t *testing.T) {
	e := newEnv(t)
	cat := e.sb.Catalogue()
	var offers []*sandbox.Offer
	offers = append(offers, cat.Offers[:12]...)
	for _, o := range cat.Offers {
		if len(o.Axes) == 2 && len(o.SKUs) > 12 || !published(o) || o.Seller.Mix.Enabled && o.Batch > 1 {
			offers = append(offers, o)
			if len(offers) > 24 {
				break
			}
		}
	}
	for _, sz := range [][2]int{{80, 24}, {120, 40}, {200, 50}, {60, 16}} {
		for _, o := range offers {
			m, _ := e.open(t, o, sz[0], sz[1])
			check := func(where string) {
				lines := strings.Split(m.View(), "\n")
				if len(lines) > sz[1] {
					t.Errorf("%s %dx%d %s: %d lines", o.ID, sz[0], sz[1], where, len(lines))
				}
				for i, l := range lines {
					if w := sanitize.Width(l); w > sz[0] {
						t.Errorf("%s %dx%d %s: line %d is %d wide: %q", o.ID, sz[0], sz[1], where, i, w, l)
					}
				}
			}
			for i := 0; i < m.axisStops()+paneCount; i++ {
				check(fmt.Sprintf("focus %d", m.focus))
				press(t, m, "j")
				check("scrolled")
				press(t, m, "tab")
			}
			press(t, m, "4")
			check("typing")
			press(t, m, "esc")
		}
	}
	// Loading and failing, too.
	m := New(e.c, card(cat.Offers[0])).(*Model)
	m.SetSize(80, 24)
	m.Init()
	for i, l := range strings.Split(m.View(), "\n") {
		if sanitize.Width(l) > 80 {
			t.Errorf("loading view line %d too wide", i)
		}
	}
}

func BenchmarkDetailKeyAndView(b *testing.B) {
	e := newEnv(b)
	o := findOffer(b, e.sb, "with two axes", func(o *sandbox.Offer) bool {
		k := inStock(o)
		return published(o) && len(o.Axes) == 2 && k != nil && k.Stock > least(o)+2*lot(o)
	})
	m, _ := e.open(b, o, 120, 40)
	steps := []tea.KeyMsg{keyMsg("+"), keyMsg("-")}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Update(steps[i%2])
		_ = m.View()
	}
}

func TestRemappedKeysAreHonoured(t *testing.T) {
	e := newEnv(t)
	km, err := keys.New(keys.Config{"add_to_cart": {"A"}, "increase": {"]"}})
	if err != nil {
		t.Fatal(err)
	}
	e.c.Keys = km
	o := findOffer(t, e.sb, "deep in stock", func(o *sandbox.Offer) bool {
		k := inStock(o)
		return published(o) && len(o.Axes) > 0 && k != nil && k.Stock > least(o)+2*lot(o)
	})
	m, _ := e.open(t, o, 80, 24)
	press(t, m, "a")
	if e.c.Cart.Count() != 0 {
		t.Error("a still adds after remapping")
	}
	press(t, m, "]")
	press(t, m, "A")
	if e.c.Cart.Count() != 1 || e.c.Cart.Lines()[0].Quantity != least(o)+lot(o) {
		t.Errorf("remapped keys: cart %+v", e.c.Cart.Lines())
	}
	var helpKeys []string
	for _, b := range m.ShortHelp() {
		helpKeys = append(helpKeys, b.Help().Key)
	}
	if h := strings.Join(helpKeys, " "); !strings.Contains(h, "A") || !strings.Contains(h, "]") {
		t.Errorf("help shows %q", h)
	}
}

// A tier that ends below the minimum order is marked as one that cannot
// be ordered, and a mixed batch is named only when the seller offers one
// (issue 11: "(below the first tier: mixed batch)" sat next to "Mixed
// batch: not offered").
func TestTiersBelowTheMinimumOrder(t *testing.T) {
	e := newEnv(t)
	o := findOffer(t, e.sb, "with a tier that ends below its minimum order", func(o *sandbox.Offer) bool {
		return published(o) && len(o.Tiers) > 2 && o.Tiers[1].Start-1 < least(o) && o.QuoteType != 1 && !o.Seller.Mix.Enabled
	})
	m, _ := e.open(t, o, 120, 40)
	v := m.View()
	if !strings.Contains(v, "(under the minimum order)") {
		t.Errorf("the unreachable tier is not marked:\n%s", v)
	}
	if !o.Seller.Mix.Enabled && strings.Contains(v, "mixed batch)") {
		t.Errorf("a mixed batch is named for a seller who offers none:\n%s", v)
	}
}

// a twice on a SKU with stock for one of them adds once and then says
// what the cart holds and what can still be added (twice a gave 10 in
// the cart with 5 in stock).
func TestAddCountsWhatTheCartHolds(t *testing.T) {
	e := newEnv(t)
	o := findOffer(t, e.sb, "whose first SKU in stock holds less than two least quantities", func(o *sandbox.Offer) bool {
		k := inStock(o)
		return published(o) && len(o.Axes) > 0 && !o.Seller.Mix.Enabled && k != nil && k == o.SKUs[0] && k.Stock >= least(o) && k.Stock < 2*least(o)
	})
	m, _ := e.open(t, o, 100, 30)
	if st := lastStatus(press(t, m, "a")); !strings.Contains(st, "Added") {
		t.Fatalf("first a: %q", st)
	}
	st := lastStatus(press(t, m, "a"))
	if !strings.Contains(st, "Not added") || !strings.Contains(st, "the cart already holds "+itoa(least(o))) {
		t.Fatalf("second a: %q", st)
	}
	if l := e.c.Cart.Lines(); len(l) != 1 || l[0].Quantity != least(o) {
		t.Fatalf("cart %+v", l)
	}
}

// The product page opened from a cart line edits it: it opens on the
// line's SKU and quantity, and a sets the quantity instead of adding.
func TestProductFromACartLineSetsIt(t *testing.T) {
	e := newEnv(t)
	o := findOffer(t, e.sb, "with stock for three lots above the minimum", func(o *sandbox.Offer) bool {
		k := inStock(o)
		return published(o) && len(o.Axes) > 0 && !o.Seller.Mix.Enabled && k != nil && k.Stock >= least(o)+3*lot(o)
	})
	first, _ := e.open(t, o, 100, 30)
	press(t, first, "a")
	l := e.c.Cart.Lines()[0]
	m := NewForLine(e.c, card(o), l.Key(), l.Quantity).(*Model)
	m.debounce = first.debounce
	m.SetSize(100, 30)
	run(t, m, m.Init())
	if m.qty != l.Quantity || m.chosen() == nil || m.chosen().specID != l.SpecID {
		t.Fatalf("opened on %d of %v, want the line's %d of %s", m.qty, m.chosen(), l.Quantity, l.SpecID)
	}
	press(t, m, "+")
	want := m.qty
	st := lastStatus(press(t, m, "a"))
	if got := e.c.Cart.Lines(); len(got) != 1 || got[0].Quantity != want || !strings.Contains(st, "set to "+itoa(want)) {
		t.Fatalf("cart %+v after a, want the line set to %d; status %q", got, want, st)
	}
}

// a on a SKU whose stock is below the minimum order says so, not "0 is
// not a quantity" (issue 11).
func TestAddOnAShortSKUSaysStock(t *testing.T) {
	e := newEnv(t)
	o := findOffer(t, e.sb, "with a SKU in stock below the minimum order", func(o *sandbox.Offer) bool {
		if !published(o) || len(o.Axes) == 0 || o.Seller.Mix.Enabled || len(o.SKUs) == 0 {
			return false
		}
		for _, k := range o.SKUs {
			if k.Stock > 0 && k.Stock < least(o) {
				return true
			}
		}
		return false
	})
	m, _ := e.open(t, o, 100, 30)
	var short *sandbox.SKU
	for _, k := range o.SKUs {
		if k.Stock > 0 && k.Stock < least(o) {
			short = k
			break
		}
	}
	for i := range m.p.skus {
		if m.p.skus[i].specID == short.SpecID {
			m.sku = i
			copy(m.sel, m.p.skus[i].vals)
		}
	}
	m.qty = 0
	st := lastStatus(press(t, m, "a"))
	if strings.Contains(st, "is not a quantity") || !strings.Contains(st, "in stock") {
		t.Fatalf("status %q", st)
	}
}

// What the search card cannot say is kept for the results list: an offer
// whose every SKU is out of stock is marked there once opened.
func TestOpeningRecordsSoldOut(t *testing.T) {
	e := newEnv(t)
	empty := findOffer(t, e.sb, "every SKU out of stock", func(o *sandbox.Offer) bool {
		if len(o.SKUs) == 0 {
			return false
		}
		for _, k := range o.SKUs {
			if k.Stock > 0 {
				return false
			}
		}
		return true
	})
	some := findOffer(t, e.sb, "some SKU in stock", func(o *sandbox.Offer) bool { return published(o) && inStock(o) != nil })
	e.open(t, empty, 120, 40)
	e.open(t, some, 120, 40)
	if f, ok := e.c.Opened.Get(string(empty.ID)); !ok || !f.SoldOut {
		t.Errorf("sold-out offer recorded as %+v, %v", f, ok)
	}
	if f, ok := e.c.Opened.Get(string(some.ID)); !ok || f.SoldOut {
		t.Errorf("offer in stock recorded as %+v, %v", f, ok)
	}
}

func TestDecimalTimes(t *testing.T) {
	for in, want := range map[string]int64{"0.383": 383, "1.5": 1500, "2": 2000, "12.3456": 12345, "": 0, "-1": 0, "1e3": 0, "abc": 0, ".5": 500} {
		if got := decimalTimes(in, 1000); got != want {
			t.Errorf("%q kg: %d g, want %d", in, got, want)
		}
	}
	if got := decimalTimes("12.5", 10); got != 125 {
		t.Errorf("12.5 cm: %d mm", got)
	}
}
