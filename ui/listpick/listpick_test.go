package listpick

import (
	"context"
	"strings"
	"testing"

	"caigou/ui/common"
	"caigou/ui/sanitize"
	"caigou/ui/sourcing"
	"caigou/ui/uitest"

	tea "github.com/charmbracelet/bubbletea"
)

func TestMain(m *testing.M) { uitest.Main(m) }

func update(p common.Page) func(tea.Msg) tea.Cmd {
	return func(msg tea.Msg) tea.Cmd {
		_, cmd := p.Update(msg)
		return cmd
	}
}

func press(t *testing.T, p *Page, k string) []tea.Msg {
	t.Helper()
	return uitest.Run(t, update(p), uitest.Key(k))
}

func typeText(t *testing.T, p *Page, s string) {
	t.Helper()
	uitest.Run(t, update(p), tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)})
}

func statusOf(msgs []tea.Msg) (string, bool) {
	var out []string
	popped := false
	for _, m := range msgs {
		switch m := m.(type) {
		case common.StatusMsg:
			out = append(out, m.Text)
		case common.ErrorMsg:
			out = append(out, m.What+": "+m.Err.Error())
		case common.PopMsg:
			popped = true
		}
	}
	return strings.Join(out, " | "), popped
}

var offer = Offer{Candidate: sourcing.Candidate{OfferID: "610000000001", SpecID: "s1", Info: sourcing.Info{Title: "iPhone 15 手机壳 硅胶 防摔", SKU: "黑色"}}, MOQ: 100}

// Keys only: a new list, a new item in it (named from the title, the MOQ
// as the target to edit), and the offer lands there.
func TestNewListNewItemAndAdd(t *testing.T) {
	s := uitest.NewSession(t)
	st := s.WithLists(t)
	p := New(s.C, offer)
	p.SetSize(80, 20)
	uitest.Drain(t, update(p), p.Init())
	if !strings.Contains(p.View(), "＋ New list…") {
		t.Fatalf("no lists yet: the new-list row should show:\n%s", p.View())
	}
	press(t, p, "enter")
	if !p.CapturesInput() {
		t.Fatal("enter on the new-list row should ask for its name")
	}
	typeText(t, p, "Client A — cases")
	st1, _ := statusOf(press(t, p, "enter"))
	if !strings.Contains(st1, "Made the list «Client A — cases»") || p.stage != chooseItem {
		t.Fatalf("after the name: %q, stage %d", st1, p.stage)
	}
	press(t, p, "n")
	if got := p.in.Value(); !strings.HasPrefix(got, "iPhone 15") {
		t.Fatalf("the item's name should start from the title, got %q", got)
	}
	p.in.SetValue("")
	typeText(t, p, "iPhone 15 case")
	press(t, p, "enter")
	if p.in.Value() != "100" {
		t.Fatalf("the target should start at the MOQ, got %q", p.in.Value())
	}
	p.in.SetValue("")
	typeText(t, p, "１,０００") // a Chinese keyboard's digits, with a separator
	status, popped := statusOf(press(t, p, "enter"))
	if !popped || !strings.Contains(status, "Added to Client A — cases › iPhone 15 case: 1 candidate now.") {
		t.Fatalf("status %q, popped %v", status, popped)
	}
	lists, _ := st.Lists(context.Background(), false)
	items, _ := st.Items(context.Background(), lists[0].ID)
	if len(items) != 1 || items[0].Target != 1000 || len(items[0].Candidates) != 1 || items[0].Candidates[0].SpecID != "s1" {
		t.Fatalf("kept %+v", items)
	}

	// Again, onto the same item: said, not doubled.
	p = New(s.C, offer)
	p.SetSize(80, 20)
	uitest.Drain(t, update(p), p.Init())
	// The cursor starts on the list changed last and its first item.
	press(t, p, "enter")
	status, popped = statusOf(press(t, p, "enter"))
	if !popped || !strings.Contains(status, "Already a candidate of Client A — cases › iPhone 15 case") {
		t.Fatalf("twice: %q", status)
	}
}

func TestEscBacksOutAndNothingIsKept(t *testing.T) {
	s := uitest.NewSession(t)
	st := s.WithLists(t)
	p := New(s.C, offer)
	p.SetSize(80, 20)
	uitest.Drain(t, update(p), p.Init())
	press(t, p, "n")
	typeText(t, p, "half typed")
	press(t, p, "esc")
	if p.CapturesInput() {
		t.Fatal("esc should close the name box")
	}
	if _, popped := statusOf(press(t, p, "esc")); !popped {
		t.Fatal("esc on the lists should close the picker")
	}
	if ls, _ := st.Lists(context.Background(), false); len(ls) != 0 {
		t.Fatalf("a list was made: %+v", ls)
	}
	// Without a database the key says why instead of opening.
	s.C.Sourcing = nil
	msgs := uitest.Exec(t, Open(s.C, offer))
	if st, _ := statusOf(msgs); !strings.Contains(st, "state database") {
		t.Fatalf("no database: %q", st)
	}
}

func TestPickerFits(t *testing.T) {
	s := uitest.NewSession(t)
	st := s.WithLists(t)
	for i := 0; i < 30; i++ {
		st.CreateList(context.Background(), strings.Repeat("很长的客户名", 6)+string(rune('A'+i)))
	}
	for _, size := range [][2]int{{80, 21}, {60, 13}, {200, 47}} {
		p := New(s.C, offer)
		p.SetSize(size[0], size[1])
		uitest.Drain(t, update(p), p.Init())
		press(t, p, "G")
		v := p.View()
		lines := strings.Split(v, "\n")
		if len(lines) > size[1] || !strings.Contains(v, "▶") {
			t.Fatalf("%dx%d: %d lines, cursor shown %v:\n%s", size[0], size[1], len(lines), strings.Contains(v, "▶"), v)
		}
		for _, l := range lines {
			if w := sanitize.Width(l); w > size[0] {
				t.Fatalf("%dx%d: a line of %d cells: %q", size[0], size[1], w, l)
			}
		}
	}
}
