package uitest

import (
	"bytes"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/mattn/go-runewidth"
	"github.com/muesli/termenv"
)

// Main runs a package's tests with what goldens depend on pinned: no
// colour (CLICOLOR_FORCE in a developer's shell would add escape codes)
// and one-cell ambiguous characters whatever the locale. Call it from the
// package's TestMain.
func Main(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	runewidth.DefaultCondition.EastAsianWidth = false
	os.Exit(m.Run())
}

// Clock is a time moved by hand: the sandbox's marketplace and the desk's
// display clock in tests that need orders to move on.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock starts a clock at t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now is the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock on.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// Term stands in for the terminal's side channel (Common.Term): commands
// write to it from their own goroutines.
type Term struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *Term) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *Term) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
