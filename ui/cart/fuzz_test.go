package cart

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzOldCart: an old cart.json that decodes and passes the check gives
// only lines that could be ordered (an offer, a quantity above zero, no
// negative price, no repeat), never a panic.
func FuzzOldCart(f *testing.F) {
	f.Add([]byte(oldCart))
	f.Add([]byte(`{"version":1,"lines":[{"offer_id":"1","quantity":0}]}`))
	f.Add([]byte(`{"version":1,"lines":[{"offer_id":"1","quantity":2,"tiers":[{"start":1,"price_fen":-5}]}],"messages":{"s":"x"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var d cartDoc
		if json.NewDecoder(bytes.NewReader(data)).Decode(&d) != nil || d.check() != nil {
			return
		}
		c := d.contents()
		seen := map[Key]bool{}
		for _, l := range c.lines {
			if l.OfferID == "" || l.Quantity <= 0 || l.SKUPrice < 0 || seen[l.Key()] {
				t.Fatalf("a line that cannot be ordered passed: %+v", l)
			}
			seen[l.Key()] = true
		}
	})
}

// FuzzLineBody: a stored line's body is read back as it was written, and
// one no caigou wrote is refused or read without a panic.
func FuzzLineBody(f *testing.F) {
	b, _ := json.Marshal(recordOf(&Line{OfferID: "1", Quantity: 2, UnitPrice: 100}))
	f.Add(b)
	f.Add([]byte(`{"offer_id":"1","quantity":3,"mix":{"enabled":true,"number":2}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var r lineRecord
		if json.Unmarshal(data, &r) != nil || r.check() != nil {
			return
		}
		l := r.line()
		again, err := json.Marshal(recordOf(&l))
		if err != nil {
			t.Fatal(err)
		}
		var r2 lineRecord
		if err := json.Unmarshal(again, &r2); err != nil {
			t.Fatal(err)
		}
		l2 := r2.line()
		if l.AddedAt.Equal(l2.AddedAt) {
			l2.AddedAt = l.AddedAt // the same instant, perhaps another zone
		}
		if !equalLine(&l, &l2) {
			t.Fatalf("a line does not survive its own storage:\n%+v\n%+v", l, l2)
		}
	})
}
