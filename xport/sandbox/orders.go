package sandbox

import "net/http"

// STUB: being written.
type orderBook struct{ s *Server }

func newOrderBook(s *Server) *orderBook { return &orderBook{s: s} }

func (s *Server) handlePreview(r *http.Request, b []byte) (any, *apiErr)     { return nil, errf(501, "501", "todo") }
func (s *Server) handleCreate(r *http.Request, b []byte) (any, *apiErr)      { return nil, errf(501, "501", "todo") }
func (s *Server) handlePay(r *http.Request, b []byte) (any, *apiErr)         { return nil, errf(501, "501", "todo") }
func (s *Server) handleOrderList(r *http.Request, b []byte) (any, *apiErr)   { return nil, errf(501, "501", "todo") }
func (s *Server) handleOrderDetail(r *http.Request, b []byte) (any, *apiErr) { return nil, errf(501, "501", "todo") }
func (s *Server) handleLogistics(r *http.Request, b []byte) (any, *apiErr)   { return nil, errf(501, "501", "todo") }
