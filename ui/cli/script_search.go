package cli

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"caigou/ui/offerlink"
	"caigou/ui/pricing"
	"caigou/ui/sanitize"
	"caigou/xport"
)

// maxScriptKeyword is the longest keyword 1688 takes, in characters (the
// desk's search box has the same limit).
const maxScriptKeyword = 100

// searchOut is the caigou.search/1 schema.
type searchOut struct {
	Schema     string        `json:"schema"`
	Sandbox    bool          `json:"sandbox"`
	Keyword    string        `json:"keyword"`
	Page       int           `json:"page"`
	PageSize   int           `json:"page_size"`
	Total      int64         `json:"total"`
	TotalPages int64         `json:"total_pages"`
	Skipped    int           `json:"skipped"`
	Offers     []searchOffer `json:"offers"`
}

// searchOffer is one result card.
type searchOffer struct {
	OfferID          string   `json:"offer_id"`
	Title            string   `json:"title"`
	TitleEN          string   `json:"title_en"`
	PriceFen         *int64   `json:"price_fen"`
	PriceYuan        *string  `json:"price_yuan"`
	MinOrderQuantity *int64   `json:"min_order_quantity"`
	MonthSold        *int64   `json:"month_sold"`
	MonthSoldAtLeast bool     `json:"month_sold_at_least"`
	RepurchaseRate   string   `json:"repurchase_rate"`
	ShipFrom         string   `json:"ship_from"`
	TradeScore       string   `json:"trade_score"`
	Link             *string  `json:"link"`
	Unreadable       []string `json:"unreadable"`
}

func runSearchCmd(env Env, args []string) int {
	var page, size int
	r, code, ok := parseScript(env, "search", args, func(fs *flag.FlagSet) {
		fs.IntVar(&page, "page", 1, "")
		fs.IntVar(&size, "size", 0, "")
	})
	if !ok {
		return code
	}
	kw := sanitize.Line(strings.Join(r.args, " "))
	if kw == "" {
		return usageErr(env, r.name, "a keyword is missing: caigou search KEYWORD... (Chinese or English, e.g. 手机壳)")
	}
	if n := utf8.RuneCountInString(kw); n > maxScriptKeyword {
		return usageErr(env, r.name, fmt.Sprintf("the keyword is %d characters, %d more than the %d 1688 takes: shorten it", n, n-maxScriptKeyword, maxScriptKeyword))
	}
	if id, ok := offerlink.ID(kw); ok {
		// The desk's search box opens a pasted link; a script says which.
		r.note("“%s” looks like an offer id or link: `caigou offer %s` shows that offer; searching it as a keyword", kw, id)
	}
	if !r.intFlag("page", page, 1, 10000) || (size != 0 && !r.intFlag("size", size, 1, 50)) {
		return exitUsage
	}
	e, err := r.open()
	if err != nil {
		return r.openFailed(err)
	}
	defer e.close()
	if size == 0 {
		size = e.ui.PageSize // [ui] page_size, as the desk's pages
	}
	ctx, cancel := e.callCtx(env.Ctx)
	defer cancel()
	// The desk's search page asks exactly this (query.request, best match).
	res, err := e.client.SearchKeyword(ctx, xport.SearchQuery{Keyword: kw, Page: page, PageSize: size})
	if err != nil {
		return r.failed("searching “"+kw+"”", err)
	}
	out := &searchOut{Schema: "caigou.search/1", Sandbox: e.sandboxed, Keyword: kw, Page: page, PageSize: size,
		Total: int64(res.TotalRecords), TotalPages: int64(res.TotalPage), Skipped: res.Skipped, Offers: []searchOffer{}}
	for _, o := range res.Offers {
		out.Offers = append(out.Offers, searchCard(o))
	}
	if res.Skipped > 0 {
		r.note("%d result(s) left out: their offer id could not be read", res.Skipped)
	}
	if len(out.Offers) == 0 {
		r.note("no offers for “%s” on page %d", kw, page)
	}
	return r.emit(out, searchCSVHead, searchCSVText, searchCSV(out), func(w io.Writer, width int) error {
		return searchTable(w, width, out)
	})
}

