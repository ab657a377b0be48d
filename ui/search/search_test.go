package search

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"caigou/ui/common"
	"caigou/ui/sanitize"
	"caigou/ui/uitest"
	"caigou/xport"
	"caigou/xport/sandbox"
	"caigou/xport/xportcn"

	tea "github.com/charmbracelet/bubbletea"
)

// results returns the resultsMsg values among msgs.
func results(msgs []tea.Msg) []resultsMsg {
	var out []resultsMsg
	for _, m := range msgs {
		if r, ok := m.(resultsMsg); ok {
			out = append(out, r)
		}
	}
	return out
}

func errorsIn(msgs []tea.Msg) []common.ErrorMsg {
	var out []common.ErrorMsg
	for _, m := range msgs {
		if e, ok := m.(common.ErrorMsg); ok {
			out = append(out, e)
		}
	}
	return out
}

// answer replaces what the service said with a page of fake offers, so
// logic that depends on totals can be tested with exact numbers.
func answer(msg resultsMsg, page, size, total int) resultsMsg {
	msg.res, msg.err = fakePage(page, size, total), nil
	return msg
}

func TestTypingQGoesToTheFocusedInput(t *testing.T) {
	m, _ := newPage(t, 80, 20)
	if !m.CapturesInput() {
		t.Fatal("the keyword input should have focus when the page opens")
	}
	up := updater(m)
	uitest.Type(t, up, "qkj/")
	if got := m.input.Value(); got != "qkj/" {
		t.Fatalf("input = %q, want the typed keys, bound or not", got)
	}
	uitest.Run(t, up, uitest.Key("esc"))
	if m.CapturesInput() {
		t.Fatal("esc should leave the input")
	}
	if m.input.Value() != "qkj/" {
		t.Fatal("leaving the input should keep what was typed")
	}
}

// What an agent types or pastes as a keyword, table-driven: whether the
// API is called and with what, what the status line says, that nothing
// changes when nothing is searched, and that the page still fits its width.
// Picture paths are TestImageValidation's, prices
// TestFilterPanelValidatesPrices'; a long keyword while it is typed is in
// TestViewFitsTheWidth.
// An over-long keyword is never cut silently: the first enter says how
// long it is and searches nothing; the same enter again searches its cut.
// (A 10,001-character paste was reported as "1000 characters".)
func TestLongKeywordWaitsForTheAgent(t *testing.T) {
	m, s := newPage(t, 80, 24)
	up := updater(m)
	long := strings.Repeat("连衣裙 ", 2501)[:10001]
	uitest.Run(t, up, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(long), Paste: true})
	n := utf8.RuneCountInString(sanitize.Line(m.input.Value()))
	calls, before := s.C.Client.(*xportcn.Client).Calls(), m.input.Value()
	st := uitest.Run(t, up, uitest.Key("enter"))
	if s.C.Client.(*xportcn.Client).Calls() != calls || !m.CapturesInput() || m.input.Value() != before {
		t.Fatalf("the first enter searched or changed the box (%d calls)", s.C.Client.(*xportcn.Client).Calls()-calls)
	}
	var text string
	for _, msg := range st {
		if w, ok := msg.(common.StatusMsg); ok {
			text = w.Text
		}
	}
	if !strings.Contains(text, fmt.Sprintf("is %d characters, %d more than the 100", n, n-100)) {
		t.Fatalf("status %q", text)
	}
	rs := results(uitest.Run(t, up, uitest.Key("enter")))
	if len(rs) == 0 || utf8.RuneCountInString(rs[0].q.keyword) > 100 {
		t.Fatalf("the second enter should search the cut: %v", rs)
	}
}

