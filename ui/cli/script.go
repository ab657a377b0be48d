package cli

// The scripting commands (issue 12): `caigou search`, `offer`, `orders`
// and `track` read the marketplace on the same engine as the desk (the
// same config file, client, QPS limit, log and state directory; the same
// sandbox, with the orders the demo desk placed) and print plain data for
// scripts: a table for people, --json or --csv for programs. They never
// write to the marketplace: placing and paying orders stay in the desk.
//
// Everything the service sends passes sanitize.Line before it is
// printed, in every output mode (JSON escapes control characters, but a
// bidi override or a line separator inside a string still reaches
// whoever prints the value). Data goes to stdout, messages to stderr.

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"time"

	"caigou/ui/common"
	"caigou/ui/sanitize"
	"caigou/ui/sourcing"
	"caigou/ui/state"
	"caigou/ui/statedb"
	"caigou/xport"
	"caigou/xport/sandbox"
	"caigou/xport/xportcn"
)

// Exit codes of the scripting commands.
const (
	exitOK       = 0
	exitFailure  = 1 // network, service error, config
	exitUsage    = 2 // bad flags, a missing or malformed argument
	exitNotFound = 3 // no such offer or order
)

// outMode is how a command prints its data.
type outMode int

const (
	modeTable outMode = iota
	modeJSON
	modeCSV
)

const scriptUsage = `Usage:
  caigou search KEYWORD... [--page N] [--size N]   keyword search (Chinese or English)
  caigou offer ID|LINK                             one offer: tiers, SKUs, stock
  caigou orders [--status S] [--page N] [--size N] your orders
  caigou track ORDER_ID                            an order's parcels and their traces
  caigou list export NAME FILE                     a sourcing list with its comparison (.xlsx or .csv)
  caigou cart export FILE                          the cart (.xlsx or .csv)
  caigou cart import FILE [--yes]                  a client's list into the cart, checked first

Flags of every one:
  --demo           use the sandbox even if a config file exists
  --config PATH    use this config file
  --json           one JSON object (schema "caigou.<command>/1")
  --csv            CSV with a header row
  (default: a table fitted to the terminal, or to $COLUMNS)

--status is one of: all, waitbuyerpay (unpaid), waitsellersend (to-ship),
waitbuyerreceive (shipped), success (completed), cancel (cancelled).

Exit codes: 0 ok (an empty result too), 1 failure (network, service,
config), 2 usage, 3 no such offer or order. Data goes to stdout, messages
to stderr. Nothing is ordered, paid or saved: that stays in the desk.
`

// scriptRun is one scripting command being run.
type scriptRun struct {
	env  Env
	name string   // "search"
	args []string // the arguments that are not flags
	cf   *commonFlags
	mode outMode
}

// parseScript reads a scripting command's flags and arguments, in any
// order (`caigou search 手机壳 --demo --json`); "--" ends the flags.
// extra defines the command's own flags. It reuses parseCommon for the
// flags every command has, so --demo and --config mean what they mean to
// the desk.
func parseScript(env Env, name string, args []string, extra func(*flag.FlagSet)) (*scriptRun, int, bool) {
	var asJSON, asCSV bool
	flags := func(fs *flag.FlagSet) {
		fs.BoolVar(&asJSON, "json", false, "")
		fs.BoolVar(&asCSV, "csv", false, "")
		if extra != nil {
			extra(fs)
		}
	}
	// The flag package stops at the first argument that is not a flag:
	// parse, take one argument, parse again.
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var scratchB bool
	var scratchS string
	fs.BoolVar(&scratchB, "demo", false, "")
	fs.BoolVar(&scratchB, "fresh", false, "")
	fs.StringVar(&scratchS, "config", "", "")
	fs.StringVar(&scratchS, "backend", "", "")
	flags(fs)
	var flagArgs, pos []string
	rest := args
	for len(rest) > 0 {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(env.Stdout, scriptUsage)
				return nil, exitOK, false
			}
			return nil, usageErr(env, name, secretSafe(err).Error()), false
		}
		used := rest[:len(rest)-fs.NArg()]
		flagArgs = append(flagArgs, used...)
		rest = fs.Args()
		if len(used) > 0 && used[len(used)-1] == "--" {
			pos = append(pos, rest...)
			break
		}
		if len(rest) > 0 {
			pos = append(pos, rest[0])
			rest = rest[1:]
		}
	}
	cf, code, ok := parseCommon(env, name, flagArgs, flags)
	if !ok {
		return nil, code, false
	}
	switch {
	case cf.fresh:
		return nil, usageErr(env, name, "--fresh starts the desk's sandbox over; the scripting commands never change it (run `caigou --demo --fresh`)"), false
	case asJSON && asCSV:
		return nil, usageErr(env, name, "choose one of --json and --csv"), false
	}
	r := &scriptRun{env: env, name: name, args: pos, cf: cf}
	switch {
	case asJSON:
		r.mode = modeJSON
	case asCSV:
		r.mode = modeCSV
	}
	return r, exitOK, true
}

