package asyncir

import "strings"

// GuardKind is what a guard tests about a parameter.
type GuardKind uint8

const (
	GuardIsNone   GuardKind = iota + 1 // Param is None
	GuardTruthy                        // Param is true in a boolean context
	GuardEquals                        // Param == Literal
	GuardPositive                      // Param > 0: a loop over range(Param) runs its body
	GuardOrder                         // Param Op Literal, Op one of < <= > >=, Literal a number
	GuardAnd                           // every one of Subs holds
	GuardOr                            // some of Subs holds
)

// Guard is a test of a function's parameters that decides a branch (see
// Block.Guard), so that a call whose arguments are known can tell which
// branches it takes. The frontend records a guard only on parameters the
// function never rebinds. A nil entry of Subs is a test the frontend
// could not read: it is never decided.
type Guard struct {
	Kind    GuardKind
	Not     bool // the test is negated
	Param   string
	Literal string // GuardEquals, GuardOrder: the literal as the source spells it
	Op      string // GuardOrder: <, <=, > or >=, Param on its left
	Subs    []*Guard
}

// ArgFact is what a call site knows about the value it passes for a
// parameter: a literal (Const, spelled as in Value.Const), or only that
// the value is not None (a new object, a function).
type ArgFact struct {
	Const   string
	NotNone bool
}

// Binding maps parameter names to what the call knows about them.
type Binding map[string]ArgFact

// Eval decides g under b: (value, true) when the binding decides it,
// (false, false) when it does not.
func (g *Guard) Eval(b Binding) (bool, bool) {
	if g == nil {
		return false, false
	}
	v, ok := g.eval(b)
	if ok && g.Not {
		v = !v
	}
	return v, ok
}

func (g *Guard) eval(b Binding) (bool, bool) {
	switch g.Kind {
	case GuardAnd, GuardOr:
		// Three-valued: one decisive sub decides (false for and, true for
		// or); otherwise every sub must be decided.
		decisive := g.Kind == GuardOr
		all := true
		for _, s := range g.Subs {
			v, ok := s.Eval(b)
			if ok && v == decisive {
				return decisive, true
			}
			all = all && ok
		}
		return !decisive, all
	}
	fact, ok := b[g.Param]
	if !ok {
		return false, false
	}
	if fact.Const == "" {
		// Only known not to be None.
		return false, fact.NotNone && g.Kind == GuardIsNone
	}
	lit, ok := ParseLiteral(fact.Const)
	if !ok {
		return false, false
	}
	switch g.Kind {
	case GuardIsNone:
		return lit.Kind == LitNone, true
	case GuardTruthy:
		return lit.Truthy()
	case GuardEquals:
		other, ok := ParseLiteral(g.Literal)
		if !ok {
			return false, false
		}
		return lit.Equal(other)
	case GuardPositive:
		return lit.Positive()
	case GuardOrder:
		other, ok := ParseLiteral(g.Literal)
		if !ok {
			return false, false
		}
		cmp, ok := lit.Compare(other)
		if !ok {
			return false, false
		}
		switch g.Op {
		case "<":
			return cmp < 0, true
		case "<=":
			return cmp <= 0, true
		case ">":
			return cmp > 0, true
		case ">=":
			return cmp >= 0, true
		}
	}
	return false, false
}

// Params lists the parameters g tests.
func (g *Guard) Params() []string {
	if g == nil {
		return nil
	}
	if g.Kind != GuardAnd && g.Kind != GuardOr {
		return []string{g.Param}
	}
	var out []string
	for _, s := range g.Subs {
		out = append(out, s.Params()...)
	}
	return out
}

// Negate returns the guard that holds exactly when g does not.
func (g *Guard) Negate() *Guard {
	if g == nil {
		return nil
	}
	n := *g
	n.Not = !g.Not
	return &n
}

// Rename returns g with its parameters named as alias maps them; nil
// when it tests a parameter alias does not map.
func (g *Guard) Rename(alias map[string]string) *Guard {
	if g == nil {
		return nil
	}
	out := *g
	if g.Kind != GuardAnd && g.Kind != GuardOr {
		if out.Param = alias[g.Param]; out.Param == "" {
			return nil
		}
		return &out
	}
	out.Subs = make([]*Guard, len(g.Subs))
	for i, s := range g.Subs {
		if s != nil {
			if out.Subs[i] = s.Rename(alias); out.Subs[i] == nil {
				return nil
			}
		}
	}
	return &out
}

// String spells g as a condition in the source language, for messages.
func (g *Guard) String() string {
	if g == nil {
		return "…"
	}
	switch g.Kind {
	case GuardIsNone:
		return g.Param + pick(g.Not, " is not None", " is None")
	case GuardTruthy:
		return pick(g.Not, "not ", "") + g.Param
	case GuardEquals:
		return g.Param + pick(g.Not, " != ", " == ") + g.Literal
	case GuardPositive:
		return g.Param + pick(g.Not, " <= 0", " > 0")
	case GuardOrder:
		op := g.Op
		if g.Not {
			op = map[string]string{"<": ">=", "<=": ">", ">": "<=", ">=": "<"}[op]
		}
		return g.Param + " " + op + " " + g.Literal
	}
	parts := make([]string, len(g.Subs))
	for i, s := range g.Subs {
		parts[i] = s.String()
		if s != nil && (s.Kind == GuardAnd || s.Kind == GuardOr) && !s.Not {
			parts[i] = "(" + parts[i] + ")"
		}
	}
	text := strings.Join(parts, pick(g.Kind == GuardAnd, " and ", " or "))
	if g.Not {
		return "not (" + text + ")"
	}
	return text
}

func pick(c bool, yes, no string) string {
	if c {
		return yes
	}
	return no
}
