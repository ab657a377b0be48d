package pricing

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"caigou/xport"
)

// Mix is a seller's mixed-batch (混批) rule: an order across the seller's
// products may hold less than a product's minimum when the whole order
// reaches Number pieces or Amount.
type Mix struct {
	Enabled bool
	Number  int64
	Amount  xport.Fen
}

// MixOf reads sellerMixSetting. A rule with no threshold is treated as
// absent: "mix freely" with no bar is not something 1688 offers, and
// reading it so would let the agent send orders the preview refuses.
func MixOf(s xport.MixSetting) Mix {
	m := Mix{Number: int64(s.MixNumber), Amount: s.MixAmount.Fen()}
	m.Enabled = bool(s.GeneralHunpi) && (m.Number > 0 || m.Amount > 0)
	return m
}

// Threshold is the bar in words: "30 pieces or ¥300.00".
func (m Mix) Threshold(unit string) string {
	var parts []string
	if m.Number > 0 {
		parts = append(parts, Units(m.Number, unit))
	}
	if m.Amount > 0 {
		parts = append(parts, Money(m.Amount))
	}
	return strings.Join(parts, " or ")
}

// Rules are the quantity constraints of one SKU, or of an offer without
// SKUs.
type Rules struct {
	MOQ   int64 // minimum order, at least 1
	Batch int64 // lot size: quantities are multiples of it; at least 1
	// Stock is what the seller has; -1 when unknown (no limit checked).
	Stock int64
	Mix   Mix
	// Name is what the stock belongs to ("红色/M"), for messages; "" for
	// an offer without SKUs.
	Name string
	// Unit is the unit word for messages ("piece"); "" means pieces.
	Unit string
}

// NewRules normalises the wire values: a missing MOQ falls back to the
// first tier's start (the 1688 page does the same), a missing lot size is 1.
func NewRules(moq, batch, firstTier, stock int64, mix Mix, name, unit string) Rules {
	if moq < 1 {
		moq = firstTier
	}
	if moq < 1 {
		moq = 1
	}
	if batch < 1 {
		batch = 1
	}
	return Rules{MOQ: moq, Batch: batch, Stock: stock, Mix: mix, Name: name, Unit: unit}
}

// Least is the smallest quantity that meets the minimum order on its own:
// the first multiple of the lot size at or above the MOQ.
func (r Rules) Least() int64 {
	b := r.batch()
	if r.MOQ > math.MaxInt64-b {
		return r.MOQ
	}
	return (r.MOQ + b - 1) / b * b
}

// Floor is the smallest quantity allowed at all: one lot when the seller
// lets orders mix products, else Least.
func (r Rules) Floor() int64 {
	if r.Mix.Enabled {
		return r.batch()
	}
	return r.Least()
}

func (r Rules) batch() int64 {
	if r.Batch < 1 {
		return 1
	}
	return r.Batch
}

func (r Rules) stockLimited() bool { return r.Stock >= 0 }

func (r Rules) outOfStock() error {
	if r.Name == "" {
		return errors.New("this product is out of stock")
	}
	return fmt.Errorf("%s is out of stock", r.Name)
}

func (r Rules) onlyInStock() error {
	if r.Name == "" {
		return fmt.Errorf("only %d in stock", r.Stock)
	}
	return fmt.Errorf("only %d in stock for %s", r.Stock, r.Name)
}

func (r Rules) belowFloor() error {
	if r.Mix.Enabled {
		return fmt.Errorf("one lot (%d) is the least you can order", r.batch())
	}
	return fmt.Errorf("minimum order is %d", r.Least())
}

// Check reports why q cannot be ordered, in words, or nil.
func (r Rules) Check(q int64) error {
	b := r.batch()
	switch {
	case r.stockLimited() && r.Stock == 0:
		return r.outOfStock()
	case q <= 0:
		return fmt.Errorf("%d is not a quantity: it must be above zero (%s)", q, r.belowFloor())
	case q%b != 0:
		return r.notMultiple(q)
	case q < r.Floor():
		return fmt.Errorf("%d is too few: %s", q, r.belowFloor())
	case r.stockLimited() && q > r.Stock:
		return r.overStock()
	}
	return nil
}

// CheckAll is Check saying every reason that applies, not only the
// first: 999999 on a lot of 5 with 22 in stock is off the lot size and
// over the stock, and the agent needs both to choose a good quantity.
func (r Rules) CheckAll(q int64) error {
	first := r.Check(q)
	if first == nil || q <= 0 || (r.stockLimited() && r.Stock == 0) {
		return first
	}
	var more []string
	b := r.batch()
	if q%b != 0 && !strings.HasPrefix(first.Error(), r.notMultiple(q).Error()) {
		more = append(more, fmt.Sprintf("%d is not a multiple of the lot size %d", q, b))
	}
	if r.stockLimited() && q > r.Stock && first.Error() != r.overStock().Error() {
		more = append(more, r.overStock().Error())
	}
	if len(more) == 0 {
		return first
	}
	return fmt.Errorf("%v; also %s", first, strings.Join(more, "; "))
}

// overStock says what the stock allows instead of a quantity above it.
func (r Rules) overStock() error {
	b := r.batch()
	if top := r.Stock / b * b; top >= r.Floor() {
		return fmt.Errorf("%s: order %d or fewer", r.onlyInStock(), top)
	}
	return fmt.Errorf("%s, below the minimum order of %d: choose another SKU or supplier", r.onlyInStock(), r.Floor())
}

