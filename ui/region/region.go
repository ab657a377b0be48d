// Package region is China's administrative divisions (GB/T 2260), embedded
// so an address's district code is chosen from a list, not typed by hand:
// a wrong code sends freight estimates and parcels to the wrong county.
package region

import (
	_ "embed"
	"strings"
)

// divisions holds one division per line, "code name", sorted by code:
// provinces have 2 digits, cities 4 and districts 6. The codes are the
// National Bureau of Statistics' as of 2022-10-31; a newer code typed by
// hand is still accepted by the address form.
//
//go:embed divisions.txt
var divisions string

// Division is one province, city or district.
type Division struct {
	Code string // 2, 4 or 6 digits
	Name string
	// Sub are the cities of a province or the districts of a city.
	Sub []*Division
	// Up is the province of a city or the city of a district.
	Up *Division
}

// Table is the whole tree. It is read once per address form from the
// embedded text (a few hundred microseconds), and never changed after.
type Table struct {
	Provinces []*Division
	byCode    map[string]*Division
	// every city and every district, in code order, for Search
	cities, districts []*Division
}

// Load reads the embedded table.
func Load() *Table {
	t := &Table{byCode: make(map[string]*Division, 3400)}
	for _, line := range strings.Split(divisions, "\n") {
		code, name, ok := strings.Cut(line, " ")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		d := &Division{Code: code, Name: name}
		t.byCode[code] = d
		switch len(code) {
		case 2:
			t.Provinces = append(t.Provinces, d)
		case 4, 6:
			up := t.byCode[code[:len(code)-2]]
			if up == nil {
				continue // the file is sorted: a parent always comes first
			}
			d.Up = up
			up.Sub = append(up.Sub, d)
			if len(code) == 6 {
				t.districts = append(t.districts, d)
			} else {
				t.cities = append(t.cities, d)
			}
		}
	}
	return t
}

// Division is the province, city or district of a 2-, 4- or 6-digit code,
// or nil.
func (t *Table) Division(code string) *Division { return t.byCode[code] }

// District is the district of a 6-digit code, or nil when the table does
// not have it (a code newer than the table, or a typo).
func (t *Table) District(code string) *Division {
	if d := t.byCode[code]; d != nil && len(d.Code) == 6 {
		return d
	}
	return nil
}

// Names are what a waybill says for a district: province, city and
// district. A city that is only a grouping (a municipality's "市辖区" or
// "县", a province's "省直辖县级行政区划") is not a city anyone writes: the
// municipality's name stands for it, or the county-level city itself.
func (d *Division) Names() (province, city, district string) {
	c := d.Up
	p := c.Up
	switch {
	case c.Name == "市辖区" || c.Name == "县":
		return p.Name, p.Name, d.Name
	case strings.Contains(c.Name, "直辖"):
		return p.Name, d.Name, ""
	}
	return p.Name, c.Name, d.Name
}

// Label is the division's name for a list: a city that is only a
// grouping is named by what it groups.
func (d *Division) Label() string {
	if len(d.Code) == 4 && d.Up != nil {
		switch {
		case d.Name == "市辖区":
			return d.Up.Name + " (城区)"
		case d.Name == "县":
			return d.Up.Name + " (县)"
		case strings.Contains(d.Name, "直辖"):
			return "直辖县级市 (county-level cities)"
		}
	}
	return d.Name
}

// Path is "广东省 广州市 白云区" for a district, shorter for the levels above.
func (d *Division) Path() string {
	var parts []string
	for x := d; x != nil; x = x.Up {
		parts = append([]string{x.Label()}, parts...)
	}
	return strings.Join(parts, " ")
}

// Search finds the divisions whose name or code matches text, at every
// level under within (nil: the whole country): names containing it, codes
// starting with it. Provinces come first, then cities, then districts, so
// "广州" lists the city before its districts; at most limit are returned.
func (t *Table) Search(within *Division, text string, limit int) []*Division {
	text = strings.TrimSpace(text)
	if text == "" || limit <= 0 {
		return nil
	}
	digits := strings.Trim(text, "0123456789") == ""
	match := func(d *Division) bool {
		if digits {
			return strings.HasPrefix(d.Code, text)
		}
		return strings.Contains(d.Name, text) || strings.Contains(d.Label(), text)
	}
	inside := func(d *Division) bool {
		return within == nil || strings.HasPrefix(d.Code, within.Code)
	}
	var out []*Division
	for _, level := range [][]*Division{t.Provinces, t.cities, t.districts} {
		for _, d := range level {
			if len(out) == limit {
				return out
			}
			if d != within && inside(d) && match(d) {
				out = append(out, d)
			}
		}
	}
	return out
}