func TestKeywordInput(t *testing.T) {
	words := strings.Repeat("summer dress cotton ", 50)[:999] + "!" // 1,000 characters
	hanzi := strings.Repeat("夏季新款女装连衣裙", 112)[:3000]                // 1,000 characters
	cases := []struct {
		name, typed string
		sent        string // the keyword the API gets; "" means no call at all
		status      string // a fragment of the status line; "" means no warning
	}{
		{"empty", "", "", "Type a keyword first, in Chinese or English"},
		{"blank", "   \t ", "", "Type a keyword first"},
		{"control characters only", "\x07\x00\x1b", "", "Type a keyword first"},
		{"1,000 characters", words, "", "The keyword is 1000 characters, 900 more than the 100 1688 takes"},
		{"1,000 Chinese characters", hanzi, "", "The keyword is 1000 characters"},
		{"emoji", "👗 dress", "👗 dress", ""},
		{"emoji sequences", "👩‍👩‍👧 🇨🇳 ❤️ 连衣裙", "👩‍👩‍👧 🇨🇳 ❤️ 连衣裙", ""},
		{"mixed scripts", "连衣裙 dress платье فستان ドレス 원피스", "连衣裙 dress платье فستان ドレス 원피스", ""},
		{"bidi override and extra spaces", "\u202edress   连衣裙 ", "dress 连衣裙", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, s := newPage(t, 80, 24)
			up := updater(m)
			if c.typed != "" {
				uitest.Run(t, up, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(c.typed), Paste: true})
			}
			calls, qid := s.C.Client.(*xportcn.Client).Calls(), m.q.id
			msgs := uitest.Run(t, up, uitest.Key("enter"))
			var warns []string
			for _, msg := range msgs {
				if st, ok := msg.(common.StatusMsg); ok && st.Level == common.Warn {
					warns = append(warns, st.Text)
				}
			}
			if errs := errorsIn(msgs); len(errs) > 0 {
				t.Fatalf("the search failed: %v", errs[0].Err)
			}
			switch {
			case c.status == "" && len(warns) > 0:
				t.Errorf("unexpected warning %q", warns)
			case c.status != "" && (len(warns) != 1 || !strings.Contains(warns[0], c.status)):
				t.Errorf("warnings %q, want one saying %q", warns, c.status)
			}
			if c.sent == "" {
				if s.C.Client.(*xportcn.Client).Calls() != calls || m.q.id != qid || m.state != idle || !m.CapturesInput() {
					t.Fatalf("nothing to search, yet %d calls went out (state %v, input focused %v)", s.C.Client.(*xportcn.Client).Calls()-calls, m.state, m.CapturesInput())
				}
			} else {
				rs := results(msgs)
				if len(rs) == 0 {
					t.Fatal("no search was made")
				}
				if got := rs[0].q.request(1, 20).Keyword; got != c.sent {
					t.Errorf("sent %q (%d characters)\nwant %q", got, utf8.RuneCountInString(got), c.sent)
				}
				if m.state != ready {
					t.Errorf("state %v, want the results (or the empty state)", m.state)
				}
				if h := m.history[len(m.history)-1]; h != c.sent {
					t.Errorf("history holds %q, want what was searched", h)
				}
			}
			for i, l := range strings.Split(m.View(), "\n") {
				if w := sanitize.Width(l); w > 80 || strings.ContainsRune(l, '\x1b') {
					t.Errorf("line %d is %d cells wide: %q", i, w, l)
				}
			}
		})
	}
}

// A slow first page of an old query must not replace a newer query's
// results, even when it arrives last.
func TestStaleRepliesAreDropped(t *testing.T) {
	m, _ := newPage(t, 80, 20)
	up := updater(m)
	uitest.Type(t, up, "连衣裙")
	_, cmdOld := m.Update(uitest.Key("enter"))
	oldMsgs := results(uitest.Exec(t, cmdOld))
	if len(oldMsgs) != 1 {
		t.Fatalf("old query produced %d result messages", len(oldMsgs))
	}
	old := answer(oldMsgs[0], 1, 20, 20)
	old.res.Offers[0].SubjectTrans = "OLD QUERY ROW"

	uitest.Run(t, up, uitest.Key("/"))
	m.input.SetValue("phone case")
	_, cmdNew := m.Update(uitest.Key("enter"))
	newMsgs := results(uitest.Exec(t, cmdNew))
	if len(newMsgs) != 1 {
		t.Fatalf("new query produced %d result messages", len(newMsgs))
	}
	fresh := answer(newMsgs[0], 1, 20, 40)
	fresh.res.Offers[0].SubjectTrans = "NEW QUERY ROW"

	// New answer first, then the old one.
	m.Update(fresh)
	m.Update(old)
	if m.state != ready {
		t.Fatalf("state = %v, want ready", m.state)
	}
	if got := m.results.rows[0].cell(colTitle); got != "NEW QUERY ROW" {
		t.Fatalf("first row = %q: the old query's reply replaced the new one", got)
	}
	if m.total != 40 {
		t.Fatalf("total = %d, want the new query's 40", m.total)
	}

	// And the other order: the old answer alone, after the new query
	// started, must not show.
	m2, _ := newPage(t, 80, 20)
	m2.input.SetValue("连衣裙")
	_, c1 := m2.Update(uitest.Key("enter"))
	first := answer(results(uitest.Exec(t, c1))[0], 1, 20, 20)
	m2.Update(uitest.Key("s")) // a new sort is a new query, not yet answered
	m2.Update(first)
	if m2.state != loading || len(m2.results.rows) != 0 {
		t.Fatalf("state %v with %d rows: a reply for the old sort was taken", m2.state, len(m2.results.rows))
	}
}

