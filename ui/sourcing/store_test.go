package sourcing

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"caigou/ui/statedb"
)

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func open(t *testing.T) (*Store, *clock) {
	t.Helper()
	c := &clock{t: time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)}
	db, err := statedb.OpenWith(t.TempDir(), statedb.Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return New(db), c
}

func TestListsCreateRenameArchiveDeleteRestore(t *testing.T) {
	s, c := open(t)
	ctx := context.Background()
	a, err := s.CreateList(ctx, "  Client A — phone cases ")
	if err != nil {
		t.Fatal(err)
	}
	c.t = c.t.Add(time.Minute)
	b, _ := s.CreateList(ctx, "Client B")
	if _, err := s.CreateList(ctx, "Client B"); !errors.Is(err, ErrExists) {
		t.Fatalf("a second list of one name: %v", err)
	}
	for _, bad := range []string{"", "   ", "a\nb", strings.Repeat("长", MaxName+1)} {
		if _, err := s.CreateList(ctx, bad); err == nil {
			t.Errorf("name %q accepted", bad)
		}
	}
	ls, _ := s.Lists(ctx, false)
	if len(ls) != 2 || ls[0].ID != b || ls[1].Name != "Client A — phone cases" {
		t.Fatalf("lists %+v", ls)
	}
	if err := s.RenameList(ctx, a, "Client B"); !errors.Is(err, ErrExists) {
		t.Fatalf("renamed onto another's name: %v", err)
	}
	if err := s.RenameList(ctx, a, "Client A"); err != nil {
		t.Fatal(err)
	}
	if err := s.ArchiveList(ctx, a, true); err != nil {
		t.Fatal(err)
	}
	if ls, _ := s.Lists(ctx, false); len(ls) != 1 {
		t.Fatalf("an archived list still listed: %+v", ls)
	}
	if ls, _ := s.Lists(ctx, true); len(ls) != 1 || ls[0].Name != "Client A" || !ls[0].Archived {
		t.Fatalf("archived: %+v", ls)
	}
	// Delete, and undo: the items come back with it.
	if _, err := s.AddItem(ctx, b, "iPhone 15 case", 500, "唛头 CG-01"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteList(ctx, b); err != nil {
		t.Fatal(err)
	}
	if ls, _ := s.Lists(ctx, false); len(ls) != 0 {
		t.Fatalf("a deleted list still listed: %+v", ls)
	}
	if err := s.RenameList(ctx, b, "x"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("renaming a deleted list: %v", err)
	}
	if err := s.RestoreList(ctx, b); err != nil {
		t.Fatal(err)
	}
	if items, _ := s.Items(ctx, b); len(items) != 1 || items[0].Note != "唛头 CG-01" {
		t.Fatalf("restored list lost its items: %+v", items)
	}
	// A day after a delete it is gone for good, items too.
	s.DeleteList(ctx, b)
	c.t = c.t.Add(keepDeleted + time.Minute)
	if err := s.Purge(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.RestoreList(ctx, b); !errors.Is(err, ErrNotFound) {
		t.Fatalf("restored after the purge: %v", err)
	}
	var n int
	s.db.QueryRow(ctx, "SELECT count(*) FROM sourcing_item").Scan(&n)
	if n != 0 {
		t.Fatalf("%d items outlived their list", n)
	}
}

func TestRestoreNeverTakesANameInUse(t *testing.T) {
	s, _ := open(t)
	ctx := context.Background()
	a, _ := s.CreateList(ctx, "Client A")
	s.DeleteList(ctx, a)
	if _, err := s.CreateList(ctx, "Client A"); err != nil {
		t.Fatalf("the name of a deleted list is free: %v", err)
	}
	if err := s.RestoreList(ctx, a); !errors.Is(err, ErrExists) {
		t.Fatalf("restore onto a name in use: %v", err)
	}
}

func TestItemsAndCandidates(t *testing.T) {
	s, _ := open(t)
	ctx := context.Background()
	l, _ := s.CreateList(ctx, "Client A")
	if _, err := s.AddItem(ctx, l, "case", 0, ""); err == nil {
		t.Error("a target of 0 accepted")
	}
	if _, err := s.AddItem(ctx, 999, "case", 5, ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("an item in no list: %v", err)
	}
	i1, _ := s.AddItem(ctx, l, "iPhone 15 case", 500, "")
	i2, _ := s.AddItem(ctx, l, "USB-C cable", 1000, "1 m")
	for _, c := range []Candidate{
		{OfferID: "610000000001", SpecID: "s1", Info: Info{Title: "手机壳", SKU: "黑色", Seller: "义乌某厂"}},
		{OfferID: "610000000002", Info: Info{Title: "另一个"}},
	} {
		if added, err := s.AddCandidate(ctx, i1, c); err != nil || !added {
			t.Fatalf("add %v: %v %v", c, added, err)
		}
	}
	if added, err := s.AddCandidate(ctx, i1, Candidate{OfferID: "610000000001", SpecID: "s1"}); err != nil || added {
		t.Fatalf("a candidate twice: added %v, %v", added, err)
	}
	if _, err := s.AddCandidate(ctx, 999, Candidate{OfferID: "1"}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("a candidate of no item: %v", err)
	}
	if err := s.Choose(ctx, i1, "610000000002", ""); err != nil {
		t.Fatal(err)
	}
	if err := s.Choose(ctx, i1, "nope", ""); !errors.Is(err, ErrNotFound) {
		t.Fatalf("choosing what is not there: %v", err)
	}
	items, err := s.Items(ctx, l)
	if err != nil || len(items) != 2 || items[0].ID != i1 || items[1].ID != i2 {
		t.Fatalf("items %+v, %v", items, err)
	}
	cs := items[0].Candidates
	if len(cs) != 2 || cs[0].Info.SKU != "黑色" || cs[0].Chosen || !cs[1].Chosen {
		t.Fatalf("candidates %+v (a failed choose must not unmark the chosen one)", cs)
	}
	if err := s.RemoveCandidate(ctx, i1, "610000000001", "s1"); err != nil {
		t.Fatal(err)
	}
	if items, _ := s.Items(ctx, l); len(items[0].Candidates) != 1 || len(items[1].Candidates) != 0 {
		t.Fatalf("after removing: %+v", items)
	}
	if ls, _ := s.Lists(ctx, false); ls[0].Items != 2 {
		t.Fatalf("list shows %d items", ls[0].Items)
	}
}

func TestItemEditDeleteAndPutBack(t *testing.T) {
	s, _ := open(t)
	ctx := context.Background()
	l, _ := s.CreateList(ctx, "Client A")
	i1, _ := s.AddItem(ctx, l, "case", 500, "")
	s.AddCandidate(ctx, i1, Candidate{OfferID: "1", SpecID: "a", Info: Info{Title: "壳"}})
	s.AddCandidate(ctx, i1, Candidate{OfferID: "2"})
	s.Choose(ctx, i1, "2", "")
	items, _ := s.Items(ctx, l)
	it := items[0]
	it.Name, it.Target, it.Note = "iPhone case", 600, "唛头 A1"
	if err := s.UpdateItem(ctx, it); err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateItem(ctx, Item{ID: 999, ListID: l, Name: "x", Target: 1}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("updating no item: %v", err)
	}
	items, _ = s.Items(ctx, l)
	kept := items[0]
	if kept.Name != "iPhone case" || kept.Target != 600 || kept.Note != "唛头 A1" {
		t.Fatalf("updated %+v", kept)
	}
	if err := s.DeleteItem(ctx, l, i1); err != nil {
		t.Fatal(err)
	}
	if items, _ := s.Items(ctx, l); len(items) != 0 {
		t.Fatalf("deleted item still there: %+v", items)
	}
	if err := s.PutItem(ctx, kept); err != nil {
		t.Fatal(err)
	}
	items, _ = s.Items(ctx, l)
	if len(items) != 1 || items[0].ID != i1 || len(items[0].Candidates) != 2 || !items[0].Candidates[1].Chosen || items[0].Candidates[0].Info.Title != "壳" {
		t.Fatalf("put back %+v", items)
	}
}

func TestImportListIsAllOrNothing(t *testing.T) {
	s, _ := open(t)
	ctx := context.Background()
	s.CreateList(ctx, "client-a")
	items := []NewItem{
		{Name: "case", Target: 500, Note: "唛头 A1", Candidate: &Candidate{OfferID: "1", SpecID: "s", Info: Info{Title: "壳"}}},
		{Name: "cable", Target: 100},
	}
	id, name, err := s.ImportList(ctx, "client-a", items)
	if err != nil || name != "client-a (2)" {
		t.Fatalf("import: %q, %v", name, err)
	}
	got, _ := s.Items(ctx, id)
	if len(got) != 2 || got[0].Note != "唛头 A1" || len(got[0].Candidates) != 1 || len(got[1].Candidates) != 0 {
		t.Fatalf("imported %+v", got)
	}
	// A bad item anywhere keeps nothing.
	bad := append(items, NewItem{Name: "", Target: 1})
	if _, _, err := s.ImportList(ctx, "client-b", bad); err == nil {
		t.Fatal("an item without a name was imported")
	}
	if ls, _ := s.Lists(ctx, false); len(ls) != 2 {
		t.Fatalf("a failed import left a list: %+v", ls)
	}
}
