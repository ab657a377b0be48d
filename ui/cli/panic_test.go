package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"caigou/ui/common"

	tea "github.com/charmbracelet/bubbletea"
)

// boom panics on its first key, the way a bug in a screen would.
type boom struct{}

func (boom) Init() tea.Cmd { return nil }
func (boom) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(tea.KeyMsg); ok {
		panic("a screen's bug")
	}
	return boom{}, nil
}
func (boom) View() string { return "screen" }

// A panic restores the terminal, writes the stack to the log file, not
// over the screen, and tells the agent in one line where the details are.
func TestPanicGoesToTheLog(t *testing.T) {
	logPath := filepath.Join(t.TempDir(), "caigou.log")
	f, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c := &common.Common{}
	c.Init()
	s := &session{common: c, log: f, logFile: f, logPath: logPath}
	var screen, stderr bytes.Buffer
	env := Env{Stdin: strings.NewReader("x"), Stdout: &screen, Stderr: &stderr, Ctx: context.Background(), Getenv: func(string) string { return "" }}
	stdout := os.Stdout
	code := runProgram(env, s, boom{})
	if os.Stdout != stdout {
		t.Fatal("os.Stdout was not put back")
	}
	if code != 2 {
		t.Fatalf("exit code %d, want 2", code)
	}
	logged, _ := os.ReadFile(logPath)
	if !strings.Contains(string(logged), "a screen's bug") || !strings.Contains(string(logged), "goroutine") {
		t.Fatalf("the panic and its stack are not in the log:\n%s", logged)
	}
	if strings.Contains(screen.String(), "a screen's bug") || strings.Contains(screen.String(), "goroutine ") {
		t.Fatalf("the stack was drawn over the screen:\n%s", screen.String())
	}
	if !strings.Contains(stderr.String(), logPath) || !strings.Contains(stderr.String(), "cart is safe") {
		t.Fatalf("the agent is not told where the details are: %q", stderr.String())
	}
}
