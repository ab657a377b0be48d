// Package xport is the marketplace's vocabulary, shared by every backend
// and by the desk: offers, SKUs and price tiers, freight, addresses, order
// requests, previews and orders, logistics traces; money as Fen, ids as
// strings; the typed errors the desk words for people (APIError, NetError,
// ShapeError, NotSentError and their classes); and the transport rules
// both clients keep alike (rate limit, back-off, lenient decoding).
//
// It holds no client. The Xportcn KA API is package xport/xportcn, the
// 1688 Open Platform is package xport/ali1688, and the embedded sandbox
// that speaks both is package xport/sandbox. The screens import this
// package only, and reach a marketplace through the narrow interface
// they define (ui/common.Market).
package xport
