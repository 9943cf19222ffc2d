package pyfront

import (
	"strings"

	"github.com/asynclint/asynclint/asyncir"
)

// anyException is what a call (and what runs code: await, yield, with,
// for, raise) can raise.
var anyException = []string{""}

// raises says which exceptions op can raise, so that inside a try body
// the handlers that catch them are reached from just before it: anything
// for calls (and await, yield, with, for, raise); AttributeError for an
// attribute read or store, except a read of an imported name
// (sys.version_info); LookupError or TypeError for a subscript; TypeError
// or ArithmeticError for arithmetic. Loads of names, constants, displays,
// comparisons (sys.version_info >= (3, 11)) and stores to names raise
// nothing: a path that leaves a try body from one of those is a path that
// cannot happen. Imports raise ImportError; lowerImport marks them itself.
func (b *fnBuilder) raises(op *asyncir.Op) []string {
	switch op.Kind {
	case asyncir.OpCall, asyncir.OpAwait, asyncir.OpYield, asyncir.OpRaise, asyncir.OpWith, asyncir.OpFor:
		return anyException
	case asyncir.OpAttr:
		switch {
		case op.Attr == "":
			return []string{"KeyError", "IndexError", "TypeError"}
		case !b.importedReceiver(op.Recv):
			return []string{"AttributeError"}
		}
	case asyncir.OpStore:
		switch {
		case op.Attr != "":
			return []string{"AttributeError"}
		case op.Var == "":
			return []string{"KeyError", "IndexError", "TypeError"}
		}
	case asyncir.OpRef:
		if len(op.Args) > 0 { // a binary operator
			return []string{"TypeError", "ZeroDivisionError", "OverflowError", "ValueError"}
		}
	}
	return nil
}

// importedReceiver reports whether v is a name bound by an import.
func (b *fnBuilder) importedReceiver(v *asyncir.Value) bool {
	if v == nil {
		return false
	}
	s := b.lw.mi.symOf(v)
	return s != nil && s.kind == symName && importedName(b.lw.mi, s) != ""
}

// exceptionBases are the builtin exceptions a handler may name for the
// exceptions raises reports, with the ones each catches (nil: all).
var exceptionBases = map[string][]string{
	"BaseException":       nil,
	"Exception":           nil,
	"LookupError":         {"KeyError", "IndexError"},
	"ArithmeticError":     {"ZeroDivisionError", "OverflowError"},
	"ModuleNotFoundError": {"ImportError"}, // a failed import may be either
}

// catches reports whether an except clause naming names (nil for a bare
// except) catches one of the exceptions excs (anyException: any).
func catches(names []string, excs []string) bool {
	if names == nil || len(excs) == 1 && excs[0] == "" {
		return true
	}
	for _, n := range names {
		sub, base := exceptionBases[n]
		if base && sub == nil {
			return true
		}
		for _, e := range excs {
			if n == e || base && contains(sub, e) {
				return true
			}
		}
	}
	return false
}

// raisePoint ends the current block just before an op that can raise
// excs inside a try body, with an edge to every handler that catches one
// of them (none: the block goes on).
func (b *fnBuilder) raisePoint(excs []string) {
	prev := b.cur
	var to []*asyncir.Block
	for _, h := range prev.Handlers {
		if catches(b.catchNames[h], excs) {
			to = append(to, h)
		}
	}
	if len(to) == 0 {
		return
	}
	b.cur = b.newBlock()
	b.edge(prev, b.cur)
	for _, h := range to {
		b.edge(prev, h)
	}
}

// exceptNames lists the exception names an except clause gives, by their
// last dotted part (nil for a bare except).
func (b *fnBuilder) exceptNames(clause int32) []string {
	t := b.lw.t
	var names []string
	var walk func(n int32)
	walk = func(n int32) {
		switch t.kind(n) {
		case kIdentifier, kAttribute:
			s := compactDots(t.text(n))
			names = append(names, s[strings.LastIndexByte(s, '.')+1:])
		case kBlock, kComment:
		case kAsPattern:
			if cs := t.namedChildren(n); len(cs) > 0 {
				walk(cs[0])
			}
		default:
			for _, c := range t.namedChildren(n) {
				walk(c)
			}
		}
	}
	for _, c := range t.namedChildren(clause) {
		walk(c)
	}
	return names
}
