package sourcingview

import (
	"context"
	"strings"
	"testing"

	"caigou/ui/uitest"
)

// Keys only: make, rename, archive, delete and undo a list; nothing
// typed reaches a global key while the name box is open.
func TestListsKeys(t *testing.T) {
	s := uitest.NewSession(t)
	st := s.WithLists(t)
	p := NewLists(s.C)
	open(t, p, 80, 20)
	if !strings.Contains(p.View(), "No sourcing lists yet") {
		t.Fatalf("empty:\n%s", p.View())
	}
	press(t, p, "n")
	if !p.CapturesInput() {
		t.Fatal("n should open the name box")
	}
	typeText(t, p, "Client A q/c")
	if st := statusOf(press(t, p, "enter")); !strings.Contains(st, "Made the list «Client A q/c»") {
		t.Fatalf("status %q", st)
	}
	if !strings.Contains(p.View(), "▶ Client A q/c") {
		t.Fatalf("the new list should be under the cursor:\n%s", p.View())
	}
	press(t, p, "n")
	typeText(t, p, "Client A q/c")
	if st := statusOf(press(t, p, "enter")); !strings.Contains(st, "exists") {
		t.Fatalf("a second list of one name: %q", st)
	}
	press(t, p, "e")
	p.prompt.in.SetValue("")
	typeText(t, p, "Client A — cases")
	press(t, p, "enter")
	if !strings.Contains(p.View(), "Client A — cases") {
		t.Fatalf("rename:\n%s", p.View())
	}
	// Delete, and u brings it back.
	st1 := statusOf(press(t, p, "d"))
	if !strings.Contains(st1, "Deleted «Client A — cases»; u brings it back") || strings.Contains(p.View(), "Client A") {
		t.Fatalf("delete: %q\n%s", st1, p.View())
	}
	press(t, p, "u")
	if !strings.Contains(p.View(), "▶ Client A — cases") {
		t.Fatalf("undo:\n%s", p.View())
	}
	// Archive: gone from the active tab, shown under archived.
	press(t, p, "z")
	if strings.Contains(p.View(), "Client A") {
		t.Fatalf("archived still listed:\n%s", p.View())
	}
	press(t, p, "tab")
	if !strings.Contains(p.View(), "[archived]") || !strings.Contains(p.View(), "Client A — cases") {
		t.Fatalf("archived tab:\n%s", p.View())
	}
	ls, _ := st.Lists(context.Background(), true)
	if len(ls) != 1 || ls[0].Name != "Client A — cases" {
		t.Fatalf("stored %+v", ls)
	}
	// enter opens its items.
	if _, ok := pushed(press(t, p, "enter")).(*Items); !ok {
		t.Fatal("enter should open the list's items")
	}
	for _, size := range [][2]int{{80, 21}, {60, 13}, {200, 47}} {
		p.SetSize(size[0], size[1])
		fits(t, p, size[0], size[1], "lists")
	}
}

func TestItemsKeys(t *testing.T) {
	s := uitest.NewSession(t)
	st := s.WithLists(t)
	ctx := context.Background()
	id, _ := st.CreateList(ctx, "Client A")
	ls, _ := st.Lists(ctx, false)
	p := NewItems(s.C, ls[0])
	open(t, p, 80, 20)
	press(t, p, "n")
	typeText(t, p, "USB-C cable")
	press(t, p, "enter")
	typeText(t, p, "abc")
	if st := statusOf(press(t, p, "enter")); !strings.Contains(st, "how many pieces") || !p.CapturesInput() {
		t.Fatalf("a bad quantity: %q", st)
	}
	p.prompt.in.SetValue("")
	typeText(t, p, "1,000")
	press(t, p, "enter")
	typeText(t, p, "唛头 CG-01")
	press(t, p, "enter")
	items, _ := st.Items(ctx, id)
	if len(items) != 1 || items[0].Target != 1000 || items[0].Note != "唛头 CG-01" {
		t.Fatalf("kept %+v", items)
	}
	v := p.View()
	if !strings.Contains(v, "USB-C cable") || !strings.Contains(v, "1,000") || !strings.Contains(v, "唛头 CG-01") {
		t.Fatalf("view:\n%s", v)
	}
	// e edits; d deletes; u puts back.
	press(t, p, "e")
	press(t, p, "enter")
	p.prompt.in.SetValue("")
	typeText(t, p, "504")
	press(t, p, "enter")
	press(t, p, "enter")
	if items, _ := st.Items(ctx, id); items[0].Target != 504 {
		t.Fatalf("edit kept %+v", items)
	}
	press(t, p, "d")
	if items, _ := st.Items(ctx, id); len(items) != 0 {
		t.Fatal("d did not delete")
	}
	press(t, p, "u")
	if items, _ := st.Items(ctx, id); len(items) != 1 || items[0].Target != 504 {
		t.Fatalf("u put back %+v", items)
	}
	if _, ok := pushed(press(t, p, "enter")).(*Compare); !ok {
		t.Fatal("enter should open the comparison")
	}
	fits(t, p, 80, 20, "items")
}

// A name that cannot be kept is said at once, the box stays open with the
// text to fix, and nothing is sent.
func TestListNameRefusedKeepsTheText(t *testing.T) {
	s := uitest.NewSession(t)
	st := s.WithLists(t)
	p := NewLists(s.C)
	open(t, p, 80, 20)
	press(t, p, "n")
	long := strings.Repeat("长", 120)
	typeText(t, p, long)
	msgs := press(t, p, "enter")
	if st := statusOf(msgs); !strings.Contains(st, "20 more than 100; nothing changed") {
		t.Fatalf("status %q", st)
	}
	if !p.CapturesInput() || p.prompt.in.Value() != long {
		t.Fatal("the box closed or lost the text")
	}
	if ls, _ := st.Lists(context.Background(), false); len(ls) != 0 {
		t.Fatal("a list was made")
	}
}
