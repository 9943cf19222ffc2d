package pyfront

import (
	"strings"

	"github.com/asynclint/asynclint/asyncir"
)

// literalText is the Value.Const spelling of a literal expression: None,
// True, False, a number (negative ones too), or a string without
// interpolation; "" for anything else.
func literalText(t *tree, n int32) string {
	if n < 0 {
		return ""
	}
	switch t.kind(n) {
	case kNone, kTrue, kFalse, kInteger, kFloat:
		return t.text(n)
	case kString:
		for c := t.nodes[n].first; c >= 0; c = t.nodes[c].next {
			if t.kind(c) == kInterpolation {
				return ""
			}
		}
		return t.text(n)
	case kUnaryOp:
		cs := t.namedChildren(n)
		if len(cs) == 1 && (t.kind(cs[0]) == kInteger || t.kind(cs[0]) == kFloat) && strings.HasPrefix(t.text(n), "-") {
			return "-" + t.text(cs[0])
		}
	case kParenthesized:
		if cs := t.namedChildren(n); len(cs) == 1 {
			return literalText(t, cs[0])
		}
	}
	return ""
}

// condGuard reads an if/elif condition as a guard on the function's
// parameters: `p`, `not p`, `p is None`, `p is not None`, `p == lit`,
// `p != lit`, a local assigned one of those (localguard.go), and
// and/or/not of those. Nil when it tests no parameter.
func (b *fnBuilder) condGuard(n int32) *asyncir.Guard {
	g := b.guardOf(n)
	if g == nil || len(g.Params()) == 0 {
		return nil
	}
	return g
}

func (b *fnBuilder) guardOf(n int32) *asyncir.Guard {
	t := b.lw.t
	if n < 0 {
		return nil
	}
	switch t.kind(n) {
	case kIdentifier:
		if p := b.param(n); p != "" {
			return &asyncir.Guard{Kind: asyncir.GuardTruthy, Param: p}
		}
		return b.localGuard(n)
	case kParenthesized:
		if cs := t.namedChildren(n); len(cs) == 1 {
			return b.guardOf(cs[0])
		}
	case kNotOp:
		if cs := t.namedChildren(n); len(cs) == 1 {
			return b.guardOf(cs[0]).Negate()
		}
	case kBooleanOp:
		cs := t.namedChildren(n)
		if len(cs) != 2 {
			return nil
		}
		kind := asyncir.GuardAnd
		if op := t.field(n, fOperator); op >= 0 && t.text(op) == "or" {
			kind = asyncir.GuardOr
		}
		l, r := b.guardOf(cs[0]), b.guardOf(cs[1])
		if l == nil && r == nil {
			return nil
		}
		return &asyncir.Guard{Kind: kind, Subs: []*asyncir.Guard{l, r}}
	case kComparison:
		return b.compareGuard(n)
	}
	return nil
}

// compareGuard reads `p is [not] None`, `p ==/!= literal` and `p <, <=,
// >, >= number` (either side).
func (b *fnBuilder) compareGuard(n int32) *asyncir.Guard {
	t := b.lw.t
	var operands []int32
	op, order := kError, ""
	ops := 0
	for c := t.nodes[n].first; c >= 0; c = t.nodes[c].next {
		switch k := t.kind(c); k {
		case kIs, kIsNot, kEqEq, kNotEq, kIn, kNotIn:
			op = k
			ops++
		default:
			if t.nodes[c].named && k != kComment {
				operands = append(operands, c)
			} else if !t.nodes[c].named {
				if text := t.text(c); flippedOrder[text] != "" {
					order = text
					ops++
				}
			}
		}
	}
	if ops != 1 || len(operands) != 2 {
		return nil
	}
	p, lit := b.param(operands[0]), literalText(t, operands[1])
	if p == "" {
		p, lit = b.param(operands[1]), literalText(t, operands[0])
		order = flippedOrder[order] // 0 < p is p > 0
	}
	if p == "" || lit == "" {
		return nil
	}
	if order != "" {
		if l, ok := asyncir.ParseLiteral(lit); !ok || l.Kind != asyncir.LitNumber {
			return nil
		}
		return &asyncir.Guard{Kind: asyncir.GuardOrder, Param: p, Op: order, Literal: lit}
	}
	switch op {
	case kIs, kIsNot:
		if lit != "None" {
			return nil
		}
		return &asyncir.Guard{Kind: asyncir.GuardIsNone, Param: p, Not: op == kIsNot}
	case kEqEq, kNotEq:
		return &asyncir.Guard{Kind: asyncir.GuardEquals, Param: p, Literal: lit, Not: op == kNotEq}
	}
	return nil
}

