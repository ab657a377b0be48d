package cli

import (
	"strings"
	"testing"
)

func TestRateCard(t *testing.T) {
	good := FreightConfig{Channel: []ChannelConfig{{Name: "Air", Minimum: "50", Band: []BandConfig{{UpToKg: "21", PerKg: "45.00"}, {PerKg: "38"}}}}}
	card, err := good.RateCard()
	if err != nil {
		t.Fatal(err)
	}
	ch := card.Channels[0]
	if ch.Minimum != 5000 || ch.Bands[0].UpToGrams != 21000 || ch.Bands[0].FenPerKilo != 4500 || ch.Bands[1].UpToGrams != 0 {
		t.Fatalf("read as %+v", ch)
	}
	bad := FreightConfig{Divisor: 50, Channel: []ChannelConfig{
		{Band: []BandConfig{{PerKg: "x"}}},
		{Name: "Sea", Band: []BandConfig{{PerKg: "12"}, {UpToKg: "10", PerKg: "11"}}},
		{Name: "Rail", Minimum: "-1"},
	}}
	_, err = bad.RateCard()
	for _, want := range []string{"divisor = 50", "name = \"…\" is missing", `per_kg = "x"`, "only the last band may be open-ended", `minimum = "-1"`, `"Rail") has no price`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("want %q in %v", want, err)
		}
	}
}
