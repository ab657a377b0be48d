package common

// Kept is one line of a page as last drawn, with the text and width it
// was drawn from: a line that changes seldom (tabs, the input, the query)
// is styled and cut once, not every frame.
type Kept struct {
	text, out string
	w         int
}

// Get is the drawing of text at width w, drawn by draw when either
// changed.
func (k *Kept) Get(text string, w int, draw func() string) string {
	if k.out == "" || k.text != text || k.w != w {
		k.text, k.w, k.out = text, w, draw()
	}
	return k.out
}
