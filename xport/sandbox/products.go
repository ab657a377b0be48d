package sandbox

import "net/http"

// STUB: being written.
func (s *Server) handleKeywordSearch(r *http.Request, b []byte) (any, *apiErr) { return nil, errf(501, "501", "todo") }
func (s *Server) handleImageSearch(r *http.Request, b []byte) (any, *apiErr)   { return nil, errf(501, "501", "todo") }
func (s *Server) handleCategory(r *http.Request, b []byte) (any, *apiErr)      { return nil, errf(501, "501", "todo") }
func (s *Server) handleProductDetail(r *http.Request, b []byte) (any, *apiErr) { return nil, errf(501, "501", "todo") }
func (s *Server) handleDetailMulti(r *http.Request, b []byte) (any, *apiErr)   { return nil, errf(501, "501", "todo") }
func (s *Server) handleFreight(r *http.Request, b []byte) (any, *apiErr)       { return nil, errf(501, "501", "todo") }
