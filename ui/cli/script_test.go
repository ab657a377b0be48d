package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"caigou/ui/sanitize"
	"caigou/ui/statedb"
	"caigou/xport"
	"caigou/xport/sandbox"
	"caigou/xport/xportcn"
)

// The scripting commands (issue 12), run in-process against the sandbox
// in each output mode.

// scriptEnv is a private config and state directory for one test.
func scriptEnv(t *testing.T) map[string]string {
	t.Helper()
	return map[string]string{"HOME": t.TempDir(), "XDG_STATE_HOME": t.TempDir(), "XDG_CONFIG_HOME": t.TempDir()}
}

// The documented fields of each schema (README "Scripting"): exactly
// these keys, no more, no fewer.
var (
	searchKeys      = []string{"schema", "sandbox", "keyword", "page", "page_size", "total", "total_pages", "skipped", "offers"}
	searchOfferKeys = []string{"offer_id", "title", "title_en", "price_fen", "price_yuan", "min_order_quantity", "month_sold", "month_sold_at_least", "repurchase_rate", "ship_from", "trade_score", "link", "unreadable"}
	offerKeys       = []string{"offer_id", "title", "title_en", "status", "sold_out", "sold", "category_id", "category", "company", "unit", "min_order_quantity", "batch_number", "stock", "ship_from", "link", "price_tiers", "skus", "unreadable"}
	tierKeys        = []string{"min_quantity", "price_fen", "price_yuan"}
	skuKeys         = []string{"sku_id", "spec_id", "spec", "attributes", "price_fen", "price_yuan", "stock"}
	ordersKeys      = []string{"schema", "sandbox", "status", "page", "page_size", "total", "unreadable", "orders"}
	orderKeys       = []string{"order_id", "status", "status_zh", "status_en", "created", "paid", "total_fen", "total_yuan", "shipping_fee_fen", "shipping_fee_yuan", "amount_problem", "seller", "out_order_id", "items", "item_count", "pieces"}
	itemKeys        = []string{"offer_id", "name", "spec", "quantity", "amount_fen", "amount_yuan"}
	trackKeys       = []string{"schema", "sandbox", "order_id", "status", "status_zh", "status_en", "parcels"}
	parcelKeys      = []string{"carrier", "bill_no", "logistics_id", "shipped", "steps"}
	stepKeys        = []string{"time", "remark"}
)

type obj = map[string]any

// decodeJSON reads one object, numbers kept as their text.
func decodeJSON(t *testing.T, out string) obj {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(out))
	dec.UseNumber()
	var v obj
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if dec.More() {
		t.Fatalf("more than one JSON value:\n%s", out)
	}
	return v
}

func wantKeys(t *testing.T, what string, o obj, keys []string) {
	t.Helper()
	var got []string
	for k := range o {
		got = append(got, k)
	}
	sort.Strings(got)
	want := slices.Clone(keys)
	sort.Strings(want)
	if !slices.Equal(got, want) {
		t.Errorf("%s: keys %v, documented %v", what, got, want)
	}
}

func list(t *testing.T, what string, v any) []obj {
	t.Helper()
	l, ok := v.([]any)
	if !ok {
		t.Fatalf("%s is %T, not a list", what, v)
	}
	out := make([]obj, len(l))
	for i, e := range l {
		if out[i], ok = e.(obj); !ok {
			t.Fatalf("%s[%d] is %T, not an object", what, i, e)
		}
	}
	return out
}

// wantID checks an id is a JSON string of digits.
func wantID(t *testing.T, what string, v any) string {
	t.Helper()
	s, ok := v.(string)
	if !ok || s == "" || strings.Trim(s, "0123456789") != "" {
		t.Errorf("%s = %#v: want a string of digits", what, v)
	}
	return s
}

// wantMoney checks a fen field is an integer and its yuan twin the same
// amount as a string; both null together. It returns whether it was set.
func wantMoney(t *testing.T, what string, o obj, fenKey, yuanKey string) bool {
	t.Helper()
	fv, yv := o[fenKey], o[yuanKey]
	if fv == nil || yv == nil {
		if fv != nil || yv != nil {
			t.Errorf("%s: %s=%v and %s=%v: null only together", what, fenKey, fv, yuanKey, yv)
		}
		return false
	}
	n, ok := fv.(json.Number)
	if !ok || strings.ContainsAny(string(n), ".eE") {
		t.Errorf("%s: %s = %#v, want an integer of fen", what, fenKey, fv)
		return false
	}
	f, err := strconv.ParseInt(string(n), 10, 64)
	if err != nil {
		t.Errorf("%s: %s = %s: %v", what, fenKey, n, err)
		return false
	}
	if y, ok := yv.(string); !ok || y != xport.Fen(f).Yuan() {
		t.Errorf("%s: %s = %#v, want %q to match %s = %d", what, yuanKey, yv, xport.Fen(f).Yuan(), fenKey, f)
	}
	return true
}

