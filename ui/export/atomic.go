package export

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// WriteFile writes t to path as CSV or XLSX, chosen by the extension.
//
// The file appears whole or not at all: it is written to a temporary file
// beside the target and renamed over it only once complete, so a full disk
// or a crash never leaves the client a truncated spreadsheet, nor destroys
// last week's export of the same name. The file is readable by the agent
// only (0600): it holds a client's orders and prices.
func WriteFile(path string, t Table) error {
	var write func(io.Writer, Table) error
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".csv":
		write = WriteCSV
	case ".xlsx":
		write = WriteXLSX
	default:
		if ext == "" {
			return fmt.Errorf("cannot save %s: the name needs an extension, .xlsx (best for Excel) or .csv", path)
		}
		return fmt.Errorf("cannot save %s: %s files are not supported, use .xlsx (best for Excel) or .csv", path, ext)
	}
	// Checked before any work so a typo in the folder is reported as such,
	// not as a failure to create a temporary file.
	if err := t.check(); err != nil {
		return err
	}
	return writeAtomic(path, func(w io.Writer) error { return write(w, t) })
}

// writeAtomic writes path through a temporary file in the same directory
// (a rename is only atomic within one file system), synced before the
// rename so the new name never points at data still in the page cache.
// The temporary file is removed on every failure.
func writeAtomic(path string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	switch info, err := os.Stat(dir); {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("cannot save %s: the folder %s does not exist", path, dir)
	case err != nil:
		return fmt.Errorf("cannot save %s: %w", path, err)
	case !info.IsDir():
		return fmt.Errorf("cannot save %s: %s is not a folder", path, dir)
	}
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return fmt.Errorf("cannot save %s: a folder of that name is in the way", path)
	}
	// CreateTemp opens with O_EXCL and mode 0600; the dot keeps the
	// half-written file out of a casual directory listing.
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot save %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close() // a second Close after a failed one is harmless
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 64<<10)
	if err := write(bw); err != nil {
		return fmt.Errorf("cannot save %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("cannot save %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("cannot save %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cannot save %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("cannot save %s: %w", path, err)
	}
	syncDir(dir)
	return nil
}

// syncDir makes the rename itself durable. It is best effort: some file
// systems refuse to sync a directory, and the file is complete either way.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}
