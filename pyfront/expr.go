package pyfront

import (
	"strings"

	"github.com/asynclint/asynclint/asyncir"
)

// expr lowers an expression and returns its value (nil for nodes that
// produce nothing worth tracking).
func (b *fnBuilder) expr(n int32) *asyncir.Value {
	if n < 0 {
		return nil
	}
	t := b.lw.t
	if b.lw.lits != nil {
		if lit := b.lw.lits[int(t.nodes[n].start)]; lit != nil && (t.kind(n) == kDictionary || t.kind(n) == kList || t.kind(n) == kTuple) {
			return b.constExpr(lit) // a data table, read instead of parsed
		}
	}
	switch t.kind(n) {
	case kIdentifier:
		s := b.nameSym(n)
		op := b.emit(asyncir.Op{Kind: asyncir.OpLoad, Range: b.lw.rng(n), Var: s.name})
		return b.value(op, s)
	case kNone:
		op := b.emit(asyncir.Op{Kind: asyncir.OpRef, Range: b.lw.rng(n)})
		return b.value(op, noneSym)
	case kAttribute:
		obj := b.expr(t.field(n, fObject))
		attr := t.text(t.field(n, fAttribute))
		op := b.emit(asyncir.Op{Kind: asyncir.OpAttr, Range: b.lw.rng(n), Recv: obj, Attr: attr})
		b.use(obj, asyncir.UseRecv, op)
		return b.value(op, b.sym(sym{kind: symAttr, name: attr, base: obj}))
	case kCall:
		return b.call(n)
	case kAwait:
		cs := t.namedChildren(n)
		if len(cs) == 0 {
			return nil
		}
		v := b.expr(cs[0])
		op := b.emit(asyncir.Op{Kind: asyncir.OpAwait, Range: b.lw.rng(n), Operand: v})
		b.use(v, asyncir.UseAwait, op)
		return b.value(op, b.sym(sym{kind: symAwait, base: v}))
	case kParenthesized:
		cs := t.namedChildren(n)
		if len(cs) == 1 {
			return b.expr(cs[0])
		}
		return b.container(n, cs)
	case kList, kTuple, kSet, kExpressionList:
		return b.container(n, t.namedChildren(n))
	case kDictionary:
		op := b.emit(asyncir.Op{Kind: asyncir.OpRef, Range: b.lw.rng(n)})
		res := b.value(op, nil)
		for _, c := range t.namedChildren(n) {
			if t.kind(c) == kPair {
				// Iterating a dict yields its keys: they are its Elems
				// ({fetch(u): u for u in urls} passed to asyncio.wait).
				key := b.expr(t.field(c, fFieldKey()))
				b.use(key, asyncir.UseOther, nil)
				if key != nil {
					res.AddElem(key)
				}
				if v := t.field(c, fValue); !b.skipDictValue(v) {
					b.use(b.expr(v), asyncir.UseStore, op)
				}
			} else {
				b.use(b.expr(c), asyncir.UseStore, op)
			}
		}
		return res
	case kListComp, kSetComp, kGenExpr, kDictComp:
		return b.comprehension(n)
	case kConditional:
		cs := t.namedChildren(n)
		var vals []*asyncir.Value
		for i, c := range cs {
			v := b.expr(c)
			if i == 1 {
				b.use(v, asyncir.UseOther, nil)
				continue
			}
			vals = append(vals, v)
		}
		op := b.emit(asyncir.Op{Kind: asyncir.OpRef, Range: b.lw.rng(n)})
		res := b.value(op, nil)
		for _, v := range vals {
			b.use(v, asyncir.UseStore, op)
		}
		res.SetElems(nil)
		return res
	case kComparison:
		return b.compare(n)
	case kBooleanOp, kBinaryOp, kUnaryOp, kNotOp, kConcatString:
		var operands []*asyncir.Value
		for _, c := range t.namedChildren(n) {
			v := b.expr(c)
			b.use(v, asyncir.UseOther, nil)
			if v != nil && t.kind(n) == kBinaryOp {
				operands = append(operands, v)
			}
		}
		// A binary operator keeps its operands (set operations on
		// awaitables: "done & {task}").
		op := b.emit(asyncir.Op{Kind: asyncir.OpRef, Range: b.lw.rng(n), Args: operands})
		return b.value(op, nil)
	case kString:
		for _, c := range t.namedChildren(n) {
			if t.kind(c) == kInterpolation {
				b.use(b.expr(t.field(c, fExpression)), asyncir.UseOther, nil)
			}
		}
		return nil
	case kNamedExpr:
		v := b.expr(t.field(n, fValue))
		if v != nil {
			b.bindValue(t.field(n, fName), v)
		} else {
			b.storeUntracked(t.field(n, fName))
		}
		return v
	case kSubscript:
		v := b.expr(t.field(n, fValue))
		var index []*asyncir.Value
		for c := t.nodes[n].first; c >= 0; c = t.nodes[c].next {
			if t.nodes[c].field == fSubscript {
				x := b.expr(c)
				b.use(x, asyncir.UseOther, nil)
				if x != nil {
					index = append(index, x)
				}
			}
		}
		// A subscript is an OpAttr with no Attr; Args are the indexes.
		op := b.emit(asyncir.Op{Kind: asyncir.OpAttr, Range: b.lw.rng(n), Recv: v, Args: index})
		b.use(v, asyncir.UseRecv, op)
		return b.value(op, b.sym(sym{kind: symElem, base: v}))
	case kYield:
		var v *asyncir.Value
		if cs := t.namedChildren(n); len(cs) > 0 {
			v = b.expr(cs[0])
		}
		op := b.emit(asyncir.Op{Kind: asyncir.OpYield, Range: b.lw.rng(n), Operand: v, Async: t.hasChild(n, kFrom)})
		b.use(v, asyncir.UseYield, op)
		return b.value(op, nil)
	case kLambda:
		return b.lambda(n)
	case kListSplat, kDictSplat:
		cs := t.namedChildren(n)
		if len(cs) == 1 {
			return b.expr(cs[0])
		}
		return nil
	case kKeywordArgument:
		return b.expr(t.field(n, fValue))
	case kError:
		for _, c := range t.namedChildren(n) {
			b.use(b.expr(c), asyncir.UseOther, nil)
		}
		return nil
	}
	// Literals and anything else: lower children for their calls.
	for _, c := range t.namedChildren(n) {
		b.use(b.expr(c), asyncir.UseOther, nil)
	}
	return nil
}

