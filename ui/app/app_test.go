package app

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"caigou/ui/cart"
	"caigou/ui/cartview"
	"caigou/ui/common"
	"caigou/ui/keys"
	"caigou/ui/orders"
	"caigou/ui/sanitize"
	"caigou/ui/search"
	"caigou/ui/uitest"
	"caigou/xport"
	"caigou/xport/xportcn"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// fakePage records what the root does to it.
type fakePage struct {
	c        *common.Common
	id       int
	title    string
	capture  bool
	w, h     int
	got      []tea.Msg
	closed   bool
	inits    int
	manyKeys bool
}

func newFake(c *common.Common, title string) *fakePage {
	return &fakePage{c: c, id: c.NextID(), title: title}
}

func (p *fakePage) ID() int       { return p.id }
func (p *fakePage) Init() tea.Cmd { p.inits++; return nil }
func (p *fakePage) Update(msg tea.Msg) (common.Page, tea.Cmd) {
	p.got = append(p.got, msg)
	return p, nil
}
func (p *fakePage) View() string {
	return strings.Repeat(strings.Repeat("x", p.w)+"\n", p.h-1) + strings.Repeat("y", p.w)
}
func (p *fakePage) SetSize(w, h int)    { p.w, p.h = w, h }
func (p *fakePage) Title() string       { return p.title }
func (p *fakePage) CapturesInput() bool { return p.capture }
func (p *fakePage) ShortHelp() []key.Binding {
	return p.c.Keys.Bindings(keys.Up, keys.Down, keys.Open)
}
func (p *fakePage) FullHelp() [][]key.Binding {
	return [][]key.Binding{p.c.Keys.Bindings(keys.Up, keys.Down, keys.PageUp, keys.PageDown, keys.Top, keys.Bottom, keys.Open)}
}
func (p *fakePage) Close() { p.closed = true }

// reply is an async reply for a page.
type reply struct {
	common.Reply
	n int
}

func newRoot(t *testing.T, w, h int) (*Model, *fakePage, uitest.Session) {
	t.Helper()
	s := uitest.NewSession(t)
	first := newFake(s.C, "Search")
	m := New(s.C, first)
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m, first, s
}

func send(m *Model) func(tea.Msg) tea.Cmd {
	return func(msg tea.Msg) tea.Cmd {
		_, cmd := m.Update(msg)
		return cmd
	}
}

func quits(t *testing.T, cmd tea.Cmd) bool {
	t.Helper()
	for _, msg := range uitest.Exec(t, cmd) {
		if _, ok := msg.(tea.QuitMsg); ok {
			return true
		}
	}
	return false
}

func checkFits(t *testing.T, m *Model, w, h int, what string) {
	t.Helper()
	lines := strings.Split(m.View(), "\n")
	if len(lines) != h {
		t.Errorf("%dx%d %s: %d lines, want %d", w, h, what, len(lines), h)
	}
	for i, l := range lines {
		if lw := sanitize.Width(l); lw > w {
			t.Errorf("%dx%d %s: line %d is %d cells: %q", w, h, what, i, lw, l)
		}
	}
}

func TestNothingBeforeTheFirstSize(t *testing.T) {
	s := uitest.NewSession(t)
	m := New(s.C, newFake(s.C, "Search"))
	if v := m.View(); v != "" {
		t.Fatalf("view before WindowSizeMsg = %q, want nothing", v)
	}
}

func TestTooSmall(t *testing.T) {
	for _, size := range [][2]int{{59, 24}, {80, 15}, {30, 8}, {10, 3}, {1, 1}} {
		w, h := size[0], size[1]
		m, _, _ := newRoot(t, w, h)
		v := m.View()
		lines := strings.Split(v, "\n")
		if len(lines) != h {
			t.Errorf("%dx%d: %d lines", w, h, len(lines))
		}
		for i, l := range lines {
			if sanitize.Width(l) > w {
				t.Errorf("%dx%d: line %d too wide: %q", w, h, i, l)
			}
		}
		flat := strings.Join(strings.Fields(v), " ")
		if w >= 30 && !strings.Contains(flat, "terminal too small: need at least 60x16, have") {
			t.Errorf("%dx%d: notice missing:\n%s", w, h, v)
		}
	}
	m, _, _ := newRoot(t, 59, 24)
	if !strings.Contains(strings.Join(strings.Fields(m.View()), " "), "have 59x24") {
		t.Error("the notice should give the current size")
	}
	// Growing back shows the desk.
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if strings.Contains(m.View(), "too small") {
		t.Error("the notice stayed after the terminal grew")
	}
}

