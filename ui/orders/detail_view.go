package orders

import (
	"strings"

	"caigou/ui/keys"
	"caigou/ui/sanitize"
	"caigou/xport"

	"github.com/charmbracelet/x/ansi"
)

// labelWidth is the column of the field names.
const labelWidth = 10

// View implements common.Page: the laid-out lines in view, and a line
// saying there is more when the page is taller than the screen.
func (d *Detail) View() string {
	if d.w <= 0 || d.h <= 0 {
		return ""
	}
	h := d.rows()
	more := h < d.h
	off := max(min(d.offset, len(d.lines)-h), 0)
	end := min(off+h, len(d.lines))
	out := make([]string, 0, d.h)
	out = append(out, d.lines[off:end]...)
	for len(out) < h {
		out = append(out, "")
	}
	if more {
		text := "lines " + itoa(off+1) + "-" + itoa(end) + " of " + itoa(len(d.lines)) + " · " + d.c.Keys.Get(keys.Down).Help().Key + " scrolls"
		out = append(out, sanitize.Truncate(d.c.Styles.Muted.Render(text), d.w))
	}
	if d.confirmCancel && len(out) > 0 {
		q := "Cancel order " + d.orderID + "? " + d.c.Keys.Get(keys.Confirm).Help().Key + " cancels it, any other key keeps it."
		out[len(out)-1] = d.c.Styles.Warn.Render(sanitize.Truncate(q, d.w))
	}
	return strings.Join(out, "\n")
}

// page builds the detail's lines.
type page struct {
	d   *Detail
	out []string
}

func (p *page) line(s string) { p.out = append(p.out, sanitize.Truncate(s, p.d.w)) }

func (p *page) blank() { p.out = append(p.out, "") }

// wrapped adds text cut into lines of the page's width after indent
// cells; later lines hang at the indent.
func (p *page) wrapped(indent int, first, text string) {
	width := max(p.d.w-indent, 8)
	lines := strings.Split(ansi.Wrap(text, width, ""), "\n")
	pad := strings.Repeat(" ", indent)
	for i, l := range lines {
		if i == 0 {
			p.line(first + l)
		} else {
			p.line(pad + l)
		}
	}
}

// field adds a named value.
func (p *page) field(label, value string) {
	if value == "" {
		return
	}
	s := p.d.c.Styles
	p.wrapped(labelWidth, s.Muted.Render(sanitize.Pad(label, labelWidth)), value)
}

func (p *page) heading(text string) { p.line(p.d.c.Styles.Bold.Render(text)) }

// layout lays the page out again. It runs when data arrives, the size
// changes or another parcel is chosen; View only slices the result.
func (d *Detail) layout() {
	if d.w <= 0 {
		d.lines = nil
		return
	}
	s := d.c.Styles
	p := &page{d: d}
	o := d.order
	b := o.BaseInfo

	title := s.Bold.Render("Order " + d.orderID)
	switch {
	case d.loadErr != nil:
		title += s.StatusError.Render(" · could not load the full order (" + clean(d.loadErr.Error()) + "); showing the list's copy." + d.advice(d.loadErr))
	case !d.loaded:
		title += s.Muted.Render(" · loading the full order…")
	case !d.updated.IsZero():
		title += s.Muted.Render(" · updated " + d.updated.In(xport.ChinaTime()).Format("15:04") + " CST")
	}
	p.wrapped(0, "", title)
	if d.payNote != "" {
		p.wrapped(0, "", s.Warn.Render(d.payNote))
	}
	p.field("Status", orderStatusLine(string(b.Status)))
	p.field("Tracking", d.latestLine())
	p.field("Payment", payLine(d, o.TradeTerms))
	p.field("Refund", refundLine(d, b))
	if w := CloseReason(string(b.CloseReason)); !w.Empty() {
		p.field("Closed", clean(w.String()))
	}
	if out := clean(string(b.OutOrderID)); out != "" {
		p.field("Your no.", out+" (outOrderId)")
	}
	p.blank()
	p.field("Supplier", supplierLine(b))
	p.field("Ship to", addressLine(o))
	p.field("Message", clean(string(b.BuyerMessage)))
	p.field("Times", timesLine(b))
	p.blank()
	d.linesSection(p)
	p.blank()
	d.moneySection(p)
	p.blank()
	d.trackingSection(p)
	d.lines = p.out
	d.scroll(0)
}

