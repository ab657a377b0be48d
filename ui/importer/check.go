package importer

import (
	"context"
	"fmt"
	"strings"
	"time"

	"caigou/ui/detail"
	"caigou/ui/pricing"
	"caigou/ui/sanitize"
	"caigou/ui/sourcing"
	"caigou/xport"
)

// Verdict is what the check found of a row.
type Verdict int

const (
	// Valid rows are kept as they are.
	Valid Verdict = iota
	// Adjusted rows are kept with a change said (the quantity moved up
	// to the minimum or a whole lot).
	Adjusted
	// Search rows name a keyword, not an offer: kept as an item to find
	// suppliers for.
	Search
	// Invalid rows are not kept; Why says why.
	Invalid
	// Duplicate rows repeat an earlier row's offer and SKU; not kept.
	Duplicate
)

func (v Verdict) String() string {
	return [...]string{"valid", "adjusted", "to search", "invalid", "duplicate"}[v]
}

// Result is a row and what the check found.
type Result struct {
	Row
	Verdict Verdict
	Why     string // for Adjusted, Invalid and Duplicate
	// SpecID and SKULabel are the SKU the text resolved to ("" for an
	// offer without SKUs, or when none was given and none is needed).
	SpecID, SKULabel string
	// Quote prices the row at its quantity (moved as Why says).
	Quote detail.Quote
}

// Progress is told after each offer is read: done of total calls.
type Progress func(done, total int)

// Check reads every offer the rows name (one call each, under the
// client's limiter) and checks each row: the offer exists and can be
// ordered, the SKU text names exactly one SKU (needed when needSKU, as
// for the cart), the stock covers the quantity, the quantity meets the
// minimum and the lot. A cancelled check returns what it had, and err.
func Check(ctx context.Context, g detail.Getter, rows []Row, needSKU bool, now time.Time, progress Progress) ([]Result, error) {
	var ids []string
	seen := map[string]bool{}
	for _, r := range rows {
		if r.Problem == "" && r.OfferID != "" && !seen[r.OfferID] {
			seen[r.OfferID] = true
			ids = append(ids, r.OfferID)
		}
	}
	got := detail.Fetch(ctx, g, ids, func(done int) {
		if progress != nil {
			progress(done, len(ids))
		}
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := make([]Result, 0, len(rows))
	first := map[string]int{} // offer+spec → the row that has it
	for _, r := range rows {
		res := check(r, got, needSKU, now)
		if res.Verdict == Valid || res.Verdict == Adjusted {
			k := r.OfferID + "\x00" + res.SpecID
			if line, dup := first[k]; dup {
				res.Verdict, res.Why = Duplicate, fmt.Sprintf("the same offer and SKU as row %d", line)
			} else {
				first[k] = r.Line
			}
		}
		out = append(out, res)
	}
	return out, nil
}

func check(r Row, got detail.Fetched, needSKU bool, now time.Time) Result {
	res := Result{Row: r}
	invalid := func(why string) Result { res.Verdict, res.Why = Invalid, why; return res }
	switch {
	case r.Problem != "":
		return invalid(r.Problem)
	case r.Keyword != "":
		res.Verdict = Search
		return res
	case got.Gone[r.OfferID]:
		return invalid("offer " + r.OfferID + " does not exist on 1688 (removed, or a wrong id)")
	case got.Failed[r.OfferID] != nil:
		why := xport.Hint(got.Failed[r.OfferID])
		if why == "" {
			why = sanitize.Line(got.Failed[r.OfferID].Error())
		}
		return invalid("offer " + r.OfferID + " could not be read: " + why)
	}
	d := got.Details[r.OfferID]
	if len(d.SKUs) > 0 {
		ids, labels := detail.ResolveSKU(d, r.SKU)
		switch {
		case r.SKU == "" && needSKU:
			return invalid("no SKU given, and the offer has " + fmt.Sprint(len(d.SKUs)) + ": write one in the SKU column (e.g. " + quote(firstLabel(d)) + ")")
		case r.SKU == "":
		case len(ids) == 0:
			return invalid("no SKU of the offer is " + quote(r.SKU) + "; its SKUs are " + listOf(d))
		case len(ids) > 1:
			return invalid(quote(r.SKU) + " names " + fmt.Sprint(len(ids)) + " SKUs (" + strings.Join(cut(labels, 3), ", ") + "): write it in full")
		default:
			res.SpecID, res.SKULabel = ids[0], labels[0]
		}
	} else if r.SKU != "" {
		res.Why = "the offer has no SKUs; " + quote(r.SKU) + " was ignored"
	}
	want := r.Qty
	res.Quote = detail.QuoteOf(d, res.SpecID, func(rules pricing.Rules) int64 { return sourcing.Orderable(want, rules) }, now)
	q := res.Quote
	if q.Why != "" {
		// With no SKU chosen (a candidate for a list) the price is the
		// desk's pick, whose stock says nothing of the SKU the agent will
		// choose: only an offer that cannot be ordered at all is refused.
		st := strings.TrimSpace(sanitize.Line(string(d.Status)))
		if !(res.SpecID == "" && q.Guessed) || (st != "" && st != "published") {
			return invalid(q.Why)
		}
	}
	note := sourcing.OrderableNote(want, q.Quantity, q.Rules)
	if note != "" {
		res.Verdict, res.Why = Adjusted, join(res.Why, "quantity "+note)
	} else if res.Why != "" {
		res.Verdict = Adjusted
	}
	return res
}

func firstLabel(d *xport.ProductDetail) string {
	_, labels := detail.ResolveSKU(d, string(d.SKUs[0].SpecID))
	if len(labels) > 0 {
		return labels[0]
	}
	return string(d.SKUs[0].SpecID)
}

// listOf names an offer's SKUs for a message, the first few.
func listOf(d *xport.ProductDetail) string {
	var labels []string
	for i, s := range d.SKUs {
		if i == 4 {
			labels = append(labels, fmt.Sprintf("and %d more", len(d.SKUs)-4))
			break
		}
		_, l := detail.ResolveSKU(d, string(s.SpecID))
		labels = append(labels, strings.Join(l, ""))
	}
	return strings.Join(labels, ", ")
}

func cut(s []string, n int) []string {
	if len(s) <= n {
		return s
	}
	return append(s[:n:n], "…")
}
