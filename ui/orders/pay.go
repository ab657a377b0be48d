package orders

import (
	"context"
	"strings"

	"caigou/ui/common"
	"caigou/ui/link"
	"caigou/xport"

	tea "github.com/charmbracelet/bubbletea"
)

// payMsg is the answer to a payment request.
type payMsg struct {
	common.Reply
	ids []string
	res *xport.PayResult
	err error
}

// payCmd asks for one payment link for ids. It is sent once: a payment
// request is never retried, by the client or here.
func payCmd(ctx context.Context, client *xport.Client, reply common.Reply, ids []string) tea.Cmd {
	ids = append([]string(nil), ids...)
	return func() tea.Msg {
		res, err := client.PayOrders(ctx, ids)
		return payMsg{Reply: reply, ids: ids, res: res, err: err}
	}
}

// payWhat names a payment for messages: "paying order 9000…123" or
// "paying 3 orders".
func payWhat(ids []string) string {
	if len(ids) == 1 {
		return "Paying order " + shortID(ids[0])
	}
	return "Paying " + itoa(len(ids)) + " orders"
}

// payOutcome turns an answer into what the agent sees: the link panel,
// and in words the orders that cannot be paid. note repeats those words
// for the page to keep, since the link panel's own status replaces them
// in the status line. paid are the orders the link covers.
func payOutcome(c *common.Common, asked []string, res *xport.PayResult) (cmds []tea.Cmd, note string, paid []string) {
	cant := map[string]bool{}
	var cantIDs []string
	for _, id := range res.CantPayOrderList {
		if id = clean(id); id != "" && !cant[id] {
			cant[id] = true
			cantIDs = append(cantIDs, id)
		}
	}
	for _, id := range asked {
		if !cant[id] {
			paid = append(paid, id)
		}
	}
	if len(cantIDs) > 0 {
		note = plural(len(cantIDs), "order cannot be paid", "orders cannot be paid") + " (already paid, closed or unknown): " + listIDs(cantIDs, 3)
		cmds = append(cmds, common.Status(common.Warn, note))
	}
	url := strings.TrimSpace(string(res.PayURL))
	switch {
	case url != "" && len(paid) > 0:
		title := "Pay " + plural(len(paid), "order", "orders")
		cmds = append(cmds, common.Push(link.New(c, title, url)))
	case bool(res.ProtocolPaySuccess) && len(paid) > 0:
		cmds = append(cmds, common.Status(common.OK, "Paid "+plural(len(paid), "order", "orders")+" without the cashier (password-free payment)"))
	case len(paid) > 0:
		cmds = append(cmds, common.Status(common.Warn, "The service gave no payment link for "+listIDs(paid, 3)+"; try again later or pay on 1688"))
		paid = nil
	}
	return cmds, note, paid
}
