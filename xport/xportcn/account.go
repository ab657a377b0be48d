package xportcn

import (
	"context"
	"errors"
	"strings"

	"caigou/xport"
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
		WangwangURL xport.Text `json:"wangwangUrl"`
	}
	if _, err := c.call(ctx, xport.EpIMDecrypt, body, &out); err != nil {
		return "", err
	}
	if out.WangwangURL == "" {
		return "", errors.New("Xportcn returned no chat link for this seller")
	}
	return string(out.WangwangURL), nil
}

// Addresses lists the account's shipping addresses [INF path and body].
func (c *Client) Addresses(ctx context.Context) ([]xport.Address, error) {
	var out []xport.Address
	if _, err := c.call(ctx, xport.EpAddressList, struct{}{}, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// SaveAddress adds (ID empty) or updates an address and returns its id.
// The sibling answers a bare {"code":0,"msg":...} [SIB]; an id in data is
// used when present. Never retried.
func (c *Client) SaveAddress(ctx context.Context, a xport.Address) (string, error) {
	if strings.TrimSpace(string(a.Name)) == "" || strings.TrimSpace(string(a.Phone)) == "" || strings.TrimSpace(string(a.Address)) == "" {
		return "", errors.New("an address needs a recipient name, a phone number and a street address")
	}
	body := map[string]any{
		"name": a.Name, "phone": a.Phone, "province": a.Province, "city": a.City,
		"district": a.District, "town": a.Town, "address": a.Address,
		"postCode": a.PostCode, "districtCode": a.DistrictCode,
	}
	if a.ID != "" {
		body["id"] = xport.NumID(a.ID)
	}
	var out struct {
		ID xport.ID `json:"id"`
	}
	if _, err := c.call(ctx, xport.EpAddressSave, body, &out); err != nil {
		return "", err
	}
	if out.ID != "" {
		return string(out.ID), nil
	}
	return string(a.ID), nil
}
