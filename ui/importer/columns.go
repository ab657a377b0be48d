// Package importer reads a client's list (CSV or XLSX) into rows, checks
// every row against the live catalogue, and reports what would be kept,
// before anything is. The screens and commands that import build on it.
package importer

import (
	"strings"
	"unicode"
)

// Field is a column the import knows.
type Field int

// The fields, in the order the mapping step asks for them.
const (
	Ref  Field = iota // a 1688 link, an offer id, or a keyword
	Qty               // how many pieces
	SKU               // the SKU in words, or its spec id
	Note              // a note or shipping mark (唛头)
	Name              // what the client calls the item
	NumFields
)

func (f Field) String() string {
	return [...]string{"link or offer id", "quantity", "SKU", "note / shipping mark", "item name"}[f]
}

// Required says which fields an import cannot do without.
func (f Field) Required() bool { return f == Ref || f == Qty }

// names are the headings each field answers to, in English and Chinese,
// compared without case, spaces or punctuation.
var names = [NumFields][]string{
	Ref:  {"link", "url", "offer", "offerid", "offerurl", "productlink", "productid", "1688", "1688link", "链接", "商品链接", "网址", "产品链接", "货源链接", "商品id", "商品编号", "offer链接"},
	Qty:  {"qty", "quantity", "pcs", "pieces", "amount", "number", "count", "orderqty", "数量", "采购数量", "订购数量", "件数", "数目"},
	SKU:  {"sku", "spec", "specid", "variant", "option", "specification", "color", "colour", "size", "规格", "款式", "颜色", "尺码", "颜色尺码", "sku规格", "属性"},
	Note: {"note", "notes", "remark", "remarks", "comment", "mark", "shippingmark", "marks", "备注", "唛头", "说明", "留言"},
	Name: {"name", "item", "itemname", "product", "productname", "description", "title", "品名", "名称", "商品名称", "产品名称", "货品", "标题"},
}

// Mapping is the column each field is read from, or -1.
type Mapping [NumFields]int

// fold lowers a heading and drops what people vary: spaces, dashes,
// brackets, colons ("Offer ID:", "数量(件)" is 数量 too).
func fold(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "(（"); i > 0 {
		s = s[:i]
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) {
			return -1
		}
		return r
	}, s)
}

// Recognise maps the headings it knows; a field no heading names is -1,
// and a heading named twice goes to the first column.
func Recognise(header []string) Mapping {
	var m Mapping
	for f := range m {
		m[f] = -1
	}
	for col, h := range header {
		k := fold(h)
		for f := Field(0); f < NumFields; f++ {
			if m[f] >= 0 {
				continue
			}
			for _, n := range names[f] {
				if k == n {
					m[f] = col
				}
			}
		}
	}
	return m
}

// Missing lists the required fields no column is mapped to.
func (m Mapping) Missing() []Field {
	var out []Field
	for f := Field(0); f < NumFields; f++ {
		if f.Required() && m[f] < 0 {
			out = append(out, f)
		}
	}
	return out
}