// The full help lists every key of the page and the global ones, at any
// size down to 60x16, never cut with "…": what does not fit is scrolled
// to, and esc or ? closes it (issue 11).
func TestFullHelpListsEveryKey(t *testing.T) {
	for _, size := range [][2]int{{60, 16}, {80, 24}, {200, 50}} {
		w, h := size[0], size[1]
		s := uitest.NewSession(t)
		m := New(s.C, search.New(s.C))
		m.Update(tea.WindowSizeMsg{Width: w, Height: h})
		m.Update(uitest.Key("?"))
		seen := ""
		for i := 0; i < 40; i++ {
			checkFits(t, m, w, h, "full help")
			v := m.View()
			if strings.Contains(v, "...") {
				t.Fatalf("%dx%d: the help is cut:\n%s", w, h, v)
			}
			seen += strings.Join(strings.Fields(v), " ") + " "
			m.Update(uitest.Key("down"))
		}
		for _, g := range m.helpGroups() {
			for _, b := range g {
				if b.Enabled() && (!strings.Contains(seen, b.Help().Key) || !strings.Contains(seen, strings.Fields(b.Help().Desc)[0])) {
					t.Errorf("%dx%d: the help never shows %q %q", w, h, b.Help().Key, b.Help().Desc)
				}
			}
		}
		m.Update(uitest.Key("esc"))
		if m.full || strings.Contains(m.View(), "Keys of") {
			t.Errorf("%dx%d: esc did not close the help", w, h)
		}
	}
}

func TestLayoutFitsAndSizesPages(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}, {200, 50}, {60, 16}} {
		w, h := size[0], size[1]
		m, first, s := newRoot(t, w, h)
		checkFits(t, m, w, h, "fake page")
		if first.w != w || first.h != h-3 {
			t.Errorf("%dx%d: page got %dx%d, want %dx%d (header 1, help 1, status 1)", w, h, first.w, first.h, w, h-3)
		}
		m.Update(uitest.Key("?"))
		checkFits(t, m, w, h, "full help")
		if !strings.Contains(m.View(), "Keys of Search") {
			t.Errorf("%dx%d: the full help does not take the page's area:\n%s", w, h, m.View())
		}
		m.Update(uitest.Key("?"))
		if first.h != h-3 {
			t.Errorf("%dx%d: closing help did not give the space back", w, h)
		}
		m.Update(common.ErrorMsg{What: "Searching “连衣裙”", Err: errors.New(strings.Repeat("a long failure ", 30))})
		checkFits(t, m, w, h, "long error")

		// The real pages at each size.
		sp := search.New(s.C)
		r := New(s.C, sp)
		r.Update(tea.WindowSizeMsg{Width: w, Height: h})
		checkFits(t, r, w, h, "search page")
		r.Update(uitest.Key("esc"))
		r.Update(uitest.Key("?"))
		checkFits(t, r, w, h, "search page, full help")
		s.C.Cart.Add(cart.Line{OfferID: "1", Title: strings.Repeat("很长的商品名", 20), SKUDesc: "红色 / M", Quantity: 1200, UnitPrice: 123456, SellerName: "义乌市某某服饰有限公司"})
		r.Update(uitest.Key("c"))
		checkFits(t, r, w, h, "cart page")
	}
}

