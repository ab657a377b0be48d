package orders

import (
	"context"

	"caigou/ui/common"
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
func payCmd(ctx context.Context, client market, reply common.Reply, ids []string) tea.Cmd {
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
