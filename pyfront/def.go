package pyfront

import (
	"github.com/asynclint/asynclint/asyncir"
)

// lowerDef lowers a def statement: decorators and defaults in the current
// scope, the body as a new Func, and a binding of its name.
func (b *fnBuilder) lowerDef(n int32, decos []int32) *asyncir.Func {
	t := b.lw.t
	nameNode := t.field(n, fName)
	if nameNode < 0 {
		return nil
	}
	name := t.text(nameNode)
	var decoVals []*asyncir.Value
	for _, d := range decos {
		if cs := t.namedChildren(d); len(cs) > 0 {
			v := b.expr(cs[0])
			b.use(v, asyncir.UseArg, nil)
			decoVals = append(decoVals, v)
		}
	}
	kind := asyncir.Sync
	async := t.hasChild(n, kAsync)
	hasYield := containsYield(t, t.field(n, fBody))
	switch {
	case async && hasYield:
		kind = asyncir.AsyncGenerator
	case async:
		kind = asyncir.CoroutineFunc
	case hasYield:
		kind = asyncir.Generator
	}
	qual := name
	scope := b.fi
	if b.cls != nil {
		qual = b.cls.cls.QualName + "." + name
		scope = b.fi.parent // methods do not see the class scope
	} else if !b.fi.isModule {
		qual = b.f.QualName + ".<locals>." + name
	}
	fb, fi := b.lw.newFunc(name, qual, kind, scope, n)
	b.nestedIn(fb)
	fi.decorators = decoVals
	f := fb.f
	f.NameRange = b.lw.rng(nameNode)
	if body := t.field(n, fBody); body >= 0 {
		f.BodyStart = b.lw.rng(body).Start
	}
	if b.cls != nil {
		f.Class = b.cls.cls
		if prev := f.Class.Methods[name]; prev == nil || !isOverloadStub(b, decoVals) {
			f.Class.Methods[name] = f
		}
	}
	b.lowerParams(fb, t.field(n, fParameters))
	if rt := t.field(n, fReturnType); rt >= 0 {
		fi.retAnnot = b.annotationIn(rt, b.fi)
	}
	b.lw.mi.noteOverload(qual, isOverloadStub(b, decoVals), fi)
	if b.cls != nil {
		b.markSelf(fb, decos)
	}
	if !(b.lw.mi.library && async && !isDunder(name) && !yieldsUnannotated(kind, decoVals, fi.retAnnot) && !returnsSelfOnly(t, t.field(n, fBody), f)) {
		// A library's coroutine function is known by its kind and its
		// annotations; its body is never reported on. An async dunder's
		// "return self" says what "async with" binds.
		fb.lowerBlock(t.field(n, fBody))
	}
	fb.finishNested()

	// Bind the name in the defining scope.
	op := b.emit(asyncir.Op{Kind: asyncir.OpRef, Range: f.NameRange, Callee: f})
	v := b.value(op, b.sym(sym{kind: symFunc, fn: f}))
	switch {
	case b.cls != nil:
		b.cls.attrs[name] = append(b.cls.attrs[name], v)
	case b.fi.isModule:
		g := b.lw.mi.global(name)
		if g.fn != nil && !isOverloadStub(b, decoVals) && !g.fnOverload {
			// Defined twice (if/else on a version, a fallback): which one
			// runs is not known statically.
			g.conflict = true
		}
		g.fn = f
		g.fnOverload = isOverloadStub(b, decoVals)
	default:
		st := b.emit(asyncir.Op{Kind: asyncir.OpStore, Range: f.NameRange, Var: name, Operand: v})
		b.addUse(v, asyncir.UseStore, st)
		b.fi.stores.add(name, v)
		if b.fi.nested == nil {
			b.fi.nested = map[string]*asyncir.Func{}
		}
		b.fi.nested[name] = f
	}
	return f
}