func TestHeader(t *testing.T) {
	m, _, s := newRoot(t, 80, 24)
	head := strings.Split(m.View(), "\n")[0]
	for _, want := range []string{"caigou 采购", "[SANDBOX]", "Search", "cart 0 lines ¥0.00"} {
		if !strings.Contains(head, want) {
			t.Errorf("header %q lacks %q", head, want)
		}
	}
	s.C.Cart.Add(cart.Line{OfferID: "1", Quantity: 3, UnitPrice: 41100})
	s.C.Cart.Add(cart.Line{OfferID: "2", Quantity: 1, UnitPrice: 100})
	s.C.Sandbox = false
	m.Update(common.PushMsg{Page: newFake(s.C, "Product")})
	head = strings.Split(m.View(), "\n")[0]
	for _, want := range []string{"LIVE " + s.C.UserID, "Search › Product", "cart 2 lines ¥1,234.00"} {
		if !strings.Contains(head, want) {
			t.Errorf("header %q lacks %q", head, want)
		}
	}
	if strings.Contains(head, "SANDBOX") {
		t.Error("a live session must not say sandbox")
	}
	// A deep stack keeps the newest titles.
	for i := 0; i < 8; i++ {
		m.Update(common.PushMsg{Page: newFake(s.C, "Deeper page title")})
	}
	m.Update(common.PushMsg{Page: newFake(s.C, "Last")})
	head = strings.Split(m.View(), "\n")[0]
	if !strings.Contains(head, "Last") || sanitize.Width(head) > 80 {
		t.Errorf("deep breadcrumb %q", head)
	}
}

// TestHeaderSaysInsecureHTTP: with allow_insecure_http on a live account
// every screen's header says so; a live https account and the sandbox
// do not.
func TestHeaderSaysInsecureHTTP(t *testing.T) {
	s := uitest.NewSession(t)
	s.C.Sandbox = false
	for _, tc := range []struct {
		url   string
		allow bool
		want  bool
	}{{"http://xport.example.com/api", true, true}, {"https://www.xportcn.com/api", false, false}} {
		cl, err := xportcn.New(xportcn.Config{BaseURL: tc.url, AllowInsecureHTTP: tc.allow, AccessKey: "k", AccessSecret: "s", UserID: "u"})
		if err != nil {
			t.Fatal(err)
		}
		s.C.Client = cl
		m := New(s.C, newFake(s.C, "Search"))
		m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		head := strings.Split(m.View(), "\n")[0]
		if strings.Contains(head, "INSECURE HTTP") != tc.want {
			t.Errorf("%s: header %q", tc.url, head)
		}
	}
}

func TestQuitKeys(t *testing.T) {
	// q typed while a page takes text goes to the page.
	m, first, _ := newRoot(t, 80, 24)
	first.capture = true
	cmd := send(m)(uitest.Key("q"))
	if quits(t, cmd) {
		t.Fatal("q quit while the page was taking text")
	}
	if len(first.got) != 1 {
		t.Fatal("q should have gone to the page")
	}
	// ctrl+c always quits.
	if !quits(t, send(m)(uitest.Key("ctrl+c"))) {
		t.Fatal("ctrl+c did not quit")
	}
	if !first.closed {
		t.Fatal("quitting should close the pages")
	}
	// q quits from a deeper page when nothing takes text.
	m, _, s := newRoot(t, 80, 24)
	m.Update(common.PushMsg{Page: newFake(s.C, "Product")})
	if !quits(t, send(m)(uitest.Key("q"))) {
		t.Fatal("q did not quit")
	}
}

func TestQIntoTheSearchInput(t *testing.T) {
	s := uitest.NewSession(t)
	sp := search.New(s.C)
	m := New(s.C, sp)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	send(m)(uitest.Key("/"))
	if quits(t, send(m)(uitest.Key("q"))) {
		t.Fatal("q in the focused search input quit the desk")
	}
	if !strings.Contains(m.View(), "Search: q") {
		t.Fatalf("q should be in the input:\n%s", m.View())
	}
	send(m)(uitest.Key("esc"))
	if !quits(t, send(m)(uitest.Key("q"))) {
		t.Fatal("q after leaving the input should quit")
	}
}

