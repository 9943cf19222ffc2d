package pyfront

import "github.com/asynclint/asynclint/asyncir"

// delegatesToSelf reports whether an async dunder hands its result on to
// a coroutine method of self that returns self, looked up on the
// receiver's class as Python does: sqlalchemy's StartableContext has
// "async def __aenter__(self): return await self.start()", and the
// AsyncConnection deriving from it defines start to return self, so
// "async with engine.connect() as conn" binds the connection.
func (l *linker) delegatesToSelf(fi *funcInfo, recv *asyncir.Class) bool {
	f := fi.f
	if recv == nil || len(f.Params) == 0 || fi.bareRet || len(fi.returns) == 0 {
		return false
	}
	for _, v := range fi.returns {
		s := fi.mod.symOf(v)
		if s == nil || s.kind != symAwait {
			return false
		}
		cs := fi.mod.symOf(s.base)
		if cs == nil || cs.kind != symCall || cs.name == "" {
			return false
		}
		if !loadsParam(fi, cs.base, f.Params[0].Name) {
			return false
		}
		m := recv.LookupMethod(cs.name)
		if m == nil || m == f || m.Kind != asyncir.CoroutineFunc {
			return false
		}
		mi := l.fnInfo[m]
		if mi == nil || !(returnsSelf(l, mi) || annotatedSelf(mi)) {
			return false
		}
	}
	return true
}
