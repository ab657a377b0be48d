package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"caigou/ui/cart"
	"caigou/ui/common"
	"caigou/ui/export"
	"caigou/ui/importer"
	"caigou/ui/pricing"
	"caigou/ui/sanitize"
	"caigou/ui/sourcing"
	"caigou/ui/sourcingview"
)

// runListCmd is `caigou list export NAME FILE`.
func runListCmd(env Env, args []string) int {
	r, code, ok := parseScript(env, "list", args, nil)
	if !ok {
		return code
	}
	if len(r.args) != 3 || r.args[0] != "export" {
		return usageErr(env, r.name, "write: caigou list export NAME FILE (FILE ends in .xlsx or .csv)")
	}
	name, path := r.args[1], r.args[2]
	if !exportable(path) {
		return usageErr(env, r.name, "the file's name must end in .xlsx or .csv")
	}
	e, err := r.open()
	if err != nil {
		return r.openFailed(err)
	}
	defer e.close()
	if e.db == nil {
		return r.openFailed(errors.New("the state database that keeps the lists could not be opened"))
	}
	st := sourcing.New(e.db)
	ctx, cancel := context.WithCancel(env.Ctx)
	defer cancel()
	lists, err := findList(ctx, st, name)
	switch {
	case err != nil:
		return r.openFailed(err)
	case len(lists) == 0:
		r.note("no sourcing list is called %q (the desk's S lists them)", sanitize.Line(name))
		return exitNotFound
	}
	crt, err := cart.New(e.db)
	if err != nil {
		return r.openFailed(err)
	}
	c := &common.Common{Cart: crt, Config: e.ui}
	src := sourcingview.ListSource{Store: st, Market: e.client, Card: e.freight, Now: time.Now, Pick: c.ShippingAddress}
	t, offers, err := sourcingview.ListTable(ctx, src, lists[0])
	if err != nil {
		return r.failed("reading the list's offers", err)
	}
	if err := export.WriteFile(path, t); err != nil {
		return r.openFailed(err)
	}
	r.note("wrote %s (%d rows, %d offers read) to %s", sanitize.Line(lists[0].Name), len(t.Rows), offers, path)
	return exitOK
}

// findList is the list called name, archived ones too; a name differing
// only in case is found when it is the only one.
func findList(ctx context.Context, st *sourcing.Store, name string) ([]sourcing.List, error) {
	var all []sourcing.List
	for _, archived := range []bool{false, true} {
		ls, err := st.Lists(ctx, archived)
		if err != nil {
			return nil, err
		}
		all = append(all, ls...)
	}
	var folded []sourcing.List
	for _, l := range all {
		if l.Name == name {
			return []sourcing.List{l}, nil
		}
		if strings.EqualFold(l.Name, name) {
			folded = append(folded, l)
		}
	}
	if len(folded) == 1 {
		return folded, nil
	}
	return nil, nil
}

func exportable(path string) bool {
	p := strings.ToLower(path)
	return strings.HasSuffix(p, ".xlsx") || strings.HasSuffix(p, ".csv")
}

// runCartCmd is `caigou cart export FILE` and `caigou cart import FILE`.
func runCartCmd(env Env, args []string) int {
	var yes bool
	r, code, ok := parseScript(env, "cart", args, func(fs *flag.FlagSet) { fs.BoolVar(&yes, "yes", false, "") })
	if !ok {
		return code
	}
	if len(r.args) != 2 || (r.args[0] != "export" && r.args[0] != "import") {
		return usageErr(env, r.name, "write: caigou cart export FILE, or caigou cart import FILE [--yes]")
	}
	path := r.args[1]
	if !exportable(path) {
		return usageErr(env, r.name, "the file's name must end in .xlsx or .csv")
	}
	e, err := r.open()
	if err != nil {
		return r.openFailed(err)
	}
	defer e.close()
	if e.db == nil {
		return r.openFailed(errors.New("the state database that keeps the cart could not be opened"))
	}
	crt, err := cart.New(e.db)
	if err != nil {
		return r.openFailed(err)
	}
	if r.args[0] == "export" {
		if err := export.WriteFile(path, crt.Table(nil)); err != nil {
			return r.openFailed(err)
		}
		r.note("wrote %d cart lines to %s (the desk's prices; previewed totals come from the desk's checkout, E)", crt.Count(), path)
		return exitOK
	}
	return r.importCart(e, crt, path, yes)
}