func TestBackAndStack(t *testing.T) {
	m, first, s := newRoot(t, 80, 24)
	send(m)(uitest.Key("esc"))
	if len(m.stack) != 1 {
		t.Fatal("esc popped the last page")
	}
	if len(first.got) != 1 {
		t.Fatal("esc on the last page should reach it")
	}
	second := newFake(s.C, "Product")
	uitest.Run(t, send(m), common.PushMsg{Page: second})
	if second.inits != 1 || second.w != 80 || second.h != 21 {
		t.Fatalf("pushed page: init %d, size %dx%d", second.inits, second.w, second.h)
	}
	send(m)(uitest.Key("esc"))
	if len(m.stack) != 1 || !second.closed {
		t.Fatal("esc should pop and close the top page")
	}
	uitest.Run(t, send(m), common.PopMsg{})
	if len(m.stack) != 1 || first.closed {
		t.Fatal("a pop must never remove the last page")
	}
}

func TestAddressedRepliesFindTheirPage(t *testing.T) {
	m, first, s := newRoot(t, 80, 24)
	second := newFake(s.C, "Product")
	m.Update(common.PushMsg{Page: second})
	m.Update(reply{Reply: common.Reply{Page: first.id, Seq: 1}, n: 7})
	if len(first.got) != 1 || len(second.got) != 0 {
		t.Fatalf("a reply for the bottom page went astray: first %d, second %d", len(first.got), len(second.got))
	}
	m.Update(uitest.Key("esc"))
	m.Update(reply{Reply: common.Reply{Page: second.id, Seq: 1}})
	if len(first.got) != 1 {
		t.Fatal("a reply for a closed page should be dropped")
	}
	// Anything else goes to the top page.
	type other struct{}
	m.Update(other{})
	if len(first.got) != 2 {
		t.Fatal("other messages go to the top page")
	}
}

func TestGlobalKeys(t *testing.T) {
	m, first, s := newRoot(t, 80, 24)
	m.Update(common.PushMsg{Page: newFake(s.C, "Product")})
	m.Update(common.PushMsg{Page: newFake(s.C, "Supplier")})
	send(m)(uitest.Key("/"))
	if len(m.stack) != 1 {
		t.Fatalf("/ should return to the search page, stack %d", len(m.stack))
	}
	if k, ok := first.got[len(first.got)-1].(tea.KeyMsg); !ok || k.String() != "/" {
		t.Fatal("the search page should get / to focus its input")
	}
	send(m)(uitest.Key("c"))
	if _, ok := m.top().(*cartview.Model); !ok {
		t.Fatal("c should open the cart")
	}
	send(m)(uitest.Key("c"))
	if len(m.stack) != 2 {
		t.Fatal("c on the cart should not open a second cart")
	}
	send(m)(uitest.Key("esc"))
	// No refresh timer: the runner would wait for its tick.
	s.C.Config.OrdersRefresh = 0
	msgs := uitest.Run(t, send(m), uitest.Key("o"))
	if _, ok := m.top().(*orders.Model); !ok || len(m.stack) != 2 {
		t.Fatalf("o should open the orders list, top is %T", m.top())
	}
	for _, msg := range msgs {
		if e, ok := msg.(common.ErrorMsg); ok {
			t.Fatalf("opening the orders: %v", e.Err)
		}
	}
	send(m)(uitest.Key("o"))
	if len(m.stack) != 2 {
		t.Fatal("o on the orders list should not open a second one")
	}
	// c from a page above the orders, with a cart below them, goes back
	// to that cart: one esc from the search page, not six.
	send(m)(uitest.Key("esc"))
	send(m)(uitest.Key("c"))
	send(m)(uitest.Key("o"))
	m.Update(common.PushMsg{Page: newFake(s.C, "Order")})
	above := m.top().(*fakePage)
	send(m)(uitest.Key("c"))
	if _, ok := m.top().(*cartview.Model); !ok || len(m.stack) != 2 || !above.closed {
		t.Fatalf("c went to %T with %d pages; the page above closed: %v", m.top(), len(m.stack), above.closed)
	}
}

