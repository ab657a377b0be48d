package ali1688

import "testing"

// The decoders read text from the network: no input may panic them.

func FuzzDecodeOfferPage(f *testing.F) {
	f.Add([]byte(`{"totalRecords":1,"data":[{"offerId":1,"priceInfo":{"price":"1.5"}}]}`))
	f.Add([]byte(`{"data":{}}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, b []byte) { _, _ = decodeOfferPage(b) })
}

func FuzzDecodeProductDetail(f *testing.F) {
	f.Add([]byte(`{"offerId":1,"productSkuInfos":[{"price":"x"}],"tradeScore":{}}`))
	f.Add([]byte(`{"offerId":"","productSaleInfo":null}`))
	f.Fuzz(func(t *testing.T, b []byte) { _, _ = decodeProductDetail(b) })
}

func FuzzDecodeFreight(f *testing.F) {
	f.Add([]byte(`{"freight":"8.00","chargeType":"x"}`))
	f.Add([]byte(`{"freight":[1]}`))
	f.Fuzz(func(t *testing.T, b []byte) { _, _ = decodeFreight(b) })
}

func FuzzDecodeAddresses(f *testing.F) {
	f.Add([]byte(`{"receiveAddressItems":[{"id":1,"addressCodeText":"a b c","isDefault":"x"},"junk",null]}`))
	f.Add([]byte(`{"receiveAddressItems":{}}`))
	f.Fuzz(func(t *testing.T, b []byte) { _, _ = decodeAddresses(b) })
}

func FuzzDecodeEnvelope(f *testing.F) {
	f.Add(200, []byte(`{"result":{"success":"true","code":"200","result":{}}}`))
	f.Add(400, []byte(`{"error_code":"gw.X","error_message":1,"request_id":[]}`))
	f.Add(200, []byte(`{"succes":false,"errorCode":{},"erroMsg":"x"}`))
	f.Fuzz(func(t *testing.T, status int, b []byte) { _, _, _ = unwrap("ns:api", status, b, SuccessCodes) })
}
