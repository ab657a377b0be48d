package xport

import (
	"context"
	"errors"
	"strings"
)

// ChatLink decrypts a seller's openUid into a ready chat URL [DOC:
// request {openUid, offerId (string)}, answer {"wangwangUrl": ...}]. 1688
// risk-controls this call: make it only when the user asks to chat.
func (c *Client) ChatLink(ctx context.Context, sellerOpenID, offerID string) (string, error) {
	if sellerOpenID == "" {
		return "", errors.New("this product carries no seller id to chat with")
	}
	body := map[string]string{"openUid": sellerOpenID, "offerId": offerID}
	var out struct {
		WangwangURL Text `json:"wangwangUrl"`
	}
	if _, err := c.call(ctx, EpIMDecrypt, body, &out); err != nil {
		return "", err
	}
	if out.WangwangURL == "" {
		return "", errors.New("Xportcn returned no chat link for this seller")
	}
	return string(out.WangwangURL), nil
}

// Address is a shipping address of the account. The fields are the
// sibling's addOrUpdate body [SIB] plus the codes a preview needs [INF].
type Address struct {
	ID           ID   `json:"id"`
	Name         Text `json:"name"`
	Phone        Text `json:"phone"`
	Province     Text `json:"province"`
	City         Text `json:"city"`
	District     Text `json:"district"`
	Town         Text `json:"town"`
	Address      Text `json:"address"`
	PostCode     Text `json:"postCode"`
	DistrictCode Text `json:"districtCode"`
	IsDefault    Bool `json:"isDefault"`
}

// Param turns an account address into the preview/create addressParam.
func (a Address) Param() AddressParam {
	return AddressParam{
		FullName:     string(a.Name),
		Mobile:       string(a.Phone),
		PostCode:     string(a.PostCode),
		ProvinceText: string(a.Province),
		CityText:     string(a.City),
		AreaText:     string(a.District),
		TownText:     string(a.Town),
		Address:      string(a.Address),
		DistrictCode: string(a.DistrictCode),
	}
}

// OneLine is the address as one line, for lists.
func (a Address) OneLine() string {
	parts := []string{string(a.Name), string(a.Phone), string(a.Province) + string(a.City) + string(a.District) + string(a.Town) + string(a.Address)}
	return strings.Join(parts, " ")
}

// Addresses lists the account's shipping addresses [INF path and body].
func (c *Client) Addresses(ctx context.Context) ([]Address, error) {
	var out []Address
	if _, err := c.call(ctx, EpAddressList, struct{}{}, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// SaveAddress adds (ID empty) or updates an address and returns its id.
// The sibling answers a bare {"code":0,"msg":...} [SIB]; an id in data is
// used when present. Never retried.
func (c *Client) SaveAddress(ctx context.Context, a Address) (string, error) {
	if strings.TrimSpace(string(a.Name)) == "" || strings.TrimSpace(string(a.Phone)) == "" || strings.TrimSpace(string(a.Address)) == "" {
		return "", errors.New("an address needs a recipient name, a phone number and a street address")
	}
	body := map[string]any{
		"name": a.Name, "phone": a.Phone, "province": a.Province, "city": a.City,
		"district": a.District, "town": a.Town, "address": a.Address,
		"postCode": a.PostCode, "districtCode": a.DistrictCode,
	}
	if a.ID != "" {
		body["id"] = NumID(a.ID)
	}
	var out struct {
		ID ID `json:"id"`
	}
	if _, err := c.call(ctx, EpAddressSave, body, &out); err != nil {
		return "", err
	}
	if out.ID != "" {
		return string(out.ID), nil
	}
	return string(a.ID), nil
}