// While the terminal is too small nothing shows what a key acts on: keys
// wait, but ctrl+c still quits.
func TestKeysWaitWhileTooSmall(t *testing.T) {
	m, first, s := newRoot(t, 40, 10)
	m.Update(common.PushMsg{Page: newFake(s.C, "Checkout")})
	top := m.top().(*fakePage)
	before := len(top.got)
	for _, k := range []string{"enter", "y", "q", "esc", "c"} {
		if cmd := send(m)(uitest.Key(k)); cmd != nil && quits(t, cmd) {
			t.Fatalf("%s quit while too small", k)
		}
	}
	if len(top.got) != before || len(m.stack) != 2 || len(first.got) != 0 {
		t.Fatalf("keys reached the pages while too small: %v, stack %d", top.got[before:], len(m.stack))
	}
	if !quits(t, send(m)(tea.KeyMsg{Type: tea.KeyCtrlC})) {
		t.Error("ctrl+c must still quit")
	}
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	send(m)(uitest.Key("enter"))
	if len(top.got) == before {
		t.Error("keys do not reach the page once the terminal grew")
	}
}

// resumer is a page that wants to hear when it is on top again.
type resumer struct {
	*fakePage
	resumed int
}

func (r *resumer) Resume() tea.Cmd {
	r.resumed++
	return func() tea.Msg { return nil }
}

func TestPopResumesThePageBelow(t *testing.T) {
	m, _, s := newRoot(t, 80, 24)
	r := &resumer{fakePage: newFake(s.C, "Orders")}
	m.Update(common.PushMsg{Page: r})
	m.Update(common.PushMsg{Page: newFake(s.C, "Order")})
	if _, cmd := m.Update(uitest.Key("esc")); cmd == nil || r.resumed != 1 {
		t.Fatalf("esc: resumed %d times, cmd %v", r.resumed, cmd != nil)
	}
	m.Update(common.PushMsg{Page: newFake(s.C, "Pay")})
	if _, cmd := m.Update(common.PopMsg{}); cmd == nil || r.resumed != 2 {
		t.Fatalf("PopMsg: resumed %d times", r.resumed)
	}
	// Popping the resumer itself resumes nothing.
	m.Update(uitest.Key("esc"))
	if r.resumed != 2 || !r.closed {
		t.Fatalf("resumed %d, closed %v", r.resumed, r.closed)
	}
}

func TestErrorsAreShownLoggedAndCleared(t *testing.T) {
	m, _, s := newRoot(t, 80, 24)
	var log bytes.Buffer
	s.C.Log = slog.New(slog.NewTextHandler(&log, nil))
	err := &xport.APIError{Endpoint: xport.EpKeywordSearch, HTTPStatus: 429, Code: "429", Msg: "too fast\x1b[2J", RequestID: "sbx42"}
	m.Update(common.ErrorMsg{What: "Searching “连衣裙”", Err: err})
	v := strings.Join(strings.Fields(m.View()), " ")
	for _, want := range []string{"Searching “连衣裙” failed:", "too fast", "Too many requests", "request sbx42"} {
		if !strings.Contains(v, want) {
			t.Errorf("status lacks %q:\n%s", want, m.View())
		}
	}
	if strings.Contains(m.View(), "\x1b[2J") {
		t.Error("API text reached the screen unsanitised")
	}
	if !strings.Contains(log.String(), "request_id=sbx42") {
		t.Errorf("log lacks the request id: %s", log.String())
	}
	// It stays through other messages...
	m.Update(struct{}{})
	if !strings.Contains(m.View(), "failed") {
		t.Error("the error went away by itself")
	}
	// ...until a key press.
	m.Update(uitest.Key("j"))
	if strings.Contains(m.View(), "failed") {
		t.Error("a key press should clear the error")
	}
	// Or the next status.
	m.Update(common.ErrorMsg{What: "Loading", Err: errors.New("boom")})
	m.Update(common.StatusMsg{Text: "Added to cart", Level: common.OK})
	if v := m.View(); strings.Contains(v, "boom") || !strings.Contains(v, "Added to cart") {
		t.Errorf("a status should replace the error:\n%s", v)
	}
}

