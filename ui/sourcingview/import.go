package sourcingview

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"caigou/ui/common"
	"caigou/ui/export"
	"caigou/ui/importer"
	"caigou/ui/keys"
	"caigou/ui/pricing"
	"caigou/ui/sanitize"
	"caigou/ui/sourcing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Import turns a client's CSV or XLSX into a sourcing list: the file, a
// mapping of its columns when the headings are not known, a check of
// every row against the live catalogue (with progress, cancellable), and
// a report the agent confirms before anything is kept.
type Import struct {
	c      *common.Common
	id     int
	req    *common.Requests
	w, h   int
	step   importStep
	prompt prompt
	path   string
	header []string
	cells  [][]string
	m      importer.Mapping
	field  importer.Field // the field being mapped
	col    int            // the column under the cursor while mapping
	rows   []importer.Row
	// progress of the check
	done, total int
	started     time.Time
	results     []importer.Result
	offset      int
	err         string
}

type importStep int

const (
	stepFile importStep = iota
	stepReading
	stepMapping
	stepChecking
	stepReport
	stepSaving
)

type fileRead struct {
	common.Reply
	header []string
	cells  [][]string
	err    error
}

type checkProgress struct {
	common.Reply
	done, total int
	ch          <-chan tea.Msg
}

type checked struct {
	common.Reply
	results []importer.Result
	err     error
}

type imported struct {
	common.Reply
	id   int64
	name string
	err  error
}

const askImportPath = 1

// NewImport opens the import, asking for the file.
func NewImport(c *common.Common) *Import {
	p := &Import{c: c, id: c.NextID(), req: common.NewRequests(c.Ctx), prompt: newPrompt()}
	return p
}

func (p *Import) ID() int             { return p.id }
func (p *Import) Title() string       { return "Import a list" }
func (p *Import) Close()              { p.req.Close() }
func (p *Import) CapturesInput() bool { return p.step == stepFile }
func (p *Import) SetSize(w, h int)    { p.w, p.h = w, h }

func (p *Import) Init() tea.Cmd {
	return p.prompt.ask(askImportPath, "File (.xlsx or .csv): ", p.c.ExportDir+string(filepath.Separator))
}

func (p *Import) ShortHelp() []key.Binding {
	k := p.c.Keys
	switch p.step {
	case stepFile:
		return []key.Binding{relabel(k.Get(keys.Open), "read the file"), relabel(k.Get(keys.Back), "cancel")}
	case stepMapping:
		return []key.Binding{relabel(k.Get(keys.Open), "this column"), k.Get(keys.Up), k.Get(keys.Down), relabel(k.Get(keys.Back), "cancel")}
	case stepChecking:
		return []key.Binding{relabel(k.Get(keys.Back), "cancel: nothing is kept")}
	case stepReport:
		return []key.Binding{relabel(k.Get(keys.Confirm), "make the list"), k.Get(keys.Down), relabel(k.Get(keys.Back), "cancel: nothing is kept")}
	}
	return []key.Binding{relabel(k.Get(keys.Back), "back")}
}

func (p *Import) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }

func (p *Import) Update(msg tea.Msg) (common.Page, tea.Cmd) {
	switch msg := msg.(type) {
	case fileRead:
		if !p.req.Current("read", msg.Seq) {
			return p, nil
		}
		p.req.Done("read", msg.Seq)
		return p, p.onFile(msg)
	case checkProgress:
		if !p.req.Current("check", msg.Seq) {
			return p, nil
		}
		p.done, p.total = msg.done, msg.total
		return p, wait(msg.ch)
	case checked:
		if !p.req.Current("check", msg.Seq) {
			return p, nil
		}
		p.req.Done("check", msg.Seq)
		if msg.err != nil {
			p.step, p.err = stepFile, "The check stopped: "+sanitize.Line(msg.err.Error())+". Nothing was kept."
			return p, p.Init()
		}
		p.results, p.step, p.offset = msg.results, stepReport, 0
		return p, nil
	case imported:
		if !p.req.Current("save", msg.Seq) {
			return p, nil
		}
		p.req.Done("save", msg.Seq)
		if msg.err != nil {
			p.step, p.err = stepReport, "Not imported: "+sanitize.Line(msg.err.Error())+". Nothing was kept."
			return p, common.Error("Importing the list", msg.err)
		}
		l := sourcing.List{ID: msg.id, Name: msg.name}
		return p, tea.Sequence(common.Pop(), common.Push(NewItems(p.c, l)),
			common.Status(common.OK, "Imported «"+sanitize.Line(msg.name)+"»: "+p.summary()+"."))
	case tea.KeyMsg:
		return p, p.key(msg)
	}
	return p, nil
}

