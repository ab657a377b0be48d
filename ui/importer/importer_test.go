package importer

import (
	"context"
	"strings"
	"testing"
	"time"

	"caigou/ui/uitest"
)

func TestRecogniseEnglishAndChinese(t *testing.T) {
	m := Recognise([]string{"序号", "商品链接", "规格", "数量(件)", "唛头", "品名"})
	if m[Ref] != 1 || m[SKU] != 2 || m[Qty] != 3 || m[Note] != 4 || m[Name] != 5 || len(m.Missing()) != 0 {
		t.Fatalf("Chinese: %v", m)
	}
	m = Recognise([]string{"Offer URL", "Qty.", "Size / colour", "Shipping mark"})
	if m[Ref] != 0 || m[Qty] != 1 || m[SKU] != -1 || m[Note] != 3 {
		t.Fatalf("English: %v", m)
	}
	m = Recognise([]string{"A", "B"})
	if got := m.Missing(); len(got) != 2 || got[0] != Ref || got[1] != Qty {
		t.Fatalf("unknown headings: missing %v", got)
	}
}

func TestRowsAreReadAsPeopleWriteThem(t *testing.T) {
	m := Mapping{Ref: 0, Qty: 1, SKU: 2, Note: -1, Name: -1}
	rows := Rows(m, [][]string{
		{"https://detail.1688.com/offer/610000000001.html?spm=a2615", "1,000", "红色 XL"},
		{"610000000002", "５００", ""},
		{"手机壳 iPhone 15", "50", ""},
		{"", "", ""},
		{"https://www.taobao.com/item/1.html", "abc", ""},
		{"610000000003", "0", ""},
	})
	if len(rows) != 5 {
		t.Fatalf("%d rows (the blank one is skipped): %+v", len(rows), rows)
	}
	if rows[0].OfferID != "610000000001" || rows[0].Qty != 1000 || rows[0].SKU != "红色 XL" || rows[0].Line != 2 {
		t.Errorf("link row: %+v", rows[0])
	}
	if rows[1].Qty != 500 || rows[2].Keyword != "手机壳 iPhone 15" || rows[2].Name != "手机壳 iPhone 15" {
		t.Errorf("id and keyword rows: %+v %+v", rows[1], rows[2])
	}
	if !strings.Contains(rows[3].Problem, "not a 1688 offer link") || !strings.Contains(rows[3].Problem, "not a number") || rows[3].Line != 6 {
		t.Errorf("bad row: %+v", rows[3])
	}
	if !strings.Contains(rows[4].Problem, "at least 1") {
		t.Errorf("zero: %+v", rows[4])
	}
}

func TestCheckAClientList(t *testing.T) {
	s := uitest.NewSession(t)
	list := uitest.ClientList(t, s.Sandbox)
	m := Recognise(list[0])
	rows := Rows(m, list[1:])
	var calls []int
	res, err := Check(context.Background(), s.C.Client, rows, true, time.Now(), func(done, total int) { calls = append(calls, done) })
	if err != nil {
		t.Fatal(err)
	}
	count := map[Verdict]int{}
	for _, r := range res {
		count[r.Verdict]++
		if r.Verdict == Invalid && r.Why == "" {
			t.Errorf("row %d invalid without a reason", r.Line)
		}
	}
	if len(res) != 20 || count[Invalid] != 3 || count[Valid]+count[Adjusted] != 17 {
		t.Fatalf("verdicts %v", count)
	}
	for _, r := range res[17:] {
		t.Logf("row %d: %s", r.Line, r.Why)
	}
	if !strings.Contains(res[17].Why, "does not exist") || !strings.Contains(res[18].Why, "names") || !strings.Contains(res[19].Why, "not a number") {
		t.Fatalf("reasons: %q / %q / %q", res[17].Why, res[18].Why, res[19].Why)
	}
	if len(calls) == 0 || calls[len(calls)-1] != 19 {
		t.Fatalf("progress %v: one call per distinct offer", calls)
	}
	for _, r := range res[:17] {
		if r.SpecID == "" || r.Quote.Quantity < 1000 || r.Quote.Line.Quantity != r.Quote.Quantity {
			t.Fatalf("row %d: spec %q, quantity %d", r.Line, r.SpecID, r.Quote.Quantity)
		}
	}
	// The same offer and SKU twice: the second is a duplicate.
	dup := append(rows[:1:1], rows[0])
	dup[1].Line = 99
	res, _ = Check(context.Background(), s.C.Client, dup, true, time.Now(), nil)
	if res[1].Verdict != Duplicate || !strings.Contains(res[1].Why, "row 2") {
		t.Fatalf("duplicate: %+v", res[1])
	}
	// A cancelled check keeps nothing and says so.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Check(ctx, s.C.Client, rows, true, time.Now(), nil); err == nil {
		t.Fatal("a cancelled check reported success")
	}
}
