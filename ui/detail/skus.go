package detail

import (
	"strings"

	"caigou/ui/sanitize"
	"caigou/xport"
)

// axis is one SKU dimension (colour, size), gathered from the SKUs'
// attributes in the order the seller lists them.
type axis struct {
	key    string
	name   string
	nameEN string
	values []axisValue
}

type axisValue struct{ value, valueEN string }

func (v axisValue) label() string { return both(v.value, v.valueEN) }

// skuView is one SKU with what the page shows of it.
type skuView struct {
	skuID  string
	specID string
	vals   []int // value index per axis; -1 when the SKU lacks the axis
	label  string
	short  string // "红色/M", for the status line
	stock  int64
	price  xport.Fen
}

// buildSKUs derives the axes from the SKUs. 1688 sends SKUs, not axes; a
// seller may omit combinations, so the axes are the union of what the
// SKUs use and a combination may be missing.
func buildSKUs(in []xport.SKU) ([]axis, []skuView) {
	var axes []axis
	index := map[string]int{}
	skus := make([]skuView, 0, len(in))
	for _, s := range in {
		v := skuView{
			skuID:  sanitize.Line(string(s.SkuID)),
			specID: sanitize.Line(string(s.SpecID)),
			stock:  int64(s.AmountOnSale),
			price:  s.Price.Fen(),
		}
		var labels []string
		for _, a := range s.Attributes {
			k := string(a.AttributeID)
			if k == "" {
				k = "name:" + string(a.AttributeName)
			}
			ai, ok := index[k]
			if !ok {
				ai = len(axes)
				index[k] = ai
				axes = append(axes, axis{key: k, name: sanitize.Line(string(a.AttributeName)), nameEN: sanitize.Line(string(a.AttributeNameTrans))})
			}
			val := axisValue{value: sanitize.Line(string(a.Value)), valueEN: sanitize.Line(string(a.ValueTrans))}
			vi := -1
			for i, x := range axes[ai].values {
				if x.value == val.value {
					vi = i
					break
				}
			}
			if vi < 0 {
				vi = len(axes[ai].values)
				axes[ai].values = append(axes[ai].values, val)
			}
			for len(v.vals) <= ai {
				v.vals = append(v.vals, -1)
			}
			v.vals[ai] = vi
			labels = append(labels, val.value)
		}
		v.label = strings.Join(labels, " / ")
		v.short = strings.Join(labels, "/")
		skus = append(skus, v)
	}
	for i := range skus {
		for len(skus[i].vals) < len(axes) {
			skus[i].vals = append(skus[i].vals, -1)
		}
	}
	return axes, skus
}

// both writes a Chinese text with its translation when that differs.
func both(zh, en string) string {
	switch {
	case en == "" || en == zh:
		return zh
	case zh == "":
		return en
	}
	return zh + " " + en
}

// find is the SKU with exactly these axis values, or -1.
func find(skus []skuView, sel []int) int {
	for i, s := range skus {
		if equal(s.vals, sel) {
			return i
		}
	}
	return -1
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// soldOut reports that nothing of the offer can be ordered for lack of
// stock: every SKU out, or the offer's own stock when it has no SKUs.
func (p *product) soldOut() bool {
	if len(p.skus) > 0 {
		return firstInStock(p.skus) < 0
	}
	return p.offerStock <= 0
}

// firstInStock is the first SKU with stock, or -1.
func firstInStock(skus []skuView) int {
	for i, s := range skus {
		if s.stock > 0 {
			return i
		}
	}
	return -1
}

// move finds the SKU reached by stepping axis ax in direction dir from
// the current selection, skipping combinations that are out of stock or
// not offered. It first keeps the other axes as they are; failing that,
// it takes the first in-stock SKU with the next value on this axis. It
// returns -1 when nothing in that direction can be ordered.
func move(skus []skuView, axes []axis, sel []int, ax, dir int) int {
	if ax < 0 || ax >= len(axes) {
		return -1
	}
	n := len(axes[ax].values)
	try := append([]int(nil), sel...)
	for v := sel[ax] + dir; v >= 0 && v < n; v += dir {
		try[ax] = v
		if i := find(skus, try); i >= 0 && skus[i].stock > 0 {
			return i
		}
	}
	for v := sel[ax] + dir; v >= 0 && v < n; v += dir {
		for i, s := range skus {
			if s.vals[ax] == v && s.stock > 0 {
				return i
			}
		}
	}
	return -1
}

// availability is what choosing value v on axis ax (others unchanged)
// would give: a SKU in stock, one out of stock, or none offered.
func availability(skus []skuView, sel []int, ax, v int) (in, exists bool) {
	try := append([]int(nil), sel...)
	try[ax] = v
	i := find(skus, try)
	if i < 0 {
		return false, false
	}
	return skus[i].stock > 0, true
}
