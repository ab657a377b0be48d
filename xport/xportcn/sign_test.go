package xportcn

import (
	"testing"
)

// The reference's §2.3 test vector, checked there with hashlib and md5sum.
func TestSignVector(t *testing.T) {
	const key, nonce, secret = "0123456789abcdef0123456789abcdef", "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", "my-access-secret"
	if got := Sign(key, "1700000000", nonce, secret); got != "BC1576DE003E314C51EC4D8C12FAE730" {
		t.Errorf("seconds: got %s", got)
	}
	if got := Sign(key, "1700000000000", nonce, secret); got != "9F1A9787C7AF49D73D06746EF1A1F23B" {
		t.Errorf("milliseconds: got %s", got)
	}
}

func TestNonce(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 1000; i++ {
		n := NewNonce()
		if len(n) != 32 {
			t.Fatalf("nonce %q has length %d", n, len(n))
		}
		for _, c := range n {
			if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
				t.Fatalf("nonce %q has %q", n, c)
			}
		}
		if seen[n] {
			t.Fatalf("nonce %q repeated", n)
		}
		seen[n] = true
	}
}
