package keys

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

func TestDefaultsMatch(t *testing.T) {
	km, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !km.Matches(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("a")}, Add) {
		t.Error("a should add to cart")
	}
	if !km.Matches(tea.KeyMsg{Type: tea.KeyCtrlC}, ForceQuit) {
		t.Error("ctrl+c should quit")
	}
	if km.Matches(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("x")}, Add) {
		t.Error("x should not add to cart")
	}
}

func TestRemap(t *testing.T) {
	km, err := New(Config{"add_to_cart": {"A", "insert"}})
	if err != nil {
		t.Fatal(err)
	}
	if !km.Matches(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("A")}, Add) {
		t.Error("remapped A should add")
	}
	if km.Matches(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("a")}, Add) {
		t.Error("a should no longer add")
	}
	if got := km.Get(Add).Help().Key; got != "A/insert" {
		t.Errorf("help shows %q", got)
	}
}

func TestBadConfigKeepsDefaults(t *testing.T) {
	for name, cfg := range map[string]Config{
		"unknown":  {"teleport": {"x"}},
		"empty":    {"quit": {}},
		"conflict": {"cart": {"q"}},
	} {
		km, err := New(cfg)
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		if !strings.Contains(err.Error(), "[keys]") {
			t.Errorf("%s: error %q does not name the table", name, err)
		}
		if !km.Matches(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")}, Quit) {
			t.Errorf("%s: defaults lost", name)
		}
	}
}

func TestSpaceMarks(t *testing.T) {
	km, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !km.Matches(tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}, Mark) {
		t.Error("space should mark")
	}
	if got := km.Get(Mark).Help().Key; got != "space" {
		t.Errorf("help shows %q for space", got)
	}
	if !km.Matches(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("F")}, FindOrders) || km.Matches(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("/")}, FindOrders) {
		t.Error("F, and not /, should find orders")
	}
}
