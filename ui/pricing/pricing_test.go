package pricing

import (
	"math"
	"strings"
	"testing"

	"caigou/xport"
)

func ladder() []Tier {
	return []Tier{{2, 1250}, {10, 1180}, {50, 1090}}
}

func TestTiersSortsAndNormalises(t *testing.T) {
	got := Tiers([]xport.PriceRange{
		{StartQuantity: 50, Price: 1090},
		{StartQuantity: 0, Price: 1300},
		{StartQuantity: 10, Price: 1200},
		{StartQuantity: 10, Price: 1180},
	})
	want := []Tier{{1, 1300}, {10, 1180}, {50, 1090}}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("tier %d = %v, want %v", i, got[i], want[i])
		}
	}
}

func TestUnitPrice(t *testing.T) {
	cases := []struct {
		name      string
		quoteType int64
		tiers     []Tier
		sku       xport.Fen
		qty       int64
		want      Price
	}{
		{"qt0 first tier", 0, ladder(), 0, 2, Price{1250, 0, false, true}},
		{"qt0 inside first", 0, ladder(), 0, 9, Price{1250, 0, false, true}},
		{"qt0 at second start", 0, ladder(), 0, 10, Price{1180, 1, false, true}},
		{"qt0 top tier", 0, ladder(), 0, 5000, Price{1090, 2, false, true}},
		{"qt2 ignores sku price", 2, ladder(), 999, 50, Price{1090, 2, false, true}},
		{"qt2 below first tier (mixed batch)", 2, ladder(), 0, 1, Price{1250, 0, true, true}},
		{"qt1 sku own price", 1, ladder(), 1399, 50, Price{1399, -1, false, true}},
		{"qt1 sku without price", 1, ladder(), 0, 50, Price{0, -1, false, false}},
		{"qt0 no tiers uses sku", 0, nil, 800, 3, Price{800, -1, false, true}},
		{"qt0 nothing known", 0, nil, 0, 3, Price{0, -1, false, false}},
		{"zero tier price refused", 0, []Tier{{1, 0}}, 0, 3, Price{0, 0, false, false}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := UnitPrice(c.quoteType, c.tiers, c.sku, c.qty); got != c.want {
				t.Errorf("UnitPrice = %+v, want %+v", got, c.want)
			}
		})
	}
}

func TestTierLabel(t *testing.T) {
	cases := []struct {
		t    Tier
		next int64
		want string
	}{
		{Tier{2, 0}, 10, "2–9"},
		{Tier{10, 0}, 50, "10–49"},
		{Tier{50, 0}, 0, "≥50"},
		{Tier{5, 0}, 6, "5"},
	}
	for _, c := range cases {
		if got := TierLabel(c.t, c.next); got != c.want {
			t.Errorf("TierLabel(%v,%d) = %q, want %q", c.t, c.next, got, c.want)
		}
	}
}

func TestMoney(t *testing.T) {
	for f, want := range map[xport.Fen]string{
		0: "¥0.00", 5: "¥0.05", 123400: "¥1,234.00", 99999999: "¥999,999.99",
		100000000: "¥1,000,000.00", -123456: "-¥1,234.56",
	} {
		if got := Money(f); got != want {
			t.Errorf("Money(%d) = %q, want %q", f, got, want)
		}
	}
}

func rules(moq, batch, stock int64, mix bool) Rules {
	m := Mix{}
	if mix {
		m = Mix{Enabled: true, Number: 30, Amount: 30000}
	}
	return NewRules(moq, batch, 0, stock, m, "红色/M", "")
}

func TestCheck(t *testing.T) {
	cases := []struct {
		name string
		r    Rules
		q    int64
		want string // "" = valid; else a fragment of the reason
	}{
		{"valid", rules(10, 5, 100, false), 15, ""},
		{"zero", rules(10, 5, 100, false), 0, "above zero"},
		{"negative", rules(10, 5, 100, false), -5, "above zero"},
		{"not a multiple", rules(10, 5, 100, false), 12, "12 is not a multiple of the lot size 5: try 10 or 15"},
		{"not a multiple under moq", rules(10, 5, 100, false), 7, "7 is not a multiple of the lot size 5: try 10"},
		{"not a multiple over stock", rules(10, 5, 12, false), 12, "try 10"},
		{"below moq", rules(10, 5, 100, false), 5, "minimum order is 10"},
		{"below moq mixed", rules(10, 5, 100, true), 5, ""},
		{"over stock", rules(10, 5, 40, false), 45, "only 40 in stock for 红色/M: order 40 or fewer"},
		{"over stock off the lot", rules(10, 5, 43, false), 45, "only 43 in stock for 红色/M: order 40 or fewer"},
		{"over stock below the minimum", rules(10, 5, 8, false), 10, "only 8 in stock for 红色/M, below the minimum order of 10: choose another SKU or supplier"},
		{"over stock, int64 max", rules(1, 1, 40, false), math.MaxInt64, "order 40 or fewer"},
		{"out of stock", rules(10, 5, 0, false), 10, "红色/M is out of stock"},
		{"unknown stock", rules(10, 5, -1, false), 5 << 40, ""},
		{"moq not aligned", rules(12, 5, 100, false), 10, "minimum order is 15"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.r.Check(c.q)
			switch {
			case c.want == "" && err != nil:
				t.Errorf("Check(%d) = %v, want valid", c.q, err)
			case c.want != "" && err == nil:
				t.Errorf("Check(%d) valid, want %q", c.q, c.want)
			case c.want != "" && !strings.Contains(err.Error(), c.want):
				t.Errorf("Check(%d) = %q, want it to contain %q", c.q, err, c.want)
			}
		})
	}
}