// notMultiple names the valid quantities either side of q.
func (r Rules) notMultiple(q int64) error {
	b := r.batch()
	lower := q / b * b
	var try []string
	if lower >= r.Floor() && r.allowedByStock(lower) {
		try = append(try, itoa(lower))
	}
	if lower <= math.MaxInt64-b {
		upper := lower + b
		if upper < r.Floor() {
			upper = r.Floor()
		}
		if r.allowedByStock(upper) {
			try = append(try, itoa(upper))
		}
	}
	msg := fmt.Sprintf("%d is not a multiple of the lot size %d", q, b)
	if len(try) > 0 {
		return errors.New(msg + ": try " + strings.Join(try, " or "))
	}
	return errors.New(msg)
}

func (r Rules) allowedByStock(q int64) bool { return !r.stockLimited() || q <= r.Stock }

// Warning is a caution for a quantity Check accepts: below the product's
// own minimum, which only a mixed-batch order can carry.
func (r Rules) Warning(q int64) string {
	if !r.Mix.Enabled || q >= r.Least() {
		return ""
	}
	return fmt.Sprintf("%s is below this product's minimum of %d: the order from this seller must reach %s in total (mixed batch)",
		itoa(q), r.Least(), r.Mix.Threshold(r.Unit))
}

// Initial is the quantity a product page opens with: the least that meets
// the minimum order, or, when the stock is short of it and the seller
// mixes, the most the stock allows.
func (r Rules) Initial() (int64, error) {
	if r.stockLimited() && r.Stock == 0 {
		return 0, r.outOfStock()
	}
	q := r.Least()
	if r.allowedByStock(q) {
		return q, nil
	}
	if r.Mix.Enabled {
		if top := r.Stock / r.batch() * r.batch(); top >= r.batch() {
			return top, nil
		}
	}
	return 0, fmt.Errorf("%s, below the minimum order of %d", r.onlyInStock(), r.Least())
}

// Next is the next valid quantity above q: one more lot, or q rounded up
// to a whole lot, never below the floor.
func (r Rules) Next(q int64) (int64, error) {
	if r.stockLimited() && r.Stock == 0 {
		return q, r.outOfStock()
	}
	b := r.batch()
	var n int64
	switch {
	case q < r.Floor():
		n = r.Floor()
	case q > math.MaxInt64-b:
		return q, errors.New("that is more than can be ordered")
	case q%b != 0:
		n = (q/b + 1) * b
	default:
		n = q + b
	}
	if !r.allowedByStock(n) {
		return q, r.onlyInStock()
	}
	return n, nil
}

// Prev is the next valid quantity below q, one lot less.
func (r Rules) Prev(q int64) (int64, error) {
	if r.stockLimited() && r.Stock == 0 {
		return q, r.outOfStock()
	}
	b := r.batch()
	n := q / b * b
	if n == q {
		n = q - b
	}
	if r.stockLimited() && n > r.Stock {
		n = r.Stock / b * b
	}
	if n < r.Floor() {
		return q, r.belowFloor()
	}
	return n, nil
}

// Fit keeps q when it is valid, else moves it to the nearest valid
// quantity at or below it, else to Initial. It serves a change of SKU,
// whose stock may not cover the quantity chosen for the previous one.
func (r Rules) Fit(q int64) (int64, error) {
	if r.Check(q) == nil {
		return q, nil
	}
	top := q
	if r.stockLimited() && top > r.Stock {
		top = r.Stock
	}
	if n := top / r.batch() * r.batch(); n >= r.Floor() && n >= r.Least() && r.Check(n) == nil {
		return n, nil
	}
	return r.Initial()
}

// ParseQuantity reads a typed quantity. Thousands separators and the
// full-width digits of a Chinese input method are accepted; anything else
// is refused with the reason.
func ParseQuantity(s string) (int64, error) {
	shown := s
	if utf8.RuneCountInString(shown) > 24 {
		shown = string([]rune(shown)[:24]) + "…"
	}
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r >= '０' && r <= '９':
			b.WriteRune('0' + (r - '０'))
		case r == ',' || r == '，' || r == '_' || r == ' ':
		default:
			b.WriteRune(r)
		}
	}
	t := b.String()
	if t == "" {
		return 0, errors.New("type a quantity, like 10")
	}
	neg := false
	if t[0] == '-' || t[0] == '+' {
		neg = t[0] == '-'
		t = t[1:]
	}
	if t == "" || !allDigits(t) {
		return 0, fmt.Errorf("%q is not a number: type digits only, like 10", shown)
	}
	if neg && strings.Trim(t, "0") != "" {
		return 0, fmt.Errorf("%s is not a quantity: it must be above zero; type how many you want, like 10", shown)
	}
	var n int64
	for i := 0; i < len(t); i++ {
		d := int64(t[i] - '0')
		if n > (math.MaxInt64-d)/10 {
			return 0, fmt.Errorf("%s is more than can ever be ordered: type a smaller number", shown)
		}
		n = n*10 + d
	}
	return n, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// IsDigits reports whether keys typed are all digits (ASCII or the
// full-width ones a Chinese input method sends), so a screen knows to open
// its quantity input rather than treat them as commands.
func IsDigits(rs []rune) bool {
	if len(rs) == 0 {
		return false
	}
	for _, r := range rs {
		if (r < '0' || r > '9') && (r < '０' || r > '９') {
			return false
		}
	}
	return true
}

// Digits reads s as a run of digits, the full-width ones of a Chinese
// input method turned into ASCII; ok is false when anything else is in
// it. It is for ids typed or pasted (order ids, offer ids): a number that
// is never computed with.
func Digits(s string) (string, bool) {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= '０' && r <= '９':
			b.WriteRune('0' + (r - '０'))
		default:
			return "", false
		}
	}
	return b.String(), s != ""
}
