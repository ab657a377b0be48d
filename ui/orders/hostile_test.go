package orders

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode"

	"caigou/xport/sandbox"
)

// hostile reports what in s could act on a terminal: any escape or
// control character, a bidi control, or the marker of an attack's own
// text. The styles are colourless here, so a clean view has no ESC at all.
func hostile(s string) string {
	if strings.Contains(s, sandbox.HostileMarker) {
		return "the attack marker"
	}
	for _, r := range s {
		if (unicode.IsControl(r) && r != '\n') || unicode.Is(unicode.Bidi_Control, r) {
			return fmt.Sprintf("control character %U", r)
		}
	}
	return ""
}

// TestHostileMarketplace drives the list and the detail over text written
// to attack the terminal: seller names, addresses, titles and the
// logistics remarks the seller's courier types.
func TestHostileMarketplace(t *testing.T) {
	e := newEnvWith(t, sandbox.Options{Hostile: true})
	ids := e.place(t, 3)
	e.pay(t, ids[0], ids[1])
	m, _ := e.open(t, 120, 40)
	e.clock.Advance(3 * 24 * time.Hour)
	msgs := press(t, m, "r")
	for _, s := range statusesIn(msgs) {
		if what := hostile(s); what != "" {
			t.Errorf("a status carries %s: %q", what, s)
		}
	}
	for _, size := range [][2]int{{80, 24}, {120, 40}, {200, 50}} {
		m.SetSize(size[0], size[1])
		if what := hostile(m.View()); what != "" {
			t.Errorf("%dx%d: the list carries %s:\n%q", size[0], size[1], what, m.View())
		}
		for _, id := range ids {
			d := e.openDetail(t, id, size[0], size[1])
			if len(d.parcels) == 0 && id != ids[2] {
				t.Fatalf("%s has no parcels: the trace's remarks were not shown", id)
			}
			for _, l := range d.lines {
				if what := hostile(l); what != "" {
					t.Fatalf("%dx%d: the detail of %s carries %s: %q", size[0], size[1], id, what, l)
				}
			}
			checkFits(t, "hostile detail", d.View(), size[0], size[1])
		}
	}
	// The attacks were there to be cleaned: the test proves nothing if
	// the sandbox sent plain text.
	traces, err := e.c.Client.Logistics(context.Background(), ids[0])
	if err != nil || len(traces) == 0 || len(traces[0].Steps) == 0 || hostile(string(traces[0].Steps[0].Remark)) == "" {
		t.Fatalf("the hostile sandbox sent a clean trace: %v %v", traces, err)
	}
	if body := e.openDetail(t, ids[0], 120, 40).body(); !strings.Contains(body, "卖家已发货") || !strings.Contains(body, "已签收") {
		t.Errorf("cleaning lost the words:\n%s", body)
	}
}