// searchCard is a card as the schema writes it. A field the card sent
// but that could not be read is null (or empty), never a zero that would
// read as a value; its path is in unreadable.
func searchCard(o xport.Offer) searchOffer {
	id := sanitize.Line(string(o.OfferID))
	c := searchOffer{OfferID: id, Link: offerLink(id), Unreadable: append([]string{}, o.Unreadable...)}
	if o.Readable("subject") {
		c.Title = txt(o.Subject)
	}
	if o.Readable("subjectTrans") {
		c.TitleEN = txt(o.SubjectTrans)
	}
	p := o.PriceInfo.Price.Fen()
	c.PriceFen, c.PriceYuan = money(p, o.Readable("priceInfo.price") && p > 0)
	if n := int64(o.MinOrderQuantity); o.Readable("minOrderQuantity") && n > 0 {
		c.MinOrderQuantity = &n
	}
	if o.Readable("monthSold") {
		n := o.MonthSold.N
		c.MonthSold, c.MonthSoldAtLeast = &n, o.MonthSold.AtLeast
	}
	if o.Readable("repurchaseRate") {
		c.RepurchaseRate = txt(o.RepurchaseRate)
	}
	if o.Readable("sendGoodsAddressText") {
		c.ShipFrom = txt(o.SendGoodsAddressText)
	}
	if o.Readable("tradeScore") {
		c.TradeScore = txt(o.TradeScore)
	}
	return c
}

var (
	searchCSVHead = []string{"offer_id", "title", "title_en", "price_fen", "price_yuan", "min_order_quantity", "month_sold", "repurchase_rate", "ship_from", "trade_score", "link"}
	searchCSVText = []bool{false, true, true, false, false, false, false, true, true, true, false}
)

func searchCSV(out *searchOut) [][]string {
	rows := make([][]string, 0, len(out.Offers))
	for _, o := range out.Offers {
		rows = append(rows, []string{o.OfferID, o.Title, o.TitleEN, intCell(o.PriceFen), deref(o.PriceYuan),
			intCell(o.MinOrderQuantity), soldCell(o), o.RepurchaseRate, o.ShipFrom, o.TradeScore, deref(o.Link)})
	}
	return rows
}

func searchTable(w io.Writer, width int, out *searchOut) error {
	cols := []column{{head: "OFFER ID", max: 20}, {head: "PRICE FROM", right: true}, {head: "MOQ", right: true},
		{head: "SOLD/MONTH", right: true}, {head: "SHIPS FROM", max: 12}, {head: "TITLE"}}
	rows := make([][]string, 0, len(out.Offers))
	for _, o := range out.Offers {
		price := "ask"
		if o.PriceFen != nil {
			price = pricing.Money(xport.Fen(*o.PriceFen))
		}
		moq := "—"
		if o.MinOrderQuantity != nil {
			moq = pricing.Count(*o.MinOrderQuantity)
		}
		sold := "—"
		if o.MonthSold != nil {
			sold = pricing.Count(*o.MonthSold)
			if o.MonthSoldAtLeast {
				sold += "+"
			}
		}
		title := o.TitleEN
		if title == "" {
			title = o.Title
		}
		rows = append(rows, []string{o.OfferID, price, moq, sold, orNone(shipCity(o.ShipFrom)), orNone(title)})
	}
	return writeTable(w, width, cols, rows)
}

// shipCity is the end of a ship-from address, its city.
func shipCity(addr string) string {
	if f := strings.Fields(addr); len(f) > 0 {
		return f[len(f)-1]
	}
	return ""
}

func soldCell(o searchOffer) string {
	if o.MonthSold == nil {
		return ""
	}
	s := strconv.FormatInt(*o.MonthSold, 10)
	if o.MonthSoldAtLeast {
		s += "+"
	}
	return s
}

// intCell is a nullable number's CSV cell.
func intCell(n *int64) string {
	if n == nil {
		return ""
	}
	return strconv.FormatInt(*n, 10)
}
