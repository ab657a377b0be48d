package cli

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"caigou/ui/journal"
	"caigou/ui/orders"
	"caigou/ui/pricing"
	"caigou/ui/sanitize"
	"caigou/xport"
)

// ordersOut is the caigou.orders/1 schema.
type ordersOut struct {
	Schema   string `json:"schema"`
	Sandbox  bool   `json:"sandbox"`
	Status   string `json:"status"`
	Page     int    `json:"page"`
	PageSize int    `json:"page_size"`
	Total    int64  `json:"total"`
	// Unreadable counts orders in a shape caigou cannot read, left out.
	Unreadable int          `json:"unreadable"`
	Orders     []orderBrief `json:"orders"`
}

type orderBrief struct {
	OrderID          string  `json:"order_id"`
	Status           string  `json:"status"`
	StatusZH         string  `json:"status_zh"`
	StatusEN         string  `json:"status_en"`
	Created          *string `json:"created"`
	Paid             *string `json:"paid"`
	TotalFen         *int64  `json:"total_fen"`
	TotalYuan        *string `json:"total_yuan"`
	ShippingFeeFen   *int64  `json:"shipping_fee_fen"`
	ShippingFeeYuan  *string `json:"shipping_fee_yuan"`
	AmountProblem    *string `json:"amount_problem"`
	Seller           string  `json:"seller"`
	OutOrderID       string  `json:"out_order_id"`
	Items            []item  `json:"items"`
	ItemCount        int     `json:"item_count"`
	PiecesTotal      int64   `json:"pieces"`
	statusCompact    string
	totalPresent     bool
	totalUntrustable bool
}

type item struct {
	OfferID    string    `json:"offer_id"`
	Name       string    `json:"name"`
	Spec       string    `json:"spec"`
	Quantity   xport.Qty `json:"quantity"`
	AmountFen  *int64    `json:"amount_fen"`
	AmountYuan *string   `json:"amount_yuan"`
}

// orderStatuses are the server-side filters of the desk's orders tabs,
// with the words a script may use instead.
var orderStatuses = []struct{ raw, alias string }{
	{"waitbuyerpay", "unpaid"},
	{"waitsellersend", "to-ship"},
	{"waitbuyerreceive", "shipped"},
	{"success", "completed"},
	{"cancel", "cancelled"},
}

func orderStatusFlag(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" || s == "all" {
		return "", true
	}
	for _, st := range orderStatuses {
		if s == st.raw || s == st.alias {
			return st.raw, true
		}
	}
	return "", false
}

func runOrdersCmd(env Env, args []string) int {
	var status string
	var page, size int
	r, code, ok := parseScript(env, "orders", args, func(fs *flag.FlagSet) {
		fs.StringVar(&status, "status", "", "")
		fs.IntVar(&page, "page", 1, "")
		fs.IntVar(&size, "size", 20, "")
	})
	if !ok {
		return code
	}
	if len(r.args) > 0 {
		return usageErr(env, r.name, fmt.Sprintf("unexpected argument %q (to follow one order: caigou track ORDER_ID)", sanitize.Truncate(sanitize.Line(r.args[0]), 40)))
	}
	st, ok := orderStatusFlag(status)
	if !ok {
		var names []string
		for _, s := range orderStatuses {
			names = append(names, s.raw+" ("+s.alias+")")
		}
		return usageErr(env, r.name, fmt.Sprintf("--status %q: use all, %s", sanitize.Truncate(sanitize.Line(status), 30), strings.Join(names, ", ")))
	}
	if !r.intFlag("page", page, 1, 10000) || !r.intFlag("size", size, 1, 100) {
		return exitUsage
	}
	e, err := r.open()
	if err != nil {
		return r.openFailed(err)
	}
	defer e.close()
	ctx, cancel := e.callCtx(env.Ctx)
	defer cancel()
	// The desk's orders list asks exactly this (orders.Model.fetch).
	res, err := e.client.ListOrders(ctx, xport.OrderQuery{Status: st, Page: page, PageSize: size})
	if err != nil {
		return r.failed("listing orders", err)
	}
	previews := previewTotals(e, res)
	out := &ordersOut{Schema: "caigou.orders/1", Sandbox: e.sandboxed, Status: st, Page: page, PageSize: size,
		Total: res.TotalRecords, Unreadable: res.Unreadable, Orders: []orderBrief{}}
	for _, o := range res.Orders {
		out.Orders = append(out.Orders, briefOf(o, previews[string(o.BaseInfo.OutOrderID)], e.client.Backend().AmountUnitFix))
	}
	if res.Unreadable > 0 {
		r.note("%d order(s) left out: they came in a shape caigou cannot read (run `caigou check --deep`)", res.Unreadable)
	}
	if len(out.Orders) == 0 {
		r.note("no orders on page %d%s", page, map[bool]string{true: " with status " + st}[st != ""])
	}
	for _, o := range out.Orders {
		if o.AmountProblem != nil {
			r.note("order %s: amounts not shown: %s", o.OrderID, *o.AmountProblem)
		}
	}
	return r.emit(out, ordersCSVHead, ordersCSVText, ordersCSV(out), func(w io.Writer, width int) error {
		return ordersTable(w, width, out)
	})
}

