// Package uitest drives screens in tests the way the Bubble Tea runtime
// would, but synchronously: commands run, their messages go back into the
// model, until nothing is left. Animation ticks are dropped so a spinner
// cannot keep a test running forever.
package uitest

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"sync"
	"testing"
	"time"

	"caigou/ui/common"
	"caigou/ui/keys"
	"caigou/ui/theme"
	"caigou/xport/sandbox"
	"caigou/xport/xportcn"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Ticker is implemented by messages that only drive an animation; the
// runner drops them.
type Ticker interface{ AnimationTick() }

// Session is a test's Common with the sandbox behind it.
type Session struct {
	C       *common.Common
	Sandbox *sandbox.Server
}

// NewSession builds a Common talking to a fresh sandbox (seed 1), with
// styles on a colourless renderer so views compare as plain text.
func NewSession(tb testing.TB) Session {
	tb.Helper()
	return NewSessionWith(tb, sandbox.Options{Seed: 1})
}

// KAConfig is the Xportcn client's config for the sandbox's demo account
// at baseURL (the sandbox speaks the KA API there).
func KAConfig(baseURL string) xportcn.Config {
	return xportcn.Config{BaseURL: baseURL, AccessKey: sandbox.DemoAccessKey, AccessSecret: sandbox.DemoSecret, UserID: sandbox.DemoUserID, InProcess: true}
}

// NewSessionWith is NewSession on a sandbox made with opts (a test's own
// clock or faults).
func NewSessionWith(tb testing.TB, opts sandbox.Options) Session {
	tb.Helper()
	sb := sandbox.New(opts)
	hc := &http.Client{Transport: &sandbox.Transport{Handler: sb}}
	cfg := KAConfig("http://sandbox.invalid/api")
	// The limiter and back-off are for a real account; here they would
	// only slow the tests down.
	cfg.RequestsPerSecond = 10000
	cl, err := xportcn.New(cfg, xportcn.WithHTTPClient(hc), xportcn.WithSleep(func(ctx context.Context, _ time.Duration) error { return ctx.Err() }))
	if err != nil {
		tb.Fatalf("client: %v", err)
	}
	km, err := keys.New(nil)
	if err != nil {
		tb.Fatalf("keys: %v", err)
	}
	c := &common.Common{
		Styles:  Styles(),
		Keys:    km,
		Client:  cl,
		Sandbox: true,
		UserID:  sandbox.DemoUserID,
		Now:     func() time.Time { return time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC) },
	}
	c.Init()
	return Session{C: c, Sandbox: sb}
}

// Styles are the desk's styles on a renderer without colour or attributes.
func Styles() *theme.Styles {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	r.SetHasDarkBackground(true)
	return theme.New(r, theme.DefaultPalette())
}

// Timeout bounds how long one command may run.
const Timeout = 10 * time.Second

// Exec runs cmd and returns the messages it yields, expanding batches and
// sequences and dropping animation ticks. Nothing is fed back.
func Exec(tb testing.TB, cmd tea.Cmd) []tea.Msg {
	tb.Helper()
	msgs, err := execute(cmd)
	if err != nil {
		tb.Fatal(err)
	}
	return msgs
}

// execute is Exec without a testing.TB, so it can run in the background
// (Go); it fails when a command runs longer than Timeout.
func execute(cmd tea.Cmd) ([]tea.Msg, error) {
	if cmd == nil {
		return nil, nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	timer := time.NewTimer(Timeout)
	defer timer.Stop()
	select {
	case msg = <-done:
	case <-timer.C:
		return nil, fmt.Errorf("a command did not return within %s", Timeout)
	}
	if cmds, ok := Cmds(msg); ok {
		if isSequence(msg) {
			var out []tea.Msg
			for _, c := range cmds {
				msgs, err := execute(c)
				if err != nil {
					return nil, err
				}
				out = append(out, msgs...)
			}
			return out, nil
		}
		// A batch runs concurrently, as in the runtime; results keep the
		// batch's order so tests are deterministic.
		res := make([][]tea.Msg, len(cmds))
		errs := make([]error, len(cmds))
		var wg sync.WaitGroup
		for i, c := range cmds {
			wg.Add(1)
			go func() {
				defer wg.Done()
				res[i], errs[i] = execute(c)
			}()
		}
		wg.Wait()
		var out []tea.Msg
		for i, r := range res {
			if errs[i] != nil {
				return nil, errs[i]
			}
			out = append(out, r...)
		}
		return out, nil
	}
	if msg == nil || IsTick(msg) {
		return nil, nil
	}
	return []tea.Msg{msg}, nil
}

// IsTick reports animation messages (spinner frames, cursor blinks).
func IsTick(msg tea.Msg) bool {
	switch msg.(type) {
	case spinner.TickMsg, cursor.BlinkMsg:
		return true
	case Ticker:
		return true
	}
	return false
}

var cmdType = reflect.TypeOf(tea.Cmd(nil))

// Cmds unpacks tea.BatchMsg and Bubble Tea's unexported sequence
// message, which are both slices of commands.
func Cmds(msg tea.Msg) ([]tea.Cmd, bool) {
	if msg == nil {
		return nil, false
	}
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice || v.Type().Elem() != cmdType {
		return nil, false
	}
	out := make([]tea.Cmd, v.Len())
	for i := range out {
		out[i], _ = v.Index(i).Interface().(tea.Cmd)
	}
	return out, true
}

func isSequence(msg tea.Msg) bool {
	_, batch := msg.(tea.BatchMsg)
	return !batch
}

// Run feeds msg to update, then runs the commands and feeds their
// messages back until there are none. It returns every message delivered
// after the first, in order.
func Run(tb testing.TB, update func(tea.Msg) tea.Cmd, msg tea.Msg) []tea.Msg {
	tb.Helper()
	return Drain(tb, update, update(msg))
}

// Drain runs cmd and feeds its messages (and theirs) to update.
func Drain(tb testing.TB, update func(tea.Msg) tea.Cmd, cmd tea.Cmd) []tea.Msg {
	tb.Helper()
	queue := Exec(tb, cmd)
	var seen []tea.Msg
	for len(queue) > 0 {
		if len(seen) > 10000 {
			tb.Fatalf("more than 10000 messages: a command loop?")
		}
		m := queue[0]
		queue = queue[1:]
		seen = append(seen, m)
		queue = append(queue, Exec(tb, update(m))...)
	}
	return seen
}

// Key builds the key message for a key name as bindings spell it
// ("enter", "ctrl+c", "j", "连衣裙" for typed text).
func Key(s string) tea.KeyMsg {
	switch s {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEscape}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "left":
		return tea.KeyMsg{Type: tea.KeyLeft}
	case "right":
		return tea.KeyMsg{Type: tea.KeyRight}
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "shift+tab":
		return tea.KeyMsg{Type: tea.KeyShiftTab}
	case "pgdown":
		return tea.KeyMsg{Type: tea.KeyPgDown}
	case "pgup":
		return tea.KeyMsg{Type: tea.KeyPgUp}
	case "home":
		return tea.KeyMsg{Type: tea.KeyHome}
	case "end":
		return tea.KeyMsg{Type: tea.KeyEnd}
	case "ctrl+c":
		return tea.KeyMsg{Type: tea.KeyCtrlC}
	case "backspace":
		return tea.KeyMsg{Type: tea.KeyBackspace}
	case " ":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

// Type feeds text to update one key at a time, as a person types.
func Type(tb testing.TB, update func(tea.Msg) tea.Cmd, s string) {
	tb.Helper()
	for _, r := range s {
		Run(tb, update, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}
