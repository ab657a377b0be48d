package sourcingview

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"caigou/ui/cart"
	"caigou/ui/common"
	"caigou/ui/detail"
	"caigou/ui/keys"
	"caigou/ui/pricing"
	"caigou/ui/sanitize"
	"caigou/ui/sourcing"
	"caigou/xport"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Market is what the comparison and a list's export ask of the
// marketplace.
type Market interface {
	ProductDetail(ctx context.Context, offerID string) (*xport.ProductDetail, error)
	Addresses(ctx context.Context) ([]xport.Address, error)
	FreightEstimate(ctx context.Context, q xport.FreightQuery) (*xport.Freight, error)
}

// Compare shows an item's candidates side by side at the quantity the
// client wants: unit price at the tier reached, the orderable quantity,
// stock, domestic and international freight, landed cost per unit.
type Compare struct {
	c      *common.Common
	id     int
	req    *common.Requests
	mk     Market
	list   sourcing.List
	item   sourcing.Item
	w, h   int
	rows   []cand
	order  []int // rows in the sort order
	sortBy int
	cursor int
	offset int
	// channel is the rate card's channel the international freight is
	// estimated with.
	channel int
	state   loadState
	err     error
	asOf    time.Time
	addr    *xport.Address
	addrErr error
	// freightLeft counts the freight estimates still on their way.
	freightLeft int
	// removed is the page's undo stack of candidates taken off.
	removed []sourcing.Candidate
	// prompt takes a typed weight (w).
	prompt prompt
	// gen counts the changes of the rows or their order, for the kept
	// drawings; panel is the cursor's row's panel as drawn.
	gen      int
	drawn    drawRows
	panelFor struct {
		key    drawKey
		cursor int
	}
	panelLines []string
	// head is the title and column header as drawn, rows 0 and 1; best
	// is the cheapest row for bestGen.
	head    rowCache
	best    int
	bestGen int
}

type loadState int

const (
	loading loadState = iota
	ready
	failed
)

// cand is one candidate and its figures.
type cand struct {
	c       sourcing.Candidate
	q       detail.Quote
	missing bool // the offer did not come back: gone or unlisted
	// failed says why it could not be read, when 1688 did not say it
	// is gone (a network error): it may well still be there.
	failed string
	// Domestic freight to the shipping address for the whole quantity.
	freight    xport.Fen
	freightOK  bool
	freightWhy string
	// International freight estimate for the whole quantity.
	intl    xport.Fen
	intlOK  bool
	intlWhy string
	// intlSource says where the weight came from.
	intlSource string
	grams      int64 // chargeable weight
	landed     sourcing.Landed
}

// NewCompare opens the comparison of item in list l.
func NewCompare(c *common.Common, l sourcing.List, item sourcing.Item) *Compare {
	return &Compare{c: c, id: c.NextID(), req: common.NewRequests(c.Ctx), mk: c.Client, list: l, item: item, prompt: newPrompt()}
}

type detailsRead struct {
	common.Reply
	got     detail.Fetched
	addrs   []xport.Address
	addrErr error
	err     error
	at      time.Time
}

type freightRead struct {
	common.Reply
	offer, spec string
	f           *xport.Freight
	err         error
}

type chosenSaved struct {
	common.Reply
	offer, spec string
	err         error
}

func (p *Compare) ID() int             { return p.id }
func (p *Compare) Title() string       { return sanitize.Truncate(sanitize.Line(p.item.Name), 24) }
func (p *Compare) Close()              { p.req.Close() }
func (p *Compare) CapturesInput() bool { return p.prompt.open() }
func (p *Compare) SetSize(w, h int)    { p.w, p.h = w, h; p.clamp() }
func (p *Compare) Init() tea.Cmd       { return p.load() }

func (p *Compare) ShortHelp() []key.Binding {
	k := p.c.Keys
	if p.prompt.open() {
		return promptHelp(k, "keep it")
	}
	return []key.Binding{
		relabel(k.Get(keys.Add), "to cart"), relabel(k.Get(keys.Mark), "choose"), relabel(k.Get(keys.Sort), "sort"),
		relabel(k.Get(keys.Open), "product"), relabel(k.Get(keys.Refresh), "refresh"), k.Get(keys.Back),
	}
}

