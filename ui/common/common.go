// Package common is what every screen shares: the session context (size,
// styles, keys, client, cart), the Page interface, and the messages by
// which screens talk to the root. One Common exists per session and is
// passed by pointer; nothing here is package-level state, so the desk can
// later run once per SSH session in one process.
package common

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync/atomic"
	"time"

	"caigou/ui/cart"
	"caigou/ui/journal"
	"caigou/ui/keys"
	"caigou/ui/pricing"
	"caigou/ui/sourcing"
	"caigou/ui/theme"
	"caigou/xport"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Config is the [ui] section of the config file.
type Config struct {
	// DisplayCurrency and DisplayRate show prices in a second currency as
	// well as CNY, e.g. "USD" and "0.138" (USD per 1 CNY). Orders are
	// always placed in CNY.
	DisplayCurrency string `toml:"display_currency"`
	DisplayRate     string `toml:"display_rate"`
	// PageSize is how many results each search page asks for.
	PageSize int `toml:"page_size"`
	// DefaultAddressID is the shipping address used for freight estimates
	// and orders; empty means the account's default or first address.
	DefaultAddressID string `toml:"default_address_id"`
	// Plain turns off animation (a static "Loading…" instead of a spinner),
	// for screen readers and braille displays.
	Plain bool `toml:"plain"`
	// OrdersRefresh is how often the orders screen refreshes itself.
	OrdersRefresh time.Duration `toml:"orders_refresh"`
	// Mouse lets the wheel scroll lists. Off by default: while a program
	// takes the mouse, the terminal's own text selection needs shift.
	Mouse bool `toml:"mouse"`
}

// Defaults fills zero fields.
func (c Config) Defaults() Config {
	if c.PageSize <= 0 {
		c.PageSize = 20
	}
	if c.OrdersRefresh == 0 {
		c.OrdersRefresh = time.Minute
	}
	return c
}

// Validate checks the section, every problem at once; the rate must
// parse without floating point.
func (c Config) Validate() error {
	var errs []error
	if (c.DisplayCurrency == "") != (c.DisplayRate == "") {
		errs = append(errs, fmt.Errorf("[ui] display_currency and display_rate go together: set both (e.g. \"USD\" and \"0.138\") or neither"))
	}
	if c.DisplayRate != "" {
		if _, err := xport.ParseRate(c.DisplayRate); err != nil {
			errs = append(errs, fmt.Errorf("[ui] display_rate: %w", err))
		}
	}
	if c.PageSize < 0 || c.PageSize > 50 {
		errs = append(errs, fmt.Errorf("[ui] page_size = %d: use 1 to 50 results per page (or leave it out for 20)", c.PageSize))
	}
	if c.OrdersRefresh < 0 || (c.OrdersRefresh > 0 && c.OrdersRefresh < 10*time.Second) {
		errs = append(errs, fmt.Errorf("[ui] orders_refresh = %s: use 10s or more", c.OrdersRefresh))
	}
	return errors.Join(errs...)
}

// Env is what the desk knows about where it runs.
type Env struct {
	// SSH is true under SSH_CONNECTION or SSH_TTY: never open a browser.
	SSH bool
	// Display is true when a graphical display is present.
	Display bool
	// Tmux is true inside tmux; TmuxClipboard is tmux's set-clipboard
	// option as read at start ("on", "external", "off"; "" unknown):
	// whether an OSC 52 copy reaches the outer terminal.
	Tmux          bool
	TmuxClipboard string
}

// CanOpenBrowser reports whether opening a local browser makes sense.
func (e Env) CanOpenBrowser() bool { return !e.SSH && e.Display }

