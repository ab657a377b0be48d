package checkout

import (
	"errors"
	"strings"

	"caigou/ui/sanitize"
	"caigou/xport"
)

// refusal says why the service refused something, in words: the 1688 rule
// the preview names, then what the service itself said.
func refusal(err error) string {
	var ae *xport.APIError
	msg := ""
	if errors.As(err, &ae) {
		msg = sanitize.Line(ae.Msg)
	}
	rule := xport.RuleText(xport.RuleOf(err))
	switch {
	case rule != "" && msg != "":
		return rule + " (Xportcn: " + msg + ")"
	case rule != "":
		return rule
	case msg != "":
		return msg
	}
	return sanitize.Line(err.Error())
}

// failure says what went wrong with a call that got no clear answer, and
// what helps.
func failure(err error) string {
	s := sanitize.Line(err.Error())
	if h := xport.Hint(err); h != "" {
		s += ". " + h
	}
	return s
}

// createRefusal explains a create that answered without any order.
func createRefusal(r *xport.CreateResult) string {
	var parts []string
	if m := sanitize.Line(string(r.Message)); m != "" {
		parts = append(parts, m)
	}
	if c := sanitize.Line(string(r.Code)); c != "" && len(parts) == 0 {
		parts = append(parts, "code "+c)
	}
	for _, f := range r.FailedOffers {
		msg := sanitize.Line(string(f.ErrorMessage))
		if msg == "" {
			msg = sanitize.Line(string(f.ErrorCode))
		}
		parts = append(parts, "offer "+sanitize.Line(string(f.OfferID))+": "+msg)
	}
	if len(parts) == 0 {
		return "Xportcn answered without an order id"
	}
	return strings.Join(parts, "; ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return itoa(n) + " " + many
}