func (p *Compare) FullHelp() [][]key.Binding {
	k := p.c.Keys
	return [][]key.Binding{
		{relabel(k.Get(keys.Add), "put this candidate in the cart at the orderable quantity"), relabel(k.Get(keys.Mark), "choose this candidate for the item"),
			relabel(k.Get(keys.Open), "open its product page"), relabel(k.Get(keys.Remove), "take it off the item"), relabel(k.Get(keys.Undo), "put it back")},
		{relabel(k.Get(keys.Sort), "sort by the next column"), relabel(k.Get(keys.NextPane), "next freight channel"), relabel(k.Get(keys.Weight), "type a piece's weight"),
			relabel(k.Get(keys.Refresh), "refresh the figures"), relabel(k.Get(keys.Retry), "refresh the figures")},
		k.Bindings(keys.Up, keys.Down, keys.Top, keys.Bottom, keys.Back),
	}
}

// load reads every candidate's detail in one call, and the addresses.
func (p *Compare) load() tea.Cmd {
	p.state = loading
	ctx, seq := p.req.Start("details")
	var ids []string
	seen := map[string]bool{}
	for _, c := range p.item.Candidates {
		if !seen[c.OfferID] {
			seen[c.OfferID] = true
			ids = append(ids, c.OfferID)
		}
	}
	mk, r, now := p.mk, common.Reply{Page: p.id, Seq: seq}, p.c.Now
	return func() tea.Msg {
		got := detail.Fetch(ctx, mk, ids, nil)
		if len(got.Failed) == len(ids) && len(ids) > 0 {
			// Nothing could be read: one error says why (the first).
			for _, err := range got.Failed {
				return detailsRead{Reply: r, err: err}
			}
		}
		addrs, aerr := mk.Addresses(ctx)
		return detailsRead{Reply: r, got: got, addrs: addrs, addrErr: aerr, at: now()}
	}
}

func (p *Compare) Update(msg tea.Msg) (common.Page, tea.Cmd) {
	switch msg := msg.(type) {
	case detailsRead:
		if !p.req.Current("details", msg.Seq) {
			return p, nil
		}
		p.req.Done("details", msg.Seq)
		if msg.err != nil {
			p.state, p.err = failed, msg.err
			return p, common.Error("Reading the candidates' offers", msg.err)
		}
		return p, p.onDetails(msg)
	case freightRead:
		if !p.req.Current("freight", msg.Seq) {
			return p, nil
		}
		p.onFreight(msg)
	case weightSaved:
		if !p.req.Current("weight", msg.Seq) {
			return p, nil
		}
		p.req.Done("weight", msg.Seq)
		if msg.err != nil {
			return p, common.Error("Keeping the weight", msg.err)
		}
		for i := range p.rows {
			r := &p.rows[i]
			if r.c.OfferID == msg.offer && r.c.SpecID == msg.spec {
				r.c.Info.Grams = msg.grams
				r.setIntl(p.c.Freight, p.channel)
				r.setLanded()
			}
		}
		for i := range p.item.Candidates {
			cc := &p.item.Candidates[i]
			if cc.OfferID == msg.offer && cc.SpecID == msg.spec {
				cc.Info.Grams = msg.grams
			}
		}
		p.resort()
		if msg.grams == 0 {
			return p, common.Status(common.OK, "The offer's own weight is used again.")
		}
		return p, common.Status(common.OK, "International freight estimated with "+pricing.Count(msg.grams)+" g a piece, as typed.")
	case candidateRemoved:
		if !p.req.Current("remove", msg.Seq) {
			return p, nil
		}
		p.req.Done("remove", msg.Seq)
		return p, p.onRemoved(msg)
	case chosenSaved:
		if msg.err != nil {
			return p, common.Error("Choosing the candidate", msg.err)
		}
		for i := range p.item.Candidates {
			cc := &p.item.Candidates[i]
			cc.Chosen = cc.OfferID == msg.offer && cc.SpecID == msg.spec
		}
		for i := range p.rows {
			r := &p.rows[i]
			r.c.Chosen = r.c.OfferID == msg.offer && r.c.SpecID == msg.spec
		}
		p.gen++
		return p, common.Status(common.OK, "Chosen for «"+sanitize.Line(p.item.Name)+"»; "+p.c.Keys.Get(keys.Add).Help().Key+" puts it in the cart.")
	case tea.KeyMsg:
		return p, p.key(msg)
	}
	return p, nil
}

// onDetails prices every candidate and asks for its domestic freight.
func (p *Compare) onDetails(msg detailsRead) tea.Cmd {
	p.rows = p.rows[:0]
	for _, c := range p.item.Candidates {
		p.rows = append(p.rows, quoteCand(c, p.item.Target, msg.got, msg.at))
	}
	p.asOf, p.state, p.err = msg.at, ready, nil
	p.addr, p.addrErr = nil, msg.addrErr
	if msg.addrErr == nil {
		p.addr = p.c.ShippingAddress(msg.addrs)
	}
	p.intlAll()
	p.resort()
	return p.askFreight()
}

