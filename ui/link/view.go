package link

import (
	"fmt"
	"strings"

	"caigou/ui/keys"
	"caigou/ui/sanitize"
)

// View implements common.Page.
func (m *Model) View() string {
	if m.lines == nil {
		m.layout()
	}
	return strings.Join(m.lines, "\n")
}

// layout builds the view for the current size. The code is drawn whole or
// not at all: a cut QR code scans as nothing, or worse as something else.
func (m *Model) layout() {
	w, h := m.w, m.h
	if w <= 0 {
		w = 80
	}
	s := m.c.Styles
	var out []string
	add := func(line string) { out = append(out, sanitize.Truncate(line, w)) }

	add(s.Title.Render(m.title))
	if m.web {
		add("Open this link in a browser on your own computer or phone:")
	} else {
		add("This is not a web link the desk can open; copy it:")
	}
	for _, part := range wrapURL(m.url, w) {
		if m.web {
			out = append(out, Hyperlink(m.url, s.Link.Render(part)))
		} else {
			add(part)
		}
	}
	add("")
	for _, l := range strings.Split(s.App.Width(w).Render(m.howTo()), "\n") {
		add(strings.TrimRight(l, " "))
	}

	if m.web {
		out = append(out, "")
		if m.qrErr != nil {
			add(s.Warn.Render("No QR code: " + m.qrErr.Error()))
		} else {
			qw, qh := qrSize(m.qr)
			if m.h > 0 && (len(out)+qh > h || qw > w) {
				msg := fmt.Sprintf("The QR code needs %d×%d here, this has %d×%d: %s shows it alone (it needs %d×%d then), or enlarge the terminal.",
					qw, qh+len(out), w, h, m.c.Keys.Get(keys.Alone).Help().Key, qw, qh+4)
				for _, l := range strings.Split(s.Warn.Width(w).Render(msg), "\n") {
					add(l)
				}
			} else {
				for _, l := range qrLines(m.qr, m.lightInk) {
					out = append(out, m.ink.Render(l))
				}
			}
		}
	}
	if m.h > 0 && len(out) > m.h {
		out = out[:m.h]
	}
	m.lines = out
}

// howTo names the ways across that work here.
func (m *Model) howTo() string {
	copyKey := m.c.Keys.Get(keys.Copy).Help().Key
	parts := []string{"Click it (most terminals)", copyKey + " copies it again", m.c.Keys.Get(keys.Alone).Help().Key + " shows it alone, whole, to select"}
	if m.c.Env.CanOpenBrowser() && m.c.Open != nil && m.web {
		parts = append(parts, m.c.Keys.Get(keys.Browser).Help().Key+" opens your browser")
	}
	if m.web {
		parts = append(parts, "or scan the code with a phone")
	}
	return strings.Join(parts, ", ") + "."
}
