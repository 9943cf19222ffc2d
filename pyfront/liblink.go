package pyfront

import "github.com/asynclint/asynclint/asyncir"

// resolveLibraryCalls resolves the calls of a library's synchronous
// function, which the may-block summary follows (a library helper that
// sleeps or reads a socket blocks the coroutine that calls it). Nothing
// is reported in a library's code, so nothing else of it is written back:
// its module body and its coroutine functions are left as lowered.
func (l *linker) resolveLibraryCalls(f *asyncir.Func) {
	if f.Kind != asyncir.Sync && f.Kind != asyncir.Generator || f == f.Module.Body {
		return
	}
	f.Ops(func(op *asyncir.Op) {
		if op.Kind == asyncir.OpCall {
			l.resolveCall(op)
		}
	})
}