// wantTime checks a nullable RFC 3339 time in China time.
func wantTime(t *testing.T, what string, v any) {
	t.Helper()
	if v == nil {
		return
	}
	s, ok := v.(string)
	tm, err := time.Parse(time.RFC3339, s)
	if !ok || err != nil || !strings.HasSuffix(s, "+08:00") {
		t.Errorf("%s = %#v: want RFC 3339 in China time (+08:00)", what, v)
		return
	}
	if tm.IsZero() {
		t.Errorf("%s is the zero time", what)
	}
}

func TestScriptSearchJSON(t *testing.T) {
	env := scriptEnv(t)
	code, out, errOut := run(t, env, "search", "手机壳", "--demo", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	v := decodeJSON(t, out)
	wantKeys(t, "search", v, searchKeys)
	if v["schema"] != "caigou.search/1" || v["sandbox"] != true || v["keyword"] != "手机壳" || v["page"] != json.Number("1") || v["page_size"] != json.Number("20") {
		t.Errorf("header fields: %v", v)
	}
	offers := list(t, "offers", v["offers"])
	if len(offers) == 0 {
		t.Fatal("no offers for 手机壳 in the sandbox")
	}
	priced := 0
	for i, o := range offers {
		what := "offers[" + strconv.Itoa(i) + "]"
		wantKeys(t, what, o, searchOfferKeys)
		id := wantID(t, what+".offer_id", o["offer_id"])
		if wantMoney(t, what, o, "price_fen", "price_yuan") {
			priced++
		}
		if o["link"] != "https://detail.1688.com/offer/"+id+".html" {
			t.Errorf("%s.link = %v", what, o["link"])
		}
		if !strings.Contains(o["title"].(string), "手机壳") {
			t.Errorf("%s.title = %q does not hold the keyword", what, o["title"])
		}
		for _, k := range []string{"min_order_quantity", "month_sold"} {
			if n, ok := o[k].(json.Number); o[k] != nil && (!ok || strings.ContainsAny(string(n), ".eE")) {
				t.Errorf("%s.%s = %#v, want an integer or null", what, k, o[k])
			}
		}
	}
	if priced == 0 {
		t.Error("no offer has a price")
	}

	// A keyword with no offers is an empty list and exit 0, not an error.
	code, out, _ = run(t, env, "search", "zzqqxxnothing", "--demo", "--json")
	if code != 0 {
		t.Fatalf("zero results: exit %d", code)
	}
	if v := decodeJSON(t, out); len(list(t, "offers", v["offers"])) != 0 {
		t.Errorf("zero results: %s", out)
	}
}

func TestScriptSearchCSV(t *testing.T) {
	env := scriptEnv(t)
	code, out, errOut := run(t, env, "search", "phone", "case", "--csv", "--demo", "--size", "7")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v\n%s", err, out)
	}
	if !slices.Equal(recs[0], searchCSVHead) {
		t.Fatalf("header %v, want %v", recs[0], searchCSVHead)
	}
	if len(recs) != 8 {
		t.Fatalf("%d rows for --size 7:\n%s", len(recs)-1, out)
	}
	for _, r := range recs[1:] {
		if r[3] != "" {
			f, err := strconv.ParseInt(r[3], 10, 64)
			if err != nil || xport.Fen(f).Yuan() != r[4] {
				t.Errorf("price_fen %q and price_yuan %q disagree", r[3], r[4])
			}
		}
	}
}

