package cartview

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"caigou/ui/cart"
	"caigou/ui/common"
	"caigou/ui/pricing"
	"caigou/ui/statedb"
	"caigou/ui/uitest"
	"caigou/xport"
	"caigou/xport/sandbox"

	tea "github.com/charmbracelet/bubbletea"
)

func TestEmptyCart(t *testing.T) {
	s := uitest.NewSession(t)
	m := page(t, s, 80, 20)
	v := flat(m.View())
	for _, want := range []string{"The cart is empty", "open a product with enter", "press a to add it", "Ship to: 陈志强"} {
		if !strings.Contains(v, want) {
			t.Errorf("empty cart lacks %q:\n%s", want, m.View())
		}
	}
	if st := status(press(t, m, "p")); !strings.Contains(st, "nothing to preview") {
		t.Errorf("p on an empty cart: %q", st)
	}
	for _, k := range []string{"+", "-", "d", "enter", "M", "5"} {
		if out := press(t, m, k); len(out) != 0 || m.CapturesInput() {
			t.Errorf("%s on an empty cart: %v", k, out)
		}
	}
}

func TestTwoSuppliersGroupedAndPriced(t *testing.T) {
	s := uitest.NewSession(t)
	a, b := fill(t, s)
	m := page(t, s, 120, 40)
	v := m.View()
	ia, ib := strings.Index(v, a.Seller.Company), strings.Index(v, b.Seller.Company)
	if ia < 0 || ib < 0 || ia > ib {
		t.Fatalf("groups missing or out of order:\n%s", v)
	}
	// The tiered offer's two SKUs are priced by their total.
	total := 2 * least(a)
	want := a.Tiers[0].Price
	for _, tr := range a.Tiers {
		if tr.Start <= total {
			want = tr.Price
		}
	}
	lines := s.C.Cart.Lines()
	if lines[0].UnitPrice != want || lines[1].UnitPrice != want {
		t.Errorf("tier price %v, %v; want %v for %d pieces", lines[0].UnitPrice, lines[1].UnitPrice, want, total)
	}
	sub, _ := want.Mul(total)
	bt, _ := lines[2].Total()
	grand, _ := sub.Add(bt)
	for _, w := range []string{
		"subtotal " + s.C.Money(sub),
		"subtotal " + s.C.Money(bt),
		"Total " + s.C.Money(grand) + " · 3 lines · 2 suppliers",
		lines[0].SKUDesc, lines[1].SKUDesc,
		s.C.MoneyShort(want),
	} {
		if !strings.Contains(v, w) {
			t.Errorf("view lacks %q:\n%s", w, v)
		}
	}
	if strings.Contains(v, "with warnings") {
		t.Errorf("a valid cart shows warnings:\n%s", v)
	}
	// t shows the Chinese titles.
	press(t, m, "t")
	if !strings.Contains(m.View(), sanitizeFirst(a.Subject, 10)) {
		t.Errorf("t does not show the Chinese title:\n%s", m.View())
	}
}

func sanitizeFirst(s string, n int) string {
	r := []rune(s)
	return string(r[:min(n, len(r))])
}

func TestWarningsInWords(t *testing.T) {
	s := uitest.NewSession(t)
	a := tiered(t, s.Sandbox)
	k := stocked(a, 1)[0]
	l := lineOf(a, k, lot(a))
	if err := s.C.Cart.Put(l); err != nil {
		t.Fatal(err)
	}
	m := page(t, s, 100, 30)
	v := flat(m.View())
	want := fmt.Sprintf("below the minimum order of %s", pricing.Units(least(a), a.UnitEN))
	if !strings.Contains(v, want) || !strings.Contains(v, "1 supplier with warnings") {
		t.Errorf("view lacks %q:\n%s", want, m.View())
	}
}

