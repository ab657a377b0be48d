package ali1688

import (
	"context"
	"errors"
	"strings"
)

// apiCancel is alibaba.trade.cancel (ref §4.15 [DOC]).
const apiCancel = "alibaba.trade.cancel"

// CancelOrder cancels an unpaid order for the buyer (ref §4.15). It is a
// write, sent once: a cancel whose answer is lost is looked at by reading
// the order again, never by sending it again. 1688 refuses a cancel less
// than 10 s after the order was made (CLOSE_ORDER_TOO_FAST) and any order
// not awaiting payment (ORDER_STATUS_ERROR); both come back as its error.
func (c *Client) CancelOrder(ctx context.Context, orderID, reason string) error {
	orderID = strings.TrimSpace(orderID)
	if orderID == "" || strings.Trim(orderID, "0123456789") != "" {
		return errors.New("that is not a 1688 order number")
	}
	p := map[string]string{
		"webSite":      "1688",
		"tradeID":      orderID,
		"cancelReason": "buyerCancel",
	}
	if r := strings.TrimSpace(reason); r != "" {
		p["remark"] = r
	}
	_, err := c.call(ctx, nsTrade, apiCancel, p, callOpts{needToken: true, write: true, emptyOK: true}, nil)
	return err
}
