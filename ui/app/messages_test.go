package app

import (
	"errors"
	"strings"
	"testing"

	"caigou/ui/common"
	"caigou/ui/uitest"
)

// Every status message is kept for the session: a start-up notice cut
// to three lines at 80x24, or gone at the next key, is read whole with L,
// newest first, found with /, and esc goes back.
func TestMessageLogKeepsWhatTheStatusLineCut(t *testing.T) {
	m, _, _ := newRoot(t, 80, 24)
	long := "Saved cart (3 lines) moved into caigou.db; kept as cart.json.imported. · " + strings.Repeat("A very long notice that goes on. ", 12) + "THE END OF IT."
	m.Update(common.StatusMsg{Text: long, Level: common.Warn})
	v := m.View()
	if strings.Contains(v, "THE END OF IT") || !strings.Contains(v, "L: all messages") {
		t.Fatalf("the status line should be cut and point at the log:\n%s", v)
	}
	m.Update(common.ErrorMsg{What: "Loading the orders", Err: errors.New("connection reset")})
	send(m)(uitest.Key("j")) // a key clears the status line
	send(m)(uitest.Key("L"))
	if _, ok := m.top().(*messagesPage); !ok {
		t.Fatalf("L opened %T", m.top())
	}
	checkFits(t, m, 80, 24, "messages")
	flat := strings.Join(strings.Fields(m.View()), " ")
	for _, w := range []string{"THE END OF IT.", "Loading the orders failed: connection reset", "2 messages"} {
		if !strings.Contains(flat, w) {
			t.Errorf("the log lacks %q:\n%s", w, m.View())
		}
	}
	if strings.Index(flat, "Loading the orders") > strings.Index(flat, "Saved cart") {
		t.Error("the newest message should come first")
	}
	send(m)(uitest.Key("/"))
	uitest.Type(t, send(m), "saved cart")
	send(m)(uitest.Key("enter"))
	if v := m.View(); strings.Contains(v, "Loading the orders") || !strings.Contains(v, "Saved cart") {
		t.Errorf("/ saved cart should keep only that message:\n%s", v)
	}
	send(m)(uitest.Key("esc"))
	if _, ok := m.top().(*messagesPage); !ok || strings.Contains(m.View(), "Find:") {
		t.Fatal("the first esc clears the search, not the page")
	}
	send(m)(uitest.Key("esc"))
	if _, ok := m.top().(*messagesPage); ok {
		t.Fatal("esc should close the log")
	}
}
