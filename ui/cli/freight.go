package cli

import (
	"errors"
	"fmt"
	"strings"

	"caigou/ui/sourcing"
	"caigou/xport"
)

// FreightConfig is the [freight] section: the agent's international
// freight rate card, for the landed cost of the sourcing comparison.
//
//	[freight]
//	divisor = 5000            # cm³ per kg, for the volumetric weight
//	[[freight.channel]]
//	name = "Air"
//	minimum = "50.00"         # yuan
//	[[freight.channel.band]]
//	up_to_kg = "21"
//	per_kg = "45.00"
//	[[freight.channel.band]]
//	per_kg = "38.00"          # no up_to_kg: everything heavier
type FreightConfig struct {
	Divisor int64           `toml:"divisor"`
	Channel []ChannelConfig `toml:"channel"`
}

// ChannelConfig is one [[freight.channel]].
type ChannelConfig struct {
	Name    string       `toml:"name"`
	Minimum string       `toml:"minimum"`
	Band    []BandConfig `toml:"band"`
}

// BandConfig is one [[freight.channel.band]].
type BandConfig struct {
	UpToKg string `toml:"up_to_kg"`
	PerKg  string `toml:"per_kg"`
}

// RateCard checks the section and turns it into fen and grams; every
// problem is said at once, with the channel it is in.
func (f FreightConfig) RateCard() (sourcing.RateCard, error) {
	var errs []error
	card := sourcing.RateCard{Divisor: f.Divisor}
	if f.Divisor < 0 || (f.Divisor > 0 && f.Divisor < 1000) {
		errs = append(errs, fmt.Errorf("[freight] divisor = %d: carriers use 5000 or 6000 cm³ per kg (leave it out for 5000)", f.Divisor))
	}
	for i, ch := range f.Channel {
		name := strings.TrimSpace(ch.Name)
		where := fmt.Sprintf("[freight.channel] %d", i+1)
		if name != "" {
			where += fmt.Sprintf(" (%q)", name)
		} else {
			errs = append(errs, fmt.Errorf("%s: name = \"…\" is missing", where))
		}
		c := sourcing.Channel{Name: name}
		if ch.Minimum != "" {
			m, err := xport.ParseYuan(ch.Minimum)
			if err != nil || m < 0 {
				errs = append(errs, fmt.Errorf("%s: minimum = %q is not an amount in yuan like \"50.00\"", where, ch.Minimum))
			}
			c.Minimum = m
		}
		if len(ch.Band) == 0 {
			errs = append(errs, fmt.Errorf("%s has no price: add [[freight.channel.band]] with per_kg = \"45.00\"", where))
		}
		var last int64
		for j, b := range ch.Band {
			per, err := xport.ParseYuan(b.PerKg)
			if err != nil || per <= 0 {
				errs = append(errs, fmt.Errorf("%s band %d: per_kg = %q is not a price per kg in yuan like \"45.00\"", where, j+1, b.PerKg))
			}
			var upTo int64
			if b.UpToKg != "" {
				g, err := xport.ParseYuan(b.UpToKg) // two decimals: to the 10 g
				if err != nil || g <= 0 {
					errs = append(errs, fmt.Errorf("%s band %d: up_to_kg = %q is not a weight in kg like \"21\"", where, j+1, b.UpToKg))
				}
				upTo = int64(g) * 10
				if upTo <= last {
					errs = append(errs, fmt.Errorf("%s band %d: up_to_kg must rise from band to band", where, j+1))
				}
				last = upTo
			} else if j != len(ch.Band)-1 {
				errs = append(errs, fmt.Errorf("%s band %d has no up_to_kg: only the last band may be open-ended", where, j+1))
			}
			c.Bands = append(c.Bands, sourcing.Band{UpToGrams: upTo, FenPerKilo: per})
		}
		card.Channels = append(card.Channels, c)
	}
	return card, errors.Join(errs...)
}
