package ali1688

import (
	"testing"
)

func TestURLPath(t *testing.T) {
	got := URLPath("com.alibaba.fenxiao.crossborder", "product.search.keywordQuery", "1234567")
	if want := "param2/1/com.alibaba.fenxiao.crossborder/product.search.keywordQuery/1234567"; got != want {
		t.Fatalf("URLPath = %q, want %q", got, want)
	}
}

// signVectors are the reference's vectors: the official one (§2.1 [DOC]),
// the ozon-dropship vectors made with the official SDK (§2.3 [CODE]) and
// the reference's own (§2.4 [INF]).
var signVectors = []struct {
	name   string
	path   string
	params map[string]string
	secret string
	want   string
}{
	{
		name: "official §2.1", path: "param2/1/system/currentTime/1000000",
		params: map[string]string{"b": "2", "a": "1"}, secret: "test123",
		want: "33E54F4F7B989E3E0E912D3FBD2F1A03CA7CCE88",
	},
	{
		name: "ozon V1", path: "param2/1/com.alibaba.trade/alibaba.trade.fastCreateOrder/1234567",
		params: map[string]string{
			"access_token":   "6100abcdef6100abcdef6100abcdef",
			"_aop_timestamp": "1728273600000",
			"flow":           "general",
			"message":        "OZON-0001-0001",
			"addressParam":   `{"fullName":"张三","mobile":"13800138000","phone":"0571-88888888","postCode":"310000","provinceText":"浙江省","cityText":"杭州市","areaText":"西湖区","townText":"","address":"文一西路 969 号","districtCode":""}`,
			"cargoParamList": `[{"offerId":612345678901,"specId":"b266e0726506185beaf205cbae88530d","quantity":2}]`,
		},
		secret: "test_app_secret_0123456789abcdef", want: "B3A46F477583CA62A417EF812833BEFD91C5A9AF",
	},
	{
		name: "ozon V2", path: "param2/1/com.alibaba.trade/alibaba.createOrder.preview/1234567",
		params: map[string]string{
			"access_token":   "6100abcdef6100abcdef6100abcdef",
			"_aop_timestamp": "1728273600000",
			"flow":           "general",
			"addressParam":   `{"fullName":"李四","mobile":"13900139000","provinceText":"广东省","cityText":"深圳市","areaText":"南山区","address":"科技园路 1 号"}`,
			"cargoParamList": `[{"offerId":612345678902,"specId":"2ba3d63866a71fbae83909d9b4814f01","quantity":5}]`,
		},
		secret: "test_app_secret_0123456789abcdef", want: "92A5ABA99CC271C1DBF81FDB2EAD3052933C83D7",
	},
	{
		name: "ozon V3", path: "param2/1/com.alibaba.trade/alibaba.trade.getBuyerOrderList/1234567",
		params: map[string]string{
			"access_token": "tok-simple-0001", "createStartTime": "2026-10-01 00:00:00",
			"createEndTime": "2026-10-01 23:59:59", "isHis": "false", "orderStatus": "waitbuyerreceive",
			"page": "1", "pageSize": "50", "webSite": "1688",
		},
		secret: "test_app_secret_0123456789abcdef", want: "EC0BC1B49C629EDFD286D936EFC6E497D673EADA",
	},
	{
		// Empty values are signed; _aop_signature is not.
		name: "ozon V4 empty values", path: "param2/1/com.alibaba.logistics/alibaba.trade.getLogisticsInfos.buyerView/1234567",
		params: map[string]string{
			"access_token": "tok-simple-0002", "emptyVal": "", "orderId": "58218860983545944",
			"fields": "", "webSite": "1688", "_aop_signature": "SHOULD_BE_IGNORED",
		},
		secret: "test_app_secret_0123456789abcdef", want: "CE4D74D68081AECD6B36769CE5F4AB2FF643E7CE",
	},
	{
		name: "ozon V5 special characters", path: "param2/1/com.alibaba.trade/alibaba.trade.fastCreateOrder/1234567",
		params: map[string]string{
			"access_token": "tok", "message": `备注 & 带=号 还有空格 "引号"`,
			"nested": `{"k":"v&v"}`, "path": `a/b\c`,
		},
		secret: "test_app_secret_0123456789abcdef", want: "FC31C04F37FAE30F7B57482CB3340AB460E84378",
	},
	{
		name: "ozon V6", path: "param2/1/com.alibaba.trade/alibaba.trade.get.buyerView/1234567",
		params: map[string]string{
			"access_token": "tok-simple-0003", "includeFields": "NativeLogistics",
			"orderId": "58218860983545944", "webSite": "1688", "_aop_timestamp": "1728273600001",
		},
		secret: "test_app_secret_0123456789abcdef", want: "165519CCFC20E74B135CC0133C993AD279F1FD7E",
	},
	{
		// _aop_timestamp sorts before access_token: '_' < 'a'.
		name: "ref §2.4 keyword search", path: "param2/1/com.alibaba.fenxiao.crossborder/product.search.keywordQuery/1234567",
		params: map[string]string{
			"access_token": "TOKEN-abc", "_aop_timestamp": "1720000000000",
			"offerQueryParam": `{"keyword":"dress","beginPage":1,"pageSize":20,"country":"en"}`,
		},
		secret: "TESTSECRET", want: "F35B5D005C6A36C00F0F4A1637FA815FB58C1F56",
	},
	{
		// Prefix names: the k+v strings sort "ab0" < "az"; a key sort would
		// give F2D69742A8404FE0BDD926B0F714B2CDCF4945E3.
		name: "ref §2.4 prefix names", path: "param2/1/com.example/x.y/1234567",
		params: map[string]string{"a": "z", "ab": "0"}, secret: "TESTSECRET",
		want: "F282DB1DFD031A9220A430DBE9D23C6A15998E0C",
	},
}

func TestSignVectors(t *testing.T) {
	for _, v := range signVectors {
		t.Run(v.name, func(t *testing.T) {
			if got := Sign(v.path, v.params, v.secret); got != v.want {
				t.Errorf("Sign = %s, want %s", got, v.want)
			}
			// The test's own verifier must agree with the vectors too, or
			// it could not vouch for the client's requests.
			if got := independentSign(v.path, v.params, v.secret); got != v.want {
				t.Errorf("independent verifier = %s, want %s", got, v.want)
			}
		})
	}
}

func TestSignKeySortDiffers(t *testing.T) {
	got := Sign("param2/1/com.example/x.y/1234567", map[string]string{"a": "z", "ab": "0"}, "TESTSECRET")
	if got == "F2D69742A8404FE0BDD926B0F714B2CDCF4945E3" {
		t.Fatal("signed in key order; the official rule sorts the k+v strings")
	}
}

func TestSignParamsLegacyAuthorize(t *testing.T) {
	p := map[string]string{"client_id": "1234567", "site": "1688", "redirect_uri": "https://example.com/cb", "state": "xyz"}
	if got, want := SignParams(p, "TESTSECRET"), "539C330368487F1C507F7A45071E576DA30C4621"; got != want {
		t.Fatalf("SignParams = %s, want %s", got, want)
	}
}
