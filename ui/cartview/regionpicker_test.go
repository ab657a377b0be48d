package cartview

import (
	"strings"
	"testing"

	"caigou/ui/common"
	"caigou/ui/uitest"

	tea "github.com/charmbracelet/bubbletea"
)

// openPicker presses enter on the form's Province field.
func openPicker(t *testing.T, f *addressForm) *regionPicker {
	t.Helper()
	f.focusOn(fProvince)
	p, ok := pushed(press(t, f, "enter")).(*regionPicker)
	if !ok {
		t.Fatal("enter on Province does not open the district picker")
	}
	p.SetSize(80, 21)
	uitest.Exec(t, p.Init())
	return p
}

// choose runs the picker's enter and hands what it sends back to the form.
func choose(t *testing.T, p *regionPicker, f *addressForm) bool {
	t.Helper()
	var popped, told bool
	for _, msg := range press(t, p, "enter") {
		switch msg := msg.(type) {
		case common.PopMsg:
			popped = true
		case regionChosen:
			told = msg.Page == f.ID()
			uitest.Run(t, update(f), msg)
		}
	}
	return popped && told
}

func TestRegionPickerBrowses(t *testing.T) {
	s := uitest.NewSession(t)
	f := newAddressForm(s.C, 99)
	f.SetSize(80, 21)
	p := openPicker(t, f)
	if !p.CapturesInput() || !strings.Contains(p.View(), "北京市") || !strings.Contains(p.View(), "中国") {
		t.Fatalf("the picker should start with the provinces:\n%s", p.View())
	}
	// Province → city → district, with arrows and enter.
	for strings.HasPrefix(p.list[p.cursor].Name, "广东") == false {
		press(t, p, "down")
	}
	if choose(t, p, f) || p.at == nil || p.at.Name != "广东省" {
		t.Fatalf("enter on 广东省 should open its cities, at %v", p.at)
	}
	uitest.Run(t, update(p), tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("广州")})
	if choose(t, p, f) || p.at.Name != "广州市" || p.filter.Value() != "" {
		t.Fatalf("广州 then enter should open 广州市: at %v, filter %q", p.at.Name, p.filter.Value())
	}
	// backspace on an empty filter goes back up, esc too; a level up
	// keeps the cursor where it came from.
	press(t, p, "backspace")
	if p.at.Name != "广东省" || p.list[p.cursor].Name != "广州市" {
		t.Fatalf("backspace: at %v, cursor on %v", p.at.Name, p.list[p.cursor].Name)
	}
	press(t, p, "enter")
	uitest.Run(t, update(p), tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("白云")})
	if len(p.list) != 1 {
		t.Fatalf("白云 within 广州市 finds %d", len(p.list))
	}
	if !choose(t, p, f) {
		t.Fatal("enter on a district should close the picker and tell the form")
	}
	for i, want := range map[int]string{fProvince: "广东省", fCity: "广州市", fDistrict: "白云区", fDistrictCode: "440111"} {
		if got := f.in[i].Value(); got != want {
			t.Errorf("%s = %q, want %q", label(i), got, want)
		}
	}
	if f.focus != fStreet {
		t.Errorf("after the pick the street should have focus, not %s", label(f.focus))
	}
}

func TestRegionPickerSearchesTheCountry(t *testing.T) {
	s := uitest.NewSession(t)
	f := newAddressForm(s.C, 99)
	f.SetSize(80, 21)
	p := openPicker(t, f)
	uitest.Run(t, update(p), tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("朝阳")})
	v := p.View()
	for _, w := range []string{"北京市 (城区) 朝阳区", "110105", "辽宁省 朝阳市 ›"} {
		if !strings.Contains(v, w) {
			t.Errorf("朝阳 should list %q:\n%s", w, v)
		}
	}
	for p.list[p.cursor].Code != "110105" {
		press(t, p, "down")
	}
	if !choose(t, p, f) {
		t.Fatal("no pick")
	}
	// A municipality's district: the city is the municipality.
	if f.in[fCity].Value() != "北京市" || f.in[fDistrictCode].Value() != "110105" {
		t.Errorf("picked %q %q", f.in[fCity].Value(), f.in[fDistrictCode].Value())
	}
	// Opened again it starts at the chosen city, on the chosen district.
	p = openPicker(t, f)
	if p.at == nil || p.at.Code != "1101" || p.list[p.cursor].Code != "110105" {
		t.Errorf("reopened at %v on %v", p.at, p.list[p.cursor].Code)
	}
	// esc clears a filter, then climbs, then cancels without a pick.
	uitest.Run(t, update(p), tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("zz")})
	if !strings.Contains(p.View(), "Nothing matches") {
		t.Errorf("no match should say so:\n%s", p.View())
	}
	press(t, p, "esc")
	press(t, p, "esc")
	press(t, p, "esc")
	out := press(t, p, "esc")
	if len(out) != 1 {
		t.Fatalf("esc at the top: %v", out)
	}
	if _, ok := out[0].(common.PopMsg); !ok {
		t.Fatalf("esc at the top should close the picker: %v", out)
	}
	if f.in[fDistrictCode].Value() != "110105" {
		t.Error("cancelling changed the pick")
	}
	for _, size := range [][2]int{{80, 24}, {60, 13}, {200, 50}} {
		p.SetSize(size[0], size[1])
		fits(t, p, size[0], size[1], "picker")
	}
}

// A code typed by hand still works (the table is from 2022; a newer code
// must not be refused).
func TestDistrictCodeTypedByHand(t *testing.T) {
	s := uitest.NewSession(t)
	f := newAddressForm(s.C, 99)
	f.focusOn(fDistrictCode)
	uitest.Run(t, update(f), tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("440199")})
	if _, err := checkAddress(f.address()); err == nil || !strings.Contains(err.Error(), "Recipient") {
		t.Fatalf("a typed code: %v", err)
	}
}

func TestFormFooterSaysWhatEnterDoes(t *testing.T) {
	s := uitest.NewSession(t)
	f := newAddressForm(s.C, 99)
	help := func() string { return f.ShortHelp()[1].Help().Desc }
	if !strings.Contains(help(), "next field") {
		t.Errorf("on the name: %q", help())
	}
	f.focusOn(fCity)
	if !strings.Contains(help(), "choose the district") {
		t.Errorf("on the city: %q", help())
	}
}