func TestPlusAndMinusStepByLots(t *testing.T) {
	s := uitest.NewSession(t)
	a, _ := fill(t, s)
	m := page(t, s, 100, 30)
	q0 := s.C.Cart.Lines()[0].Quantity
	st := status(press(t, m, "+"))
	if q := s.C.Cart.Lines()[0].Quantity; q != q0+lot(a) {
		t.Fatalf("+ made %d from %d (lot %d): %s", q, q0, lot(a), st)
	}
	if !strings.Contains(st, fmt.Sprintf("quantity %d", q0+lot(a))) {
		t.Errorf("status %q", st)
	}
	press(t, m, "-")
	if q := s.C.Cart.Lines()[0].Quantity; q != q0 {
		t.Fatalf("- made %d, want %d", q, q0)
	}
	// Below one lot nothing changes and the reason is given.
	for i := 0; i < 100 && s.C.Cart.Lines()[0].Quantity > lot(a); i++ {
		press(t, m, "-")
	}
	st = status(press(t, m, "-"))
	if q := s.C.Cart.Lines()[0].Quantity; q != lot(a) || st == "" {
		t.Errorf("- at one lot: %d, %q", q, st)
	}
	// The offer total now misses the minimum: the group says so.
	if least(a) > 2*lot(a) && !strings.Contains(flat(m.View()), "below the minimum order") {
		t.Errorf("no warning:\n%s", m.View())
	}
}

func TestQuickPressesAreSavedInOrder(t *testing.T) {
	s := uitest.NewSession(t)
	a, _ := fill(t, s)
	m := page(t, s, 100, 30)
	q0 := s.C.Cart.Lines()[0].Quantity
	// Three presses before any save returns: the page shows the target
	// at once and the saves run one after another.
	var cmds []tea.Cmd
	for i := 0; i < 3; i++ {
		_, cmd := m.Update(uitest.Key("+"))
		cmds = append(cmds, cmd)
	}
	if !strings.Contains(m.View(), fmt.Sprint(q0+3*lot(a))) {
		t.Errorf("the pending quantity is not shown:\n%s", m.View())
	}
	for _, c := range cmds {
		uitest.Drain(t, update(m), c)
	}
	if q := s.C.Cart.Lines()[0].Quantity; q != q0+3*lot(a) {
		t.Errorf("after three presses %d, want %d", q, q0+3*lot(a))
	}
}

func TestTypedQuantity(t *testing.T) {
	s := uitest.NewSession(t)
	a, _ := fill(t, s)
	m := page(t, s, 100, 30)
	q0 := s.C.Cart.Lines()[0].Quantity
	want := q0 + 2*lot(a)
	digits := fmt.Sprint(want)
	press(t, m, digits[:1])
	if !m.CapturesInput() {
		t.Fatal("a digit does not open the quantity input")
	}
	for _, r := range digits[1:] {
		press(t, m, string(r))
	}
	if !strings.Contains(m.View(), "["+digits+"▏]") {
		t.Errorf("the input is not shown:\n%s", m.View())
	}
	press(t, m, "enter")
	if m.CapturesInput() || s.C.Cart.Lines()[0].Quantity != want {
		t.Fatalf("typed %s: quantity %d", digits, s.C.Cart.Lines()[0].Quantity)
	}

	// Refused: each status says what is wrong (reason), what to do (do)
	// and that the line is unchanged. The product page's own table is
	// TestTypedQuantities in ui/detail.
	stock := s.C.Cart.Lines()[0].Stock
	cases := []struct{ typed, reason, do string }{
		{"1x", "not a number", "type digits only"},
		{"1.5", "not a number", "type digits only"},
		{"0", "above zero", "d removes the line"},
		{"-3", "above zero", "type how many you want"},
		{"99999999999999999999", "more than can ever be ordered", "type a smaller number"},
		{fmt.Sprint((stock/lot(a) + 1) * lot(a)), fmt.Sprintf("only %d in stock", stock), fmt.Sprintf("order %d or fewer", stock/lot(a)*lot(a))},
	}
	for _, c := range cases {
		press(t, m, "1")
		press(t, m, "backspace")
		for _, r := range c.typed {
			press(t, m, string(r))
		}
		st := status(press(t, m, "enter"))
		if !strings.Contains(st, c.reason) || !strings.Contains(st, c.do) || !strings.Contains(st, fmt.Sprintf("the quantity stays %d", want)) {
			t.Errorf("typed %s: status %q, want %q and %q", c.typed, st, c.reason, c.do)
		}
		if q := s.C.Cart.Lines()[0].Quantity; q != want {
			t.Errorf("typed %s changed the quantity to %d", c.typed, q)
		}
	}
	if lot(a) <= 1 {
		t.Fatalf("the fixture offer must be sold in lots for this test; lot %d", lot(a))
	}
	// Off the lot size or below the minimum is taken, with the warning:
	// the preview decides, and the group shows what it will refuse.
	if lot(a) > 1 {
		press(t, m, "1")
		press(t, m, "backspace")
		for _, r := range fmt.Sprint(want + 1) {
			press(t, m, string(r))
		}
		st := status(press(t, m, "enter"))
		if !strings.Contains(st, "not a multiple of the lot size") || !strings.Contains(st, "preview will refuse") {
			t.Errorf("off the lot size: status %q", st)
		}
		if q := s.C.Cart.Lines()[0].Quantity; q != want+1 {
			t.Errorf("off the lot size: quantity %d, want %d kept with a warning", q, want+1)
		}
		if !strings.Contains(m.View(), "lot size") {
			t.Errorf("the group does not warn about the lot size:\n%s", m.View())
		}
		press(t, m, "1")
		press(t, m, "backspace")
		for _, r := range fmt.Sprint(want) {
			press(t, m, string(r))
		}
		press(t, m, "enter")
	}
	press(t, m, "7")
	st := status(press(t, m, "esc"))
	if m.CapturesInput() || s.C.Cart.Lines()[0].Quantity != want || !strings.Contains(st, "unchanged") {
		t.Errorf("esc: %q", st)
	}
}

