package common

import (
	"caigou/ui/sanitize"
	"caigou/xport"
)

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

// AddressFallback says, in words, when the address remembered from the
// last order (or set in the config) is not among the account's addresses
// and ShippingAddress chose another: goods must never be sent elsewhere
// without the agent knowing. "" when the remembered one is there, or none
// was remembered.
func (c *Common) AddressFallback(list []xport.Address, chosen *xport.Address) string {
	var want, from string
	if c.Cart != nil && c.Cart.DefaultAddress() != "" {
		want, from = c.Cart.DefaultAddress(), "the address you used last"
	} else if c.Config.DefaultAddressID != "" {
		want, from = c.Config.DefaultAddressID, "default_address_id in the config"
	}
	if want == "" || (chosen != nil && string(chosen.ID) == want) {
		return ""
	}
	for i := range list {
		if string(list[i].ID) == want {
			return ""
		}
	}
	if chosen == nil {
		return "The shipping address of " + from + " (id " + want + ") is no longer on your account, and there is no other: add one."
	}
	return "The shipping address of " + from + " (id " + want + ") is no longer on your account: using " +
		sanitize.Line(string(chosen.Name)) + ", " + sanitize.Line(string(chosen.City)+" "+string(chosen.Address)) + " instead. Check it, or choose another with A."
}