// quoteCand prices candidate c at the orderable quantity for target,
// from what Fetch got.
func quoteCand(c sourcing.Candidate, target int64, got detail.Fetched, at time.Time) cand {
	row := cand{c: c}
	orderable := func(r pricing.Rules) int64 { return sourcing.Orderable(target, r) }
	switch d, ok := got.Details[c.OfferID]; {
	case ok:
		row.q = detail.QuoteOf(d, c.SpecID, orderable, at)
	case got.Gone[c.OfferID]:
		row.missing = true
	default:
		row.missing = true
		row.failed = xport.Hint(got.Failed[c.OfferID])
		if row.failed == "" && got.Failed[c.OfferID] != nil {
			row.failed = sanitize.Line(got.Failed[c.OfferID].Error())
		}
	}
	return row
}

// askFreight asks for each candidate's domestic freight, one call each
// (the limiter spaces them), in one cancellable command.
func (p *Compare) askFreight() tea.Cmd {
	why := ""
	switch {
	case p.addrErr != nil:
		why = "the addresses could not be read (" + sanitize.Line(p.addrErr.Error()) + ")"
	case p.addr == nil:
		why = "the account has no shipping address; add one in the cart (" + p.c.Keys.Get(keys.Address).Help().Key + ")"
	}
	prov, city, ok := "", "", false
	if why == "" {
		prov, city, ok = detail.RegionCodes(string(p.addr.DistrictCode))
		if !ok {
			why = "the shipping address has no district code"
		}
	}
	var cmds []tea.Cmd
	ctx, seq := p.req.Start("freight")
	p.freightLeft = 0
	for i := range p.rows {
		r := &p.rows[i]
		if r.missing || r.q.Quantity <= 0 {
			r.freightWhy = "no offer to ask about"
			continue
		}
		if why != "" {
			r.freightWhy = why
			continue
		}
		r.freightWhy = "asking…"
		q := xport.FreightQuery{OfferID: r.c.OfferID, ProvinceCode: prov, CityCode: city, DistrictCode: string(p.addr.DistrictCode), TotalNum: r.q.Quantity}
		if r.q.Line.SkuID != "" {
			q.SKUs = []xport.FreightSKU{{SkuID: r.q.Line.SkuID, Number: r.q.Quantity}}
		}
		mk, rep, offer, spec := p.mk, common.Reply{Page: p.id, Seq: seq}, r.c.OfferID, r.c.SpecID
		p.freightLeft++
		cmds = append(cmds, func() tea.Msg {
			f, err := mk.FreightEstimate(ctx, q)
			return freightRead{Reply: rep, offer: offer, spec: spec, f: f, err: err}
		})
	}
	return tea.Batch(cmds...)
}

func (p *Compare) onFreight(msg freightRead) {
	p.freightLeft--
	if p.freightLeft <= 0 {
		p.req.Done("freight", msg.Seq)
	}
	for i := range p.rows {
		r := &p.rows[i]
		if r.c.OfferID != msg.offer || r.c.SpecID != msg.spec {
			continue
		}
		r.setFreight(msg.f, msg.err)
		r.setLanded()
	}
	p.resort()
}

// setFreight takes a domestic freight estimate's answer.
func (r *cand) setFreight(f *xport.Freight, err error) {
	switch {
	case err != nil:
		r.freightOK, r.freightWhy = false, "not estimated: "+sanitize.Line(err.Error())
	case f == nil:
		r.freightOK, r.freightWhy = false, "not estimated: no answer"
	case bool(f.FreePostage):
		r.freight, r.freightOK, r.freightWhy = 0, true, "free shipping"
	default:
		r.freight, r.freightOK, r.freightWhy = f.Freight.Fen(), true, ""
	}
}

// intlAll estimates international freight for every row with the
// channel chosen.
func (p *Compare) intlAll() {
	for i := range p.rows {
		p.rows[i].setIntl(p.c.Freight, p.channel)
		p.rows[i].setLanded()
	}
}