func TestRemoveAndUndo(t *testing.T) {
	s := uitest.NewSession(t)
	fill(t, s)
	m := page(t, s, 100, 30)
	press(t, m, "j")
	second := s.C.Cart.Lines()[1]
	st := status(press(t, m, "d"))
	if s.C.Cart.Count() != 2 || !strings.Contains(st, "Removed") || !strings.Contains(st, "press u to undo") {
		t.Fatalf("d: %d lines, %q", s.C.Cart.Count(), st)
	}
	if strings.Contains(m.View(), second.SKUDesc) {
		t.Error("the removed line is still shown")
	}
	press(t, m, "u")
	if l := s.C.Cart.Lines(); len(l) != 3 || l[1].Key() != second.Key() {
		t.Fatalf("u did not put it back in place: %+v", l)
	}
	if m.lines[m.cursor].Key() != second.Key() {
		t.Error("the cursor is not on the line put back")
	}
	if st := status(press(t, m, "u")); !strings.Contains(st, "Nothing to undo") {
		t.Errorf("second u: %q", st)
	}
}

// Undo is a stack for the session: d d then u u puts both lines back,
// each where it was, also after the cart page was closed and reopened.
func TestUndoIsAStack(t *testing.T) {
	s := uitest.NewSession(t)
	fill(t, s)
	before := s.C.Cart.Lines()
	m := page(t, s, 100, 30)
	press(t, m, "d")
	press(t, m, "d")
	if n := s.C.Cart.Count(); n != len(before)-2 {
		t.Fatalf("%d lines after d d", n)
	}
	m.Close()
	m = page(t, s, 100, 30)
	press(t, m, "u")
	press(t, m, "u")
	after := s.C.Cart.Lines()
	if len(after) != len(before) {
		t.Fatalf("u u put back %d of 2 lines", len(after)-len(before)+2)
	}
	for i := range before {
		if after[i].Key() != before[i].Key() {
			t.Fatalf("line %d is %v, was %v", i, after[i].Key(), before[i].Key())
		}
	}
	if st := status(press(t, m, "u")); !strings.Contains(st, "Nothing to undo") {
		t.Errorf("third u: %q", st)
	}
}

func TestEnterOpensTheProduct(t *testing.T) {
	s := uitest.NewSession(t)
	fill(t, s)
	m := page(t, s, 100, 30)
	p := pushed(press(t, m, "enter"))
	if p == nil || fmt.Sprintf("%T", p) != "*detail.Model" {
		t.Fatalf("enter pushed %T", p)
	}
}

