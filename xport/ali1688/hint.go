package ali1688

import (
	"strings"

	"caigou/xport"
)

// Hint implements xport.Hinter: what the agent can do about a 1688
// refusal, in 1688's terms (the app, the login, [ali1688]), where the
// Xportcn words would send them to the wrong settings.
func (e *Error) Hint() string {
	switch e.Class {
	case xport.ClassAuth:
		switch {
		case e.Code == "order.nopermission.buyer":
			// ref §4.12: the order is another buyer's, not a bad app.
			return "This order belongs to another 1688 buyer account than the one signed in: check the order id, or run `caigou login` with the account that placed it."
		case strings.Contains(e.Code, "Timestamp"):
			return "1688 did not accept the request's time: check this machine's clock with `date -u` (it must be within 10 minutes of the real time). Run `caigou check`."
		case strings.Contains(e.Code, "Token") || strings.Contains(strings.ToLower(e.Code), "session"):
			return "The 1688 login has run out or was refused: run `caigou login` again (your cart and lists are kept)."
		}
		return "1688 did not accept the app: check app_key and app_secret in [ali1688] and that the app is approved for these APIs. Run `caigou check`."
	case xport.ClassRateLimit:
		return "Too many requests for the 1688 app right now; wait a few seconds and try again (lower requests_per_second in [ali1688] if it keeps happening)."
	case xport.ClassValidation:
		if t := xport.RuleText(e.Code); t != "" {
			return "1688 refused it: " + t + "."
		}
		return "1688 refused the request as it stands; check the values and try again."
	case xport.ClassNotFound:
		return "1688 says there is no such record."
	case xport.ClassServer:
		return "1688 had a problem on its side; try again in a moment."
	case xport.ClassBadResponse:
		return "1688 sent an answer caigou could not read; try again, and if it persists run `caigou check`."
	}
	return "1688 answered with a code caigou does not know; the message is shown above. If it repeats, run `caigou check` and quote the request id from the log."
}

// Hint implements xport.Hinter for a call that got no answer.
func (e *netError) Hint() string {
	return "No answer from 1688; check the network and try again."
}
