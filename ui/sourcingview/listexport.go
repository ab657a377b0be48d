package sourcingview

import (
	"context"
	"fmt"
	"time"

	"caigou/ui/common"
	"caigou/ui/detail"
	"caigou/ui/export"
	"caigou/ui/sanitize"
	"caigou/ui/savefile"
	"caigou/ui/sourcing"
	"caigou/xport"

	tea "github.com/charmbracelet/bubbletea"
)

// listColumns are a sourcing list's export: one row per candidate (an
// item with none has one row), priced as the comparison prices it.
var listColumns = []export.Column{
	{Name: "Item", Kind: export.Text},
	{Name: "Target (pieces)", Kind: export.Int},
	{Name: "Note / shipping mark", Kind: export.Text},
	{Name: "Chosen", Kind: export.Text},
	{Name: "Cheapest landed", Kind: export.Text},
	{Name: "Offer id", Kind: export.Identifier},
	{Name: "Supplier", Kind: export.Text},
	{Name: "Title", Kind: export.Text},
	{Name: "SKU", Kind: export.Text},
	{Name: "Spec id", Kind: export.Identifier},
	{Name: "Orderable quantity", Kind: export.Int},
	{Name: "Quantity note", Kind: export.Text},
	{Name: "Unit price (CNY)", Kind: export.Money},
	{Name: "Stock", Kind: export.Int},
	{Name: "Domestic freight (CNY)", Kind: export.Money},
	{Name: "International freight estimate (CNY)", Kind: export.Money},
	{Name: "Landed per unit (CNY)", Kind: export.Money},
	{Name: "Not included", Kind: export.Text},
	{Name: "Cannot be ordered because", Kind: export.Text},
	{Name: "Seller years on 1688", Kind: export.Int},
	{Name: "Figures of (CST)", Kind: export.Time},
}

type listGathered struct {
	common.Reply
	table  export.Table
	offers int
	err    error
}

// ListSource is what a list's export reads: the lists, the
// marketplace, the rate card, the clock and how the shipping address is
// chosen (Common.ShippingAddress).
type ListSource struct {
	Store  *sourcing.Store
	Market Market
	Card   sourcing.RateCard
	Now    func() time.Time
	Pick   func([]xport.Address) *xport.Address
}

// gatherList runs ListTable in a command.
func gatherList(ctx context.Context, c *common.Common, l sourcing.List, r common.Reply) tea.Cmd {
	src := ListSource{Store: c.Sourcing, Market: c.Client, Card: c.Freight, Now: c.Now, Pick: c.ShippingAddress}
	return func() tea.Msg {
		t, n, err := ListTable(ctx, src, l)
		return listGathered{Reply: r, table: t, offers: n, err: err}
	}
}

// ListTable prices every candidate of the list's items, with domestic
// freight to the shipping address and the rate card's first channel, and
// lays the export out; offers is how many offers were read. It makes a
// call per offer and one per candidate, under the client's limiter.
func ListTable(ctx context.Context, src ListSource, l sourcing.List) (t export.Table, offers int, err error) {
	items, err := src.Store.Items(ctx, l.ID)
	if err != nil {
		return t, 0, err
	}
	var ids []string
	seen := map[string]bool{}
	for _, it := range items {
		for _, cd := range it.Candidates {
			if !seen[cd.OfferID] {
				seen[cd.OfferID] = true
				ids = append(ids, cd.OfferID)
			}
		}
	}
	mk := src.Market
	got := detail.Fetch(ctx, mk, ids, nil)
	at := src.Now()
	addrs, aerr := mk.Addresses(ctx)
	var addr *xport.Address
	if aerr == nil {
		addr = src.Pick(addrs)
	}
	t = export.Table{Sheet: firstRunes(sanitize.Line(l.Name), 31), Columns: listColumns}
	for _, it := range items {
		rows := make([]cand, 0, len(it.Candidates))
		for _, cd := range it.Candidates {
			r := quoteCand(cd, it.Target, got, at)
			if !r.missing && r.q.Quantity > 0 {
				if q, why := freightQuery(addr, aerr, r); why == "" {
					f, err := mk.FreightEstimate(ctx, q)
					r.setFreight(f, err)
				} else {
					r.freightWhy = why
				}
			}
			r.setIntl(src.Card, 0)
			r.setLanded()
			rows = append(rows, r)
		}
		if err := ctx.Err(); err != nil {
			return export.Table{}, 0, err
		}
		t.Rows = append(t.Rows, itemRows(it, rows, at)...)
	}
	return t, len(ids), nil
}

