// Package benchmarks measures the desk the way an agent meets it: every
// benchmark drives the root model (ui/app) as a key press does, Update
// with a tea.KeyMsg and then View, so the header, the footer with its
// help and the status line are in every figure, at two terminal sizes and
// with and without colour.
//
// The screens' benchmarks are in this package's tests, one file per
// screen, except the results screen's, which lives in ui/search (it loads
// 100,000 rows without a network through the page's own reply message)
// next to the bubbles/list and bubbles/table comparison. This file holds
// what both share.
//
// Run them with
//
//	go test -run '^$' -bench . -benchtime 200x ./ui/benchmarks ./ui/search
package benchmarks

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"caigou/ui/app"
	"caigou/ui/common"
	"caigou/ui/theme"
	"caigou/ui/uitest"
	"caigou/xport/sandbox"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Profile is a colour profile the screens are measured in.
type Profile struct {
	Name    string
	Profile termenv.Profile
}

// Profiles are full colour, as most agents' terminals have, and none
// (NO_COLOR, TERM=dumb, the goldens).
func Profiles() []Profile {
	return []Profile{{"truecolor", termenv.TrueColor}, {"ascii", termenv.Ascii}}
}

// Size is a terminal size.
type Size struct{ W, H int }

func (s Size) String() string { return fmt.Sprintf("%dx%d", s.W, s.H) }

// Sizes are a common terminal and a large one.
func Sizes() []Size { return []Size{{120, 40}, {200, 50}} }

// Styles are the desk's styles on a renderer with profile p, as a session
// gets them from its terminal.
func Styles(p termenv.Profile) *theme.Styles {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(p)
	r.SetHasDarkBackground(true)
	return theme.New(r, theme.DefaultPalette())
}

// NewSession is a uitest session (the sandbox behind an in-process
// transport) whose styles draw in profile p.
func NewSession(tb testing.TB, p termenv.Profile) uitest.Session {
	tb.Helper()
	return NewSessionWith(tb, p, sandbox.Options{Seed: 1})
}

// NewSessionWith is NewSession on a sandbox made with opts.
func NewSessionWith(tb testing.TB, p termenv.Profile, opts sandbox.Options) uitest.Session {
	tb.Helper()
	s := uitest.NewSessionWith(tb, opts)
	s.C.Styles = Styles(p)
	return s
}

// NewRoot makes the desk's root over first, sized, with its start-up
// commands run.
func NewRoot(tb testing.TB, c *common.Common, first common.Page, sz Size) *app.Model {
	tb.Helper()
	m := app.New(c, first)
	m.Update(tea.WindowSizeMsg{Width: sz.W, Height: sz.H})
	uitest.Drain(tb, Send(m), m.Init())
	return m
}

// Send adapts the root to uitest's runner.
func Send(m *app.Model) func(tea.Msg) tea.Cmd {
	return func(msg tea.Msg) tea.Cmd {
		_, cmd := m.Update(msg)
		return cmd
	}
}

// Press sends a key to the root and runs what it starts to the end, as
// the runtime would while the agent waits.
func Press(tb testing.TB, m *app.Model, key string) []tea.Msg {
	tb.Helper()
	return uitest.Run(tb, Send(m), uitest.Key(key))
}

// Settle runs cmd and feeds what it yields back into the root, and what
// that yields, until nothing has arrived for quiet. Commands still running
// then are left behind: timers (the cart's poll, the orders list's
// refresh) would otherwise hold a benchmark's set-up for their period.
// Replies arrive in the order they are ready, as in the runtime.
func Settle(tb testing.TB, m *app.Model, cmd tea.Cmd, quiet time.Duration) {
	tb.Helper()
	ch := make(chan tea.Msg, 64)
	done := make(chan struct{})
	defer close(done)
	var start func(tea.Cmd)
	start = func(c tea.Cmd) {
		if c == nil {
			return
		}
		go func() {
			msg := c()
			if b, ok := msg.(tea.BatchMsg); ok {
				for _, c := range b {
					start(c)
				}
				return
			}
			if cmds, ok := uitest.Cmds(msg); ok {
				// In order, each after the one before has yielded.
				for _, c := range cmds {
					if c == nil {
						continue
					}
					select {
					case ch <- c():
					case <-done:
						return
					}
				}
				return
			}
			select {
			case ch <- msg:
			case <-done:
			}
		}()
	}
	start(cmd)
	timer := time.NewTimer(quiet)
	defer timer.Stop()
	for {
		select {
		case msg := <-ch:
			if msg == nil || uitest.IsTick(msg) {
				continue
			}
			_, batch := msg.(tea.BatchMsg)
			if _, seq := uitest.Cmds(msg); batch || seq {
				start(func() tea.Msg { return msg })
				continue
			}
			start(Send(m)(msg))
			timer.Reset(quiet)
		case <-timer.C:
			return
		}
	}
}

