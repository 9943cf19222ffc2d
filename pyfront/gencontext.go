package pyfront

import "github.com/asynclint/asynclint/asyncir"

// asyncContextManager is the decorator that turns an async generator
// function into a factory of async context managers.
const asyncContextManager = "contextlib.asynccontextmanager"

// generatorContextClass is the class of what such a factory returns. Its
// Elem is what "async with" binds: the value the generator yields.
const generatorContextClass = "contextlib._AsyncGeneratorContextManager"

// generatorContext is the result of calling an @asynccontextmanager
// function: "async with session() as s" binds what the generator yields,
// by its annotation (-> AsyncIterator[Session], AsyncGenerator[Session,
// None]) or else by every yield of its body agreeing (yield Session()).
// The context manager itself makes no coroutine: dropped, nothing is lost.
func (l *linker) generatorContext(f *asyncir.Func) asyncir.Type {
	out := asyncir.Type{Kind: asyncir.Instance, External: generatorContextClass}
	fi := l.fnInfo[f]
	if fi == nil || f.Kind != asyncir.AsyncGenerator {
		return out
	}
	var yielded asyncir.Type
	if fi.retAnnot != nil && fi.retAnnot.elem != nil {
		yielded = l.annotType(fi.retAnnot.elem)
	}
	if !yielded.IsKnown() {
		var vals []*asyncir.Value
		f.Ops(func(op *asyncir.Op) {
			if op.Kind == asyncir.OpYield && !op.Async && op.Func() == f {
				vals = append(vals, op.Operand)
			}
		})
		if len(vals) > 0 {
			yielded = l.agree(vals)
		}
	}
	if yielded.IsKnown() {
		out.Elem = &yielded
	}
	return out
}
