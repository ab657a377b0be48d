package common

import "testing"

func TestClampWindow(t *testing.T) {
	cases := []struct{ cursor, offset, height, n, wantC, wantO int }{
		{0, 0, 10, 0, 0, 0},       // empty list
		{5, 0, 10, 100, 5, 0},     // in view
		{15, 0, 10, 100, 15, 6},   // below the view: scroll down
		{3, 8, 10, 100, 3, 3},     // above the view: scroll up
		{150, 0, 10, 100, 99, 90}, // past the end
		{-4, 2, 10, 100, 0, 0},    // before the start
		{5, 90, 10, 20, 5, 5},     // list shrank under the view
		{2, 0, 0, 5, 2, 2},        // no height: one row in view
	}
	for _, c := range cases {
		gc, go_ := ClampWindow(c.cursor, c.offset, c.height, c.n)
		if gc != c.wantC || go_ != c.wantO {
			t.Errorf("ClampWindow(%d,%d,%d,%d) = %d,%d; want %d,%d", c.cursor, c.offset, c.height, c.n, gc, go_, c.wantC, c.wantO)
		}
	}
}
