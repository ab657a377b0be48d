package xport

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// The units an amount can be in on the wire; which one an endpoint uses is
// the reference's (or, where it is silent, a setting the user can correct).
const (
	UnitFen  = "fen"
	UnitYuan = "yuan"
)

// Amount is an order-side amount whose unit is not documented: the order
// list and detail bodies were never readable (reference §4.4), so their
// unit is a setting (Wire.OrderAmountUnit) rather than a guess baked into
// the decoder. The wire text is kept until the client resolves it in the
// configured unit; a value that does not fit that unit (a decimal point
// in a fen amount) is never converted, it is reported.
type Amount struct {
	raw string
	fen Fen
	err error
	// unit is fixed by the shape the amount came in (push-shaped orders
	// are documented fen); empty means "the configured unit".
	unit string
	done bool
}

// UnmarshalJSON keeps the text; resolve gives it a value.
func (a *Amount) UnmarshalJSON(b []byte) error {
	s, err := scalarText(b)
	if err != nil {
		return fmt.Errorf("amount: %w", err)
	}
	*a = Amount{raw: strings.TrimSpace(s)}
	return nil
}

// MarshalJSON writes the wire text back.
func (a Amount) MarshalJSON() ([]byte, error) {
	if a.raw == "" {
		return []byte("null"), nil
	}
	return json.Marshal(a.raw)
}

// AmountOf makes a resolved amount, for tests and for amounts computed here.
func AmountOf(f Fen) Amount {
	return Amount{raw: strconv.FormatInt(int64(f), 10), fen: f, unit: UnitFen, done: true}
}

// Fen is the amount in fen; zero when it is absent or could not be read
// (see Known and Err).
func (a Amount) Fen() Fen { return a.fen }

// Known reports an amount that was sent and fits its unit.
func (a Amount) Known() bool { return a.done && a.raw != "" && a.err == nil }

// Present reports that the wire carried a value at all.
func (a Amount) Present() bool { return a.raw != "" }

// Err says why a sent amount could not be read in its unit.
func (a Amount) Err() error { return a.err }

// Raw is the text the wire sent, for messages.
func (a Amount) Raw() string { return a.raw }

// resolve reads the text in unit (fen or yuan) unless the amount's shape
// fixed its unit already.
func (a *Amount) resolve(unit string) {
	if a.unit != "" {
		unit = a.unit
	}
	a.done, a.err, a.fen = true, nil, 0
	if a.raw == "" {
		return
	}
	switch unit {
	case UnitYuan:
		f, err := ParseYuan(a.raw)
		if err != nil {
			a.err = fmt.Errorf("%q is not an amount in yuan", a.raw)
			return
		}
		a.fen = f
	default:
		s := a.raw
		neg := strings.HasPrefix(s, "-")
		s = strings.TrimPrefix(s, "-")
		if s == "" || !allDigits(s) {
			// "64.00" in a fen field is yuan, or something else: never
			// divide or multiply to make it fit.
			a.err = fmt.Errorf("%q is not a whole number of fen (it looks like yuan)", a.raw)
			return
		}
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			a.err = fmt.Errorf("%q is too large", a.raw)
			return
		}
		if neg {
			v = -v
		}
		a.fen = Fen(v)
	}
}
