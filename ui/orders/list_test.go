package orders

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"caigou/ui/common"
	"caigou/ui/link"
	"caigou/ui/uitest"
	"caigou/xport"

	tea "github.com/charmbracelet/bubbletea"
)

func TestTabsFilterByStatus(t *testing.T) {
	e := newEnv(t)
	ids := e.place(t, 4)
	e.pay(t, ids[0], ids[1])
	e.clock.Advance(3 * time.Hour) // ids[0] and ids[1] ship
	e.pay(t, ids[2])               // ids[2] waits for the seller
	m, _ := e.open(t, 120, 40)

	// Newest first, as 1688 lists them.
	if got, want := m.rowIDs(), []string{ids[3], ids[2], ids[1], ids[0]}; !slices.Equal(got, want) {
		t.Fatalf("all: %v, want %v", got, want)
	}
	v := m.View()
	for _, want := range []string{"[全部 all]", ids[3], "待付款 awaiting payment", "待发货 awaiting shipment", "已发货 shipped", "end of list"} {
		if !strings.Contains(v, want) {
			t.Errorf("the list lacks %q:\n%s", want, v)
		}
	}
	steps := []struct {
		key  string
		tab  string
		want []string
	}{
		{"right", "waitbuyerpay", []string{ids[3]}},
		{"tab", "waitsellersend", []string{ids[2]}},
		{"l", "waitbuyerreceive", []string{ids[1], ids[0]}},
		{"tab", "success", nil},
		{"tab", "cancel", nil},
		{"tab", "", []string{ids[3], ids[2], ids[1], ids[0]}},
		{"shift+tab", "cancel", nil},
		{"left", "success", nil},
		{"h", "waitbuyerreceive", []string{ids[1], ids[0]}},
	}
	for _, s := range steps {
		msgs := press(t, m, s.key)
		if errs := errorsIn(msgs); len(errs) > 0 {
			t.Fatalf("%s: %v", s.key, errs[0].Err)
		}
		if m.q.status != s.tab || !slices.Equal(m.rowIDs(), s.want) {
			t.Fatalf("after %s: tab %q rows %v, want %q %v", s.key, m.q.status, m.rowIDs(), s.tab, s.want)
		}
		for _, r := range m.t.rows {
			if s.tab != "" && r.status != s.tab {
				t.Errorf("tab %q lists an order in %q", s.tab, r.status)
			}
		}
	}
	if !strings.Contains(m.View(), "[已发货 shipped]") {
		t.Errorf("the current tab is not shown in brackets:\n%s", m.View())
	}
	press(t, m, "tab")
	if v := m.View(); !strings.Contains(v, "No orders completed.") {
		t.Errorf("an empty tab should say so:\n%s", v)
	}
}