// When the cursor comes near the end of what is loaded, the next page is
// fetched in the background, once, and added below.
func TestPrefetchNearTheEnd(t *testing.T) {
	// 14 lines leave a table of 10 rows, so the trigger is the 10-row
	// margin, not the screen.
	m, _ := newPage(t, 80, 14)
	m.input.SetValue("连衣裙")
	_, cmd := m.Update(uitest.Key("enter"))
	first := results(uitest.Exec(t, cmd))[0]
	_, cmd = m.Update(answer(first, 1, 20, 45))
	if cmd != nil {
		t.Fatal("no prefetch expected with the cursor at the top of 20 rows")
	}
	// Rows 0..8 leave more than 10 below the cursor.
	for i := 0; i < 8; i++ {
		if _, cmd = m.Update(uitest.Key("j")); cmd != nil {
			t.Fatalf("prefetch started too early, at row %d", m.results.cursor)
		}
	}
	_, cmd = m.Update(uitest.Key("j"))
	if cmd == nil || !m.more {
		t.Fatalf("no prefetch at row %d of 20", m.results.cursor)
	}
	// Moving on while it is in flight does not ask again.
	if _, again := m.Update(uitest.Key("j")); again != nil {
		t.Fatal("a second fetch was started while one was in flight")
	}
	next := results(uitest.Exec(t, cmd))
	if len(next) != 1 || next[0].page != 2 {
		t.Fatalf("prefetch asked for %#v, want page 2", next)
	}
	m.Update(answer(next[0], 2, 20, 45))
	if len(m.results.rows) != 40 || m.more {
		t.Fatalf("rows = %d (more=%v), want 40 and idle", len(m.results.rows), m.more)
	}
	if m.results.cursor != 10 {
		t.Fatalf("cursor moved to %d when a page arrived", m.results.cursor)
	}
	// The last page, then nothing more.
	_, cmd = m.Update(uitest.Key("G"))
	last := results(uitest.Exec(t, cmd))
	if len(last) != 1 || last[0].page != 3 {
		t.Fatalf("at the bottom: asked for %#v, want page 3", last)
	}
	m.Update(answer(last[0], 3, 20, 45))
	if len(m.results.rows) != 45 || m.hasMore() {
		t.Fatalf("rows = %d, hasMore = %v; want all 45 and no more", len(m.results.rows), m.hasMore())
	}
	if _, cmd = m.Update(uitest.Key("G")); cmd != nil {
		t.Fatal("fetched past the last page")
	}
	if !strings.Contains(m.View(), "end of results") {
		t.Fatal("the count line should say the list is complete")
	}
}

// A first page that does not fill the screen brings the next one at once.
func TestPrefetchFillsTheScreen(t *testing.T) {
	m, _ := newPage(t, 120, 40)
	m.input.SetValue("连衣裙")
	_, cmd := m.Update(uitest.Key("enter"))
	_, cmd = m.Update(answer(results(uitest.Exec(t, cmd))[0], 1, 20, 45))
	if cmd == nil || !m.more {
		t.Fatal("20 rows on a 36-row table should fetch page 2 straight away")
	}
}