// freightQuery is the domestic freight question for row r to addr, or
// why it cannot be asked.
func freightQuery(addr *xport.Address, addrErr error, r cand) (xport.FreightQuery, string) {
	switch {
	case addrErr != nil:
		return xport.FreightQuery{}, "the addresses could not be read (" + sanitize.Line(addrErr.Error()) + ")"
	case addr == nil:
		return xport.FreightQuery{}, "the account has no shipping address"
	}
	prov, city, ok := detail.RegionCodes(string(addr.DistrictCode))
	if !ok {
		return xport.FreightQuery{}, "the shipping address has no district code"
	}
	q := xport.FreightQuery{OfferID: r.c.OfferID, ProvinceCode: prov, CityCode: city, DistrictCode: string(addr.DistrictCode), TotalNum: r.q.Quantity}
	if r.q.Line.SkuID != "" {
		q.SKUs = []xport.FreightSKU{{SkuID: r.q.Line.SkuID, Number: r.q.Quantity}}
	}
	return q, ""
}

// itemRows is one item's rows of the export.
func itemRows(it sourcing.Item, rows []cand, at time.Time) [][]export.Value {
	head := []export.Value{export.T(sanitize.Line(it.Name)), export.N(it.Target), export.T(sanitize.Line(it.Note))}
	if len(rows) == 0 {
		row := append(head, export.Empty())
		for range listColumns[4:] {
			row = append(row, export.Empty())
		}
		return [][]export.Value{row}
	}
	best := -1
	for i := range rows {
		if landedKey(&rows[i]) != 1<<62 && (best < 0 || landedKey(&rows[i]) < landedKey(&rows[best])) {
			best = i
		}
	}
	var out [][]export.Value
	for i, r := range rows {
		yes := func(b bool) export.Value {
			if b {
				return export.T("yes")
			}
			return export.Empty()
		}
		money := func(f xport.Fen, ok bool) export.Value {
			if !ok {
				return export.Empty()
			}
			return export.Fen(int64(f))
		}
		row := append(append([]export.Value{}, head...), yes(r.c.Chosen), yes(i == best), export.ID(r.c.OfferID))
		if r.missing {
			why := "1688 says this offer does not exist"
			if r.failed != "" {
				why = "not read: " + r.failed
			}
			row = append(row, export.Empty(), export.T(sanitize.Line(r.c.Info.Title)), export.T(sanitize.Line(r.c.Info.SKU)), export.ID(r.c.SpecID),
				export.Empty(), export.Empty(), export.Empty(), export.Empty(), export.Empty(), export.Empty(), export.Empty(), export.Empty(), export.T(why), export.Empty(), export.At(at))
			out = append(out, row)
			continue
		}
		q := r.q
		var stock export.Value
		if q.Rules.Stock >= 0 {
			stock = export.N(q.Rules.Stock)
		}
		var missing []string
		if !r.freightOK {
			missing = append(missing, "domestic freight ("+r.freightWhy+")")
		}
		if !r.intlOK {
			missing = append(missing, "international freight ("+r.intlWhy+")")
		}
		missing = append(missing, "the Xport fee (known at preview)")
		var years export.Value
		if q.Seller.TpYear > 0 {
			years = export.N(int64(q.Seller.TpYear))
		}
		row = append(row, export.T(q.Company), export.T(q.TitleZH), export.T(q.SKU), export.ID(q.SpecID),
			export.N(q.Quantity), export.T(sourcing.OrderableNote(it.Target, q.Quantity, q.Rules)), money(q.Price.Unit, q.Price.OK), stock,
			money(r.freight, r.freightOK), money(r.intl, r.intlOK), money(r.landed.PerUnit, r.landed.PerUnit > 0),
			export.T(joinWords(missing)), export.T(q.Why), years, export.At(at))
		out = append(out, row)
	}
	return out
}

func joinWords(s []string) string {
	out := ""
	for i, w := range s {
		if i > 0 {
			out += "; "
		}
		out += w
	}
	return out
}

// export gathers the list's figures, then asks where the file goes.
func (p *Items) export() tea.Cmd {
	if len(p.items) == 0 {
		return common.Status(common.Info, "The list has no items to export.")
	}
	p.exporting = true
	ctx, seq := p.req.Start("export")
	return tea.Batch(gatherList(ctx, p.c, p.list, common.Reply{Page: p.id, Seq: seq}),
		common.Status(common.Info, "Reading the candidates' offers and freight for the export… esc cancels."))
}

func (p *Items) onGathered(msg listGathered) tea.Cmd {
	p.exporting = false
	if msg.err != nil {
		return common.Error("Gathering the list for the export", msg.err)
	}
	name := sanitize.Line(p.list.Name) + "-" + p.c.Now().In(xport.ChinaTime()).Format("20060102") + ".xlsx"
	what := fmt.Sprintf("the list «%s»", sanitize.Line(p.list.Name))
	note := fmt.Sprintf("%s, each candidate priced at the item's quantity (%d offers read; international freight by the rate card's first channel).", plural(len(p.items), "item"), msg.offers)
	return common.Push(savefile.New(p.c, what, note, safeFileName(name), msg.table))
}

// safeFileName keeps a list's name usable as a file name.
func safeFileName(s string) string {
	out := []rune{}
	for _, r := range s {
		if r == '/' || r == '\\' || r < ' ' || r == ':' {
			r = '-'
		}
		out = append(out, r)
	}
	return string(out)
}
