package cartview

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"caigou/ui/common"
	"caigou/ui/keys"
	"caigou/ui/region"
	"caigou/ui/sanitize"
	"caigou/xport"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// The form's fields, in the order a Chinese address is written on a
// waybill; the four of the region are filled together by the picker.
const (
	fName = iota
	fMobile
	fProvince
	fCity
	fDistrict
	fDistrictCode
	fStreet
	fPostCode
	nFields
)

// regionField is a field the district picker fills.
func regionField(i int) bool { return i >= fProvince && i <= fDistrictCode }

// label names a field in both languages: agents read English, the
// address is written in Chinese.
func label(i int) string {
	switch i {
	case fName:
		return "Recipient 收件人"
	case fMobile:
		return "Mobile 手机"
	case fProvince:
		return "Province 省"
	case fCity:
		return "City 市"
	case fDistrict:
		return "District 区/县"
	case fStreet:
		return "Street address 详细地址"
	case fDistrictCode:
		return "District code 地区编码"
	case fPostCode:
		return "Post code 邮编"
	}
	return ""
}

func hint(i int) string {
	switch i {
	case fMobile:
		return "11 digits, starting with 1"
	case fProvince, fCity, fDistrict:
		return "enter: choose from the list"
	case fDistrictCode:
		return "enter: choose from the list (or type 6 digits)"
	case fPostCode:
		return "optional, 6 digits"
	}
	return ""
}

// maxStreet is 1688's limit on the address text of an order.
const maxStreet = 200

// maxField bounds the other text fields; maxFieldInput what a box holds.
const (
	maxField      = 100
	maxFieldInput = 20_000
)

type addressSaved struct {
	common.Reply
	id   string
	addr xport.Address
	err  error
}

// addressForm adds a shipping address to the account.
type addressForm struct {
	c      *common.Common
	id     int
	parent int
	req    *common.Requests
	w, h   int
	in     [nFields]textinput.Model
	focus  int
	saving bool
	err    string
	// regions is the district table, read when the picker first opens.
	regions *region.Table
}

func newAddressForm(c *common.Common, parent int) *addressForm {
	f := &addressForm{c: c, id: c.NextID(), parent: parent, req: common.NewRequests(c.Ctx)}
	for i := range f.in {
		t := textinput.New()
		t.Cursor.SetMode(cursor.CursorStatic) // no redraws over SSH for a blink
		t.Prompt = ""
		t.Placeholder = hint(i)
		// Far above any field's limit: a paste lands whole, and the check
		// says how much too long it is, instead of the box cutting it
		// silently (a warehouse code at the end of a street was lost).
		t.CharLimit = maxFieldInput
		f.in[i] = t
	}
	return f
}

func (f *addressForm) ID() int             { return f.id }
func (f *addressForm) Title() string       { return "New address" }
func (f *addressForm) CapturesInput() bool { return true }
func (f *addressForm) Close()              { f.req.Close() }
func (f *addressForm) Init() tea.Cmd       { return f.in[f.focus].Focus() }

func (f *addressForm) SetSize(w, h int) {
	f.w, f.h = w, h
	for i := range f.in {
		f.in[i].Width = max(w-labelW-4, 10)
	}
}

const labelW = 26

func (f *addressForm) ShortHelp() []key.Binding {
	k := f.c.Keys
	return []key.Binding{
		key.NewBinding(key.WithKeys("tab"), key.WithHelp(k.Get(keys.NextPane).Help().Key+"/"+k.Get(keys.PrevPane).Help().Key, "next/previous field")),
		f.enterHelp(),
		key.NewBinding(key.WithKeys("esc"), key.WithHelp(k.Get(keys.Back).Help().Key, "cancel")),
	}
}

// enterHelp says what enter does in the focused field.
func (f *addressForm) enterHelp() key.Binding {
	what := "next field; saves on the last"
	if regionField(f.focus) {
		what = "choose the district from a list"
	}
	return key.NewBinding(key.WithKeys("enter"), key.WithHelp(f.c.Keys.Get(keys.Open).Help().Key, what))
}

func (f *addressForm) FullHelp() [][]key.Binding { return [][]key.Binding{f.ShortHelp()} }