// bar draws the check's progress in w cells, with no animation to
// redraw over SSH.
func (p *Import) bar(w int) string {
	w = max(min(w-2, 60), 10)
	filled := 0
	if p.total > 0 {
		filled = p.done * w / p.total
	}
	return "[" + strings.Repeat("█", filled) + strings.Repeat("░", w-filled) + "]"
}

// wait is the next message of a running check.
func wait(ch <-chan tea.Msg) tea.Cmd {
	return func() tea.Msg { return <-ch }
}

func (p *Import) key(msg tea.KeyMsg) tea.Cmd {
	k := p.c.Keys
	switch p.step {
	case stepFile:
		purpose, text, cmd := p.prompt.key(k, msg)
		if k.Matches(msg, keys.Back) {
			return common.Pop()
		}
		if purpose == askImportPath {
			return p.read(text)
		}
		return cmd
	case stepMapping:
		switch {
		case k.Matches(msg, keys.Back):
			return common.Pop()
		case k.Matches(msg, keys.Up):
			p.col = max(p.col-1, -1)
		case k.Matches(msg, keys.Down):
			p.col = min(p.col+1, len(p.header)-1)
		case k.Matches(msg, keys.Open):
			if p.col < 0 && p.field.Required() {
				return common.Status(common.Warn, "The "+p.field.String()+" is needed: choose the column that holds it.")
			}
			p.m[p.field] = p.col
			return p.nextField()
		}
	case stepChecking:
		if k.Matches(msg, keys.Back) {
			p.req.Close() // cancels the check; its answer is dropped
			p.req = common.NewRequests(p.c.Ctx)
			p.step, p.err = stepFile, "Cancelled: nothing was kept."
			return p.Init()
		}
	case stepReport:
		switch {
		case k.Matches(msg, keys.Back):
			return tea.Sequence(common.Pop(), common.Status(common.Info, "Import cancelled: nothing was kept."))
		case k.Matches(msg, keys.Up):
			p.offset = max(p.offset-1, 0)
		case k.Matches(msg, keys.Down):
			p.offset = min(p.offset+1, max(len(p.results)-1, 0))
		case k.Matches(msg, keys.PageDown):
			p.offset = min(p.offset+p.h/2, max(len(p.results)-1, 0))
		case k.Matches(msg, keys.PageUp):
			p.offset = max(p.offset-p.h/2, 0)
		case k.Matches(msg, keys.Confirm):
			return p.save()
		}
	}
	return nil
}

// read reads the file in a command.
func (p *Import) read(path string) tea.Cmd {
	path = strings.TrimSpace(path)
	if rest, ok := strings.CutPrefix(path, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			path = filepath.Join(home, rest)
		}
	}
	p.path, p.err, p.step = path, "", stepReading
	ctx, seq := p.req.Start("read")
	r := common.Reply{Page: p.id, Seq: seq}
	return func() tea.Msg {
		if ctx.Err() != nil {
			return nil
		}
		h, cells, err := export.ReadFile(path)
		return fileRead{Reply: r, header: h, cells: cells, err: err}
	}
}

func (p *Import) onFile(msg fileRead) tea.Cmd {
	if msg.err != nil {
		p.step, p.err = stepFile, sanitize.Line(msg.err.Error())
		if errors.Is(msg.err, fs.ErrNotExist) {
			p.err = "There is no file " + sanitize.Line(p.path) + ": check the folder and the name (a path can be pasted)."
		}
		return p.prompt.ask(askImportPath, "File (.xlsx or .csv): ", p.path)
	}
	if len(msg.cells) == 0 {
		p.step, p.err = stepFile, "The file has a heading row and nothing under it."
		return p.prompt.ask(askImportPath, "File (.xlsx or .csv): ", p.path)
	}
	p.header, p.cells = msg.header, msg.cells
	p.m = importer.Recognise(msg.header)
	if len(p.m.Missing()) > 0 {
		// Ask for every field, the required ones first.
		p.step, p.field, p.col = stepMapping, 0, p.m[0]
		return nil
	}
	return p.check()
}