// cartImportRow is one row of the caigou.cart-import/1 report.
type cartImportRow struct {
	Row      int    `json:"row"`
	Verdict  string `json:"verdict"`
	OfferID  string `json:"offer_id"`
	SpecID   string `json:"spec_id"`
	SKU      string `json:"sku"`
	Quantity int64  `json:"quantity"`
	Why      string `json:"why"`
}

type cartImportOut struct {
	Schema  string          `json:"schema"`
	Sandbox bool            `json:"sandbox"`
	Added   bool            `json:"added"`
	Rows    []cartImportRow `json:"rows"`
}

// importCart checks every row against the live catalogue and, with
// --yes, adds the rows that can be ordered in one change (all or none).
// Without --yes it only reports: nothing is kept before the agent has
// read the report.
func (r *scriptRun) importCart(e *engine, crt *cart.Cart, path string, yes bool) int {
	header, cells, err := export.ReadFile(path)
	if err != nil {
		return r.openFailed(err)
	}
	m := importer.Recognise(header)
	if miss := m.Missing(); len(miss) > 0 {
		var need []string
		for _, f := range miss {
			need = append(need, f.String())
		}
		var found []string
		for _, h := range header {
			found = append(found, fmt.Sprintf("%q", sanitize.Line(h)))
		}
		r.note("no column for the %s among the headings %s; name them like 链接/link and 数量/qty (the desk's import, I on the sourcing lists, lets you map them)", strings.Join(need, " and "), strings.Join(found, ", "))
		return exitUsage
	}
	rows := importer.Rows(m, cells)
	res, err := importer.Check(r.env.Ctx, e.client, rows, true, time.Now(), func(done, n int) {
		if done == n || done%10 == 0 {
			r.note("checked %d of %d offers", done, n)
		}
	})
	if err != nil {
		return r.failed("checking the rows", err)
	}
	out := &cartImportOut{Schema: "caigou.cart-import/1", Sandbox: e.sandboxed}
	var lines []cart.Line
	for _, x := range res {
		out.Rows = append(out.Rows, cartImportRow{Row: x.Line, Verdict: x.Verdict.String(), OfferID: x.OfferID, SpecID: x.SpecID, SKU: x.SKULabel, Quantity: x.Quote.Quantity, Why: x.Why})
		if x.Verdict == importer.Valid || x.Verdict == importer.Adjusted {
			lines = append(lines, x.Quote.Line)
		}
	}
	switch {
	case !yes:
		r.note("%d of %d rows can go in the cart; nothing was added: run again with --yes to add them", len(lines), len(res))
	case len(lines) == 0:
		r.note("no row can be ordered: nothing was added")
	default:
		if err := crt.AddAll(lines); err != nil {
			r.note("nothing was added: %s", say(err))
			return exitFailure
		}
		out.Added = true
		r.note("added %d lines to the cart (%s pieces)", len(lines), pricing.Count(sumQty(lines)))
	}
	code := r.emit(out, []string{"row", "verdict", "offer_id", "spec_id", "sku", "quantity", "why"}, []bool{false, false, false, false, true, false, true}, importCSV(out), func(w io.Writer, width int) error {
		for _, x := range out.Rows {
			line := fmt.Sprintf("row %d  %-10s %s %s × %d", x.Row, x.Verdict, x.OfferID, x.SKU, x.Quantity)
			if x.Why != "" {
				line += "  — " + x.Why
			}
			if _, err := fmt.Fprintln(w, sanitize.Truncate(sanitize.Line(line), max(width, 40))); err != nil {
				return err
			}
		}
		return nil
	})
	if code == exitOK && yes && len(lines) == 0 {
		return exitFailure
	}
	return code
}

func importCSV(o *cartImportOut) [][]string {
	var out [][]string
	for _, x := range o.Rows {
		out = append(out, []string{fmt.Sprint(x.Row), x.Verdict, x.OfferID, x.SpecID, x.SKU, fmt.Sprint(x.Quantity), x.Why})
	}
	return out
}

func sumQty(lines []cart.Line) int64 {
	var n int64
	for _, l := range lines {
		n += l.Quantity
	}
	return n
}
