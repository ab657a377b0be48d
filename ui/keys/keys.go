// Package keys holds the desk's key bindings. There is one KeyMap per
// program (never a package global) so that remapping in one session cannot
// leak into another. Screens publish their help from these bindings, so
// the help can never drift from what the keys do.
package keys

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
)

// Action names a remappable binding; they are the keys of the [keys]
// table in the config file.
type Action string

// The actions.
const (
	Quit       Action = "quit"
	ForceQuit  Action = "force_quit"
	Help       Action = "help"
	Back       Action = "back"
	Search     Action = "search"
	Open       Action = "open"
	Up         Action = "up"
	Down       Action = "down"
	PageUp     Action = "page_up"
	PageDown   Action = "page_down"
	Top        Action = "top"
	Bottom     Action = "bottom"
	NextPane   Action = "next_pane"
	PrevPane   Action = "prev_pane"
	Add        Action = "add_to_cart"
	Message    Action = "message_supplier"
	Cart       Action = "cart"
	Orders     Action = "orders"
	Sort       Action = "sort"
	Filter     Action = "filter"
	Categories Action = "categories"
	Image      Action = "image_search"
	Language   Action = "toggle_language"
	Retry      Action = "retry"
	Copy       Action = "copy"
	Browser    Action = "open_in_browser"
	Plus       Action = "increase"
	Minus      Action = "decrease"
	Left       Action = "left"
	Right      Action = "right"
	Preview    Action = "preview"
	Remove     Action = "remove"
	Pay        Action = "pay"
	Refresh    Action = "refresh"
	FindOrders Action = "find_orders"
	Mark       Action = "mark"
	Confirm    Action = "confirm"
	Address    Action = "shipping_address"
	SellerNote Action = "note_to_seller"
	Undo       Action = "undo"
	AddNew     Action = "new"
	OrderAgain Action = "order_again"
	Messages   Action = "messages"
	Alone      Action = "show_alone"
	Lists      Action = "sourcing_lists"
	Candidate  Action = "add_to_list"
	Rename     Action = "rename"
	Archive    Action = "archive"
	Export     Action = "export"
	Import     Action = "import"
	BuyAgain   Action = "buy_again"
	Weight     Action = "type_weight"
	Cancel     Action = "cancel_order"
)

type def struct {
	keys []string
	help string
	desc string
}