func (p *Import) nextField() tea.Cmd {
	if p.field+1 < importer.NumFields {
		p.field++
		p.col = p.m[p.field]
		return nil
	}
	return p.check()
}

// check runs the live check in the background, reporting progress.
func (p *Import) check() tea.Cmd {
	p.rows = importer.Rows(p.m, p.cells)
	p.step, p.done, p.total, p.started = stepChecking, 0, 0, p.c.Now()
	ctx, seq := p.req.Start("check")
	r := common.Reply{Page: p.id, Seq: seq}
	ch := make(chan tea.Msg, 1)
	cl, rows, now := p.c.Client, p.rows, p.c.Now()
	go func() {
		res, err := importer.Check(ctx, cl, rows, false, now, func(done, total int) {
			// Only the newest progress matters: a full channel drops it.
			select {
			case ch <- checkProgress{Reply: r, done: done, total: total, ch: ch}:
			default:
			}
		})
		// The page may be gone (esc, or the desk closing): the cancelled
		// context lets this goroutine end instead of waiting forever.
		select {
		case ch <- checked{Reply: r, results: res, err: err}:
		case <-ctx.Done():
		}
	}()
	return wait(ch)
}

// save makes the list from the rows that can be kept, in one
// transaction.
func (p *Import) save() tea.Cmd {
	var items []sourcing.NewItem
	for _, r := range p.results {
		switch r.Verdict {
		case importer.Valid, importer.Adjusted:
			name := r.Name
			if name == "" {
				name = firstRunes(r.Quote.TitleZH, 40)
			}
			items = append(items, sourcing.NewItem{Name: name, Target: r.Qty, Note: r.Note, Candidate: &sourcing.Candidate{
				OfferID: r.OfferID, SpecID: r.SpecID, Info: sourcing.Info{Title: r.Quote.TitleZH, SKU: r.SKULabel, Seller: r.Quote.Company}}})
		case importer.Search:
			items = append(items, sourcing.NewItem{Name: firstRunes(r.Name, 100), Target: r.Qty, Note: r.Note})
		}
	}
	if len(items) == 0 {
		return common.Status(common.Warn, "No row can be kept: nothing to import. esc goes back.")
	}
	p.step = stepSaving
	ctx, seq := p.req.Start("save")
	st, r, name := p.c.Sourcing, common.Reply{Page: p.id, Seq: seq}, p.listName()
	return func() tea.Msg {
		id, got, err := st.ImportList(ctx, name, items)
		return imported{Reply: r, id: id, name: got, err: err}
	}
}

// listName is the file's name without its folder and ending.
func (p *Import) listName() string {
	base := filepath.Base(p.path)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

func firstRunes(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n])
	}
	return s
}

func (p *Import) counts() map[importer.Verdict]int {
	c := map[importer.Verdict]int{}
	for _, r := range p.results {
		c[r.Verdict]++
	}
	return c
}

// summary says what the import makes.
func (p *Import) summary() string {
	c := p.counts()
	kept := c[importer.Valid] + c[importer.Adjusted]
	s := plural(kept+c[importer.Search], "item")
	if c[importer.Search] > 0 {
		s += fmt.Sprintf(" (%d to search for suppliers)", c[importer.Search])
	}
	if n := c[importer.Invalid] + c[importer.Duplicate]; n > 0 {
		s += fmt.Sprintf("; %s left out", plural(n, "row"))
	}
	return s
}

// eta is the time left: measured once a few offers are in, else from
// the limiter's rate.
func (p *Import) eta() string {
	left := p.total - p.done
	if left <= 0 {
		return ""
	}
	var d time.Duration
	if p.done >= 3 {
		d = p.c.Now().Sub(p.started) / time.Duration(p.done) * time.Duration(left)
	} else if qps := p.c.Client.Backend().RequestsPerSecond; qps > 0 {
		d = time.Duration(left) * time.Second / time.Duration(qps)
	}
	if d <= 0 {
		return ""
	}
	return "about " + d.Round(time.Second).String() + " left"
}

