package ali1688

import "testing"

// The order-side decoders read text from the network: no input may panic
// them, and what they accept keeps its money readable.

func FuzzDecodePreview(f *testing.F) {
	f.Add([]byte(previewAnswer))
	f.Add([]byte(`{"orderPreviewResuslt":[{"sumPayment":"1.5","cargoList":[{"amount":{}}],"tradeModelList":"x"}]}`))
	f.Add([]byte(`{"orderPreviewResult":[null]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		out, offered, err := decodePreview(b)
		// One list of offered trade types per order part, always.
		if err == nil && len(offered) != len(out) {
			t.Fatalf("%s: %d parts, %d lists of trade types", b, len(out), len(offered))
		}
	})
}

func FuzzDecodeCreate(f *testing.F) {
	f.Add([]byte(`{"success":false,"code":"500_005","failedOfferList":[{"offerId":[]}]}`))
	f.Add([]byte(`{"orderId":"1","orderList":[{"orderId":2,"orderAmmount":"1.5"}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		res, err := decodeCreate(b, "r")
		if err == nil && len(res.OrderIDs()) == 0 && !res.Refused {
			t.Fatalf("%s: neither an order, a refusal nor an error", b)
		}
	})
}

func FuzzDecodePay(f *testing.F) {
	f.Add([]byte(`{"payUrl":"https://x","payFailureOrderList":[1,"2",{"orderId":3}]}`))
	f.Add([]byte(`{"cantPayOrderList":{"a":1}}`))
	f.Fuzz(func(t *testing.T, b []byte) { _, _ = decodePay(b) })
}

func FuzzDecodeOrderPage(f *testing.F) {
	f.Add([]byte(listAnswer(2, tradeInfo("196965465451498520", "cg-1"), tradeInfo("1", "-"))))
	f.Add([]byte(`{"result":[{"baseInfo":{"totalAmount":"1.005","discount":"1.5"}},{"orderId":1,"orderStatus":"x"},7],"totalRecord":"x"}`))
	f.Add([]byte(`{"result":null,"totalRecord":0}`))
	f.Fuzz(func(t *testing.T, b []byte) { _, _ = decodeOrderPage(b) })
}

func FuzzDecodeOrder(f *testing.F) {
	f.Add([]byte(tradeInfo("1", "x")))
	f.Add([]byte(`{"baseInfo":[]}`))
	f.Fuzz(func(t *testing.T, b []byte) { _, _ = decodeOrder(b) })
}

func FuzzDecodeLogistics(f *testing.F) {
	f.Add([]byte(traceAnswer), []byte(`[{"logisticsId":"LP1","logisticsBillNo":"SF100","logisticsCompanyName":"x"}]`))
	f.Add([]byte(`{"logisticsTrace":[{"logisticsSteps":{}}]}`), []byte(`{"a":1}`))
	f.Fuzz(func(t *testing.T, trace, infos []byte) {
		tr, _ := decodeTrace(trace)
		bills, _ := decodeWaybills(infos)
		_ = mergeTraces("1", bills, tr)
	})
}

func FuzzDecodeNickAndCategory(f *testing.F) {
	f.Add([]byte(`{"wangwangNick":"a","categoryInfo":[{"categoryID":1,"parentIDs":[0],"childCategorys":[{"id":2}]}]}`))
	f.Add([]byte(`{"result":{"wangwangNick":1},"categoryInfo":[null,{"parentIDs":"x"}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = decodeNick(b)
		_, _ = decodeCategory(b, "1")
	})
}