// A failed page 2 is reported, stops automatic fetching, and r retries.
func TestPrefetchFailureAndRetry(t *testing.T) {
	m, s := newPage(t, 80, 24)
	m.input.SetValue("连衣裙")
	_, cmd := m.Update(uitest.Key("enter"))
	first := answer(results(uitest.Exec(t, cmd))[0], 1, 20, 45)
	s.Sandbox.SetFaults(sandbox.Faults{ServerErrorPerMille: 1000})
	// 20 rows do not fill past the 20-row table, so page 2 is asked for
	// at once.
	_, cmd = m.Update(first)
	msgs := uitest.Drain(t, updater(m), cmd)
	if len(errorsIn(msgs)) != 1 {
		t.Fatalf("a failed page 2 should be reported once; messages: %#v", msgs)
	}
	if m.moreErr == nil || m.more {
		t.Fatal("the failure should be kept and fetching stopped")
	}
	if _, cmd = m.Update(uitest.Key("k")); cmd != nil {
		t.Fatal("moving should not retry by itself")
	}
	if !strings.Contains(m.View(), "could not load more") {
		t.Fatal("the count line should say more could not be loaded")
	}
	s.Sandbox.SetFaults(sandbox.Faults{})
	_, cmd = m.Update(uitest.Key("r"))
	if cmd == nil || !m.more {
		t.Fatal("r should fetch the page again")
	}
}

func TestFirstPageFailureShowsErrorAndRetries(t *testing.T) {
	m, s := newPage(t, 80, 24)
	s.Sandbox.SetFaults(sandbox.Faults{ServerErrorPerMille: 1000})
	m.input.SetValue("连衣裙")
	msgs := uitest.Run(t, updater(m), uitest.Key("enter"))
	errs := errorsIn(msgs)
	if len(errs) != 1 || !strings.Contains(errs[0].What, "连衣裙") {
		t.Fatalf("errors = %#v, want one naming the search", errs)
	}
	if m.state != failed {
		t.Fatalf("state = %v, want failed", m.state)
	}
	v := m.View()
	if !strings.Contains(v, "Search failed") || !strings.Contains(v, "Press r to try again") {
		t.Fatalf("error state not shown:\n%s", v)
	}
	_, cmd := m.Update(uitest.Key("r"))
	if cmd == nil || m.state != loading {
		t.Fatal("r should run the search again")
	}
}

func TestSortCyclesAndRerunsTheQuery(t *testing.T) {
	m, _ := newPage(t, 80, 24)
	m.input.SetValue("phone case")
	_, cmd := m.Update(uitest.Key("enter"))
	m.Update(answer(results(uitest.Exec(t, cmd))[0], 1, 20, 20))
	want := []xport.Sort{{Field: "price"}, {Field: "price", Desc: true}, {Field: "monthSold", Desc: true}, {Field: "rePurchaseRate", Desc: true}, {}}
	for i, w := range want {
		before := m.q.id
		_, cmd = m.Update(uitest.Key("s"))
		if m.q.id == before || m.state != loading {
			t.Fatalf("step %d: the query was not run again", i)
		}
		rs := results(uitest.Exec(t, cmd))
		if len(rs) != 1 {
			t.Fatalf("step %d: %d result messages", i, len(rs))
		}
		if got := rs[0].q.request(1, 20).Sort; got != w {
			t.Fatalf("step %d: sort = %+v, want %+v", i, got, w)
		}
		m.Update(answer(rs[0], 1, 20, 20))
	}
	if !strings.Contains(m.View(), "sort: best match") {
		t.Fatal("the query line should show the sort")
	}
}

func TestHistoryWalk(t *testing.T) {
	m, _ := newPage(t, 80, 24)
	up := updater(m)
	for _, kw := range []string{"连衣裙", "phone case"} {
		uitest.Run(t, up, uitest.Key("/"))
		m.input.SetValue(kw)
		m.Update(uitest.Key("enter"))
	}
	uitest.Run(t, up, uitest.Key("/"))
	m.input.SetValue("draft")
	uitest.Run(t, up, uitest.Key("up"))
	if m.input.Value() != "phone case" {
		t.Fatalf("up: %q", m.input.Value())
	}
	uitest.Run(t, up, uitest.Key("up"))
	uitest.Run(t, up, uitest.Key("up"))
	if m.input.Value() != "连衣裙" {
		t.Fatalf("up twice more: %q", m.input.Value())
	}
	uitest.Run(t, up, uitest.Key("down"))
	uitest.Run(t, up, uitest.Key("down"))
	if m.input.Value() != "draft" {
		t.Fatalf("down past the newest should give back the draft, got %q", m.input.Value())
	}
}

