package main

import (
	"strings"
	"testing"
	"time"
)

// TestEndToEndPurchase is the whole purchase as an agent does it, keys
// only, in a real terminal at 80x24 and at 200x50: a cart from two
// suppliers that survives a restart, a quantity the preview refuses and
// the agent fixes, confirmation, the orders created, the pay link, and
// later the orders shipped with a trace. The desk runs live against
// `caigou sandbox` on loopback with time sped up 3600 times, so "two hours
// later the seller ships" takes two seconds.
func TestEndToEndPurchase(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	bin := buildBinary(t)
	for _, size := range [][2]int{{80, 24}, {200, 50}} {
		base := startSandboxProcess(t, bin, "--addr", "127.0.0.1:0", "--time-scale", "3600")
		env := liveConfig(t, base)
		w, h := size[0], size[1]

		d := startDeskEnv(t, bin, w, h, env)
		d.wait("LIVE", "caigou")
		d.keys("/")
		d.typeText("连衣裙")
		d.keys("Enter")
		d.wait("“连衣裙”", "1 of ")
		d.keys("Enter")
		d.wait("Minimum order")
		d.keys("a")
		d.wait("Added")
		d.keys("/")
		d.keys("C-u") // / holds the keyword searched, to refine it
		d.typeText("phone case")
		d.keys("Enter")
		// The query line in quotes, not the typed text: until the new
		// answer is drawn, the old results' "1 of" is still on screen
		// below the box that already holds "phone case".
		d.wait("“phone case”", "1 of ")
		d.keys("Enter")
		d.wait("Minimum order")
		d.keys("a")
		d.wait("Added", "cart 2 lines")

		// Quit and start again: the cart is as it was.
		d.keys("q")
		waitExit(t, d.tmuxDesk)
		d = startDeskEnv(t, bin, w, h, env)
		d.wait("cart 2 lines")
		d.escape()
		d.keys("c")
		d.wait("2 suppliers")

		// Below the minimum: the cart warns, the preview refuses that
		// supplier and keeps the other orderable.
		d.typeText("1")
		d.keys("Enter")
		d.wait("preview will refuse")
		d.keys("p")
		d.wait("Refused", "1 order with 1 supplier")
		d.escape()
		d.wait("2 suppliers")
		d.keys("+")
		time.Sleep(300 * time.Millisecond)
		d.keys("p")
		d.wait("2 orders with 2 suppliers")
		if s := d.screen(); strings.Contains(s, "Refused") {
			t.Fatalf("%dx%d: still refused after the fix:\n%s", w, h, s)
		}
		d.keys("Enter")
		d.wait("y places them")
		d.keys("y")
		d.wait("Created 2 orders")
		d.keys("P")
		d.wait("Pay 2 orders", "https://trade.1688.com/")

		// The orders list, then the seller ships and the trace appears.
		d.escape()
		d.keys("o")
		d.wait("Order id")
		d.pressUntil("r", "已发货")
		d.keys("Enter")
		d.pressUntil("r", "bill ")
		screen := d.screen()
		for i, line := range strings.Split(screen, "\n") {
			if dw := displayWidth(line); dw > w {
				t.Fatalf("%dx%d: line %d is %d cells wide:\n%s", w, h, i, dw, screen)
			}
		}
		d.keys("q")
		waitExit(t, d.tmuxDesk)
	}
}

func waitExit(t *testing.T, d *tmuxDesk) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if d.exited() {
			return
		}
	}
	t.Fatalf("q did not quit:\n%s", d.screen())
}
