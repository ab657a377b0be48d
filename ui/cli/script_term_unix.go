//go:build linux || darwin

package cli

import (
	"io"
	"syscall"
	"unsafe"
)

// termWidth is the width of the terminal w writes to, 0 when it is not
// one (a pipe, a file, a test's buffer).
func termWidth(w io.Writer) int {
	f, ok := w.(interface{ Fd() uintptr })
	if !ok {
		return 0
	}
	var ws struct{ row, col, x, y uint16 }
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, f.Fd(), uintptr(syscall.TIOCGWINSZ), uintptr(unsafe.Pointer(&ws))); e != 0 {
		return 0
	}
	return int(ws.col)
}
