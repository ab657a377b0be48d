package detail

// scroll is a pane's lines and how far down they are scrolled. The order,
// seller and attribute panes are rebuilt on every change of quantity or
// SKU; a bubbles viewport would measure and pad every line again on each
// frame, which is most of the cost of a key press.
type scroll struct {
	lines []string
	off   int
	h     int
}

func (s *scroll) set(lines []string) {
	s.lines = lines
	s.clamp()
}

func (s *scroll) resize(h int) {
	s.h = h
	s.clamp()
}

func (s *scroll) clamp() {
	top := len(s.lines) - s.h
	if top < 0 {
		top = 0
	}
	s.off = min(max(s.off, 0), top)
}

func (s *scroll) by(n int) {
	s.off += n
	s.clamp()
}

// view is the lines in sight.
func (s *scroll) view() []string {
	end := min(s.off+s.h, len(s.lines))
	if s.off >= end {
		return nil
	}
	return s.lines[s.off:end]
}