func (f *addressForm) Update(msg tea.Msg) (common.Page, tea.Cmd) {
	switch msg := msg.(type) {
	case addressSaved:
		return f, f.onSaved(msg)
	case regionChosen:
		return f, f.onRegion(msg.d)
	case tea.KeyMsg:
		return f, f.key(msg)
	}
	return f, nil
}

func (f *addressForm) key(msg tea.KeyMsg) tea.Cmd {
	k := f.c.Keys
	switch {
	case k.Matches(msg, keys.Back):
		return common.Pop()
	case k.Matches(msg, keys.NextPane) || msg.Type == tea.KeyDown:
		return f.focusOn(f.focus + 1)
	case k.Matches(msg, keys.PrevPane) || msg.Type == tea.KeyUp:
		return f.focusOn(f.focus - 1)
	case k.Matches(msg, keys.Open) && regionField(f.focus) && !f.saving:
		if f.regions == nil {
			f.regions = region.Load()
		}
		return common.Push(newRegionPicker(f.c, f.id, f.regions, f.value(fDistrictCode)))
	case k.Matches(msg, keys.Open):
		if f.focus < nFields-1 {
			return f.focusOn(f.focus + 1)
		}
		return f.submit()
	}
	if f.saving {
		// The fields are what is being sent; they wait for the answer.
		return nil
	}
	var cmd tea.Cmd
	before := f.in[f.focus].Value()
	f.in[f.focus], cmd = f.in[f.focus].Update(msg)
	if f.in[f.focus].Value() != before {
		// The complaint was about what was there; it is being fixed, and a
		// stale "is required" beside a filled field misleads.
		f.err = ""
	}
	return cmd
}

// onRegion fills the four region fields from the picker and goes on to
// the street, the next thing to type.
func (f *addressForm) onRegion(d *region.Division) tea.Cmd {
	prov, city, district := d.Names()
	f.in[fProvince].SetValue(prov)
	f.in[fCity].SetValue(city)
	f.in[fDistrict].SetValue(district)
	f.in[fDistrictCode].SetValue(d.Code)
	f.err = ""
	return f.focusOn(fStreet)
}

func (f *addressForm) focusOn(i int) tea.Cmd {
	i = (i + nFields) % nFields
	f.in[f.focus].Blur()
	f.focus = i
	return f.in[i].Focus()
}

func (f *addressForm) value(i int) string { return strings.TrimSpace(sanitize.Line(f.in[i].Value())) }

func (f *addressForm) address() xport.Address {
	return xport.Address{
		Name:         xport.Text(f.value(fName)),
		Phone:        xport.Text(normalizePhone(f.value(fMobile))),
		Province:     xport.Text(f.value(fProvince)),
		City:         xport.Text(f.value(fCity)),
		District:     xport.Text(f.value(fDistrict)),
		Address:      xport.Text(f.value(fStreet)),
		DistrictCode: xport.Text(f.value(fDistrictCode)),
		PostCode:     xport.Text(f.value(fPostCode)),
	}
}

// normalizePhone reads a mobile number as people write and paste it:
// "+86 138-0000-1688", "(0086) 138 0000 1688", full-width digits. The
// country code goes; what is left is checked as 11 digits.
func normalizePhone(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= '０' && r <= '９':
			b.WriteRune('0' + (r - '０'))
		case r == '+' || r == '＋':
			b.WriteRune('+')
		case strings.ContainsRune(" -‐–—.()（）\u3000", r):
		default:
			b.WriteRune(r) // kept, so the check names what is wrong
		}
	}
	p := b.String()
	for _, cc := range []string{"+86", "0086"} {
		if rest, ok := strings.CutPrefix(p, cc); ok {
			return rest
		}
	}
	if len(p) == 13 && strings.HasPrefix(p, "861") {
		return p[2:]
	}
	return p
}

// submit checks the fields and saves the address, once: a second enter
// while saving sends nothing, and a failure is never retried by itself.
func (f *addressForm) submit() tea.Cmd {
	if f.saving {
		return common.Status(common.Info, "Saving the address…")
	}
	a := f.address()
	if i, err := checkAddress(a); err != nil {
		f.err = err.Error()
		return tea.Batch(f.focusOn(i), common.Status(common.Warn, f.err))
	}
	f.err = ""
	f.saving = true
	ctx, seq := f.req.Start("save")
	cl, r := marketOf(f.c), common.Reply{Page: f.id, Seq: seq}
	return func() tea.Msg {
		id, err := cl.SaveAddress(ctx, a)
		return addressSaved{Reply: r, id: id, addr: a, err: err}
	}
}

