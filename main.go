// Command caigou is a terminal purchasing desk for 1688.com through the
// Xportcn KA API. This file only wires the process to the packages: the
// config file is decoded here into the sections each package owns.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"caigou/ui/cli"

	"github.com/BurntSushi/toml"
	"github.com/mattn/go-runewidth"
)

func main() {
	// Tables are measured by lipgloss, which counts East-Asian ambiguous
	// characters (…, ─, ×) as one cell; bubbles measures with runewidth,
	// which under a zh_CN locale counts them as two. Agree on one.
	runewidth.DefaultCondition.EastAsianWidth = false

	// SIGHUP (the SSH link dropped) and SIGTERM end the program the way q
	// does, so the terminal is restored.
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGHUP, syscall.SIGTERM, os.Interrupt)
	defer stop()
	code := cli.Main(cli.Env{
		Args:   os.Args[1:],
		Stdin:  os.Stdin,
		Stdout: os.Stdout,
		Stderr: os.Stderr,
		Getenv: os.Getenv,
		Load:   loadConfig,
		Ctx:    ctx,
	})
	stop()
	os.Exit(code)
}

// loadConfig decodes a config file strictly: an unknown key or a wrong type
// is an error naming the key and its line, so a typo never silently turns
// into a default.
func loadConfig(path string) (cli.Config, error) {
	var cfg cli.Config
	data, err := os.ReadFile(path)
	if err != nil {
		return cfg, err
	}
	md, err := toml.Decode(string(data), &cfg)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return cfg, fmt.Errorf("line %d: %s", pe.Position.Line, pe.Message)
		}
		return cfg, err
	}
	if und := md.Undecoded(); len(und) > 0 {
		k := und[0]
		return cfg, fmt.Errorf("line %d: unknown key %q (see config.example.toml for the keys there are)", lineOf(string(data), k), k.String())
	}
	return cfg, nil
}

// lineOf finds the line where the last part of key is set, for the error
// message; 0 when it cannot tell.
func lineOf(data string, key toml.Key) int {
	if len(key) == 0 {
		return 0
	}
	last := key[len(key)-1]
	for i, line := range strings.Split(data, "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, last) || strings.HasPrefix(t, `"`+last+`"`) || strings.Contains(t, "["+strings.Join(key, ".")+"]") {
			rest := strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(t, `"`+last+`"`), last))
			if strings.HasPrefix(rest, "=") || strings.HasPrefix(t, "[") {
				return i + 1
			}
		}
	}
	return 0
}