func TestRowShowsIDSupplierTimeStatusTotalItems(t *testing.T) {
	e := newEnv(t)
	ids := e.place(t, 1)
	o, err := e.c.Client.OrderDetail(context.Background(), ids[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range [][2]int{{80, 24}, {120, 40}, {200, 50}} {
		m, _ := e.open(t, size[0], size[1])
		v := m.View()
		total := e.c.MoneyShort(o.BaseInfo.TotalAmount.Fen())
		created := o.BaseInfo.CreateTime.In(xport.ChinaTime())
		for _, want := range []string{ids[0], total, created.Format("01-02 15:04"), "待付款"} {
			if !strings.Contains(v, want) {
				t.Errorf("%dx%d: the row lacks %q:\n%s", size[0], size[1], want, v)
			}
		}
		if size[0] >= 120 && !strings.Contains(v, created.Format("2006-01-02 15:04")) {
			t.Errorf("%dx%d: no full date", size[0], size[1])
		}
		if size[0] >= 200 && !strings.Contains(v, string(o.BaseInfo.SellerContact.CompanyName)) {
			t.Errorf("%dx%d: the supplier is not named in full:\n%s", size[0], size[1], v)
		}
	}
}

func TestRefreshAnnouncesStatusChanges(t *testing.T) {
	e := newEnv(t)
	ids := e.place(t, 3)
	m, _ := e.open(t, 120, 40)

	// Pay the newest from the page: the link panel opens for it.
	if m.t.selected().id != ids[2] {
		t.Fatalf("cursor on %s", m.t.selected().id)
	}
	msgs := press(t, m, "P")
	pushed := pushesIn(msgs)
	if len(pushed) != 1 {
		t.Fatalf("pay pushed %d pages; messages %v", len(pushed), msgs)
	}
	lp, ok := pushed[0].(*link.Model)
	if !ok || !strings.HasPrefix(lp.Title(), "Pay 1 order · ¥") || !strings.Contains(lp.URL(), ids[2]) {
		t.Fatalf("pushed %T %q %q", pushed[0], pushed[0].Title(), lp.URL())
	}
	// The page refreshed after paying and says what became of the order.
	if !anyContains(statusesIn(msgs), "Order "+shortID(ids[2])+" is now 待发货 awaiting shipment") {
		t.Errorf("no announcement after paying: %q", statusesIn(msgs))
	}

	// Two hours on the seller ships.
	e.clock.Advance(2*time.Hour + time.Minute)
	msgs = press(t, m, "r")
	want := "Order " + shortID(ids[2]) + " is now 已发货 shipped"
	if got := statusesIn(msgs); !slices.Contains(got, want) {
		t.Fatalf("statuses %q, want %q", got, want)
	}
	if r := m.t.rows[m.t.find(ids[2])]; r.status != "waitbuyerreceive" || !strings.Contains(m.View(), "已发货 shipped") {
		t.Errorf("the row still shows %q", r.status)
	}
	// Nothing changed since: nothing is said.
	if got := statusesIn(press(t, m, "ctrl+r")); len(got) != 0 {
		t.Errorf("a refresh without changes said %q", got)
	}
	// "9000…123": the message names the order short, the row in full.
	if !strings.HasPrefix(shortID(ids[2]), ids[2][:4]+"…") {
		t.Errorf("shortID %q", shortID(ids[2]))
	}
}

func TestOrderThatLeavesTheTabIsAnnounced(t *testing.T) {
	e := newEnv(t)
	ids := e.place(t, 2)
	e.pay(t, ids[0])
	m, _ := e.open(t, 120, 40)
	press(t, m, "right")
	press(t, m, "right") // awaiting shipment
	if !slices.Equal(m.rowIDs(), []string{ids[0]}) {
		t.Fatalf("awaiting shipment: %v", m.rowIDs())
	}
	e.clock.Advance(3 * time.Hour)
	msgs := press(t, m, "r")
	if len(m.t.rows) != 0 {
		t.Fatalf("the shipped order is still listed: %v", m.rowIDs())
	}
	if want := "Order " + shortID(ids[0]) + " is now 已发货 shipped"; !slices.Contains(statusesIn(msgs), want) {
		t.Errorf("statuses %q, want %q", statusesIn(msgs), want)
	}
}

func TestTimerRefreshesOnlyWhileCurrent(t *testing.T) {
	e := newEnv(t)
	ids := e.place(t, 1)
	e.c.Config.OrdersRefresh = 30 * time.Second
	m, tk := e.open(t, 80, 24)
	if len(tk.msgs) != 1 {
		t.Fatalf("%d timers started on open", len(tk.msgs))
	}
	first := tk.last()
	if first.page != m.ID() {
		t.Fatalf("tick for page %d, page is %d", first.page, m.ID())
	}
	e.pay(t, ids[0])
	msgs := uitest.Run(t, updater(m), first)
	if !anyContains(statusesIn(msgs), "is now 待发货 awaiting shipment") {
		t.Errorf("a tick should refresh and announce: %q", statusesIn(msgs))
	}
	if len(tk.msgs) != 2 || tk.last().gen == first.gen {
		t.Fatalf("the timer did not go on: %+v", tk.msgs)
	}
	// A tick of an older timer, or for another page, does nothing.
	for _, old := range []refreshTick{first, {page: m.ID() + 1, gen: tk.last().gen}} {
		if _, cmd := m.Update(old); cmd != nil {
			t.Errorf("tick %+v was acted on", old)
		}
	}
	// Back on top after another page: a refresh at once and a new timer.
	cmd := m.Resume()
	if cmd == nil || len(tk.msgs) != 3 {
		t.Fatalf("resume: cmd %v, %d timers", cmd != nil, len(tk.msgs))
	}
	uitest.Drain(t, updater(m), cmd)
	// Closed: the timer stops.
	last := tk.last()
	m.Close()
	if _, cmd := m.Update(last); cmd != nil {
		t.Error("a closed page went on ticking")
	}
	if m.startTimer() != nil {
		t.Error("a closed page started a timer")
	}
}

func TestStaleRepliesAreDropped(t *testing.T) {
	e := newEnv(t)
	ids := e.place(t, 2)
	e.pay(t, ids[0])
	m := newModel(e.c)
	m.after = (&ticks{}).after
	m.SetSize(120, 40)
	defer m.Close()
	first := m.run()
	// The agent moves to "awaiting payment" before the first page arrives.
	second := m.switchTab(1)
	old := uitest.Exec(t, first)
	cur := uitest.Exec(t, second)
	for _, msg := range cur {
		m.Update(msg)
	}
	for _, msg := range old {
		if _, cmd := m.Update(msg); cmd != nil {
			t.Error("a stale reply started something")
		}
	}
	if !slices.Equal(m.rowIDs(), []string{ids[1]}) {
		t.Fatalf("rows %v: the old tab's page replaced the new one", m.rowIDs())
	}
	// A refresh overtaken by a tab switch is dropped too.
	ref := m.refresh(false)
	sw := m.switchTab(1)
	late := uitest.Exec(t, ref)
	uitest.Drain(t, updater(m), sw)
	for _, msg := range late {
		m.Update(msg)
	}
	if m.q.status != "waitsellersend" || !slices.Equal(m.rowIDs(), []string{ids[0]}) {
		t.Fatalf("tab %q rows %v", m.q.status, m.rowIDs())
	}
	// A reply for a closed page changes nothing.
	ref = m.refresh(false)
	late = uitest.Exec(t, ref)
	m.Close()
	for _, msg := range late {
		m.Update(msg)
	}
}

func TestPagingFetchesAsTheCursorNearsTheEnd(t *testing.T) {
	e := newEnv(t)
	e.c.Config.PageSize = 5
	ids := e.place(t, 23)
	m, _ := e.open(t, 80, 12) // 8 rows in view
	if m.total != 23 {
		t.Fatalf("total %d", m.total)
	}
	for i := 0; i < 40 && m.hasMore(); i++ {
		press(t, m, "pgdown")
	}
	if len(m.t.rows) != 23 || m.hasMore() {
		t.Fatalf("%d rows loaded of 23", len(m.t.rows))
	}
	slices.Reverse(ids)
	if !slices.Equal(m.rowIDs(), ids) {
		t.Fatalf("rows out of order or repeated: %v", m.rowIDs())
	}
	// A refresh reloads all of them in one request and keeps the cursor.
	press(t, m, "G")
	at := m.t.selected().id
	press(t, m, "r")
	if len(m.t.rows) != 23 || m.t.selected().id != at {
		t.Fatalf("after refresh: %d rows, cursor on %s (was %s)", len(m.t.rows), m.t.selected().id, at)
	}
	if !strings.Contains(m.View(), "23 of 23 orders") {
		t.Errorf("count line:\n%s", m.View())
	}
}

func TestFindPastedIDs(t *testing.T) {
	e := newEnv(t)
	ids := e.place(t, 4)
	m, _ := e.open(t, 120, 40)
	missing := "9000009999999999999"
	press(t, m, "F")
	if !m.CapturesInput() {
		t.Fatal("F should open the id input")
	}
	paste := ids[0] + "\n" + "abc, " + ids[2] + "; 12\n" + ids[0] + " " + missing
	uitest.Run(t, updater(m), tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(paste), Paste: true})
	msgs := press(t, m, "enter")
	st := statusesIn(msgs)
	if !anyContains(st, "ignored 2 entries that are not order ids: abc, 12") || !anyContains(st, "1 repeated id counted once") {
		t.Errorf("statuses %q", st)
	}
	if !anyContains(st, "Found 2 of 3 orders; not found: "+missing) {
		t.Errorf("the missing id is not named: %q", st)
	}
	if m.CapturesInput() || !slices.Equal(m.rowIDs(), []string{ids[2], ids[0]}) {
		t.Fatalf("rows %v", m.rowIDs())
	}
	if m.Title() != "Orders: 3 ids" || !m.ClaimsBack() {
		t.Errorf("title %q", m.Title())
	}
	if v := m.View(); !strings.Contains(v, "not found: "+missing) {
		t.Errorf("the info line should name the missing id:\n%s", v)
	}
	// Tabs filter within the ids.
	press(t, m, "right")
	if m.q.status != "waitbuyerpay" || len(m.q.ids) != 3 || len(m.t.rows) != 2 {
		t.Fatalf("tab within ids: %q %v %v", m.q.status, m.q.ids, m.rowIDs())
	}
	// esc goes back to every order.
	press(t, m, "esc")
	if m.q.ids != nil || len(m.t.rows) != 4 || m.ClaimsBack() {
		t.Fatalf("esc: ids %v rows %v", m.q.ids, m.rowIDs())
	}
}

func TestBadPasteChangesNothing(t *testing.T) {
	e := newEnv(t)
	e.place(t, 2)
	m, _ := e.open(t, 80, 24)
	before := m.rowIDs()
	q := m.q
	// Each paste without an id is refused with what is wrong and what to
	// do, and the list stays as it was. How a paste is read is
	// TestParseOrderIDs's table.
	for _, paste := range []string{
		"abc 12 hello",
		"订单号:" + before[0] + " #" + before[1],
		strings.Repeat("x", 10000),
		strings.Repeat("订单号，", 2500),
		strings.Repeat("1", 10000),
		"\x1b]52;c;aGk=\a\x1b[2J",
		"",
	} {
		press(t, m, "F")
		uitest.Run(t, updater(m), tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(paste), Paste: true})
		checkFits(t, "typing", m.View(), 80, 24)
		msgs := press(t, m, "enter")
		if !m.CapturesInput() {
			t.Errorf("%.20q: the input closed on a paste without ids", paste)
		}
		if !anyContains(statusesIn(msgs), "No order ids there") || !anyContains(statusesIn(msgs), "Paste only the ids") {
			t.Errorf("%.20q: statuses %q", paste, statusesIn(msgs))
		}
		for _, s := range statusesIn(msgs) {
			if len(s) > 400 || strings.ContainsRune(s, '\x1b') {
				t.Errorf("status %.60q", s)
			}
		}
		press(t, m, "esc")
		if m.CapturesInput() || m.q.id != q.id || !slices.Equal(m.rowIDs(), before) {
			t.Fatalf("%.20q changed the list", paste)
		}
	}
	// 10,000 characters with ids in them search the first 100.
	var b strings.Builder
	for i := 0; b.Len() < 10000; i++ {
		b.WriteString("900000" + strings.Repeat("1", 9) + itoa(1000+i) + ",")
	}
	press(t, m, "F")
	uitest.Run(t, updater(m), tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(b.String()), Paste: true})
	msgs := press(t, m, "enter")
	if len(m.q.ids) != maxSearchIDs || !anyContains(statusesIn(msgs), "searched the first 100 ids") {
		t.Errorf("%d ids searched; %q", len(m.q.ids), statusesIn(msgs))
	}
	checkFits(t, "list", m.View(), 80, 24)
}

