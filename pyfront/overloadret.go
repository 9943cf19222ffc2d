package pyfront

// An implementation under typing.overload stubs often leaves its return
// unannotated: the stubs say what each call returns. Such an
// implementation returns what the stubs together say, a union of their
// annotations (one class, or their nearest common base: unionBase).

// noteOverload keeps the return annotation of an overload stub, and gives
// the implementation that follows the stubs' annotations when it has
// none of its own.
func (mi *moduleInfo) noteOverload(qual string, stub bool, fi *funcInfo) {
	if stub {
		if mi.overloadRets == nil {
			mi.overloadRets = map[string][]*annotation{}
		}
		mi.overloadRets[qual] = append(mi.overloadRets[qual], fi.retAnnot)
		return
	}
	stubs, ok := mi.overloadRets[qual]
	if !ok {
		return
	}
	delete(mi.overloadRets, qual)
	if fi.retAnnot == nil {
		fi.retAnnot = unionOfAnnotations(stubs)
	}
}

// unionOfAnnotations is an annotation that names every name of as; what
// they call, yield or take as type argument is kept only when all say it.
// Nil when one of them is missing.
func unionOfAnnotations(as []*annotation) *annotation {
	if len(as) == 0 || as[0] == nil {
		return nil
	}
	out := &annotation{scope: as[0].scope}
	var results, elems, args []*annotation
	for _, a := range as {
		if a == nil || a.scope != out.scope {
			return nil
		}
		out.names = append(out.names, a.names...)
		results, elems, args = append(results, a.result), append(elems, a.elem), append(args, a.arg)
	}
	out.result, out.elem, out.arg = unionOfAnnotations(results), unionOfAnnotations(elems), unionOfAnnotations(args)
	return out
}
