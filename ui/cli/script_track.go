package cli

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"caigou/ui/orders"
	"caigou/ui/pricing"
	"caigou/ui/sanitize"
	"caigou/xport"
)

// trackOut is the caigou.track/1 schema.
type trackOut struct {
	Schema   string        `json:"schema"`
	Sandbox  bool          `json:"sandbox"`
	OrderID  string        `json:"order_id"`
	Status   string        `json:"status"`
	StatusZH string        `json:"status_zh"`
	StatusEN string        `json:"status_en"`
	Parcels  []trackParcel `json:"parcels"`

	statusCompact string
}

type trackParcel struct {
	Carrier     string      `json:"carrier"`
	BillNo      string      `json:"bill_no"`
	LogisticsID string      `json:"logistics_id"`
	Shipped     *string     `json:"shipped"`
	Steps       []trackStep `json:"steps"`
}

type trackStep struct {
	Time   *string `json:"time"`
	Remark string  `json:"remark"`

	at xport.Time
}

func runTrackCmd(env Env, args []string) int {
	r, code, ok := parseScript(env, "track", args, nil)
	if !ok {
		return code
	}
	if len(r.args) != 1 {
		return usageErr(env, r.name, "give one order id: caigou track 3305123456789012345 (caigou orders lists them)")
	}
	id, ok := scriptOrderID(r.args[0])
	if !ok {
		return usageErr(env, r.name, fmt.Sprintf("%q is not an order id (6 to 20 digits)", sanitize.Truncate(sanitize.Line(r.args[0]), 40)))
	}
	e, err := r.open()
	if err != nil {
		return r.openFailed(err)
	}
	defer e.close()
	// The order first, as the desk's order page reads it: it says whether
	// the order exists (the trace alone answers "nothing shipped yet" for
	// an order that does not), its status, and its shipments.
	ctx, cancel := e.callCtx(env.Ctx)
	o, err := e.client.OrderDetail(ctx, id)
	cancel()
	if err != nil {
		return r.failed("order "+id, err)
	}
	ctx, cancel = e.callCtx(env.Ctx)
	traces, err := e.client.Logistics(ctx, id)
	cancel()
	if err != nil {
		return r.failed("tracking order "+id, err)
	}
	w := orders.TradeStatus(string(o.BaseInfo.Status))
	out := &trackOut{Schema: "caigou.track/1", Sandbox: e.sandboxed, OrderID: id, Status: txt(o.BaseInfo.Status),
		StatusZH: w.ZH, StatusEN: w.EN, Parcels: parcelsOf(o, traces), statusCompact: sanitize.Line(w.String())}
	if len(out.Parcels) == 0 {
		r.note("order %s has no parcel yet (%s)", id, orNone(out.statusCompact))
	}
	return r.emit(out, trackCSVHead, trackCSVText, trackCSV(out), func(w io.Writer, width int) error {
		return trackTable(w, width, out)
	})
}

// scriptOrderID reads an order id: digits only (full-width ones, as a
// Chinese input method types them, too), 6 to 20 of them.
func scriptOrderID(s string) (string, bool) {
	id, ok := pricing.Digits(strings.TrimSpace(s))
	return id, ok && len(id) >= 6 && len(id) <= 20
}

// parcelsOf joins the traces with the order's shipments as the desk's
// order page does: the trace has the events, the order the ship time; a
// shipment without a trace is listed too, with no steps. Steps are
// newest first (sorted by time when every step has one, else the order
// sent reversed).
func parcelsOf(o *xport.Order, traces []xport.LogisticsTrace) []trackParcel {
	items := o.NativeLogistics.LogisticsItems
	used := make([]bool, len(items))
	out := []trackParcel{}
	for _, t := range traces {
		p := trackParcel{Carrier: txt(t.LogisticsCompanyName), BillNo: txt(t.LogisticsBillNo), LogisticsID: txt(t.LogisticsID), Steps: []trackStep{}}
		for i, it := range items {
			if used[i] {
				continue
			}
			if (p.LogisticsID != "" && txt(it.LogisticsID) == p.LogisticsID) || (p.BillNo != "" && txt(it.LogisticsBillNo) == p.BillNo) {
				used[i] = true
				p.fill(it)
				break
			}
		}
		all := true
		for j := len(t.Steps) - 1; j >= 0; j-- {
			s := t.Steps[j]
			all = all && !s.AcceptTime.Time.IsZero()
			p.Steps = append(p.Steps, trackStep{Time: chinaTime(s.AcceptTime), Remark: txt(s.Remark), at: s.AcceptTime})
		}
		if all {
			sort.SliceStable(p.Steps, func(i, j int) bool { return p.Steps[i].at.After(p.Steps[j].at.Time) })
		}
		out = append(out, p)
	}
	for i, it := range items {
		if !used[i] {
			p := trackParcel{LogisticsID: txt(it.LogisticsID), Steps: []trackStep{}}
			p.fill(it)
			out = append(out, p)
		}
	}
	return out
}

// fill takes from the order's shipment what the trace lacks.
func (p *trackParcel) fill(it xport.LogisticsItem) {
	if p.Carrier == "" {
		p.Carrier = txt(it.LogisticsCompanyName)
	}
	if p.BillNo == "" {
		p.BillNo = txt(it.LogisticsBillNo)
	}
	p.Shipped = chinaTime(it.DeliveredTime)
}

var (
	trackCSVHead = []string{"order_id", "status", "carrier", "bill_no", "logistics_id", "time", "remark"}
	trackCSVText = []bool{false, true, true, true, true, false, true}
)

// trackCSV is one row per step, newest first; a parcel without steps is
// one row with time and remark empty.
func trackCSV(out *trackOut) [][]string {
	var rows [][]string
	for _, p := range out.Parcels {
		lead := []string{out.OrderID, out.Status, p.Carrier, p.BillNo, p.LogisticsID}
		if len(p.Steps) == 0 {
			rows = append(rows, append(append([]string{}, lead...), "", ""))
		}
		for _, s := range p.Steps {
			rows = append(rows, append(append([]string{}, lead...), deref(s.Time), s.Remark))
		}
	}
	return rows
}

// trackTable is a line naming the order and its status, then the steps
// of every parcel, newest first.
func trackTable(w io.Writer, width int, out *trackOut) error {
	head := "order " + out.OrderID + " · " + orNone(out.statusCompact)
	if width > 0 {
		head = sanitize.Truncate(head, width)
	}
	fmt.Fprintln(w, head)
	if len(out.Parcels) == 0 {
		return nil
	}
	fmt.Fprintln(w)
	var rows [][]string
	for _, p := range out.Parcels {
		if len(p.Steps) == 0 {
			rows = append(rows, []string{orNone(shortTimePtr(p.Shipped)), orNone(p.Carrier), orNone(p.BillNo), "(shipped; no tracking events yet)"})
		}
		for _, s := range p.Steps {
			rows = append(rows, []string{orNone(shortTimePtr(s.Time)), orNone(p.Carrier), orNone(p.BillNo), orNone(s.Remark)})
		}
	}
	return writeTable(w, width, []column{{head: "TIME"}, {head: "CARRIER", max: 16}, {head: "BILL NO", max: 20}, {head: "EVENT"}}, rows)
}

// shortTimePtr is an RFC 3339 time for a table cell: "2026-05-20 15:40".
func shortTimePtr(s *string) string {
	if s == nil || len(*s) < 16 {
		return ""
	}
	return strings.Replace((*s)[:16], "T", " ", 1)
}
