package cli

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"caigou/ui/app"
	"caigou/ui/benchmarks"
	"caigou/ui/search"

	tea "github.com/charmbracelet/bubbletea"
)

// firstFrame builds the session in home (the sandbox's catalogue
// included), the root model, the first size and the first View, as the
// desk does before the terminal shows anything.
func firstFrame(home string) error {
	env := Env{Getenv: func(k string) string {
		if k == "HOME" {
			return home
		}
		return ""
	}, Stdout: &bytes.Buffer{}, Ctx: context.Background()}
	s, err := newSession(env, &commonFlags{demo: true})
	if err != nil {
		return err
	}
	defer s.close()
	root := app.New(s.common, search.New(s.common))
	root.Init()
	m, _ := root.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if v := m.View(); !strings.Contains(v, "SANDBOX") {
		return fmt.Errorf("first frame lacks the badge:\n%s", v)
	}
	return nil
}

// init is the helper process of BenchmarkFirstFrame's memory figure: it
// paints the first frame and prints the process's peak RSS.
func init() {
	home := os.Getenv("CAIGOU_FIRSTFRAME_HOME")
	if home == "" {
		return
	}
	if err := firstFrame(home); err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	b, _ := os.ReadFile("/proc/self/status")
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) >= 2 && f[0] == "VmHWM:" {
			fmt.Println(f[1])
		}
	}
	os.Exit(0)
}

// BenchmarkFirstFrame is start-up to the first drawn screen without the
// terminal, with no order history and with 100,000 journal records (two
// years of a busy agent), once the journal is in the state database. The
// terminal's own start-up (raw mode, alt screen) is not in it. MB-peak-RSS
// is the whole process's peak resident memory, read from a fresh process
// that paints one first frame.
func BenchmarkFirstFrame(b *testing.B) {
	for _, n := range []int{0, 100_000} {
		b.Run(fmt.Sprintf("journal=%d", n), func(b *testing.B) {
			home := b.TempDir()
			if n > 0 {
				benchmarks.WriteOldJournal(b, filepath.Join(home, ".local", "state", "caigou", "sandbox"), n, 3)
				if err := firstFrame(home); err != nil { // imports it
					b.Fatal(err)
				}
			}
			cmd := exec.Command(os.Args[0], "-test.run", "^$")
			cmd.Env = append(os.Environ(), "CAIGOU_FIRSTFRAME_HOME="+home)
			out, err := cmd.Output()
			if err != nil {
				b.Fatalf("%v: %s", err, out)
			}
			kb, err := strconv.Atoi(strings.TrimSpace(string(out)))
			if err != nil {
				b.Fatalf("peak RSS %q: %v", out, err)
			}
			for b.Loop() {
				if err := firstFrame(home); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(kb)/1024, "MB-peak-RSS")
		})
	}
}
