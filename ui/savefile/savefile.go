// Package savefile is the page that asks where an export goes and writes
// it: a path with a sensible default, CSV or XLSX by its ending, a file
// already there replaced only on a second enter, the write in a command.
package savefile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"caigou/ui/common"
	"caigou/ui/export"
	"caigou/ui/keys"
	"caigou/ui/sanitize"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// Page asks for the path and writes the table there.
type Page struct {
	c     *common.Common
	id    int
	req   *common.Requests
	what  string // "57 orders", for the messages
	note  string // a line under the title: what is and is not in it
	table export.Table
	in    textinput.Model
	w, h  int
	// confirm is the path a first enter found taken: a second enter on
	// the same path replaces it.
	confirm string
	writing bool
	err     string
}

// written is the answer to enter: written, or a file already there
// (exists: a second enter replaces it), or a path that cannot be used.
type written struct {
	common.Reply
	path    string
	exists  bool
	problem string
	err     error
}

// New opens the page for table, offering dir/name; what names the
// contents ("57 orders").
func New(c *common.Common, what, note, name string, table export.Table) *Page {
	p := &Page{c: c, id: c.NextID(), req: common.NewRequests(c.Ctx), what: what, note: note, table: table}
	in := textinput.New()
	in.Cursor.SetMode(cursor.CursorStatic)
	in.Prompt = ""
	in.CharLimit = 4096
	in.SetValue(filepath.Join(c.ExportDir, name))
	in.CursorEnd()
	p.in = in
	return p
}

func (p *Page) ID() int             { return p.id }
func (p *Page) Title() string       { return "Export" }
func (p *Page) Close()              { p.req.Close() }
func (p *Page) CapturesInput() bool { return true }
func (p *Page) Init() tea.Cmd       { return p.in.Focus() }
func (p *Page) SetSize(w, h int) {
	p.w, p.h = w, h
	p.in.Width = max(w-8, 10)
}

func (p *Page) ShortHelp() []key.Binding {
	k := p.c.Keys
	return []key.Binding{
		key.NewBinding(key.WithKeys("enter"), key.WithHelp(k.Get(keys.Open).Help().Key, "write the file")),
		key.NewBinding(key.WithKeys("esc"), key.WithHelp(k.Get(keys.Back).Help().Key, "cancel")),
	}
}

func (p *Page) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }

func (p *Page) Update(msg tea.Msg) (common.Page, tea.Cmd) {
	switch msg := msg.(type) {
	case written:
		if !p.req.Current("write", msg.Seq) {
			return p, nil
		}
		p.req.Done("write", msg.Seq)
		p.writing = false
		switch {
		case msg.exists:
			p.confirm = msg.path
			p.err = "A file is already there: enter again replaces it, or change the name."
			return p, nil
		case msg.problem != "":
			p.err = msg.problem
			return p, nil
		}
		if msg.err != nil {
			p.err = "Not written: " + sanitize.Line(msg.err.Error())
			return p, common.Error("Writing "+p.what, msg.err)
		}
		return p, tea.Sequence(common.Pop(), common.Status(common.OK, "Wrote "+p.what+" to "+sanitize.Line(msg.path)+"."))
	case tea.KeyMsg:
		return p, p.key(msg)
	}
	return p, nil
}

func (p *Page) key(msg tea.KeyMsg) tea.Cmd {
	k := p.c.Keys
	switch {
	case k.Matches(msg, keys.Back):
		return common.Pop()
	case k.Matches(msg, keys.Open):
		return p.write()
	}
	if p.writing {
		return nil
	}
	before := p.in.Value()
	var cmd tea.Cmd
	p.in, cmd = p.in.Update(msg)
	if p.in.Value() != before {
		p.err, p.confirm = "", ""
	}
	return cmd
}

// write checks the path and writes in a command. A name that ends in
// neither .csv nor .xlsx is said at once; a missing folder or a file
// already there is found in the command, and a file there is replaced
// only on a second enter.
func (p *Page) write() tea.Cmd {
	if p.writing {
		return nil
	}
	path := expandHome(strings.TrimSpace(p.in.Value()))
	switch ext := strings.ToLower(filepath.Ext(path)); {
	case path == "":
		p.err = "Type where the file goes, ending in .xlsx (for Excel) or .csv."
		return nil
	case ext != ".xlsx" && ext != ".csv":
		p.err = "End the name in .xlsx (for Excel, ids kept as text) or .csv."
		return nil
	}
	p.writing, p.err = true, ""
	_, seq := p.req.Start("write")
	t, r, replace := p.table, common.Reply{Page: p.id, Seq: seq}, p.confirm == path
	return func() tea.Msg {
		fi, err := os.Stat(path)
		switch {
		case err == nil && fi.IsDir():
			return written{Reply: r, path: path, problem: "That is a folder: add a file name ending in .xlsx or .csv."}
		case err == nil && !replace:
			return written{Reply: r, path: path, exists: true}
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return written{Reply: r, path: path, problem: "Cannot use that path: " + sanitize.Line(err.Error())}
		}
		return written{Reply: r, path: path, err: export.WriteFile(path, t)}
	}
}

// expandHome reads ~/ as the home folder, as a shell would.
func expandHome(path string) string {
	if rest, ok := strings.CutPrefix(path, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return path
}

func (p *Page) View() string {
	if p.w <= 0 || p.h <= 0 {
		return ""
	}
	s := p.c.Styles
	out := []string{s.Bold.Render(sanitize.Truncate("Export "+p.what, p.w))}
	if p.note != "" {
		out = append(out, s.Muted.Render(sanitize.Truncate(p.note, p.w)))
	}
	out = append(out, "", sanitize.Truncate("File: "+p.in.View(), p.w), "")
	switch {
	case p.writing:
		out = append(out, "Writing…")
	case p.err != "":
		out = append(out, strings.Split(s.Error.Width(p.w).Render(p.err), "\n")...)
	default:
		out = append(out, s.Muted.Render(sanitize.Truncate(".xlsx opens in Excel with ids kept as text; .csv is UTF-8 for any program.", p.w)))
	}
	if len(out) > p.h {
		out = out[:p.h]
	}
	return strings.Join(out, "\n")
}
