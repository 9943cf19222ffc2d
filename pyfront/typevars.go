package pyfront

import "github.com/asynclint/asynclint/asyncir"

// typeVarClasses are the calls that make a type variable.
var typeVarClasses = map[string]bool{"typing.TypeVar": true, "typing_extensions.TypeVar": true}

// boundTypeVar is what a type variable annotation on a method of owner
// stands for in an instance of inst: the type argument of the generic
// base through which inst derives from owner (aiohttp's
// _RequestContextManager(_BaseRequestContextManager[ClientResponse]),
// whose inherited __await__ is annotated Generator[Any, None, _RetType]).
// Only a base with a single type argument binds: with several, which
// argument is which variable is not worked out.
func (l *linker) boundTypeVar(a *annotation, it asyncir.Type, owner *asyncir.Class) (asyncir.Type, bool) {
	inst := it.Class
	if a == nil || inst == nil || owner == nil || len(a.names) != 1 || !l.isTypeVar(a) {
		return unknownType, false
	}
	// The binding of owner's own variable; else, when the method is
	// declared below the generic base (an __aenter__ -> T of a subclass),
	// the only binding there is.
	var only []*asyncir.Value
	bindings := 0
	for _, k := range inst.Ancestry() {
		ki := l.classOf[k]
		if ki == nil {
			continue
		}
		if args, ok := ki.typeArgs[owner]; ok {
			if t, ok := l.typeArgument(args); ok {
				return t, true
			}
			break // bound to a type variable: the value's own argument says
		}
		for _, args := range ki.typeArgs {
			only = args
			bindings++
		}
	}
	if bindings == 1 {
		if t, ok := l.typeArgument(only); ok {
			return t, true
		}
	}
	// Bound by the value's own annotation (-> _ContextManager[Cursor]).
	if it.Arg != nil {
		return *it.Arg, true
	}
	return unknownType, false
}

// typeArgument is the instance a single class type argument stands for.
func (l *linker) typeArgument(args []*asyncir.Value) (asyncir.Type, bool) {
	if len(args) != 1 {
		return unknownType, false
	}
	t := l.typeOf(args[0])
	switch {
	case t.Kind == asyncir.ClassObj && t.Class != nil:
		return asyncir.Type{Kind: asyncir.Instance, Class: t.Class}, true
	case t.Kind == asyncir.ClassObj && t.External != "":
		return l.externalInstance(t.External), true
	}
	return unknownType, false
}

// isTypeVar reports whether a one-name annotation names a module-level
// TypeVar("T").
func (l *linker) isTypeVar(a *annotation) bool {
	for s := a.scope; s != nil; s = s.parent {
		if !s.isModule {
			continue
		}
		g := s.mod.globals[a.names[0]]
		if g == nil {
			return false
		}
		for _, v := range g.values {
			if sv := s.mod.syms[v]; sv != nil && sv.kind == symCall {
				if c := l.calleeOfSym(sv); typeVarClasses[l.models.Canonical(c.External)] {
					return true
				}
			}
		}
		return false
	}
	return false
}
