package sandbox

import (
	"context"
	"errors"
	"net/http"
	"testing"
)

// A request canceled while the handler waits on it is canceled for the
// caller, every time: the handler, giving up, finishes at the same moment
// as the cancel, and the caller must not get its empty answer instead (a
// real network reports the cancel). It made cancellation tests of the
// desk fail now and then on a loaded machine.
func TestCanceledRequestIsCanceled(t *testing.T) {
	tr := &Transport{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	})}
	for i := 0; i < 20000; i++ {
		ctx, cancel := context.WithCancel(context.Background())
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://sandbox.invalid/api/x", nil)
		if err != nil {
			t.Fatal(err)
		}
		// Canceled before it is served: the handler gives up at once, so
		// both its end and the cancel are there when the transport looks.
		cancel()
		resp, err := tr.RoundTrip(req)
		if !errors.Is(err, context.Canceled) {
			if resp != nil {
				resp.Body.Close()
			}
			t.Fatalf("try %d: %v, status %v; want canceled", i, err, resp != nil)
		}
	}
}