// flippedOrder maps each order comparison to the one with its operands
// swapped.
var flippedOrder = map[string]string{"<": ">", "<=": ">=", ">": "<", ">=": "<="}

// rangeGuard reads `for … in range(p)` and `range(0, p)`: the body runs
// only when p > 0.
func (b *fnBuilder) rangeGuard(iter int32) *asyncir.Guard {
	t := b.lw.t
	if iter < 0 || t.kind(iter) != kCall {
		return nil
	}
	fn, args := t.field(iter, fFunction), t.field(iter, fArguments)
	if fn < 0 || args < 0 || t.kind(fn) != kIdentifier || t.text(fn) != "range" || t.kind(args) != kArgumentList {
		return nil
	}
	as := t.namedChildren(args)
	if len(as) == 2 && literalText(t, as[0]) == "0" {
		as = as[1:]
	}
	if len(as) != 1 {
		return nil
	}
	if p := b.param(as[0]); p != "" {
		return &asyncir.Guard{Kind: asyncir.GuardPositive, Param: p}
	}
	return nil
}

// param is the name of the function's own parameter that n names, or "".
func (b *fnBuilder) param(n int32) string {
	t := b.lw.t
	if t.kind(n) != kIdentifier {
		return ""
	}
	name := t.text(n)
	if !b.fi.isParam(name) || b.fi.declared[name] {
		return ""
	}
	return name
}

// opMark is a point in the lowering of a function: the ops emitted after
// it are an expression's (an expression inside a try body may span
// several blocks, one per op that can raise).
type opMark struct {
	block *asyncir.Block
	ops   int
}

func (b *fnBuilder) opMark() opMark { return opMark{b.cur, len(b.cur.Ops)} }

// loadsSince lists the name loads emitted since m.
func (b *fnBuilder) loadsSince(m opMark) []*asyncir.Op {
	var out []*asyncir.Op
	add := func(ops []*asyncir.Op) {
		for _, op := range ops {
			if op.Kind == asyncir.OpLoad {
				out = append(out, op)
			}
		}
	}
	add(m.block.Ops[m.ops:])
	for _, blk := range b.f.Blocks[m.block.Index+1:] {
		add(blk.Ops)
	}
	return out
}

// noteGuardLoads remembers the loads of a guard's test, for checkGuards.
func (b *fnBuilder) noteGuardLoads(blk *asyncir.Block, loads []*asyncir.Op) {
	if b.guardLoads == nil {
		b.guardLoads = map[*asyncir.Block][]*asyncir.Op{}
	}
	b.guardLoads[blk] = loads
}

// checkGuards keeps, once def-use is known, only the tests of parameters
// that still hold the argument where the test runs: a test after
// "p = p or default" says nothing about what the call passed.
func (b *fnBuilder) checkGuards() {
	for blk, loads := range b.guardLoads {
		assigned := map[string]bool{}
		for _, op := range loads {
			if len(op.Defs()) > 0 {
				assigned[op.Var] = true
			}
		}
		if len(assigned) > 0 {
			blk.Guard = withoutAssigned(blk.Guard, assigned)
		}
	}
}

// withoutAssigned replaces the tests of assigned parameters by unknowns;
// nil when nothing is left to decide.
func withoutAssigned(g *asyncir.Guard, assigned map[string]bool) *asyncir.Guard {
	if g == nil {
		return nil
	}
	if g.Kind != asyncir.GuardAnd && g.Kind != asyncir.GuardOr {
		if assigned[g.Param] {
			return nil
		}
		return g
	}
	subs := make([]*asyncir.Guard, len(g.Subs))
	any := false
	for i, s := range g.Subs {
		subs[i] = withoutAssigned(s, assigned)
		any = any || subs[i] != nil
	}
	if !any {
		return nil
	}
	out := *g
	out.Subs = subs
	return &out
}

// storeUntracked records the assignment of a value lowering does not
// track (a literal) to a parameter as a store without an operand, so that
// def-use sees the parameter rebound (other names keep no such store).
func (b *fnBuilder) storeUntracked(target int32) {
	t := b.lw.t
	if target < 0 || len(b.fi.f.Params) == 0 {
		return
	}
	switch t.kind(target) {
	case kIdentifier:
		name := t.text(target)
		if !b.fi.isParam(name) || b.fi.declared[name] {
			return
		}
		b.emit(asyncir.Op{Kind: asyncir.OpStore, Range: b.lw.rng(target), Var: name})
		b.fi.stores.add(name, nil)
	case kPatternList, kTuplePattern, kListPattern, kTuple, kList, kExpressionList, kParenthesized:
		for _, c := range t.namedChildren(target) {
			b.storeUntracked(c)
		}
	}
}