// yieldsUnannotated reports whether a decorated async generator's
// annotation leaves what it yields unsaid: under @asynccontextmanager
// its yields say what "async with" binds (aioftp's Client.context
// yields the client it made), so a library's body is lowered for them.
func yieldsUnannotated(kind asyncir.FuncKind, decos []*asyncir.Value, ret *annotation) bool {
	return kind == asyncir.AsyncGenerator && len(decos) > 0 && (ret == nil || ret.elem == nil)
}

// returnsSelfOnly reports whether a body is the lone statement "return
// self" (the placeholder a library method that returns its receiver
// keeps): lowering it costs nothing and says what the method returns.
func returnsSelfOnly(t *tree, body int32, f *asyncir.Func) bool {
	if body < 0 || len(f.Params) == 0 {
		return false
	}
	cs := t.namedChildren(body)
	if len(cs) != 1 || t.kind(cs[0]) != kReturn {
		return false
	}
	rs := t.namedChildren(cs[0])
	return len(rs) == 1 && t.kind(rs[0]) == kIdentifier && t.text(rs[0]) == f.Params[0].Name
}

// isOverloadStub keeps the implementation, not a typing.overload stub, as
// the class's method.
func isOverloadStub(b *fnBuilder, decos []*asyncir.Value) bool {
	for _, d := range decos {
		if s := b.lw.mi.symOf(d); s != nil && (s.name == "overload" || s.kind == symAttr && s.name == "overload") {
			return true
		}
	}
	return false
}

// markSelf gives the first parameter of a method the type self (or cls
// for classmethods; nothing for staticmethods).
func (b *fnBuilder) markSelf(fb *fnBuilder, decos []int32) {
	t := b.lw.t
	f := fb.f
	kind := symSelf
	for _, d := range decos {
		switch t.text(d) {
		case "@staticmethod":
			f.Static = true
			return
		case "@classmethod":
			f.ClassMeth = true
			kind = symClsObj
		case "@property", "@functools.cached_property", "@cached_property":
			f.Property = true
		}
	}
	if f.Name == "__new__" || f.Name == "__init_subclass__" || f.Name == "__class_getitem__" {
		kind = symClsObj
	}
	if len(f.Params) > 0 {
		if ps := fb.fi.paramSym[f.Params[0].Name]; ps != nil && ps.kind == symAnnot {
			fb.fi.selfAnnot = ps.annot
		}
		setEntry(&fb.fi.paramSym, f.Params[0].Name, b.sym(sym{kind: kind, cls: b.cls.cls}))
	}
}

// lowerParams records parameters with their annotations, kinds and
// literal defaults; defaults are evaluated in the defining scope.
func (b *fnBuilder) lowerParams(fb *fnBuilder, n int32) {
	if n < 0 {
		return
	}
	t := b.lw.t
	kind := asyncir.ParamPositional
	add := func(nameNode, typeNode int32, k asyncir.ParamKind) *asyncir.Param {
		if nameNode < 0 {
			return nil
		}
		p := &asyncir.Param{Name: t.text(nameNode), Range: b.lw.rng(nameNode), Kind: k}
		fb.f.Params = append(fb.f.Params, p)
		if typeNode >= 0 {
			setEntry(&fb.fi.paramSym, p.Name, b.sym(sym{kind: symAnnot, annot: b.annotationIn(typeNode, b.fi)}))
		}
		return p
	}
	// splat adds *args or **kwargs; after *args come keyword-only ones.
	splat := func(pattern, typeNode int32) {
		cs := t.namedChildren(pattern)
		if len(cs) == 0 {
			return
		}
		if t.kind(pattern) == kDictSplatPattern {
			add(cs[0], typeNode, asyncir.ParamVarKeywords)
			return
		}
		add(cs[0], typeNode, asyncir.ParamVarArgs)
		kind = asyncir.ParamKeywordOnly
	}
	for _, c := range t.namedChildren(n) {
		switch t.kind(c) {
		case kIdentifier:
			add(c, -1, kind)
		case kTypedParameter:
			cs := t.namedChildren(c)
			if len(cs) > 0 && t.kind(cs[0]) == kIdentifier {
				add(cs[0], t.field(c, fType), kind)
			} else if len(cs) > 0 {
				// *args: T / **kw: T
				splat(cs[0], -1)
			}
		case kDefaultParameter, kTypedDefaultParameter:
			value := t.field(c, fValue)
			b.use(b.expr(value), asyncir.UseStore, nil)
			if p := add(t.field(c, fName), t.field(c, fType), kind); p != nil {
				p.Default = literalText(t, value)
			}
		case kListSplatPattern, kDictSplatPattern:
			splat(c, -1)
		case kKeywordSeparator:
			kind = asyncir.ParamKeywordOnly
		}
	}
}

