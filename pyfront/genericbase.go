package pyfront

import "github.com/asynclint/asynclint/asyncir"

// genericBase splits a base class expression of module mi: a generic base
// (Base[Response], Coroutine[Any, Any, T]) is its origin and its type
// arguments; any other base is itself, with none.
func genericBase(mi *moduleInfo, v *asyncir.Value) (*asyncir.Value, []*asyncir.Value) {
	if s := mi.symOf(v); s != nil && s.kind == symElem && s.base != nil {
		return s.base, v.Def.Args
	}
	return v, nil
}