// Each runs fn as a sub-benchmark per size and profile, named
// "120x40/truecolor".
func Each(b *testing.B, fn func(b *testing.B, sz Size, p Profile)) {
	for _, sz := range Sizes() {
		for _, p := range Profiles() {
			b.Run(sz.String()+"/"+p.Name, func(b *testing.B) { fn(b, sz, p) })
		}
	}
}

// EachShared is Each for fixtures that take long to build (50,000
// orders through the client): build makes one root per profile, at the
// first size, and the other sizes reuse it after a resize, which is a
// message the root takes like any other.
func EachShared(b *testing.B, build func(b *testing.B, sz Size, p Profile) *app.Model, fn func(b *testing.B, root *app.Model)) {
	roots := map[string]*app.Model{}
	for _, sz := range Sizes() {
		for _, p := range Profiles() {
			b.Run(sz.String()+"/"+p.Name, func(b *testing.B) {
				root := roots[p.Name]
				if root == nil {
					root = build(b, sz, p)
					roots[p.Name] = root
				}
				root.Update(tea.WindowSizeMsg{Width: sz.W, Height: sz.H})
				fn(b, root)
			})
		}
	}
}

// Cycle is a walk down a list of n entries and back to the top, one key
// per call: down n-1 times, then top. It is what an agent scanning a list
// does, and it never stops on a key that does nothing.
func Cycle(n int) func() tea.KeyMsg {
	down, top := uitest.Key("down"), uitest.Key("g")
	i := 0
	return func() tea.KeyMsg {
		i++
		if i >= n {
			i = 0
			return top
		}
		return down
	}
}

// KeyAndView is the measured loop: one key through the root's Update,
// then the root's View, as the runtime does for each key press. The
// commands a key returns are not run: their replies are other messages.
func KeyAndView(b *testing.B, m *app.Model, next func() tea.KeyMsg) {
	b.Helper()
	if v := m.View(); v == "" {
		b.Fatal("the root draws nothing")
	}
	b.ReportAllocs()
	for b.Loop() {
		m.Update(next())
		_ = m.View()
	}
}

// WriteOldJournal writes, in dir, the journal.jsonl an older version
// kept: n records of a busy agent's history, every create settled but the
// last open ones. Opening the journal there imports it, so the database
// a benchmark gets is built the way a user's is.
func WriteOldJournal(tb testing.TB, dir string, n, open int) {
	tb.Helper()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	// Ten minutes apart, ending before the sessions' clock (2026-03-02).
	at := time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC).Add(-time.Duration(n) * 10 * time.Minute)
	for i := 0; i < n; i++ {
		ref := fmt.Sprintf("cg-%08d", i/2)
		at = at.Add(10 * time.Minute)
		if i%2 == 0 {
			fmt.Fprintf(&buf, `{"kind":"intent","intent":{"outOrderId":%q,"sellerOpenId":"seller-%d","sellerName":"义乌市某某贸易有限公司","lines":[{"offerId":"6100000%05d","specId":"spec-%d","quantity":120}],"previewTotalFen":%d,"at":%q}}`+"\n",
				ref, i%300, i%40000, i%7, 10000+i, at.Format(time.RFC3339Nano))
			continue
		}
		if i >= n-2*open {
			continue // still open
		}
		fmt.Fprintf(&buf, `{"kind":"outcome","outcome":{"outOrderId":%q,"result":"created","orderIds":["%019d"],"at":%q}}`+"\n",
			ref, 3300000000000000000+int64(i), at.Format(time.RFC3339Nano))
	}
	if err := os.WriteFile(filepath.Join(dir, "journal.jsonl"), buf.Bytes(), 0o600); err != nil {
		tb.Fatal(err)
	}
}
