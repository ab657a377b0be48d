package cart

import (
	"errors"
	"fmt"
	"reflect"
	"time"

	"caigou/ui/pricing"
	"caigou/xport"
)

// formatVersion is the version of cart.json's layout, which older
// versions kept the cart in and which is imported once. A reader refuses a
// higher one instead of dropping fields it does not know.
const formatVersion = 1

// cartDoc is cart.json, as older versions wrote it. The on-disk names are spelled out here, apart
// from Line, so renaming a Go field cannot silently empty users' carts;
// money is integer fen, as everywhere.
type cartDoc struct {
	Version  int               `json:"version"`
	Lines    []lineRecord      `json:"lines"`
	Messages map[string]string `json:"messages,omitempty"`
}

type lineRecord struct {
	OfferID      string       `json:"offer_id"`
	SpecID       string       `json:"spec_id,omitempty"`
	SkuID        string       `json:"sku_id,omitempty"`
	Title        string       `json:"title,omitempty"`
	TitleZH      string       `json:"title_zh,omitempty"`
	SKUDesc      string       `json:"sku_desc,omitempty"`
	Quantity     int64        `json:"quantity"`
	UnitPriceFen int64        `json:"unit_price_fen"`
	SellerOpenID string       `json:"seller_open_id"`
	SellerName   string       `json:"seller_name,omitempty"`
	MOQ          int64        `json:"moq,omitempty"`
	Batch        int64        `json:"batch,omitempty"`
	QuoteType    int64        `json:"quote_type"`
	Tiers        []tierRecord `json:"tiers,omitempty"`
	SKUPriceFen  int64        `json:"sku_price_fen,omitempty"`
	Stock        int64        `json:"stock"`
	Mix          *mixRecord   `json:"mix,omitempty"`
	Unit         string       `json:"unit,omitempty"`
	AddedAt      time.Time    `json:"added_at,omitzero"`
}

type tierRecord struct {
	Start    int64 `json:"start"`
	PriceFen int64 `json:"price_fen"`
}

type mixRecord struct {
	Enabled   bool  `json:"enabled"`
	Number    int64 `json:"number,omitempty"`
	AmountFen int64 `json:"amount_fen,omitempty"`
}

type prefsDoc struct {
	Version          int    `json:"version"`
	DefaultAddressID string `json:"default_address_id,omitempty"`
}

// recordOf is a line as it is stored.
func recordOf(l *Line) lineRecord {
	r := lineRecord{
		OfferID: l.OfferID, SpecID: l.SpecID, SkuID: l.SkuID,
		Title: l.Title, TitleZH: l.TitleZH, SKUDesc: l.SKUDesc,
		Quantity: l.Quantity, UnitPriceFen: int64(l.UnitPrice),
		SellerOpenID: l.SellerOpenID, SellerName: l.SellerName,
		MOQ: l.MOQ, Batch: l.Batch, QuoteType: l.QuoteType,
		SKUPriceFen: int64(l.SKUPrice), Stock: l.Stock, Unit: l.Unit, AddedAt: l.AddedAt,
	}
	for _, t := range l.Tiers {
		r.Tiers = append(r.Tiers, tierRecord{Start: t.Start, PriceFen: int64(t.Price)})
	}
	if l.Mix != (pricing.Mix{}) {
		r.Mix = &mixRecord{Enabled: l.Mix.Enabled, Number: l.Mix.Number, AmountFen: int64(l.Mix.Amount)}
	}
	return r
}

