package sandbox

import (
	"crypto/md5"
	"encoding/hex"
	"strings"

	"caigou/xport"
)

// kaRoute is where the KA gateway serves one endpoint.
type kaRoute struct {
	path  string
	write bool
}

// kaRoutes is the sandbox's own reading of the reference's path table
// (xport-api.md §0.2), kept apart from the client's: the paths tagged
// [INF] there are guesses, and a client that guesses differently from the
// sandbox must meet a 404 here just as it would upstream. A Dialect moves
// a path further (Dialect.path).
func kaRoutes() map[xport.Endpoint]kaRoute {
	return map[xport.Endpoint]kaRoute{
		xport.EpKeywordSearch: {path: "/alibaba/ka/product/keywords/query"},
		xport.EpImageSearch:   {path: "/alibaba/ka/product/image/query"},
		xport.EpCategory:      {path: "/alibaba/ka/product/category/get"},
		xport.EpProductDetail: {path: "/alibaba/ka/product/detail/get"},
		xport.EpDetailMulti:   {path: "/alibaba/ka/product/detail/multi"},
		xport.EpFreight:       {path: "/alibaba/ka/product/freight/estimate"},
		xport.EpOrderPreview:  {path: "/alibaba/ka/order/create/preview"},
		xport.EpOrderCreate:   {path: "/alibaba/ka/order/create", write: true},
		xport.EpOrderPay:      {path: "/alibaba/ka/order/pay", write: true},
		xport.EpOrderList:     {path: "/alibaba/ka/order/list"},
		xport.EpOrderDetail:   {path: "/alibaba/ka/order/detail"},
		xport.EpLogistics:     {path: "/alibaba/ka/order/logistics"},
		xport.EpIMDecrypt:     {path: "/alibaba/ka/im/openuid/decrypt"},
		xport.EpAddressList:   {path: "/open/address/list"},
		xport.EpAddressSave:   {path: "/open/address/addOrUpdate", write: true},
	}
}

// KAPath is the path (below the base URL) at which the KA sandbox
// answers ep with no dialect, for tests that speak to it by hand.
func KAPath(ep xport.Endpoint) string { return kaRoutes()[ep].path }

// kaSign is the KA signature of reference §2.3, written here from the
// reference and not taken from the client, so a client that signs wrongly
// is refused: UPPER(HEX(MD5(accessKey + timestamp + nonce + secret))).
func kaSign(accessKey, timestamp, nonce, secret string) string {
	sum := md5.Sum([]byte(accessKey + timestamp + nonce + secret))
	return strings.ToUpper(hex.EncodeToString(sum[:]))
}
