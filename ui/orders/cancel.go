package orders

import (
	"caigou/ui/common"
	"caigou/ui/keys"
	"caigou/xport"

	tea "github.com/charmbracelet/bubbletea"
)

const reqCancel = "cancel"

// cancelMsg is the answer to a cancel.
type cancelMsg struct {
	common.Reply
	err error
}

// canCancel: the backend cancels orders and this one awaits payment.
func (d *Detail) canCancel() bool {
	return marketOf(d.c).Backend().CanCancel && Unpaid(string(d.order.BaseInfo.Status))
}

// askCancel asks before anything is sent: only the confirm key cancels.
func (d *Detail) askCancel() tea.Cmd {
	switch {
	case !marketOf(d.c).Backend().CanCancel:
		return common.Status(common.Info, "Cancelling is not available with the "+marketOf(d.c).Backend().Name+" backend: cancel unpaid orders on 1688.com, or leave them to close by themselves.")
	case !Unpaid(string(d.order.BaseInfo.Status)):
		return common.Status(common.Warn, "Order "+shortID(d.orderID)+" is "+statusWords(string(d.order.BaseInfo.Status))+": only an order awaiting payment (待付款) can be cancelled here.")
	case d.cancelling:
		return common.Status(common.Info, "The cancel of order "+shortID(d.orderID)+" is on its way.")
	}
	d.confirmCancel = true
	return nil
}

// onConfirmKey takes the key after the question: y cancels, anything
// else keeps the order.
func (d *Detail) onConfirmKey(msg tea.KeyMsg) tea.Cmd {
	d.confirmCancel = false
	if !d.c.Keys.Matches(msg, keys.Confirm) {
		return common.Status(common.Info, "Order "+shortID(d.orderID)+" is kept.")
	}
	d.cancelling = true
	ctx, seq := d.req.Start(reqCancel)
	cl, id, r := marketOf(d.c), d.orderID, common.Reply{Page: d.id, Seq: seq}
	return func() tea.Msg {
		return cancelMsg{Reply: r, err: cl.CancelOrder(ctx, id, "")}
	}
}

func (d *Detail) onCancel(msg cancelMsg) tea.Cmd {
	if !d.req.Current(reqCancel, msg.Seq) {
		return nil
	}
	d.req.Done(reqCancel, msg.Seq)
	d.cancelling = false
	switch {
	case msg.err == nil:
		return tea.Batch(d.reload(), common.Status(common.OK, "Order "+shortID(d.orderID)+" is cancelled."))
	case xport.OutcomeUnknown(msg.err):
		// The cancel may have been done: reading the order says, sending
		// it again could only be refused or do it twice.
		return tea.Batch(d.reload(), common.Status(common.Warn, "No answer to the cancel of order "+shortID(d.orderID)+
			": whether it is cancelled is unknown until the order is read again (done now; "+d.c.Keys.Get(keys.Retry).Help().Key+" reads it again)."))
	}
	return common.Error("Cancelling order "+shortID(d.orderID), msg.err)
}
