package common

import "caigou/xport"

// ShippingAddress picks where goods go (and where freight is estimated
// to) from the account's addresses: the one the agent chose last (kept
// with the cart), else the one set in the config, else the account's
// default, else the first. Every screen asks here, so the product page's
// freight and the order agree.
func (c *Common) ShippingAddress(list []xport.Address) *xport.Address {
	var ids []string
	if c.Cart != nil {
		ids = append(ids, c.Cart.DefaultAddress())
	}
	ids = append(ids, c.Config.DefaultAddressID)
	for _, id := range ids {
		if id == "" {
			continue
		}
		for i := range list {
			if string(list[i].ID) == id {
				return &list[i]
			}
		}
	}
	for i := range list {
		if list[i].IsDefault {
			return &list[i]
		}
	}
	if len(list) > 0 {
		return &list[0]
	}
	return nil
}
