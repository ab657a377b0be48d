package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"caigou/ui/app"
	"caigou/ui/search"

	tea "github.com/charmbracelet/bubbletea"
)

// BenchmarkFirstFrame is start-up to the first drawn screen without the
// terminal: building the session (the sandbox's catalogue included), the
// root model, the first size and the first View. The terminal's own
// start-up (raw mode, alt screen) is not in it.
func BenchmarkFirstFrame(b *testing.B) {
	home := b.TempDir()
	env := Env{Getenv: func(k string) string {
		if k == "HOME" {
			return home
		}
		return ""
	}, Stdout: &bytes.Buffer{}, Ctx: context.Background()}
	for b.Loop() {
		s, err := newSession(env, &commonFlags{demo: true})
		if err != nil {
			b.Fatal(err)
		}
		root := app.New(s.common, search.New(s.common))
		root.Init()
		m, _ := root.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		if v := m.View(); !strings.Contains(v, "SANDBOX") {
			b.Fatalf("first frame lacks the badge:\n%s", v)
		}
		s.log.Close()
	}
}
