package xport

// Endpoint names one remote operation. The names are the keys of the
// [xport.paths] table in the config file.
type Endpoint string

// The endpoints caigou uses, rows 1-14 of the reference's table 0.2 (less the
// pool list, which the desk has no use for) and the two address endpoints.
const (
	EpKeywordSearch Endpoint = "keyword_search"
	EpImageSearch   Endpoint = "image_search"
	EpCategory      Endpoint = "category"
	EpProductDetail Endpoint = "product_detail"
	EpDetailMulti   Endpoint = "product_detail_multi"
	EpFreight       Endpoint = "freight_estimate"
	EpOrderPreview  Endpoint = "order_preview"
	EpOrderCreate   Endpoint = "order_create"
	EpOrderPay      Endpoint = "order_pay"
	EpOrderList     Endpoint = "order_list"
	EpOrderDetail   Endpoint = "order_detail"
	EpLogistics     Endpoint = "order_logistics"
	EpIMDecrypt     Endpoint = "im_decrypt"
	EpAddressList   Endpoint = "address_list"
	EpAddressSave   Endpoint = "address_save"
)
