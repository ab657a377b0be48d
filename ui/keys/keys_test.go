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

// Every problem of a [keys] table is reported at once, with what to do:
// an unknown action, a key no keyboard has, and a key a global action
// would always take first (add_to_cart = ["q"] used to be taken, and q
// still quit).
func TestBadTablesSayEverything(t *testing.T) {
	_, err := New(Config{"add_to_cart": {"q"}, "frobnicate": {"x"}, "sort": {"ctrl+shift+meta+s"}, "preview": {"P", "alt+p"}})
	if err == nil {
		t.Fatal("accepted")
	}
	for _, w := range []string{`"q" is bound to both quit and add_to_cart, and quit always wins`, `"frobnicate" is not an action`, `sort = "ctrl+shift+meta+s": no key is called that`} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error lacks %q:\n%v", w, err)
		}
	}
	if strings.Contains(err.Error(), "preview =") || strings.Contains(err.Error(), "and preview") {
		t.Errorf("a good binding was reported: %v", err)
	}
	for _, good := range []Config{{"preview": {"alt+p", "f5", "ctrl+p", "采"}}, {"messages": {"ctrl+l"}}} {
		if _, err := New(good); err != nil {
			t.Errorf("%v: %v", good, err)
		}
	}
}