// setIntl estimates the international freight of the row's quantity with
// the card's channel ch.
func (r *cand) setIntl(card sourcing.RateCard, ch int) {
	r.intl, r.intlOK, r.intlWhy, r.grams = 0, false, "", 0
	if len(card.Channels) == 0 {
		r.intlWhy = "no rate card: set [[freight.channel]] in the config"
		return
	}
	if r.missing {
		r.intlWhy = "no offer"
		return
	}
	pkg := sourcing.Package{GramsPerUnit: r.q.GramsPerUnit, LengthMM: r.q.LengthMM, WidthMM: r.q.WidthMM, HeightMM: r.q.HeightMM, Source: "seller's weight/size"}
	if g := r.c.Info.Grams; g > 0 {
		// The agent's figure wins: it is typed because the offer's is
		// missing or known to be wrong. No size comes with it.
		pkg = sourcing.Package{GramsPerUnit: g, Source: "typed: " + pricing.Count(g) + " g a piece"}
	}
	g, err := sourcing.ChargeableGrams(pkg, r.q.Quantity, card.Divisor)
	if errors.Is(err, sourcing.ErrNoWeight) {
		r.intlWhy = "the offer gives no weight: w types one"
		return
	}
	f, err := card.Channels[ch%len(card.Channels)].Freight(g)
	if err != nil {
		r.intlWhy = sanitize.Line(err.Error())
		return
	}
	r.intl, r.intlOK, r.grams, r.intlSource = f, true, g, pkg.Source
}

// setLanded adds the row's parts up per unit.
func (r *cand) setLanded() {
	if r.missing || !r.q.Price.OK {
		r.landed = sourcing.Landed{}
		return
	}
	r.landed = sourcing.LandedCost(r.q.Quantity, r.q.Price.Unit, r.freight, 0, r.intl, r.freightOK, r.intlOK)
}

// The sort orders, by what the agent compares on.
var sorts = []struct {
	label string
	less  func(a, b *cand) bool
}{
	{"landed cost per unit", func(a, b *cand) bool { return landedKey(a) < landedKey(b) }},
	{"unit price", func(a, b *cand) bool { return unitKey(a) < unitKey(b) }},
	{"stock (most first)", func(a, b *cand) bool { return a.q.Rules.Stock > b.q.Rules.Stock }},
	{"years on 1688 (most first)", func(a, b *cand) bool { return a.q.Seller.TpYear > b.q.Seller.TpYear }},
	{"order added", func(a, b *cand) bool { return false }},
}

// landedKey puts rows with nothing to compare last.
func landedKey(c *cand) int64 {
	if c.landed.PerUnit <= 0 || c.q.Why != "" {
		return 1 << 62
	}
	return int64(c.landed.PerUnit)
}

func unitKey(c *cand) int64 {
	if c.missing || !c.q.Price.OK {
		return 1 << 62
	}
	return int64(c.q.Price.Unit)
}

func (p *Compare) resort() {
	p.gen++
	var cur = -1
	if p.cursor < len(p.order) {
		cur = p.order[p.cursor]
	}
	p.order = p.order[:0]
	for i := range p.rows {
		p.order = append(p.order, i)
	}
	less := sorts[p.sortBy].less
	sort.SliceStable(p.order, func(i, j int) bool { return less(&p.rows[p.order[i]], &p.rows[p.order[j]]) })
	for i, r := range p.order {
		if r == cur {
			p.cursor = i
		}
	}
	p.clamp()
}

// cheapest is the row with the lowest landed cost that can be ordered,
// or -1.
func (p *Compare) cheapest() int {
	best := -1
	for i := range p.rows {
		if landedKey(&p.rows[i]) == 1<<62 {
			continue
		}
		if best < 0 || landedKey(&p.rows[i]) < landedKey(&p.rows[best]) {
			best = i
		}
	}
	return best
}

func (p *Compare) selected() (*cand, bool) {
	if p.cursor < 0 || p.cursor >= len(p.order) {
		return nil, false
	}
	return &p.rows[p.order[p.cursor]], true
}

