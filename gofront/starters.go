package gofront

import (
	"github.com/asynclint/asynclint/asyncir"
	"golang.org/x/tools/go/ssa"
)

// A starter is a function of the package whose body only starts one
// goroutine with its parameters (func (s *S) recv(reqs chan<- T) { go
// func() { … reqs <- r … }() }, or go s.read(ch)): a call of it is that
// go statement, made with the caller's arguments. The call is lowered as
// the spawn, so the caller's channel is followed into the goroutine.

// starterOf returns the go statement of fn when fn is a starter, nil
// otherwise.
func (l *lowerer) starterOf(fn *ssa.Function) *ssa.Go {
	if fn == nil || fn.Pkg != l.pkg || len(fn.Blocks) != 1 || len(fn.FreeVars) > 0 || fn.Signature.Results().Len() != 0 || fn.Recover != nil {
		return nil
	}
	var g *ssa.Go
	for _, instr := range fn.Blocks[0].Instrs {
		switch in := instr.(type) {
		case *ssa.Go:
			if g != nil || in.Call.IsInvoke() {
				return nil
			}
			g = in
		case *ssa.Alloc:
			if paramIn(fn, in) == nil {
				return nil
			}
		case *ssa.Store:
			if _, ok := in.Addr.(*ssa.Alloc); !ok {
				return nil
			}
		case *ssa.MakeClosure, *ssa.Return, *ssa.DebugRef:
		default:
			return nil
		}
	}
	if g == nil {
		return nil
	}
	vals := g.Call.Args
	switch v := g.Call.Value.(type) {
	case *ssa.Function:
	case *ssa.MakeClosure:
		if _, ok := v.Fn.(*ssa.Function); !ok {
			return nil
		}
		vals = append(append([]ssa.Value(nil), vals...), v.Bindings...)
	default:
		return nil
	}
	for _, v := range vals {
		if _, isConst := v.(*ssa.Const); !isConst && paramOf(fn, v) < 0 {
			return nil
		}
	}
	return g
}

// paramIn is the parameter a cell holds when its one store is of a
// parameter (SSA spills a parameter a closure captures); nil otherwise.
func paramIn(fn *ssa.Function, cell *ssa.Alloc) *ssa.Parameter {
	var p *ssa.Parameter
	for _, r := range *cell.Referrers() {
		switch r := r.(type) {
		case *ssa.Store:
			q, ok := r.Val.(*ssa.Parameter)
			if !ok || p != nil || r.Addr != cell {
				return nil
			}
			p = q
		case *ssa.MakeClosure, *ssa.DebugRef:
		default:
			return nil
		}
	}
	return p
}

// paramOf is the index of the parameter v is (or a cell holding it), -1
// if none.
func paramOf(fn *ssa.Function, v ssa.Value) int {
	if cell, ok := v.(*ssa.Alloc); ok {
		if p := paramIn(fn, cell); p != nil {
			v = p
		}
	}
	for i, p := range fn.Params {
		if v == ssa.Value(p) {
			return i
		}
	}
	return -1
}

// startThrough lowers call, a call of the starter whose go statement is
// g, as that go statement made with call's arguments.
func (l *lowerer) startThrough(b *asyncir.Block, call *ssa.Call, g *ssa.Go) {
	helper := call.Call.StaticCallee()
	arg := func(v ssa.Value) *asyncir.Value {
		if i := paramOf(helper, v); i >= 0 {
			return l.value(call.Call.Args[i])
		}
		return l.value(v)
	}
	// The goroutine's go statement is the helper's: that is where the
	// runtime says it was created.
	op := &asyncir.Op{Kind: asyncir.OpSpawn, Range: l.rangeOf(g.Pos())}
	args := g.Call.Args
	switch v := g.Call.Value.(type) {
	case *ssa.Function:
		op.Callee, op.External = l.funcs[v], l.external(v)
		if v.Signature.Recv() != nil && len(args) > 0 {
			op.Recv, op.Method = arg(args[0]), v.Name()
			args = args[1:]
		}
	case *ssa.MakeClosure:
		fn := v.Fn.(*ssa.Function)
		op.Callee, op.External = l.funcs[fn], l.external(fn)
		for _, bnd := range v.Bindings {
			x := arg(bnd)
			op.AddCapture(x)
			x.AddUse(asyncir.UseArg, op)
		}
	}
	op.Recv.AddUse(asyncir.UseRecv, op)
	for _, a := range args {
		x := arg(a)
		op.Args = append(op.Args, x)
		x.AddUse(asyncir.UseArg, op)
	}
	emit(b, op)
}