func TestPreviewNeedsAnAddressAndOpensCheckout(t *testing.T) {
	s := uitest.NewSession(t)
	fill(t, s)
	m := page(t, s, 100, 30)
	if m.addr == nil || m.addr.ID != "300001" {
		t.Fatalf("the account's default address is not chosen: %+v", m.addr)
	}
	p := pushed(press(t, m, "p"))
	if p == nil || fmt.Sprintf("%T", p) != "*checkout.Model" {
		t.Fatalf("p pushed %T", p)
	}

	// Without addresses the preview waits for one.
	s2 := uitest.NewSession(t)
	fill(t, s2)
	s2.Sandbox.SetFaults(sandbox.Faults{ServerErrorPerMille: 1000, Only: []xport.Endpoint{xport.EpAddressList}})
	m2 := page(t, s2, 100, 30)
	if !strings.Contains(m2.View(), "could not be loaded") {
		t.Errorf("the failure is not shown:\n%s", m2.View())
	}
	out := press(t, m2, "p")
	if pushed(out) != nil || !strings.Contains(status(out), "Choose a shipping address first: press A") {
		t.Errorf("p without an address: %q", status(out))
	}
}

// An address remembered from the last order that is no longer on the
// account is never replaced silently: the page says which one it uses
// instead, and does not preview on it unasked.
func TestVanishedAddressIsSaid(t *testing.T) {
	s := uitest.NewSession(t)
	fill(t, s)
	if err := s.C.Cart.SetDefaultAddress("999999"); err != nil {
		t.Fatal(err)
	}
	m := New(s.C)
	m.SetSize(100, 30)
	st := status(uitest.Drain(t, update(m), m.Init()))
	if !strings.Contains(st, "(id 999999) is no longer on your account: using") || !strings.Contains(st, "choose another with A") {
		t.Fatalf("status %q", st)
	}
	if m.addr == nil {
		t.Fatal("no address chosen")
	}
}

func TestChooseAddressIsRemembered(t *testing.T) {
	dir := t.TempDir()
	s := uitest.NewSession(t)
	c, err := cart.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	s.C.Cart = c
	fill(t, s)
	m := page(t, s, 100, 30)
	ch, ok := pushed(press(t, m, "A")).(*chooser)
	if !ok {
		t.Fatal("A does not open the address list")
	}
	ch.SetSize(100, 27)
	uitest.Drain(t, update(ch), ch.Init())
	fits(t, ch, 100, 27, "address list")
	if !strings.Contains(ch.View(), "王丽") || !strings.Contains(ch.View(), "shipping here") {
		t.Fatalf("list:\n%s", ch.View())
	}
	press(t, ch, "j")
	out := uitest.Exec(t, update(ch)(uitest.Key("enter")))
	if _, ok := out[0].(common.PopMsg); !ok || len(out) != 2 {
		t.Fatalf("enter: %v", out)
	}
	st := status(uitest.Run(t, update(m), out[1]))
	if m.addr == nil || m.addr.ID != "300002" || !strings.Contains(st, "remembered as your default") {
		t.Fatalf("chosen %+v, %q", m.addr, st)
	}
	if !strings.Contains(m.View(), "Ship to: 王丽") {
		t.Errorf("view:\n%s", m.View())
	}
	// The next session starts with it.
	again, err := cart.Open(dir)
	if err != nil || again.DefaultAddress() != "300002" {
		t.Fatalf("remembered %q, %v", again.DefaultAddress(), err)
	}
	s.C.Cart = again
	if m2 := page(t, s, 100, 30); m2.addr == nil || m2.addr.ID != "300002" {
		t.Errorf("a new page ships to %+v", m2.addr)
	}
}

