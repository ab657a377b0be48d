// Package ali1688 is caigou's second backend: the 1688 Open Platform
// (open.1688.com) called directly, next to the Xportcn KA API of package
// xport/xportcn. It signs and sends requests, reads 1688's several response
// envelopes, runs the buyer's OAuth grant, and decodes answers into the
// vocabulary the desk already draws (xport.OfferPage, xport.ProductDetail,
// xport.Freight, xport.Address), so the screens do not care which backend
// answered.
//
// The wire facts come from the reference /work/shared/reference/1688-open-api.md
// (cited below as "ref §n"). Facts tagged [DOC] there are built exactly;
// every [INF] choice is a named constant or a Config field whose comment
// says so, so a user who learns better can correct it in one place.
package ali1688