// fFieldKey is the "key" field, which only pairs use.
func fFieldKey() fieldID { return fOther }

func (b *fnBuilder) container(n int32, elems []int32) *asyncir.Value {
	var vals []*asyncir.Value
	for _, c := range elems {
		vals = append(vals, b.expr(c))
	}
	op := b.emit(asyncir.Op{Kind: asyncir.OpRef, Range: b.lw.rng(n)})
	res := b.value(op, nil)
	res.SetElems(vals)
	for _, v := range vals {
		b.use(v, asyncir.UseStore, op)
	}
	return res
}

func (b *fnBuilder) compare(n int32) *asyncir.Value {
	t := b.lw.t
	var operands []*asyncir.Value
	cmp := ""
	for c := t.nodes[n].first; c >= 0; c = t.nodes[c].next {
		switch t.kind(c) {
		case kIn, kNotIn, kIs, kIsNot, kEqEq, kNotEq:
			if cmp == "" {
				cmp = t.text(c)
			}
		default:
			if t.nodes[c].named {
				operands = append(operands, b.expr(c))
			}
		}
	}
	op := b.emit(asyncir.Op{Kind: asyncir.OpCompare, Range: b.lw.rng(n), Args: operands})
	op.SetCompare(strings.Join(strings.Fields(cmp), " "))
	for _, v := range operands {
		b.use(v, asyncir.UseCompare, op)
	}
	return b.value(op, nil)
}

