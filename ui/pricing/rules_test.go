package pricing

import (
	"strings"
	"testing"
)

// Every reason a quantity fails is said (issue 11: 999999 on a lot of 5
// with 22 in stock named only the lot).
func TestCheckAllSaysEveryReason(t *testing.T) {
	r := NewRules(5, 5, 5, 22, Mix{}, "红色", "")
	err := r.CheckAll(999999)
	if err == nil || !strings.Contains(err.Error(), "lot size 5") || !strings.Contains(err.Error(), "only 22 in stock") {
		t.Fatalf("%v", err)
	}
	if err := r.CheckAll(7); err == nil || strings.Contains(err.Error(), "stock") {
		t.Fatalf("7: %v", err)
	}
	if err := r.CheckAll(25); err == nil || !strings.Contains(err.Error(), "only 22 in stock") || strings.Contains(err.Error(), "lot size") {
		t.Fatalf("25: %v", err)
	}
	if err := r.CheckAll(10); err != nil {
		t.Fatalf("10: %v", err)
	}
}
