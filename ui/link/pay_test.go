package link

import (
	"strings"
	"testing"

	"caigou/ui/common"
	"caigou/ui/uitest"
	"caigou/xport"
)

func TestReadPay(t *testing.T) {
	c := newCommon(t, common.Env{SSH: true}, &uitest.Term{})
	asked := []string{"9000000000000000001", "9000000000000000002"}

	a := ReadPay(c, asked, &xport.PayResult{PayURL: "https://trade.1688.com/order/cashier.htm?orderId=2", CantPayOrderList: xport.Strings{asked[0]}}, Amounts{})
	if a.Open == nil || len(a.Paid) != 1 || a.Paid[0] != asked[1] || !a.Warn ||
		a.Cant != "1 order cannot be paid (already paid, closed or unknown): "+asked[0] {
		t.Fatalf("link with one unpayable: %+v", a)
	}
	// The panel says what the link will charge, as far as it is known.
	paid := ReadPay(c, asked, &xport.PayResult{PayURL: "https://trade.1688.com/order/cashier.htm?orderId=2"},
		Amounts{ByID: map[string]xport.Fen{asked[0]: 10312, asked[1]: 500}, As: "as previewed"})
	if p, ok := paid.Open().(common.PushMsg); !ok || p.Page.(*Model).title != "Pay 2 orders · ¥108.12 as previewed" {
		t.Fatalf("pay panel title: %+v", paid.Open())
	}
	part := ReadPay(c, asked, &xport.PayResult{PayURL: "https://trade.1688.com/order/cashier.htm?orderId=2"},
		Amounts{ByID: map[string]xport.Fen{asked[0]: 10312}})
	if p := part.Open().(common.PushMsg); !strings.Contains(p.Page.(*Model).title, "¥103.12 for 1 of them") {
		t.Fatalf("pay panel title: %q", p.Page.(*Model).title)
	}
	if cmds := a.Cmds("extra words."); len(cmds) != 2 {
		t.Fatalf("want the panel and one status, got %d commands", len(cmds))
	} else if st := cmds[1]().(common.StatusMsg); !strings.Contains(st.Text, a.Cant) || !strings.Contains(st.Text, "extra words.") || st.Level != common.Warn {
		t.Fatalf("status %+v", st)
	}

	a = ReadPay(c, asked, &xport.PayResult{}, Amounts{})
	if a.Open != nil || a.Paid != nil || !a.Warn || !strings.Contains(a.Note, "no payment link") {
		t.Fatalf("no link: %+v", a)
	}
	a = ReadPay(c, asked, &xport.PayResult{ProtocolPaySuccess: true}, Amounts{})
	if a.Open != nil || len(a.Paid) != 2 || a.Warn || !strings.Contains(a.Note, "password-free") {
		t.Fatalf("paid without a link: %+v", a)
	}
	if st := a.Cmds()[0]().(common.StatusMsg); st.Level != common.OK {
		t.Fatalf("a payment made is good news: %+v", st)
	}
	if a = ReadPay(c, asked, nil, Amounts{}); a.Open != nil || a.Paid != nil {
		t.Fatalf("no answer: %+v", a)
	}
}
