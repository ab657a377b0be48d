package cart

import (
	"strings"

	"caigou/ui/export"
	"caigou/ui/sanitize"
	"caigou/xport"
)

// Previewed is what Xportcn's preview said of a supplier's order, for the
// export; Known is false when the supplier was not previewed (or the
// preview failed), and the cells are then left empty.
type Previewed struct {
	Goods, Freight xport.Fen
	// Payment is sumPayment (goods and freight); WithFee is
	// sumTotalPayment, which adds an Xport fee or adjustment the reference
	// cannot name, 0 when it was not sent.
	Payment, WithFee xport.Fen
	Known            bool
}

var tableColumns = []export.Column{
	{Name: "Supplier", Kind: export.Text},
	{Name: "Offer id", Kind: export.Identifier},
	{Name: "Title", Kind: export.Text},
	{Name: "SKU", Kind: export.Text},
	{Name: "Spec id", Kind: export.Identifier},
	{Name: "Quantity", Kind: export.Int},
	{Name: "Unit price (CNY)", Kind: export.Money},
	{Name: "Line amount (CNY)", Kind: export.Money},
	{Name: "Warnings", Kind: export.Text},
	{Name: "Note to the seller", Kind: export.Text},
	{Name: "Supplier subtotal, the desk's (CNY)", Kind: export.Money},
	{Name: "Previewed goods (CNY)", Kind: export.Money},
	{Name: "Previewed freight (CNY)", Kind: export.Money},
	{Name: "Previewed goods + freight (CNY)", Kind: export.Money},
	{Name: "Previewed with Xport fee/adjustment (CNY)", Kind: export.Money},
}

// Table is the cart as a spreadsheet: one row per line, grouped by
// supplier, the supplier's figures on its first line only (so a column's
// sum counts each supplier once), the preview's where there is one.
func (c *Cart) Table(previews map[string]Previewed) export.Table {
	t := export.Table{Sheet: "Cart", Columns: tableColumns}
	for _, s := range Summarize(c.Groups()) {
		warned := map[Key][]string{}
		for _, w := range s.Warnings {
			warned[w.Key] = append(warned[w.Key], sanitize.Line(w.Text))
		}
		for i, l := range s.Lines {
			total, ok := l.Total()
			row := []export.Value{
				export.T(sanitize.Line(s.SellerName)), export.ID(sanitize.Line(l.OfferID)), export.T(sanitize.Line(title(l))),
				export.T(sanitize.Line(l.SKUDesc)), export.ID(sanitize.Line(l.SpecID)), export.N(l.Quantity),
				money(l.UnitPrice, l.UnitPrice > 0), money(total, ok && l.UnitPrice > 0), export.T(strings.Join(warned[l.Key()], "; ")),
			}
			if i > 0 {
				row = append(row, export.Empty(), export.Empty(), export.Empty(), export.Empty(), export.Empty(), export.Empty())
				t.Rows = append(t.Rows, row)
				continue
			}
			p := previews[s.SellerOpenID]
			row = append(row, export.T(sanitize.Line(c.Message(s.SellerOpenID))), money(s.Subtotal, s.OK),
				money(p.Goods, p.Known), money(p.Freight, p.Known), money(p.Payment, p.Known), money(p.WithFee, p.Known && p.WithFee != 0))
			t.Rows = append(t.Rows, row)
		}
	}
	return t
}

func money(f xport.Fen, ok bool) export.Value {
	if !ok {
		return export.Empty()
	}
	return export.Fen(int64(f))
}
