package app

import (
	"time"

	"caigou/ui/common"

	tea "github.com/charmbracelet/bubbletea"
)

// watchEvery is how often the desk looks for changes another session of
// the user saved (a second SSH login, a colleague's tmux window under the
// same account): within a second every screen, the header's cart count
// and total included, shows them. A look costs one SQLite pragma when
// nothing changed.
const watchEvery = time.Second

// watchTick starts a look. It only drives a timer, like an animation
// frame, so the test runner drops it instead of waiting on it.
type watchTick struct{}

func (watchTick) AnimationTick() {}

// watchedMsg is what a look found.
type watchedMsg struct {
	changed bool
	err     error
}

// watch schedules the next look; a cart in memory only has nothing to
// watch.
func (m *Model) watch() tea.Cmd {
	if m.c.Cart == nil || m.c.Cart.Path() == "" {
		return nil
	}
	return tea.Tick(watchEvery, func(time.Time) tea.Msg { return watchTick{} })
}

// look reads the other sessions' changes off the UI's goroutine.
func (m *Model) look() tea.Cmd {
	crt := m.c.Cart
	return func() tea.Msg {
		changed, err := crt.Reload()
		return watchedMsg{changed: changed, err: err}
	}
}

func (m *Model) onWatched(msg watchedMsg) tea.Cmd {
	next := m.watch()
	if msg.err != nil {
		// The same failure every second would bury the status line.
		if text := msg.err.Error(); text != m.watchErr {
			m.watchErr = text
			return tea.Batch(next, common.Error("Reading the state your other caigou sessions saved", msg.err))
		}
		return next
	}
	m.watchErr = ""
	if msg.changed {
		return tea.Batch(next, common.Status(common.Info, "The cart was changed in another caigou session; showing it as saved."))
	}
	return next
}