// call lowers f(args): a method call keeps its receiver.
func (b *fnBuilder) call(n int32) *asyncir.Value {
	t := b.lw.t
	fn := t.field(n, fFunction)
	op := b.lw.mi.ops.new()
	*op = asyncir.Op{Kind: asyncir.OpCall, Range: b.lw.rng(n)}
	var callee *asyncir.Value
	if fn >= 0 && t.kind(fn) == kAttribute {
		recv := b.expr(t.field(fn, fObject))
		op.Recv = recv
		op.Method = t.text(t.field(fn, fAttribute))
	} else if fn >= 0 && t.kind(fn) == kIdentifier && t.text(fn) == "super" && len(t.namedChildren(t.field(n, fArguments))) == 0 {
		// super() resolves to the enclosing class's bases.
		op.Kind = asyncir.OpRef
		b.emitMade(op)
		return b.value(op, b.sym(sym{kind: symSuper, cls: b.enclosingClass()}))
	} else {
		callee = b.expr(fn)
	}
	if args := t.field(n, fArguments); args >= 0 {
		if t.kind(args) == kGenExpr {
			op.Args = append(op.Args, b.expr(args))
		} else {
			var items []int32
			for _, a := range t.namedChildren(args) {
				if t.kind(a) != kComment {
					items = append(items, a)
				}
			}
			for i, a := range items {
				switch t.kind(a) {
				case kKeywordArgument:
					op.AddKeyword(asyncir.Keyword{Name: t.text(t.field(a, fName)), Value: b.arg(t.field(a, fValue)), Range: b.lw.rng(a),
						Delete: b.lw.argDeletion(args, items, i)})
				case kListSplat, kDictSplat:
					op.Star = true
					op.Args = append(op.Args, b.expr(a))
				default:
					op.Args = append(op.Args, b.arg(a))
				}
			}
		}
	}
	b.emitMade(op)
	if op.Recv != nil {
		b.addUse(op.Recv, asyncir.UseRecv, op)
	}
	if callee != nil {
		b.addUse(callee, asyncir.UseRecv, op)
	}
	for _, a := range op.Args {
		b.use(a, asyncir.UseArg, op)
	}
	for _, k := range op.Keywords() {
		b.use(k.Value, asyncir.UseArg, op)
	}
	var s *sym
	if op.Recv != nil {
		s = b.sym(sym{kind: symCall, base: op.Recv, name: op.Method})
	} else {
		s = b.sym(sym{kind: symCall, base: callee})
	}
	b.lw.mi.calls = append(b.lw.mi.calls, op)
	res := b.value(op, s)
	return res
}

// argDeletion is the span that removes argument i of an argument list
// together with its separating comma: up to the next argument, or from
// the previous one, or (for a lone argument) up to the closing
// parenthesis, which also takes a trailing comma.
func (lw *lowerer) argDeletion(args int32, items []int32, i int) asyncir.Range {
	r := lw.rng(items[i])
	switch {
	case i+1 < len(items):
		r.End = lw.rng(items[i+1]).Start
	case i > 0:
		r.Start = lw.rng(items[i-1]).End
	default:
		end := lw.rng(args).End
		if end.Offset > r.End.Offset && lw.t.src[end.Offset-1] == ')' {
			end.Offset--
			end.Col--
			r.End = end
		}
	}
	return r
}

// arg lowers a call argument; a literal (None, True/False, a number, a
// plain string) gets a value carrying its text, so models can tell
// queue.get(False) from queue.get(x), and a call's known arguments decide
// the guards of its callee.
func (b *fnBuilder) arg(n int32) *asyncir.Value {
	if lit := literalText(b.lw.t, n); lit != "" {
		var s *sym
		if lit == "None" {
			s = noneSym
		}
		op := b.emit(asyncir.Op{Kind: asyncir.OpRef, Range: b.lw.rng(n)})
		v := b.value(op, s)
		v.SetConst(lit)
		return v
	}
	return b.expr(n)
}

