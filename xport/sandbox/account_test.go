package sandbox

import (
	"context"
	"net/url"
	"strings"
	"sync"
	"testing"

	"caigou/xport"
)

func TestAddressList(t *testing.T) {
	d := newDesk(t)
	list, err := d.c.Addresses(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 {
		t.Fatalf("%d addresses", len(list))
	}
	gz, yw := list[0], list[1]
	if gz.DistrictCode != "440111" || gz.Province != "广东省" || gz.City != "广州市" || gz.District != "白云区" || !bool(gz.IsDefault) || len(gz.ID) == 0 {
		t.Fatalf("Guangzhou: %+v", gz)
	}
	if yw.DistrictCode != "330782" || yw.City != "金华市" || yw.District != "义乌市" || bool(yw.IsDefault) {
		t.Fatalf("Yiwu: %+v", yw)
	}
	for _, a := range list {
		if len(a.Phone) != 11 || !strings.HasPrefix(string(a.Phone), "1380000") || a.Name == "" || a.PostCode == "" || a.Town == "" {
			t.Fatalf("incomplete: %+v", a)
		}
		// an account address is directly usable as a preview address
		if _, err := d.c.PreviewOrder(context.Background(), xport.OrderRequest{Address: a.Param(), Cargo: []xport.Cargo{line("100000000103", "", 5)}}); err != nil {
			t.Fatalf("preview to %s: %v", a.OneLine(), err)
		}
	}
}

func TestAddressSave(t *testing.T) {
	d := newDesk(t)
	ctx := context.Background()
	a := xport.Address{Name: "李娜", Phone: "13800005678", Province: "浙江省", City: "金华市", District: "义乌市", Address: "稠州北路1号", PostCode: "322000", DistrictCode: "330782"}
	id, err := d.c.SaveAddress(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if id == "" {
		t.Fatal("no id for a new address")
	}
	list, _ := d.c.Addresses(ctx)
	if len(list) != 3 || string(list[2].ID) != id || list[2].Name != "李娜" || bool(list[2].IsDefault) {
		t.Fatalf("after create: %+v", list)
	}
	a.ID = xport.ID(id)
	a.Address = "稠州北路2号"
	if got, err := d.c.SaveAddress(ctx, a); err != nil || got != id {
		t.Fatalf("update: %q %v", got, err)
	}
	list, _ = d.c.Addresses(ctx)
	if len(list) != 3 || list[2].Address != "稠州北路2号" {
		t.Fatalf("after update: %+v", list)
	}
	a.ID = "999999"
	_, err = d.c.SaveAddress(ctx, a)
	if xport.Classify(err) != xport.ClassNotFound {
		t.Fatalf("unknown id: %v", err)
	}
	// isDefault moves the default
	if _, e := d.s.handleAddressSave(nil, []byte(`{"id":`+id+`,"name":"李娜","phone":"13800005678","province":"浙江省","city":"金华市","address":"稠州北路2号","isDefault":true}`)); e != nil {
		t.Fatal(e.Msg)
	}
	list, _ = d.c.Addresses(ctx)
	if bool(list[0].IsDefault) || !bool(list[2].IsDefault) {
		t.Fatalf("default: %+v", list)
	}
}

func TestAddressValidation(t *testing.T) {
	d := newDesk(t)
	ok := `"name":"李娜","phone":"13800005678","province":"浙江省","city":"金华市","address":"稠州北路1号"`
	for body, field := range map[string]string{
		`{"phone":"13800005678","province":"浙江省","city":"金华市","address":"x"}`:              "name",
		`{"name":"李娜","province":"浙江省","city":"金华市","address":"x"}`:                        "phone",
		`{"name":"李娜","phone":"1380000567","province":"浙江省","city":"金华市","address":"x"}`:   "phone",
		`{"name":"李娜","phone":"23800005678","province":"浙江省","city":"金华市","address":"x"}`:  "phone",
		`{"name":"李娜","phone":"1380000567a","province":"浙江省","city":"金华市","address":"x"}`:  "phone",
		`{"name":"李娜","phone":"13800005678","city":"金华市","address":"x"}`:                   "province",
		`{"name":"李娜","phone":"13800005678","province":"浙江省","address":"x"}`:               "city",
		`{"name":"李娜","phone":"13800005678","province":"浙江省","city":"金华市","address":"  "}`: "address",
		`{` + ok + `,"postCode":"3220"}`:   "postCode",
		`{` + ok + `,"districtCode":"33"}`: "districtCode",
		`{` + ok + `,"id":"abc"}`:          "id",
		`{` + ok + `,"name":["a"]}`:        "",
		`nope`:                             "",
	} {
		_, e := d.s.handleAddressSave(nil, []byte(body))
		if e == nil || e.Code != "400" || !strings.HasPrefix(e.Msg, field) {
			t.Errorf("%s: got %+v, want 400 naming %q", body, e, field)
		}
	}
	// the client's own checks pass, the server's catch the province
	_, err := d.c.SaveAddress(context.Background(), xport.Address{Name: "李娜", Phone: "13800005678", City: "金华市", Address: "x"})
	if ae := asAPIError(t, err); ae.Code != "400" || !strings.Contains(ae.Msg, "province") {
		t.Fatalf("client path: %v", err)
	}
	list, _ := d.c.Addresses(context.Background())
	if len(list) != 2 {
		t.Fatalf("refused saves changed the book: %d", len(list))
	}
}

func TestAddressConcurrentCreates(t *testing.T) {
	d := newDesk(t)
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			if _, e := d.s.handleAddressSave(nil, []byte(`{"name":"李娜","phone":"13800005678","province":"浙江省","city":"金华市","address":"x"}`)); e != nil {
				t.Error(e.Msg)
			}
		})
	}
	wg.Wait()
	list, _ := d.c.Addresses(context.Background())
	seen := map[xport.ID]bool{}
	for _, a := range list {
		if seen[a.ID] {
			t.Fatalf("duplicate id %s", a.ID)
		}
		seen[a.ID] = true
	}
	if len(list) != 12 {
		t.Fatalf("%d addresses", len(list))
	}
}

