package detail

import (
	"caigou/ui/uitest"
	"reflect"
	"testing"
	"time"

	"caigou/ui/common"
	"caigou/xport"
	"caigou/xport/sandbox"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
)

type testEnv struct {
	c    *common.Common
	sb   *sandbox.Server
	term *uitest.Term
}

func newEnv(t testing.TB) *testEnv {
	t.Helper()
	s := uitest.NewSession(t)
	term := &uitest.Term{}
	s.C.Env, s.C.Term = common.Env{SSH: true}, term
	return &testEnv{c: s.C, sb: s.Sandbox, term: term}
}

// card is the search card the search page would hand over.
func card(o *sandbox.Offer) xport.Offer {
	return xport.Offer{OfferID: xport.ID(o.ID), Subject: xport.Text(o.Subject), SubjectTrans: xport.Text(o.SubjectEN)}
}

// open builds the page for o at a size and runs its start-up requests.
func (e *testEnv) open(t testing.TB, o *sandbox.Offer, w, h int) (*Model, []tea.Msg) {
	t.Helper()
	m := New(e.c, card(o)).(*Model)
	m.debounce = time.Millisecond
	m.SetSize(w, h)
	out := run(t, m, m.Init())
	if m.state != loaded {
		t.Fatalf("offer %s did not load: %v (%v)", o.ID, m.err, out)
	}
	return m, out
}

// run executes cmd the way the runtime would, feeding the page its own
// replies, and returns the messages meant for the root (status, errors,
// pushes). Spinner frames are dropped so a test never waits on them.
func run(t testing.TB, m *Model, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	var out []tea.Msg
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		if cmds, ok := cmdList(msg); ok {
			// Batches and sequences alike; a sequence's order is kept.
			queue = append(queue, cmds...)
			continue
		}
		switch msg := msg.(type) {
		case nil:
		case spinner.TickMsg:
		case common.StatusMsg, common.ErrorMsg, common.PushMsg, common.PopMsg:
			out = append(out, msg)
		default:
			_, next := m.Update(msg)
			queue = append(queue, next)
		}
	}
	return out
}

// cmdList unpacks tea.BatchMsg and Bubble Tea's unexported sequence
// message, both slices of commands.
func cmdList(msg tea.Msg) ([]tea.Cmd, bool) {
	if msg == nil {
		return nil, false
	}
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeOf((tea.Cmd)(nil)) {
		return nil, false
	}
	out := make([]tea.Cmd, v.Len())
	for i := range out {
		out[i] = v.Index(i).Interface().(tea.Cmd)
	}
	return out, true
}

// press sends one key and runs what it starts.
func press(t testing.TB, m *Model, k string) []tea.Msg {
	t.Helper()
	_, cmd := m.Update(keyMsg(k))
	return run(t, m, cmd)
}

func keyMsg(k string) tea.KeyMsg {
	switch k {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "shift+tab":
		return tea.KeyMsg{Type: tea.KeyShiftTab}
	case "backspace":
		return tea.KeyMsg{Type: tea.KeyBackspace}
	case "left":
		return tea.KeyMsg{Type: tea.KeyLeft}
	case "right":
		return tea.KeyMsg{Type: tea.KeyRight}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

// typeQty types a quantity into the input and confirms it. The input opens
// on a digit, so text that starts otherwise is typed after one and a
// backspace.
func typeQty(t testing.TB, m *Model, text string) []tea.Msg {
	t.Helper()
	press(t, m, "1")
	press(t, m, "backspace")
	for _, r := range text {
		press(t, m, string(r))
	}
	if !m.CapturesInput() {
		t.Fatal("the quantity input does not capture input")
	}
	return press(t, m, "enter")
}

func statuses(msgs []tea.Msg) []common.StatusMsg {
	var out []common.StatusMsg
	for _, m := range msgs {
		if s, ok := m.(common.StatusMsg); ok {
			out = append(out, s)
		}
	}
	return out
}

// lastStatus is the text the status line would end up showing.
func lastStatus(msgs []tea.Msg) string {
	s := statuses(msgs)
	if len(s) == 0 {
		return ""
	}
	return s[len(s)-1].Text
}

// findOffer is the first sandbox offer that passes ok.
func findOffer(t testing.TB, sb *sandbox.Server, what string, ok func(*sandbox.Offer) bool) *sandbox.Offer {
	t.Helper()
	for _, o := range sb.Catalogue().Offers {
		if ok(o) {
			return o
		}
	}
	t.Skipf("the sandbox catalogue has no offer that is %s", what)
	return nil
}

func TestMain(m *testing.M) { uitest.Main(m) }
