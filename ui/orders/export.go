package orders

import (
	"fmt"
	"strings"

	"caigou/ui/common"
	"caigou/ui/export"
	"caigou/ui/keys"
	"caigou/ui/sanitize"
	"caigou/ui/savefile"
	"caigou/xport"

	tea "github.com/charmbracelet/bubbletea"
)

// ordersColumns are the orders export's columns: one row per order line,
// the order's own figures on its first line only, so a spreadsheet's sum
// of a column never counts an order twice.
var ordersColumns = []export.Column{
	{Name: "Order id", Kind: export.Identifier},
	{Name: "Reference (outOrderId)", Kind: export.Identifier},
	{Name: "Created (CST)", Kind: export.Time},
	{Name: "Paid (CST)", Kind: export.Time},
	{Name: "Status", Kind: export.Text},
	{Name: "Supplier", Kind: export.Text},
	{Name: "Offer id", Kind: export.Identifier},
	{Name: "Item", Kind: export.Text},
	{Name: "SKU", Kind: export.Text},
	{Name: "Spec id", Kind: export.Identifier},
	{Name: "Quantity", Kind: export.Int},
	{Name: "Unit price (CNY)", Kind: export.Money},
	{Name: "Line amount (CNY)", Kind: export.Money},
	{Name: "Shipping fee (CNY)", Kind: export.Money},
	{Name: "Order total (CNY)", Kind: export.Money},
	{Name: "Carrier", Kind: export.Text},
	{Name: "Tracking numbers", Kind: export.Text},
	{Name: "Buyer message / shipping mark", Kind: export.Text},
	{Name: "Amounts", Kind: export.Text},
}

// OrdersTable is the orders as a spreadsheet. An amount the desk cannot
// trust (a unit it cannot prove, a total 100× its preview) is left empty
// with the reason in the last column: never a number that may be wrong
// by a hundred.
func OrdersTable(orders []xport.Order, previews map[string]xport.Fen) export.Table {
	t := export.Table{Sheet: "Orders", Columns: ordersColumns}
	for _, o := range orders {
		b := o.BaseInfo
		preview := previews[string(b.OutOrderID)]
		problem := amountProblem(o, preview)
		money := func(a xport.Amount) export.Value {
			if problem != "" || !a.Known() {
				return export.Empty()
			}
			return export.Fen(int64(a.Fen()))
		}
		note := "as sent"
		if problem != "" {
			note = "not shown: " + problem
		}
		var carriers, bills []string
		for _, l := range o.NativeLogistics.LogisticsItems {
			if c := sanitize.Line(string(l.LogisticsCompanyName)); c != "" && !contains(carriers, c) {
				carriers = append(carriers, c)
			}
			if n := sanitize.Line(string(l.LogisticsBillNo)); n != "" {
				bills = append(bills, n)
			}
		}
		head := []export.Value{
			export.ID(orderIDOf(o)), export.ID(sanitize.Line(string(b.OutOrderID))),
			export.At(b.CreateTime.Time), export.At(b.PayTime.Time), export.T(statusWords(string(b.Status))), export.T(supplierName(b)),
		}
		orderLevel := []export.Value{money(b.ShippingFee), money(b.TotalAmount), export.T(strings.Join(carriers, ", ")),
			export.T(strings.Join(bills, ", ")), export.T(sanitize.Line(string(b.BuyerMessage))), export.T(note)}
		items := o.ProductItems
		if len(items) == 0 {
			row := append(append([]export.Value{}, head...), export.Empty(), export.Empty(), export.Empty(), export.Empty(), export.Empty(), export.Empty(), export.Empty())
			t.Rows = append(t.Rows, append(row, orderLevel...))
			continue
		}
		for i, it := range items {
			var sku []string
			for _, s := range it.SkuInfos {
				sku = append(sku, sanitize.Line(string(s.Value)))
			}
			row := append(append([]export.Value{}, head...),
				export.ID(sanitize.Line(string(it.ProductID))), export.T(sanitize.Line(string(it.Name))), export.T(strings.Join(sku, " / ")),
				export.ID(sanitize.Line(string(it.SpecID))), quantityCell(it.Quantity), money(it.Price), money(it.ItemAmount))
			if i == 0 {
				row = append(row, orderLevel...)
			} else {
				row = append(row, export.Empty(), export.Empty(), export.T(strings.Join(carriers, ", ")), export.T(strings.Join(bills, ", ")), export.Empty(), export.T(note))
			}
			t.Rows = append(t.Rows, row)
		}
	}
	return t
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// export offers the loaded orders of the tab as a file.
func (m *Model) export() tea.Cmd {
	if len(m.t.rows) == 0 {
		return common.Status(common.Info, "No orders on this tab to export.")
	}
	orders := make([]xport.Order, len(m.t.rows))
	for i := range m.t.rows {
		orders[i] = m.t.rows[i].order
	}
	what := plural(len(orders), "order", "orders")
	note := "The " + what + " loaded on this tab (" + tabs()[m.tab].en + "), one row per line."
	if m.total > len(orders) {
		note = fmt.Sprintf("The %s loaded of %d on this tab; %s (the end of the list) loads the rest first.", what, m.total, m.keyName(keys.Bottom))
	}
	name := "orders-" + m.c.Now().In(xport.ChinaTime()).Format("20060102-1504") + ".xlsx"
	return common.Push(savefile.New(m.c, what, note, name, OrdersTable(orders, m.previews)))
}

// quantityCell is a line's quantity: a number of pieces, or, for goods
// sold by weight, the decimal as 1688 sent it (as text: never rounded).
func quantityCell(q xport.Qty) export.Value {
	if q.Fraction {
		return export.T(q.String())
	}
	return export.N(q.Whole)
}