func TestFilterPanelValidatesPrices(t *testing.T) {
	m, _ := newPage(t, 80, 24)
	m.input.SetValue("连衣裙")
	_, cmd := m.Update(uitest.Key("enter"))
	m.Update(answer(results(uitest.Exec(t, cmd))[0], 1, 20, 20))
	up := updater(m)
	before := m.q

	uitest.Run(t, up, uitest.Key("f"))
	if m.overlay != filterOverlay || !m.CapturesInput() {
		t.Fatal("f should open the filter panel and capture keys")
	}
	cases := []struct {
		min, max, want string
	}{
		{"abc", "", "Min price “abc” is not an amount"},
		{"12.345", "", "more than two decimals"},
		{"-5", "", "cannot be below zero"},
		{"", "1,2x", "Max price “1,2x” is not an amount"},
		{"50", "10", "Min price ¥50.00 is above max price ¥10.00"},
	}
	for _, c := range cases {
		m.filters.min.SetValue(c.min)
		m.filters.max.SetValue(c.max)
		msgs := uitest.Run(t, up, uitest.Key("enter"))
		if len(msgs) != 0 {
			t.Errorf("%q..%q: messages %#v, want none (nothing runs)", c.min, c.max, msgs)
		}
		if m.overlay != filterOverlay {
			t.Fatalf("%q..%q: the panel closed on bad input", c.min, c.max)
		}
		if !strings.Contains(m.filters.err, c.want) {
			t.Errorf("%q..%q: error %q, want %q", c.min, c.max, m.filters.err, c.want)
		}
		if m.q.id != before.id || m.q.priceMin != 0 || m.q.priceMax != 0 {
			t.Fatalf("%q..%q: the query changed", c.min, c.max)
		}
		if v := m.View(); !strings.Contains(v, "! ") {
			t.Errorf("%q..%q: error not on screen:\n%s", c.min, c.max, v)
		}
	}

	// Good prices, two filters toggled with the keys, then apply.
	m.filters.min.SetValue("¥10")
	m.filters.max.SetValue("59.9")
	uitest.Run(t, up, uitest.Key("tab"))
	uitest.Run(t, up, uitest.Key("tab"))
	uitest.Run(t, up, uitest.Key("tab"))
	uitest.Run(t, up, uitest.Key("tab")) // the third toggle: certified factory
	uitest.Run(t, up, uitest.Key("enter"))
	uitest.Run(t, up, uitest.Key("j"))
	uitest.Run(t, up, uitest.Key("enter")) // ships today
	if m.overlay != filterOverlay {
		t.Fatal("toggling should keep the panel open")
	}
	_, cmd = m.Update(uitest.Key("f")) // apply
	if m.overlay != noOverlay {
		t.Fatalf("apply should close the panel (err %q)", m.filters.err)
	}
	if m.q.priceMin != 1000 || m.q.priceMax != 5990 {
		t.Fatalf("prices = %v..%v, want ¥10.00..¥59.90", m.q.priceMin, m.q.priceMax)
	}
	rs := results(uitest.Exec(t, cmd))
	if len(rs) != 1 {
		t.Fatal("applying should run the query again")
	}
	req := rs[0].q.request(1, 20)
	if strings.Join(req.Filters, ",") != "certifiedFactory,shipInToday" || req.PriceMin != 1000 || req.PriceMax != 5990 {
		t.Fatalf("request = %+v", req)
	}
	line := m.queryLine()
	for _, w := range []string{"¥10.00–¥59.90", "certified factory", "ships today"} {
		if !strings.Contains(line, w) {
			t.Errorf("query line %q lacks %q", line, w)
		}
	}

	// esc cancels edits.
	uitest.Run(t, up, uitest.Key("f"))
	m.filters.min.SetValue("1")
	uitest.Run(t, up, uitest.Key("esc"))
	if m.overlay != noOverlay || m.q.priceMin != 1000 {
		t.Fatal("esc should close the panel and change nothing")
	}
}

