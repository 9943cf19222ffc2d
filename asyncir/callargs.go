package asyncir

// CallBinding is what the call op knows about the parameters of its
// callee f that want accepts: literal arguments, arguments known not to
// be None, the literal defaults of parameters the call omits, and — when
// outer binds the caller's own parameters — arguments that pass one of
// those on. Nil when the call's arguments cannot be matched to f's
// parameters (*args or **kwargs at the call, a decorator that may change
// the signature, a method called through a plain name).
func CallBinding(op *Op, f *Func, outer Binding, want func(string) bool) Binding {
	params, args, ok := matchArgs(op, f)
	if !ok {
		return nil
	}
	var b Binding
	for i, p := range params {
		if !want(p.Name) {
			continue
		}
		fact, ok := ArgFact{Const: p.Default}, p.Default != ""
		if args[i] != nil {
			fact, ok = argFact(args[i], outer)
		}
		if ok {
			if b == nil {
				b = Binding{}
			}
			b[p.Name] = fact
		}
	}
	return b
}

// PassedOn maps the parameters of the call op's callee f to the names,
// under alias, of the caller's parameters that the call passes to them
// unchanged: how a condition on f's parameters reads in terms of what
// the caller was given.
func PassedOn(op *Op, f *Func, alias map[string]string) map[string]string {
	params, args, ok := matchArgs(op, f)
	if !ok {
		return nil
	}
	out := map[string]string{}
	for i, p := range params {
		if d := valueDef(args[i]); d != nil && d.Kind == OpLoad && !d.Global && len(d.Defs()) == 0 && alias[d.Var] != "" {
			out[p.Name] = alias[d.Var]
		}
	}
	return out
}

func valueDef(v *Value) *Op {
	if v == nil {
		return nil
	}
	return v.Def
}

// matchArgs lines the arguments of the call op up with the parameters
// of its callee f that take one argument each (positional and keyword
// ones): args[i] is what the call passes for params[i], nil when it
// omits it.
func matchArgs(op *Op, f *Func) (params []*Param, args []*Value, ok bool) {
	if op.Star {
		return nil, nil, false
	}
	for _, d := range f.Decorators {
		if !KeepsSignature(d) {
			return nil, nil, false
		}
	}
	skip, ok := implicitParams(op, f)
	if !ok || skip > len(f.Params) {
		return nil, nil, false
	}
	params = f.Params[skip:]
	args = make([]*Value, len(params))
	for i, a := range op.Args {
		if i >= len(params) || params[i].Kind != ParamPositional {
			break
		}
		args[i] = a
	}
	for _, k := range op.Keywords() {
		for i, p := range params {
			if p.Name == k.Name && (p.Kind == ParamPositional || p.Kind == ParamKeywordOnly) {
				args[i] = k.Value
			}
		}
	}
	return params, args, true
}

// implicitParams is how many leading parameters of f the call fills
// itself: self of a method called on an instance or a constructor, cls of
// a classmethod; false when it cannot tell.
func implicitParams(op *Op, f *Func) (int, bool) {
	switch {
	case f.Static || f.Class == nil:
		return 0, true
	case f.ClassMeth || op.Class() != nil:
		return 1, true
	case op.Recv == nil:
		return 0, false
	case op.Recv.Type().Kind == ClassObj:
		// Base.method(self, …): self is passed explicitly.
		return 0, true
	}
	return 1, true
}

// argFact is what a call site knows about an argument value.
func argFact(v *Value, outer Binding) (ArgFact, bool) {
	if v == nil {
		return ArgFact{}, false
	}
	if v.Const() != "" {
		return ArgFact{Const: v.Const()}, true
	}
	// A parameter no assignment reaches still holds the argument.
	if d := v.Def; outer != nil && d != nil && d.Kind == OpLoad && !d.Global && len(d.Defs()) == 0 {
		if p := paramNamed(d.Func(), d.Var); p != nil {
			fact, ok := outer[p.Name]
			return fact, ok
		}
	}
	if notNone(v, 3) {
		return ArgFact{NotNone: true}, true
	}
	return ArgFact{}, false
}

// notNone reports whether v is certainly not None: a new instance of a
// class, a function, or a local every reaching assignment of which is one.
func notNone(v *Value, depth int) bool {
	d := v.Def
	if d == nil || depth == 0 {
		return false
	}
	switch d.Kind {
	case OpCall:
		// A project class, or an external one: calling a class gives an
		// instance of that very class (a factory function's result is
		// typed by its name, not the callee's).
		return d.Class() != nil ||
			d.External != "" && v.Type().Kind == Instance && v.Type().External == d.External
	case OpRef:
		return d.Callee != nil || v.Const() != "" && v.Const() != "None"
	case OpLoad:
		if d.Global || len(d.Defs()) == 0 {
			return false
		}
		for _, s := range d.Defs() {
			if s.Operand == nil || !notNone(s.Operand, depth-1) {
				return false
			}
		}
		return true
	}
	return false
}

// paramNamed is f's parameter called name, or nil.
func paramNamed(f *Func, name string) *Param {
	for _, p := range f.Params {
		if p.Name == name {
			return p
		}
	}
	return nil
}
