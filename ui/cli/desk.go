package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"caigou/ui/app"
	"caigou/ui/auth1688"
	"caigou/ui/cart"
	"caigou/ui/common"
	"caigou/ui/journal"
	"caigou/ui/keys"
	"caigou/ui/search"
	"caigou/ui/sourcing"
	"caigou/ui/state"
	"caigou/ui/statedb"
	"caigou/ui/theme"
	"caigou/xport/sandbox"
	"caigou/xport/xportcn"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// session is everything the desk needs, built before the program starts so
// that config errors are printed as plain text, not inside the UI.
type session struct {
	common  *common.Common
	db      *statedb.DB // nil when the state could not be opened
	log     io.Closer
	logFile *os.File
	logPath string
	notices []string
}

func runDeskCmd(env Env, args []string) int {
	cf, code, ok := parseCommon(env, "caigou", args)
	if !ok {
		return code
	}
	s, err := newSession(env, cf)
	if err != nil {
		fmt.Fprintf(env.Stderr, "caigou: %v\n", err)
		return 1
	}
	defer s.close()
	return runProgram(env, s, app.New(s.common, search.New(s.common)))
}

// close closes the state database and the log.
func (s *session) close() {
	if s.db != nil {
		s.db.Close()
	}
	s.log.Close()
}

// runProgram runs the desk until it quits. While it runs, the process's
// standard output and error point at the log file: Bubble Tea reports a
// panic by printing it, and a stack trace belongs in the log, not over
// the agent's screen. The desk itself draws on env.Stdout.
func runProgram(env Env, s *session, root tea.Model) int {
	// Signals reach the desk only through env.Ctx (main cancels it on
	// SIGHUP, SIGTERM and SIGINT). With Bubble Tea's own handler as well,
	// a SIGTERM could cancel the program while its handler was still
	// trying to hand over a QuitMsg nobody would read, and the desk hung
	// instead of quitting (seen in the signals end-to-end test).
	opts := []tea.ProgramOption{tea.WithAltScreen(), tea.WithContext(env.Ctx), tea.WithInput(env.Stdin), tea.WithOutput(env.Stdout), tea.WithoutSignalHandler()}
	if s.common.Config.Mouse {
		opts = append(opts, tea.WithMouseCellMotion())
	}
	p := tea.NewProgram(root, opts...)
	if len(s.notices) > 0 {
		notice := strings.Join(s.notices, " · ")
		go p.Send(common.StatusMsg{Text: notice, Level: common.Warn})
	}
	restore := s.captureStdio()
	_, err := p.Run()
	restore()
	switch {
	case err == nil:
		return 0
	case errors.Is(err, tea.ErrProgramPanic):
		s.common.Log.Error("the desk stopped on a panic; the stack is above in this file")
		fmt.Fprintf(env.Stderr, "caigou stopped on an internal error (a bug). Your cart is safe: every change is saved as it is made.\nThe details are in %s; please send them to whoever maintains caigou.\n", s.logPath)
		return 2
	case errors.Is(err, tea.ErrProgramKilled):
		// SIGHUP or SIGTERM: the terminal is restored and the cart was
		// saved with each change.
		return 0
	default:
		fmt.Fprintf(env.Stderr, "caigou: %v\n", err)
		return 1
	}
}

// captureStdio points os.Stdout and os.Stderr at the log file and returns
// the function that puts them back.
func (s *session) captureStdio() func() {
	if s.logFile == nil {
		return func() {}
	}
	out, errw := os.Stdout, os.Stderr
	os.Stdout, os.Stderr = s.logFile, s.logFile
	return func() { os.Stdout, os.Stderr = out, errw }
}