func (p *Compare) key(msg tea.KeyMsg) tea.Cmd {
	k := p.c.Keys
	if p.prompt.open() {
		purpose, text, cmd := p.prompt.key(k, msg)
		if purpose == askWeight {
			return p.typedWeight(text)
		}
		return cmd
	}
	switch {
	case k.Matches(msg, keys.Refresh), k.Matches(msg, keys.Retry):
		return tea.Batch(p.load(), common.Status(common.Info, "Refreshing the figures…"))
	case k.Matches(msg, keys.Up):
		p.cursor--
	case k.Matches(msg, keys.Down):
		p.cursor++
	case k.Matches(msg, keys.Top):
		p.cursor = 0
	case k.Matches(msg, keys.Bottom):
		p.cursor = len(p.order) - 1
	case k.Matches(msg, keys.Sort):
		p.sortBy = (p.sortBy + 1) % len(sorts)
		p.resort()
		return common.Status(common.Info, "Sorted by "+sorts[p.sortBy].label+".")
	case k.Matches(msg, keys.Undo):
		return p.undo()
	case k.Matches(msg, keys.NextPane):
		if n := len(p.c.Freight.Channels); n > 1 {
			p.channel = (p.channel + 1) % n
			p.intlAll()
			p.resort()
			return common.Status(common.Info, "International freight by "+sanitize.Line(p.c.Freight.Channels[p.channel].Name)+".")
		}
		return common.Status(common.Info, "The rate card has one freight channel; add more as [[freight.channel]] in the config.")
	}
	r, ok := p.selected()
	if !ok || p.state != ready {
		p.clamp()
		return nil
	}
	switch {
	case k.Matches(msg, keys.Open):
		return common.Push(detail.New(p.c, xport.Offer{OfferID: xport.ID(r.c.OfferID), Subject: xport.Text(r.c.Info.Title)}))
	case k.Matches(msg, keys.Mark):
		return p.choose(r)
	case k.Matches(msg, keys.Add):
		return p.toCart(r)
	case k.Matches(msg, keys.Remove):
		return p.remove(r)
	case k.Matches(msg, keys.Weight):
		if r.missing {
			return nil
		}
		now := ""
		if r.c.Info.Grams > 0 {
			now = fmt.Sprint(r.c.Info.Grams)
		}
		return p.prompt.ask(askWeight, "Grams a piece, packed (0 uses the offer's): ", now)
	}
	p.clamp()
	return nil
}

const askWeight = 1

// weightSaved is the answer to a typed weight.
type weightSaved struct {
	common.Reply
	offer, spec string
	grams       int64
	err         error
}

// typedWeight keeps the weight typed for the candidate under the cursor.
func (p *Compare) typedWeight(text string) tea.Cmd {
	r, ok := p.selected()
	if !ok {
		return nil
	}
	g, err := pricing.ParseQuantity(text)
	if text == "" || text == "0" {
		g, err = 0, nil
	}
	if err != nil {
		return common.Status(common.Warn, "Type the weight of one piece with its packing, in grams, like 250.")
	}
	st, item, offer, spec := p.c.Sourcing, p.item.ID, r.c.OfferID, r.c.SpecID
	ctx, seq := p.req.Start("weight")
	rep := common.Reply{Page: p.id, Seq: seq}
	return func() tea.Msg {
		return weightSaved{Reply: rep, offer: offer, spec: spec, grams: g, err: st.SetGrams(ctx, item, offer, spec, g)}
	}
}

// candidateRemoved is the answer to d (or u, putting one back).
type candidateRemoved struct {
	common.Reply
	c    sourcing.Candidate
	back bool
	err  error
}

// remove takes the candidate off the item; u puts it back.
func (p *Compare) remove(r *cand) tea.Cmd {
	st, item, c := p.c.Sourcing, p.item.ID, r.c
	ctx, seq := p.req.Start("remove")
	rep := common.Reply{Page: p.id, Seq: seq}
	return func() tea.Msg {
		err := st.RemoveCandidate(ctx, item, c.OfferID, c.SpecID)
		return candidateRemoved{Reply: rep, c: c, err: err}
	}
}

func (p *Compare) undo() tea.Cmd {
	n := len(p.removed)
	if n == 0 {
		return common.Status(common.Info, "No candidate removed here to put back.")
	}
	c := p.removed[n-1]
	p.removed = p.removed[:n-1]
	st, item := p.c.Sourcing, p.item.ID
	ctx, seq := p.req.Start("remove")
	rep := common.Reply{Page: p.id, Seq: seq}
	return func() tea.Msg {
		_, err := st.AddCandidate(ctx, item, c)
		if err == nil && c.Chosen {
			err = st.Choose(ctx, item, c.OfferID, c.SpecID)
		}
		return candidateRemoved{Reply: rep, c: c, back: true, err: err}
	}
}

func (p *Compare) onRemoved(msg candidateRemoved) tea.Cmd {
	if msg.err != nil {
		return common.Error("Changing the item's candidates", msg.err)
	}
	what := sanitize.Truncate(sanitize.Line(msg.c.Info.Title), 24)
	if msg.back {
		p.item.Candidates = append(p.item.Candidates, msg.c)
		return tea.Batch(p.load(), common.Status(common.OK, "Put "+what+" back."))
	}
	p.removed = append(p.removed, msg.c)
	kept := p.item.Candidates[:0:0]
	for _, c := range p.item.Candidates {
		if c.OfferID != msg.c.OfferID || c.SpecID != msg.c.SpecID {
			kept = append(kept, c)
		}
	}
	p.item.Candidates = kept
	rows := p.rows[:0:0]
	for _, r := range p.rows {
		if r.c.OfferID != msg.c.OfferID || r.c.SpecID != msg.c.SpecID {
			rows = append(rows, r)
		}
	}
	p.rows = rows
	p.resort()
	return common.Status(common.OK, "Removed "+what+" from «"+sanitize.Line(p.item.Name)+"»; "+p.c.Keys.Get(keys.Undo).Help().Key+" puts it back.")
}