// previewTotals are the totals the agent confirmed at checkout for these
// orders, from the order journal, as the desk's orders screen reads them
// (nil when the journal cannot be read: no cross-check then). Orders that
// do not show their reference (1688's list) get the one the desk placed
// them under first.
func previewTotals(e *engine, res *xport.OrderPage) map[string]xport.Fen {
	if e.db == nil {
		return nil
	}
	j, err := journal.New(e.db)
	if err != nil {
		return nil
	}
	_ = j.FillRefs(res.Orders)
	var refs []string
	for _, o := range res.Orders {
		if ref := string(o.BaseInfo.OutOrderID); ref != "" {
			refs = append(refs, ref)
		}
	}
	if len(refs) == 0 {
		return nil
	}
	p, _ := j.PreviewTotals(refs)
	return p
}

// amountUnitSuspect is the desk's check (ui/orders unitSuspect): a total
// about 100 times, or a hundredth of, the preview confirmed for the
// order means its amounts are read in the wrong unit.
func amountUnitSuspect(total, preview xport.Fen) bool {
	const limit = 1 << 50
	if total <= 0 || preview <= 0 || total > limit || preview > limit {
		return false
	}
	near := func(a, b xport.Fen) bool { return a*10 >= b*8 && a*10 <= b*12 }
	return near(total, preview*100) || near(total*100, preview)
}

// briefOf is an order as the schema writes it. Amounts that do not fit
// their unit, or that contradict the preview, are null with the reason
// in amount_problem: never money that may be 100 times off.
func briefOf(o xport.Order, preview xport.Fen, unitFix string) orderBrief {
	b := o.BaseInfo
	w := orders.TradeStatus(string(b.Status))
	ob := orderBrief{
		OrderID: sanitize.Line(b.OrderIDString()), Status: txt(b.Status), StatusZH: w.ZH, StatusEN: w.EN,
		Created: chinaTime(b.CreateTime), Paid: chinaTime(b.PayTime),
		Seller:     firstText(b.SellerContact.CompanyName, b.SellerContact.ShopName, b.SellerLoginID),
		OutOrderID: txt(b.OutOrderID), Items: []item{}, statusCompact: sanitize.Line(w.Compact()),
	}
	problem := ""
	if err := o.AmountError(); err != nil {
		problem = err.Error()
	} else if t := b.TotalAmount; t.Known() && amountUnitSuspect(t.Fen(), preview) {
		problem = "the total " + t.Raw() + " is about 100 times off the " + preview.String() + " previewed for this order: the amounts look like the wrong unit"
	}
	trusted := problem == ""
	if !trusted {
		if unitFix != "" {
			problem += "; " + unitFix
		}
		p := sanitize.Line(problem)
		ob.AmountProblem = &p
	}
	amount := func(a xport.Amount) (*int64, *string) { return money(a.Fen(), trusted && a.Known()) }
	ob.TotalFen, ob.TotalYuan = amount(b.TotalAmount)
	ob.ShippingFeeFen, ob.ShippingFeeYuan = amount(b.ShippingFee)
	ob.totalPresent, ob.totalUntrustable = b.TotalAmount.Present(), !trusted || !b.TotalAmount.Known()
	for _, it := range o.ProductItems {
		var spec []string
		for _, s := range it.SkuInfos {
			spec = append(spec, joinNonEmptyText(":", txt(s.Name), txt(s.Value)))
		}
		i := item{OfferID: sanitize.Line(string(it.ProductID)), Name: txt(it.Name), Spec: strings.Join(spec, " / "), Quantity: it.Quantity}
		i.AmountFen, i.AmountYuan = amount(it.ItemAmount)
		ob.Items = append(ob.Items, i)
		ob.PiecesTotal += it.Quantity.Whole
	}
	ob.ItemCount = len(ob.Items)
	return ob
}

func firstText(ts ...xport.Text) string {
	for _, t := range ts {
		if s := txt(t); s != "" {
			return s
		}
	}
	return ""
}

var (
	ordersCSVHead = []string{"order_id", "status", "status_en", "created", "paid", "total_fen", "total_yuan", "shipping_fee_fen", "shipping_fee_yuan", "seller", "item_count", "pieces", "out_order_id"}
	ordersCSVText = []bool{false, true, false, false, false, false, false, false, false, true, false, false, true}
)

func ordersCSV(out *ordersOut) [][]string {
	rows := make([][]string, 0, len(out.Orders))
	for _, o := range out.Orders {
		rows = append(rows, []string{o.OrderID, o.Status, o.StatusEN, deref(o.Created), deref(o.Paid), intCell(o.TotalFen), deref(o.TotalYuan),
			intCell(o.ShippingFeeFen), deref(o.ShippingFeeYuan), o.Seller, strconv.Itoa(o.ItemCount), strconv.FormatInt(o.PiecesTotal, 10), o.OutOrderID})
	}
	return rows
}

func ordersTable(w io.Writer, width int, out *ordersOut) error {
	cols := []column{{head: "ORDER ID", max: 24}, {head: "STATUS", max: 24}, {head: "CREATED"}, {head: "TOTAL", right: true},
		{head: "PIECES", right: true}, {head: "SELLER"}}
	rows := make([][]string, 0, len(out.Orders))
	for _, o := range out.Orders {
		total := "—"
		switch {
		case o.TotalFen != nil:
			total = pricing.Money(xport.Fen(*o.TotalFen))
		case o.totalPresent && o.totalUntrustable:
			total = "? unit"
		}
		rows = append(rows, []string{o.OrderID, orNone(o.statusCompact), orNone(shortTimePtr(o.Created)), total, pricing.Count(o.PiecesTotal), orNone(o.Seller)})
	}
	return writeTable(w, width, cols, rows)
}