func (f *addressForm) onSaved(msg addressSaved) tea.Cmd {
	f.req.Done("save", msg.Seq)
	f.saving = false
	if msg.err != nil {
		f.err = "Not saved: " + sanitize.Line(msg.err.Error()) + ". Check the list before saving again: an answer that did not arrive may still have saved it."
		return common.Error("Saving the address", msg.err)
	}
	parent, who := f.parent, sanitize.Line(string(msg.addr.Name))
	added := addressAdded{Reply: common.Reply{Page: parent}, id: msg.id, addr: msg.addr}
	return tea.Sequence(common.Pop(), func() tea.Msg { return added },
		common.Status(common.OK, "Saved "+who+"'s address; press "+f.c.Keys.Get(keys.Open).Help().Key+" to ship there."))
}

// checkAddress names the first field that would be refused, and why, so
// the agent fixes it before anything is sent.
func checkAddress(a xport.Address) (int, error) {
	required := []struct {
		i int
		v xport.Text
	}{{fName, a.Name}, {fMobile, a.Phone}, {fProvince, a.Province}, {fCity, a.City}, {fStreet, a.Address}, {fDistrictCode, a.DistrictCode}}
	for _, r := range required {
		if r.v == "" {
			return r.i, fmt.Errorf("%s is required", label(r.i))
		}
	}
	if p := string(a.Phone); len(p) != 11 || p[0] != '1' || !allDigits(p) {
		return fMobile, fmt.Errorf("the mobile number %q must be 11 digits starting with 1, like 13800001688", p)
	}
	if c := string(a.DistrictCode); len(c) != 6 || !allDigits(c) {
		return fDistrictCode, fmt.Errorf("the district code %q must be 6 digits (the GB/T 2260 area code, e.g. 440111 for 广州市白云区)", c)
	}
	if pc := string(a.PostCode); pc != "" && (len(pc) != 6 || !allDigits(pc)) {
		return fPostCode, fmt.Errorf("the post code %q must be 6 digits, or left empty", pc)
	}
	if n := utf8.RuneCountInString(string(a.Name)); n > 50 {
		return fName, fmt.Errorf("the recipient's name has %d characters, %d more than the 50 1688 takes", n, n-50)
	}
	if n := utf8.RuneCountInString(string(a.Address)); n > maxStreet {
		return fStreet, fmt.Errorf("the street address has %d characters, %d more than the %d 1688 takes: shorten it (nothing was cut or saved)", n, n-maxStreet, maxStreet)
	}
	for _, i := range []int{fProvince, fCity, fDistrict} {
		v := []xport.Text{fProvince: a.Province, fCity: a.City, fDistrict: a.District}[i]
		if n := utf8.RuneCountInString(string(v)); n > maxField {
			return i, fmt.Errorf("%s has %d characters, %d more than %d", label(i), n, n-maxField, maxField)
		}
	}
	return 0, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func (f *addressForm) View() string {
	if f.w <= 0 || f.h <= 0 {
		return ""
	}
	s := f.c.Styles
	out := []string{s.Bold.Render(sanitize.Truncate("A new shipping address for the account. Fields in Chinese, as on a waybill.", f.w)), ""}
	for i := range f.in {
		mark := "  "
		if i == f.focus {
			mark = "▶ "
		}
		out = append(out, sanitize.Truncate(mark+sanitize.Pad(label(i), labelW)+f.in[i].View(), f.w))
	}
	out = append(out, "")
	switch {
	case f.saving:
		out = append(out, s.Muted.Render("Saving…"))
	case f.err != "":
		out = append(out, strings.Split(s.Error.Width(f.w).Render("! "+f.err), "\n")...)
	default:
		out = append(out, s.Muted.Render(sanitize.Truncate(f.c.Keys.Get(keys.Open).Help().Key+" on the last field saves the address.", f.w)))
	}
	if len(out) > f.h {
		out = out[:f.h]
	}
	return strings.Join(out, "\n")
}
