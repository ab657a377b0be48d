package sourcingview

import "caigou/ui/sanitize"

func truncate(s string, w int) string { return sanitize.Truncate(s, w) }

// rowCache keeps the drawing of the rows lately in view for one layout
// (the data's generation and the width): a key that moves the cursor
// draws the two rows it changes, not the screen. It is emptied when it
// outgrows a few screens, so rows scrolled past keep nothing.
type rowCache struct {
	key   drawKey
	lines map[int]string
}

// drawKey is what the cached rows were drawn for.
type drawKey struct{ gen, w int }

func (c *rowCache) line(k drawKey, i int, draw func() string) string {
	if c.key != k || len(c.lines) > 512 {
		if c.lines == nil {
			c.lines = map[int]string{}
		}
		clear(c.lines)
		c.key = k
	}
	if s, ok := c.lines[i]; ok {
		return s
	}
	s := draw()
	c.lines[i] = s
	return s
}

// drawRow is a list row from its cached text: the text itself is made
// once per layout by text, the row as drawn unselected once more, and the
// selected row (reverse video and the ▶) once per cursor position.
type drawRows struct {
	text, line rowCache
	sel        struct {
		key drawKey
		i   int
		s   string
	}
}

func (d *drawRows) row(k drawKey, i int, selected bool, w int, style interface{ Render(...string) string }, text func() string) string {
	t := d.text.line(k, i, text)
	if !selected {
		return d.line.line(k, i, func() string { return truncate("  "+t, w) })
	}
	if d.sel.key != k || d.sel.i != i || d.sel.s == "" {
		d.sel.key, d.sel.i, d.sel.s = k, i, style.Render(truncate("▶ "+t, w))
	}
	return d.sel.s
}
