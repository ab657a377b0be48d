package region

import (
	"strings"
	"testing"
)

func TestTableIsWhole(t *testing.T) {
	tb := Load()
	if len(tb.Provinces) != 31 {
		t.Fatalf("%d provinces, want 31 (mainland)", len(tb.Provinces))
	}
	if n := len(tb.districts); n < 2900 {
		t.Fatalf("only %d districts", n)
	}
	for _, p := range tb.Provinces {
		if len(p.Sub) == 0 {
			t.Errorf("%s has no cities", p.Name)
		}
		for _, c := range p.Sub {
			if len(c.Sub) == 0 {
				t.Errorf("%s %s has no districts: nothing to choose", p.Name, c.Name)
			}
		}
	}
}

func TestNamesAsOnAWaybill(t *testing.T) {
	tb := Load()
	for code, want := range map[string]string{
		"440111": "广东省/广州市/白云区",
		"110105": "北京市/北京市/朝阳区", // a municipality's 市辖区 is not a city
		"500229": "重庆市/重庆市/城口县", // nor its 县
		"419001": "河南省/济源市/",    // a county-level city under the province
		"441900": "广东省/东莞市/东莞市", // a city without districts
	} {
		d := tb.District(code)
		if d == nil {
			t.Fatalf("%s is not in the table", code)
		}
		p, c, di := d.Names()
		if got := p + "/" + c + "/" + di; got != want {
			t.Errorf("%s: %s, want %s", code, got, want)
		}
	}
	if tb.District("440100") != nil || tb.District("999999") != nil || tb.District("44") != nil {
		t.Error("only a 6-digit code in the table is a district")
	}
}

func TestSearch(t *testing.T) {
	tb := Load()
	got := tb.Search(nil, "白云", 10)
	var paths []string
	for _, d := range got {
		paths = append(paths, d.Path()+" "+d.Code)
	}
	s := strings.Join(paths, "\n")
	for _, w := range []string{"广东省 广州市 白云区 440111", "贵州省 贵阳市 白云区 520113"} {
		if !strings.Contains(s, w) {
			t.Errorf("白云 should find %q:\n%s", w, s)
		}
	}
	// Cities before their districts; codes by prefix; within a level.
	if g := tb.Search(nil, "广州", 3); len(g) == 0 || g[0].Code != "4401" {
		t.Errorf("广州 should list the city first: %v", g)
	}
	if g := tb.Search(nil, "4401", 50); len(g) == 0 || g[0].Code != "4401" || !strings.HasPrefix(g[len(g)-1].Code, "4401") {
		t.Errorf("4401 by code: %v", g)
	}
	gd := tb.byCode["44"]
	for _, d := range tb.Search(gd, "区", 500) {
		if !strings.HasPrefix(d.Code, "44") {
			t.Fatalf("search within 广东省 found %s %s", d.Code, d.Name)
		}
	}
	if len(tb.Search(nil, "", 10)) != 0 || len(tb.Search(nil, "白云", 0)) != 0 {
		t.Error("an empty text or limit finds nothing")
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		Load()
	}
}

func BenchmarkSearch(b *testing.B) {
	tb := Load()
	for b.Loop() {
		tb.Search(nil, "白云", 20)
	}
}
