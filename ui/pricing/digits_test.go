package pricing

import "testing"

func TestDigits(t *testing.T) {
	for in, want := range map[string]string{"3305123456789012345": "3305123456789012345", "３３０５１２": "330512", "12a": "", "": "", "12 3": "", "-12": ""} {
		got, ok := Digits(in)
		if ok != (want != "") || got != want && ok {
			t.Errorf("%q: %q %v, want %q", in, got, ok, want)
		}
	}
}
