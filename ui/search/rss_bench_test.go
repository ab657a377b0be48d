package search

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"caigou/ui/benchmarks"
	"caigou/ui/uitest"
	"caigou/xport"

	"github.com/muesli/termenv"
)

// TestMain runs the helper process of BenchmarkResultsPeakRSS when asked,
// and the tests otherwise.
func TestMain(m *testing.M) {
	if n, err := strconv.Atoi(os.Getenv("CAIGOU_RSS_ROWS")); err == nil {
		testing.Benchmark(func(b *testing.B) {
			loadResults(b, n)
			fmt.Println(peakRSSKB())
			os.Exit(0)
		})
		os.Exit(1)
	}
	os.Exit(m.Run())
}

// loadResults is the whole desk with n results loaded and drawn.
func loadResults(b *testing.B, n int) {
	s := benchmarks.NewSession(b, termenv.TrueColor)
	tmpl := cards(b, s.C)
	m := New(s.C)
	root := benchmarks.NewRoot(b, s.C, m, benchmarks.Sizes()[0])
	root.Update(uitest.Key("/"))
	root.Update(uitest.Key("连衣裙"))
	root.Update(uitest.Key("enter"))
	feed(root, m, n, func(first, k int) []xport.Offer { return synth(tmpl, first, k) })
	root.View()
	for range 50 {
		root.Update(uitest.Key("pgdown"))
		root.View()
	}
}

func peakRSSKB() int {
	b, _ := os.ReadFile("/proc/self/status")
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.Atoi(f[1])
			return kb
		}
	}
	return -1
}

// BenchmarkResultsPeakRSS is the whole desk process's peak resident memory
// with 10,000 and 100,000 results loaded (the sandbox and its catalogue
// included), each read from a fresh process: the figure an agent's box
// sees, not the heap.
func BenchmarkResultsPeakRSS(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			// One fresh process is the measurement; its time per op is
			// the load's, not a key's, and is not what this is for.
			var kb int
			for b.Loop() {
				if kb > 0 {
					continue
				}
				cmd := exec.Command(os.Args[0], "-test.run", "^$")
				cmd.Env = append(os.Environ(), fmt.Sprintf("CAIGOU_RSS_ROWS=%d", n))
				out, err := cmd.Output()
				if err != nil {
					b.Fatalf("%v: %s", err, out)
				}
				if kb, err = strconv.Atoi(strings.TrimSpace(string(out))); err != nil {
					b.Fatalf("peak RSS %q", out)
				}
			}
			b.ReportMetric(float64(kb)/1024, "MB-peak-RSS")
		})
	}
}
