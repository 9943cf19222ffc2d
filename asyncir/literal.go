package asyncir

import (
	"math/big"
	"strings"
)

// LitKind is the type of a literal.
type LitKind uint8

const (
	LitNone LitKind = iota + 1
	LitNumber
	LitStr
	LitBytes
)

// Literal is a constant as frontends spell it in Value.Const and
// Guard.Literal: None, True/False, an integer or float, or a quoted
// string (with an optional r/u/b prefix).
type Literal struct {
	Kind LitKind
	// Num holds a number; True and False are the numbers 1 and 0, as
	// they compare in Python.
	Num *big.Rat
	// Str is a string's text between the quotes; Raw when it holds an
	// escape this parser does not decode (then only identical spellings
	// are known to be equal).
	Str string
	Raw bool
}

// ParseLiteral reads a literal; false for anything else.
func ParseLiteral(s string) (Literal, bool) {
	switch s {
	case "None":
		return Literal{Kind: LitNone}, true
	case "True":
		return Literal{Kind: LitNumber, Num: big.NewRat(1, 1)}, true
	case "False":
		return Literal{Kind: LitNumber, Num: new(big.Rat)}, true
	case "":
		return Literal{}, false
	}
	if q := strings.IndexAny(s, `"'`); q >= 0 {
		return parseString(s[:q], s[q:])
	}
	return parseNumber(s)
}

func parseNumber(s string) (Literal, bool) {
	t := strings.ReplaceAll(s, "_", "")
	neg := strings.HasPrefix(t, "-")
	t = strings.TrimPrefix(t, "-")
	r := new(big.Rat)
	lower := strings.ToLower(t)
	switch {
	case strings.HasPrefix(lower, "0x") || strings.HasPrefix(lower, "0o") || strings.HasPrefix(lower, "0b"):
		i, ok := new(big.Int).SetString(lower, 0)
		if !ok {
			return Literal{}, false
		}
		r.SetInt(i)
	case strings.ContainsAny(lower, "jn") || lower == "":
		// complex numbers, inf/nan spellings: not decided
		return Literal{}, false
	default:
		if _, ok := r.SetString(lower); !ok {
			return Literal{}, false
		}
	}
	if neg {
		r.Neg(r)
	}
	return Literal{Kind: LitNumber, Num: r}, true
}

func parseString(prefix, quoted string) (Literal, bool) {
	prefix = strings.ToLower(prefix)
	if strings.ContainsAny(prefix, "f") || strings.Trim(prefix, "rub") != "" {
		return Literal{}, false
	}
	kind := LitStr
	if strings.Contains(prefix, "b") {
		kind = LitBytes
	}
	var body string
	for _, q := range []string{`"""`, `'''`, `"`, `'`} {
		if len(quoted) >= 2*len(q) && strings.HasPrefix(quoted, q) && strings.HasSuffix(quoted, q) {
			body = quoted[len(q) : len(quoted)-len(q)]
			break
		}
		if q == `'` {
			return Literal{}, false
		}
	}
	return Literal{Kind: kind, Str: body, Raw: strings.Contains(body, `\`)}, true
}

// Truthy is the literal's value in a boolean context.
func (l Literal) Truthy() (bool, bool) {
	switch l.Kind {
	case LitNone:
		return false, true
	case LitNumber:
		return l.Num.Sign() != 0, true
	case LitStr, LitBytes:
		return l.Str != "", true
	}
	return false, false
}

// Equal is l == o in Python: decided unless an undecoded escape hides it.
func (l Literal) Equal(o Literal) (bool, bool) {
	if l.Kind != o.Kind {
		return false, true
	}
	switch l.Kind {
	case LitNone:
		return true, true
	case LitNumber:
		return l.Num.Cmp(o.Num) == 0, true
	}
	if l.Raw || o.Raw {
		if l.Str == o.Str {
			return true, true
		}
		return false, false
	}
	return l.Str == o.Str, true
}

// Positive is l > 0 for an integer (range(l) is not empty); undecided for
// anything else.
func (l Literal) Positive() (bool, bool) {
	if l.Kind != LitNumber || !l.Num.IsInt() {
		return false, false
	}
	return l.Num.Sign() > 0, true
}

// Compare orders two numbers (-1, 0, 1 as l is less, equal or greater);
// undecided unless both are numbers (None < 0 raises TypeError).
func (l Literal) Compare(o Literal) (int, bool) {
	if l.Kind != LitNumber || o.Kind != LitNumber {
		return 0, false
	}
	return l.Num.Cmp(o.Num), true
}
