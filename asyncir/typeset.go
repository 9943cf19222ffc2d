package asyncir

// TypeSet shares one copy of each type among the values it types: a
// module's values have a few distinct types between them. The zero
// TypeSet is empty and ready to use.
type TypeSet struct {
	all map[Type]*Type
	// byFunc holds the types that name one function and nothing else
	// but their kind (the function object itself, the coroutine its call
	// makes): a generated module has one of each for every function, most
	// of its distinct types, and their key is a third of a Type's size,
	// which the map's slots and its growth copy over and over.
	byFunc map[funcType]*Type
}

// funcType is what a type naming one function is made of.
type funcType struct {
	fn       *Func
	external string
	kind     TypeKind
	await    AwaitKind
	origin   bool // fn is the type's Origin, not its Func
}

// funcTypeOf is t as a funcType, when it names one function and nothing
// else but its kind.
func funcTypeOf(t Type) (funcType, bool) {
	k := funcType{external: t.External, kind: t.Kind, await: t.Await}
	switch {
	case t.Func != nil && t.Origin == nil:
		k.fn = t.Func
	case t.Origin != nil && t.Func == nil:
		k.fn, k.origin = t.Origin, true
	default:
		return k, false
	}
	return k, t.Class == nil && t.OriginName == "" && t.Elem == nil && t.Result == nil && t.Arg == nil
}

// SetType records what is known of v, as v.SetType does.
func (s *TypeSet) SetType(v *Value, t Type) { v.typ = s.Share(t) }

// Share is the set's copy of t, nil for the zero Type; the copy is
// shared, never written.
func (s *TypeSet) Share(t Type) *Type {
	if t == (Type{}) {
		return nil
	}
	if k, ok := funcTypeOf(t); ok {
		return shared(&s.byFunc, k, t)
	}
	return shared(&s.all, t, t)
}

// shared is *m's copy of t under key k, made on first use (with *m).
func shared[K comparable](m *map[K]*Type, k K, t Type) *Type {
	if p := (*m)[k]; p != nil {
		return p
	}
	if *m == nil {
		*m = map[K]*Type{}
	}
	p := copyType(t)
	(*m)[k] = p
	return p
}

// copyType is a copy of t of its own. A copy made only here: taking t's
// address would move every caller's t to the heap, an allocation per
// call.
func copyType(t Type) *Type {
	p := new(Type)
	*p = t
	return p
}
