// Package cli is the caigou command: the desk, `check`, `sandbox`,
// `version` and help. main.go hands it the process's standard streams,
// environment and a config loader, so every command is testable in-process.
package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"caigou/ui/state"
)

// Version is the release; main may override it at link time.
const Version = "0.1.0"

// Env is the process as the commands see it.
type Env struct {
	Args   []string
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	Load   Loader
	Ctx    context.Context
}

const usage = `caigou 采购 — a terminal purchasing desk for 1688.com through the Xportcn KA API

Usage:
  caigou [--demo] [--fresh] [--config PATH] start the desk
  caigou check [--demo] [--config PATH]    check the config, credentials and connection
        [--deep] [--record DIR]            read every endpoint once and name the settings your account needs
                                           (--record keeps the answers, personal data removed, for a bug report)
  caigou sandbox [--addr 127.0.0.1:8688]   serve the embedded sandbox API (see --help)
  caigou search KEYWORD... [--page N] [--size N]
                                           search offers, for scripts (see caigou search --help)
  caigou offer ID|LINK                     one offer's tiers, SKUs and stock
  caigou orders [--status S]               your orders
  caigou track ORDER_ID                    an order's parcels and their traces
        [--demo] [--config PATH]           (these four: a table, or --json or --csv;
        [--json | --csv]                   they never order, pay or save anything)
  caigou login [--demo] [--config PATH]    sign in to the 1688 Open Platform (backend = "1688")
  caigou list export NAME FILE             a sourcing list with its comparison (.xlsx or .csv)
  caigou cart export FILE                  the cart (.xlsx or .csv)
  caigou cart import FILE [--yes]          a client's list checked, then (--yes) into the cart
  caigou version                           print the version
  caigou help                              this text

In the desk, press / and type a keyword, then enter; ? shows every key, q quits.

With no config file caigou runs on its built-in sandbox: a generated
marketplace with demo data, where nothing you order is real. To go live,
copy config.example.toml to %s,
fill in [xport] access_key, access_secret and user_id, run "chmod 600" on it,
and run "caigou check".

The access secret may also come from the %s environment variable.
It is never accepted on the command line: other users of this machine can
read every process's arguments.

Options:
  --demo           use the sandbox even if a config file exists
  --fresh          start the sandbox over: forget its orders and addresses
  --config PATH    use this config file
`

// Main runs the command line and returns the exit code.
func Main(env Env) int {
	if env.Ctx == nil {
		env.Ctx = context.Background()
	}
	args := env.Args
	cmd := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	// The spellings every other tool answers to.
	if cmd == "" && len(args) == 1 {
		switch args[0] {
		case "--version", "-version", "-v", "-V":
			cmd, args = "version", nil
		case "--help", "-help", "-h":
			cmd, args = "help", nil
		}
	}
	switch cmd {
	case "", "desk":
		return runDeskCmd(env, args)
	case "check":
		return runCheck(env, args)
	case "sandbox":
		return runSandbox(env, args)
	case "search":
		return runSearchCmd(env, args)
	case "offer":
		return runOfferCmd(env, args)
	case "orders":
		return runOrdersCmd(env, args)
	case "track":
		return runTrackCmd(env, args)
	case "list":
		return runListCmd(env, args)
	case "login":
		return runLogin(env, args)
	case "cart":
		return runCartCmd(env, args)
	case "version":
		fmt.Fprintf(env.Stdout, "caigou %s\n", Version)
		return 0
	case "help":
		printUsage(env, env.Stdout)
		return 0
	default:
		fmt.Fprintf(env.Stderr, "caigou: unknown command %q\n\n", cmd)
		printUsage(env, env.Stderr)
		return 2
	}
}

func printUsage(env Env, w io.Writer) {
	p, err := state.ConfigPath(env.Getenv)
	if err != nil {
		p = "~/.config/caigou/config.toml"
	}
	fmt.Fprintf(w, usage, p, "CAIGOU_ACCESS_SECRET")
}

// commonFlags are --demo and --config, shared by the desk and check.
type commonFlags struct {
	demo       bool
	fresh      bool
	configPath string
	explicit   bool
	// backend is --backend: "xport", "1688" or "" (the config's choice).
	backend string
}

func parseCommon(env Env, name string, args []string, extra ...func(*flag.FlagSet)) (*commonFlags, int, bool) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	for _, f := range extra {
		f(fs)
	}
	cf := &commonFlags{}
	fs.BoolVar(&cf.demo, "demo", false, "use the sandbox")
	fs.BoolVar(&cf.fresh, "fresh", false, "start the sandbox over")
	fs.StringVar(&cf.configPath, "config", "", "config file")
	fs.StringVar(&cf.backend, "backend", "", "xport or 1688")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			printUsage(env, env.Stdout)
			return nil, 0, false
		}
		fmt.Fprintf(env.Stderr, "caigou: %v\n\nRun \"caigou help\" for usage.\n", secretSafe(err))
		return nil, 2, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "caigou %s: unexpected argument %q\n\nRun \"caigou help\" for usage.\n", name, fs.Arg(0))
		return nil, 2, false
	}
	if b, ok := backendName(cf.backend); !ok {
		fmt.Fprintf(env.Stderr, "caigou %s: --backend %q: use xport (the Xportcn KA API) or 1688 (the 1688 Open Platform)\n", name, sanitizeArg(cf.backend))
		return nil, 2, false
	} else {
		cf.backend = b
	}
	if cf.configPath != "" {
		cf.explicit = true
	} else {
		p, err := state.ConfigPath(env.Getenv)
		if err != nil {
			fmt.Fprintf(env.Stderr, "caigou: %v\n", err)
			return nil, 1, false
		}
		cf.configPath = p
	}
	return cf, 0, true
}

// secretSafe keeps an unknown flag's value out of the message: someone who
// tried --secret=... must not see it echoed into a shared terminal log.
func secretSafe(err error) error {
	msg := err.Error()
	if i := strings.Index(msg, "="); i >= 0 {
		msg = msg[:i]
	}
	return fmt.Errorf("%s", msg)
}
