package orders

import (
	"slices"
	"strings"
	"testing"
)

const (
	idA = "9000001234567890123"
	idB = "9000009876543210987"
	idC = "3305075341149134260"
)

func TestParseOrderIDs(t *testing.T) {
	cases := []struct {
		name   string
		in     string
		ids    []string
		report string
	}{
		{"one", idA, []string{idA}, ""},
		{"spaces", idA + " " + idB, []string{idA, idB}, ""},
		{"commas and semicolons", idA + "," + idB + ";" + idC, []string{idA, idB, idC}, ""},
		{"lines from a spreadsheet", idA + "\r\n" + idB + "\n\n" + idC + "\n", []string{idA, idB, idC}, ""},
		{"tabs", idA + "\t" + idB, []string{idA, idB}, ""},
		{"chinese separators", idA + "，" + idB + "；" + idC + "、" + idA, []string{idA, idB, idC}, "1 repeated id counted once"},
		{"quoted csv", `"` + idA + `","` + idB + `"`, []string{idA, idB}, ""},
		{"full-width digits", "９０００００１２３４５６７８９０１２３", []string{idA}, ""},
		{"junk named", "abc " + idA + " 12", []string{idA}, "ignored 2 entries that are not order ids: abc, 12"},
		{"one junk", idA + " x", []string{idA}, "ignored 1 entry that is not an order id: x"},
		{"lengths", "123456789012345 1234567890123456 12345678901234567890 123456789012345678901", []string{"1234567890123456", "12345678901234567890"},
			"ignored 2 entries that are not order ids: 123456789012345, 123456789012345678901"},
		{"prefixed", "#" + idA + " 订单号:" + idB, nil, "ignored 2 entries that are not order ids: #" + idA + ", 订单号:9000009876543210… (an order id is joined to other text there: put a space between them)"},
		{"some prefixed", "订单号：" + idA + " total " + idB, []string{idB}, "ignored 2 entries that are not order ids: 订单号：900000123456789…, total (in 1 of them an order id is joined to other text: put a space between them)"},
		{"a long number is not joined", "x" + strings.Repeat("1", 21), nil, "ignored 1 entry that is not an order id: x111111111111111111111"},
		{"dupes", idA + " " + idA + " " + idA, []string{idA}, "2 repeated ids counted once"},
		{"nothing", "   ,,; \n", nil, ""},
		{"escape codes are cleaned", "\x1b[31mred\x1b[0m " + idA, []string{idA}, "ignored 1 entry that is not an order id: red"},
		{"many junk", "a b c d e f g", nil, "ignored 7 entries that are not order ids: a, b, c, d, e and 2 more"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := parseOrderIDs(c.in)
			if !slices.Equal(p.ids, c.ids) {
				t.Errorf("ids %q, want %q", p.ids, c.ids)
			}
			if got := p.report(); got != c.report {
				t.Errorf("report %q\nwant   %q", got, c.report)
			}
		})
	}
}

func TestParseOrderIDsLongPastes(t *testing.T) {
	// 10,000 characters of digits and junk.
	var b strings.Builder
	for i := 0; b.Len() < 10000; i++ {
		if i%3 == 0 {
			b.WriteString("junk" + strings.Repeat("x", i%40) + "\n")
			continue
		}
		b.WriteString("90000012345678" + strings.Repeat("0", 5-len(itoa(i))) + itoa(i) + ", ")
	}
	p := parseOrderIDs(b.String())
	if len(p.ids) != maxSearchIDs || p.over == 0 {
		t.Fatalf("%d ids, %d over: the search is capped at %d", len(p.ids), p.over, maxSearchIDs)
	}
	if r := p.report(); !strings.Contains(r, "searched the first 100 ids") || len(p.junk) != junkShown {
		t.Errorf("report %q", r)
	}
	// One token of 10,000 digits, and one of 10,000 Chinese characters.
	for _, s := range []string{strings.Repeat("9", 10000), strings.Repeat("订", 10000)} {
		p := parseOrderIDs(s)
		if len(p.ids) != 0 || p.junkCount != 1 {
			t.Errorf("%d ids, %d junk", len(p.ids), p.junkCount)
		}
		if w := len(p.report()); w > 200 {
			t.Errorf("the report is %d bytes long", w)
		}
	}
}

func FuzzParseOrderIDs(f *testing.F) {
	f.Add(idA + "," + idB + "\nabc")
	f.Add("９０００００１２３４５６７８９０１２３")
	f.Fuzz(func(t *testing.T, s string) {
		p := parseOrderIDs(s)
		seen := map[string]bool{}
		for _, id := range p.ids {
			if len(id) < minIDDigits || len(id) > maxIDDigits || strings.Trim(id, "0123456789") != "" || seen[id] {
				t.Fatalf("bad id %q", id)
			}
			seen[id] = true
		}
		if len(p.ids) > maxSearchIDs || strings.ContainsAny(p.report(), "\x1b\n") {
			t.Fatalf("%d ids, report %q", len(p.ids), p.report())
		}
	})
}
