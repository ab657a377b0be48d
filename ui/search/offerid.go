package search

// OfferIDFrom reads an offer id out of a bare id or a 1688 offer link
// (detail.1688.com/offer/ID.html, m.1688.com/offer/ID.html, a link that
// names it as offerId=), exactly as the search box does when a link is
// pasted into it; ok is false for anything else. It is for the scripting
// commands (`caigou offer ID|LINK`), so both read links the same way.
// Clean text first (sanitize.Line), as the search box does.
func OfferIDFrom(text string) (string, bool) { return offerIDOf(text) }
