package search

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"caigou/ui/common"
	"caigou/ui/keys"
	"caigou/ui/sanitize"
	"caigou/ui/theme"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// maxImageBytes is the largest picture image search takes.
const maxImageBytes = 5 << 20

// imageTypes are the formats image search accepts, as
// http.DetectContentType names them.
func imageTypes() map[string]string {
	return map[string]string{
		"image/jpeg": "JPEG",
		"image/png":  "PNG",
		"image/gif":  "GIF",
		"image/webp": "WebP",
		"image/bmp":  "BMP",
	}
}

// imagePrompt asks for a picture: a local file or an http(s) link.
type imagePrompt struct {
	input    textinput.Model
	err      string
	checking bool
}

// imageMsg is the checked picture, or why it cannot be used.
type imageMsg struct {
	common.Reply
	img picture
	err error
}

func (p *imagePrompt) setWidth(w int) { p.input.Width = max(w-4, 1) }

func (m *Model) openImage() {
	p := &imagePrompt{input: m.newInput("> ", "/path/to/photo.jpg or https://…")}
	p.input.CharLimit = 2048
	p.setWidth(m.w)
	p.input.Focus()
	m.img = p
	m.overlay = imageOverlay
}

func (m *Model) imageKey(msg tea.KeyMsg) tea.Cmd {
	p := m.img
	km := m.c.Keys
	if msg.Type != tea.KeyRunes && msg.Type != tea.KeySpace {
		switch {
		case km.Matches(msg, keys.Back):
			m.overlay = noOverlay
			m.img = nil
			m.req.Start(reqImage) // a check still running must not land
			return nil
		case km.Matches(msg, keys.Open):
			if p.checking {
				return nil
			}
			p.err = ""
			p.checking = true
			return tea.Batch(m.checkImage(p.input.Value()), m.startSpin())
		}
	}
	p.err = ""
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	return cmd
}

// checkImage validates the picture and reads it, in a command: the file
// system is I/O and Update does none.
func (m *Model) checkImage(text string) tea.Cmd {
	_, seq := m.req.Start(reqImage)
	reply := common.Reply{Page: m.id, Seq: seq}
	return func() tea.Msg {
		img, err := loadImage(text)
		return imageMsg{Reply: reply, img: img, err: err}
	}
}

func (m *Model) onImage(msg imageMsg) tea.Cmd {
	if !m.req.Current(reqImage, msg.Seq) || m.img == nil {
		return nil
	}
	m.req.Done(reqImage, msg.Seq)
	m.img.checking = false
	if msg.err != nil {
		m.img.err = msg.err.Error()
		return nil
	}
	m.overlay = noOverlay
	m.img = nil
	// The input would otherwise show a keyword these results are not for.
	m.input.Blur()
	m.input.SetValue("")
	q := m.q
	q.kind = byImage
	q.image = msg.img
	q.keyword = ""
	q.categoryID, q.categoryName = "", ""
	return m.newQuery(q)
}

// pastedPath undoes what a terminal does to a file dropped on it or a
// path copied from a file manager: quotes around it ('…' or "…"),
// backslash-escaped spaces and brackets, a file:// URL (percent-encoded).
func pastedPath(text string) string {
	if len(text) >= 2 && (text[0] == '\'' || text[0] == '"') && text[len(text)-1] == text[0] {
		text = text[1 : len(text)-1]
	}
	if rest, ok := strings.CutPrefix(text, "file://"); ok {
		// file:///home/a/b.jpg or file://localhost/home/a/b.jpg
		rest = strings.TrimPrefix(rest, "localhost")
		if p, err := url.PathUnescape(rest); err == nil {
			return p
		}
		return rest
	}
	if strings.Contains(text, "\\") {
		var b strings.Builder
		for i := 0; i < len(text); i++ {
			if text[i] == '\\' && i+1 < len(text) {
				i++
			}
			b.WriteByte(text[i])
		}
		text = b.String()
	}
	return text
}

