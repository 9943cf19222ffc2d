package gofront

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// A branch that tests a struct field its own function assigns (if
// c.closed { return } … c.closed = true, a state compared and then
// changed, an atomic compare-and-swap on the field) goes the way an
// earlier call of the function left it: a close-once flag says "already
// done". testsOwnState marks such branches.

// ownState records, for one function, the struct fields it assigns
// (fn and the closures it makes): plain stores and sync/atomic calls
// on the field's address.
type ownState map[string]bool

func writtenFields(fn *ssa.Function) ownState {
	out := ownState{}
	var walk func(fn *ssa.Function)
	walk = func(fn *ssa.Function) {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch in := instr.(type) {
				case *ssa.Store:
					if fa, ok := in.Addr.(*ssa.FieldAddr); ok {
						if key := fieldKey(fa); key != "" {
							out[key] = true
						}
					}
				case *ssa.Call:
					if !isAtomic(in.Call.StaticCallee()) {
						continue
					}
					for _, a := range in.Call.Args {
						if fa, ok := a.(*ssa.FieldAddr); ok && fieldKey(fa) != "" {
							out[fieldKey(fa)] = true
						}
					}
				}
			}
		}
		for _, a := range fn.AnonFuncs {
			walk(a)
		}
	}
	walk(fn)
	return out
}

// testsOwnState reports whether the If ending b reads a field the
// function assigns.
func (s ownState) testsOwnState(b *ssa.BasicBlock) bool {
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok || len(s) == 0 {
		return false
	}
	found := false
	var read func(v ssa.Value, depth int)
	read = func(v ssa.Value, depth int) {
		if found || depth > 4 {
			return
		}
		switch v := v.(type) {
		case *ssa.FieldAddr:
			found = s[fieldKey(v)]
		case *ssa.UnOp:
			if v.Op == token.MUL || v.Op == token.NOT {
				read(v.X, depth+1)
			}
		case *ssa.BinOp:
			read(v.X, depth+1)
			read(v.Y, depth+1)
		case *ssa.Call:
			for _, a := range v.Call.Args {
				read(a, depth+1)
			}
		}
	}
	read(iff.Cond, 0)
	return found
}

// isAtomic reports whether fn is a function or method of sync/atomic.
func isAtomic(fn *ssa.Function) bool {
	if fn == nil {
		return false
	}
	if o := fn.Origin(); o != nil {
		fn = o
	}
	return fn.Pkg != nil && fn.Pkg.Pkg.Path() == "sync/atomic" || fn.Object() != nil && fn.Object().Pkg() != nil && fn.Object().Pkg().Path() == "sync/atomic"
}