func TestSteps(t *testing.T) {
	cases := []struct {
		name     string
		r        Rules
		q        int64
		up       bool
		want     int64
		fragment string
	}{
		{"up a lot", rules(10, 5, 100, false), 10, true, 15, ""},
		{"up rounds to lot", rules(10, 5, 100, false), 12, true, 15, ""},
		{"up from below moq", rules(10, 5, 100, false), 0, true, 10, ""},
		{"up past stock", rules(10, 5, 40, false), 40, true, 40, "only 40 in stock"},
		{"up at int64 max", rules(1, 1, -1, false), math.MaxInt64, true, math.MaxInt64, "more than can be ordered"},
		{"down a lot", rules(10, 5, 100, false), 20, false, 15, ""},
		{"down at moq", rules(10, 5, 100, false), 10, false, 10, "minimum order is 10"},
		{"down below moq mixed", rules(10, 5, 100, true), 10, false, 5, ""},
		{"down at one lot mixed", rules(10, 5, 100, true), 5, false, 5, "one lot (5)"},
		{"down rounds to lot", rules(10, 5, 100, false), 17, false, 15, ""},
		{"down from over stock", rules(10, 5, 22, false), 50, false, 20, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			step := c.r.Prev
			if c.up {
				step = c.r.Next
			}
			got, err := step(c.q)
			if got != c.want {
				t.Errorf("got %d, want %d", got, c.want)
			}
			if (err != nil) != (c.fragment != "") || (err != nil && !strings.Contains(err.Error(), c.fragment)) {
				t.Errorf("err = %v, want %q", err, c.fragment)
			}
		})
	}
}

func TestInitialAndFit(t *testing.T) {
	if q, err := rules(10, 5, 100, false).Initial(); q != 10 || err != nil {
		t.Errorf("Initial = %d, %v", q, err)
	}
	if q, err := rules(12, 5, 100, false).Initial(); q != 15 || err != nil {
		t.Errorf("unaligned MOQ: Initial = %d, %v", q, err)
	}
	if _, err := rules(10, 5, 8, false).Initial(); err == nil || !strings.Contains(err.Error(), "below the minimum order of 10") {
		t.Errorf("short stock: %v", err)
	}
	if q, err := rules(10, 5, 8, true).Initial(); q != 5 || err != nil {
		t.Errorf("short stock, mixed: %d, %v", q, err)
	}
	if q, err := NewRules(0, 0, 3, -1, Mix{}, "", "").Initial(); q != 3 || err != nil {
		t.Errorf("MOQ from the first tier: %d, %v", q, err)
	}
	if q, _ := rules(10, 5, 22, false).Fit(50); q != 20 {
		t.Errorf("Fit(50) with 22 in stock = %d, want 20", q)
	}
	if q, _ := rules(10, 5, 100, false).Fit(35); q != 35 {
		t.Errorf("Fit keeps a valid quantity: %d", q)
	}
}

func TestWarning(t *testing.T) {
	r := rules(10, 5, 100, true)
	w := r.Warning(5)
	if !strings.Contains(w, "30 pieces or ¥300.00") {
		t.Errorf("warning %q does not state the threshold", w)
	}
	if r.Warning(10) != "" || rules(10, 5, 100, false).Warning(5) != "" {
		t.Error("warning where none is due")
	}
}

func TestParseQuantity(t *testing.T) {
	cases := []struct {
		in       string
		want     int64
		fragment string
	}{
		{"10", 10, ""},
		{" 1,000 ", 1000, ""},
		{"１５", 15, ""},
		{"0", 0, ""},
		{"-5", 0, "-5 is not a quantity: it must be above zero; type how many you want, like 10"},
		{"-0", 0, ""},
		{"+7", 7, ""},
		{"1.5", 0, `"1.5" is not a number: type digits only, like 10`},
		{"十", 0, "not a number"},
		{"12箱", 0, "not a number"},
		{"abc", 0, "not a number"},
		{"1e3", 0, "not a number"},
		{"", 0, "type a quantity"},
		{"9223372036854775807", math.MaxInt64, ""},
		{"9223372036854775808", 0, "9223372036854775808 is more than can ever be ordered: type a smaller number"},
		{"99999999999999999999999", 0, "more than can ever be ordered"},
	}
	for _, c := range cases {
		got, err := ParseQuantity(c.in)
		if got != c.want || (err != nil) != (c.fragment != "") || (err != nil && !strings.Contains(err.Error(), c.fragment)) {
			t.Errorf("ParseQuantity(%q) = %d, %v; want %d, %q", c.in, got, err, c.want, c.fragment)
		}
	}
}

func TestWords(t *testing.T) {
	cases := map[string]string{
		Units(10, ""):       "10 pieces",
		Units(1, "piece"):   "1 piece",
		Units(3, "box"):     "3 boxes",
		Units(3, "pairs"):   "3 pairs",
		Units(2, "件"):       "2 件",
		Units(4, "dozen"):   "4 dozens",
		Units(5, "Set"):     "5 Sets",
		Units(2, "battery"): "2 batteries",
	}
	for got, want := range cases {
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
	lines := Explain(NewRules(10, 5, 0, -1, Mix{Enabled: true, Number: 30, Amount: 30000}, "", ""))
	want := []string{
		"Minimum order: 10 pieces.",
		"Sold in lots of 5 (order 10, 15, 20 …).",
		"Mixed batch: this seller lets you mix products to reach 30 pieces or ¥300.00 in one order.",
	}
	for i := range want {
		if lines[i] != want[i] {
			t.Errorf("line %d = %q, want %q", i, lines[i], want[i])
		}
	}
	if got := MixOf(xport.MixSetting{GeneralHunpi: true}); got.Enabled {
		t.Error("a mixed-batch rule without a threshold must not count")
	}
}
