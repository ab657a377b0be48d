//go:build !(linux || darwin)

package cli

import "io"

// termWidth is unknown here: tables are fitted to $COLUMNS only.
func termWidth(io.Writer) int { return 0 }
