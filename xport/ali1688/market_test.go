package ali1688_test

import (
	"caigou/ui/common"
	"caigou/xport/ali1688"
)

// The 1688 client is a complete Market: the desk's screens can use it in
// place of the Xportcn client. This is checked at compile time.
var _ common.Market = (*ali1688.Client)(nil)