func (p *Import) View() string {
	if p.w <= 0 || p.h <= 0 {
		return ""
	}
	s := p.c.Styles
	out := []string{s.Bold.Render(sanitize.Truncate("Import a client's list into a new sourcing list", p.w))}
	switch p.step {
	case stepFile:
		out = append(out, wrap(p.w, "A CSV or XLSX with a column of 1688 links or offer ids (or keywords) and one of quantities; SKU and note or shipping mark columns are read too. Headings in English or Chinese (链接, 数量, 规格, 备注).")...)
		out = append(out, "", p.prompt.view(p.w))
		if p.err != "" {
			out = append(out, "")
			for _, l := range wrap(p.w, p.err) {
				out = append(out, s.Error.Render(l))
			}
		}
	case stepReading:
		out = append(out, "Reading "+sanitize.Truncate(sanitize.Line(p.path), p.w-8)+"…")
	case stepMapping:
		out = append(out, p.mappingView()...)
	case stepChecking:
		out = append(out, wrap(p.w, fmt.Sprintf("Checking %s against 1688: the offer, the SKU, stock, minimum and lot.", plural(len(p.rows), "row")))...)
		out = append(out, "", p.bar(p.w), fmt.Sprintf("%d of %d offers read", p.done, p.total))
		if e := p.eta(); e != "" {
			out[len(out)-1] += " · " + e
		}
		out = append(out, s.Muted.Render(sanitize.Truncate("esc cancels; nothing is kept until you confirm the report.", p.w)))
	case stepReport, stepSaving:
		out = append(out, p.reportView()...)
	}
	if len(out) > p.h {
		out = out[:p.h]
	}
	return strings.Join(out, "\n")
}

func (p *Import) mappingView() []string {
	s := p.c.Styles
	out := wrap(p.w, "Which column holds the "+p.field.String()+"?")
	if !p.field.Required() {
		out = append(out, s.Muted.Render("optional: “none” if the file has no such column"))
	}
	out = append(out, "")
	rows := append([]string{"none"}, p.header...)
	for i, h := range rows {
		col := i - 1
		sample := ""
		if col >= 0 && len(p.cells) > 0 && col < len(p.cells[0]) {
			sample = " — e.g. " + sanitize.Line(p.cells[0][col])
		}
		line := sanitize.Line(h) + s.Muted.Render(sample)
		if col == p.col {
			out = append(out, s.Selected.Render(sanitize.Truncate("▶ "+line, p.w)))
		} else {
			out = append(out, sanitize.Truncate("  "+line, p.w))
		}
	}
	return out
}

func (p *Import) reportView() []string {
	s := p.c.Styles
	c := p.counts()
	head := fmt.Sprintf("%d rows: %d valid, %d adjusted, %d to search, %d invalid, %d duplicates.",
		len(p.results), c[importer.Valid], c[importer.Adjusted], c[importer.Search], c[importer.Invalid], c[importer.Duplicate])
	out := wrap(p.w, head)
	out = append(out, wrap(p.w, "y makes the list «"+sanitize.Line(p.listName())+"» with "+p.summary()+". esc cancels: nothing is kept.")...)
	if p.step == stepSaving {
		out = append(out, "Saving…")
	}
	if p.err != "" {
		out = append(out, s.Error.Render(sanitize.Truncate(p.err, p.w)))
	}
	out = append(out, "")
	for _, r := range p.results[p.offset:] {
		mark := map[importer.Verdict]string{importer.Valid: "✓", importer.Adjusted: "~", importer.Search: "?", importer.Invalid: "✗", importer.Duplicate: "="}[r.Verdict]
		what := r.Name
		if r.OfferID != "" {
			what = r.OfferID
			if r.Quote.TitleZH != "" {
				what += " " + r.Quote.TitleZH
			}
		}
		if r.SKULabel != "" {
			what += " · " + r.SKULabel
		}
		line := fmt.Sprintf("%s row %d: %s × %s", mark, r.Line, pricing.Count(r.Qty), sanitize.Line(what))
		if r.Why != "" {
			line += " — " + r.Why
		}
		switch r.Verdict {
		case importer.Invalid, importer.Duplicate:
			out = append(out, s.Warn.Render(sanitize.Truncate(line, p.w)))
		default:
			out = append(out, sanitize.Truncate(line, p.w))
		}
	}
	return out
}
