package journal

import (
	"fmt"
	"strings"
)

// Report words what look-ups of creates whose answer was lost found, for
// the status line: orders found, orders not found yet, answers that prove
// nothing, look-ups that failed. It never says "not placed": only the
// agent can decide that, by typing the reference at checkout.
func Report(found []Resolution) []string {
	var placed, notYet, unknown, failed []string
	for _, r := range found {
		who := r.Intent.SellerName
		if who == "" {
			who = "a supplier"
		}
		ref := who + " (reference " + r.Intent.OutOrderID + ")"
		switch {
		case r.Err != nil:
			failed = append(failed, ref)
		case len(r.OrderIDs) > 0:
			placed = append(placed, fmt.Sprintf("%s (order %s)", who, strings.Join(r.OrderIDs, ", ")))
		case r.Absent:
			notYet = append(notYet, ref)
		default:
			unknown = append(unknown, ref+": "+r.Why)
		}
	}
	var parts []string
	if len(placed) > 0 {
		parts = append(parts, "An order whose answer was lost WAS placed: "+strings.Join(placed, "; ")+"; its lines left the cart")
	}
	if len(notYet) > 0 {
		parts = append(parts, "An order whose answer was lost is not found yet and may still land: "+strings.Join(notYet, "; ")+
			"; the desk keeps looking, and its goods stay tied to that reference")
	}
	if len(unknown) > 0 {
		parts = append(parts, "UNKNOWN whether an order whose answer was lost was placed: "+strings.Join(unknown, "; ")+
			"; check the orders screen or the Xport console before ordering those goods again")
	}
	if len(failed) > 0 {
		parts = append(parts, "Could not look up an order whose answer was lost: "+strings.Join(failed, "; ")+
			"; it is looked up again later — check the orders screen before ordering those goods again")
	}
	return parts
}