func TestAddAddress(t *testing.T) {
	s := uitest.NewSession(t)
	ch := newChooser(s.C, 99, "300001")
	ch.SetSize(80, 21)
	uitest.Drain(t, update(ch), ch.Init())
	f, ok := pushed(press(t, ch, "n")).(*addressForm)
	if !ok {
		t.Fatal("n does not open the form")
	}
	f.SetSize(80, 21)
	uitest.Exec(t, f.Init())
	if !f.CapturesInput() {
		t.Fatal("the form must capture typing")
	}
	fill := func(values ...string) []tea.Msg {
		for i := range f.in {
			f.in[i].SetValue("")
		}
		f.focusOn(0)
		var out []tea.Msg
		for i, v := range values {
			out = uitest.Run(t, update(f), tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(v)})
			if i < len(values)-1 {
				out = press(t, f, "tab") // typed by hand, not picked
			}
		}
		return append(out, press(t, f, "enter")...)
	}
	before := len(addresses(t, s))
	bad := []struct {
		values []string
		field  int
		reason string
	}{
		{[]string{"李雷", "1380000", "广东省", "深圳市", "南山区", "440305", "科技园1号", ""}, fMobile, "must be 11 digits starting with 1"},
		{[]string{"李雷", "23800001234", "广东省", "深圳市", "南山区", "440305", "科技园1号", ""}, fMobile, "starting with 1"},
		{[]string{"李雷", "13800001234", "广东省", "深圳市", "南山区", "4403", "科技园1号", ""}, fDistrictCode, "must be 6 digits"},
		{[]string{"李雷", "13800001234", "广东省", "深圳市", "南山区", "440305", "", ""}, fStreet, "Street address 详细地址 is required"},
		{[]string{"李雷", "13800001234", "广东省", "深圳市", "南山区", "440305", "科技园1号", "51800"}, fPostCode, "post code"},
		// A pasted street far over 1688's 200 is said, not cut to 200 and
		// saved (a warehouse code at its end would be lost).
		{[]string{"李雷", "13800001234", "广东省", "深圳市", "南山区", "440305", strings.Repeat("科", 10000), ""}, fStreet, "has 10000 characters, 9800 more than the 200"},
	}
	for _, c := range bad {
		st := status(fill(c.values...))
		if !strings.Contains(st, c.reason) || f.focus != c.field || !strings.Contains(f.View(), c.reason) {
			t.Errorf("%v: status %q, focus %d", c.values, st, f.focus)
		}
	}
	if n := len(addresses(t, s)); n != before {
		t.Fatalf("an invalid address was sent: %d addresses", n)
	}
	// Typing into the field named clears the complaint (a stale "is
	// required" stayed beside the filled field).
	press(t, f, "x")
	if f.err != "" || strings.Contains(f.View(), "9800 more") {
		t.Errorf("the error stayed after the field was edited: %q", f.err)
	}
	fits(t, f, 80, 21, "form with an error")

	// A refusal from the server is shown in words and nothing is retried.
	s.Sandbox.SetFaults(sandbox.Faults{ServerErrorPerMille: 1000, Only: []xport.Endpoint{xport.EpAddressSave}})
	st := status(fill("李雷", "+86 138-0000-1234", "广东省", "深圳市", "南山区", "440305", "科技园1号", "518000"))
	if !strings.Contains(st, "Saving the address failed") || !strings.Contains(f.View(), "Not saved") {
		t.Errorf("server error: %q\n%s", st, f.View())
	}
	s.Sandbox.SetFaults(sandbox.Faults{})

	// A second enter while saving sends nothing more.
	cmd := update(f)(uitest.Key("enter"))
	if again := uitest.Exec(t, update(f)(uitest.Key("enter"))); !strings.Contains(status(again), "Saving the address") {
		t.Errorf("a second enter while saving: %v", again)
	}
	saved := uitest.Exec(t, cmd)
	if len(saved) != 1 {
		t.Fatalf("save: %v", saved)
	}
	out := uitest.Exec(t, update(f)(saved[0]))
	if len(out) < 2 {
		t.Fatalf("saved: %v", out)
	}
	if _, ok := out[0].(common.PopMsg); !ok {
		t.Fatalf("the form does not close: %v", out)
	}
	added, ok := out[1].(addressAdded)
	if !ok || added.Page != ch.ID() {
		t.Fatalf("the list is not told: %v", out)
	}
	all := addresses(t, s)
	if len(all) != before+1 || all[len(all)-1].Phone != "13800001234" || all[len(all)-1].DistrictCode != "440305" {
		t.Fatalf("saved %+v", all)
	}
	uitest.Run(t, update(ch), added)
	if ch.list[ch.cursor].Phone != "13800001234" {
		t.Errorf("the cursor is not on the new address: %d", ch.cursor)
	}
}