func (p *Compare) choose(r *cand) tea.Cmd {
	st, item, offer, spec := p.c.Sourcing, p.item.ID, r.c.OfferID, r.c.SpecID
	ctx, seq := p.req.Start("choose")
	rep := common.Reply{Page: p.id, Seq: seq}
	return func() tea.Msg {
		err := st.Choose(ctx, item, offer, spec)
		return chosenSaved{Reply: rep, offer: offer, spec: spec, err: err}
	}
}

// toCart puts the candidate in the cart at the orderable quantity, with
// the same checks as the product page; one that cannot be ordered says why.
func (p *Compare) toCart(r *cand) tea.Cmd {
	switch {
	case r.failed != "":
		return common.Status(common.Warn, "This offer could not be read ("+r.failed+"): "+p.c.Keys.Get(keys.Refresh).Help().Key+" tries again.")
	case r.missing:
		return common.Status(common.Warn, "1688 says this offer does not exist (removed, or a wrong id): nothing to add.")
	}
	if r.q.Why != "" {
		return common.Status(common.Warn, "Not added: "+r.q.Why+".")
	}
	line, c := r.q.Line, p.c.Cart
	what := sanitize.Truncate(sanitize.Line(r.q.TitleZH), 20)
	if r.q.SKU != "" {
		what += " · " + sanitize.Line(r.q.SKU)
	}
	return func() tea.Msg {
		got, err := c.AddChecked(line)
		var se *cart.StockError
		if errors.As(err, &se) {
			return common.StatusMsg{Level: common.Warn, Text: "Not added: " + what + ": " + err.Error() + "."}
		}
		if err != nil {
			return common.ErrorMsg{What: "Adding " + what + " to the cart", Err: err}
		}
		text := fmt.Sprintf("Added %s × %s to the cart", pricing.Count(line.Quantity), what)
		if got.Quantity != line.Quantity {
			text += fmt.Sprintf(": the cart line is now %s", pricing.Count(got.Quantity))
		}
		return common.StatusMsg{Level: common.OK, Text: text + "."}
	}
}

func (p *Compare) listRows() int { return max(p.h-3-detailLines, 1) }

// detailLines is the panel under the table about the row under the
// cursor: every figure with where it came from.
const detailLines = 7

func (p *Compare) clamp() {
	p.cursor, p.offset = common.ClampWindow(p.cursor, p.offset, p.listRows(), len(p.order))
}