// usageErr says what is wrong with the command line and returns exitUsage.
func usageErr(env Env, name, msg string) int {
	fmt.Fprintf(env.Stderr, "caigou %s: %s\n\nRun \"caigou %s --help\" for usage.\n", name, cleanLines(msg), name)
	return exitUsage
}

// intFlag checks a number flag's range.
func (r *scriptRun) intFlag(name string, v, lo, hi int) bool {
	if v < lo || v > hi {
		usageErr(r.env, r.name, fmt.Sprintf("--%s %d: use %d to %d", name, v, lo, hi))
		return false
	}
	return true
}

// engine is what the commands run on: the desk's client, built from the
// same config as the desk's (newSession), with the same QPS limit and log,
// and for the sandbox the same saved order book, read only.
type engine struct {
	client    common.Market
	sandboxed bool
	ui        common.Config
	db        *statedb.DB // the state database, nil when it cannot be opened
	log       *os.File
	// freight is the rate card ([freight]; the example on the sandbox).
	freight sourcing.RateCard
}

// open loads the config and builds the client as the desk does: the
// sandbox for --demo or when there is no live config, else the account.
// What cannot work is refused before anything is written.
func (r *scriptRun) open() (*engine, error) {
	env, cf := r.env, r.cf
	l := &loaded{}
	if !cf.demo {
		var err error
		if l, err = load(env, cf.configPath, cf.explicit); err != nil {
			if l != nil && l.live() {
				// Said with the [xport] problems at once, as the desk does.
				return nil, errors.Join(err, atLines(l.Source, l.Xport.Defaults().Validate()))
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
	sandboxed := cf.demo || !live
	if !sandboxed {
		verr := l.Xport.Defaults().Validate()
		if backend == backend1688 {
			verr = l.Ali1688.Defaults().Validate()
		}
		if verr != nil {
			return nil, atLines(l.Source, verr)
		}
	}
	logger, logFile, err := openLog(env, l.Log)
	if err != nil {
		return nil, err
	}
	e := &engine{sandboxed: sandboxed, ui: l.UI.Defaults(), log: logFile}
	e.freight, _ = l.Freight.RateCard() // checked when the config was loaded
	if len(e.freight.Channels) == 0 && sandboxed {
		e.freight = sourcing.ExampleCard()
	}
	dir, err := state.Dir(env.Getenv)
	if err == nil {
		if sandboxed {
			dir = filepath.Join(dir, "sandbox") // as openState
		}
		var db *statedb.DB
		if db, err = statedb.Open(dir); db != nil {
			e.db, err = db, nil
		}
	}
	if sandboxed {
		if !cf.demo {
			r.note("no live account in %s: reading the built-in sandbox (demo data); --demo says so without this note", cf.configPath)
		}
		// As the demo desk builds it (newSession), on the orders the demo
		// desk placed; its store is read only, so nothing here can ever
		// overwrite what a running desk saves.
		opts := sandbox.Options{Seed: 1, TimeScale: 60, FirstOrderSeq: uint64(time.Now().UnixMilli())}
		if e.db != nil {
			opts.Store = readOnlyStore{sandboxStore{e.db}}
		} else {
			r.note("the demo desk's orders cannot be read (%v): this is a fresh sandbox", err)
		}
		sb := sandbox.New(opts)
		hc := &http.Client{Transport: &sandbox.Transport{Handler: sb}}
		if backend == backend1688 {
			e.client, err = open1688(env, sandbox1688Config(), hc, e.db, logger, sb)
		} else {
			e.client, err = xportcn.New(sandboxKA("http://sandbox.invalid/api"), xportcn.WithHTTPClient(hc), xportcn.WithLogger(logger))
		}
	} else if backend == backend1688 {
		e.client, err = open1688(env, l.Ali1688, nil, e.db, logger, nil)
	} else {
		e.client, err = xportcn.New(l.Xport, xportcn.WithLogger(logger))
	}
	if err != nil {
		e.close()
		return nil, err
	}
	return e, nil
}

func (e *engine) close() {
	if e.db != nil {
		e.db.Close()
	}
	e.log.Close()
}

// callCtx bounds one remote call: every attempt the client may make,
// with its back-off, and a wait for the rate limiter. It ends with
// env.Ctx (Ctrl-C).
func (e *engine) callCtx(parent context.Context) (context.Context, context.CancelFunc) {
	b := e.client.Backend()
	retries := time.Duration(max(b.ReadRetries, 0))
	return context.WithTimeout(parent, b.Timeout*(retries+1)+retries*5*time.Second+10*time.Second)
}

// readOnlyStore reads the demo desk's saved sandbox and never saves.
type readOnlyStore struct{ st sandbox.Store }

func (s readOnlyStore) Load() ([]byte, error) { return s.st.Load() }
func (readOnlyStore) Save([]byte) error       { return nil }

// note says something on stderr, cleaned.
func (r *scriptRun) note(format string, args ...any) {
	fmt.Fprintf(r.env.Stderr, "caigou %s: %s\n", r.name, cleanLines(fmt.Sprintf(format, args...)))
}

// openFailed reports a config or state that cannot work.
func (r *scriptRun) openFailed(err error) int {
	fmt.Fprintf(r.env.Stderr, "caigou %s: %s\n", r.name, cleanLines(err.Error()))
	return exitFailure
}

// failed reports a remote call's failure and returns its exit code:
// exitNotFound when the service said there is no such record.
func (r *scriptRun) failed(what string, err error) int {
	if notFound(err) {
		r.note("%s: not found (%s)", what, say(err))
		return exitNotFound
	}
	if errors.Is(err, context.Canceled) {
		r.note("%s: interrupted", what)
		return exitFailure
	}
	r.note("%s: %s", what, say(err))
	if h := xport.Hint(err); h != "" {
		r.note("%s", h)
	}
	if id := xport.RequestIDOf(err); id != "" {
		r.note("request id %s (quote it to Xportcn support)", id)
	}
	return exitFailure
}

// notFound reports the service's own "no such record": an envelope
// answered with HTTP 2xx whose code says not found. A gateway's 404 is a
// wrong path, a config problem, not a missing record.
func notFound(err error) bool { return xport.NoSuchRecord(err) }

// ---- output ----

// writeJSON prints v (a pointer) as one JSON object, every string in it
// cleaned first, whatever built it.
func writeJSON(w io.Writer, v any) error {
	cleanStrings(reflect.ValueOf(v))
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// cleanStrings runs sanitize.Line over every string v reaches through
// pointers, structs and slices.
func cleanStrings(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			cleanStrings(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				cleanStrings(v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			cleanStrings(v.Index(i))
		}
	case reflect.String:
		if v.CanSet() {
			v.SetString(sanitize.Line(v.String()))
		}
	}
}

// writeCSV prints a header and rows. Every cell is cleaned; a cell of a
// text column (free text from the service: titles, names, remarks) that
// starts with = + - or @ gets a leading ', so a spreadsheet opening the
// file shows it instead of running it as a formula.
func writeCSV(w io.Writer, head []string, text []bool, rows [][]string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, row := range rows {
		out := make([]string, len(row))
		for i, c := range row {
			c = sanitize.Line(c)
			if i < len(text) && text[i] && c != "" && strings.ContainsRune("=+-@", rune(c[0])) {
				c = "'" + c
			}
			out[i] = c
		}
		if err := cw.Write(out); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// column is one column of a table.
type column struct {
	head  string
	right bool // numbers and money
	max   int  // the widest it may be, in cells (0: as wide as its cells)
}

// tableGap is the space between columns.
const tableGap = "  "

// flexUnfitted is the widest the last column gets when the terminal's
// width is unknown.
const flexUnfitted = 60

// writeTable prints rows under a header, aligned by display width
// (Chinese is two cells). The last column takes what the line has left
// and is cut with … to fit width; width 0 means unknown.
func writeTable(w io.Writer, width int, cols []column, rows [][]string) error {
	ws := make([]int, len(cols))
	for i, c := range cols {
		ws[i] = sanitize.Width(c.head)
	}
	for _, row := range rows {
		for i := range cols {
			row[i] = sanitize.Line(row[i])
			ws[i] = max(ws[i], sanitize.Width(row[i]))
		}
	}
	last := len(cols) - 1
	for i, c := range cols[:last] {
		if c.max > 0 {
			ws[i] = min(ws[i], max(c.max, sanitize.Width(c.head)))
		}
	}
	room := flexUnfitted
	if width > 0 {
		room = width
		for _, n := range ws[:last] {
			room -= n + len(tableGap)
		}
	}
	ws[last] = min(ws[last], max(room, 8))
	var b strings.Builder
	line := func(cells []string) {
		b.Reset()
		for i, c := range cells {
			if i > 0 {
				b.WriteString(tableGap)
			}
			if cols[i].right {
				b.WriteString(sanitize.PadLeft(c, ws[i]))
			} else {
				b.WriteString(sanitize.Pad(c, ws[i]))
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
	heads := make([]string, len(cols))
	for i, c := range cols {
		heads[i] = c.head
	}
	line(heads)
	for _, row := range rows {
		line(row)
	}
	return nil
}

// tableWidth is the width to fit a table to: $COLUMNS, else the
// terminal's, else 0 (unknown: a pipe or a file).
func (r *scriptRun) tableWidth() int {
	if n, err := strconv.Atoi(strings.TrimSpace(r.env.Getenv("COLUMNS"))); err == nil && n > 0 {
		return max(n, 20)
	}
	return termWidth(r.env.Stdout)
}

// emit prints the data in the chosen mode; a failure to write (a closed
// pipe) is exit 1.
func (r *scriptRun) emit(jsonOut any, csvHead []string, csvText []bool, csvRows [][]string, table func(io.Writer, int) error) int {
	var err error
	switch r.mode {
	case modeJSON:
		err = writeJSON(r.env.Stdout, jsonOut)
	case modeCSV:
		err = writeCSV(r.env.Stdout, csvHead, csvText, csvRows)
	default:
		err = table(r.env.Stdout, r.tableWidth())
	}
	if err != nil {
		r.note("cannot write the output: %v", err)
		return exitFailure
	}
	return exitOK
}

// ---- values ----

// money is an amount as the JSON schemas write it: integer fen and the
// same amount as a yuan string ("12.50"); both null when there is none.
func money(f xport.Fen, ok bool) (*int64, *string) {
	if !ok {
		return nil, nil
	}
	n, y := int64(f), f.Yuan()
	return &n, &y
}

// fenCell and yuanCell are an amount's CSV cells, empty when there is none.
func fenCell(f xport.Fen, ok bool) string {
	if !ok {
		return ""
	}
	return strconv.FormatInt(int64(f), 10)
}

func yuanCell(f xport.Fen, ok bool) string {
	if !ok {
		return ""
	}
	return f.Yuan()
}

// chinaTime is a time as the schemas write it: RFC 3339 in China time;
// nil when none was sent or it could not be read.
func chinaTime(t xport.Time) *string {
	if t.Time.IsZero() {
		return nil
	}
	s := t.In(xport.ChinaTime()).Format(time.RFC3339)
	return &s
}

// deref is a nullable string's CSV cell.
func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// txt is a text from the service, cleaned.
func txt(t xport.Text) string { return sanitize.Line(string(t)) }

// offerLink is the offer's page on 1688, for an id of digits only.
func offerLink(id string) *string {
	if id == "" || strings.Trim(id, "0123456789") != "" {
		return nil
	}
	s := "https://detail.1688.com/offer/" + id + ".html"
	return &s
}

// orNone is a table cell for an empty value.
func orNone(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
