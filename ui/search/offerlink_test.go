package search

import (
	"fmt"
	"testing"

	"caigou/ui/common"
	"caigou/ui/uitest"
)

// A pasted offer link opens that product instead of searching for it.
func TestPastedOfferLinkOpensTheProduct(t *testing.T) {
	m, _ := newPage(t, 100, 30)
	m.input.SetValue("https://detail.1688.com/offer/610947572360.html?spm=abc")
	_, cmd := m.Update(uitest.Key("enter"))
	var pushed bool
	for _, msg := range uitest.Exec(t, cmd) {
		if _, ok := msg.(resultsMsg); ok {
			t.Fatal("a keyword search ran")
		}
		if p, ok := msg.(common.PushMsg); ok && fmt.Sprintf("%T", p.Page) == "*detail.Model" {
			pushed = true
		}
	}
	if !pushed || m.CapturesInput() {
		t.Fatalf("the product page was not opened (focused %v)", m.CapturesInput())
	}
}
