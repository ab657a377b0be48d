package orders

import (
	"sort"
	"strings"

	"caigou/xport"
)

// parcel is one shipment of an order with its trace, ready to draw.
type parcel struct {
	carrier     string // "中通快递 (ZTO)"
	billNo      string
	logisticsID string
	node        Word   // the last node 1688 reported (logisticsItems.status)
	shipped     string // deliveredTime, China time
	steps       []step // newest first
}

type step struct{ at, remark string }

// parcels joins the traces with the order's shipments: the trace has the
// events, the order the carrier's code, the node and the ship time. A
// shipment without a trace is listed too (1688 traces are sometimes
// late, and "不需要物流" has none at all).
func parcels(o xport.Order, traces []xport.LogisticsTrace) []parcel {
	items := o.NativeLogistics.LogisticsItems
	used := make([]bool, len(items))
	match := func(id, bill string) int {
		for i, it := range items {
			if used[i] {
				continue
			}
			if (id != "" && clean(string(it.LogisticsID)) == id) || (bill != "" && clean(string(it.LogisticsBillNo)) == bill) {
				return i
			}
		}
		return -1
	}
	var out []parcel
	for _, t := range traces {
		p := parcel{
			carrier:     clean(string(t.LogisticsCompanyName)),
			billNo:      clean(string(t.LogisticsBillNo)),
			logisticsID: clean(string(t.LogisticsID)),
			steps:       newestFirst(t.Steps),
		}
		if i := match(p.logisticsID, p.billNo); i >= 0 {
			used[i] = true
			p.fill(items[i])
		}
		out = append(out, p)
	}
	for i, it := range items {
		if used[i] {
			continue
		}
		p := parcel{logisticsID: clean(string(it.LogisticsID))}
		p.fill(it)
		out = append(out, p)
	}
	return out
}

// fill takes from the order's shipment what the trace lacks.
func (p *parcel) fill(it xport.LogisticsItem) {
	name := clean(string(it.LogisticsCompanyName))
	if p.carrier == "" {
		p.carrier = name
	}
	if code := clean(string(it.LogisticsCode)); code != "" && !strings.Contains(p.carrier, code) {
		p.carrier = joinNonEmpty(" ", p.carrier, "("+code+")")
	}
	if p.billNo == "" {
		p.billNo = clean(string(it.LogisticsBillNo))
	}
	p.node = ParcelStatus(string(it.Status))
	p.node.Raw = clean(p.node.Raw)
	p.shipped = when(it.DeliveredTime, longTime)
}

// newestFirst orders a trace's steps latest first. 1688 sends them oldest
// first, but that is not promised: when every step has a time they are
// sorted by it, and otherwise the order sent is reversed.
func newestFirst(in []xport.LogisticsStep) []step {
	rev := make([]xport.LogisticsStep, len(in))
	all := true
	for i, s := range in {
		rev[len(in)-1-i] = s
		if s.AcceptTime.Time.IsZero() {
			all = false
		}
	}
	if all {
		sort.SliceStable(rev, func(i, j int) bool { return rev[i].AcceptTime.After(rev[j].AcceptTime.Time) })
	}
	out := make([]step, 0, len(rev))
	for _, s := range rev {
		out = append(out, step{at: when(s.AcceptTime, traceTime), remark: clean(string(s.Remark))})
	}
	return out
}
