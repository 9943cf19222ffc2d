package pyfront

import "github.com/asynclint/asynclint/asyncir"

// reachingType types a load of a local name from the stores that reach
// it, when the name is bound more than once in its function: a parameter
// rebound (`path = Path(path)`) or a name assigned twice. The scope-wide
// rule (lookupName) must give up there, since the bindings disagree;
// the load itself is often reached by one of them only. It reports false
// when the load is not such a case, or a path from the function's entry
// reaches it without a store (the parameter's value, or no value).
func (l *linker) reachingType(v *asyncir.Value, s *sym) (asyncir.Type, bool) {
	op, fi := v.Def, s.scope
	if op == nil || op.Kind != asyncir.OpLoad || op.Global || op.Var != s.name || len(op.Defs()) == 0 ||
		fi == nil || fi.isModule || fi.isClass || fi.declared[s.name] {
		return unknownType, false
	}
	isParam := fi.isParam(s.name)
	stores := len(fi.stores.get(s.name))
	if stores == 0 || stores == 1 && !isParam {
		return unknownType, false // one binding: lookupName is exact
	}
	name := s.name
	storesName := func(o *asyncir.Op) bool { return o.Kind == asyncir.OpStore && o.Var == name && !o.Global }
	if asyncir.ReachedFromEntry(op, storesName) {
		return unknownType, false
	}
	vals := make([]*asyncir.Value, len(op.Defs()))
	for i, d := range op.Defs() {
		vals[i] = d.Operand // nil for a store of no one value (x += 1): unknown
	}
	return l.agree(vals), true
}
