package sandbox

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"caigou/xport"
)

// Store keeps the sandbox's state between runs: the demo desk gives it
// a row of its state database, so orders placed in the demo are still
// there, and still moving along, after a restart.
type Store interface {
	// Load returns what was saved; nil with no error when nothing was.
	Load() ([]byte, error)
	Save([]byte) error
}

// snapshotVersion is the layout of the saved state; a newer one is not
// read (the sandbox starts afresh rather than misread orders).
const snapshotVersion = 1

// snapshot is what survives a run: the order book (sellers, offers and
// SKUs by id, since the catalogue is regenerated from the seed), the
// answers replayed for an outOrderId sent again, the address book and
// the marketplace clock.
type snapshot struct {
	Version   int                         `json:"version"`
	Market    time.Time                   `json:"market"`
	Seq       uint64                      `json:"seq"`
	Orders    []snapOrder                 `json:"orders"`
	ByOut     map[string]*ordCreateAnswer `json:"by_out"`
	AddrNext  int64                       `json:"addr_next"`
	Addresses []acctAddress               `json:"addresses"`
}

type snapOrder struct {
	ID         string       `json:"id"`
	Seq        uint64       `json:"seq"`
	OutOrderID string       `json:"out_order_id"`
	Seller     string       `json:"seller"`
	Lines      []snapLine   `json:"lines"`
	Address    ordAddressIn `json:"address"`
	Message    string       `json:"message"`
	Goods      xport.Fen    `json:"goods"`
	Freight    xport.Fen    `json:"freight"`
	Created    time.Time    `json:"created"`
	Paid       time.Time    `json:"paid"`
	Cancelled  time.Time    `json:"cancelled,omitzero"`
	Parcels    []ordParcel  `json:"parcels"`
	StockBack  bool         `json:"stock_back"`
}

type snapLine struct {
	Offer     string    `json:"offer"`
	SKU       string    `json:"sku"`
	Qty       int64     `json:"qty"`
	Unit      xport.Fen `json:"unit"`
	Amount    xport.Fen `json:"amount"`
	SubItemID string    `json:"sub_item_id"`
}

// save writes the state to the store; called after every write a
// request made. A failure leaves the run working, unsaved.
func (s *Server) save() {
	if s.opts.Store == nil {
		return
	}
	b, err := s.snapshot()
	if err == nil {
		s.opts.Store.Save(b)
	}
}

func (s *Server) snapshot() ([]byte, error) {
	ob := s.orders
	ob.mu.Lock()
	snap := snapshot{Version: snapshotVersion, Market: s.market(), Seq: ob.seq, ByOut: ob.byOut}
	for _, o := range ob.orders {
		so := snapOrder{ID: o.ID, Seq: o.Seq, OutOrderID: o.OutOrderID, Address: o.Address, Message: o.Message,
			Goods: o.Goods, Freight: o.Freight, Created: o.Created, Paid: o.Paid, Parcels: o.Parcels, StockBack: o.stockBack, Cancelled: o.Cancelled}
		if o.Seller != nil {
			so.Seller = o.Seller.OpenID
		}
		for _, l := range o.Lines {
			sl := snapLine{Qty: l.Qty, Unit: l.Unit, Amount: l.Amount, SubItemID: l.SubItemID}
			if l.Offer != nil {
				sl.Offer = l.Offer.ID
			}
			if l.SKU != nil {
				sl.SKU = l.SKU.SpecID
			}
			so.Lines = append(so.Lines, sl)
		}
		snap.Orders = append(snap.Orders, so)
	}
	// Marshalled under the locks: byOut and the orders' parcels are the
	// live ones.
	defer ob.mu.Unlock()
	s.book.mu.Lock()
	defer s.book.mu.Unlock()
	snap.AddrNext, snap.Addresses = s.book.nextID, s.book.list
	return json.Marshal(snap)
}

// restore reads a saved state into a new server's order and address
// books, taking the goods of open orders out of stock again. It returns
// the marketplace time saved, zero when nothing was restored.
func (s *Server) restore(b []byte) (time.Time, error) {
	var snap snapshot
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber() // order ids in the replayed answers stay exact
	if err := dec.Decode(&snap); err != nil {
		return time.Time{}, err
	}
	if snap.Version != snapshotVersion {
		return time.Time{}, fmt.Errorf("saved sandbox state is version %d, this reads %d", snap.Version, snapshotVersion)
	}
	sellers := map[string]*Seller{}
	for _, sl := range s.cat.Sellers {
		sellers[sl.OpenID] = sl
	}
	ob := s.orders
	for _, so := range snap.Orders {
		o := &bookOrder{ID: so.ID, Seq: so.Seq, OutOrderID: so.OutOrderID, Seller: sellers[so.Seller], Address: so.Address,
			Message: so.Message, Goods: so.Goods, Freight: so.Freight, Created: so.Created, Paid: so.Paid, Parcels: so.Parcels, stockBack: so.StockBack, Cancelled: so.Cancelled}
		for _, sl := range so.Lines {
			l := bookLine{Qty: sl.Qty, Unit: sl.Unit, Amount: sl.Amount, SubItemID: sl.SubItemID, Offer: s.cat.OfferByID[sl.Offer]}
			if l.Offer != nil {
				for _, k := range l.Offer.SKUs {
					if k.SpecID == sl.SKU {
						l.SKU = k
					}
				}
			}
			if l.SKU != nil && !o.stockBack {
				// As the create took it; a close gives it back as before.
				l.SKU.Stock -= l.Qty
			}
			o.Lines = append(o.Lines, l)
		}
		ob.orders = append(ob.orders, o)
		ob.byID[o.ID] = o
	}
	if snap.ByOut != nil {
		ob.byOut = snap.ByOut
	}
	ob.seq = max(ob.seq, snap.Seq)
	if len(snap.Addresses) > 0 {
		s.book.nextID, s.book.list = snap.AddrNext, snap.Addresses
	}
	return snap.Market, nil
}
