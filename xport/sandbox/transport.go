package sandbox

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"sync"
)

// Transport is an http.RoundTripper that serves requests from a handler in
// the same process, with no socket: the desk's default, so starting on the
// sandbox opens no port on a shared box. It behaves like a connection: a
// handler that aborts (http.ErrAbortHandler) is a connection reset, and a
// handler still running when the request's context ends is a timeout.
type Transport struct {
	Handler http.Handler
}

var errReset = errors.New("connection reset by peer (sandbox)")

// RoundTrip implements http.RoundTripper.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	var body []byte
	if req.Body != nil {
		b, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, err
		}
		body = b
	}
	if tr := httptrace.ContextClientTrace(ctx); tr != nil && tr.WroteHeaders != nil {
		tr.WroteHeaders()
	}
	in := req.Clone(ctx)
	in.Body = io.NopCloser(bytes.NewReader(body))
	in.ContentLength = int64(len(body))
	in.RequestURI = req.URL.RequestURI()
	in.RemoteAddr = "127.0.0.1:0"

	rec := &recorder{header: http.Header{}, status: http.StatusOK}
	done := make(chan bool, 1)
	go func() {
		aborted := false
		defer func() {
			if r := recover(); r != nil {
				if r != http.ErrAbortHandler {
					rec.mu.Lock()
					rec.status = http.StatusInternalServerError
					rec.mu.Unlock()
				}
				aborted = true
			}
			done <- aborted
		}()
		t.Handler.ServeHTTP(rec, in)
	}()
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case aborted := <-done:
		// A handler that gave up because the request was canceled (a
		// latency fault waits on it) finishes at the same moment, and
		// select picks either case at random: the caller canceled, and
		// hears so, as it would from a network.
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rec.mu.Lock()
		defer rec.mu.Unlock()
		if aborted {
			if rec.buf.Len() == 0 {
				return nil, errReset
			}
			// Part of the body went out before the connection dropped.
			return rec.response(req, io.MultiReader(bytes.NewReader(rec.buf.Bytes()), errReader{io.ErrUnexpectedEOF})), nil
		}
		return rec.response(req, bytes.NewReader(rec.buf.Bytes())), nil
	}
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

type recorder struct {
	mu     sync.Mutex
	header http.Header
	status int
	wrote  bool
	buf    bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(code int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.wrote {
		r.status = code
		r.wrote = true
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.wrote = true
	return r.buf.Write(b)
}

func (r *recorder) response(req *http.Request, body io.Reader) *http.Response {
	h := r.header.Clone()
	resp := &http.Response{
		Status:        strconv.Itoa(r.status) + " " + http.StatusText(r.status),
		StatusCode:    r.status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        h,
		Body:          io.NopCloser(body),
		ContentLength: -1,
		Request:       req,
	}
	return resp
}
