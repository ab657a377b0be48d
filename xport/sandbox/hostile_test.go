package sandbox

import (
	"cmp"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// These tests make sure the hostile marketplace really is hostile: the
// end-to-end test that drives the desk over it proves nothing if the
// attacks never reached the wire.

// untaint removes every attack from s, longest first so that a short one
// (BEL) is not taken out of the middle of a long one (an OSC title).
func untaint(s string) string {
	attacks := HostileAttacks()
	slices.SortFunc(attacks, func(a, b HostileAttack) int { return cmp.Compare(len(b.Seq), len(a.Seq)) })
	for _, a := range attacks {
		s = strings.ReplaceAll(s, a.Seq, "")
	}
	return s
}

// checkTainted fails unless s carries every attack and is clean once they
// are removed: the words the seller wrote are all still there, in order.
func checkTainted(t *testing.T, what, s, clean string) {
	t.Helper()
	for _, a := range HostileAttacks() {
		if !strings.Contains(s, a.Seq) {
			t.Fatalf("%s %q lacks the %s attack", what, s, a.Kind)
		}
	}
	if got := untaint(s); got != clean {
		t.Fatalf("%s: without the attacks it reads %q, want %q", what, got, clean)
	}
}

func TestHostileCatalogueCarriesEveryAttack(t *testing.T) {
	hostile := New(Options{Seed: 1, Hostile: true}).Catalogue()
	clean := New(Options{Seed: 1}).Catalogue()
	if !reflect.DeepEqual(hostile, New(Options{Seed: 1, Hostile: true}).Catalogue()) {
		t.Fatal("the hostile catalogue is not deterministic")
	}
	if !reflect.DeepEqual(clean, Generate(1, 360)) {
		t.Fatal("Hostile false changed the catalogue")
	}
	if len(hostile.Offers) != len(clean.Offers) || len(hostile.Sellers) != len(clean.Sellers) {
		t.Fatal("the hostile catalogue has other offers or sellers")
	}
	for i, o := range hostile.Offers {
		c := clean.Offers[i]
		checkTainted(t, "offer "+o.ID+" subject", o.Subject, c.Subject)
		checkTainted(t, "offer "+o.ID+" subjectTrans", o.SubjectEN, c.SubjectEN)
		for j, a := range o.Attrs {
			checkTainted(t, "offer "+o.ID+" attribute "+a.ID, a.Value, c.Attrs[j].Value)
			checkTainted(t, "offer "+o.ID+" attribute "+a.ID+" (en)", a.ValueEN, c.Attrs[j].ValueEN)
		}
		for j, ax := range o.Axes {
			for k, v := range ax.Values {
				checkTainted(t, "offer "+o.ID+" axis "+ax.ID, v.Value, c.Axes[j].Values[k].Value)
				checkTainted(t, "offer "+o.ID+" axis "+ax.ID+" (en)", v.ValueEN, c.Axes[j].Values[k].ValueEN)
			}
		}
		// What the desk orders and prices by must stay clean.
		if o.ID != c.ID || o.Category.Name != c.Category.Name || !reflect.DeepEqual(o.SKUs, c.SKUs) || !reflect.DeepEqual(o.Tiers, c.Tiers) {
			t.Fatalf("offer %s: ids, categories, SKUs or prices changed", o.ID)
		}
	}
	for i, s := range hostile.Sellers {
		c := clean.Sellers[i]
		checkTainted(t, "seller "+s.OpenID+" company", s.Company, c.Company)
		checkTainted(t, "seller "+s.OpenID+" company (en)", s.CompanyEN, c.CompanyEN)
		checkTainted(t, "seller "+s.OpenID+" nick", s.Wangwang, c.Wangwang)
	}
}

// The attacks must survive the wire (JSON escapes NUL and the C1 code
// points, the client unescapes them) and the search must still find what
// it found in the clean marketplace.
func TestHostileSearchAndChatLinkCarryTheAttacks(t *testing.T) {
	hostile, clean := New(Options{Seed: 1, Hostile: true}), New(Options{Seed: 1})
	search := func(s *Server) (ids []string, raw string) {
		t.Helper()
		out, e := s.handleKeywordSearch(nil, []byte(`{"keyword":"连衣裙","beginPage":1,"pageSize":20}`))
		if e != nil {
			t.Fatal(e.Msg)
		}
		b, err := json.Marshal(out)
		if err != nil {
			t.Fatal(err)
		}
		var page struct {
			Data []struct {
				OfferID json.Number `json:"offerId"`
				Subject string      `json:"subject"`
			} `json:"data"`
		}
		if err := json.Unmarshal(b, &page); err != nil {
			t.Fatal(err)
		}
		for _, c := range page.Data {
			ids = append(ids, c.OfferID.String())
			raw += c.Subject
		}
		return ids, raw
	}
	hIDs, hRaw := search(hostile)
	cIDs, _ := search(clean)
	if len(hIDs) == 0 || !slices.Equal(hIDs, cIDs) {
		t.Fatalf("连衣裙 finds %v in the hostile marketplace, %v in the clean one", hIDs, cIDs)
	}
	for _, a := range HostileAttacks() {
		if !strings.Contains(hRaw, a.Seq) {
			t.Fatalf("the search answer lost the %s attack on the wire", a.Kind)
		}
	}

	seller := hostile.cat.Sellers[0]
	out, e := hostile.handleIMDecrypt(nil, []byte(`{"openUid":"`+seller.OpenID+`","offerId":"100000000001"}`))
	if e != nil {
		t.Fatal(e.Msg)
	}
	link := out.(map[string]string)["wangwangUrl"]
	for _, a := range HostileAttacks() {
		if !strings.Contains(link, a.Seq) {
			t.Fatalf("the chat link lacks the %s attack: %q", a.Kind, link)
		}
	}
}

func TestHostileRemarksCarryEveryAttack(t *testing.T) {
	start := time.Date(2026, 5, 20, 10, 0, 0, 0, orderZone)
	parcel := func(hostile bool) ordParcel {
		s := New(Options{Seed: 1, Offers: 1, Hostile: hostile, Clock: func() time.Time { return start }})
		o := &bookOrder{ID: "9000000000000000001", Seller: s.cat.Sellers[0],
			Address: ordAddressIn{FullName: "陈志强", ProvinceText: "广东省", CityText: "广州市", AreaText: "白云区"}}
		return s.orders.makeParcel(o, 0, start)
	}
	hostile, clean := parcel(true), parcel(false)
	if len(hostile.Steps) != len(clean.Steps) || len(hostile.Steps) < 5 {
		t.Fatalf("%d hostile steps, %d clean", len(hostile.Steps), len(clean.Steps))
	}
	for i, st := range hostile.Steps {
		checkTainted(t, "logistics step "+st.Node, st.Remark, clean.Steps[i].Remark)
	}
}
