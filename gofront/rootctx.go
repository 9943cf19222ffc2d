package gofront

import (
	"github.com/asynclint/asynclint/asyncir"
	"golang.org/x/tools/go/ssa"
)

// rootContextOnly finds the unexported functions of the package whose
// context parameter every caller fills with a fresh context.Background()
// or context.TODO(): nothing can cancel that context, so the function has
// no cancellation to observe (a tool's `run(ctx, …)` called once from
// main). A function used other than by a direct call (a func value, a
// method an interface may dispatch to) may have callers the package does
// not show, and is not one of them.
func rootContextOnly(models *asyncir.Models, pkg *ssa.Package, funcs []*ssa.Function) map[*ssa.Function]bool {
	cands := map[*ssa.Function]int{}
	for _, fn := range funcs {
		if fn.Parent() != nil || fn.Signature.Recv() != nil || fn.Object() == nil || fn.Object().Exported() || fn.TypeParams().Len() > 0 {
			continue
		}
		for i, p := range fn.Params {
			if typeOf(p.Type()).Await == asyncir.Context {
				cands[fn] = i
				break
			}
		}
	}
	if len(cands) == 0 {
		return nil
	}
	called := map[*ssa.Function]bool{}
	all := append([]*ssa.Function(nil), funcs...)
	if init := pkg.Func("init"); init != nil {
		all = append(all, init)
		all = append(all, init.AnonFuncs...)
	}
	var ops []*ssa.Value
	for _, fn := range all {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				var c *ssa.CallCommon
				if ci, ok := instr.(ssa.CallInstruction); ok {
					c = ci.Common()
				}
				ops = instr.Operands(ops[:0])
				for _, o := range ops {
					g, ok := (*o).(*ssa.Function)
					if !ok {
						continue
					}
					i, cand := cands[g]
					if !cand {
						continue
					}
					if c != nil && o == &c.Value && !c.IsInvoke() && i < len(c.Args) && isRootContext(models, c.Args[i]) {
						called[g] = true
						continue
					}
					delete(cands, g)
				}
			}
		}
	}
	out := map[*ssa.Function]bool{}
	for fn := range cands {
		if called[fn] {
			out[fn] = true
		}
	}
	return out
}

// isRootContext reports whether v is the result of a call the models
// say makes a context nothing cancels (context.Background, TODO).
func isRootContext(models *asyncir.Models, v ssa.Value) bool {
	call, ok := v.(*ssa.Call)
	if !ok {
		return false
	}
	fn := call.Call.StaticCallee()
	if fn == nil {
		return false
	}
	m := models.API(externalFunc(fn))
	return m != nil && m.RootContext
}

// capturesRootContext reports whether the closure's free variable fv is
// bound, through any enclosing closures, to a context.Background() or
// context.TODO() its starter made and never replaced (stored once in the
// variable's cell; go-redis's
// ctx := context.TODO(); go func() { … c.pubSub.Receive(ctx) … }()).
func (l *lowerer) capturesRootContext(fv *ssa.FreeVar) bool {
	for {
		v, ok := l.nils.bindings[fv]
		if !ok {
			return false
		}
		if outer, ok := v.(*ssa.FreeVar); ok {
			fv = outer
			continue
		}
		// Captured by reference: the cell, stored once with the context.
		return isRootContext(l.models, l.alias.canon(v))
	}
}