// Every screen of the search page, with real results, fits at the sizes
// agents use.
func TestSearchScreensFit(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}, {200, 50}} {
		w, h := size[0], size[1]
		s := uitest.NewSession(t)
		m := New(s.C, search.New(s.C))
		up := send(m)
		m.Update(tea.WindowSizeMsg{Width: w, Height: h})
		if s.C.Width != w || s.C.Height != h-3 {
			t.Errorf("Common has %dx%d, want the page area %dx%d", s.C.Width, s.C.Height, w, h-3)
		}
		uitest.Run(t, up, uitest.Key("/"))
		uitest.Run(t, up, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("连衣裙")})
		msgs := uitest.Run(t, up, uitest.Key("enter"))
		for _, msg := range msgs {
			if e, ok := msg.(common.ErrorMsg); ok {
				t.Fatalf("search failed: %v", e.Err)
			}
		}
		checkFits(t, m, w, h, "results")
		for _, k := range []string{"G", "t", "?"} {
			uitest.Run(t, up, uitest.Key(k))
			checkFits(t, m, w, h, "after "+k)
		}
		uitest.Run(t, up, uitest.Key("?"))
		uitest.Run(t, up, uitest.Key("f"))
		checkFits(t, m, w, h, "filters")
		uitest.Run(t, up, uitest.Key("esc"))
		uitest.Run(t, up, uitest.Key("b"))
		checkFits(t, m, w, h, "categories")
		uitest.Run(t, up, uitest.Key("esc"))
		uitest.Run(t, up, uitest.Key("i"))
		checkFits(t, m, w, h, "image prompt")
		uitest.Run(t, up, uitest.Key("esc"))
		uitest.Run(t, up, uitest.Key("enter"))
		checkFits(t, m, w, h, "product page")
		if len(m.stack) != 2 {
			t.Fatalf("enter on a result should open the product page, stack %d", len(m.stack))
		}
	}
}

// A page under the top one keeps getting its replies (and spinner frames):
// a search that finishes while a product is open is there on return.
func TestRepliesReachAPageUnderTheTop(t *testing.T) {
	s := uitest.NewSession(t)
	sp := search.New(s.C)
	m := New(s.C, sp)
	up := send(m)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.Update(uitest.Key("/"))
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("phone case")})
	_, cmd := m.Update(uitest.Key("enter"))
	m.Update(common.PushMsg{Page: newFake(s.C, "Product")})
	uitest.Drain(t, up, cmd)
	m.Update(uitest.Key("esc"))
	if _, ok := sp.Selected(); !ok {
		t.Fatalf("the results did not arrive while another page was on top:\n%s", m.View())
	}
}

// With [ui] mouse, the wheel moves the list as the arrow keys do.
func TestWheelMovesLikeArrows(t *testing.T) {
	m, first, _ := newRoot(t, 80, 24)
	m.Update(tea.MouseMsg{Action: tea.MouseActionPress, Button: tea.MouseButtonWheelDown})
	m.Update(tea.MouseMsg{Action: tea.MouseActionPress, Button: tea.MouseButtonWheelUp})
	m.Update(tea.MouseMsg{Action: tea.MouseActionMotion, Button: tea.MouseButtonNone})
	var got []string
	for _, msg := range first.got {
		if k, ok := msg.(tea.KeyMsg); ok {
			got = append(got, k.String())
		}
	}
	if strings.Join(got, " ") != "down up" {
		t.Errorf("the page got %v", got)
	}
}

