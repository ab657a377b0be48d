package search

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"caigou/ui/uitest"
	"caigou/xport/xportcn"
)

// writePNG writes a small real PNG and returns its path.
func writePNG(t *testing.T, dir string) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	img.Set(1, 1, color.RGBA{R: 255, A: 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "dress.png")
	if err := os.WriteFile(p, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImageValidation(t *testing.T) {
	dir := t.TempDir()
	good := writePNG(t, dir)
	big := filepath.Join(dir, "big.jpg")
	// A real JPEG header followed by padding: large, and an image.
	bigData := append([]byte{0xFF, 0xD8, 0xFF, 0xE0}, make([]byte, 6<<20)...)
	if err := os.WriteFile(big, bigData, 0o600); err != nil {
		t.Fatal(err)
	}
	text := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(text, []byte("these are not the pixels you are looking for\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.png")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	// 50 MB without writing 50 MB: a sparse file. It must be refused
	// from its size alone; reading it would take the 5 MB limit's other
	// message ("is over 5 MB").
	huge := filepath.Join(dir, "huge.jpg")
	if f, err := os.Create(huge); err != nil {
		t.Fatal(err)
	} else {
		f.Write([]byte{0xFF, 0xD8, 0xFF, 0xE0})
		if err := f.Truncate(50 << 20); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	pdf := filepath.Join(dir, "catalogue.jpg") // named like a picture, but a PDF
	if err := os.WriteFile(pdf, []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	unreadable := filepath.Join(dir, "locked.png")
	if err := os.WriteFile(unreadable, []byte("x"), 0o000); err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		name, in string
		want     string // substring of the error; "" means success
		skip     bool
	}{
		{"empty input", "  ", "Type the path of a picture", false},
		{"missing file", filepath.Join(dir, "nope.jpg"), "There is no file at", false},
		{"directory", dir, "is a folder", false},
		{"too large", big, "is 6.0 MB; image search takes pictures up to 5 MB", false},
		{"50 MB", huge, "is 50.0 MB; image search takes pictures up to 5 MB. Crop or shrink it", false},
		{"text file", text, "is not a picture (it looks like text/plain)", false},
		{"not an image", pdf, "is not a picture (it looks like application/pdf). Use a JPEG, PNG", false},
		{"empty file", empty, "is empty", false},
		// root reads anything, so the permission case means nothing there
		{"unreadable", unreadable, "permission denied", os.Geteuid() == 0},
		{"bad link", "https://", "is not a web address", false},
		{"other scheme", "ftp://example.com/a.jpg", "Only http and https links", false},
		{"valid png", good, "", false},
		{"link", "https://cbu01.alicdn.com/img/ibank/O1CN01.jpg", "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.skip {
				t.Skip("running as root")
			}
			img, err := loadImage(c.in)
			if c.want == "" {
				if err != nil {
					t.Fatalf("error %v, want success", err)
				}
				if len(img.data) == 0 && img.url == "" {
					t.Fatal("nothing to search with")
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one containing %q", err, c.want)
			}
			// Through the prompt: the refusal is on screen, the prompt
			// stays open with what was typed, and nothing is searched.
			m, s := newPage(t, 80, 24)
			up := updater(m)
			uitest.Run(t, up, uitest.Key("esc"))
			uitest.Run(t, up, uitest.Key("i"))
			m.img.input.SetValue(c.in)
			calls, q := s.C.Client.(*xportcn.Client).Calls(), m.q
			uitest.Run(t, up, uitest.Key("enter"))
			if m.overlay != imageOverlay || m.img.err != err.Error() || m.img.input.Value() != c.in {
				t.Fatalf("the prompt should stay open with the reason (overlay %v, err %q)", m.overlay, m.img.err)
			}
			if s.C.Client.(*xportcn.Client).Calls() != calls || m.q.id != q.id || m.state != idle {
				t.Fatalf("a refused picture changed the page: %d calls, query %d→%d, state %v", s.C.Client.(*xportcn.Client).Calls()-calls, q.id, m.q.id, m.state)
			}
			if v := m.View(); !strings.Contains(strings.Join(strings.Fields(v), " "), firstWords(err.Error())) {
				t.Errorf("the refusal is not on screen:\n%s", v)
			}
		})
	}
}

// firstWords is the start of a message, as far as a narrow prompt shows
// it unwrapped.
func firstWords(s string) string {
	f := strings.Fields(s)
	return strings.Join(f[:min(len(f), 3)], " ")
}

// The image prompt checks the file in a command, keeps the prompt open
// with the reason when it is refused, and searches when it is good.
func TestImagePromptFlow(t *testing.T) {
	m, _ := newPage(t, 80, 24)
	up := updater(m)
	uitest.Run(t, up, uitest.Key("esc"))
	uitest.Run(t, up, uitest.Key("i"))
	if m.overlay != imageOverlay || !m.CapturesInput() {
		t.Fatal("i should open the image prompt")
	}
	dir := t.TempDir()
	m.img.input.SetValue(dir)
	_, cmd := m.Update(uitest.Key("enter"))
	if !m.img.checking {
		t.Fatal("enter should start checking the picture")
	}
	uitest.Drain(t, up, cmd)
	if m.overlay != imageOverlay || !strings.Contains(m.img.err, "is a folder") {
		t.Fatalf("a folder should be refused in the prompt, got %q", m.img.err)
	}
	if !strings.Contains(m.View(), "is a folder") {
		t.Fatal("the refusal should be on screen")
	}
	m.img.input.SetValue(writePNG(t, dir))
	_, cmd = m.Update(uitest.Key("enter"))
	msgs := uitest.Exec(t, cmd)
	for _, msg := range msgs {
		_, cmd = m.Update(msg)
	}
	if m.overlay != noOverlay || m.q.kind != byImage || len(m.q.image.data) == 0 {
		t.Fatalf("a good picture should start an image search (overlay %v, kind %v)", m.overlay, m.q.kind)
	}
	if m.state != loading || cmd == nil {
		t.Fatal("the image search should be on its way")
	}
	rs := results(uitest.Exec(t, cmd))
	if len(rs) != 1 || len(rs[0].q.image.data) == 0 {
		t.Fatalf("image search reply %#v", rs)
	}
}

// A picture dropped on the terminal or copied from a file manager comes
// quoted, with escaped spaces, or as a file:// URL: each is the file.
func TestPastedImagePaths(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "my photo (1).png")
	if err := os.Rename(writePNG(t, dir), p); err != nil {
		t.Fatal(err)
	}
	escaped := strings.NewReplacer(" ", `\ `, "(", `\(`, ")", `\)`).Replace(p)
	for _, pasted := range []string{"'" + p + "'", `"` + p + `"`, escaped, "file://" + strings.ReplaceAll(p, " ", "%20"), " " + p + " "} {
		if _, err := loadImage(pasted); err != nil {
			t.Errorf("%q: %v", pasted, err)
		}
	}
}
