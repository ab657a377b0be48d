package uitest

import "caigou/xport/sandbox"

// ReadFault is one of the sandbox's answers that a read survives by
// retrying, with the words a screen must show once the retries are spent.
type ReadFault struct {
	Name   string
	Faults sandbox.Faults
	Words  string
}

// ReadFaults are the fault kinds every screen's fault tests go through.
func ReadFaults() []ReadFault {
	return []ReadFault{
		{"429", sandbox.Faults{RateLimitPerMille: 1000}, "Too many requests for the account right now; wait a few seconds"},
		{"5xx", sandbox.Faults{ServerErrorPerMille: 1000}, "Xportcn had a problem on its side; try again in a moment"},
		{"malformed", sandbox.Faults{MalformedPerMille: 1000}, "Xportcn sent an answer caigou could not read"},
		{"truncated", sandbox.Faults{TruncatePerMille: 1000}, "No answer from Xportcn; check the network"},
		{"reset", sandbox.Faults{ResetPerMille: 1000}, "No answer from Xportcn; check the network"},
	}
}