// containsYield reports whether a function body yields (not counting
// nested functions, lambdas and classes).
func containsYield(t *tree, n int32) bool {
	if n < 0 {
		return false
	}
	for c := t.nodes[n].first; c >= 0; c = t.nodes[c].next {
		switch t.kind(c) {
		case kYield:
			return true
		case kFunctionDef, kLambda, kClassDef, kDecoratedDef:
			continue
		}
		if t.nodes[c].first >= 0 && containsYield(t, c) {
			return true
		}
	}
	return false
}

// lowerClass lowers a class statement: bases in the current scope, the
// body as a pseudo-function whose assignments become class attributes.
func (b *fnBuilder) lowerClass(n int32, decos []int32) {
	t := b.lw.t
	nameNode := t.field(n, fName)
	if nameNode < 0 {
		return
	}
	name := t.text(nameNode)
	for _, d := range decos {
		if cs := t.namedChildren(d); len(cs) > 0 {
			b.use(b.expr(cs[0]), asyncir.UseArg, nil)
		}
	}
	qual := name
	if b.cls != nil {
		qual = b.cls.cls.QualName + "." + name
	} else if !b.fi.isModule {
		qual = b.f.QualName + ".<locals>." + name
	}
	cls := &asyncir.Class{Name: name, QualName: qual, Module: b.lw.mi.mod, Range: b.lw.rng(n), Methods: map[string]*asyncir.Func{}, Attrs: map[string]asyncir.Type{}}
	ci := &classInfo{cls: cls, attrs: map[string][]*asyncir.Value{}, annots: map[string]*annotation{}}
	if sup := t.field(n, fSuperclasses); sup >= 0 {
		for _, c := range t.namedChildren(sup) {
			if t.kind(c) == kKeywordArgument {
				b.use(b.expr(t.field(c, fValue)), asyncir.UseArg, nil)
				continue
			}
			v := b.expr(c)
			b.use(v, asyncir.UseArg, nil)
			ci.bases = append(ci.bases, v)
		}
	}
	b.lw.mi.mod.Classes = append(b.lw.mi.mod.Classes, cls)
	b.lw.mi.classes = append(b.lw.mi.classes, ci)
	if b.lw.mi.classOf == nil {
		b.lw.mi.classOf = map[*asyncir.Class]*classInfo{}
	}
	b.lw.mi.classOf[cls] = ci
	body, bfi := b.lw.newFunc("<class "+name+">", qual, asyncir.Sync, b.fi, n)
	b.nestedIn(body)
	bfi.isClass = true
	bfi.parent = b.fi
	ci.body = bfi
	body.cls = ci
	body.lowerBlock(t.field(n, fBody))
	body.finishNested()

	op := b.emit(asyncir.Op{Kind: asyncir.OpRef, Range: b.lw.rng(nameNode)})
	op.SetClass(cls)
	v := b.value(op, b.sym(sym{kind: symClass, cls: cls}))
	switch {
	case b.cls != nil:
		b.cls.attrs[name] = append(b.cls.attrs[name], v)
	case b.fi.isModule:
		b.lw.mi.global(name).cls = cls
	default:
		st := b.emit(asyncir.Op{Kind: asyncir.OpStore, Range: b.lw.rng(nameNode), Var: name, Operand: v})
		b.addUse(v, asyncir.UseStore, st)
		b.fi.stores.add(name, v)
	}
}