func TestViewFitsTheWidth(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}, {200, 50}, {60, 13}} {
		w, h := size[0], size[1]
		m, _ := newPage(t, w, h)
		up := updater(m)
		check := func(state string) {
			t.Helper()
			v := m.View()
			lines := strings.Split(v, "\n")
			if len(lines) != h {
				t.Errorf("%dx%d %s: %d lines, want %d", w, h, state, len(lines), h)
			}
			for i, l := range lines {
				if lw := sanitize.Width(l); lw > w {
					t.Errorf("%dx%d %s: line %d is %d cells wide: %q", w, h, state, i, lw, l)
				}
			}
		}
		check("idle")
		m.input.SetValue(strings.Repeat("很长的关键词", 30))
		check("long keyword")
		m.Update(uitest.Key("enter")) // says it is too long
		check("long keyword told")
		_, cmd := m.Update(uitest.Key("enter"))
		check("loading")
		r := answer(results(uitest.Exec(t, cmd))[0], 1, 20, 100)
		r.res.Offers[0].SubjectTrans = xport.Text(strings.Repeat("超长标题", 80))
		r.res.Offers[1].SendGoodsAddressText = "广东省 深圳市 宝安区 很长很长的地址"
		m.Update(r)
		check("results")
		uitest.Run(t, up, uitest.Key("t"))
		check("chinese titles")
		uitest.Run(t, up, uitest.Key("f"))
		m.filters.min.SetValue("abc")
		uitest.Run(t, up, uitest.Key("enter"))
		check("filters with error")
		uitest.Run(t, up, uitest.Key("esc"))
		uitest.Run(t, up, uitest.Key("i"))
		m.img.err = strings.Repeat("a very long message ", 20)
		check("image prompt")
		uitest.Run(t, up, uitest.Key("esc"))
		m.Update(resultsMsg{Reply: common.Reply{Page: m.id, Seq: m.seq}, q: m.q, page: 1, res: &xport.OfferPage{}})
		check("empty")
	}
}

func TestEmptyState(t *testing.T) {
	m, _ := newPage(t, 80, 24)
	m.input.SetValue("xyz")
	_, cmd := m.Update(uitest.Key("enter"))
	r := results(uitest.Exec(t, cmd))[0]
	r.res, r.err = &xport.OfferPage{}, nil
	m.Update(r)
	v := strings.Join(strings.Fields(m.View()), " ")
	if !strings.Contains(v, "No offers for “xyz”. Try fewer words, English or Chinese, or widen the price range.") {
		t.Fatalf("empty state:\n%s", m.View())
	}
}

func TestEnterOpensTheProductPage(t *testing.T) {
	m, _ := newPage(t, 80, 24)
	m.input.SetValue("连衣裙")
	_, cmd := m.Update(uitest.Key("enter"))
	m.Update(answer(results(uitest.Exec(t, cmd))[0], 1, 20, 20))
	m.Update(uitest.Key("j"))
	_, cmd = m.Update(uitest.Key("enter"))
	msgs := uitest.Exec(t, cmd)
	if len(msgs) != 1 {
		t.Fatalf("messages = %#v", msgs)
	}
	push, ok := msgs[0].(common.PushMsg)
	if !ok || push.Page == nil {
		t.Fatalf("got %#v, want a push of the product page", msgs[0])
	}
	if o, _ := m.Selected(); string(o.OfferID) != "100000000002" {
		t.Fatalf("selected %s", o.OfferID)
	}
}