// enclosingClass is the class of the method being lowered, if any.
func (b *fnBuilder) enclosingClass() *asyncir.Class {
	for f := b.f; f != nil; f = f.Parent {
		if f.Class != nil {
			return f.Class
		}
	}
	return nil
}

// comprehension lowers the clauses in order and the element once; its
// result holds the element as its Elems, so "[f(x) for x in xs]" is a
// container of f's results.
func (b *fnBuilder) comprehension(n int32) *asyncir.Value {
	t := b.lw.t
	var body []int32
	for c := t.nodes[n].first; c >= 0; c = t.nodes[c].next {
		switch t.kind(c) {
		case kForInClause:
			iter := b.expr(t.field(c, fRight))
			fop := b.emit(asyncir.Op{Kind: asyncir.OpFor, Range: b.lw.rng(c), Operand: iter, Async: t.hasChild(c, kAsync)})
			b.use(iter, asyncir.UseFor, fop)
			b.bindTarget(t.field(c, fLeft), b.sym(sym{kind: symElem, base: iter}), fop)
		case kIfClause:
			for _, x := range t.namedChildren(c) {
				b.use(b.expr(x), asyncir.UseOther, nil)
			}
		default:
			if t.nodes[c].field == fBody {
				body = append(body, c)
			}
		}
	}
	op := b.emit(asyncir.Op{Kind: asyncir.OpRef, Range: b.lw.rng(n)})
	res := b.value(op, nil)
	for _, e := range body {
		if t.kind(e) == kPair {
			for i, x := range t.namedChildren(e) {
				v := b.expr(x)
				b.use(v, asyncir.UseStore, op)
				if i == 0 && v != nil {
					res.AddElem(v) // the keys, as for displays
				}
			}
			continue
		}
		v := b.expr(e)
		b.use(v, asyncir.UseStore, op)
		res.AddElem(v)
	}
	return res
}

// lambda lowers "lambda: body" as a nested function returning body.
func (b *fnBuilder) lambda(n int32) *asyncir.Value {
	t := b.lw.t
	fb, _ := b.lw.newFunc("<lambda>", b.f.QualName+".<lambda>", asyncir.Sync, b.scopeForNested(), n)
	b.nestedIn(fb)
	b.lowerParams(fb, t.field(n, fParameters))
	if body := t.field(n, fBody); body >= 0 {
		v := fb.expr(body)
		op := fb.emit(asyncir.Op{Kind: asyncir.OpReturn, Range: b.lw.rng(body), Operand: v})
		fb.use(v, asyncir.UseReturn, op)
		if v != nil {
			fb.fi.returns = append(fb.fi.returns, v)
		}
		fb.cur.Exit = true
	}
	f := fb.f
	fb.finishNested()
	op := b.emit(asyncir.Op{Kind: asyncir.OpRef, Range: b.lw.rng(n), Callee: f})
	return b.value(op, b.sym(sym{kind: symFunc, fn: f}))
}

// scopeForNested is the scope a nested function sees: class bodies are
// skipped.
func (b *fnBuilder) scopeForNested() *funcInfo {
	if b.fi.isClass {
		return b.fi.parent
	}
	return b.fi
}

// annotation reads an annotation expression in the current scope.
func (b *fnBuilder) annotation(n int32) *annotation { return b.annotationIn(n, b.fi) }

