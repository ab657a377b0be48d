//go:build unix

package journal

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A journal that is a link planted in the state directory (issue 9) is
// neither written through nor read, and the file behind it keeps its
// mode: Chmod used to follow the link and make ~/.profile 0600.
func TestPlantedJournalIsNotFollowed(t *testing.T) {
	dir := t.TempDir()
	profile := filepath.Join(t.TempDir(), ".profile")
	os.WriteFile(profile, []byte("export PATH\n"), 0o644)
	p := filepath.Join(dir, FileName)
	if err := os.Symlink(profile, p); err != nil {
		t.Fatal(err)
	}
	want := p + " is a link to " + profile + ", not a file of yours"
	j, err := Open(dir)
	if err == nil {
		if err = j.Intend(intent("cg-a")); err == nil {
			t.Error("an intent was written through a link")
		}
	}
	if err != nil && !strings.Contains(err.Error(), want) {
		t.Errorf("error %q lacks %q", err, want)
	}
	if j != nil {
		if _, err := j.Read(); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("reading through a link: %v", err)
		}
	}
	fi, _ := os.Stat(profile)
	b, _ := os.ReadFile(profile)
	if fi.Mode().Perm() != 0o644 || string(b) != "export PATH\n" {
		t.Errorf("the link's target changed: mode %04o, %q", fi.Mode().Perm(), b)
	}
}