// Common is the per-session context every screen holds a pointer to.
type Common struct {
	Ctx    context.Context
	Width  int // of the page area, set by the root
	Height int
	Styles *theme.Styles
	Keys   *keys.KeyMap
	// Client is the marketplace backend the desk works on.
	Client Market
	Cart   *cart.Cart
	Env    Env
	Config Config
	// Sandbox is true when the client talks to the embedded sandbox.
	Sandbox bool
	UserID  string
	Log     *slog.Logger
	// Now is the clock screens use for display (tests pin it).
	Now func() time.Time
	// Open opens a URL in a local browser; nil when not allowed.
	Open func(url string) error
	// Term is the terminal the program draws on (main sets it to the
	// program's output), for sequences that are not screen content, such
	// as the OSC 52 clipboard write. Commands write to it, never View (a
	// view is redrawn and would repeat the write), and each sequence in a
	// single Write so it lands whole between the renderer's frames. nil
	// (pipes, tests) turns those features off.
	Term io.Writer
	// Journal records every order create before it is sent and its fate
	// after. nil (some tests) means orders cannot be placed: without it a
	// lost answer could not be looked up, so the desk refuses to send.
	Journal *journal.Journal
	// History keeps the keywords searched across sessions; nil keeps them
	// for this session only.
	History History
	// Looks are how lists are shown (sort, filters, language), as the
	// agent last chose; LooksStore keeps them for the next session (nil:
	// this session only). Pages change them with SetLooks.
	Looks      Looks
	LooksStore LooksStore
	// Removed is the session's undo stack of cart lines removed by hand,
	// newest last: it outlives the cart page, so u after reopening the
	// cart still puts the last removal back.
	Removed []Removal
	// Opened keeps what the product page learned of each offer opened
	// this session, for what the search card cannot say (every SKU out of
	// stock). The zero value works.
	Opened Opened
	// Sourcing keeps the sourcing lists; nil when the state database
	// could not be opened (the lists screen then says so).
	Sourcing *sourcing.Store
	// Freight is the international freight rate card ([freight]).
	Freight sourcing.RateCard
	// DeletedLists is the session's undo stack of deleted sourcing lists.
	DeletedLists []int64
	// ExportDir is where an export is offered to go: the folder the desk
	// was started in.
	ExportDir string

	rateMicro int64
	ids       atomic.Int64
}

// Removal is a cart line removed by hand and where it stood.
type Removal struct {
	Line cart.Line
	At   int
}

// MaxUndo bounds the undo stack of a long day.
const MaxUndo = 100

// History is where searched keywords are kept; *statedb.SearchHistory
// is one. Its calls do I/O: pages make them in commands.
type History interface {
	Recent(ctx context.Context, n int) ([]string, error)
	Remember(ctx context.Context, keyword string) error
}

// Init finishes a Common after its fields are set.
func (c *Common) Init() {
	c.Config = c.Config.Defaults()
	if c.Config.DisplayRate != "" {
		c.rateMicro, _ = xport.ParseRate(c.Config.DisplayRate)
	}
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Ctx == nil {
		c.Ctx = context.Background()
	}
	if c.Cart == nil {
		c.Cart = &cart.Cart{}
	}
}

// NextID returns a fresh page id.
func (c *Common) NextID() int { return int(c.ids.Add(1)) }

// Money formats an amount in CNY, with the display currency after it when
// one is configured: "¥12.50 (≈USD 1.73)".
func (c *Common) Money(f xport.Fen) string {
	s := pricing.Money(f)
	if c.rateMicro > 0 {
		if v, ok := f.Convert(c.rateMicro); ok {
			s += fmt.Sprintf(" (≈%s %s)", c.Config.DisplayCurrency, strings.TrimPrefix(pricing.Money(xport.Fen(v)), "¥"))
		}
	}
	return s
}

// MoneyShort formats an amount in CNY only, for narrow columns.
func (c *Common) MoneyShort(f xport.Fen) string { return pricing.Money(f) }

// Converted is the display-currency amount alone ("USD 1.73"), or "".
func (c *Common) Converted(f xport.Fen) string {
	if c.rateMicro <= 0 {
		return ""
	}
	v, ok := f.Convert(c.rateMicro)
	if !ok {
		return ""
	}
	return c.Config.DisplayCurrency + " " + strings.TrimPrefix(pricing.Money(xport.Fen(v)), "¥")
}

