package xportcn

import (
	"bytes"
	"encoding/json"
	"strings"

	"caigou/xport"
)

// The shapes an answer's data can come in, as `check --deep` names them.
const (
	ShapeXport     = "xport envelope"
	ShapeBare      = "bare {code, msg}"
	Shape1688      = "1688 result envelope"
	Shape1688Paged = "1688 result envelope, paged"
)

// statusKeys are the keys of 1688's result envelope that say how a call
// went rather than what it returned.
var statusKeys = map[string]bool{
	"success": true, "code": true, "message": true, "msg": true,
	"errorCode": true, "errorMessage": true, "erroMsg": true, "requestId": true,
}

// unwrap returns the data an answer carries. Xport may pass 1688's own
// result envelope through inside data ({success, code, message, result},
// reference §10): that is recognised by its keys, not guessed, and a
// success=false inside it is the refusal it says it is. An object that has
// its own success field among others (a create's answer) is left alone.
func unwrap(ep xport.Endpoint, env *envelope, requestID string) (json.RawMessage, string, error) {
	shape := ShapeXport
	if env.RequestID == "" && env.DevelopID == "" && isNull(env.Data) {
		shape = ShapeBare
	}
	data := bytes.TrimSpace(env.Data)
	if len(data) == 0 || data[0] != '{' {
		return env.Data, shape, nil
	}
	var probe map[string]json.RawMessage
	if json.Unmarshal(data, &probe) != nil {
		return env.Data, shape, nil
	}
	succRaw, hasSuccess := probe["success"]
	result, hasResult := probe["result"]
	if !hasSuccess {
		return env.Data, shape, nil
	}
	statusOnly := true
	for k := range probe {
		statusOnly = statusOnly && statusKeys[k]
	}
	if !hasResult && !statusOnly {
		return env.Data, shape, nil
	}
	var ok xport.Bool
	if err := ok.UnmarshalJSON(succRaw); err != nil {
		return nil, Shape1688, &xport.HTTPError{Endpoint: ep, Status: 200, Reason: "the answer's success flag could not be read", Excerpt: xport.Excerpt(succRaw, 40)}
	}
	if !ok {
		var w struct {
			Code         xport.Text `json:"code"`
			ErrorCode    xport.Text `json:"errorCode"`
			Message      xport.Text `json:"message"`
			Msg          xport.Text `json:"msg"`
			ErrorMessage xport.Text `json:"errorMessage"`
			ErroMsg      xport.Text `json:"erroMsg"`
		}
		_ = json.Unmarshal(data, &w)
		ae := &xport.APIError{Endpoint: ep, HTTPStatus: 200, RequestID: requestID,
			Code: firstText(w.Code, w.ErrorCode), Msg: firstText(w.Message, w.ErrorMessage, w.ErroMsg, w.Msg)}
		if ae.Code == "" {
			ae.Code = "success=false"
		}
		ae.Rule = xport.RuleIn(ae.Code + " " + ae.Msg)
		return nil, Shape1688, ae
	}
	if !hasResult {
		return nil, Shape1688, nil
	}
	r := bytes.TrimSpace(result)
	if len(r) > 0 && r[0] == '[' {
		_, a := probe["totalRecord"]
		_, b := probe["totalRecords"]
		if a || b {
			// 1688's order list: the total stands beside the list, so the
			// page decoder reads the whole object.
			return env.Data, Shape1688Paged, nil
		}
	}
	return result, Shape1688, nil
}

func firstText(ts ...xport.Text) string {
	for _, t := range ts {
		if t != "" {
			return string(t)
		}
	}
	return ""
}

// AnswerShape names how a raw answer is wrapped, as the client reads it:
// `caigou check --deep` reports it per endpoint.
func AnswerShape(ep xport.Endpoint, body []byte) string {
	var env envelope
	if json.Unmarshal(body, &env) != nil || (env.Code == "" && env.Data == nil) {
		return "not an Xportcn envelope"
	}
	_, shape, _ := unwrap(ep, &env, "")
	return shape
}

// SuccessWords reports a message that says the call succeeded, whatever
// its code: "成功", "success", "ok".
func SuccessWords(msg string) bool {
	switch strings.ToLower(strings.TrimSpace(msg)) {
	case "success", "ok", "成功", "操作成功", "succeed", "succeeded":
		return true
	}
	return false
}
