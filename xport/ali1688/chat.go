package ali1688

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"strings"

	"caigou/xport"
)

const apiWangwangNick = "wangwangnick.openuid.decrypt"

// chatURLBase is the WangWang chat page a nick opens [INF: the reference
// (§4.14) says the nick is for opening a chat and names a companion
// account.wangwangUrl.get without its parameters; this is the long-lived
// public 1688 chat link, site cnalichn]. The nick goes in uid.
const chatURLBase = "https://amos.alicdn.com/getcid.aw?v=3&groupid=0&s=1&charset=utf-8&site=cnalichn&uid="

// ChatLink turns a seller's openUid into a chat link (ref §4.14):
// wangwangnick.openuid.decrypt {openUid}, with _aop_timestamp (required
// here; the client sends it on every call). 1688 risk-controls the call:
// the desk makes it only when the agent asks to chat, one seller at a
// time, and the nick travels only inside the link, never shown as text.
// offerID is not sent: Xport's variant of the call takes it, 1688's does
// not.
func (c *Client) ChatLink(ctx context.Context, sellerOpenID, offerID string) (string, error) {
	sellerOpenID = strings.TrimSpace(sellerOpenID)
	if sellerOpenID == "" {
		return "", errors.New("this product carries no seller id to chat with")
	}
	var raw json.RawMessage
	if _, err := c.call(ctx, nsAccount, apiWangwangNick, map[string]string{"openUid": sellerOpenID}, callOpts{needToken: true, whole: true}, &raw); err != nil {
		return "", err
	}
	nick, err := decodeNick(raw)
	if err != nil {
		return "", readErr(nsAccount+":"+apiWangwangNick, raw, err)
	}
	return chatURLBase + url.QueryEscape(nick), nil
}

// decodeNick reads wangwangNick from the answer, or from its result
// [INF: the reference names the field, not its level].
func decodeNick(raw []byte) (string, error) {
	var env struct {
		Nick   xport.Text      `json:"wangwangNick"`
		Result json.RawMessage `json:"result"`
	}
	if !isObject(raw) || json.Unmarshal(raw, &env) != nil {
		return "", errors.New("the answer is not an object")
	}
	nick := strings.TrimSpace(string(env.Nick))
	if nick == "" && isObject(env.Result) {
		var inner struct {
			Nick xport.Text `json:"wangwangNick"`
		}
		if json.Unmarshal(env.Result, &inner) == nil {
			nick = strings.TrimSpace(string(inner.Nick))
		}
	}
	if nick == "" {
		return "", errors.New("1688 returned no WangWang nick for this seller")
	}
	return nick, nil
}
