package importer

import (
	"strings"

	"caigou/ui/offerlink"
	"caigou/ui/pricing"
	"caigou/ui/sanitize"
)

// Row is one line of the client's list as read.
type Row struct {
	Line    int    // the spreadsheet's row number (the header is 1)
	OfferID string // from a link or a bare id
	Keyword string // a reference that is neither: searched later
	SKU     string
	Qty     int64
	Note    string
	Name    string
	// Problem is why the row cannot be read as it stands ("" when it can).
	Problem string
}

// Rows reads the data rows through the mapping; a row empty in every
// mapped column is skipped (a blank line in the middle of a sheet).
func Rows(m Mapping, rows [][]string) []Row {
	cell := func(r []string, f Field) string {
		if m[f] < 0 || m[f] >= len(r) {
			return ""
		}
		return strings.TrimSpace(sanitize.Line(r[m[f]]))
	}
	var out []Row
	for i, r := range rows {
		row := Row{Line: i + 2, SKU: cell(r, SKU), Note: cell(r, Note), Name: cell(r, Name)}
		ref, qty := cell(r, Ref), cell(r, Qty)
		if ref == "" && qty == "" && row.SKU == "" && row.Note == "" && row.Name == "" {
			continue
		}
		switch id, ok := offerlink.ID(ref); {
		case ok:
			row.OfferID = id
		case ref == "":
			row.Problem = "no link or offer id"
		case strings.Contains(ref, "://") || strings.Contains(ref, "1688.com"):
			row.Problem = "the link " + quote(ref) + " is not a 1688 offer link (detail.1688.com/offer/…)"
		default:
			row.Keyword = ref
		}
		if row.Name == "" {
			row.Name = row.Keyword
		}
		switch q, err := pricing.ParseQuantity(qty); {
		case qty == "":
			row.Problem = join(row.Problem, "no quantity")
		case err != nil:
			row.Problem = join(row.Problem, "the quantity "+quote(qty)+" is not a number of pieces")
		case q <= 0:
			row.Problem = join(row.Problem, "the quantity must be at least 1")
		default:
			row.Qty = q
		}
		out = append(out, row)
	}
	return out
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// quote shows a client's text in a message, cut so a pasted paragraph
// does not fill the screen.
func quote(s string) string { return "“" + sanitize.Truncate(s, 40) + "”" }
