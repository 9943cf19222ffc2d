package gofront

import (
	"go/token"

	"github.com/asynclint/asynclint/asyncir"
	"golang.org/x/tools/go/ssa"
)

// branchFlag is the flag the If ending b tests, when it is a variable
// fn never assigns: a parameter (SSA gives an assigned one a cell), a
// package variable or a field of a parameter (the receiver's s.debug)
// that fn stores nowhere, possibly negated. Nil for any other test.
func (l *lowerer) branchFlag(fn *ssa.Function, b *ssa.BasicBlock) *asyncir.BranchFlag {
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return nil
	}
	cond, not := withoutNot(iff.Cond)
	key := ""
	switch c := cond.(type) {
	case *ssa.Parameter:
		key = "param " + c.Name()
	case *ssa.UnOp:
		if c.Op != token.MUL {
			return nil
		}
		switch x := c.X.(type) {
		case *ssa.Global:
			if storesTo(fn, func(addr ssa.Value) bool { return addr == x }) {
				return nil
			}
			key = "global " + x.RelString(nil)
		case *ssa.FieldAddr:
			p, ok := x.X.(*ssa.Parameter)
			if !ok || storesTo(fn, func(addr ssa.Value) bool {
				fa, ok := addr.(*ssa.FieldAddr)
				return ok && fa.X == x.X && fa.Field == x.Field
			}) {
				return nil
			}
			key = "field " + p.Name() + "." + fieldKey(x)
		}
	}
	if key == "" {
		return nil
	}
	return &asyncir.BranchFlag{Key: key, Not: not}
}

// storesTo reports whether fn (or a closure it makes) stores to an
// address addr matches.
func storesTo(fn *ssa.Function, addr func(ssa.Value) bool) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if st, ok := instr.(*ssa.Store); ok && addr(st.Addr) {
				return true
			}
		}
	}
	for _, a := range fn.AnonFuncs {
		if storesTo(a, addr) {
			return true
		}
	}
	return false
}

// withoutNot is cond with its negations (!x, !!x) taken off, and whether
// an odd number was.
func withoutNot(cond ssa.Value) (ssa.Value, bool) {
	not := false
	for {
		u, ok := cond.(*ssa.UnOp)
		if !ok || u.Op != token.NOT {
			return cond, not
		}
		cond, not = u.X, !not
	}
}