func TestChatLink(t *testing.T) {
	d := newDesk(t)
	ctx := context.Background()
	s := d.m.shop
	link, err := d.c.ChatLink(ctx, s.OpenID, "100000000101")
	if err != nil {
		t.Fatal(err)
	}
	const base = "https://air.1688.com/app/ocms-fusion-components-1688/def_cbu_web_im/index.html?touid="
	if !strings.HasPrefix(link, base) || !strings.HasSuffix(link, "&siteid=cnalichn&status=1&offerId=100000000101") {
		t.Fatalf("shape: %s", link)
	}
	if strings.ContainsAny(link, " 义乌") {
		t.Fatalf("unescaped: %s", link)
	}
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if u.Host != "air.1688.com" || q.Get("touid") != "cnalichn"+s.Wangwang || q.Get("siteid") != "cnalichn" || q.Get("status") != "1" || q.Get("offerId") != "100000000101" {
		t.Fatalf("query: %v", q)
	}

	_, err = d.c.ChatLink(ctx, "BBBnobody", "100000000101")
	if xport.Classify(err) != xport.ClassNotFound {
		t.Fatalf("unknown openUid: %v", err)
	}
	_, err = d.c.ChatLink(ctx, s.OpenID, "")
	if ae := asAPIError(t, err); ae.Code != "400" || !strings.Contains(ae.Msg, "offerId") {
		t.Fatalf("no offerId: %v", err)
	}
	if _, e := d.s.handleIMDecrypt(nil, []byte(`{"offerId":"1"}`)); e == nil || e.Code != "400" || !strings.Contains(e.Msg, "openUid") {
		t.Fatalf("no openUid: %+v", e)
	}
	// the documented example sends offerId as a string; a number is read too
	if out, e := d.s.handleIMDecrypt(nil, []byte(`{"openUid":"`+s.OpenID+`","offerId":100000000101}`)); e != nil || !strings.Contains(out.(map[string]string)["wangwangUrl"], "offerId=100000000101") {
		t.Fatalf("numeric offerId: %v %+v", out, e)
	}
}
