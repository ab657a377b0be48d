package xportcn

import (
	"fmt"
	"sort"
	"strings"

	"caigou/xport"
)

// PathInfo describes where an endpoint lives and how sure we are of it.
type PathInfo struct {
	Path string
	// Inferred is true when no Xport page showed the path; see Note.
	Inferred bool
	Note     string
	// Write endpoints change state upstream and are never retried.
	Write bool
}

// DefaultPaths is the one table of endpoint paths. A path marked Inferred
// was never seen on an Xport page: it follows the naming pattern of its
// siblings (reference §0.2). A user whose account shows another path sets
// it under [xport.paths] instead of waiting for a rebuild.
func DefaultPaths() map[xport.Endpoint]PathInfo {
	return map[xport.Endpoint]PathInfo{
		// [DOC] path seen on api-350614857.
		xport.EpKeywordSearch: {Path: "/alibaba/ka/product/keywords/query", Note: "[DOC]"},
		// [INF] nav title only; sibling /alibaba/product/image/query.
		xport.EpImageSearch: {Path: "/alibaba/ka/product/image/query", Inferred: true, Note: "[INF] from the sibling /alibaba/product/image/query"},
		// [INF] nav shows /alibaba/ka/product/category... cut off.
		xport.EpCategory: {Path: "/alibaba/ka/product/category/get", Inferred: true, Note: "[INF] the nav shows only /alibaba/ka/product/category…"},
		// [INF] sibling /alibaba/product/detail/get.
		xport.EpProductDetail: {Path: "/alibaba/ka/product/detail/get", Inferred: true, Note: "[INF] from the sibling /alibaba/product/detail/get"},
		// [INF] title only (AlibabaProductDetailMulti).
		xport.EpDetailMulti: {Path: "/alibaba/ka/product/detail/multi", Inferred: true, Note: "[INF] title only"},
		// [INF] nav shows /alibaba/ka/product/freight/estimate... cut off.
		xport.EpFreight: {Path: "/alibaba/ka/product/freight/estimate", Inferred: true, Note: "[INF] the nav shows only /alibaba/ka/product/freight/estimate…"},
		// [DOC] api-338074941, full example.
		xport.EpOrderPreview: {Path: "/alibaba/ka/order/create/preview", Note: "[DOC]"},
		// [DOC] api-338074942.
		xport.EpOrderCreate: {Path: "/alibaba/ka/order/create", Note: "[DOC]", Write: true},
		// [DOC] api-454827975, path only.
		xport.EpOrderPay: {Path: "/alibaba/ka/order/pay", Note: "[DOC] path; body [INF]", Write: true},
		// [INF] nav title "Order list".
		xport.EpOrderList: {Path: "/alibaba/ka/order/list", Inferred: true, Note: "[INF] nav title only"},
		// [INF] nav title "Get order details".
		xport.EpOrderDetail: {Path: "/alibaba/ka/order/detail", Inferred: true, Note: "[INF] nav title only"},
		// [INF] nav shows /alibaba/ka/order/logistics... cut off.
		xport.EpLogistics: {Path: "/alibaba/ka/order/logistics", Inferred: true, Note: "[INF] the nav shows only /alibaba/ka/order/logistics…"},
		// [DOC] api-450929250, full example.
		xport.EpIMDecrypt: {Path: "/alibaba/ka/im/openuid/decrypt", Note: "[DOC]"},
		// [INF] "Get user address information": title only.
		xport.EpAddressList: {Path: "/open/address/list", Inferred: true, Note: "[INF] title only"},
		// [INF] sibling /v2/open/address/addOrUpdate.
		xport.EpAddressSave: {Path: "/open/address/addOrUpdate", Inferred: true, Note: "[INF] from the sibling /v2/open/address/addOrUpdate", Write: true},
	}
}

// Endpoints lists every endpoint name in a stable order.
func Endpoints() []xport.Endpoint {
	var out []xport.Endpoint
	for ep := range DefaultPaths() {
		out = append(out, ep)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// resolvePaths applies the config's overrides to the defaults. An unknown
// endpoint name or a path that does not start with "/" is an error naming
// the key, so a typo is not silently ignored.
func resolvePaths(overrides map[string]string) (map[xport.Endpoint]PathInfo, error) {
	paths := DefaultPaths()
	for name, p := range overrides {
		info, ok := paths[xport.Endpoint(name)]
		if !ok {
			var names []string
			for _, ep := range Endpoints() {
				names = append(names, string(ep))
			}
			return nil, fmt.Errorf("[xport.paths] %q is not an endpoint; the names are: %s", name, strings.Join(names, ", "))
		}
		p = strings.TrimSpace(p)
		if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, " ?#") {
			return nil, fmt.Errorf("[xport.paths] %s = %q: a path starts with / and has no spaces, ? or #", name, p)
		}
		info.Path = p
		info.Inferred = false
		info.Note = "set in the config file"
		paths[xport.Endpoint(name)] = info
	}
	return paths, nil
}
