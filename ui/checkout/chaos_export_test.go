package checkout

import (
	"strconv"
	"strings"

	"caigou/ui/common"
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
	ChaosNotPlaced     = "not placed"
	ChaosCheckFailed   = "check failed"
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
	case notPlaced:
		return ChaosNotPlaced
	case checkFailed:
		return ChaosCheckFailed
	}
	return "phase " + strconv.Itoa(int(p))
}

// ChaosGroups returns the groups of a checkout page.
func ChaosGroups(p common.Page) []ChaosGroup {
	m := p.(*Model)
	out := make([]ChaosGroup, 0, len(m.groups))
	for _, g := range m.groups {
		out = append(out, ChaosGroup{
			SellerOpenID: g.g.SellerOpenID,
			SellerName:   g.g.SellerName,
			OutOrderID:   g.outOrderID,
			Phase:        chaosPhase(g.phase),
			InFlight:     g.inFlight,
			Retriable:    g.retriable(),
			OrderIDs:     append([]string(nil), g.orderIDs...),
		})
	}
	return out
}

// ChaosText is everything the page says, scrolled out of view or not.
func ChaosText(p common.Page) string {
	m := p.(*Model)
	return strings.Join(m.header, "\n") + "\n" + strings.Join(m.body, "\n") + "\n" + strings.Join(m.footer, "\n")
}

// ChaosSelect selects group i, as the arrow keys would.
func ChaosSelect(p common.Page, i int) { p.(*Model).selectGroup(i) }

// ChaosConfirming reports an open question.
func ChaosConfirming(p common.Page) bool { return p.(*Model).confirming }
