package ali1688

import (
	"context"
	"encoding/json"
	"errors"
	"strings"

	"caigou/xport"
)

const (
	nsTrade           = "com.alibaba.trade"
	apiReceiveAddress = "alibaba.trade.receiveAddress.get"
)

// receiveAddress is one receiveAddressItems entry (ref §4.13 [DOC]).
type receiveAddress struct {
	ID              xport.ID   `json:"id"`
	FullName        xport.Text `json:"fullName"`
	Address         xport.Text `json:"address"`
	Post            xport.Text `json:"post"`
	Phone           xport.Text `json:"phone"`
	MobilePhone     xport.Text `json:"mobilePhone"`
	AddressCode     xport.Text `json:"addressCode"`
	AddressCodeText xport.Text `json:"addressCodeText"`
	IsDefault       xport.Bool `json:"isDefault"`
	TownCode        xport.Text `json:"townCode"`
	TownName        xport.Text `json:"townName"`
}

// Addresses lists the buyer's receiving addresses (ref §4.13). 1688 has no
// address write API in this set (ref §7.1 row 19-20), so SaveAddress
// answers ErrNotAvailable; new addresses are typed inline into an order.
func (c *Client) Addresses(ctx context.Context) ([]xport.Address, error) {
	var raw json.RawMessage
	if _, err := c.call(ctx, nsTrade, apiReceiveAddress, nil, callOpts{needToken: true, emptyOK: true}, &raw); err != nil {
		return nil, err
	}
	if isNull(raw) {
		return nil, nil
	}
	out, err := decodeAddresses(raw)
	if err != nil {
		return nil, readErr(nsTrade+":"+apiReceiveAddress, raw, err)
	}
	return out, nil
}

// decodeAddresses reads {receiveAddressItems:[…]} into the desk's
// addresses, one item at a time: an odd value costs that field, an item
// that is not an object is skipped. Mapping:
//   - id → ID (the addressId preview and create accept, ref §4.13);
//   - fullName → Name; mobilePhone → Phone, or phone when there is no
//     mobile [INF: the desk keeps one number, and a mobile is what
//     couriers call];
//   - address → Address; post → PostCode; addressCode → DistrictCode;
//   - addressCodeText → Province, City, District [INF: read as the
//     region names separated by spaces, "浙江省 杭州市 滨江区"; when it
//     does not split into three, the whole text goes to Province so
//     nothing is lost];
//   - townName → Town (townCode has no place in the desk's Address);
//   - isDefault → IsDefault.
func decodeAddresses(raw []byte) ([]xport.Address, error) {
	var wrap struct {
		Items json.RawMessage `json:"receiveAddressItems"`
	}
	if !isObject(raw) || json.Unmarshal(raw, &wrap) != nil {
		return nil, errors.New("the address list is not an object")
	}
	if isNull(wrap.Items) {
		return nil, nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(wrap.Items, &items); err != nil {
		return nil, errors.New("the address list is not a list")
	}
	out := make([]xport.Address, 0, len(items))
	for _, it := range items {
		if !isObject(it) {
			continue
		}
		var r receiveAddress
		if json.Unmarshal(it, &r) != nil {
			r = receiveAddress{}
			if _, err := xport.DecodeLenient(it, &r); err != nil {
				continue
			}
		}
		a := xport.Address{
			ID: r.ID, Name: r.FullName, Phone: r.MobilePhone, Address: r.Address,
			PostCode: r.Post, DistrictCode: r.AddressCode, Town: r.TownName, IsDefault: r.IsDefault,
		}
		if strings.TrimSpace(string(a.Phone)) == "" {
			a.Phone = r.Phone
		}
		if parts := strings.Fields(string(r.AddressCodeText)); len(parts) == 3 {
			a.Province, a.City, a.District = xport.Text(parts[0]), xport.Text(parts[1]), xport.Text(parts[2])
		} else {
			a.Province = xport.Text(strings.TrimSpace(string(r.AddressCodeText)))
		}
		out = append(out, a)
	}
	return out, nil
}
