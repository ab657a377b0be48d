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
	"reflect"
	"regexp"
	"strings"
	"syscall"
	"time"

	"caigou/ui/cli"
	"caigou/ui/state"
	"caigou/xport/xportcn"

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
// into a default. It reads only a small regular file of the user's that
// nobody else can change (state.ReadConfig): never a named pipe that
// would hang it or a device that never ends.
func loadConfig(path string) (cli.Config, error) {
	var cfg cli.Config
	data, _, err := state.ReadConfig(path, os.Getenv)
	if err != nil {
		return cfg, err
	}
	md, err := toml.Decode(string(data), &cfg)
	if err != nil {
		return cli.Config{}, decodeError(err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		k := und[0]
		return cli.Config{}, fmt.Errorf("line %d: unknown key %q (see config.example.toml for the keys there are)", lineOf(string(data), k), k.String())
	}
	// Two wrong types the decoder lets through: a bare number decodes into
	// a duration as nanoseconds ("timeout = 15" would give up on every call
	// at once), and a plain value where a section goes is dropped.
	shape := configShape()
	for _, k := range md.Keys() {
		t := md.Type(k...)
		switch shape[k.String()] {
		case "duration":
			if t == "Integer" || t == "Float" {
				return cli.Config{}, fmt.Errorf("line %d: %s needs a unit: write it in quotes like \"15s\" or \"2m\" (a bare number would be nanoseconds)", lineOf(string(data), k), k.String())
			}
		case "section":
			if t != "Hash" {
				return cli.Config{}, fmt.Errorf("line %d: %s is a section: write [%s] on a line of its own and its keys below it (see config.example.toml)", lineOf(string(data), k), k.String(), k.String())
			}
		}
	}
	// A pasted line break in a credential: name its line here, where the
	// file is known (Validate names the key for the environment's secret).
	var ce *xportcn.CredentialError
	if err := cfg.Xport.CheckCredentials(); errors.As(err, &ce) {
		return cli.Config{}, fmt.Errorf("line %d: %v", lineOf(string(data), toml.Key{"xport", ce.Key}), err)
	}
	cfg.Source = string(data)
	// An explicit read_retries = 0 means no retries, not "unset".
	cfg.Xport.ReadRetriesSet = md.IsDefined("xport", "read_retries")
	return cfg, nil
}

// badType is the TOML decoder's message for a value of the wrong type; it
// has no error type of its own.
var (
	badType  = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]+)"\): incompatible types: TOML value has type (\S+); destination has type (\S+)$`)
	notTable = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]+)"\): type mismatch for \S+: expected table but found (\S+)$`)
)

// decodeError says what is wrong with the file in a user's words and how
// to write it instead.
func decodeError(err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		msg := pe.Message
		if strings.HasPrefix(msg, "invalid duration") {
			msg = fmt.Sprintf("%s = %s is not a duration: write a number and a unit in quotes, like \"15s\" or \"2m\"", pe.LastKey, strings.TrimPrefix(msg, "invalid duration: "))
		}
		return fmt.Errorf("line %d: %s", pe.Position.Line, msg)
	}
	if m := badType.FindStringSubmatch(err.Error()); m != nil {
		return fmt.Errorf("line %s: %s should be %s, not %s (see config.example.toml)", m[1], m[2], tomlKind(m[4], true), tomlKind(m[3], false))
	}
	if m := notTable.FindStringSubmatch(err.Error()); m != nil {
		return fmt.Errorf("line %s: %s is a section: write [%s] on a line of its own and its keys below it, not %s = … (see config.example.toml)", m[1], m[2], m[2], m[2])
	}
	return err
}

// tomlKind names a type of the TOML decoder's messages the way the file
// spells it; want is true for the type the key needs.
func tomlKind(t string, want bool) string {
	switch {
	case t == "string":
		if want {
			return "text in quotes (\"…\")"
		}
		return "text"
	case strings.Contains(t, "int"), t == "integer":
		if want {
			return "a whole number without quotes, like 3"
		}
		return "a number"
	case strings.Contains(t, "float"):
		return "a number with a decimal point"
	case t == "bool", t == "boolean":
		if want {
			return "true or false, without quotes"
		}
		return "true or false"
	case t == "slice", strings.HasPrefix(t, "[]"):
		if want {
			return "a list in brackets, like [\"q\", \"ctrl+c\"]"
		}
		return "a list"
	case strings.HasPrefix(t, "map"), t == "struct":
		if want {
			return "a [section]"
		}
		return "a table"
	}
	return t
}

// configShape marks the keys whose value is a time.Duration ("duration")
// or a table ("section"), found from the config's own types so a new one
// is covered without a list to keep.
func configShape() map[string]string {
	out := map[string]string{}
	var walk func(t reflect.Type, prefix string)
	walk = func(t reflect.Type, prefix string) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
			if name == "" || name == "-" {
				continue
			}
			switch {
			case f.Type == reflect.TypeOf(time.Duration(0)):
				out[prefix+name] = "duration"
			case f.Type.Kind() == reflect.Struct:
				out[prefix+name] = "section"
				walk(f.Type, prefix+name+".")
			case f.Type.Kind() == reflect.Map:
				out[prefix+name] = "section"
			}
		}
	}
	walk(reflect.TypeOf(cli.Config{}), "")
	return out
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
