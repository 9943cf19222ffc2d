package pyfront

import (
	"github.com/asynclint/asynclint/asyncir"
)

// transparentDecorators keep what the decorated function returns.
var transparentDecorators = map[string]bool{
	"builtins.staticmethod": true, "builtins.classmethod": true, "builtins.property": true,
	"abc.abstractmethod": true, "typing.override": true, "typing_extensions.override": true,
	"typing.final": true, "typing_extensions.final": true, "typing.no_type_check": true,
	"functools.cached_property": true,
}

// callResult is what calling fi's function returns: its kind's awaitable,
// passed through its decorators, or for undecorated synchronous functions
// the type every return statement agrees on (a wrapper that returns a
// coroutine is itself a source of coroutines).
func (l *linker) callResult(fi *funcInfo) asyncir.Type {
	f := fi.f
	var t asyncir.Type
	switch f.Kind {
	case asyncir.CoroutineFunc:
		t = asyncir.Type{Kind: asyncir.Instance, External: "coroutine", Await: asyncir.Coroutine, Origin: f}
		if fi.retAnnot != nil {
			// "async def connect() -> Connection": awaiting gives one.
			if r := l.annotType(fi.retAnnot); r.IsKnown() {
				t.Result = &r
			}
		}
	case asyncir.AsyncGenerator:
		t = asyncir.Type{Kind: asyncir.Instance, External: "async_generator", Await: asyncir.AsyncIterator, Origin: f}
	case asyncir.Generator:
		t = asyncir.Type{Kind: asyncir.Instance, External: "generator"}
	default:
		if !fi.isModule && !fi.isClass && !fi.bareRet && len(fi.returns) > 0 {
			t = l.agreeReturns(fi.returns)
		}
		if fi.retAnnot != nil {
			// "def f() -> asyncio.Future:" — the annotation is what the
			// author promised; it is only used when the body says nothing,
			// or to say what the body's generic class is of
			// ("-> _ContextManager[Tracer]: return _ContextManager(coro)").
			switch a := l.annotType(fi.retAnnot); {
			case !t.IsKnown():
				t = a
			case a.Arg != nil && t.Arg == nil && t.Kind == asyncir.Instance && t.Class != nil && t.Class == a.Class:
				t.Arg = a.Arg
			}
		}
		t = l.wrappedCoroutine(t, f)
	}
	for i := len(fi.decorators) - 1; i >= 0; i-- {
		t = l.applyDecorator(fi.decorators[i], t, f)
	}
	return t
}

// agreeReturns is like agree but keeps None returns significant: a
// function that sometimes returns a coroutine and sometimes None is not a
// coroutine source.
func (l *linker) agreeReturns(vs []*asyncir.Value) asyncir.Type {
	var out asyncir.Type
	for i, v := range vs {
		t := l.typeOf(v)
		if !t.IsKnown() || t.Same(noneType) || i > 0 && !t.Same(out) {
			return unknownType
		}
		out = t
	}
	return out
}

// applyDecorator is the type a call of the decorated function returns,
// given what the undecorated one returns.
func (l *linker) applyDecorator(deco *asyncir.Value, inner asyncir.Type, f *asyncir.Func) asyncir.Type {
	mi := l.byMod[deco.Def.Block.Func.Module]
	// @functools.wraps(fn) on a wrapper keeps the wrapper's own result.
	if s := mi.symOf(deco); s != nil && s.kind == symCall {
		if l.calleeOfSym(s).External == "functools.wraps" {
			return inner
		}
	}
	d := l.typeOf(deco)
	switch {
	case d.External != "" && transparentDecorators[d.External]:
		return inner
	case d.External == "asyncio.coroutine" || d.External == "types.coroutine":
		return unknownType
	case d.External == asyncContextManager:
		return l.generatorContext(f)
	case d.Kind == asyncir.FuncObj && d.Func != nil:
		if t, ok := l.annotatedDecorator(d.Func, inner, f); ok {
			return t
		}
		return l.projectDecorator(d.Func, inner, f)
	}
	return unknownType
}

// projectDecorator looks into a decorator defined in the program: if it
// returns a nested wrapper that is "async def", calls of the decorated
// function give that wrapper's coroutine; if the wrapper is synchronous and
// returns the decorated function's call, the decorated function keeps its
// nature.
func (l *linker) projectDecorator(d *asyncir.Func, inner asyncir.Type, f *asyncir.Func) asyncir.Type {
	di := l.fnInfo[d]
	if di == nil || len(di.returns) == 0 || len(d.Params) == 0 {
		return unknownType
	}
	param := d.Params[0].Name
	var out asyncir.Type
	for i, rv := range appliedReturns(di, param) {
		if nested := l.nestedDecoratorCall(di, param, rv); nested != nil {
			r := l.projectDecorator(nested, inner, f)
			if !r.IsKnown() || i > 0 && !r.Same(out) {
				return unknownType
			}
			out = r
			continue
		}
		w := l.typeOf(rv)
		if w.Kind != asyncir.FuncObj || w.Func == nil || w.Func.Parent != d {
			return unknownType
		}
		var r asyncir.Type
		switch w.Func.Kind {
		case asyncir.CoroutineFunc:
			// The wrapper's own coroutine, whatever decorators the wrapper
			// has (functools.wraps keeps it).
			r = w.Func.CallResult
			if r.Await == asyncir.Coroutine {
				r.Origin = f
			}
		case asyncir.Sync:
			if !returnsCallOf(l, l.fnInfo[w.Func], param) {
				return unknownType
			}
			r = inner
		default:
			return unknownType
		}
		if i > 0 && !r.Same(out) {
			return unknownType
		}
		out = r
	}
	return out
}

// returnsCallOf reports whether every return of wrapper returns a call of
// the free variable name (the decorated function).
func returnsCallOf(l *linker, wi *funcInfo, name string) bool {
	if wi == nil || len(wi.returns) == 0 || wi.bareRet {
		return false
	}
	for _, v := range wi.returns {
		s := wi.mod.symOf(v)
		if s == nil || s.kind != symCall || s.name != "" {
			return false
		}
		bs := wi.mod.symOf(s.base)
		if bs == nil || bs.kind != symName || bs.name != name {
			return false
		}
	}
	return true
}

// decoratorNames spells fi's decorators, outermost first: the dotted name
// of an external one (of the called function for a decorator call such
// as functools.lru_cache(maxsize=None)), the qualified name of a project
// one, "?" when unknown.
func (l *linker) decoratorNames(fi *funcInfo) []string {
	var out []string
	for _, d := range fi.decorators {
		if d == nil {
			out = append(out, "?")
			continue
		}
		t := l.typeOf(d)
		if s := l.byMod[d.Def.Block.Func.Module].symOf(d); s != nil && s.kind == symCall {
			t = l.calleeOfSym(s)
		}
		name := "?"
		switch {
		case t.External != "":
			name = l.models.Canonical(t.External)
		case t.Func != nil:
			name = t.Func.QualName
		case t.Class != nil:
			name = t.Class.QualName
		}
		out = append(out, name)
	}
	return out
}