func (p *Compare) View() string {
	if p.w <= 0 || p.h <= 0 {
		return ""
	}
	s := p.c.Styles
	k := drawKey{gen: p.gen, w: p.w}
	out := []string{p.head.line(k, 0, func() string {
		head := "«" + sanitize.Line(p.item.Name) + "» " + pricing.Count(p.item.Target) + " pieces"
		if p.item.Note != "" {
			head += " · " + sanitize.Line(p.item.Note)
		}
		return s.Bold.Render(sanitize.Truncate(head, p.w))
	})}
	switch {
	case len(p.item.Candidates) == 0:
		out = append(out, wrap(p.w, "No candidates yet. "+p.c.Keys.Get(keys.Candidate).Help().Key+" on a search result or a product adds one to this item.")...)
		return p.fit(out)
	case p.state == loading && len(p.rows) == 0:
		out = append(out, "Reading "+plural(len(p.item.Candidates), "candidate")+"…")
		return p.fit(out)
	case p.state == failed:
		out = append(out, wrap(p.w, "The offers could not be read: "+sanitize.Line(p.err.Error())+". "+p.c.Keys.Get(keys.Retry).Help().Key+" tries again.")...)
		return p.fit(out)
	}
	out = append(out, s.Muted.Render(sanitize.Truncate(p.asOfLine(), p.w)))
	// Supplier · title · SKU | qty | unit | landed/unit | stock
	const qW, uW, lW, sW = 7, 9, 10, 7
	// A wide terminal shows the parts of the landed cost and the seller's
	// years beside it; a narrow one leaves them to the panel below.
	wide := p.w >= wideCompare
	const dW, iW, yW = 10, 11, 6
	extra := 0
	if wide {
		extra = dW + iW + yW + 3
	}
	nameW := max(p.w-2-qW-uW-lW-sW-4-extra, 12)
	out = append(out, p.head.line(k, 1, func() string {
		h := "  " + sanitize.Pad("Candidate", nameW) + " " + sanitize.PadLeft("Qty", qW) + " " + sanitize.PadLeft("Unit", uW) + " "
		if wide {
			h += sanitize.PadLeft("Domestic", dW) + " " + sanitize.PadLeft("Intl. est.", iW) + " "
		}
		h += sanitize.PadLeft("Landed/u", lW) + " " + sanitize.PadLeft("Stock", sW)
		if wide {
			h += " " + sanitize.PadLeft("Years", yW)
		}
		return s.TableHeader.Render(sanitize.Truncate(h, p.w))
	}))
	if p.bestGen != p.gen {
		p.best, p.bestGen = p.cheapest(), p.gen
	}
	best := p.best
	end := min(p.offset+p.listRows(), len(p.order))
	for i := p.offset; i < end; i++ {
		out = append(out, p.drawn.row(k, i, i == p.cursor, p.w, s.Selected, func() string {
			ri := p.order[i]
			r := &p.rows[ri]
			name := candName(r)
			if r.c.Chosen {
				name = "✓ " + name
			}
			if ri == best {
				name = "★ " + name
			}
			line := sanitize.Pad(sanitize.Truncate(name, nameW), nameW) + " " + sanitize.PadLeft(qtyCell(r), qW) + " " + sanitize.PadLeft(unitCell(r), uW) + " "
			if wide {
				line += sanitize.PadLeft(moneyOr(r.freight, r.freightOK), dW) + " " + sanitize.PadLeft(moneyOr(r.intl, r.intlOK), iW) + " "
			}
			line += sanitize.PadLeft(landedCell(r), lW) + " " + sanitize.PadLeft(stockCell(r), sW)
			if wide {
				years := "—"
				if !r.missing && r.q.Seller.TpYear > 0 {
					years = fmt.Sprint(r.q.Seller.TpYear)
				}
				line += " " + sanitize.PadLeft(years, yW)
			}
			return line
		}))
	}
	for len(out) < p.h-detailLines {
		out = append(out, "")
	}
	if r, ok := p.selected(); ok {
		if p.panelFor.key != k || p.panelFor.cursor != p.cursor || p.panelLines == nil {
			p.panelFor.key, p.panelFor.cursor = k, p.cursor
			p.panelLines = p.panel(r)
		}
		out = append(out, p.panelLines...)
	}
	return p.fit(out)
}

func (p *Compare) fit(out []string) string {
	if len(out) > p.h {
		out = out[:p.h]
	}
	if p.prompt.open() && len(out) > 0 {
		for len(out) < p.h {
			out = append(out, "")
		}
		out[len(out)-1] = p.prompt.view(p.w)
	}
	return strings.Join(out, "\n")
}

// asOfLine says how old the figures are and which freight channel is in
// use: an estimate says it is one.
func (p *Compare) asOfLine() string {
	parts := []string{"figures of " + p.asOf.In(xport.ChinaTime()).Format("15:04") + " CST, " + ago(p.c.Now().Sub(p.asOf))}
	if p.addr != nil {
		parts = append(parts, "freight to "+sanitize.Truncate(sanitize.Line(string(p.addr.City)+string(p.addr.District)), 16))
	}
	if n := len(p.c.Freight.Channels); n > 0 {
		ch := sanitize.Line(p.c.Freight.Channels[p.channel%n].Name)
		if p.c.Freight.Example {
			ch += " (example rates)"
		}
		parts = append(parts, "intl. estimate: "+ch)
	}
	if p.freightLeft > 0 {
		parts = append(parts, "asking freight…")
	}
	return strings.Join(parts, " · ")
}

func ago(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d/time.Minute))
	}
	return fmt.Sprintf("%d h ago", int(d/time.Hour))
}

func candName(r *cand) string {
	switch {
	case r.failed != "":
		return sanitize.Line(r.c.Info.Title) + " (not read)"
	case r.missing:
		return sanitize.Line(r.c.Info.Title) + " (offer gone)"
	}
	name := r.q.Company
	if name == "" {
		name = r.q.TitleZH
	} else {
		name += " · " + r.q.TitleZH
	}
	if r.q.SKU != "" {
		name = sanitize.Line(r.q.SKU) + " · " + name
	}
	return sanitize.Line(name)
}

// wideCompare is the width from which the comparison shows every part.
const wideCompare = 150

// moneyOr is an amount for a cell, "—" when it is not known.
func moneyOr(f xport.Fen, ok bool) string {
	if !ok {
		return "—"
	}
	return pricing.Money(f)
}

func qtyCell(r *cand) string {
	if r.missing {
		return "—"
	}
	return pricing.Count(r.q.Quantity)
}