// A click reaches the page as a line of its own area: the header's lines
// are taken off (issue 11).
func TestClickReachesThePageRow(t *testing.T) {
	s := uitest.NewSession(t)
	sp := search.New(s.C)
	m := New(s.C, sp)
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	uitest.Run(t, send(m), uitest.Key("/"))
	uitest.Run(t, send(m), tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("连衣裙")})
	uitest.Run(t, send(m), uitest.Key("enter"))
	lines := strings.Split(m.View(), "\n")
	target := -1
	for i, l := range lines {
		if i > 4 && strings.Contains(l, "¥") {
			target = i
			break
		}
	}
	if target < 0 {
		t.Fatalf("no result rows:\n%s", m.View())
	}
	m.Update(tea.MouseMsg{Action: tea.MouseActionPress, Button: tea.MouseButtonLeft, Y: target})
	if l := strings.Split(m.View(), "\n")[target]; !strings.HasPrefix(l, ">") && !strings.Contains(l, "▶") {
		t.Errorf("line %d clicked is not the selected one: %q", target, l)
	}
}

// Over a slow link keys typed quickly arrive in one read, which Bubble Tea
// hands over as one message: "/连衣裙" from the orders list must still go
// back to the search, focus its box and type the word there.
func TestKeysTypedAheadActOneByOne(t *testing.T) {
	s := uitest.NewSession(t)
	s.C.Config.OrdersRefresh = 0
	sp := search.New(s.C)
	m := New(s.C, sp)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	uitest.Run(t, send(m), uitest.Key("o"))
	if _, ok := m.top().(*orders.Model); !ok {
		t.Fatalf("o should open the orders, top is %T", m.top())
	}
	send(m)(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("/连衣裙")})
	if len(m.stack) != 1 || !strings.Contains(m.View(), "Search: 连衣裙") {
		t.Fatalf("/连衣裙 in one read: stack %d\n%s", len(m.stack), m.View())
	}
	// A paste is text for whatever has focus, never keys.
	send(m)(uitest.Key("esc"))
	m2, first, _ := newRoot(t, 80, 24)
	send(m2)(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("co"), Paste: true})
	if len(m2.stack) != 1 || len(first.got) != 1 {
		t.Fatalf("a paste acted as keys: stack %d, page got %v", len(m2.stack), first.got)
	}
	// Keys after q act on nothing.
	m3, first3, _ := newRoot(t, 80, 24)
	if !quits(t, send(m3)(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("qc")})) || len(m3.stack) != 1 || len(first3.got) != 0 {
		t.Fatalf("qc: stack %d, page got %v", len(m3.stack), first3.got)
	}
}

// Keys typed right after launch reach the desk before it set the terminal
// up, and the terminal turned their Enter into a line feed (ctrl+j): it
// is still the Enter the agent pressed, and the search runs.
func TestEnterTypedBeforeStartIsEnter(t *testing.T) {
	s := uitest.NewSession(t)
	sp := search.New(s.C)
	m := New(s.C, sp)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	send(m)(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("/连衣裙")})
	msgs := uitest.Exec(t, send(m)(tea.KeyMsg{Type: tea.KeyCtrlJ}))
	for _, msg := range msgs {
		send(m)(msg)
	}
	if v := m.View(); !strings.Contains(v, "“连衣裙”") || strings.Contains(v, "press enter") {
		t.Fatalf("the search did not run:\n%s", v)
	}
}

// otherBackend is a marketplace that calls itself another name.
type otherBackend struct {
	common.Market
	name string
}

func (o otherBackend) Backend() xport.Backend {
	b := o.Market.Backend()
	b.Name = o.name
	return b
}

// The header names a backend other than Xportcn, in the sandbox and live.
func TestHeaderNamesTheBackend(t *testing.T) {
	s := uitest.NewSession(t)
	s.C.Client = otherBackend{Market: s.C.Client, name: "1688"}
	m := New(s.C, newFake(s.C, "Search"))
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 24})
	if head := strings.Split(m.View(), "\n")[0]; !strings.Contains(head, "[SANDBOX 1688]") {
		t.Errorf("sandbox header %q", head)
	}
	s.C.Sandbox = false
	m = New(s.C, newFake(s.C, "Search"))
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 24})
	if head := strings.Split(m.View(), "\n")[0]; !strings.Contains(head, "1688 LIVE "+s.C.UserID) {
		t.Errorf("live header %q", head)
	}
}
