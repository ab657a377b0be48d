package checkout

import (
	"strings"
	"testing"

	"caigou/ui/sanitize"
)

// The SKU is what tells sizes S and M of one dress apart: the title is
// cut first, so the SKU shows at 80 columns (issue 11).
func TestLineTitleKeepsTheSKU(t *testing.T) {
	title := "Autumn Winter New Slimming Chiffon Slip Dress Women's Long Skirt"
	for _, w := range []int{20, 30, 48} {
		for _, sku := range []string{"S", "红色 / M", "藏青色 / XXL 加长版"} {
			got := lineTitle(title, "", sku, w)
			if sanitize.Width(got) > w {
				t.Errorf("%d cells, %q: %q is %d wide", w, sku, got, sanitize.Width(got))
			}
			if sanitize.Width(" ("+sku+")") <= w/2 && !strings.HasSuffix(got, " ("+sku+")") {
				t.Errorf("%d cells: %q lost the SKU %q", w, got, sku)
			}
		}
	}
	if got := lineTitle("Short", "", "M", 48); got != "Short (M)" {
		t.Errorf("%q", got)
	}
}
