package cli

import (
	"net/http/httptest"
	"testing"

	"caigou/xport/sandbox"
)

func startSandbox(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(sandbox.New(sandbox.Options{Seed: 1}))
	t.Cleanup(srv.Close)
	return srv.URL + "/api"
}