// loadImage turns what the agent typed into a picture to search with. A
// link is checked for form only (the service fetches it); a file is
// checked for everything that would make the search fail or mislead, and
// each refusal says what to do instead.
func loadImage(text string) (picture, error) {
	text = pastedPath(strings.TrimSpace(text))
	if text == "" {
		return picture{}, errors.New("Type the path of a picture on this machine, or paste an http(s) link to one.")
	}
	lower := strings.ToLower(text)
	if strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://") {
		u, err := url.Parse(text)
		if err != nil || u.Host == "" {
			return picture{}, fmt.Errorf("“%s” is not a web address. Paste the whole link, starting with https://.", shorten(text))
		}
		return picture{url: u.String()}, nil
	}
	if strings.Contains(text, "://") {
		return picture{}, fmt.Errorf("Only http and https links work for image search. Download the picture and give its path instead.")
	}
	path := text
	if path == "~" || strings.HasPrefix(path, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			path = filepath.Join(home, path[1:])
		}
	}
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return picture{}, fmt.Errorf("There is no file at “%s”. Check the spelling; a path without / at the start is taken from %s.", shorten(text), shorten(workDir()))
	case errors.Is(err, fs.ErrPermission):
		return picture{}, fmt.Errorf("“%s” cannot be opened: permission denied. Copy the picture into your home folder and use that copy.", shorten(text))
	case err != nil:
		return picture{}, fmt.Errorf("“%s” cannot be opened: %s.", shorten(text), sanitize.Line(err.Error()))
	case info.IsDir():
		return picture{}, fmt.Errorf("“%s” is a folder. Give the path of a picture inside it.", shorten(text))
	case !info.Mode().IsRegular():
		return picture{}, fmt.Errorf("“%s” is not a regular file. Give the path of a saved picture.", shorten(text))
	case info.Size() == 0:
		return picture{}, fmt.Errorf("“%s” is empty. Save the picture again and use the new file.", shorten(text))
	case info.Size() > maxImageBytes:
		return picture{}, fmt.Errorf("“%s” is %s; image search takes pictures up to 5 MB. Crop or shrink it and try again.", shorten(text), megabytes(info.Size()))
	}
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrPermission) {
			return picture{}, fmt.Errorf("“%s” cannot be read: permission denied. Copy the picture into your home folder and use that copy.", shorten(text))
		}
		return picture{}, fmt.Errorf("“%s” cannot be read: %s.", shorten(text), sanitize.Line(err.Error()))
	}
	defer f.Close()
	// Read one byte past the limit: the file may have grown since Stat.
	data, err := io.ReadAll(io.LimitReader(f, maxImageBytes+1))
	if err != nil {
		return picture{}, fmt.Errorf("“%s” cannot be read: %s.", shorten(text), sanitize.Line(err.Error()))
	}
	if len(data) > maxImageBytes {
		return picture{}, fmt.Errorf("“%s” is over 5 MB; image search takes pictures up to 5 MB. Crop or shrink it and try again.", shorten(text))
	}
	ct := http.DetectContentType(data)
	if _, ok := imageTypes()[ct]; !ok {
		kind, _, _ := strings.Cut(ct, ";")
		return picture{}, fmt.Errorf("“%s” is not a picture (it looks like %s). Use a JPEG, PNG, GIF, WebP or BMP file.", shorten(text), kind)
	}
	return picture{path: text, data: data}, nil
}

func shorten(s string) string { return sanitize.Truncate(sanitize.Line(s), 60) }

func workDir() string {
	wd, err := os.Getwd()
	if err != nil {
		return "the folder caigou was started in"
	}
	return wd
}

func megabytes(n int64) string {
	tenths := (n*10 + (1<<20)/2) / (1 << 20)
	return fmt.Sprintf("%d.%d MB", tenths/10, tenths%10)
}

// view draws the prompt in at most h lines.
func (p *imagePrompt) view(s *theme.Styles, spin string, w, h int) []string {
	out := []string{s.Title.Render("Image search")}
	about := "A picture on this machine (JPEG, PNG, GIF, WebP or BMP, up to 5 MB) or an http(s) link to one:"
	out = append(out, strings.Split(s.App.Width(max(w, 1)).Render(about), "\n")...)
	out = append(out, p.input.View())
	switch {
	case p.checking:
		out = append(out, spin+" Checking the picture…")
	case p.err != "":
		out = append(out, strings.Split(s.StatusError.Width(max(w, 1)).Render("! "+p.err), "\n")...)
	}
	for i := range out {
		out[i] = sanitize.Truncate(out[i], w)
	}
	if len(out) > h {
		out = out[:max(h, 0)]
	}
	return out
}
