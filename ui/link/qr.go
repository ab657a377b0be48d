package link

import (
	"strings"

	qrcode "github.com/skip2/go-qrcode"
)

// quiet is the margin of light modules around the code. The standard asks
// for 4; phone cameras read 2 reliably, and the two rows saved are what
// lets a chat link's code fit a 40-row terminal.
const quiet = 2

// qrBitmap encodes text at the lowest error correction: a screen does not
// get scratched, and the smaller code fits more terminals.
func qrBitmap(text string) ([][]bool, error) {
	q, err := qrcode.New(text, qrcode.Low)
	if err != nil {
		return nil, err
	}
	q.DisableBorder = true
	return q.Bitmap(), nil
}

// qrSize is the drawn size in cells: two module rows per line.
func qrSize(bm [][]bool) (w, h int) {
	n := len(bm) + 2*quiet
	return n, (n + 1) / 2
}

// qrLines draws the code with half blocks, dark modules as ink: the upper
// half of a cell is one module row, the lower half the next. lightInk is
// for a terminal that draws text light on dark with no colour to fix it:
// then the light modules are inked, so the code still reads dark on light.
func qrLines(bm [][]bool, lightInk bool) []string {
	n := len(bm)
	size := n + 2*quiet
	dark := func(y, x int) bool {
		y, x = y-quiet, x-quiet
		d := y >= 0 && y < n && x >= 0 && x < len(bm[y]) && bm[y][x]
		return d != lightInk
	}
	lines := make([]string, 0, (size+1)/2)
	var b strings.Builder
	for y := 0; y < size; y += 2 {
		b.Reset()
		for x := 0; x < size; x++ {
			top, bottom := dark(y, x), dark(y+1, x)
			switch {
			case top && bottom:
				b.WriteRune('█')
			case top:
				b.WriteRune('▀')
			case bottom:
				b.WriteRune('▄')
			default:
				b.WriteByte(' ')
			}
		}
		lines = append(lines, b.String())
	}
	return lines
}

// QR draws text as a QR code in half-block lines, for a command's output
// (`caigou login` prints the sign-in address for the phone).
func QR(text string, lightInk bool) ([]string, error) {
	bm, err := qrBitmap(text)
	if err != nil {
		return nil, err
	}
	return qrLines(bm, lightInk), nil
}
