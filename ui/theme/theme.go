// Package theme holds the desk's colours and the styles built from them.
// Styles are made from a *lipgloss.Renderer handed in by the caller, never
// at package level: the renderer knows the colour profile of the terminal
// this session draws on, which under SSH is not the server's.
package theme

import "github.com/charmbracelet/lipgloss"

// Palette names every colour the desk uses. Adaptive colours pick a light
// or dark variant; the ANSI fallbacks keep 16-colour terminals readable.
type Palette struct {
	Primary, Muted, OK, Warn, Error, Price, Live lipgloss.TerminalColor
}

// DefaultPalette is the desk's palette.
func DefaultPalette() Palette {
	return Palette{
		Primary: lipgloss.CompleteAdaptiveColor{Light: lipgloss.CompleteColor{TrueColor: "#B4460F", ANSI256: "130", ANSI: "3"}, Dark: lipgloss.CompleteColor{TrueColor: "#FF8C3A", ANSI256: "208", ANSI: "11"}},
		Muted:   lipgloss.AdaptiveColor{Light: "243", Dark: "245"},
		OK:      lipgloss.CompleteAdaptiveColor{Light: lipgloss.CompleteColor{TrueColor: "#1A7F37", ANSI256: "28", ANSI: "2"}, Dark: lipgloss.CompleteColor{TrueColor: "#56D364", ANSI256: "78", ANSI: "10"}},
		Warn:    lipgloss.CompleteAdaptiveColor{Light: lipgloss.CompleteColor{TrueColor: "#9A6700", ANSI256: "136", ANSI: "3"}, Dark: lipgloss.CompleteColor{TrueColor: "#E3B341", ANSI256: "178", ANSI: "11"}},
		Error:   lipgloss.CompleteAdaptiveColor{Light: lipgloss.CompleteColor{TrueColor: "#CF222E", ANSI256: "160", ANSI: "1"}, Dark: lipgloss.CompleteColor{TrueColor: "#FF7B72", ANSI256: "203", ANSI: "9"}},
		Price:   lipgloss.CompleteAdaptiveColor{Light: lipgloss.CompleteColor{TrueColor: "#C4161C", ANSI256: "160", ANSI: "1"}, Dark: lipgloss.CompleteColor{TrueColor: "#FF6A5C", ANSI256: "209", ANSI: "9"}},
		Live:    lipgloss.CompleteColor{TrueColor: "#1A7F37", ANSI256: "28", ANSI: "2"},
	}
}

// Styles are the ready-made styles of one session.
type Styles struct {
	R *lipgloss.Renderer

	App, Header, Footer, Title, Muted, Bold            lipgloss.Style
	SandboxBadge, LiveBadge                            lipgloss.Style
	Status, StatusOK, StatusWarn, StatusError          lipgloss.Style
	Selected, Cursor, TableHeader, Price, Key, KeyDesc lipgloss.Style
	Warn, Error, OK, Link                              lipgloss.Style
	Tab, ActiveTab                                     lipgloss.Style
}

// New builds the styles on a renderer.
func New(r *lipgloss.Renderer, p Palette) *Styles {
	s := &Styles{R: r}
	n := r.NewStyle
	s.App = n()
	s.Header = n().Bold(true)
	s.Title = n().Bold(true).Foreground(p.Primary)
	s.Muted = n().Foreground(p.Muted)
	s.Bold = n().Bold(true)
	// Reverse video keeps the badge loud even with no colour at all.
	s.SandboxBadge = n().Bold(true).Reverse(true).Padding(0, 1)
	s.LiveBadge = n().Bold(true).Foreground(p.Live).Padding(0, 1)
	s.Status = n().Foreground(p.Muted)
	s.StatusOK = n().Foreground(p.OK)
	s.StatusWarn = n().Foreground(p.Warn)
	s.StatusError = n().Foreground(p.Error).Bold(true)
	s.Selected = n().Reverse(true)
	s.Cursor = n().Foreground(p.Primary).Bold(true)
	s.TableHeader = n().Bold(true).Foreground(p.Muted)
	s.Price = n().Foreground(p.Price)
	s.Key = n().Bold(true)
	s.KeyDesc = n().Foreground(p.Muted)
	s.Warn = n().Foreground(p.Warn)
	s.Error = n().Foreground(p.Error)
	s.OK = n().Foreground(p.OK)
	s.Link = n().Underline(true)
	s.Tab = n().Foreground(p.Muted).Padding(0, 1)
	s.ActiveTab = n().Bold(true).Underline(true).Padding(0, 1)
	return s
}