func newSession(env Env, cf *commonFlags) (*session, error) {
	s := &session{}
	var l *loaded
	if cf.demo {
		l = &loaded{}
	} else {
		var err error
		if l, err = load(env, cf.configPath, cf.explicit); err != nil {
			if l != nil {
				// Said with the other problems of the file at once.
				_, kerr := keys.New(l.Keys)
				var xerr error
				if !cf.demo && l.live() {
					xerr = l.Xport.Defaults().Validate()
				}
				return nil, errors.Join(err, atLines(l.Source, kerr), atLines(l.Source, xerr))
			}
			return nil, err
		}
	}
	backend, err := backendOf(cf, l)
	if err != nil {
		return nil, err
	}
	live := l.live()
	if backend == backend1688 {
		live = l.live1688()
	}
	// A live config that cannot work is refused before anything is
	// written: no state directory, log or cart for a typo in base_url.
	if !cf.demo && live {
		verr := l.Xport.Defaults().Validate()
		if backend == backend1688 {
			verr = l.Ali1688.Defaults().Validate()
		}
		if verr != nil {
			return nil, atLines(l.Source, verr)
		}
	}
	logger, closer, err := openLog(env, l.Log)
	if err != nil {
		return nil, err
	}
	s.log, s.logFile, s.logPath = closer, closer, closer.Name()

	km, kerr := keys.New(l.Keys)
	if kerr != nil {
		s.notices = append(s.notices, atLines(l.Source, kerr).Error()+" — using the default keys")
	}

	var client common.Market
	sandboxed := cf.demo || !live
	db, crt, jr, notes := openState(env, sandboxed)
	s.db = db
	if sandboxed {
		// Time runs 60x in the demo so an order ships within minutes.
		// Order ids numbered from the clock: a restart never repeats one.
		// The order book, addresses and clock are kept in the sandbox's
		// state database, so demo orders outlive a restart (--fresh
		// starts over).
		opts := sandbox.Options{Seed: 1, TimeScale: 60, FirstOrderSeq: uint64(time.Now().UnixMilli())}
		if db != nil {
			st := sandboxStore{db}
			if cf.fresh {
				st.Save(nil)
				notes = append(notes, "The sandbox starts over: its earlier orders and addresses are gone (--fresh).")
			}
			opts.Store = st
		}
		sb := sandbox.New(opts)
		hc := &http.Client{Transport: &sandbox.Transport{Handler: sb}}
		if backend == backend1688 {
			client, err = open1688(env, sandbox1688Config(), hc, db, logger, sb)
		} else {
			client, err = xportcn.New(sandboxKA("http://sandbox.invalid/api"), xportcn.WithHTTPClient(hc), xportcn.WithLogger(logger))
		}
		if !cf.demo {
			s.notices = append(s.notices, "Sandbox: demo data, nothing is ordered for real. To go live put your Xportcn keys (or your 1688 app, backend = \"1688\") in "+cf.configPath+" and run `caigou check`.")
		}
	} else if backend == backend1688 {
		client, err = open1688(env, l.Ali1688, nil, db, logger, nil)
		if err == nil && db != nil {
			if _, ok, _ := (auth1688.Store{DB: db}).Load(env.Ctx); !ok {
				s.notices = append(s.notices, "Not signed in to 1688: quit and run `caigou login` (an address to open on any device, then the code). Searches and orders need it.")
			}
		}
	} else {
		client, err = xportcn.New(l.Xport, xportcn.WithLogger(logger))
	}
	if err != nil {
		return nil, err
	}

	renderer := lipgloss.NewRenderer(env.Stdout)
	// Bubble Tea v1 already asked this terminal for its background colour
	// at start-up (tea_init.go). Asking again lazily, during the first
	// View, would race the program's own input reader: keys typed early
	// were eaten and the reply's "R" landed in the search box. Reuse the
	// answer instead.
	renderer.SetHasDarkBackground(lipgloss.HasDarkBackground())
	if env.Getenv("NO_COLOR") != "" {
		renderer.SetColorProfile(termenv.Ascii)
	}
	e := common.Env{
		SSH:     env.Getenv("SSH_CONNECTION") != "" || env.Getenv("SSH_TTY") != "",
		Display: env.Getenv("DISPLAY") != "" || env.Getenv("WAYLAND_DISPLAY") != "" || runtime.GOOS == "darwin",
		Tmux:    env.Getenv("TMUX") != "",
	}
	if e.Tmux {
		e.TmuxClipboard = tmuxClipboard(env.Ctx)
	}
	// What happened to the saved state is said once, so it goes before
	// the notices every start repeats.
	s.notices = append(notes, s.notices...)
	c := &common.Common{
		Ctx:     env.Ctx,
		Cart:    crt,
		Styles:  theme.New(renderer, theme.DefaultPalette()),
		Keys:    km,
		Client:  client,
		Env:     e,
		Config:  l.UI,
		Sandbox: sandboxed,
		UserID:  userOf(client),
		Log:     logger,
		Term:    env.Stdout,
	}
	if e.CanOpenBrowser() {
		c.Open = openBrowser
	}
	c.Init()
	if jr != nil {
		c.Journal = jr
	}
	if db != nil {
		c.History = db.History()
		c.Looks, c.LooksStore = loadLooks(db), looksStore{db}
		c.Sourcing = sourcing.New(db)
		// Lists deleted over a day ago go for good; a failure only keeps
		// them a while longer.
		_ = c.Sourcing.Purge(env.Ctx)
	}
	// Exports are offered where the agent started the desk, as a shell
	// command would write them; the home folder when that is unknown.
	if wd, err := os.Getwd(); err == nil {
		c.ExportDir = wd
	} else if home, err := os.UserHomeDir(); err == nil {
		c.ExportDir = home
	}
	// Checked when the config was loaded.
	c.Freight, _ = l.Freight.RateCard()
	if len(c.Freight.Channels) == 0 && sandboxed {
		c.Freight = sourcing.ExampleCard()
	}
	s.common = c
	return s, nil
}