// line is the stored line as the cart holds it.
func (r *lineRecord) line() Line {
	l := Line{
		OfferID: r.OfferID, SpecID: r.SpecID, SkuID: r.SkuID,
		Title: r.Title, TitleZH: r.TitleZH, SKUDesc: r.SKUDesc,
		Quantity: r.Quantity, UnitPrice: xport.Fen(r.UnitPriceFen),
		SellerOpenID: r.SellerOpenID, SellerName: r.SellerName,
		MOQ: r.MOQ, Batch: r.Batch, QuoteType: r.QuoteType,
		SKUPrice: xport.Fen(r.SKUPriceFen), Stock: r.Stock, Unit: r.Unit, AddedAt: r.AddedAt,
	}
	for _, t := range r.Tiers {
		l.Tiers = append(l.Tiers, pricing.Tier{Start: t.Start, Price: xport.Fen(t.PriceFen)})
	}
	if r.Mix != nil {
		l.Mix = pricing.Mix{Enabled: r.Mix.Enabled, Number: r.Mix.Number, Amount: xport.Fen(r.Mix.AmountFen)}
	}
	return l
}

// check refuses a line no caigou would write: a reader that kept it
// would order what nobody chose.
func (r *lineRecord) check() error {
	switch {
	case r.OfferID == "":
		return errors.New("it has no offer id")
	case r.Quantity <= 0:
		return fmt.Errorf("it has quantity %d", r.Quantity)
	case r.UnitPriceFen < 0 || r.SKUPriceFen < 0:
		return errors.New("it has a negative price")
	}
	return nil
}

func (d *cartDoc) contents() contents {
	c := contents{messages: d.Messages}
	for i := range d.Lines {
		c.lines = append(c.lines, d.Lines[i].line())
	}
	c.tidy()
	return c
}

// check refuses a file no caigou would write: a reader that kept such
// lines would order what nobody chose.
func (d *cartDoc) check() error {
	if d.Version < 1 {
		return errors.New("no version: not a caigou cart file")
	}
	seen := map[Key]bool{}
	for i := range d.Lines {
		r := &d.Lines[i]
		k := Key{r.OfferID, r.SpecID}
		if err := r.check(); err != nil {
			return fmt.Errorf("line %d: %w", i+1, err)
		}
		if seen[k] {
			return fmt.Errorf("line %d repeats offer %s", i+1, r.OfferID)
		}
		seen[k] = true
	}
	for s, m := range d.Messages {
		if n := len([]rune(m)); n > MaxMessage {
			return fmt.Errorf("the message to seller %s is too long: %w", s, errTooLong(n))
		}
	}
	return nil
}

// equalContents is reflect.DeepEqual of the two, empty and nil alike at
// the top, written out: it runs on every change and reload, and the
// reflection cost grew with the cart.
func equalContents(a, b contents) bool {
	if len(a.lines) != len(b.lines) || len(a.messages) != len(b.messages) {
		return false
	}
	for i := range a.lines {
		if !equalLine(&a.lines[i], &b.lines[i]) {
			return false
		}
	}
	for k, v := range a.messages {
		if w, ok := b.messages[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// equalLine is reflect.DeepEqual of two lines.
func equalLine(a, b *Line) bool {
	if a.OfferID != b.OfferID || a.SpecID != b.SpecID || a.SkuID != b.SkuID ||
		a.Title != b.Title || a.TitleZH != b.TitleZH || a.SKUDesc != b.SKUDesc ||
		a.Quantity != b.Quantity || a.UnitPrice != b.UnitPrice ||
		a.SellerOpenID != b.SellerOpenID || a.SellerName != b.SellerName ||
		a.MOQ != b.MOQ || a.Batch != b.Batch || a.QuoteType != b.QuoteType ||
		a.SKUPrice != b.SKUPrice || a.Stock != b.Stock || a.Mix != b.Mix || a.Unit != b.Unit {
		return false
	}
	// DeepEqual tells a nil slice from an empty one.
	if len(a.Tiers) != len(b.Tiers) || (a.Tiers == nil) != (b.Tiers == nil) {
		return false
	}
	for i := range a.Tiers {
		if a.Tiers[i] != b.Tiers[i] {
			return false
		}
	}
	// == on times is DeepEqual when it holds (same location pointer);
	// otherwise the locations are compared as DeepEqual does.
	return a.AddedAt == b.AddedAt || reflect.DeepEqual(a.AddedAt, b.AddedAt)
}