// latestLine is the newest event of the newest parcel, near the top so
// that on a small screen where the order is stands above the fold; the
// whole trace is at the end.
func (d *Detail) latestLine() string {
	switch {
	case d.traceState == traceLoading && len(d.parcels) == 0:
		return "loading…"
	case d.traceState == traceFailed && len(d.parcels) == 0:
		return "could not be loaded (below)"
	case len(d.parcels) == 0:
		return strings.TrimSuffix(strings.ToLower(noTraceText(d.order)[:1])+noTraceText(d.order)[1:], ".")
	}
	var best *step
	var from parcel
	for _, pc := range d.parcels {
		if len(pc.steps) > 0 && (best == nil || pc.steps[0].at > best.at) {
			best, from = &pc.steps[0], pc
		}
	}
	n := ""
	if len(d.parcels) > 1 {
		n = itoa(len(d.parcels)) + " parcels; "
	}
	if best == nil {
		return n + "shipped, no events yet"
	}
	return n + best.at + " " + best.remark + " (" + joinNonEmpty(", ", from.carrier, billText(from.billNo)) + "; the whole trace is below)"
}

// orderStatusLine is the order's status in words, with 1688's own label
// and value so it can be matched with 1688's pages and the API.
func orderStatusLine(raw string) string {
	w := TradeStatus(raw)
	switch {
	case w.Empty():
		return "not given"
	case !w.Known:
		return clean(w.Raw) + " (a status the desk does not know; shown as 1688 sent it)"
	}
	official := w.Official
	if official == "" {
		official = w.ZH
	}
	return w.String() + " — 1688: " + official + " (" + w.Raw + ")"
}

func payLine(d *Detail, terms []xport.TradeTerm) string {
	if len(terms) == 0 {
		return "not given"
	}
	var parts []string
	for i, t := range terms {
		st := PayStatus(string(t.PayStatus))
		text := clean(st.String())
		if text == "" {
			text = "status not given"
		}
		way := clean(string(t.PayWayDesc))
		if w := PayWay(string(t.PayWay)); w.Known {
			way = joinNonEmpty(" ", way, "("+w.EN+")")
		}
		text = joinNonEmpty(" · ", text, way)
		if pt := when(t.PayTime, longTime); pt != "" {
			text += " · paid " + pt
		}
		if len(terms) > 1 {
			text = "phase " + itoa(i+1) + ": " + text + " · " + moneyCell(d.c, t.PhasAmount, amountProblem(d.order, d.preview) == "")
		}
		parts = append(parts, text)
	}
	return strings.Join(parts, "; ")
}

func refundLine(d *Detail, b xport.BaseInfo) string {
	w := OrderRefundStatus(string(b.RefundStatus))
	text := "none"
	if !w.Empty() {
		text = clean(w.String())
	}
	if r := b.Refund.Fen(); r != 0 {
		text += " · refunded " + d.c.Money(r)
	}
	return text
}

func supplierLine(b xport.BaseInfo) string {
	sc := b.SellerContact
	company := clean(string(sc.CompanyName))
	shop := clean(string(sc.ShopName))
	if shop == company {
		shop = ""
	} else if shop != "" {
		shop = "shop " + shop
	}
	phone := clean(string(sc.Mobile))
	if phone == "" {
		phone = clean(string(sc.Phone))
	}
	line := joinNonEmpty(" · ", company, shop, clean(string(sc.Name)), phone)
	if line == "" {
		line = clean(string(b.SellerLoginID))
	}
	return line
}