func addresses(t *testing.T, s uitest.Session) []xport.Address {
	t.Helper()
	l, err := s.C.Client.Addresses(s.C.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestNoteToSeller(t *testing.T) {
	s := uitest.NewSession(t)
	a, b := fill(t, s)
	m := page(t, s, 100, 30)
	press(t, m, "G")
	press(t, m, "M")
	if !m.CapturesInput() || m.noteFor != b.Seller.OpenID || !strings.Contains(m.View(), "Note to "+sanitizeFirst(b.Seller.Company, 4)) {
		t.Fatalf("M:\n%s", m.View())
	}
	uitest.Run(t, update(m), tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("请用纸箱包装 q/p")})
	st := status(press(t, m, "enter"))
	if m.CapturesInput() || s.C.Cart.Message(b.Seller.OpenID) != "请用纸箱包装 q/p" || !strings.Contains(st, "saved") {
		t.Fatalf("note %q, %q", s.C.Cart.Message(b.Seller.OpenID), st)
	}
	if s.C.Cart.Message(a.Seller.OpenID) != "" {
		t.Error("the note went to the wrong seller")
	}
	if !strings.Contains(m.View(), "Note to seller: 请用纸箱包装 q/p") {
		t.Errorf("view:\n%s", m.View())
	}
	// 1688 takes 500 characters; the input takes no more.
	press(t, m, "M")
	uitest.Run(t, update(m), tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(strings.Repeat("长", 600))})
	if n := len([]rune(m.note.Value())); n != cart.MaxMessage {
		t.Errorf("the input holds %d characters", n)
	}
	press(t, m, "esc")
	if s.C.Cart.Message(b.Seller.OpenID) != "请用纸箱包装 q/p" {
		t.Error("esc changed the note")
	}
}

func TestViewsFit(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}, {200, 50}, {60, 13}} {
		w, h := size[0], size[1]
		s := uitest.NewSession(t)
		s.C.Config.DisplayCurrency, s.C.Config.DisplayRate = "USD", "0.138"
		s.C.Init()
		fill(t, s)
		// Enough lines to scroll, with long titles and warnings.
		for i := 0; i < 12; i++ {
			s.C.Cart.Put(cart.Line{OfferID: fmt.Sprint("x", i), Title: strings.Repeat("很长的商品名", 20), SKUDesc: "红色 / XXL", Quantity: 3,
				UnitPrice: 123456, SellerOpenID: fmt.Sprint("s", i%3), SellerName: "义乌市某某服饰有限公司", MOQ: 10, Batch: 2, Stock: 1})
		}
		m := page(t, s, w, h)
		fits(t, m, w, h, "cart")
		for _, k := range []string{"G", "k", "pgup", "g", "M"} {
			press(t, m, k)
			fits(t, m, w, h, "cart after "+k)
			if !strings.Contains(m.View(), "▶") {
				t.Errorf("%dx%d after %s: the cursor is out of view:\n%s", w, h, k, m.View())
			}
		}
		press(t, m, "esc")
		press(t, m, "5")
		fits(t, m, w, h, "cart while typing")
		if !strings.Contains(m.View(), "Total") {
			t.Errorf("%dx%d: the total is not in view", w, h)
		}
		if w >= 200 && !strings.Contains(m.View(), "(≈USD") {
			t.Errorf("200 columns: no display currency in the cells:\n%s", m.View())
		}
	}
}

func TestPicksUpAnotherSessionsChanges(t *testing.T) {
	dir := t.TempDir()
	s := uitest.NewSession(t)
	mine, err := cart.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	s.C.Cart = mine
	m := page(t, s, 100, 30)
	other, err := cart.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	a := tiered(t, s.Sandbox)
	if err := other.Put(lineOf(a, stocked(a, 1)[0], least(a))); err != nil {
		t.Fatal(err)
	}
	st := status(uitest.Run(t, update(m), m.reload()()))
	if !strings.Contains(st, "changed in another caigou session") || !strings.Contains(m.View(), a.Seller.Company) {
		t.Errorf("reload: %q\n%s", st, m.View())
	}
	// A quantity changed here reaches the other session.
	press(t, m, "+")
	if _, err := other.Reload(); err != nil || other.Lines()[0].Quantity != least(a)+lot(a) {
		t.Errorf("the other session sees %+v, %v", other.Lines(), err)
	}
}

