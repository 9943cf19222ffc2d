package pyfront

import "github.com/asynclint/asynclint/asyncir"

// Decorators used bare or with options. async_lru's alru_cache is
//
//	def alru_cache(fn=None, maxsize=128, ...):
//	    def wrapper(fn): ... return wrapped  # wrapped is async def
//	    if fn is None:
//	        return wrapper
//	    return wrapper(fn)
//
// Its returns disagree, but each call decides which it reaches:
// alru_cache(maxsize=32) leaves fn None and returns the decorator
// wrapper; @alru_cache passes the function and returns wrapper(fn), the
// decorator applied. The branches are read through the guards on the
// parameters (asyncir.Guard), as a call's arguments decide them.

// guardedCallResult is what a call of the synchronous, undecorated f
// returns when its arguments rule out the returns that disagree.
func (l *linker) guardedCallResult(f *asyncir.Func, call *asyncir.Op) (asyncir.Type, bool) {
	fi := l.fnInfo[f]
	if call == nil || fi == nil || f.Kind != asyncir.Sync || fi.isModule || fi.isClass || fi.bareRet || len(fi.decorators) > 0 ||
		len(fi.returns) < 2 || !asyncir.HasGuards(f) {
		return unknownType, false // no returns to rule out: the common case, without a binding
	}
	rs := reachableReturns(fi, asyncir.CallBinding(call, f, nil, func(string) bool { return true }))
	if len(rs) == 0 {
		return unknownType, false
	}
	t := l.agreeReturns(rs)
	return t, t.IsKnown()
}

// reachableReturns are the returns of fi's function that a call bound
// as bind reaches, or nil when bind rules none out.
func reachableReturns(fi *funcInfo, bind asyncir.Binding) []*asyncir.Value {
	if len(bind) == 0 || !asyncir.HasGuards(fi.f) {
		return nil
	}
	reach := asyncir.ReachableBlocks(fi.f, bind)
	var out []*asyncir.Value
	for _, v := range fi.returns {
		if v == nil || v.Def == nil || v.Def.Block == nil || v.Def.Block.Func != fi.f {
			return nil
		}
		if reach[v.Def.Block.Index] {
			out = append(out, v)
		}
	}
	if len(out) == len(fi.returns) {
		return nil
	}
	return out
}

// appliedReturns are the returns of decorator d applied bare: its first
// parameter is the decorated function, never None.
func appliedReturns(di *funcInfo, param string) []*asyncir.Value {
	if rs := reachableReturns(di, asyncir.Binding{param: {NotNone: true}}); len(rs) > 0 {
		return rs
	}
	return di.returns
}

// nestedDecoratorCall is the decorator nested in d that a return of d
// applies to d's first parameter ("return wrapper(fn)"), or nil.
func (l *linker) nestedDecoratorCall(di *funcInfo, param string, rv *asyncir.Value) *asyncir.Func {
	s := di.mod.symOf(rv)
	if s == nil || s.kind != symCall || s.name != "" || rv.Def == nil || len(rv.Def.Args) != 1 {
		return nil
	}
	w := l.typeOf(s.base)
	if w.Kind != asyncir.FuncObj || w.Func == nil || w.Func.Parent != di.f || w.Func.Kind != asyncir.Sync {
		return nil
	}
	if !loadsParam(di, rv.Def.Args[0], param) {
		return nil
	}
	return w.Func
}
