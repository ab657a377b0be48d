package app

import (
	"strings"

	"caigou/ui/common"
	"caigou/ui/keys"
	"caigou/ui/sanitize"
	"caigou/xport"
)

// maxStatusLines bounds how much of the screen an error may take; the
// full text is in the log.
const maxStatusLines = 3

// status is what the status line shows.
type status struct {
	text  string
	level common.Level
	err   bool
}

func infoStatus(msg common.StatusMsg) status {
	return status{text: sanitize.Line(msg.Text), level: msg.Level}
}

// errorStatus turns a failure into words for the agent, and logs it with
// the request id support will ask for.
func (m *Model) errorStatus(msg common.ErrorMsg) status {
	what := sanitize.Line(msg.What)
	if what == "" {
		what = "That"
	}
	detail := "unknown error"
	if msg.Err != nil {
		detail = sanitize.Line(msg.Err.Error())
	}
	text := what + " failed: " + detail
	if hint := xport.Hint(msg.Err); hint != "" {
		text += " " + hint
	}
	args := []any{"what", msg.What, "err", msg.Err, "class", xport.Classify(msg.Err).String()}
	if id := xport.RequestIDOf(msg.Err); id != "" {
		args = append(args, "request_id", id)
		text += " (request " + sanitize.Line(id) + ")"
	}
	m.c.Log.Error("operation failed", args...)
	return status{text: text, err: true}
}

// lines renders the status in at most maxStatusLines lines of width w.
// An empty status still takes its line, so the page does not jump.
func (m *Model) statusLines(w int) []string {
	s := m.c.Styles
	if m.st.text == "" {
		return []string{""}
	}
	style := s.Status
	prefix := ""
	switch {
	case m.st.err:
		style, prefix = s.StatusError, "! "
	case m.st.level == common.Warn:
		style, prefix = s.StatusWarn, "! "
	case m.st.level == common.OK:
		style, prefix = s.StatusOK, "✓ "
	}
	wrapped := strings.Split(style.Width(w).Render(prefix+m.st.text), "\n")
	if len(wrapped) > maxStatusLines {
		wrapped = wrapped[:maxStatusLines]
		last := strings.TrimRight(wrapped[maxStatusLines-1], " ")
		more := " … (" + m.c.Keys.Get(keys.Messages).Help().Key + ": all messages)"
		wrapped[maxStatusLines-1] = sanitize.Truncate(last, w-sanitize.Width(more)) + more
	}
	return wrapped
}