func TestRowFormatting(t *testing.T) {
	for in, want := range map[string]string{"0.35": "35%", "35": "35%", "35%": "35%", "0.355": "35.5%", "0.05": "5%", "1.0": "100%", "n/a": "n/a", "": ""} {
		if got := percent(in); got != want {
			t.Errorf("percent(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 123456: "123,456", 2_500_000: "2.5M"} {
		if got := count(in); got != want {
			t.Errorf("count(%d) = %q, want %q", in, got, want)
		}
	}
	o := fakeOffers(1, 1)[0]
	o.IsOnePsale = true
	if got := badges(o); got != "5y, factory, power merchant, dropship" {
		t.Errorf("badges = %q", got)
	}
	// Text from the API is cleaned before it is drawn.
	o.SubjectTrans = "evil\x1b]0;pwned\x07 title\x1b[2J"
	s := uitest.NewSession(t)
	r := newRow(s.C, o, "")
	if r.cell(colTitle) != "evil title" {
		t.Errorf("title = %q, escape sequences must be removed", r.cell(colTitle))
	}
}

func TestDisplayCurrencyColumn(t *testing.T) {
	s := uitest.NewSession(t)
	s.C.Config.DisplayCurrency, s.C.Config.DisplayRate = "USD", "0.138"
	s.C.Init()
	for _, c := range []struct {
		w    int
		want bool
	}{{80, false}, {120, true}, {200, true}} {
		m := New(s.C)
		m.Update(uitest.Key("/")) // open the keyword box
		m.SetSize(c.w, 24)
		m.input.SetValue("连衣裙")
		_, cmd := m.Update(uitest.Key("enter"))
		m.Update(answer(results(uitest.Exec(t, cmd))[0], 1, 20, 20))
		v := m.View()
		// Offer 1 costs ¥12.51: 12.51 × 0.138 = 1.72638 -> USD 1.73.
		if got := strings.Contains(v, "USD 1.73"); got != c.want {
			t.Errorf("at %d columns: converted price shown = %v, want %v\n%s", c.w, got, c.want, v)
		}
		if !strings.Contains(v, "¥12.51") {
			t.Errorf("at %d columns the CNY price is missing", c.w)
		}
		m.Close()
	}
}

// Spinner frames are addressed to the page, turn while something loads and
// stop by themselves when nothing does.
func TestSpinnerTicksStopWhenIdle(t *testing.T) {
	m, _ := newPage(t, 80, 24)
	m.input.SetValue("连衣裙")
	_, cmd := m.Update(uitest.Key("enter"))
	if !m.spinning {
		t.Fatal("a search should start the spinner")
	}
	tick, ok := m.wrapTick(m.spin.Tick)().(spinTick)
	if !ok || tick.PageID() != m.id {
		t.Fatalf("tick %#v is not addressed to the page", tick)
	}
	if _, next := m.Update(tick); next == nil {
		t.Fatal("the spinner should keep turning while loading")
	}
	m.Update(answer(results(uitest.Exec(t, cmd))[0], 1, 20, 20))
	tick, _ = m.wrapTick(m.spin.Tick)().(spinTick)
	if _, next := m.Update(tick); next != nil || m.spinning {
		t.Fatal("the spinner should stop once nothing is loading")
	}
}

// Space ticks a filter box and f applies, as well as enter on each.
func TestFilterSpaceTicksAndFApplies(t *testing.T) {
	s := uitest.NewSession(t)
	m := New(s.C)
	m.Update(uitest.Key("/")) // open the keyword box
	m.SetSize(100, 30)
	update := func(msg tea.Msg) tea.Cmd { p, cmd := m.Update(msg); m = p.(*Model); return cmd }
	uitest.Run(t, update, uitest.Key("esc"))
	uitest.Run(t, update, uitest.Key("f"))
	if m.overlay != filterOverlay {
		t.Fatal("f did not open the filters")
	}
	uitest.Run(t, update, uitest.Key("tab"))
	uitest.Run(t, update, uitest.Key("tab"))
	uitest.Run(t, update, uitest.Key(" "))
	if !m.filters.on[filterOptions()[0].code] {
		t.Fatalf("space did not tick %q", filterOptions()[0].code)
	}
	uitest.Run(t, update, uitest.Key(" "))
	if m.filters.on[filterOptions()[0].code] {
		t.Fatal("a second space did not untick it")
	}
	uitest.Run(t, update, uitest.Key(" "))
	uitest.Run(t, update, uitest.Key("f"))
	if m.overlay == filterOverlay || !strings.Contains(m.View(), filterOptions()[0].label) {
		t.Fatalf("f did not apply the ticked filter:\n%s", m.View())
	}
}

// In a price box a letter is not typed in (f used to land in Min price
// while the help said "f apply"), full-width digits are digits, and the
// help lists only what works there.
func TestPriceBoxTakesAPrice(t *testing.T) {
	m, _ := newPage(t, 100, 30)
	up := updater(m)
	uitest.Run(t, up, uitest.Key("esc"))
	uitest.Run(t, up, uitest.Key("f"))
	if m.overlay != filterOverlay {
		t.Fatal("f does not open the filters")
	}
	for m.filters.focus != fieldMin {
		uitest.Run(t, up, uitest.Key("tab"))
	}
	uitest.Type(t, up, "1２.5f")
	if got := m.filters.min.Value(); got != "12.5" {
		t.Fatalf("Min price holds %q", got)
	}
	if !strings.Contains(m.filters.err, "A price is digits") {
		t.Errorf("a letter is not explained: %q", m.filters.err)
	}
	var help []string
	for _, b := range m.ShortHelp() {
		help = append(help, b.Help().Key+" "+b.Help().Desc)
	}
	if h := strings.Join(help, ", "); strings.Contains(h, "f apply") || strings.Contains(h, "tick") || !strings.Contains(h, "enter apply") {
		t.Errorf("help in a price box: %q", h)
	}
}
