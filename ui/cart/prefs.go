package cart

import "errors"

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
	var moved error
	err := c.st.locked(func() error {
		// Read first, so a preference another session added since is kept
		// when prefs grow beyond one field.
		p, err := c.st.readPrefs()
		if err != nil {
			var ce *CorruptError
			if !errors.As(err, &ce) {
				return err
			}
			moved, p = err, c.Prefs()
		}
		p.DefaultAddressID = id
		if err := c.st.writePrefs(p); err != nil {
			return err
		}
		c.setPrefs(p)
		return nil
	})
	return errors.Join(moved, err)
}