// addressLine is where the order goes: receiverInfo, or the order's
// logistics address when that is empty.
func addressLine(o xport.Order) string {
	r := o.BaseInfo.ReceiverInfo
	n := o.NativeLogistics
	name := clean(string(r.ToFullName))
	if name == "" {
		name = clean(string(n.ContactPerson))
	}
	phone := clean(string(r.ToMobile))
	if phone == "" {
		phone = clean(string(r.ToPhone))
	}
	if phone == "" {
		phone = clean(string(n.Mobile))
	}
	area := clean(string(r.ToArea))
	if area == "" {
		area = joinNonEmpty(" ", clean(string(n.Province)), clean(string(n.City)), clean(string(n.Area)), clean(string(n.Town)), clean(string(n.Address)))
	}
	post := clean(string(r.ToPost))
	if post == "" {
		post = clean(string(n.Zip))
	}
	return joinNonEmpty(" · ", name, phone, area, post)
}

func timesLine(b xport.BaseInfo) string {
	t := func(label string, v xport.Time) string {
		s := when(v, longTime)
		if s == "" {
			s = "—"
		}
		return label + " " + s
	}
	return strings.Join([]string{
		t("created", b.CreateTime), t("paid", b.PayTime), t("shipped", b.AllDeliveredTime), t("completed", b.CompleteTime),
	}, " · ") + " (China time)"
}

// linesSection lists the order's lines: what, which SKU, how many at what
// price, and each line's own statuses.
func (d *Detail) linesSection(p *page) {
	o := d.order
	p.heading("Lines (" + itoa(len(o.ProductItems)) + ")")
	if len(o.ProductItems) == 0 {
		p.line("  none listed")
		return
	}
	order := strings.TrimSpace(string(o.BaseInfo.Status))
	for i, it := range o.ProductItems {
		num := itoa(i+1) + ". "
		indent := 2 + len(num)
		pad := strings.Repeat(" ", indent)
		name := clean(string(it.Name))
		if name == "" {
			name = "offer " + clean(string(it.ProductID))
		}
		p.wrapped(indent, "  "+num, name)
		var sku []string
		for _, a := range it.SkuInfos {
			sku = append(sku, joinNonEmpty(": ", clean(string(a.Name)), clean(string(a.Value))))
		}
		if len(sku) > 0 {
			p.wrapped(indent, pad, strings.Join(sku, " · "))
		}
		unit := clean(string(it.Unit))
		qty := it.Quantity.String()
		amount := it.ItemAmount.Fen()
		trusted := amountProblem(o, d.preview) == ""
		text := joinNonEmpty(" ", qty, unit) + " × " + moneyCell(d.c, it.Price, trusted) + " = " + moneyCell(d.c, it.ItemAmount, trusted)
		if want, ok := it.Price.Fen().Mul(it.Quantity.Whole); ok && !it.Quantity.Fraction && trusted && it.Price.Known() && it.ItemAmount.Known() && want != amount {
			text += " (price × quantity is " + d.c.MoneyShort(want) + "; 1688's line amount counts discounts and adjustments)"
		}
		p.wrapped(indent, pad, text)
		var st []string
		if ls := strings.TrimSpace(string(it.Status)); ls != "" && ls != order {
			st = append(st, "status "+clean(TradeStatus(ls).String()))
		}
		if w := LogisticsStatus(int64(it.LogisticsStatus)); !w.Empty() {
			st = append(st, "logistics "+clean(w.String()))
		}
		if w := LineRefundStatus(string(it.RefundStatus)); !w.Empty() {
			st = append(st, "refund "+clean(w.String()))
		}
		if len(st) > 0 {
			p.wrapped(indent, pad, strings.Join(st, " · "))
		}
	}
}

