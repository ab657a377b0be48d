package benchmarks

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"caigou/ui/app"
	"caigou/ui/search"
	"caigou/ui/uitest"
	"caigou/xport"
	"caigou/xport/sandbox"
	"caigou/xport/xportcn"
)

// manyOrders stands in front of the sandbox and answers the order list
// with n orders, each a copy of one the sandbox placed under a new id,
// for any page; every other call goes to the sandbox. The sandbox itself
// places orders one by one through its order book, which at 50,000 would
// take longer than the benchmark.
type manyOrders struct {
	sb   *sandbox.Server
	path string
	n    int

	mu    sync.Mutex
	env   map[string]any // the sandbox's answer for one order, data list emptied
	order []byte         // that order's JSON
	id    string         // its id as it appears in the JSON
}

func (h *manyOrders) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.TrimPrefix(r.URL.Path, "/api") != h.path {
		h.sb.ServeHTTP(w, r)
		return
	}
	body, _ := io.ReadAll(r.Body)
	var in struct {
		Page     json.Number `json:"page"`
		PageSize json.Number `json:"pageSize"`
	}
	json.Unmarshal(body, &in)
	page, _ := strconv.Atoi(in.Page.String())
	size, _ := strconv.Atoi(in.PageSize.String())
	page, size = max(page, 1), max(size, 1)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.env == nil {
		// The first list call asks the sandbox for its one order; its
		// signature does not cover the body, and its nonce is used once.
		fw := r.Clone(r.Context())
		fw.Body = io.NopCloser(strings.NewReader(`{"page":1,"pageSize":1}`))
		fw.ContentLength = -1
		rec := httptest.NewRecorder()
		h.sb.ServeHTTP(rec, fw)
		if err := h.learn(rec.Body.Bytes()); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
	}
	list := []json.RawMessage{}
	for i := (page - 1) * size; i < min(page*size, h.n); i++ {
		// Newest first, with ids of the template's length.
		id := "9" + fmt.Sprintf("%0*d", len(h.id)-1, h.n-i)
		list = append(list, bytes.ReplaceAll(h.order, []byte(h.id), []byte(id)))
	}
	data := h.env["data"].(map[string]any)
	data["data"] = list
	data["totalRecords"] = h.n
	data["totalPage"] = (h.n + size - 1) / size
	data["pageSize"] = size
	data["currentPage"] = page
	b, err := json.Marshal(h.env)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.Write(b)
}

// learn keeps the envelope and the one order of a sandbox answer.
func (h *manyOrders) learn(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var env map[string]any
	if err := dec.Decode(&env); err != nil {
		return err
	}
	data, _ := env["data"].(map[string]any)
	list, _ := data["data"].([]any)
	if len(list) != 1 {
		return fmt.Errorf("the sandbox answered %d orders: %s", len(list), b)
	}
	one := list[0].(map[string]any)
	base, _ := one["baseInfo"].(map[string]any)
	id := fmt.Sprint(base["idOfStr"])
	if id == "" || id == "<nil>" {
		id = fmt.Sprint(base["id"])
	}
	order, err := json.Marshal(one)
	if err != nil {
		return err
	}
	h.env, h.order, h.id = env, order, id
	return nil
}

// openOrders opens the orders list over the search page, with n orders
// on the account, and scrolls to the end so every one is loaded.
func openOrders(b *testing.B, n int, sz Size, p Profile) *app.Model {
	b.Helper()
	s := NewSession(b, p.Profile)
	if s.Sandbox.SeedOrders(1) != 1 {
		b.Fatal("the sandbox placed no order")
	}
	h := &manyOrders{sb: s.Sandbox, path: xportcn.DefaultPaths()[xport.EpOrderList].Path, n: n}
	cfg := uitest.KAConfig("http://sandbox.invalid/api")
	cfg.RequestsPerSecond = 10000
	cl, err := xportcn.New(cfg, xportcn.WithHTTPClient(&http.Client{Transport: &sandbox.Transport{Handler: h}}),
		xportcn.WithSleep(func(ctx context.Context, _ time.Duration) error { return ctx.Err() }))
	if err != nil {
		b.Fatal(err)
	}
	s.C.Client = cl
	// The largest page the config allows, so loading takes fewer calls.
	s.C.Config.PageSize = 50
	root := NewRoot(b, s.C, search.New(s.C), sz)
	_, cmd := root.Update(uitest.Key("o"))
	Settle(b, root, cmd, 200*time.Millisecond)
	for i := 0; i < n/s.C.Config.PageSize+2; i++ {
		Press(b, root, "G")
	}
	Press(b, root, "g")
	if v := root.View(); !strings.Contains(v, fmt.Sprintf("1 of %d orders", n)) {
		b.Fatalf("the orders list did not load %d orders:\n%s", n, v)
	}
	return root
}

// BenchmarkOrdersScreen is one key press on the orders list (down the
// orders, back to the top at the end) and the frame, with every order
// loaded. Loading 50,000 orders through the client takes seconds
// (decoding them is most of it), so each profile's list is loaded once
// and resized for the second size.
func BenchmarkOrdersScreen(b *testing.B) {
	for _, n := range []int{5_000, 50_000} {
		b.Run(fmt.Sprintf("orders=%d", n), func(b *testing.B) {
			build := func(b *testing.B, sz Size, p Profile) *app.Model { return openOrders(b, n, sz, p) }
			EachShared(b, build, func(b *testing.B, root *app.Model) { KeyAndView(b, root, Cycle(n)) })
		})
	}
}
