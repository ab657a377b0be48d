package sandbox

import "net/http"

// STUB: being written.
type addressBook struct{}

func newAddressBook() *addressBook { return &addressBook{} }

func (s *Server) handleIMDecrypt(r *http.Request, b []byte) (any, *apiErr)   { return nil, errf(501, "501", "todo") }
func (s *Server) handleAddressList(r *http.Request, b []byte) (any, *apiErr) { return nil, errf(501, "501", "todo") }
func (s *Server) handleAddressSave(r *http.Request, b []byte) (any, *apiErr) { return nil, errf(501, "501", "todo") }