func TestSaveFailureChangesNothing(t *testing.T) {
	dir := t.TempDir()
	s := uitest.NewSession(t)
	c, err := cart.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	s.C.Cart = c
	fill(t, s)
	m := page(t, s, 100, 30)
	q := c.Lines()[0].Quantity
	// The database refuses every change of a line, as a full disk would.
	db, err := statedb.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(context.Background(), `CREATE TRIGGER refuse BEFORE UPDATE ON cart_line BEGIN SELECT RAISE(ABORT, 'the disk said no'); END`); err != nil {
		t.Fatal(err)
	}
	st := status(press(t, m, "+"))
	if !strings.Contains(st, "Changing the quantity of") || !strings.Contains(st, "failed") {
		t.Errorf("status %q", st)
	}
	if c.Lines()[0].Quantity != q || !strings.Contains(m.View(), fmt.Sprint(q)) {
		t.Errorf("a change that was not saved is shown: %d", c.Lines()[0].Quantity)
	}
}

func TestHelp(t *testing.T) {
	s := uitest.NewSession(t)
	fill(t, s)
	m := page(t, s, 100, 30)
	var keys []string
	for _, b := range m.ShortHelp() {
		keys = append(keys, b.Help().Key)
	}
	if got := strings.Join(keys, " "); got != "+ - d enter p A M esc" {
		t.Errorf("short help %q", got)
	}
	press(t, m, "5")
	keys = nil
	for _, b := range m.ShortHelp() {
		keys = append(keys, b.Help().Key+" "+b.Help().Desc)
	}
	if got := strings.Join(keys, ", "); got != "enter set quantity, esc cancel" {
		t.Errorf("help while typing %q", got)
	}
}

func TestShowsChangesMadeByAPageAbove(t *testing.T) {
	s := uitest.NewSession(t)
	fill(t, s)
	m := page(t, s, 100, 30)
	// The checkout page removes the lines it ordered, then closes.
	g := s.C.Cart.Groups()[0]
	var ks []cart.Key
	for _, l := range g.Lines {
		ks = append(ks, l.Key())
	}
	s.C.Cart.Remove(ks...)
	if v := m.View(); strings.Contains(v, g.SellerName) || !strings.Contains(v, "1 line") {
		t.Errorf("ordered lines still shown:\n%s", v)
	}
}

func TestNormalizePhone(t *testing.T) {
	for in, want := range map[string]string{
		"+86 138-0000-1688": "13800001688", "(0086) 138 0000 1688": "13800001688", "８６１３８００００１６８８": "13800001688",
		"138 0000 1688": "13800001688", "13800001688": "13800001688", "138-0000-168x": "1380000168x",
	} {
		if got := normalizePhone(in); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}

// noSave is a backend that cannot add addresses.
type noSave struct{ common.Market }

func (n noSave) Backend() xport.Backend {
	b := n.Market.Backend()
	b.Name, b.NoAddressSave = "1688", true
	return b
}

// On a backend that cannot add an address, n is hidden and says where to
// add one, instead of a form whose save could only fail.
func TestNoNewAddressWhereTheBackendCannot(t *testing.T) {
	s := uitest.NewSession(t)
	s.C.Client = noSave{s.C.Client}
	ch := newChooser(s.C, 99, "300001")
	ch.SetSize(80, 21)
	uitest.Drain(t, update(ch), ch.Init())
	for _, b := range ch.ShortHelp() {
		if b.Help().Key == "n" {
			t.Fatal("n is offered")
		}
	}
	msgs := press(t, ch, "n")
	if pushed(msgs) != nil || !strings.Contains(status(msgs), "add it on 1688.com") {
		t.Fatalf("n: %v", msgs)
	}
	if !strings.Contains(ch.View(), "add new ones on 1688.com") {
		t.Fatalf("view:\n%s", ch.View())
	}
}
