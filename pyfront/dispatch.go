package pyfront

import (
	"strings"

	"github.com/asynclint/asynclint/asyncir"
)

// selfDispatch is what a method inherited from a mixin returns on a given
// receiver when its body only hands the call on to another method of self:
// redis's command mixins define "def set(self, ...): return
// self.execute_command(...)", and execute_command is a coroutine function
// of the async client that inherits them, so r.set(k, v) on a
// redis.asyncio.Redis is a coroutine. The returned method is looked up on
// the receiver's class, as Python does; every return must agree.
func (l *linker) selfDispatch(callee, recv asyncir.Type) asyncir.Type {
	f := callee.Func
	if callee.Kind != asyncir.FuncObj || f == nil || f.Class == nil || f.Static || f.ClassMeth ||
		recv.Kind != asyncir.Instance || recv.Class == nil || recv.Class == f.Class || len(f.Params) == 0 {
		return unknownType
	}
	fi := l.fnInfo[f]
	if fi == nil || fi.bareRet || len(fi.returns) == 0 {
		return unknownType
	}
	var out asyncir.Type
	for i, v := range fi.returns {
		s := fi.mod.symOf(v)
		if s == nil || s.kind != symCall || s.name == "" {
			return unknownType
		}
		if !loadsParam(fi, s.base, f.Params[0].Name) {
			return unknownType
		}
		m := recv.Class.LookupMethod(s.name)
		if m == nil || m == f {
			return unknownType
		}
		t := m.CallResult
		if !t.IsKnown() || i > 0 && !t.Same(out) {
			return unknownType
		}
		out = t
	}
	return out
}

// instanceOfName is an instance of a class named by its dotted name: the
// program's (or an installed library's) class when one is linked, else the
// modelled external class.
func (l *linker) instanceOfName(name string) asyncir.Type {
	if t := l.dotted(name); t.Kind == asyncir.ClassObj && t.Class != nil {
		return asyncir.Type{Kind: asyncir.Instance, Class: t.Class}
	}
	return l.externalInstance(name)
}

// annotatedSelf reports whether a method's return annotation says it
// returns its receiver: "-> Self", or the type variable its self
// parameter is annotated with ("def __aenter__(self: U) -> U").
func annotatedSelf(fi *funcInfo) bool {
	a := fi.retAnnot
	if a == nil || len(a.names) != 1 {
		return false
	}
	name := a.names[0]
	if name == "Self" || strings.HasSuffix(name, ".Self") {
		return true
	}
	// markSelf replaced the first parameter's annotation and kept it as
	// selfAnnot.
	return fi.selfAnnot != nil && len(fi.selfAnnot.names) == 1 && fi.selfAnnot.names[0] == name
}

// loadsParam reports whether v is a load of fi's parameter name, which
// fi never rebinds.
func loadsParam(fi *funcInfo, v *asyncir.Value, name string) bool {
	s := fi.mod.symOf(v)
	return s != nil && s.kind == symName && s.name == name && s.scope == fi && len(fi.stores.get(name)) == 0
}
