package sandbox

// Generate builds the marketplace from a seed. STUB: being written.
func Generate(seed int64, n int) *Catalogue {
	return &Catalogue{CategoryByID: map[string]*Category{}, OfferByID: map[string]*Offer{}, SellerByOpen: map[string]*Seller{}}
}
