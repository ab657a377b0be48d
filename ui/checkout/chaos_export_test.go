package checkout

import (
	"strconv"
	"strings"
	"time"

	"caigou/ui/cart"
	"caigou/ui/common"

	tea "github.com/charmbracelet/bubbletea"
)

// This file lets chaos_test.go, which is in package checkout_test so that
// it can start the whole app (ui/app imports this package), read what the
// page holds. It changes nothing.

// ChaosGroup is one supplier group as the chaos test reads it.
type ChaosGroup struct {
	SellerOpenID string
	SellerName   string
	OutOrderID   string
	Phase        string
	InFlight     bool
	// Retriable is what the page offers under r for the group.
	Retriable bool
	OrderIDs  []string
	// AgainCode is what the agent types to order unsettled goods again.
	AgainCode string
	// Look is what the look-ups of an unsettled create found: "not found",
	// "unproven", "failed" or "" (not looked up yet).
	Look string
	// Keys are the group's cart lines.
	Keys []cart.Key
	// Previewed: the group has a preview (R needs one).
	Previewed bool
}

// Phase names as ChaosGroup gives them.
const (
	ChaosPreviewing    = "previewing"
	ChaosPreviewFailed = "preview failed"
	ChaosRefused       = "refused"
	ChaosReady         = "ready"
	ChaosPlacing       = "placing"
	ChaosChecking      = "checking"
	ChaosCreated       = "created"
	ChaosFailed        = "failed"
	// ChaosUnsettled is a create whose answer was lost and whose order has
	// not been found: never "not placed" by itself.
	ChaosUnsettled = "unsettled"
)

func chaosPhase(p phase) string {
	switch p {
	case previewing:
		return ChaosPreviewing
	case previewFailed:
		return ChaosPreviewFailed
	case refused:
		return ChaosRefused
	case ready:
		return ChaosReady
	case placing:
		return ChaosPlacing
	case checking:
		return ChaosChecking
	case created:
		return ChaosCreated
	case failed:
		return ChaosFailed
	case unsettled:
		return ChaosUnsettled
	}
	return "phase " + strconv.Itoa(int(p))
}

// ChaosGroups returns the groups of a checkout page.
func ChaosGroups(p common.Page) []ChaosGroup {
	m := p.(*Model)
	out := make([]ChaosGroup, 0, len(m.groups))
	for _, g := range m.groups {
		var ks []cart.Key
		for _, l := range g.g.Lines {
			ks = append(ks, l.Key())
		}
		out = append(out, ChaosGroup{
			SellerOpenID: g.g.SellerOpenID,
			SellerName:   g.g.SellerName,
			OutOrderID:   g.outOrderID,
			Phase:        chaosPhase(g.phase),
			InFlight:     g.inFlight,
			Retriable:    g.retriable(),
			OrderIDs:     append([]string(nil), g.orderIDs...),
			AgainCode:    g.againCode(),
			Look:         chaosLook(g.look),
			Keys:         ks,
			Previewed:    len(g.previews) > 0,
		})
	}
	return out
}

// ChaosText is everything the page says, scrolled out of view or not.
func ChaosText(p common.Page) string {
	m := p.(*Model)
	return strings.Join(m.header, "\n") + "\n" + strings.Join(m.body, "\n") + "\n" + strings.Join(m.footer, "\n")
}

// ChaosGroupsText is the page without its footer: what it says of each
// group, without the question or the prompt.
func ChaosGroupsText(p common.Page) string {
	m := p.(*Model)
	return strings.Join(m.header, "\n") + "\n" + strings.Join(m.body, "\n")
}

// ChaosSelect selects group i, as the arrow keys would.
func ChaosSelect(p common.Page, i int) { p.(*Model).selectGroup(i) }

// ChaosConfirming reports an open question.
func ChaosConfirming(p common.Page) bool { return p.(*Model).confirming }

func chaosLook(k lookKind) string {
	switch k {
	case lookNotFound:
		return "not found"
	case lookUnproven:
		return "unproven"
	case lookFailed:
		return "failed"
	}
	return ""
}

// ChaosSelected is the selected group.
func ChaosSelected(p common.Page) int { return p.(*Model).sel }

// ChaosTyped is what was typed at the prompt for the end of a reference.
func ChaosTyped(p common.Page) string { return string(p.(*Model).typed) }

// ChaosTimer replaces the page's recheck timer: instead of a tea.Tick,
// schedule is handed the message the timer would deliver, and the test
// delivers it when it likes (the page schedules one at a time).
func ChaosTimer(p common.Page, schedule func(tea.Msg)) {
	p.(*Model).after = func(_ time.Duration, msg tea.Msg) tea.Cmd {
		schedule(msg)
		return nil
	}
}
