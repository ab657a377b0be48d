package orders

import (
	"strconv"
	"strings"
)

// The status vocabularies of a 1688 order (1688-rules §3.1-3.6). An order
// has several state machines at once, and agents confuse them (§2.7), so
// each is named in words, never by colour alone, and a value the desk does
// not know is shown as sent rather than dropped: 1688 says unlisted values
// can appear.

// Word is one value of a vocabulary.
type Word struct {
	Raw string // as the API sent it
	// ZH is the short Chinese label an agent sees on 1688's own pages; EN
	// says the same in English; Short is an English form for narrow
	// columns.
	ZH, EN, Short string
	// Official is 1688's field-description label, where it differs from
	// ZH (等待卖家发货 for 待发货).
	Official string
	Known    bool
}

// String is the value in words, "待发货 awaiting shipment", or the raw
// value when it is not one the desk knows.
func (w Word) String() string {
	if !w.Known {
		return w.Raw
	}
	return w.ZH + " " + w.EN
}

// Compact is String with the short English form, for tables.
func (w Word) Compact() string {
	if !w.Known {
		return w.Raw
	}
	if w.Short == "" {
		return w.String()
	}
	return w.ZH + " " + w.Short
}

// Empty reports that no value was sent.
func (w Word) Empty() bool { return w.Raw == "" }

type entry struct{ raw, zh, en, short, official string }

func lookup(table []entry, raw string) Word {
	for _, e := range table {
		if e.raw == raw {
			return Word{Raw: raw, ZH: e.zh, EN: e.en, Short: e.short, Official: e.official, Known: true}
		}
	}
	return Word{Raw: raw}
}

// tradeStatuses are baseInfo.status (§3.1). The short Chinese labels are
// the ones of 1688's buyer order tabs; the official labels follow.
func tradeStatuses() []entry {
	return []entry{
		{"waitbuyerpay", "待付款", "awaiting payment", "unpaid", "等待买家付款"},
		{"waitsellersend", "待发货", "awaiting shipment", "to ship", "等待卖家发货"},
		{"waitlogisticstakein", "待揽件", "awaiting courier pickup", "to pick up", "等待物流公司揽件"},
		{"waitbuyerreceive", "已发货", "shipped", "", "等待买家收货"},
		{"waitbuyersign", "待签收", "out for delivery", "delivering", "等待买家签收"},
		{"signinsuccess", "已签收", "signed for", "signed", "买家已签收"},
		{"confirm_goods", "已收货", "received", "", ""},
		{"success", "已完成", "completed", "", "交易成功"},
		{"cancel", "已取消", "cancelled", "", "交易取消"},
		{"terminated", "已终止", "terminated", "", "交易终止"},
	}
}

// TradeStatus is the order's status (baseInfo.status; the line status uses
// the same words).
func TradeStatus(raw string) Word { return lookup(tradeStatuses(), strings.TrimSpace(raw)) }

// Unpaid reports whether an order in this status can still be paid.
func Unpaid(status string) bool { return strings.TrimSpace(status) == "waitbuyerpay" }

// PayStatus is tradeTerms[].payStatus (§3.3). 12 comes from an older SDK
// comment (account period, awaiting arrival).
func PayStatus(raw string) Word {
	raw = strings.TrimSpace(raw)
	w := lookup([]entry{
		{"1", "未付款", "unpaid", "", ""},
		{"2", "已付款", "paid", "", ""},
		{"4", "全额退款", "fully refunded", "refunded", ""},
		{"6", "卖家已收款", "paid out to the seller", "settled", ""},
		{"7", "未创建外部支付单", "no external payment created", "no payment", ""},
		{"8", "付款前取消", "cancelled before payment", "cancelled", ""},
		{"9", "付款中", "payment in progress", "paying", ""},
		{"12", "待到账", "account period, awaiting arrival", "awaiting arrival", ""},
	}, raw)
	if !w.Known && raw != "" {
		w.Raw = "payStatus " + raw
	}
	return w
}

