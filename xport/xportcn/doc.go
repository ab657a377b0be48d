// Package xportcn is the client of the Xportcn KA API
// (www.xportcn.com/api), caigou's first backend: signing (reference
// xport-api.md §2.3), the endpoint paths and every inferred wire choice as
// settings a user can correct ([xport.paths], [xport.wire]), envelopes,
// retries of reads only, and the decoding of answers into package xport's
// vocabulary.
package xportcn
