package xportcn

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"caigou/xport"
)

// Wire holds every inferred choice (reference [INF]/[SIB]) that changes what
// an answer means. Each has the reference's best guess as its default and
// can be corrected in the config file ([xport.wire]) without a rebuild;
// `caigou check --deep` tells which value an account needs. Choices that
// can be recognised from the answer itself (1688's result envelope, the
// two order-page shapes, ids as numbers or strings) are not settings: the
// decoders read both and say which one they saw.
type Wire struct {
	// OrderAmountUnit is the unit of the order list's and order detail's
	// amounts: "fen" (default: every Xport-own order amount the docs show,
	// push bodies and preview, is integer fen) or "yuan" (1688's TradeInfo).
	OrderAmountUnit string `toml:"order_amount_unit"`
	// SuccessCodes are the envelope codes that mean success, by endpoint
	// name, with "default" for the rest. The documented code is 200; the
	// sibling platform's address APIs answer 0.
	SuccessCodes map[string][]string `toml:"success_codes"`
	// PayIDs is how order ids are sent to pay: "string" (default) or
	// "number" (1688's orderIdList is a list of Long).
	PayIDs string `toml:"pay_ids"`
	// FreightBody is the freight estimate's request shape: "flat"
	// (default) or "nested" under productFreightQueryParamsNew, as 1688
	// names it.
	FreightBody string `toml:"freight_body"`
	// LogisticsEmptyCodes are the codes with which the trace endpoint says
	// an order has no parcel yet (1688: 404 "no tracking info"). Only an
	// answer that is otherwise a proper envelope counts: a gateway's own
	// 404 for a wrong path is reported as a wrong path.
	LogisticsEmptyCodes []string `toml:"logistics_empty_codes"`
}

// The values of the Wire settings.
const (
	PayIDsString = "string"
	PayIDsNumber = "number"
	FreightFlat  = "flat"
	FreightNest  = "nested"
)

// defaultSuccessCodes is the reference's reading: 200 everywhere [DOC],
// and 0 too where the sibling's address APIs answer it [SIB].
func defaultSuccessCodes() map[string][]string {
	return map[string][]string{
		"default":                   {"200"},
		string(xport.EpAddressList): {"200", "0"},
		string(xport.EpAddressSave): {"200", "0"},
	}
}

// Defaults fills the unset choices with the reference's best guesses.
func (w Wire) Defaults() Wire {
	if w.OrderAmountUnit == "" {
		w.OrderAmountUnit = xport.UnitFen
	}
	codes := defaultSuccessCodes()
	for k, v := range w.SuccessCodes {
		codes[k] = v
	}
	w.SuccessCodes = codes
	if w.PayIDs == "" {
		w.PayIDs = PayIDsString
	}
	if w.FreightBody == "" {
		w.FreightBody = FreightFlat
	}
	if len(w.LogisticsEmptyCodes) == 0 {
		w.LogisticsEmptyCodes = []string{"404"}
	}
	return w
}

// Validate names a setting that cannot work and how to write it.
func (w Wire) Validate() error {
	oneOf := func(key, v string, ok ...string) error {
		if v == "" || slices.Contains(ok, v) {
			return nil
		}
		return fmt.Errorf("[xport.wire] %s = %q: use %s", key, v, quoteList(ok))
	}
	if err := oneOf("order_amount_unit", w.OrderAmountUnit, xport.UnitFen, xport.UnitYuan); err != nil {
		return err
	}
	if err := oneOf("pay_ids", w.PayIDs, PayIDsString, PayIDsNumber); err != nil {
		return err
	}
	if err := oneOf("freight_body", w.FreightBody, FreightFlat, FreightNest); err != nil {
		return err
	}
	for _, c := range w.LogisticsEmptyCodes {
		if strings.TrimSpace(c) == "" {
			return fmt.Errorf("[xport.wire] logistics_empty_codes has an empty code; write codes like [\"404\"]")
		}
	}
	names := map[string]bool{"default": true}
	for _, ep := range Endpoints() {
		names[string(ep)] = true
	}
	keys := make([]string, 0, len(w.SuccessCodes))
	for k := range w.SuccessCodes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !names[k] {
			return fmt.Errorf("[xport.wire.success_codes] %q is not an endpoint; use \"default\" or one of the names under [xport.paths]", k)
		}
		if len(w.SuccessCodes[k]) == 0 {
			return fmt.Errorf("[xport.wire.success_codes] %s is empty; write the codes that mean success, like [\"200\"]", k)
		}
		for _, c := range w.SuccessCodes[k] {
			if strings.TrimSpace(c) == "" {
				return fmt.Errorf("[xport.wire.success_codes] %s has an empty code", k)
			}
		}
	}
	return nil
}

// successCodes are the codes that mean success for one endpoint.
func (w Wire) successCodes(ep xport.Endpoint) []string {
	if c, ok := w.SuccessCodes[string(ep)]; ok {
		return c
	}
	return w.SuccessCodes["default"]
}

// isSuccess reports whether an envelope code means success for ep.
func (w Wire) isSuccess(ep xport.Endpoint, code string) bool {
	return slices.Contains(w.successCodes(ep), strings.TrimSpace(code))
}

// logisticsEmpty reports whether a trace answer's code means "no parcel yet".
func (w Wire) logisticsEmpty(code string) bool {
	return slices.Contains(w.LogisticsEmptyCodes, strings.TrimSpace(code))
}

func quoteList(vs []string) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = fmt.Sprintf("%q", v)
	}
	if len(q) == 2 {
		return q[0] + " or " + q[1]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// Describe lists every wire setting with its effective value, for `caigou
// check`: the agent sees which guesses are in force.
func (w Wire) Describe() []string {
	w = w.Defaults()
	out := []string{
		"order_amount_unit = " + fmt.Sprintf("%q", w.OrderAmountUnit),
		"pay_ids = " + fmt.Sprintf("%q", w.PayIDs),
		"freight_body = " + fmt.Sprintf("%q", w.FreightBody),
		"logistics_empty_codes = " + fmt.Sprintf("%q", w.LogisticsEmptyCodes),
	}
	keys := make([]string, 0, len(w.SuccessCodes))
	for k := range w.SuccessCodes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		out = append(out, "success_codes."+k+" = "+fmt.Sprintf("%q", w.SuccessCodes[k]))
	}
	return out
}