// annotationIn reduces an annotation to the dotted names it may denote.
func (b *fnBuilder) annotationIn(n int32, scope *funcInfo) *annotation {
	a := &annotation{scope: scope}
	t := b.lw.t
	var walk func(int32)
	walk = func(x int32) {
		if x < 0 {
			return
		}
		switch t.kind(x) {
		case kIdentifier, kAttribute, kDottedName:
			name := compactDots(t.text(x))
			if name != "None" {
				a.names = append(a.names, name)
			}
		case kString:
			s := strings.Trim(t.text(x), `"'`)
			for _, part := range strings.Split(s, "|") {
				part = strings.TrimSpace(part)
				if part != "None" && part != "" {
					a.names = append(a.names, strings.TrimPrefix(strings.TrimSuffix(part, "]"), "Optional["))
				}
			}
		case kGenericType, kSubscript:
			cs := t.namedChildren(x)
			if len(cs) > 0 {
				head := compactDots(t.text(cs[0]))
				if strings.HasSuffix(head, "Optional") || strings.HasSuffix(head, "Union") {
					for _, c := range cs[1:] {
						walk(c)
					}
					return
				}
				if resultGenerics[lastDot(head)] && len(cs) > 1 && a.result == nil {
					if r := lastTypeArg(t, cs[len(cs)-1]); r >= 0 {
						a.result = b.annotationIn(r, scope)
					}
				}
				if elemGenerics[lastDot(head)] && len(cs) > 1 && a.elem == nil {
					if e := firstTypeArg(t, cs[1]); e >= 0 {
						a.elem = b.annotationIn(e, scope)
					}
				}
				if !resultGenerics[lastDot(head)] && !elemGenerics[lastDot(head)] && a.arg == nil && len(a.names) == 0 {
					if g := singleTypeArg(t, cs); g >= 0 {
						a.arg = b.annotationIn(g, scope)
					}
				}
				walk(cs[0])
			}
		case kBinaryOp:
			for _, c := range t.namedChildren(x) {
				walk(c)
			}
		case kNone:
		default:
			for _, c := range t.namedChildren(x) {
				walk(c)
			}
		}
	}
	walk(n)
	return a
}

// resultGenerics are the generic types whose last argument is what the
// value finally gives: Callable[..., R] called, Generator[Y, S, R] and
// Coroutine[Y, S, R] returned from, Awaitable[R] awaited.
var resultGenerics = map[string]bool{"Callable": true, "Generator": true, "Coroutine": true, "Awaitable": true}

func lastDot(s string) string { return s[strings.LastIndexByte(s, '.')+1:] }

// elemGenerics are the generic types whose first argument is what they
// yield.
var elemGenerics = map[string]bool{"AsyncIterator": true, "AsyncGenerator": true, "AsyncIterable": true,
	"Iterator": true, "Generator": true, "Iterable": true}

// singleTypeArg is the type argument of a subscripted type with exactly
// one (cs: the subscript's children, its head first), or -1.
func singleTypeArg(t *tree, cs []int32) int32 {
	if len(cs) != 2 {
		return -1
	}
	x := cs[1]
	switch t.kind(x) {
	case kTuple, kExpressionList:
		return -1
	case kIdentifier, kAttribute, kDottedName, kString, kGenericType, kSubscript, kType:
	default:
		// The type_parameter list newer grammars wrap arguments in.
		if args := t.namedChildren(x); len(args) != 1 {
			return -1
		}
	}
	return firstTypeArg(t, x)
}

// firstTypeArg is the first type argument of a subscripted type, x being
// its first argument node or the type_parameter list holding them.
func firstTypeArg(t *tree, x int32) int32 { return typeArg(t, x, false) }

// lastTypeArg is the last type argument of a subscripted type: the
// subscript itself, or the last child of the type_parameter list that
// newer grammars wrap the arguments in.
func lastTypeArg(t *tree, x int32) int32 { return typeArg(t, x, true) }

// typeArg descends from x through wrapper nodes (type, type_parameter)
// to a type expression, by the first or the last child.
func typeArg(t *tree, x int32, last bool) int32 {
	for x >= 0 {
		switch t.kind(x) {
		case kIdentifier, kAttribute, kDottedName, kString, kGenericType, kSubscript, kNone, kBinaryOp:
			return x
		}
		cs := t.namedChildren(x)
		if len(cs) == 0 {
			return -1
		}
		if last {
			x = cs[len(cs)-1]
		} else {
			x = cs[0]
		}
	}
	return -1
}
