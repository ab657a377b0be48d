package ali1688

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/hex"
	"sort"
	"strings"
)

// SignatureParam is the parameter that carries the signature. It is the
// output of signing and therefore never part of the signed text (ref §1.3,
// §2.1).
const SignatureParam = "_aop_signature"

// Protocol and version of the gateway path for signed business calls
// (ref §1.1 [DOC]): .../openapi/param2/1/{namespace}/{apiName}/{appKey}.
const (
	protocolParam2 = "param2"
	apiVersion     = "1"
)

// URLPath is the part of the request URL that is signed: from the protocol
// segment on, with no leading slash and no "/openapi/" gateway root (ref
// §2.1 step 2 [DOC]; putting either in is the commonest cause of
// gw.SignatureInvalid, ref §8). The app key is the last segment: 1688 has no
// app_key parameter.
func URLPath(namespace, apiName, appKey string) string {
	return protocolParam2 + "/" + apiVersion + "/" + namespace + "/" + apiName + "/" + appKey
}

// Sign computes _aop_signature exactly as the official rule (ref §2.1
// [DOC], official SDK SignatureUtil, ref §2.2 [CODE]):
//
//	UPPER(HEX(HMAC_SHA1(key = appSecret, msg = urlPath + concat(sort(k+v)))))
//
// Why each detail matters:
//   - It sorts the concatenated name+value strings, not the names. The two
//     orders differ when one name is a prefix of another (a=z, ab=0 signs
//     "ab0az", ref §2.4 #2); the official code sorts the strings, so do we.
//   - The sort is bytewise (sort.Strings), like Java's String.compareTo for
//     the ASCII names 1688 uses; never a locale-aware sort (ref §2.5).
//   - Values are signed as given, decoded (before URL-encoding). An empty
//     value is signed like any other (ozon V4, ref §2.3); the client keeps
//     the signed set equal to the sent set by not sending empty values.
//   - _aop_signature itself is never signed, even if present in params.
//   - Hex is upper case: the official encoder's alphabet is 0-9A-F.
func Sign(urlPath string, params map[string]string, appSecret string) string {
	m := hmac.New(sha1.New, []byte(appSecret))
	m.Write([]byte(urlPath))
	for _, s := range sortedPairs(params) {
		m.Write([]byte(s))
	}
	return strings.ToUpper(hex.EncodeToString(m.Sum(nil)))
}

// SignParams is the parameters-only variant of the same page (ref §2.1,
// §2.2): no urlPath. 1688 uses it for the legacy authorize URL and to sign
// push-message callbacks; business calls never use it.
func SignParams(params map[string]string, appSecret string) string {
	return Sign("", params, appSecret)
}

// sortedPairs returns name+value for every parameter but the signature,
// sorted bytewise.
func sortedPairs(params map[string]string) []string {
	kv := make([]string, 0, len(params))
	for k, v := range params {
		if k == SignatureParam {
			continue
		}
		kv = append(kv, k+v)
	}
	sort.Strings(kv)
	return kv
}
