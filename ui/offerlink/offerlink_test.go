package offerlink

import "testing"

func TestOfferIDOf(t *testing.T) {
	for text, want := range map[string]string{
		"https://detail.1688.com/offer/610947572360.html":                                    "610947572360",
		"detail.1688.com/offer/610947572360.html?spm=a26352.13672862.offerlist.1&tracelog=x": "610947572360",
		"https://m.1688.com/offer/610947572360.html?sk=consign":                              "610947572360",
		"https://detail.m.1688.com/page/index.html?offerId=610947572360&sortType=":           "610947572360",
		"  610947572360 ": "610947572360",
	} {
		if got, ok := ID(text); !ok || got != want {
			t.Errorf("%q: %q %v, want %q", text, got, ok, want)
		}
	}
	for _, text := range []string{"连衣裙", "phone case 2024", "https://example.com/offer/610947572360.html", "12345", "https://s.1688.com/selloffer/offer_search.htm?keywords=abc", "https://evil1688.com/offer/610947572360.html"} {
		if got, ok := ID(text); ok {
			t.Errorf("%q read as offer %q", text, got)
		}
	}
}