// LogisticsStatus is a line's logisticsStatus (§3.2); 0 means not sent.
func LogisticsStatus(code int64) Word {
	if code == 0 {
		return Word{}
	}
	raw := strconv.FormatInt(code, 10)
	w := lookup([]entry{
		{"1", "未发货", "not shipped", "", ""},
		{"2", "已发货", "shipped", "", ""},
		{"3", "已收货", "received", "", ""},
		{"4", "已退货", "returned", "", "已经退货"},
		{"5", "部分发货", "partially shipped", "part shipped", ""},
		{"8", "未创建物流单", "no logistics order yet", "no logistics", "还未创建物流订单"},
	}, raw)
	if !w.Known {
		w.Raw = "logisticsStatus " + raw
	}
	return w
}

// OrderRefundStatus is baseInfo.refundStatus, lowercase (§3.4).
func OrderRefundStatus(raw string) Word {
	return lookup(refundStatuses(false), strings.TrimSpace(raw))
}

// LineRefundStatus is productItems[].refundStatus, uppercase (§3.2). The
// same steps as the order's, spelled differently.
func LineRefundStatus(raw string) Word {
	return lookup(refundStatuses(true), strings.TrimSpace(raw))
}

func refundStatuses(line bool) []entry {
	out := []entry{
		{"waitselleragree", "等待卖家同意", "refund asked, waiting for the seller to agree", "asked", ""},
		{"waitbuyermodify", "待买家修改", "the seller wants the request changed", "to modify", ""},
		{"waitbuyersend", "等待买家退货", "waiting for the goods to be sent back", "to return", ""},
		{"waitsellerreceive", "等待卖家确认收货", "returned, waiting for the seller to confirm", "returned", ""},
		{"refundsuccess", "退款成功", "refunded", "", ""},
		{"refundclose", "退款关闭", "refund closed", "closed", ""},
	}
	if line {
		upper := map[string]string{
			"waitselleragree": "WAIT_SELLER_AGREE", "waitbuyermodify": "WAIT_BUYER_MODIFY",
			"waitbuyersend": "WAIT_BUYER_SEND", "waitsellerreceive": "WAIT_SELLER_RECEIVE",
			"refundsuccess": "REFUND_SUCCESS", "refundclose": "REFUND_CLOSED",
		}
		for i := range out {
			out[i].raw = upper[out[i].raw]
		}
	}
	return out
}

// ParcelStatus is the node a parcel has reached: logisticsItems[].status,
// in the words of the LOGISTICS_BUYER_VIEW_TRACE push (§3.6).
func ParcelStatus(raw string) Word {
	return lookup([]entry{
		{"CONSIGN", "已发货", "handed to the courier", "shipped", ""},
		{"ACCEPT", "已揽收", "picked up", "", ""},
		{"TRANSPORT", "运输中", "in transit", "", ""},
		{"DELIVERING", "派送中", "out for delivery", "delivering", ""},
		{"AGENT_SIGN", "待取件", "waiting at a locker or station", "at a locker", ""},
		{"SIGN", "已签收", "signed for", "signed", ""},
		{"FAILED", "异常", "delivery problem", "problem", ""},
	}, strings.TrimSpace(raw))
}

// CloseReason is baseInfo.closeReason. 1688 spells it both BUYER_NO_PAY and
// buyerCancel, so case and underscores are ignored.
func CloseReason(raw string) Word {
	key := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(raw), "_", ""))
	w := lookup([]entry{
		{"buyernopay", "买家未付款", "not paid in time", "", ""},
		{"buyercancel", "买家取消", "cancelled by the buyer", "", ""},
		{"sellergoodslack", "卖家缺货", "the seller is out of stock", "", ""},
		{"other", "其他", "other reason", "", ""},
	}, key)
	w.Raw = strings.TrimSpace(raw)
	return w
}

// PayWay is tradeTerms[].payWay (§3.3).
func PayWay(raw string) Word {
	return lookup([]entry{
		{"1", "支付宝", "Alipay", "", ""},
		{"2", "网商金票", "MYbank gold ticket", "", ""},
		{"3", "诚e赊", "credit (诚e赊)", "", ""},
		{"4", "网商银行大额转账", "MYbank large transfer", "", ""},
		{"6", "电子承兑票据", "e-acceptance bill", "", ""},
		{"7", "账期支付", "account period", "", ""},
		{"8", "虚拟支付", "virtual payment", "", ""},
		{"9", "无需支付", "no payment action", "", ""},
		{"10", "零售通赊购", "零售通 credit", "", ""},
	}, strings.TrimSpace(raw))
}
