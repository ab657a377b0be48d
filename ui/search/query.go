package search

import (
	"fmt"
	"strings"

	"caigou/ui/sanitize"
	"caigou/xport"
)

// sortOption is one step of the `s` cycle.
type sortOption struct {
	label string
	sort  xport.Sort
}

// sortOptions is the cycle: best match first, because that is what 1688
// returns without a sort and what an agent expects after typing a word.
func sortOptions() []sortOption {
	return []sortOption{
		{"best match", xport.Sort{}},
		{"price ↑", xport.Sort{Field: "price"}},
		{"price ↓", xport.Sort{Field: "price", Desc: true}},
		{"monthly sales", xport.Sort{Field: "monthSold", Desc: true}},
		{"repurchase rate", xport.Sort{Field: "rePurchaseRate", Desc: true}},
	}
}

// filterOption is a 1688 filter code with the words an agent knows it by.
type filterOption struct {
	code  string
	label string
}

// filterOptions are the codes of reference §3.8 that agents vet suppliers
// with, in the order the panel lists them.
func filterOptions() []filterOption {
	return []filterOption{
		{"totalEpScoreLv1", "5★ rating"},
		{"totalEpScoreLv2", "4.5–5★ rating"},
		{"certifiedFactory", "certified factory"},
		{"shipInToday", "ships today"},
		{"shipIn24Hours", "ships in 24h"},
		{"shipIn48Hours", "ships in 48h"},
		{"noReason7DReturn", "7-day no-reason returns"},
		{"isOnePsale", "dropship"},
		{"new30", "new in 30 days"},
		{"getRate24HLv2", "24h pickup ≥95%"},
	}
}

// kind is what a query searches by.
type kind int

const (
	byKeyword kind = iota
	byImage
	byCategory
)

// picture is what an image search looks for: either the bytes of a local
// file (read and checked in a command) or a URL the service fetches.
type picture struct {
	path string
	url  string
	data []byte
}

// query is everything that decides a result list. Replies carry the query
// they answer so a reply for anything but the current one is dropped.
type query struct {
	id           int // unique per page; a new id for every change
	kind         kind
	keyword      string
	image        picture
	categoryID   string
	categoryName string
	sort         int // index into sortOptions
	filters      map[string]bool
	priceMin     xport.Fen
	priceMax     xport.Fen
}

// active reports whether there is anything to search for.
func (q query) active() bool {
	switch q.kind {
	case byImage:
		return q.image.url != "" || len(q.image.data) > 0
	case byCategory:
		return q.categoryID != ""
	}
	return strings.TrimSpace(q.keyword) != ""
}

// request builds the API query for one page of results.
func (q query) request(page, size int) xport.SearchQuery {
	r := xport.SearchQuery{
		Page:     page,
		PageSize: size,
		Sort:     sortOptions()[q.sort].sort,
		PriceMin: q.priceMin,
		PriceMax: q.priceMax,
	}
	switch q.kind {
	case byKeyword:
		r.Keyword = strings.TrimSpace(q.keyword)
	case byCategory:
		r.CategoryID = q.categoryID
	}
	for _, f := range filterOptions() {
		if q.filters[f.code] {
			r.Filters = append(r.Filters, f.code)
		}
	}
	return r
}

// withFilters copies the map so an edited query never shares it with the
// one whose replies may still be in flight.
func (q query) withFilters(f map[string]bool) query {
	q.filters = map[string]bool{}
	for k, v := range f {
		if v {
			q.filters[k] = true
		}
	}
	return q
}

// subject names what was searched, for messages.
func (q query) subject() string {
	if q.kind == byKeyword {
		return "“" + sanitize.Line(q.keyword) + "”"
	}
	return q.plainSubject()
}

// plainSubject is subject without quotation marks, for the header: curly
// quotes are two cells wide in some CJK terminals and the header fills the
// whole line.
func (q query) plainSubject() string {
	switch q.kind {
	case byImage:
		if q.image.url != "" {
			return "picture " + sanitize.Line(q.image.url)
		}
		return "picture " + sanitize.Line(q.image.path)
	case byCategory:
		return "category " + q.categoryName
	}
	return sanitize.Line(q.keyword)
}

// describe is the one line above the table: what, how sorted, which
// filters, so an agent never wonders why results look as they do.
func (q query) describe() string {
	parts := []string{q.subject(), "sort: " + sortOptions()[q.sort].label}
	if p := q.priceRange(); p != "" {
		parts = append(parts, p)
	}
	for _, f := range filterOptions() {
		if q.filters[f.code] {
			parts = append(parts, f.label)
		}
	}
	return strings.Join(parts, " · ")
}

func (q query) priceRange() string {
	switch {
	case q.priceMin > 0 && q.priceMax > 0:
		return fmt.Sprintf("¥%s–¥%s", q.priceMin.Yuan(), q.priceMax.Yuan())
	case q.priceMin > 0:
		return "from ¥" + q.priceMin.Yuan()
	case q.priceMax > 0:
		return "up to ¥" + q.priceMax.Yuan()
	}
	return ""
}

// emptyText is the empty state: it says what to try next.
func (q query) emptyText() string {
	switch q.kind {
	case byImage:
		return "No offers look like this picture. Try a clearer photo of the product alone, or search by keyword."
	case byCategory:
		return "No offers in " + q.categoryName + " with these filters. Clear some filters (f) or pick another category (b)."
	}
	s := fmt.Sprintf("No offers for %s. Try fewer words, English or Chinese, or widen the price range.", q.subject())
	if len(q.filters) > 0 {
		s += " Some filters are on (f)."
	}
	return s
}