// Page is one screen. It sizes itself and publishes its own key help.
type Page interface {
	// ID identifies the page for routing async replies.
	ID() int
	Init() tea.Cmd
	Update(tea.Msg) (Page, tea.Cmd)
	View() string
	// SetSize gives the page its area (the screen less header and footer).
	SetSize(width, height int)
	// Title is the page's name in the header breadcrumb.
	Title() string
	// CapturesInput is true while a text input has focus: printable keys
	// then go to the input, not to global bindings such as q or /.
	CapturesInput() bool
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
	// Close cancels the page's in-flight requests; the root calls it when
	// the page leaves the stack.
	Close()
}

// PushMsg asks the root to open a page on top of the stack.
type PushMsg struct{ Page Page }

// PopMsg asks the root to close the top page.
type PopMsg struct{}

// Push opens a page.
func Push(p Page) tea.Cmd { return func() tea.Msg { return PushMsg{Page: p} } }

// Pop closes the top page.
func Pop() tea.Cmd { return func() tea.Msg { return PopMsg{} } }

// Level is how a status line message is shown.
type Level int

// Status levels.
const (
	Info Level = iota
	OK
	Warn
)

// StatusMsg puts a message in the status line.
type StatusMsg struct {
	Text  string
	Level Level
}

// Status returns a command that shows text in the status line.
func Status(level Level, text string) tea.Cmd {
	return func() tea.Msg { return StatusMsg{Text: text, Level: level} }
}

// ErrorMsg reports a failure to the user: What is what the desk was doing
// ("searching “连衣裙”"), Err what went wrong. The root shows both with the
// advice of xport.Hint and logs the request id.
type ErrorMsg struct {
	What string
	Err  error
}

// Error returns a command that reports err.
func Error(what string, err error) tea.Cmd {
	return func() tea.Msg { return ErrorMsg{What: what, Err: err} }
}

// Addressed is implemented by async replies: the id of the page that asked.
// The root delivers them to that page wherever it is in the stack, and
// drops them when the page is gone.
type Addressed interface{ PageID() int }

// Reply is embedded in async reply messages. Seq is the page's request
// number; a page ignores replies older than its latest request.
type Reply struct {
	Page int
	Seq  int
}

// PageID implements Addressed.
func (r Reply) PageID() int { return r.Page }

// Requests issues request numbers and contexts for one page. Each new
// request of a kind cancels the previous one of that kind, and Close
// cancels all.
type Requests struct {
	base    context.Context
	cancel  context.CancelFunc
	seq     int
	pending map[string]context.CancelFunc
	latest  map[string]int
}

// NewRequests derives a page's request scope from the session context.
func NewRequests(parent context.Context) *Requests {
	ctx, cancel := context.WithCancel(parent)
	return &Requests{base: ctx, cancel: cancel, pending: map[string]context.CancelFunc{}, latest: map[string]int{}}
}

// Start begins a request of a kind ("search", "detail"...), cancelling the
// previous one of that kind. It returns the context to call with and the
// request's number.
func (r *Requests) Start(kind string) (context.Context, int) {
	if c, ok := r.pending[kind]; ok {
		c()
	}
	r.seq++
	ctx, cancel := context.WithCancel(r.base)
	r.pending[kind] = cancel
	r.latest[kind] = r.seq
	return ctx, r.seq
}

// Current reports whether seq is the latest request of its kind; a reply
// for which it is false is stale and must be dropped.
func (r *Requests) Current(kind string, seq int) bool { return r.latest[kind] == seq }

// Done marks the request of a kind finished.
func (r *Requests) Done(kind string, seq int) {
	if r.latest[kind] == seq {
		if c, ok := r.pending[kind]; ok {
			c()
			delete(r.pending, kind)
		}
	}
}

// InFlight reports whether a request of the kind is running.
func (r *Requests) InFlight(kind string) bool { _, ok := r.pending[kind]; return ok }

// Close cancels every request of the page.
func (r *Requests) Close() { r.cancel() }
