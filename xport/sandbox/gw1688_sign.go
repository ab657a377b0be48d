package sandbox

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/hex"
	"sort"
	"strings"
)

// The 1688 Open Platform request signature (1688-open-api.md §2), written
// here from the reference's rule and not shared with any client, so a
// client that signs wrongly fails against the sandbox as it would against
// gw.open.1688.com.
//
//	_aop_signature = UPPER(HEX(HMAC_SHA1(key = appSecret,
//	                   msg = urlPath + concat(sort([k+v for each param])))))
//
// urlPath is "param2/1/{namespace}/{apiName}/{appKey}": no leading slash,
// no "/openapi/". Every parameter but _aop_signature takes part, empty
// values too; the concatenated k+v strings are sorted bytewise (the
// official SignatureUtil sorts the joined strings, not the keys).

// aopSign computes the signature of params for urlPath.
func aopSign(urlPath string, params map[string]string, secret string) string {
	kv := make([]string, 0, len(params))
	for k, v := range params {
		if k == "_aop_signature" {
			continue
		}
		kv = append(kv, k+v)
	}
	sort.Strings(kv)
	m := hmac.New(sha1.New, []byte(secret))
	m.Write([]byte(urlPath))
	for _, s := range kv {
		m.Write([]byte(s))
	}
	return strings.ToUpper(hex.EncodeToString(m.Sum(nil)))
}

// aopVerify reports whether sig is params' signature. The comparison is
// exact: lower-case hex is refused, as the official encoder writes upper
// case only.
func aopVerify(urlPath string, params map[string]string, secret, sig string) bool {
	want := aopSign(urlPath, params, secret)
	return hmac.Equal([]byte(want), []byte(sig))
}
