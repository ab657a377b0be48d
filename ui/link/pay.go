package link

import (
	"strconv"
	"strings"

	"caigou/ui/common"
	"caigou/ui/sanitize"
	"caigou/xport"

	tea "github.com/charmbracelet/bubbletea"
)

// PayAnswer is what a payment request's answer means to the agent. The
// checkout and the orders screens both ask for payment links; they read
// the answer here so the same answer always reads the same way.
type PayAnswer struct {
	// Open pushes the link panel; nil when there is no link.
	Open tea.Cmd
	// Cant names the orders that cannot be paid, or is "". A page may keep
	// it on screen: the link panel's own status replaces the status line.
	Cant string
	// Note is what else the agent must know (paid without a link, no link
	// given), or "".
	Note string
	Warn bool
	// Paid are the orders the link, or a password-free payment, covers.
	Paid []string
}

// Amounts are what the caller knows of the orders' amounts to pay, so
// the pay panel can say what the link will charge: by order id, and how
// the amounts are known ("as previewed" at checkout; "" when read from
// the orders themselves).
type Amounts struct {
	ByID map[string]xport.Fen
	As   string
}

// title is the pay panel's title: how many orders, and what they come to
// as far as it is known.
func (am Amounts) title(c *common.Common, paid []string) string {
	t := "Pay " + count(len(paid), "order", "orders")
	var sum xport.Fen
	known := 0
	for _, id := range paid {
		if f, ok := am.ByID[id]; ok && f > 0 {
			if s, ok := sum.Add(f); ok {
				sum, known = s, known+1
			}
		}
	}
	switch {
	case known == 0:
		return t
	case known == len(paid):
		t += " · " + c.Money(sum)
	default:
		t += " · " + c.Money(sum) + " for " + itoa(known) + " of them (the others' amounts are not known here)"
	}
	if am.As != "" {
		t += " " + am.As
	}
	return t
}

// ReadPay reads the answer to a request to pay asked.
func ReadPay(c *common.Common, asked []string, res *xport.PayResult, am Amounts) PayAnswer {
	var a PayAnswer
	if res == nil {
		res = &xport.PayResult{}
	}
	cant := map[string]bool{}
	var cantIDs []string
	for _, id := range res.CantPayOrderList {
		if id = sanitize.Line(id); id != "" && !cant[id] {
			cant[id] = true
			cantIDs = append(cantIDs, id)
		}
	}
	for _, id := range asked {
		if !cant[id] {
			a.Paid = append(a.Paid, id)
		}
	}
	if len(cantIDs) > 0 {
		a.Cant = count(len(cantIDs), "order cannot be paid", "orders cannot be paid") + " (already paid, closed or unknown): " + listIDs(cantIDs, 3)
		a.Warn = true
	}
	url := strings.TrimSpace(string(res.PayURL))
	switch {
	case url != "" && len(a.Paid) > 0:
		a.Open = common.Push(New(c, am.title(c, a.Paid), url))
	case bool(res.ProtocolPaySuccess) && len(a.Paid) > 0:
		a.Note = "Paid " + count(len(a.Paid), "order", "orders") + " without the cashier (password-free payment)."
	case len(a.Paid) > 0:
		a.Note = "The service gave no payment link for " + listIDs(a.Paid, 3) + "; try again later or pay on 1688."
		a.Warn = true
		a.Paid = nil
	}
	return a
}

// Cmds opens the panel and says, in one status line, the answer's words
// and extra notes of the caller's.
func (a PayAnswer) Cmds(extra ...string) []tea.Cmd {
	var cmds []tea.Cmd
	if a.Open != nil {
		cmds = append(cmds, a.Open)
	}
	var words []string
	level := common.OK
	for i, w := range append([]string{a.Cant, a.Note}, extra...) {
		if w != "" {
			words = append(words, w)
			if i >= 2 {
				level = common.Info
			}
		}
	}
	if len(words) > 0 {
		if a.Warn {
			level = common.Warn
		}
		cmds = append(cmds, common.Status(level, strings.Join(words, " ")))
	}
	return cmds
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

func listIDs(ids []string, n int) string {
	if len(ids) <= n {
		return strings.Join(ids, ", ")
	}
	return strings.Join(ids[:n], ", ") + " and " + strconv.Itoa(len(ids)-n) + " more"
}

func itoa(n int) string { return strconv.Itoa(n) }
