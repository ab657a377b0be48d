package xport

import (
	"strings"
)

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