// The table is aligned by display width, with Chinese two cells wide, and
// fits the width it is given.
func TestScriptTablesFit(t *testing.T) {
	env := scriptEnv(t)
	placeDemoOrders(t, env, 2)
	env["COLUMNS"] = "80"
	var orderID string
	{
		_, out, _ := run(t, env, "orders", "--demo", "--json")
		orderID = list(t, "orders", decodeJSON(t, out)["orders"])[0]["order_id"].(string)
	}
	for _, args := range [][]string{
		{"search", "手机壳", "--demo"},
		{"search", "连衣裙", "--demo", "--size", "30"},
		{"offer", "100000002271", "--demo"},
		{"orders", "--demo"},
		{"track", orderID, "--demo"},
	} {
		code, out, errOut := run(t, env, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if len(lines) < 2 {
			t.Fatalf("%v: no rows:\n%s", args, out)
		}
		for _, l := range lines {
			if w := sanitize.Width(l); w > 80 {
				t.Errorf("%v: a line is %d cells wide, over 80:\n%s", args, w, l)
			}
		}
	}

	// Every column starts where its header does: the last column's start
	// is found in each row by its text (the row's English title), after
	// a city in Chinese.
	_, js, _ := run(t, env, "search", "手机壳", "--demo", "--json")
	_, table, _ := run(t, env, "search", "手机壳", "--demo")
	lines := strings.Split(strings.TrimSuffix(table, "\n"), "\n")
	at := sanitize.Width(lines[0][:strings.Index(lines[0], "TITLE")])
	offers := list(t, "offers", decodeJSON(t, js)["offers"])
	if len(lines) != len(offers)+1 {
		t.Fatalf("%d table rows for %d offers", len(lines)-1, len(offers))
	}
	for n, o := range offers {
		title := []rune(o["title_en"].(string))
		row := lines[n+1]
		i := strings.Index(row, string(title[:8]))
		if i < 0 || sanitize.Width(row[:i]) != at {
			t.Errorf("row %d: the title does not start at cell %d:\n%s\n%s", n+1, at, lines[0], row)
		}
	}
}

func TestScriptExitCodes(t *testing.T) {
	env := scriptEnv(t)
	cases := []struct {
		args []string
		code int
		say  string
	}{
		{[]string{"offer", "999999999999", "--demo"}, 3, "not found"},
		{[]string{"offer", "999999999999", "--demo", "--json"}, 3, "not found"},
		{[]string{"track", "9000001234567890123", "--demo"}, 3, "not found"},
		{[]string{"search", "--demo"}, 2, "keyword is missing"},
		{[]string{"search", "--demo", "--json", "  "}, 2, "keyword is missing"},
		{[]string{"search", "x", "--frobnicate", "--demo"}, 2, "frobnicate"},
		{[]string{"search", "x", "--access-secret=" + secret}, 2, "access-secret"},
		{[]string{"search", "x", "--json", "--csv", "--demo"}, 2, "--json and --csv"},
		{[]string{"search", "x", "--size", "500", "--demo"}, 2, "--size 500"},
		{[]string{"search", strings.Repeat("长", 101), "--demo"}, 2, "101 characters"},
		{[]string{"search", "x", "--fresh"}, 2, "--fresh"},
		{[]string{"offer", "--demo"}, 2, "one offer id"},
		{[]string{"offer", "abc", "--demo"}, 2, "neither an offer id"},
		{[]string{"offer", "https://example.com/offer/100000002271.html", "--demo"}, 2, "neither an offer id"},
		{[]string{"orders", "--status", "paid", "--demo"}, 2, "--status"},
		{[]string{"orders", "extra", "--demo"}, 2, "unexpected argument"},
		{[]string{"track", "--demo"}, 2, "one order id"},
		{[]string{"track", "12ab", "--demo"}, 2, "not an order id"},
		{[]string{"search", "手机壳", "--demo", "--page", "999"}, 0, ""},
		{[]string{"orders", "--demo", "--csv"}, 0, ""},
		{[]string{"offer", "--demo", "--", "https://detail.1688.com/offer/100000002271.html?spm=a"}, 0, ""},
		{[]string{"search", "--help"}, 0, ""},
	}
	for _, c := range cases {
		code, out, errOut := run(t, env, c.args...)
		if code != c.code || !strings.Contains(errOut, c.say) {
			t.Errorf("%v: exit %d, want %d with %q:\n%s", c.args, code, c.code, c.say, errOut)
		}
		if c.code != 0 && out != "" {
			t.Errorf("%v: exit %d printed data:\n%s", c.args, code, out)
		}
		if strings.Contains(out+errOut, secret) {
			t.Errorf("%v: the secret flag's value was echoed", c.args)
		}
	}

	// A config that cannot work is a failure (1), said with the key.
	p := cfgFile(t, 0o600, "[xport]\naccess_key = \"k\"\n")
	if code, _, errOut := run(t, env, "search", "x", "--config", p); code != 1 || !strings.Contains(errOut, "access_secret") {
		t.Errorf("bad config: exit %d: %s", code, errOut)
	}

	// A wrong endpoint path (the gateway's own 404) is a config problem,
	// 1 with the setting, not "no such offer".
	srv := startSandbox(t)
	p = cfgFile(t, 0o600, "[xport]\nbase_url = \""+srv+"\"\naccess_key = \""+sandbox.DemoAccessKey+"\"\naccess_secret = \""+sandbox.DemoSecret+"\"\nuser_id = \""+sandbox.DemoUserID+"\"\n[xport.paths]\nproduct_detail = \"/alibaba/ka/product/nowhere\"\n")
	if code, _, errOut := run(t, env, "offer", "100000002271", "--config", p); code != 1 || !strings.Contains(errOut, "[xport.paths]") {
		t.Errorf("wrong path: exit %d: %s", code, errOut)
	}
	if code, _, errOut := run(t, env, "offer", "999999999999", "--config", p); code != 1 {
		t.Errorf("wrong path, unknown offer: exit %d: %s", code, errOut)
	}

	// Ctrl-C (env.Ctx cancelled) ends a call as a failure.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	code := Main(Env{Args: []string{"search", "手机壳", "--demo"}, Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""),
		Getenv: func(k string) string { return env[k] }, Load: tomlLoader, Ctx: ctx})
	if code != 1 || out.Len() != 0 || !strings.Contains(errb.String(), "interrupted") {
		t.Errorf("cancelled: exit %d, stdout %q, stderr %q", code, out.String(), errb.String())
	}
}

