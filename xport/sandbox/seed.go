package sandbox

import (
	"fmt"
	"time"

	"caigou/xport"
)

// SeedOrders places n paid orders on the sandbox account directly, without
// the API, as if they had been made days ago: the demo `caigou check
// --demo --deep` has orders, details and traces to read, and the check
// itself still writes nothing through the API. It returns how many it
// placed (fewer when the catalogue has no more orderable offers).
func (s *Server) SeedOrders(n int) int {
	now := s.Now()
	var addr ordAddressIn
	s.book.mu.Lock()
	if len(s.book.list) > 0 {
		a := s.book.list[0]
		addr = ordAddressIn{FullName: xport.Text(a.Name), Mobile: xport.Text(a.Phone), PostCode: xport.Text(a.PostCode),
			ProvinceText: xport.Text(a.Province), CityText: xport.Text(a.City), AreaText: xport.Text(a.District),
			TownText: xport.Text(a.Town), Address: xport.Text(a.Address), DistrictCode: xport.Text(a.DistrictCode)}
	}
	s.book.mu.Unlock()
	placed := 0
	for _, o := range s.cat.Offers {
		if placed >= n {
			break
		}
		if !o.Sellable() || o.Seller == nil || o.Seller.NeedsConsign || o.Seller.Mix.Enabled {
			continue
		}
		qty := o.MOQ
		if len(o.Tiers) > 0 && o.Tiers[0].Start > qty {
			qty = roundUp(o.Tiers[0].Start, max(o.Batch, 1))
		}
		var sku *SKU
		for _, k := range o.SKUs {
			if k.Stock >= qty && k.Price > 0 {
				sku = k
				break
			}
		}
		if sku == nil {
			continue
		}
		// Days ago, so the seller has shipped and the trace has steps.
		made := now.Add(-time.Duration(3+placed) * 24 * time.Hour)
		in := &ordRequest{Address: addr, Cargo: []ordCargoIn{{OfferID: xport.ID(o.ID), SpecID: xport.Text(sku.SpecID), Quantity: xport.Int(qty)}}}
		ans, e := s.orders.commit(in, fmt.Sprintf("cg-demo-seed-%d", placed+1), made)
		if e != nil || ans == nil {
			continue
		}
		s.orders.mu.Lock()
		for _, bo := range s.orders.orders {
			if bo.OutOrderID == fmt.Sprintf("cg-demo-seed-%d", placed+1) && bo.Paid.IsZero() {
				bo.Paid = made.Add(time.Hour)
				bo.Parcels = s.orders.plan(bo)
			}
		}
		s.orders.mu.Unlock()
		placed++
	}
	return placed
}
