package orders

import "testing"

func TestTradeStatusWords(t *testing.T) {
	cases := []struct{ raw, words, compact string }{
		{"waitbuyerpay", "待付款 awaiting payment", "待付款 unpaid"},
		{"waitsellersend", "待发货 awaiting shipment", "待发货 to ship"},
		{"waitlogisticstakein", "待揽件 awaiting courier pickup", "待揽件 to pick up"},
		{"waitbuyerreceive", "已发货 shipped", "已发货 shipped"},
		{"waitbuyersign", "待签收 out for delivery", "待签收 delivering"},
		{"signinsuccess", "已签收 signed for", "已签收 signed"},
		{"confirm_goods", "已收货 received", "已收货 received"},
		{"success", "已完成 completed", "已完成 completed"},
		{"cancel", "已取消 cancelled", "已取消 cancelled"},
		{"terminated", "已终止 terminated", "已终止 terminated"},
		{" success ", "已完成 completed", "已完成 completed"},
		// Unknown values are shown as sent, never dropped.
		{"paid_but_not_fund", "paid_but_not_fund", "paid_but_not_fund"},
		{"SUCCESS", "SUCCESS", "SUCCESS"},
		{"", "", ""},
	}
	for _, c := range cases {
		w := TradeStatus(c.raw)
		if w.String() != c.words || w.Compact() != c.compact {
			t.Errorf("TradeStatus(%q) = %q / %q, want %q / %q", c.raw, w.String(), w.Compact(), c.words, c.compact)
		}
	}
	if TradeStatus("waitsellersend").Official != "等待卖家发货" {
		t.Error("the official label is kept")
	}
	if !Unpaid("waitbuyerpay") || Unpaid("waitsellersend") || Unpaid("") {
		t.Error("Unpaid")
	}
}

func TestPayAndLogisticsStatusWords(t *testing.T) {
	pay := map[string]string{
		"1": "未付款 unpaid", "2": "已付款 paid", "4": "全额退款 fully refunded",
		"6": "卖家已收款 paid out to the seller", "7": "未创建外部支付单 no external payment created",
		"8": "付款前取消 cancelled before payment", "9": "付款中 payment in progress",
		"12": "待到账 account period, awaiting arrival", "5": "payStatus 5", "": "",
	}
	for raw, want := range pay {
		if got := PayStatus(raw).String(); got != want {
			t.Errorf("PayStatus(%q) = %q, want %q", raw, got, want)
		}
	}
	logi := map[int64]string{
		1: "未发货 not shipped", 2: "已发货 shipped", 3: "已收货 received", 4: "已退货 returned",
		5: "部分发货 partially shipped", 8: "未创建物流单 no logistics order yet",
		6: "logisticsStatus 6", 0: "",
	}
	for code, want := range logi {
		if got := LogisticsStatus(code).String(); got != want {
			t.Errorf("LogisticsStatus(%d) = %q, want %q", code, got, want)
		}
	}
	if !LogisticsStatus(0).Empty() {
		t.Error("0 is no value")
	}
}

func TestRefundStatusWords(t *testing.T) {
	pairs := []struct{ order, line, words string }{
		{"waitselleragree", "WAIT_SELLER_AGREE", "等待卖家同意 refund asked, waiting for the seller to agree"},
		{"waitbuyermodify", "WAIT_BUYER_MODIFY", "待买家修改 the seller wants the request changed"},
		{"waitbuyersend", "WAIT_BUYER_SEND", "等待买家退货 waiting for the goods to be sent back"},
		{"waitsellerreceive", "WAIT_SELLER_RECEIVE", "等待卖家确认收货 returned, waiting for the seller to confirm"},
		{"refundsuccess", "REFUND_SUCCESS", "退款成功 refunded"},
		{"refundclose", "REFUND_CLOSED", "退款关闭 refund closed"},
	}
	for _, p := range pairs {
		if got := OrderRefundStatus(p.order).String(); got != p.words {
			t.Errorf("OrderRefundStatus(%q) = %q", p.order, got)
		}
		if got := LineRefundStatus(p.line).String(); got != p.words {
			t.Errorf("LineRefundStatus(%q) = %q", p.line, got)
		}
		// Each level has its own spelling: the other one is not guessed.
		if OrderRefundStatus(p.line).Known || LineRefundStatus(p.order).Known {
			t.Errorf("%s/%s: a value of one level was read as the other's", p.order, p.line)
		}
	}
	if w := OrderRefundStatus("refund_partial"); w.Known || w.String() != "refund_partial" {
		t.Errorf("unknown refund status: %+v", w)
	}
}

func TestParcelCloseAndPayWayWords(t *testing.T) {
	cases := []struct {
		w    Word
		want string
	}{
		{ParcelStatus("CONSIGN"), "已发货 handed to the courier"},
		{ParcelStatus("ACCEPT"), "已揽收 picked up"},
		{ParcelStatus("TRANSPORT"), "运输中 in transit"},
		{ParcelStatus("DELIVERING"), "派送中 out for delivery"},
		{ParcelStatus("AGENT_SIGN"), "待取件 waiting at a locker or station"},
		{ParcelStatus("SIGN"), "已签收 signed for"},
		{ParcelStatus("FAILED"), "异常 delivery problem"},
		{ParcelStatus("LOST"), "LOST"},
		{CloseReason("BUYER_NO_PAY"), "买家未付款 not paid in time"},
		{CloseReason("buyerCancel"), "买家取消 cancelled by the buyer"},
		{CloseReason("buyer_cancel"), "买家取消 cancelled by the buyer"},
		{CloseReason("sellerGoodsLack"), "卖家缺货 the seller is out of stock"},
		{CloseReason("RISK_CONTROL"), "RISK_CONTROL"},
		{PayWay("7"), "账期支付 account period"},
		{PayWay("1"), "支付宝 Alipay"},
		{PayWay("99"), "99"},
	}
	for _, c := range cases {
		if got := c.w.String(); got != c.want {
			t.Errorf("%q: got %q, want %q", c.w.Raw, got, c.want)
		}
	}
}
