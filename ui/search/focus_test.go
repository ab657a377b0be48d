package search

import (
	"strings"
	"testing"

	"caigou/ui/uitest"

	tea "github.com/charmbracelet/bubbletea"
)

// The page opens with no text box focused, so the keys of the README's
// table act from the first press; / opens the keyword box, a / typed
// into the empty box is not text, tab and esc leave it, and / on results
// holds the keyword searched, to refine it.
func TestFocusFollowsTheKeys(t *testing.T) {
	s := uitest.NewSession(t)
	m := New(s.C)
	m.SetSize(100, 30)
	t.Cleanup(m.Close)
	up := updater(m)
	if m.CapturesInput() {
		t.Fatal("the page opens with the keyword box focused: c, o, q and ? would be typed into it")
	}
	if h := m.ShortHelp(); len(h) == 0 || h[0].Help().Key != "/" {
		t.Error("the footer at start does not lead with /, the key a search starts with")
	}
	uitest.Run(t, up, uitest.Key("/"))
	if !m.CapturesInput() {
		t.Fatal("/ does not open the keyword box")
	}
	uitest.Run(t, up, uitest.Key("/"))
	uitest.Type(t, up, "手机壳")
	if got := m.input.Value(); got != "手机壳" {
		t.Fatalf("box holds %q: a / typed into the empty box must not be text", got)
	}
	uitest.Run(t, up, tea.KeyMsg{Type: tea.KeyTab})
	if m.CapturesInput() || m.input.Value() != "手机壳" {
		t.Fatalf("tab should leave the box and keep the text: focused %v, %q", m.CapturesInput(), m.input.Value())
	}
	uitest.Run(t, up, uitest.Key("/"))
	uitest.Run(t, up, uitest.Key("enter"))
	if m.CapturesInput() || m.q.keyword != "手机壳" {
		t.Fatalf("enter should search and leave the box: keyword %q", m.q.keyword)
	}
	uitest.Run(t, up, uitest.Key("/"))
	if !m.CapturesInput() || m.input.Value() != "手机壳" {
		t.Fatalf("/ on results should hold the keyword to refine: %q", m.input.Value())
	}
	// A / inside a keyword is text.
	uitest.Type(t, up, "/套")
	if got := m.input.Value(); got != "手机壳/套" {
		t.Fatalf("box holds %q", got)
	}
}

// With [ui] mouse a click selects a result, and a click on the selected
// one opens it (issue 11).
func TestClickSelectsAResult(t *testing.T) {
	m, _ := newPage(t, 100, 30)
	m.input.SetValue("连衣裙")
	_, cmd := m.Update(uitest.Key("enter"))
	m.Update(answer(results(uitest.Exec(t, cmd))[0], 1, 20, 20))
	if m.state != ready || len(m.results.rows) < 5 {
		t.Fatalf("no results: %v %d", m.state, len(m.results.rows))
	}
	m.Click(resultsTop + 3)
	if m.results.cursor != 3 {
		t.Fatalf("a click on the fourth row put the cursor on %d", m.results.cursor)
	}
	// The line clicked is the row drawn there, with the cursor mark.
	if line := strings.Split(m.View(), "\n")[resultsTop+3]; !strings.Contains(line, "▶") && !strings.Contains(line, ">") {
		t.Errorf("the clicked line is not the selected row: %q", line)
	}
	if m.Click(0) != nil || m.results.cursor != 3 {
		t.Error("a click on the keyword box moved the cursor")
	}
	if p := uitest.Exec(t, m.Click(resultsTop+3)); len(p) != 1 {
		t.Fatalf("a second click should open the product: %v", p)
	}
}
