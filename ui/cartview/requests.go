package cartview

import (
	"errors"
	"fmt"

	"caigou/ui/cart"
	"caigou/ui/common"
	"caigou/ui/sanitize"
	"caigou/xport"

	tea "github.com/charmbracelet/bubbletea"
)

const kindAddresses = "addresses"

// opKind is a change to the cart.
type opKind int

const (
	opSet opKind = iota
	opRemove
	opRestore
	opNote
)

// op is one change waiting to be saved. The cart is a file shared with
// the user's other sessions, so a change is I/O and runs in a command.
type op struct {
	kind   opKind
	key    cart.Key
	q      int64
	line   cart.Line // removed or restored
	at     int       // where it was
	note   string
	seller string // whose note
	what   string // the line or seller, for the status line
	warn   string // a caution to show once saved
}

// removal is what `u` puts back.
type savedMsg struct {
	common.Reply
	op  op
	err error
}

type reloadedMsg struct {
	common.Reply
	changed bool
	err     error
}

type addressesMsg struct {
	common.Reply
	list []xport.Address
	err  error
}

type defaultSavedMsg struct {
	common.Reply
	addr xport.Address
	err  error
}

// previewReady carries the cart as saved at the moment p was pressed.
type previewReady struct {
	common.Reply
	err error
}

func (m *Model) reply() common.Reply { return common.Reply{Page: m.id} }

// enqueue adds a change; a quantity still waiting for its turn is
// replaced rather than queued twice.
func (m *Model) enqueue(o op) tea.Cmd {
	if o.kind == opSet {
		for i := range m.ops {
			if (i > 0 || !m.inflight) && m.ops[i].kind == opSet && m.ops[i].key == o.key {
				m.ops[i] = o
				m.rebuild()
				return nil
			}
		}
	}
	m.ops = append(m.ops, o)
	m.rebuild()
	return m.next()
}

// next starts the first queued change when none is running.
func (m *Model) next() tea.Cmd {
	if m.inflight || len(m.ops) == 0 {
		return nil
	}
	m.inflight = true
	o, crt, r := m.ops[0], m.c.Cart, m.reply()
	return func() tea.Msg {
		var err error
		switch o.kind {
		case opSet:
			err = crt.Set(o.key, o.q)
		case opRemove:
			err = crt.Delete(o.key)
		case opRestore:
			err = crt.Restore(o.line, o.at)
		case opNote:
			err = crt.SetMessage(o.seller, o.note)
		}
		return savedMsg{Reply: r, op: o, err: err}
	}
}

// onSaved reports a change and starts the next.
func (m *Model) onSaved(msg savedMsg) tea.Cmd {
	if len(m.ops) > 0 {
		m.ops = m.ops[1:]
	}
	m.inflight = false
	m.rebuild()
	cmds := []tea.Cmd{m.next()}
	o := msg.op
	var ce *cart.CorruptError
	if msg.err != nil && !errors.As(msg.err, &ce) {
		if o.kind == opRestore {
			// Not put back: it stays the next u's to try again.
			m.c.Removed = append(m.c.Removed, common.Removal{Line: o.line, At: o.at})
		}
		return tea.Batch(append(cmds, common.Error(failing(o), msg.err))...)
	}
	text, level := done(o), common.OK
	if o.kind == opRemove {
		m.c.Removed = append(m.c.Removed, common.Removal{Line: o.line, At: o.at})
		if n := len(m.c.Removed); n > common.MaxUndo {
			m.c.Removed = m.c.Removed[n-common.MaxUndo:]
		}
	}
	if o.kind == opRestore {
		m.follow(o.line.Key())
	}
	if o.warn != "" {
		text, level = text+". "+o.warn, common.Warn
	}
	if ce != nil {
		// Saved, but the file it replaced was unreadable: say where the
		// old one went.
		text, level = text+". "+sanitize.Line(ce.Error()), common.Warn
	}
	return tea.Batch(append(cmds, common.Status(level, text))...)
}

// done says what a saved change did.
func done(o op) string {
	switch o.kind {
	case opSet:
		return fmt.Sprintf("%s: quantity %d", o.what, o.q)
	case opRemove:
		return "Removed " + o.what + " — press u to undo (each u puts back one more)"
	case opRestore:
		return "Put back " + o.what
	case opNote:
		if o.note == "" {
			return "Note to " + o.what + " cleared"
		}
		return "Note to " + o.what + " saved"
	}
	return ""
}

func failing(o op) string {
	switch o.kind {
	case opSet:
		return "Changing the quantity of " + o.what
	case opRemove:
		return "Removing " + o.what
	case opRestore:
		return "Putting back " + o.what
	}
	return "Saving the note to " + o.what
}

// reload picks up another session's changes.
func (m *Model) reload() tea.Cmd {
	crt, r := m.c.Cart, m.reply()
	return func() tea.Msg {
		changed, err := crt.Reload()
		return reloadedMsg{Reply: r, changed: changed, err: err}
	}
}

func (m *Model) onReloaded(msg reloadedMsg) tea.Cmd {
	m.rebuild()
	if msg.err != nil {
		// The same failure every few seconds would bury the status line.
		if text := msg.err.Error(); text != m.lastPoll {
			m.lastPoll = text
			return common.Error("Reading the cart saved by your other sessions", msg.err)
		}
		return nil
	}
	m.lastPoll = ""
	if msg.changed {
		return common.Status(common.Info, "The cart was changed in another caigou session; showing it as saved.")
	}
	return nil
}

func (m *Model) loadAddresses() tea.Cmd {
	ctx, seq := m.req.Start(kindAddresses)
	m.addrSt, m.addrErr = loading, nil
	cl, r := marketOf(m.c), common.Reply{Page: m.id, Seq: seq}
	return func() tea.Msg {
		list, err := cl.Addresses(ctx)
		return addressesMsg{Reply: r, list: list, err: err}
	}
}

func (m *Model) onAddresses(msg addressesMsg) tea.Cmd {
	if !m.req.Current(kindAddresses, msg.Seq) {
		return nil
	}
	m.req.Done(kindAddresses, msg.Seq)
	if msg.err != nil {
		m.addrSt, m.addrErr = failed, msg.err
		m.previewQ = false
		return common.Error("Loading your shipping addresses", msg.err)
	}
	m.addrSt, m.addrs = loaded, msg.list
	if m.addr == nil || !contains(msg.list, m.addr.ID) {
		m.addr = m.c.ShippingAddress(msg.list)
		if note := m.c.AddressFallback(msg.list, m.addr); note != "" {
			// Not previewed on another address than the one the agent
			// meant without a look: the preview waits for p again.
			m.previewQ = false
			return common.Status(common.Warn, note)
		}
	}
	if m.previewQ {
		m.previewQ = false
		return m.preview()
	}
	return nil
}

func contains(list []xport.Address, id xport.ID) bool {
	for _, a := range list {
		if a.ID == id {
			return true
		}
	}
	return false
}

// saveDefault remembers the chosen address for the next order and the
// next session.
func (m *Model) saveDefault(a xport.Address) tea.Cmd {
	crt, r := m.c.Cart, m.reply()
	return func() tea.Msg {
		return defaultSavedMsg{Reply: r, addr: a, err: crt.SetDefaultAddress(string(a.ID))}
	}
}
