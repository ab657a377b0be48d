package app

import (
	"context"
	"strings"
	"time"

	"caigou/ui/common"
	"caigou/ui/journal"
	"caigou/ui/sanitize"

	tea "github.com/charmbracelet/bubbletea"
)

// startupCheck settles orders whose answer a previous session never saw
// (the link dropped or the process died between send and answer): each
// pending intent is looked up by its outOrderId and the agent is told what
// was found. Only intents older than one request timeout are touched, so a
// create another session still has in flight is left to that session.
func startupCheck(c *common.Common) tea.Cmd {
	if c.Journal == nil || c.Client == nil {
		return nil
	}
	j, cutoff, ctx := c.Journal, c.SettleCutoff(), c.Ctx
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, time.Minute)
		defer cancel()
		found, notes, err := c.SettlePending(ctx, "at start")
		msg := startupMsg{found: found, notes: notes, err: err}
		// Creates sent moments ago (the desk was killed, or the link
		// dropped, a few seconds before this start) are too young to look
		// up: another session may still be waiting for their answer. Say
		// so, and look again once they are old enough.
		if pending, _, perr := j.Pending(); perr == nil {
			for _, in := range pending {
				if !in.At.Before(cutoff) {
					msg.fresh = append(msg.fresh, in)
					msg.again = max(msg.again, in.At.Sub(cutoff)+time.Second)
				}
			}
		}
		return msg
	}
}

type startupMsg struct {
	found []journal.Resolution
	notes []string
	err   error
	// fresh are pending creates too young to look up yet; again is when
	// they are old enough.
	fresh []journal.Intent
	again time.Duration
}

// recheckStartup looks the fresh creates up once they are old enough.
type recheckStartup struct{}

// next schedules the look-up of the fresh creates.
func (msg startupMsg) next() tea.Cmd {
	if len(msg.fresh) == 0 {
		return nil
	}
	return tea.Tick(msg.again, func(time.Time) tea.Msg { return recheckStartup{} })
}

// report turns the look-ups into one status line.
func (msg startupMsg) report() tea.Cmd {
	parts := journal.Report(msg.found)
	if len(msg.fresh) > 0 {
		var refs []string
		for _, in := range msg.fresh {
			refs = append(refs, in.SellerName+" (reference "+in.OutOrderID+")")
		}
		parts = append(parts, "An order sent moments ago has no answer yet: "+strings.Join(refs, "; ")+
			"; the desk looks it up in "+msg.again.Round(time.Second).String()+" — do not order those goods again meanwhile")
	}
	if msg.err != nil {
		parts = append(parts, "The order journal could not be read: "+msg.err.Error())
	}
	parts = append(parts, msg.notes...)
	if len(parts) == 0 {
		return nil
	}
	return common.Status(common.Warn, sanitize.Line(strings.Join(parts, ". ")+"."))
}