func unitCell(r *cand) string {
	if r.missing || !r.q.Price.OK {
		return "—"
	}
	return pricing.Money(r.q.Price.Unit)
}

func landedCell(r *cand) string {
	if r.landed.PerUnit <= 0 {
		return "—"
	}
	s := pricing.Money(r.landed.PerUnit)
	if !r.landed.DomesticKnown || !r.landed.IntlKnown {
		s += "+" // a part is unknown: at least this much
	}
	return s
}

func stockCell(r *cand) string {
	switch {
	case r.missing:
		return "—"
	case r.q.Rules.Stock < 0:
		return "?"
	}
	return pricing.Count(r.q.Rules.Stock)
}

// panel is every figure of the row under the cursor, in words.
func (p *Compare) panel(r *cand) []string {
	s := p.c.Styles
	w := p.w
	line := func(text string) string { return sanitize.Truncate(text, w) }
	switch {
	case r.failed != "":
		return []string{s.Bold.Render(line(sanitize.Line(r.c.Info.Title))), line("Could not be read this time: " + r.failed + ". " + p.c.Keys.Get(keys.Refresh).Help().Key + " tries again.")}
	case r.missing:
		return []string{s.Bold.Render(line(sanitize.Line(r.c.Info.Title))), line("1688 says this offer does not exist: it was removed, or its id is wrong.")}
	}
	q := r.q
	out := []string{s.Bold.Render(line(sanitize.Line(q.TitleZH)))}
	sku := "SKU " + sanitize.Line(q.SKU)
	switch {
	case q.SKU == "":
		sku = "no SKUs"
	case q.Guessed:
		sku += " — the desk's pick, none chosen (" + p.c.Keys.Get(keys.Open).Help().Key + ", then " + p.c.Keys.Get(keys.Candidate).Help().Key + " on the SKU)"
	}
	out = append(out, line(sku))
	qty := "Quantity " + pricing.Count(q.Quantity)
	if n := sourcing.OrderableNote(p.item.Target, q.Quantity, q.Rules); n != "" {
		qty += ": " + n
	}
	if q.Price.OK {
		qty += " · unit " + p.c.Money(q.Price.Unit)
		if q.Price.Tier >= 0 {
			qty += " at the ≥" + pricing.Count(q.Line.Tiers[q.Price.Tier].Start) + " tier"
		}
	}
	if q.Why != "" {
		qty += " · cannot be ordered: " + q.Why
	}
	out = append(out, line(qty))
	dom := "Domestic freight: "
	if r.freightOK {
		dom += p.c.Money(r.freight)
		if r.freightWhy != "" {
			dom += " (" + r.freightWhy + ")"
		}
	} else {
		dom += r.freightWhy
	}
	dom += " · Xport fee: known at preview"
	out = append(out, line(dom))
	intl := "International (estimate): "
	if r.intlOK {
		intl += p.c.Money(r.intl) + " for " + kilos(r.grams) + " chargeable (" + r.intlSource + ")"
	} else {
		intl += r.intlWhy
	}
	out = append(out, line(intl))
	landed := "Landed per unit: "
	if r.landed.PerUnit > 0 {
		landed += p.c.Money(r.landed.PerUnit)
		var left []string
		if !r.landed.DomesticKnown {
			left = append(left, "domestic freight")
		}
		if !r.landed.IntlKnown {
			left = append(left, "international freight")
		}
		left = append(left, "the Xport fee")
		landed += " + " + strings.Join(left, ", ") + " (not known yet)"
	} else {
		landed += "—"
	}
	out = append(out, line(landed))
	sd := q.Seller
	facts := []string{}
	if sd.TpYear > 0 {
		facts = append(facts, fmt.Sprintf("%d years on 1688", sd.TpYear))
	}
	if v := sanitize.Line(string(sd.CompositeServiceScore)); v != "" {
		facts = append(facts, "service "+v)
	}
	if v := sanitize.Line(r.c.Info.Repurchase); v != "" {
		facts = append(facts, "repurchase "+v)
	}
	if q.Dispatch != "" {
		facts = append(facts, q.Dispatch)
	}
	if v := sanitize.Line(string(sd.Collect30DayWithin48H)); v != "" {
		facts = append(facts, "48 h pickup "+v)
	}
	if q.ShipFrom != "" {
		facts = append(facts, "ships from "+q.ShipFrom)
	}
	out = append(out, s.Muted.Render(line("Seller: "+strings.Join(facts, " · "))))
	return out
}

// kilos writes grams as kilograms for people: "113 kg", "1.25 kg".
func kilos(g int64) string {
	s := fmt.Sprintf("%d.%03d", g/1000, g%1000)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s + " kg"
}