// defaults are the shipped bindings. ctrl+a and ctrl+b are avoided: they are
// the tmux and screen prefixes many agents live inside. The browser is a
// capital O: o is the orders screen, and starting a browser should take a
// deliberate key.
func defaults() map[Action]def {
	return map[Action]def{
		Quit:       {[]string{"q"}, "q", "quit"},
		ForceQuit:  {[]string{"ctrl+c"}, "ctrl+c", "quit now"},
		Help:       {[]string{"?"}, "?", "help"},
		Back:       {[]string{"esc"}, "esc", "back"},
		Search:     {[]string{"/"}, "/", "search"},
		Open:       {[]string{"enter"}, "enter", "open"},
		Up:         {[]string{"up", "k"}, "↑/k", "up"},
		Down:       {[]string{"down", "j"}, "↓/j", "down"},
		PageUp:     {[]string{"pgup", "ctrl+u"}, "pgup", "page up"},
		PageDown:   {[]string{"pgdown", "ctrl+d"}, "pgdn", "page down"},
		Top:        {[]string{"home", "g"}, "g/home", "first"},
		Bottom:     {[]string{"end", "G"}, "G/end", "last"},
		NextPane:   {[]string{"tab"}, "tab", "next pane"},
		PrevPane:   {[]string{"shift+tab"}, "shift+tab", "previous pane"},
		Add:        {[]string{"a"}, "a", "add to cart"},
		Message:    {[]string{"m"}, "m", "message supplier"},
		Cart:       {[]string{"c"}, "c", "cart"},
		Orders:     {[]string{"o"}, "o", "orders"},
		Sort:       {[]string{"s"}, "s", "sort"},
		Filter:     {[]string{"f"}, "f", "filters"},
		Categories: {[]string{"b"}, "b", "browse categories"},
		Image:      {[]string{"i"}, "i", "image search"},
		Language:   {[]string{"t"}, "t", "中文/English"},
		Retry:      {[]string{"r"}, "r", "retry"},
		Copy:       {[]string{"y"}, "y", "copy link"},
		Browser:    {[]string{"O"}, "O", "open in browser"},
		Plus:       {[]string{"+", "="}, "+", "more"},
		Minus:      {[]string{"-", "_"}, "-", "fewer"},
		Left:       {[]string{"left", "h"}, "←/h", "left"},
		Right:      {[]string{"right", "l"}, "→/l", "right"},
		Preview:    {[]string{"p"}, "p", "preview"},
		Remove:     {[]string{"d", "delete"}, "d", "remove"},
		Pay:        {[]string{"P"}, "P", "pay"},
		Refresh:    {[]string{"ctrl+r"}, "ctrl+r", "refresh"},
		// F, not /: / is the global way back to search.
		FindOrders: {[]string{"F"}, "F", "find orders by id"},
		Mark:       {[]string{" "}, "space", "mark"},
		// Confirm answers a question that spends money, where any other
		// key means no: a letter a stray key rarely hits.
		Confirm: {[]string{"y"}, "y", "yes"},
		// Capitals for the cart's address and note: m is the chat with
		// the supplier, and a is add to cart.
		Address:    {[]string{"A"}, "A", "shipping address"},
		SellerNote: {[]string{"M"}, "M", "note to seller"},
		Undo:       {[]string{"u"}, "u", "undo"},
		AddNew:     {[]string{"n"}, "n", "new"},
		// A capital: it only opens the prompt where the reference is
		// typed; nothing is sent on the key itself.
		OrderAgain: {[]string{"R"}, "R", "order again (type the reference)"},
		// L as in log: every status message of the session, newest first.
		Messages: {[]string{"L"}, "L", "messages"},
		// v as in view: a link whole on the terminal's own screen, and its
		// QR code with room to scan.
		Alone: {[]string{"v"}, "v", "link alone, whole, with its QR code"},
		// Sourcing lists (S) hold a client's items and their candidate
		// offers; C on a result or product adds it as a candidate.
		Lists:     {[]string{"S"}, "S", "sourcing lists"},
		Candidate: {[]string{"C"}, "C", "add to a sourcing list"},
		Rename:    {[]string{"e"}, "e", "rename / edit"},
		Archive:   {[]string{"z"}, "z", "archive / bring back"},
		Export:    {[]string{"E"}, "E", "export to a file"},
		Import:    {[]string{"I"}, "I", "import a client's list"},
		BuyAgain:  {[]string{"B"}, "B", "buy again"},
		Weight:    {[]string{"w"}, "w", "type a weight"},
		// A capital, asked again before anything is sent.
		Cancel: {[]string{"X"}, "X", "cancel the order"},
	}
}

// KeyMap is one program's bindings.
type KeyMap struct {
	b map[Action]*key.Binding
}

// Config is the [keys] table: action name to the keys that trigger it,
// e.g. add_to_cart = ["a", "insert"].
type Config map[string][]string

// New builds the default bindings with cfg applied. A bad table is an
// error naming the action or key; the caller shows it and keeps the
// defaults (New still returns them), so a typo never leaves the desk
// without keys.
func New(cfg Config) (*KeyMap, error) {
	km := &KeyMap{b: map[Action]*key.Binding{}}
	d := defaults()
	for a, v := range d {
		b := key.NewBinding(key.WithKeys(v.keys...), key.WithHelp(v.help, v.desc))
		km.b[a] = &b
	}
	if len(cfg) == 0 {
		return km, nil
	}
	trial := &KeyMap{b: map[Action]*key.Binding{}}
	for a, b := range km.b {
		c := *b
		trial.b[a] = &c
	}
	names := make([]string, 0, len(cfg))
	for n := range cfg {
		names = append(names, n)
	}
	sort.Strings(names)
	// Every problem at once: fixing a config one error per start is how
	// a morning goes.
	var errs []error
	for _, name := range names {
		ks := cfg[name]
		v, ok := d[Action(name)]
		if !ok {
			errs = append(errs, fmt.Errorf("[keys] %q is not an action; the actions are: %s", name, strings.Join(actionNames(), ", ")))
			continue
		}
		if len(ks) == 0 {
			errs = append(errs, fmt.Errorf("[keys] %s has no keys", name))
			continue
		}
		bad := false
		for _, k := range ks {
			if why := badKey(k); why != "" {
				errs = append(errs, fmt.Errorf("[keys] %s = %q: %s", name, k, why))
				bad = true
			}
		}
		if bad {
			continue
		}
		b := key.NewBinding(key.WithKeys(ks...), key.WithHelp(strings.Join(ks, "/"), v.desc))
		trial.b[Action(name)] = &b
	}
	errs = append(errs, trial.conflicts()...)
	if len(errs) > 0 {
		return km, errors.Join(errs...)
	}
	return trial, nil
}

