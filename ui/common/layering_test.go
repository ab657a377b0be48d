package common

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// No screen imports a backend package (issue 13): the screens know the
// marketplace only by the shared vocabulary (package xport) and the Market
// interface, so a second backend, or a third, changes no screen. Only the
// wiring (cli), the test harness (uitest) and the 1688 login store
// (auth1688, which keeps that backend's tokens) may name a client.
func TestNoScreenImportsABackend(t *testing.T) {
	wiring := map[string]bool{"cli": true, "uitest": true, "auth1688": true}
	backends := []string{"caigou/xport/xportcn", "caigou/xport/ali1688", "caigou/ui/auth1688", "caigou/ui/cli"}
	checked := 0
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != ".." && wiring[d.Name()] {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		checked++
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			for _, b := range backends {
				if p == b {
					t.Errorf("%s imports %s: a screen reaches the marketplace through common.Market only", path, p)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 50 {
		t.Fatalf("only %d files read: the walk did not find the screens", checked)
	}
}
