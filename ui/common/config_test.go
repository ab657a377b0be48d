package common

import (
	"strings"
	"testing"
	"time"
)

// Values that can never work are refused with the key, all at once.
func TestConfigSaysEveryProblem(t *testing.T) {
	err := Config{PageSize: -5, OrdersRefresh: time.Second, DisplayRate: "0.138"}.Validate()
	if err == nil {
		t.Fatal("accepted")
	}
	for _, w := range []string{"page_size = -5", "orders_refresh = 1s", "display_currency and display_rate go together"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("lacks %q: %v", w, err)
		}
	}
	if err := (Config{PageSize: 50}).Validate(); err != nil {
		t.Errorf("page_size 50: %v", err)
	}
}
