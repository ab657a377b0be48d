package cli

import (
	"errors"
	"testing"

	"caigou/xport/xportcn"
)

// The line is the key's in its own section, never the same name in
// another one; a key the file does not set gets no line at all.
func TestKeyLine(t *testing.T) {
	src := "[xport]\ntimeout = \"15s\"\n[ui] # display\n\"timeout\" = 1\n[xport.wire]\ntimeout = 2\n"
	for _, c := range []struct {
		section, key string
		want         int
	}{{"xport", "timeout", 2}, {"ui", "timeout", 4}, {"xport.wire", "timeout", 6}, {"log", "timeout", 0}, {"xport", "user_id", 0}} {
		if got := keyLine(src, c.section, c.key); got != c.want {
			t.Errorf("[%s] %s: line %d, want %d", c.section, c.key, got, c.want)
		}
	}
	// A missing key keeps its error as it is, kind included.
	err := atLines(src, xportcn.ErrNoCredentials)
	if err != xportcn.ErrNoCredentials {
		t.Errorf("a problem with no line was rewritten: %v", err)
	}
	wrapped := atLines(src, errors.Join(errors.New("[xport] timeout = 1ns can never be met"), xportcn.ErrNoCredentials))
	if !errors.Is(wrapped, xportcn.ErrNoCredentials) || wrapped.Error()[:8] != "line 2: " {
		t.Errorf("annotated %q lost its kind or line", wrapped)
	}
}