func TestMarkAndPayAtMostTen(t *testing.T) {
	e := newEnv(t)
	ids := e.place(t, 12)
	e.pay(t, ids[0]) // the oldest is paid: it cannot be marked
	m, _ := e.open(t, 120, 40)
	var last []tea.Msg
	for range 11 {
		last = press(t, m, " ")
	}
	if len(m.marks) != xport.MaxPayBatch {
		t.Fatalf("%d marked", len(m.marks))
	}
	if !anyContains(statusesIn(last), "At most 10 orders can be paid at once") {
		t.Errorf("the 11th mark said %q", statusesIn(last))
	}
	if !strings.Contains(m.View(), "10 marked to pay") {
		t.Errorf("the count line does not count the marks:\n%s", m.View())
	}
	// The paid order refuses a mark in words.
	press(t, m, "G")
	if msgs := press(t, m, " "); !anyContains(statusesIn(msgs), "is 待发货 awaiting shipment: only unpaid") {
		t.Errorf("marking a paid order: %q", statusesIn(msgs))
	}
	// Unmark one, mark it again: still ten.
	press(t, m, "g")
	press(t, m, " ")
	if len(m.marks) != 9 {
		t.Fatalf("space should unmark: %d marked", len(m.marks))
	}
	press(t, m, "k")
	press(t, m, " ")

	msgs := press(t, m, "P")
	pushed := pushesIn(msgs)
	if len(pushed) != 1 || !strings.HasPrefix(pushed[0].Title(), "Pay 10 orders") {
		t.Fatalf("pushed %v; statuses %q errors %v", pushed, statusesIn(msgs), errorsIn(msgs))
	}
	u := pushed[0].(*link.Model).URL()
	for _, id := range ids[2:] {
		if !strings.Contains(u, id) {
			t.Errorf("the link lacks %s", id)
		}
	}
	if len(m.marks) != 0 || m.paying {
		t.Errorf("after paying: %d marks, paying %v", len(m.marks), m.paying)
	}
	if !anyContains(statusesIn(msgs), "10 orders changed") {
		t.Errorf("the refresh after paying said %q", statusesIn(msgs))
	}
	// The remaining unpaid order is paid alone with P and no marks.
	at := m.t.find(ids[1])
	m.t.cursor = at
	msgs = press(t, m, "P")
	if p := pushesIn(msgs); len(p) != 1 || !strings.HasPrefix(p[0].Title(), "Pay 1 order") {
		t.Fatalf("single pay: %v %q", p, statusesIn(msgs))
	}
	// And once paid, P says there is nothing to pay.
	m.t.cursor = m.t.find(ids[1])
	if msgs := press(t, m, "P"); len(pushesIn(msgs)) != 0 || !anyContains(statusesIn(msgs), "nothing to pay") {
		t.Errorf("paying a paid order: %q", statusesIn(msgs))
	}
}

