package journal

import (
	"crypto/rand"
	"encoding/base32"
	"fmt"
	"strings"
	"time"
)

// NewOutOrderID makes a fresh outOrderId: "cg-", the UTC time to the
// millisecond (so ids sort by when they were made and a person can place
// one in time), and 50 random bits from crypto/rand (so two desks of one
// account making ids in the same millisecond do not collide). 31
// characters, well under the service's 64.
func NewOutOrderID(now time.Time) (string, error) {
	var b [7]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("no random numbers for an outOrderId: %w", err)
	}
	// Digits and lowercase letters only: safe in any order system's id
	// field.
	enc := base32.NewEncoding("0123456789abcdefghijklmnopqrstuv").WithPadding(base32.NoPadding)
	stamp := strings.Replace(now.UTC().Format("20060102150405.000"), ".", "", 1)
	return "cg-" + stamp + "-" + enc.EncodeToString(b[:])[:10], nil
}