// placeDemoOrders places n orders in the demo desk's sandbox, kept where
// the desk keeps it (newSession: the sandbox's state database, through
// sandboxStore), as if the demo desk had placed them.
func placeDemoOrders(t *testing.T, env map[string]string, n int) {
	t.Helper()
	db, err := statedb.Open(filepath.Join(env["XDG_STATE_HOME"], "caigou", "sandbox"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	sb := sandbox.New(sandbox.Options{Seed: 1, TimeScale: 60, FirstOrderSeq: uint64(time.Now().UnixMilli()), Store: sandboxStore{db}})
	if got := sb.SeedOrders(n); got != n {
		t.Fatalf("seeded %d orders of %d", got, n)
	}
	// A write through the API saves the sandbox, as the desk's orders do.
	c, err := xportcn.New(sandboxKA("http://sandbox.invalid/api"), xportcn.WithHTTPClient(&http.Client{Transport: &sandbox.Transport{Handler: sb}}))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	addrs, err := c.Addresses(ctx)
	if err != nil || len(addrs) == 0 {
		t.Fatalf("addresses: %v %v", addrs, err)
	}
	if _, err := c.SaveAddress(ctx, addrs[0]); err != nil {
		t.Fatal(err)
	}
}

func savedSandbox(t *testing.T, env map[string]string) string {
	t.Helper()
	db, err := statedb.Open(filepath.Join(env["XDG_STATE_HOME"], "caigou", "sandbox"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	b, err := sandboxStore{db}.Load()
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// `caigou orders --demo` and `track` see the orders the demo desk placed,
// and leave the desk's saved sandbox as it was.
func TestScriptOrdersAndTrackOnTheDemoDesk(t *testing.T) {
	env := scriptEnv(t)
	placeDemoOrders(t, env, 2)
	before := savedSandbox(t, env)

	code, out, errOut := run(t, env, "orders", "--demo", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	v := decodeJSON(t, out)
	wantKeys(t, "orders", v, ordersKeys)
	if v["schema"] != "caigou.orders/1" || v["sandbox"] != true || v["total"] != json.Number("2") {
		t.Errorf("header fields: %v", v)
	}
	orders := list(t, "orders", v["orders"])
	if len(orders) != 2 {
		t.Fatalf("%d orders, want the 2 the demo desk placed:\n%s", len(orders), out)
	}
	for i, o := range orders {
		what := "orders[" + strconv.Itoa(i) + "]"
		wantKeys(t, what, o, orderKeys)
		if id := wantID(t, what+".order_id", o["order_id"]); len(id) != 19 {
			t.Errorf("%s.order_id = %q", what, id)
		}
		if !wantMoney(t, what, o, "total_fen", "total_yuan") || !wantMoney(t, what, o, "shipping_fee_fen", "shipping_fee_yuan") || o["amount_problem"] != nil {
			t.Errorf("%s: amounts missing: %v", what, o)
		}
		wantTime(t, what+".created", o["created"])
		wantTime(t, what+".paid", o["paid"])
		if o["status_en"] == "" || o["seller"] == "" {
			t.Errorf("%s: status or seller missing: %v", what, o)
		}
		for j, it := range list(t, what+".items", o["items"]) {
			wantKeys(t, what+".items", it, itemKeys)
			wantID(t, what+".items.offer_id", it["offer_id"])
			wantMoney(t, what+".items["+strconv.Itoa(j)+"]", it, "amount_fen", "amount_yuan")
		}
	}

	// The status filter the desk's tabs use.
	_, out, _ = run(t, env, "orders", "--demo", "--json", "--status", "unpaid")
	if n := len(list(t, "orders", decodeJSON(t, out)["orders"])); n != 0 {
		t.Errorf("%d unpaid orders; the seeded ones are paid", n)
	}

	// CSV of the same.
	_, out, _ = run(t, env, "orders", "--demo", "--csv")
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) != 3 || !slices.Equal(recs[0], ordersCSVHead) {
		t.Fatalf("orders CSV (%v):\n%s", err, out)
	}

	// The trace of the first, shipped days ago.
	id := orders[0]["order_id"].(string)
	code, out, errOut = run(t, env, "track", id, "--demo", "--json")
	if code != 0 {
		t.Fatalf("track: exit %d: %s", code, errOut)
	}
	tr := decodeJSON(t, out)
	wantKeys(t, "track", tr, trackKeys)
	if tr["schema"] != "caigou.track/1" || tr["order_id"] != id {
		t.Errorf("track header: %v", tr)
	}
	parcels := list(t, "parcels", tr["parcels"])
	if len(parcels) == 0 {
		t.Fatalf("no parcels for an order shipped days ago:\n%s", out)
	}
	var last time.Time
	for _, p := range parcels {
		wantKeys(t, "parcel", p, parcelKeys)
		steps := list(t, "steps", p["steps"])
		if len(steps) == 0 {
			t.Errorf("a parcel without steps: %v", p)
		}
		for k, s := range steps {
			wantKeys(t, "step", s, stepKeys)
			wantTime(t, "step.time", s["time"])
			at, _ := time.Parse(time.RFC3339, s["time"].(string))
			if k > 0 && at.After(last) {
				t.Errorf("steps are not newest first: %v after %v", at, last)
			}
			last = at
		}
	}
	_, out, _ = run(t, env, "track", id, "--demo", "--csv")
	recs, err = csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) < 2 || !slices.Equal(recs[0], trackCSVHead) || recs[1][0] != id {
		t.Fatalf("track CSV (%v):\n%s", err, out)
	}

	if savedSandbox(t, env) != before {
		t.Error("a scripting command changed the demo desk's saved sandbox")
	}
}

func TestScriptOfferModes(t *testing.T) {
	env := scriptEnv(t)
	code, out, errOut := run(t, env, "offer", "https://detail.1688.com/offer/100000002271.html", "--demo", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	v := decodeJSON(t, out)
	wantKeys(t, "offer", v, []string{"schema", "sandbox", "offer"})
	o := v["offer"].(obj)
	wantKeys(t, "offer.offer", o, offerKeys)
	if v["schema"] != "caigou.offer/1" || o["offer_id"] != "100000002271" {
		t.Errorf("offer: %v", v)
	}
	for _, k := range []string{"min_order_quantity", "batch_number", "stock"} {
		if _, ok := o[k].(json.Number); !ok {
			t.Errorf("offer.%s = %#v, want a number", k, o[k])
		}
	}
	tiers := list(t, "price_tiers", o["price_tiers"])
	skus := list(t, "skus", o["skus"])
	if len(tiers) == 0 || len(skus) == 0 {
		t.Fatalf("no tiers or SKUs:\n%s", out)
	}
	for _, tr := range tiers {
		wantKeys(t, "tier", tr, tierKeys)
		wantMoney(t, "tier", tr, "price_fen", "price_yuan")
	}
	for _, s := range skus {
		wantKeys(t, "sku", s, skuKeys)
		wantID(t, "sku.sku_id", s["sku_id"])
		wantMoney(t, "sku", s, "price_fen", "price_yuan")
	}
	_, out, _ = run(t, env, "offer", "100000002271", "--demo", "--csv")
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || !slices.Equal(recs[0], offerCSVHead) || len(recs) != len(skus)+1 {
		t.Fatalf("offer CSV (%v): %d rows for %d SKUs:\n%s", err, len(recs)-1, len(skus), out)
	}
}

// A spreadsheet opening the CSV must not run a seller's text as a formula.
func TestScriptCSVDefusesFormulas(t *testing.T) {
	var b bytes.Buffer
	writeCSV(&b, []string{"id", "title"}, []bool{false, true}, [][]string{{"-1", "=HYPERLINK(\"http://x\")"}, {"2", "@SUM(A1)"}, {"3", "+1"}})
	recs, _ := csv.NewReader(&b).ReadAll()
	for _, r := range recs[1:] {
		if strings.ContainsAny(r[1][:1], "=+-@") {
			t.Errorf("title %q would run as a formula", r[1])
		}
	}
	if recs[1][0] != "-1" {
		t.Errorf("a number column was changed: %q", recs[1][0])
	}
}

// Every command, in every mode, against a hostile service: titles, SKU
// values, seller names and logistics remarks carry terminal attacks, and
// none reaches stdout or stderr; nor does the secret.
func TestScriptPrintsNothingAServiceCanUse(t *testing.T) {
	sb := sandbox.New(sandbox.Options{Seed: 1, Hostile: true})
	sb.SeedOrders(2)
	srv := httptest.NewServer(sb)
	defer srv.Close()
	p := cfgFile(t, 0o600, "[xport]\nbase_url = \""+srv.URL+"/api\"\naccess_key = \""+sandbox.DemoAccessKey+"\"\naccess_secret = \""+sandbox.DemoSecret+"\"\nuser_id = \""+sandbox.DemoUserID+"\"\n")
	env := scriptEnv(t)

	check := func(args []string, mode string) string {
		t.Helper()
		args = append(append([]string{}, args...), "--config", p)
		if mode != "" {
			args = append(args, mode)
		}
		code, out, errOut := run(t, env, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		if out == "" {
			t.Fatalf("%v printed nothing", args)
		}
		if r, bad := unsafeByte(out + errOut); bad {
			t.Errorf("%v printed %U", args, r)
		}
		for _, s := range []string{sandbox.HostileMarker, sandbox.DemoSecret} {
			if strings.Contains(out+errOut, s) {
				t.Errorf("%v printed %q:\n%s", args, s, out)
			}
		}
		if mode == "--json" {
			// JSON escapes would hide a control character from the
			// byte check: look at the decoded strings too.
			var walk func(any)
			walk = func(v any) {
				switch v := v.(type) {
				case string:
					if r, bad := unsafeByte(v); bad {
						t.Errorf("%v: a JSON string holds %U: %q", args, r, v)
					}
				case []any:
					for _, e := range v {
						walk(e)
					}
				case obj:
					for _, e := range v {
						walk(e)
					}
				}
			}
			walk(decodeJSON(t, out))
		}
		return out
	}

	// The hostile text must really be there to be removed.
	js := check([]string{"search", "手机壳"}, "--json")
	offers := list(t, "offers", decodeJSON(t, js)["offers"])
	if len(offers) == 0 {
		t.Fatal("the hostile sandbox found nothing")
	}
	offerID := offers[0]["offer_id"].(string)
	if o := sb.Catalogue().OfferByID[offerID]; o == nil || !strings.Contains(o.Subject+o.SubjectEN, "\x1b") {
		t.Fatal("the hostile sandbox's title carries no attack: the test would prove nothing")
	}
	js = check([]string{"orders"}, "--json")
	orders := list(t, "orders", decodeJSON(t, js)["orders"])
	if len(orders) == 0 {
		t.Fatal("the hostile sandbox has no orders")
	}
	orderID := orders[0]["order_id"].(string)
	for _, mode := range []string{"", "--json", "--csv"} {
		check([]string{"search", "手机壳"}, mode)
		check([]string{"offer", offerID}, mode)
		check([]string{"orders"}, mode)
		check([]string{"track", orderID}, mode)
	}
}