func TestPayReportsOrdersThatCannotBePaid(t *testing.T) {
	e := newEnv(t)
	ids := e.place(t, 2)
	m, _ := e.open(t, 120, 40)
	press(t, m, " ")
	press(t, m, " ")
	// Another desk pays one of them first.
	e.pay(t, ids[0])
	msgs := press(t, m, "P")
	want := "1 order cannot be paid (already paid, closed or unknown): " + ids[0]
	if !slices.Contains(statusesIn(msgs), want) || !strings.Contains(m.View(), want) {
		t.Errorf("statuses %q; view:\n%s", statusesIn(msgs), m.View())
	}
	if p := pushesIn(msgs); len(p) != 1 || !strings.HasPrefix(p[0].Title(), "Pay 1 order") {
		t.Fatalf("pushed %v", p)
	}
	// None payable: the service refuses, and the error is shown.
	m.t.cursor = 0
	m.marks[ids[0]] = true
	msgs = press(t, m, "P")
	if errs := errorsIn(msgs); len(errs) != 1 || !strings.Contains(errs[0].What, "Paying order") {
		t.Errorf("errors %v", errs)
	}
}

func TestPaySendsOnce(t *testing.T) {
	e := newEnv(t)
	e.place(t, 1)
	m, _ := e.open(t, 80, 24)
	_, first := m.Update(uitest.Key("P"))
	_, second := m.Update(uitest.Key("P"))
	if first == nil || !m.paying {
		t.Fatal("P did not start a payment")
	}
	if got := statusesIn(uitest.Exec(t, second)); !anyContains(got, "Already asking") {
		t.Errorf("a second P: %q", got)
	}
	var pushed int
	for _, msg := range uitest.Drain(t, updater(m), first) {
		if _, ok := msg.(common.PushMsg); ok {
			pushed++
		}
	}
	if pushed != 1 {
		t.Errorf("%d link panels", pushed)
	}
}

func TestListViewsFit(t *testing.T) {
	e := newEnv(t)
	ids := e.place(t, 30)
	e.pay(t, ids[3])
	e.c.Config.DisplayCurrency, e.c.Config.DisplayRate = "USD", "0.138"
	e.c.Init()
	for _, size := range [][2]int{{80, 24}, {120, 40}, {200, 50}, {60, 16}} {
		m, _ := e.open(t, size[0], size[1])
		checkFits(t, "list", m.View(), size[0], size[1])
		press(t, m, " ")
		press(t, m, "G")
		checkFits(t, "list at the end", m.View(), size[0], size[1])
		press(t, m, "F")
		checkFits(t, "id input", m.View(), size[0], size[1])
		press(t, m, "esc")
		press(t, m, "right")
		checkFits(t, "a tab", m.View(), size[0], size[1])
		press(t, m, "right")
		press(t, m, "right")
		checkFits(t, "an empty tab", m.View(), size[0], size[1])
	}
}