// namedKey reports a key name Bubble Tea reports, besides single
// characters and ctrl+/alt+ combinations.
func namedKey(k string) bool {
	switch k {
	case "up", "down", "left", "right", "enter", "esc", "tab", "shift+tab", "backspace", "delete",
		"insert", "home", "end", "pgup", "pgdown", "space", " ", "shift+up", "shift+down", "shift+left", "shift+right",
		"ctrl+up", "ctrl+down", "ctrl+left", "ctrl+right", "ctrl+home", "ctrl+end", "ctrl+pgup", "ctrl+pgdown":
		return true
	}
	if n, ok := strings.CutPrefix(k, "f"); ok {
		for i := 1; i <= 20; i++ {
			if n == strconv.Itoa(i) {
				return true
			}
		}
	}
	return false
}

// badKey says why k can never be pressed, or "".
func badKey(k string) string {
	if namedKey(k) || utf8.RuneCountInString(k) == 1 {
		return ""
	}
	if rest, ok := strings.CutPrefix(k, "alt+"); ok && badKey(rest) == "" {
		return ""
	}
	if rest, ok := strings.CutPrefix(k, "ctrl+"); ok && len(rest) == 1 && (rest[0] >= 'a' && rest[0] <= 'z' || strings.ContainsRune(`@[\]^_`, rune(rest[0]))) {
		return ""
	}
	return "no key is called that; use one character (a, A, 采), a name (enter, esc, tab, up, pgdown, home, f1…) or ctrl+ / alt+ with one"
}

// globalActions are live on every screen, so no two may share a key.
func globalActions() []Action {
	return []Action{Quit, ForceQuit, Help, Back, Search, Cart, Orders, Messages, Lists}
}

// conflicts finds keys no press could reach: two global actions on one
// key, or a key of a global action also given to another, which the
// global action (taken first, on every screen) would always win
// (add_to_cart = ["q"] quit the desk).
func (km *KeyMap) conflicts() []error {
	var errs []error
	global := map[string]Action{}
	for _, a := range globalActions() {
		for _, k := range km.b[a].Keys() {
			if prev, dup := global[k]; dup {
				errs = append(errs, fmt.Errorf("[keys] %q is bound to both %s and %s", k, prev, a))
			}
			global[k] = a
		}
	}
	names := actionNames()
	for _, n := range names {
		a := Action(n)
		if slices.Contains(globalActions(), a) {
			continue
		}
		for _, k := range km.b[a].Keys() {
			if g, taken := global[k]; taken {
				errs = append(errs, fmt.Errorf("[keys] %q is bound to both %s and %s, and %s always wins: give %s another key", k, g, a, g, a))
			}
		}
	}
	return errs
}

func actionNames() []string {
	var out []string
	for a := range defaults() {
		out = append(out, string(a))
	}
	sort.Strings(out)
	return out
}

// Get returns the binding of an action.
func (km *KeyMap) Get(a Action) key.Binding { return *km.b[a] }

// Bound reports whether some action is bound to the key named k
// ("ctrl+j").
func (km *KeyMap) Bound(k string) bool {
	for _, b := range km.b {
		if slices.Contains(b.Keys(), k) {
			return true
		}
	}
	return false
}

// Matches reports whether msg triggers the action.
func (km *KeyMap) Matches(msg interface{ String() string }, a Action) bool {
	b, ok := km.b[a]
	if !ok {
		return false
	}
	s := msg.String()
	for _, k := range b.Keys() {
		if k == s {
			return b.Enabled()
		}
	}
	return false
}

// Bindings returns the bindings of several actions, for help.
func (km *KeyMap) Bindings(as ...Action) []key.Binding {
	out := make([]key.Binding, 0, len(as))
	for _, a := range as {
		out = append(out, *km.b[a])
	}
	return out
}