// openState opens the state database (cart, order journal,
// preferences) in the state directory. The sandbox keeps its own: its
// orders vanish when the desk quits, its intents must not be looked up on
// a live account, and demo goods must never reach a live order. The desk
// never refuses to start over its state: what cannot be opened is said in
// the notices, the cart is then kept in memory only, and orders cannot be
// placed without a journal.
func openState(env Env, sandboxed bool) (*statedb.DB, *cart.Cart, *journal.Journal, []string) {
	memory := func(why string) (*statedb.DB, *cart.Cart, *journal.Journal, []string) {
		return nil, &cart.Cart{}, nil, []string{
			"The saved cart cannot be opened (" + why + "): this session's cart is in memory only and is lost when caigou quits.",
			"Orders cannot be placed: the order journal cannot be opened (" + why + ").",
		}
	}
	dir, err := state.Dir(env.Getenv)
	if err != nil {
		return memory(err.Error())
	}
	if sandboxed {
		dir = filepath.Join(dir, "sandbox")
	}
	db, err := statedb.Open(dir)
	if db == nil {
		return memory(err.Error())
	}
	var notes []string
	if err != nil {
		notes = append(notes, "The saved state could not be read: "+err.Error()+". The cart starts empty.")
	}
	crt, err := cart.New(db)
	var ce *cart.CorruptError
	switch {
	case crt != nil && errors.As(err, &ce):
		notes = append(notes, "The saved cart could not be read: "+err.Error()+". The cart starts empty.")
	case err != nil:
		crt = &cart.Cart{}
		notes = append(notes, "The saved cart cannot be opened ("+err.Error()+"): this session's cart is in memory only and is lost when caigou quits.")
	}
	notes = append(notes, crt.Notes()...)
	j, err := journal.New(db)
	if err != nil {
		notes = append(notes, "Orders cannot be placed: the order journal cannot be opened ("+err.Error()+").")
		return db, crt, nil, notes
	}
	return db, crt, j, append(notes, j.Notes()...)
}

// openLog opens the log file (0600; in the state directory, 0700, unless
// [log] file puts it elsewhere). Warnings and errors, with their request
// ids, are always logged; debug adds every call. A log at a path of the
// user's choosing gets the directories that are missing, made 0700; one
// that exists, perhaps shared like /tmp, is left as it is.
func openLog(env Env, lc LogConfig) (*slog.Logger, *os.File, error) {
	path := lc.File
	if path == "" {
		dir, err := state.Dir(env.Getenv)
		if err != nil {
			return nil, nil, err
		}
		path = filepath.Join(dir, "caigou.log")
	} else if err := state.MkdirPrivate(filepath.Dir(path)); err != nil {
		return nil, nil, fmt.Errorf("cannot open the log file %s: %w ([log] file in the config chooses it)", path, err)
	}
	f, err := state.OpenPrivate(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND)
	if err != nil {
		msg := "cannot open the log file " + path + ": "
		if errors.Is(err, state.ErrUnsafe) {
			msg = "cannot use the log file: " // the error names it
		}
		if lc.File != "" {
			return nil, nil, fmt.Errorf("%s%w ([log] file in the config chooses it)", msg, err)
		}
		return nil, nil, fmt.Errorf("%s%w", msg, err)
	}
	level := slog.LevelWarn
	if lc.Debug {
		level = slog.LevelDebug
	}
	return slog.New(slog.NewTextHandler(f, &slog.HandlerOptions{Level: level})), f, nil
}

func openBrowser(url string) error {
	name := "xdg-open"
	if runtime.GOOS == "darwin" {
		name = "open"
	}
	cmd := exec.CommandContext(context.Background(), name, url)
	cmd.Stdout, cmd.Stderr = nil, nil
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	return nil
}

// tmuxClipboard reads tmux's set-clipboard option, so a copy says
// whether it can reach the outer terminal; "" when tmux does not answer
// within a second (it runs before the first frame).
func tmuxClipboard(ctx context.Context) string {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "tmux", "show-options", "-gv", "set-clipboard").Output()
	if err != nil {
		return ""
	}
	switch v := strings.TrimSpace(string(out)); v {
	case "on", "off", "external":
		return v
	}
	return ""
}

// sandboxStore keeps the demo sandbox's state in a preference row of
// the sandbox's own state database.
type sandboxStore struct{ db *statedb.DB }

const sandboxKey = "sandbox_state"

func (s sandboxStore) Load() ([]byte, error) {
	v, ok, err := s.db.Pref(context.Background(), sandboxKey)
	if err != nil || !ok {
		return nil, err
	}
	return []byte(v), nil
}

func (s sandboxStore) Save(b []byte) error {
	return s.db.SetPref(context.Background(), sandboxKey, string(b))
}