// moneySection shows the order's amounts, read by the client in the
// configured unit; by here all are fen, or the reason they are not.
func (d *Detail) moneySection(p *page) {
	o := d.order
	b := o.BaseInfo
	s := d.c.Styles
	p.heading("Money (CNY)")
	if why := amountProblem(o, d.preview); why != "" {
		// Never money that may be off by a factor of a hundred.
		if fix := unitAdvice(d.c); fix != "" {
			why += "; " + fix
		}
		p.wrapped(2, "  ", s.Error.Render("? The amounts cannot be shown: "+sanitize.Line(why)+"."))
		return
	}
	row := func(label string, f xport.Fen) string {
		return "  " + sanitize.Pad(label, labelWidth) + sanitize.PadLeft(d.c.MoneyShort(f), 14) + conv(d, f)
	}
	p.line(row("Goods", b.SumProductPayment.Fen()))
	p.line(row("Freight", b.ShippingFee.Fen()))
	if b.Discount.Fen() != 0 {
		p.line(row("Discount", b.Discount.Fen()))
	}
	p.line(s.Bold.Render(row("Total", b.TotalAmount.Fen())))
	var lines xport.Fen
	for _, it := range o.ProductItems {
		lines += it.ItemAmount.Fen()
	}
	if len(o.ProductItems) > 0 && lines != b.SumProductPayment.Fen() {
		p.wrapped(2, "  ", s.Muted.Render("The lines add up to "+d.c.MoneyShort(lines)+", not the goods total 1688 gives."))
	}
}

func conv(d *Detail, f xport.Fen) string {
	if c := d.c.Converted(f); c != "" {
		return "  ≈" + c
	}
	return ""
}

// advice is what to do about a failed load: xport's hint, then the key
// that loads the page again.
func (d *Detail) advice(err error) string {
	out := ""
	if h := xport.Hint(err); h != "" {
		out = " " + h
	}
	return out + " Press " + d.c.Keys.Get(keys.Retry).Help().Key + " to try again."
}

// trackingSection shows each parcel and its trace, newest event first.
func (d *Detail) trackingSection(p *page) {
	s := d.c.Styles
	p.heading("Tracking (newest first)")
	if d.traceState == traceFailed {
		p.wrapped(2, "  ", s.StatusError.Render("Could not load the trace: "+clean(d.traceErr.Error())+"."+d.advice(d.traceErr)))
	}
	if len(d.parcels) == 0 {
		switch {
		case d.traceState == traceLoading:
			p.line("  Loading the trace…")
		case d.traceState == traceFailed:
		default:
			p.wrapped(2, "  ", noTraceText(d.order))
		}
		return
	}
	for i, pc := range d.parcels {
		marker := "  "
		if len(d.parcels) > 1 && i == d.parcel {
			marker = "> "
		}
		head := joinNonEmpty(" · ",
			"Parcel "+itoa(i+1)+" of "+itoa(len(d.parcels)),
			pc.carrier,
			billText(pc.billNo),
			clean(pc.node.String()),
			shippedText(pc.shipped),
		)
		p.wrapped(4, marker, head)
		if len(pc.steps) == 0 {
			p.line("    no events yet")
			continue
		}
		for j, st := range pc.steps {
			at := sanitize.Pad(st.at, 19)
			first := "    " + at + "  "
			remark := st.remark
			if j == 0 {
				remark = s.Bold.Render(remark)
			}
			p.wrapped(4+19+2, first, remark)
		}
	}
}

func billText(no string) string {
	if no == "" {
		return ""
	}
	return "bill " + no
}

func shippedText(t string) string {
	if t == "" {
		return ""
	}
	return "shipped " + t
}

// noTraceText says why there is no trace, in the order's terms: before
// shipping that is expected, not an error.
func noTraceText(o xport.Order) string {
	switch strings.TrimSpace(string(o.BaseInfo.Status)) {
	case "waitbuyerpay", "waitsellersend", "":
		return "No tracking yet: the seller has not shipped."
	case "cancel", "terminated":
		return "No tracking: the order was closed before it shipped."
	}
	return "No tracking yet: 1688 has no trace for this order (traces can be late)."
}
