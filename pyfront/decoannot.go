package pyfront

import "github.com/asynclint/asynclint/asyncir"

// annotatedDecorator is what calling a function decorated by d returns
// when d's return annotation says: `-> Callable[..., Result[T]]`
// (aiosqlite's @contextmanager wraps each coroutine method's coroutine in
// a Result that is awaited or entered). A result class that derives from
// Coroutine is a coroutine made by f: awaiting it gives what f's own
// coroutine gives.
func (l *linker) annotatedDecorator(d *asyncir.Func, inner asyncir.Type, f *asyncir.Func) (asyncir.Type, bool) {
	di := l.fnInfo[d]
	if di == nil || di.retAnnot == nil || di.retAnnot.result == nil || len(di.retAnnot.names) != 1 ||
		lastDot(di.retAnnot.names[0]) != "Callable" {
		return unknownType, false
	}
	t := l.annotType(di.retAnnot.result)
	if t.Kind != asyncir.Instance || t.Class == nil {
		return unknownType, false
	}
	if l.derivesCoroutine(t.Class) {
		t.Await, t.Origin, t.Result = asyncir.Coroutine, f, inner.Result
	}
	return t, true
}
