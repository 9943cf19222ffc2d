package pyfront

import "github.com/asynclint/asynclint/asyncir"

// annotatedDecorator is what calling a function decorated by d returns
// when d's return annotation says: `-> Callable[..., Result[T]]`
// (aiosqlite's @contextmanager wraps each coroutine method's coroutine in
// a Result that is awaited or entered). A result class that derives from
// Coroutine is a coroutine made by f: awaiting it gives what f's own
// coroutine gives. Otherwise, when d takes a `Callable[..., Awaitable[T]]`
// and returns `Callable[..., Wrapper[T]]`, T is what f's coroutine gives
// (asyncssh's @async_context_manager: connect() is awaited or entered
// for the SSHClientConnection its coroutine returns).
func (l *linker) annotatedDecorator(d *asyncir.Func, inner asyncir.Type, f *asyncir.Func) (asyncir.Type, bool) {
	di := l.fnInfo[d]
	if di == nil {
		return unknownType, false
	}
	ret := expandAlias(di.retAnnot)
	if ret == nil || ret.result == nil || len(ret.names) != 1 || lastDot(ret.names[0]) != "Callable" {
		return unknownType, false
	}
	t := l.annotType(ret.result)
	if t.Kind != asyncir.Instance || t.Class == nil {
		return unknownType, false
	}
	if l.derivesCoroutine(t.Class) {
		t.Await, t.Origin, t.Result = asyncir.Coroutine, f, inner.Result
	} else if t.Arg == nil && inner.Result != nil && takesAwaitableOf(di, d, ret.result.arg) {
		t.Arg = inner.Result
	}
	return t, true
}

// takesAwaitableOf reports whether decorator d's first parameter is
// annotated `Callable[..., Awaitable[T]]` with T the type variable arg
// names.
func takesAwaitableOf(di *funcInfo, d *asyncir.Func, arg *annotation) bool {
	if arg == nil || len(arg.names) != 1 || len(d.Params) == 0 {
		return false
	}
	ps := di.paramSym[d.Params[0].Name]
	if ps == nil || ps.kind != symAnnot {
		return false
	}
	p := expandAlias(ps.annot)
	if p == nil || len(p.names) != 1 || lastDot(p.names[0]) != "Callable" || p.result == nil {
		return false
	}
	aw := p.result
	if len(aw.names) != 1 || lastDot(aw.names[0]) != "Awaitable" && lastDot(aw.names[0]) != "Coroutine" || aw.result == nil {
		return false
	}
	return len(aw.result.names) == 1 && aw.result.names[0] == arg.names[0]
}
