package xport

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"
)

func TestParseYuan(t *testing.T) {
	good := map[string]Fen{
		"12": 1200, "12.5": 1250, "12.50": 1250, "0.05": 5, ".5": 50, "12.": 1200,
		"1,234.00": 123400, " 7.10 ": 710, "¥3": 300, "-2.30": -230, "12.500": 1250, "0": 0,
		"92233720368547757.00": 9223372036854775700,
	}
	for in, want := range good {
		got, err := ParseYuan(in)
		if err != nil || got != want {
			t.Errorf("ParseYuan(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", " ", "abc", "1.234", "1.2.3", "1e3", "--1", "12,5x", ".", "99999999999999999999", "NaN", "0x10", "١٢"} {
		if _, err := ParseYuan(in); !errors.Is(err, ErrBadAmount) {
			t.Errorf("ParseYuan(%q) accepted (err %v)", in, err)
		}
	}
}

func TestFenFormatting(t *testing.T) {
	for f, want := range map[Fen]string{0: "0.00", 5: "0.05", 1250: "12.50", -230: "-2.30", 100000: "1000.00"} {
		if got := f.Yuan(); got != want {
			t.Errorf("%d.Yuan() = %q, want %q", int64(f), got, want)
		}
	}
	if Fen(math.MinInt64).Yuan() == "" {
		t.Error("MinInt64 must format")
	}
}

func TestFenArithmeticOverflow(t *testing.T) {
	if v, ok := Fen(1250).Mul(3); !ok || v != 3750 {
		t.Fatalf("Mul = %d %v", v, ok)
	}
	if _, ok := Fen(1250).Mul(math.MaxInt64); ok {
		t.Fatal("Mul overflow not reported")
	}
	if _, ok := Fen(math.MaxInt64).Add(1); ok {
		t.Fatal("Add overflow not reported")
	}
}

func TestConvert(t *testing.T) {
	rate, err := ParseRate("0.138")
	if err != nil || rate != 138000 {
		t.Fatalf("ParseRate = %d %v", rate, err)
	}
	// 12.50 CNY * 0.138 = 1.725 -> 1.73 (half away from zero)
	if v, ok := Fen(1250).Convert(rate); !ok || v != 173 {
		t.Fatalf("Convert = %d %v", v, ok)
	}
	for _, bad := range []string{"", "0", "-1", "abc", "0.0000001", "1.2.3"} {
		if _, err := ParseRate(bad); err == nil {
			t.Errorf("ParseRate(%q) accepted", bad)
		}
	}
}

func TestYuanJSON(t *testing.T) {
	var v struct {
		A Yuan `json:"a"`
		B Yuan `json:"b"`
		C Yuan `json:"c"`
		D Yuan `json:"d"`
		E Fen  `json:"e"`
		F Fen  `json:"f"`
	}
	if err := json.Unmarshal([]byte(`{"a":"12.5","b":3.1,"c":null,"d":"","e":5800,"f":"600"}`), &v); err != nil {
		t.Fatal(err)
	}
	if v.A != 1250 || v.B != 310 || v.C != 0 || v.D != 0 || v.E != 5800 || v.F != 600 {
		t.Fatalf("decoded %+v", v)
	}
	if err := json.Unmarshal([]byte(`{"a":"12.345"}`), &v); err == nil {
		t.Fatal("three decimals must not be rounded silently")
	}
	b, _ := json.Marshal(Yuan(1250))
	if string(b) != `"12.50"` {
		t.Fatalf("marshal = %s", b)
	}
}

func FuzzParseYuan(f *testing.F) {
	for _, s := range []string{"12", "12.5", "12.50", "0.05", "-1", "1,234.00", "abc", "1e9", "99999999999999999999.99"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseYuan(s)
		if err != nil {
			return
		}
		// Whatever parses must format back to a value that parses to the same.
		back, err := ParseYuan(v.Yuan())
		if err != nil || back != v {
			t.Fatalf("%q -> %d -> %q -> %d (%v)", s, v, v.Yuan(), back, err)
		}
	})
}

// A fen amount with a decimal point or an exponent does not fit its unit:
// "64.00" is yuan, and reading it as 64 fen (¥0.64) or converting it would
// both be wrong. It is refused, whichever way it is written; quantities
// (Int) keep accepting an integral decimal.
func TestFenRefusesDecimals(t *testing.T) {
	good := map[string]Fen{`6400`: 6400, `"6400"`: 6400, `" 600 "`: 600, `-230`: -230, `0`: 0, `null`: 0, `""`: 0}
	for in, want := range good {
		var f Fen
		if err := json.Unmarshal([]byte(in), &f); err != nil || f != want {
			t.Errorf("Fen(%s) = %d, %v; want %d", in, f, err, want)
		}
	}
	for _, in := range []string{`"64.00"`, `"64.50"`, `6400.0`, `"6400.0"`, `64.5`, `6.4e3`, `"6.4E3"`, `1e2`, `"0.00"`, `".5"`, `"12,00"`, `true`, `"abc"`, `99999999999999999999`} {
		f := Fen(-1)
		err := json.Unmarshal([]byte(in), &f)
		if err == nil {
			t.Errorf("Fen(%s) accepted as %d", in, f)
			continue
		}
		if f != -1 {
			t.Errorf("Fen(%s) changed the value to %d on error", in, f)
		}
		if strings.ContainsAny(in, ".eE") && in != `"abc"` && in != `true` && !strings.Contains(err.Error(), "not in fen") {
			t.Errorf("Fen(%s): error %q does not say the amount is not in fen", in, err)
		}
	}
	// Quantities are another unit: "2.0" is 2, as the preview example sends.
	var q Int
	if err := json.Unmarshal([]byte(`"2.0"`), &q); err != nil || q != 2 {
		t.Errorf("Int(\"2.0\") = %d, %v", q, err)
	}
}
