package xportcn

import (
	"crypto/md5"
	"crypto/rand"
	"encoding/hex"
	"strings"
)

// Sign computes the request signature of reference §2.3:
// UPPER(HEX(MD5(accessKey + timestamp + nonce + secret))), plain
// concatenation with no separators. The body is not signed.
func Sign(accessKey, timestamp, nonce, secret string) string {
	sum := md5.Sum([]byte(accessKey + timestamp + nonce + secret))
	return strings.ToUpper(hex.EncodeToString(sum[:]))
}

const nonceAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// NewNonce returns a fresh 32-character nonce from [A-Za-z0-9]. It draws
// from crypto/rand so two desks started in the same nanosecond on a shared
// box never collide (the server rejects a reused nonce).
func NewNonce() string {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	out := make([]byte, 32)
	// 256 is not a multiple of 62; rejection sampling would be exact, but the
	// bias of a plain modulo (a few percent on some letters) does not matter
	// for a replay nonce that only has to be unique.
	for i, c := range b {
		out[i] = nonceAlphabet[int(c)%len(nonceAlphabet)]
	}
	return string(out)
}
