package main

import (
	"path/filepath"
	"strings"
	"testing"

	"caigou/ui/uitest"
	"caigou/xport/sandbox"

	"github.com/xuri/excelize/v2"
)

// TestEndToEndSourcing is issue 12's whole path, keys only, in a real
// terminal at 80x24 and 200x50 on the demo desk: a client's 20-row list
// imported (three bad rows reported), two more candidates added to its
// first item from a search, the comparison with landed cost, the winner
// to the cart, preview, place, and the orders exported to XLSX, read
// back here with excelize with the order ids whole.
func TestEndToEndSourcing(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	bin := buildBinary(t)
	for _, size := range [][2]int{{80, 24}, {200, 50}} {
		w, h := size[0], size[1]
		dir := t.TempDir()
		list := filepath.Join(dir, "client-a.xlsx")
		uitest.WriteSheet(t, list, uitest.ClientList(t, sandbox.New(sandbox.Options{Seed: 1})))

		d := startDeskEnv(t, bin, w, h, nil, "--demo")
		d.wait("SANDBOX", "caigou")
		d.keys("S")
		d.wait("No sourcing lists yet")
		d.keys("I")
		d.wait("File (.xlsx or .csv)")
		d.keys("C-u")
		d.typeText(list)
		d.keys("Enter")
		d.wait("20 rows:", "3 invalid")
		d.keys("y")
		d.wait("Imported «client-a»", "17 items")

		// Two more candidates for the first item, from a search.
		d.keys("/")
		d.keys("C-u")
		d.typeText("连衣裙")
		d.keys("Enter")
		d.wait("“连衣裙”", "1 of ")
		for _, n := range []string{"2 candidates now", "3 candidates now"} {
			d.keys("C")
			// The picker opens on the list changed last, then on its
			// first item.
			d.wait("Which list?")
			d.keys("Enter")
			d.wait("which item")
			d.keys("Enter")
			d.wait(n)
			d.keys("Down")
		}

		// The comparison, and the cheapest landed cost to the cart.
		// The lists page, loaded: its selected row, not the status line
		// of the search page, which names the list too.
		d.keys("S")
		d.wait("Sourcing lists", "▶ client-a")
		d.keys("Enter")
		d.wait("Cand.")
		d.keys("Enter")
		d.wait("★", "Landed/u", "intl. estimate")
		screen := d.screen()
		priced := 0
		for _, line := range strings.Split(screen, "\n") {
			if strings.Count(line, "¥") >= 2 {
				priced++ // a candidate's row: its unit price and landed cost
			}
		}
		if n := priced; n < 3 {
			t.Fatalf("%dx%d: three candidates should be compared:\n%s", w, h, screen)
		}
		for i, line := range strings.Split(screen, "\n") {
			if dw := displayWidth(line); dw > w {
				t.Fatalf("%dx%d: line %d is %d cells wide:\n%s", w, h, i, dw, screen)
			}
		}
		d.keys("a")
		d.wait("to the cart", "cart 1 line")

		// Preview, place, export the orders.
		d.keys("c")
		d.wait("1 supplier")
		d.keys("p")
		d.wait("1 order with 1 supplier")
		d.keys("Enter")
		d.wait("y places it")
		d.keys("y")
		d.wait("Created 1 order")
		d.keys("o")
		d.wait("Order id")
		d.keys("E")
		d.wait("Export 1 order")
		out := filepath.Join(dir, "orders.xlsx")
		d.keys("C-u")
		d.typeText(out)
		d.keys("Enter")
		d.wait("Wrote 1 order")

		f, err := excelize.OpenFile(out)
		if err != nil {
			t.Fatal(err)
		}
		id, _ := f.GetCellValue("Orders", "A2")
		typ, _ := f.GetCellType("Orders", "A2")
		f.Close()
		if len(id) < 16 || typ == excelize.CellTypeNumber || strings.ContainsAny(id, "E+.") {
			t.Fatalf("%dx%d: the order id came back as %q (%v)", w, h, id, typ)
		}
		d.keys("q")
		waitExit(t, d.tmuxDesk)
	}
}
