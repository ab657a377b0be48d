package cart

import (
	"context"
	"database/sql"
)

// Prefs are the user's choices that outlive a session, kept next to the
// cart with the same care.
type Prefs struct {
	// DefaultAddressID is the shipping address chosen last.
	DefaultAddressID string
}

// Prefs returns the preferences.
func (c *Cart) Prefs() Prefs {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.prefs
}

func (c *Cart) setPrefs(p Prefs) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p != c.prefs {
		c.version++
	}
	c.prefs = p
}

// DefaultAddress is the id of the shipping address chosen last, or "".
func (c *Cart) DefaultAddress() string { return c.Prefs().DefaultAddressID }

// SetDefaultAddress remembers the shipping address for the next order
// and the next session.
func (c *Cart) SetDefaultAddress(id string) error {
	c.io.Lock()
	defer c.io.Unlock()
	if c.st == nil {
		c.setPrefs(Prefs{DefaultAddressID: id})
		return nil
	}
	ctx := context.Background()
	saved := *c.st
	var p Prefs
	err := c.st.db.Tx(ctx, func(tx *sql.Tx) error {
		// Read first, so a preference another session set since is kept
		// when prefs grow beyond one field.
		var err error
		if p, err = c.st.loadPrefs(ctx, tx); err != nil {
			return err
		}
		p.DefaultAddressID = id
		return c.st.savePrefs(ctx, tx, p)
	})
	if err != nil {
		*c.st = saved
		return err
	}
	c.setPrefs(p)
	return nil
}
