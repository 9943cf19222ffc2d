package gofront

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"path/filepath"
	"slices"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// lowerer turns one SSA package into one asyncir.Module.
type lowerer struct {
	pass     *analysis.Pass
	pkg      *ssa.Package
	srcFuncs []*ssa.Function
	syntax   *syntax
	models   *asyncir.Models
	module   *asyncir.Module
	funcs    map[*ssa.Function]*asyncir.Func
	values   map[ssa.Value]*asyncir.Value
	selects  map[*ssa.Select]*asyncir.Op
	futures  map[*ssa.Function]futureFact
	alias    *aliases
	places   map[placeKey]ssa.Value // a sync primitive's place → its first value
	getters  map[*ssa.Function]getter
	nils     *nilChannels
	// rootCtx: functions whose context every caller makes a root.
	rootCtx map[*ssa.Function]bool
	// neverDone: the contexts nothing cancels.
	neverDone *neverDone
}

func newLowerer(pass *analysis.Pass, pkg *ssa.Package, funcs []*ssa.Function) *lowerer {
	models := asyncir.GoModels()
	return &lowerer{
		pass: pass, pkg: pkg, srcFuncs: funcs,
		syntax:  indexSyntax(pass.Files),
		models:  models,
		funcs:   map[*ssa.Function]*asyncir.Func{},
		values:  map[ssa.Value]*asyncir.Value{},
		selects: map[*ssa.Select]*asyncir.Op{},
		futures: map[*ssa.Function]futureFact{},
		alias:   findAliases(funcs),
		places:  map[placeKey]ssa.Value{},
		getters: map[*ssa.Function]getter{},
		nils:    findNilChannels(pkg, funcs),
		rootCtx: rootContextOnly(models, pkg, funcs),

		neverDone: findNeverDone(models, funcs),
	}
}

func (l *lowerer) lower() *asyncir.Module {
	m := &asyncir.Module{Name: l.pass.Pkg.Path(), Lang: asyncir.Go, Lowered: true, HasAsync: true}
	if len(l.pass.Files) > 0 {
		m.Path = filepath.Dir(l.pass.Fset.File(l.pass.Files[0].FileStart).Name())
	}
	m.Suppressions = suppressions(l.pass)
	for _, file := range l.pass.Files {
		if ast.IsGenerated(file) {
			if m.Generated == nil {
				m.Generated = map[string]bool{}
			}
			m.Generated[l.pass.Fset.File(file.FileStart).Name()] = true
		}
	}
	l.module = m
	for _, fn := range l.srcFuncs {
		f := &asyncir.Func{Name: fn.Name(), QualName: qualName(fn), Module: m}
		if fn.Parent() != nil {
			f.Parent = l.funcs[fn.Parent()]
		}
		l.funcs[fn] = f
		m.Funcs = append(m.Funcs, f)
	}
	l.computeFutures()
	for _, fn := range l.srcFuncs {
		l.lowerFunc(fn, l.funcs[fn])
	}
	l.exportForever()
	l.exportLocks()
	return m
}

// qualName is the name Go's stack traces use: F, T.M, F.func1.
func qualName(fn *ssa.Function) string {
	if p := fn.Parent(); p != nil {
		n := fn.Name()
		return qualName(p) + ".func" + n[strings.LastIndex(n, "$")+1:]
	}
	if recv := fn.Signature.Recv(); recv != nil {
		t := recv.Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			return n.Obj().Name() + "." + fn.Name()
		}
	}
	return fn.Name()
}

func (l *lowerer) lowerFunc(fn *ssa.Function, f *asyncir.Func) {
	if syn := fn.Syntax(); syn != nil {
		f.Range = l.nodeRange(syn)
		if d, ok := syn.(*ast.FuncDecl); ok {
			f.NameRange = l.nodeRange(d.Name)
		}
	}
	var unnamed map[*asyncir.Value]bool // go/ssa names an unnamed parameter argN
	for _, p := range fn.Params {
		v := l.value(p)
		f.Params = append(f.Params, &asyncir.Param{Name: p.Name(), Type: v.Type(), Range: l.rangeOf(p.Pos())})
		f.Inputs = append(f.Inputs, v)
		if obj, ok := p.Object().(*types.Var); !ok || obj == nil || obj.Name() == "" || obj.Name() == "_" {
			if unnamed == nil {
				unnamed = map[*asyncir.Value]bool{}
			}
			unnamed[v] = true
		}
	}
	for _, fv := range fn.FreeVars {
		f.Inputs = append(f.Inputs, l.value(fv))
	}
	for i, fv := range fn.FreeVars {
		if l.capturesRootContext(fv) {
			if unnamed == nil {
				unnamed = map[*asyncir.Value]bool{}
			}
			unnamed[f.Inputs[len(fn.Params)+i]] = true
		}
	}
	for _, in := range f.Inputs {
		// A context parameter named _ or left unnamed is declared unused
		// on purpose (an interface's signature), and one every caller
		// fills with context.Background() is never cancelled: the
		// function has none to observe; nor has a closure that captures
		// a context.Background() or TODO() of its starter.
		if in.Type().Await == asyncir.Context && !f.HasContext && in.Track.Name != "_" && in.Track.Name != "" && !unnamed[in] && !l.rootCtx[fn] {
			f.HasContext, f.ContextName = true, in.Track.Name
		}
	}
	if r := handlerRequest(fn); r != "" && !f.HasContext {
		f.HasContext, f.ContextName = true, r+".Context()"
	}
	if len(fn.Blocks) == 0 {
		return
	}
	if g, ok := l.getterOf(fn); ok && receiveOnly(fn.Signature.Results().At(0).Type()) {
		f.ReturnsField = g.field
	}
	f.Blocks = make([]*asyncir.Block, len(fn.Blocks))
	for i := range fn.Blocks {
		f.Blocks[i] = &asyncir.Block{Index: i, Func: f}
	}
	for i, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			l.instr(fn, f.Blocks[i], instr)
		}
	}
	l.recordCondGuards(fn, f)
	l.recordCancelCalls(fn, f)
	var written ownState
	for i, b := range fn.Blocks {
		ib := f.Blocks[i]
		order := []int{0, 1}
		if len(b.Instrs) > 0 {
			switch b.Instrs[len(b.Instrs)-1].(type) {
			case *ssa.Return:
				ib.Exit = true
			case *ssa.Panic:
				ib.Raises = true
			case *ssa.If:
				// The loop's own condition: its false edge goes to the
				// loop's done block (a break jumps there, but not from an
				// If on the loop variable). A negated condition
				// (for !stop()) has SSA swap the targets of the loop
				// block's If; the IR keeps the body first.
				ib.LoopHead = loopDone[b.Succs[1].Comment]
				if b.Comment == "for.loop" && loopDone[b.Succs[0].Comment] && !ib.LoopHead {
					ib.LoopHead, order = true, []int{1, 0}
				}
				if stay, ok := countedExit(b); !ib.LoopHead && ok {
					ib.CountedExit = true
					if stay == 1 {
						order = []int{1, 0}
					}
				}
				if i := l.failedTestSucc(b); i >= 0 && !deadEdge(b, 0) && !deadEdge(b, 1) {
					ib.SetFailedTest(1 + slices.Index(order, i))
				}
				if !ib.LoopHead && !ib.CountedExit && !deadEdge(b, 0) && !deadEdge(b, 1) {
					ib.Guard = nilGuard(b)
					ib.Cond = l.branchFlag(fn, b)
					if written == nil {
						written = writtenFields(fn)
					}
					ib.TestsOwnState = written.testsOwnState(b)
					if head, changed, succ := firstTurn(b); head != nil {
						ft := &asyncir.FirstTurnFlag{Loop: f.Blocks[head.Index], Succ: slices.Index(order, succ)}
						for _, c := range changed {
							ft.Changed = append(ft.Changed, f.Blocks[c.Index])
						}
						ib.SetFirstTurn(ft)
					}
				}
			}
		}
		for _, j := range order[:len(b.Succs)] {
			if deadEdge(b, j) {
				continue
			}
			s := b.Succs[j]
			target := f.Blocks[s.Index]
			op := l.edgeOp(b, j)
			if op == nil {
				link(ib, target)
				continue
			}
			mid := &asyncir.Block{Index: len(f.Blocks), Func: f}
			f.Blocks = append(f.Blocks, mid)
			emit(mid, op)
			link(ib, mid)
			link(mid, target)
		}
	}
}

// handlerRequest is the name of the request parameter of an HTTP handler
// (func(http.ResponseWriter, *http.Request), a function or a method like
// ServeHTTP), whose r.Context() ends with the request; "" for any other
// function, since a request passed to a helper may outlive its client.
func handlerRequest(fn *ssa.Function) string {
	ps := fn.Params
	if fn.Signature.Recv() != nil && len(ps) > 0 {
		ps = ps[1:]
	}
	if len(ps) != 2 || typeName(ps[0].Type()) != "net/http.ResponseWriter" {
		return ""
	}
	if _, ptr := ps[1].Type().(*types.Pointer); !ptr || typeName(ps[1].Type()) != "net/http.Request" || ps[1].Name() == "_" {
		return ""
	}
	return ps[1].Name()
}

var loopDone = map[string]bool{
	"for.done": true, "rangeindex.done": true, "rangeint.done": true,
	"rangechan.done": true, "rangeiter.done": true,
}

func link(from, to *asyncir.Block) {
	from.Succs = append(from.Succs, to)
	to.Preds = append(to.Preds, from)
}

func emit(b *asyncir.Block, op *asyncir.Op) {
	if op.Result != nil {
		op.Result.Def = op
	}
	op.Block = b
	op.Index = int32(len(b.Ops))
	b.Ops = append(b.Ops, op)
}

func (l *lowerer) instr(fn *ssa.Function, b *asyncir.Block, instr ssa.Instruction) {
	switch in := instr.(type) {
	case *ssa.Call:
		if g := l.starterOf(in.Call.StaticCallee()); g != nil {
			l.startThrough(b, in, g)
			return
		}
		l.call(b, asyncir.OpCall, in.Common(), in.Pos(), in)
	case *ssa.Go:
		l.call(b, asyncir.OpSpawn, in.Common(), in.Pos(), nil)
	case *ssa.Defer:
		l.call(b, asyncir.OpDefer, in.Common(), in.Pos(), nil)
	case *ssa.Send:
		op := &asyncir.Op{Kind: asyncir.OpSend, Range: l.rangeOf(in.Pos()), Recv: l.value(in.Chan)}
		l.nameNil(op.Recv, in.Pos())
		if tracked(typeOf(in.X.Type())) {
			op.Operand = l.value(in.X)
			op.Operand.AddUse(asyncir.UseStore, op)
		}
		op.Recv.AddUse(asyncir.UseRecv, op)
		emit(b, op)
	case *ssa.UnOp:
		if in.Op == token.ARROW {
			op := &asyncir.Op{Kind: asyncir.OpAwait, Range: l.rangeOf(in.Pos()), Operand: l.value(in.X), Result: l.value(in)}
			l.nameNil(op.Operand, in.Pos())
			op.Operand.AddUse(asyncir.UseAwait, op)
			emit(b, op)
		}
	case *ssa.Select:
		op := &asyncir.Op{Kind: asyncir.OpSelect, Range: l.rangeOf(in.Pos()), Result: l.value(in), Default: !in.Blocking}
		for _, st := range in.States {
			ch := l.value(st.Chan)
			op.Args = append(op.Args, ch)
			ch.AddUse(asyncir.UseOther, op)
		}
		l.selects[in] = op
		emit(b, op)
	case *ssa.MakeChan:
		emit(b, &asyncir.Op{Kind: asyncir.OpCall, External: "make", Range: l.rangeOf(in.Pos()), Result: l.value(in)})
	case *ssa.MakeClosure:
		if !folded(in) {
			op := &asyncir.Op{Kind: asyncir.OpRef, Range: l.rangeOf(in.Pos()), Callee: l.funcs[in.Fn.(*ssa.Function)], Result: l.value(in)}
			l.captures(op, in)
			emit(b, op)
		}
	case *ssa.Return:
		op := &asyncir.Op{Kind: asyncir.OpReturn, Range: l.rangeOf(in.Pos())}
		if !in.Pos().IsValid() {
			op.Range = l.endOf(fn)
		}
		for _, r := range in.Results {
			v := l.value(r)
			op.Args = append(op.Args, v)
			v.AddUse(asyncir.UseReturn, op)
		}
		if len(op.Args) == 1 {
			op.Operand = op.Args[0]
		}
		emit(b, op)
	case *ssa.Panic:
		emit(b, &asyncir.Op{Kind: asyncir.OpRaise, Range: l.rangeOf(in.Pos())})
	case *ssa.Store:
		if tracked(typeOf(in.Val.Type())) && !l.alias.stores[in] {
			op := &asyncir.Op{Kind: asyncir.OpStore, Range: l.rangeOf(in.Pos()), Operand: l.value(in.Val)}
			if fa, ok := in.Addr.(*ssa.FieldAddr); ok {
				op.Attr = fieldKey(fa) // the field's key, as Tracking.Field
			} else {
				op.Attr = appendStoreKey(in) // s.subs = append(s.subs, ch)
			}
			op.Operand.AddUse(asyncir.UseStore, op)
			emit(b, op)
		}
	case *ssa.MapUpdate:
		// s.conns[id] = ch: a channel filed in a map held in a field is
		// known, like one held in the field itself, by that field.
		if key := mapFieldKey(in.Map); key != "" && tracked(typeOf(in.Value.Type())) {
			op := &asyncir.Op{Kind: asyncir.OpStore, Range: l.rangeOf(in.Pos()), Operand: l.value(in.Value), Attr: key}
			op.Operand.AddUse(asyncir.UseStore, op)
			emit(b, op)
		}
	case *ssa.Extract:
		if t, ok := l.values[in.Tuple]; ok {
			for len(t.Elems()) <= in.Index {
				t.AddElem(nil)
			}
			t.Elems()[in.Index] = l.value(in)
			t.Elems()[in.Index].Def = t.Def
		}
	}
}

// folded reports whether a closure is only called, spawned or deferred
// right away; the call op then carries its callee and captures.
func folded(mc *ssa.MakeClosure) bool {
	refs := mc.Referrers()
	if refs == nil || len(*refs) != 1 {
		return false
	}
	c, ok := (*refs)[0].(ssa.CallInstruction)
	return ok && c.Common().Value == ssa.Value(mc)
}

func (l *lowerer) captures(op *asyncir.Op, mc *ssa.MakeClosure) {
	for _, v := range mc.Bindings {
		x := l.value(v)
		op.AddCapture(x)
		x.AddUse(asyncir.UseArg, op)
	}
}

func (l *lowerer) call(b *asyncir.Block, kind asyncir.OpKind, c *ssa.CallCommon, pos token.Pos, result ssa.Value) {
	op := &asyncir.Op{Kind: kind, Range: l.rangeOf(pos)}
	args := c.Args
	switch {
	case c.IsInvoke():
		op.Recv = l.value(c.Value)
		op.Method = c.Method.Name()
		if n := typeName(c.Value.Type()); n != "" {
			op.External = n + "." + op.Method
		}
	default:
		// canon: a func variable a closure also captures lives in a
		// cell; stored once, its loads are the closure it holds.
		switch v := l.alias.canon(c.Value).(type) {
		case *ssa.Builtin:
			op.External = v.Name()
			if v.Name() == "close" && kind == asyncir.OpCall && len(args) == 1 {
				op.Kind = asyncir.OpClose
				op.Operand = l.value(args[0])
				op.Operand.AddUse(asyncir.UseArg, op)
				emit(b, op)
				return
			}
		case *ssa.Function:
			op.Callee = l.funcs[v]
			op.External = l.external(v)
			if v.Signature.Recv() != nil && len(args) > 0 {
				op.Recv = l.value(args[0])
				op.Method = v.Name()
				args = args[1:]
			}
		case *ssa.MakeClosure:
			if fn, ok := v.Fn.(*ssa.Function); ok {
				op.Callee = l.funcs[fn]
				op.External = l.external(fn)
			}
			l.captures(op, v)
		}
	}
	l.noteLogger(op.External, c.Signature())
	op.Recv.AddUse(asyncir.UseRecv, op)
	for _, a := range args {
		v := l.value(a)
		op.Args = append(op.Args, v)
		v.AddUse(asyncir.UseArg, op)
	}
	if result != nil {
		op.Result = l.value(result)
		if t := op.Result.Type(); op.Result.Track != nil && t.OriginName == "" {
			t.OriginName = op.External
			op.Result.SetType(t)
		}
	}
	emit(b, op)
}

// external names a function outside the IR's view, and records what the
// facts of other packages say about it.
func (l *lowerer) external(fn *ssa.Function) string {
	name := externalFunc(fn)
	if fn.Pkg != l.pkg && name != "" && l.models.API(name) == nil {
		if obj, ok := fn.Object().(*types.Func); ok && obj.Pkg() != nil && obj.Pkg() != l.pass.Pkg {
			var ff foreverFact
			m := &asyncir.APIModel{Name: name, NeverReturns: l.pass.ImportObjectFact(obj, &ff), Callback: -1}
			if importLocks(l.pass, obj, m) || m.NeverReturns {
				l.models.APIs[name] = m
			}
		}
	}
	return name
}

// externalFunc is "path.F" or "path.T.M" (T without its pointer).
func externalFunc(fn *ssa.Function) string {
	if o := fn.Origin(); o != nil {
		fn = o
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok {
		return ""
	}
	return funcName(obj)
}

// funcName is "path.F" or "path.T.M" (T without its pointer) of a
// declared function or method.
func funcName(obj *types.Func) string {
	if obj.Pkg() == nil {
		return ""
	}
	if recv := obj.Signature().Recv(); recv != nil {
		if n := typeName(recv.Type()); n != "" {
			return n + "." + obj.Name()
		}
		return ""
	}
	return obj.Pkg().Path() + "." + obj.Name()
}

func externalName(c *ssa.CallCommon) string {
	if fn := c.StaticCallee(); fn != nil {
		return externalFunc(fn)
	}
	return ""
}

func (l *lowerer) pos(p token.Pos) asyncir.Pos {
	pp := l.pass.Fset.PositionFor(p, false)
	return asyncir.MakePos(pp.Line, pp.Column, pp.Offset)
}

func (l *lowerer) nodeRange(n ast.Node) asyncir.Range {
	return asyncir.Range{File: l.pass.Fset.PositionFor(n.Pos(), false).Filename, Start: l.pos(n.Pos()), End: l.pos(n.End())}
}

// rangeOf is the range of the node an instruction's position points into.
func (l *lowerer) rangeOf(p token.Pos) asyncir.Range {
	if !p.IsValid() {
		return asyncir.Range{}
	}
	if n := l.syntax.nodes[p]; n != nil {
		return l.nodeRange(n)
	}
	r := asyncir.Range{File: l.pass.Fset.PositionFor(p, false).Filename, Start: l.pos(p)}
	r.End = r.Start
	return r
}

// endOf is the closing brace of a function, where an implicit return is.
func (l *lowerer) endOf(fn *ssa.Function) asyncir.Range {
	var body *ast.BlockStmt
	switch s := fn.Syntax().(type) {
	case *ast.FuncDecl:
		body = s.Body
	case *ast.FuncLit:
		body = s.Body
	}
	if body == nil {
		return asyncir.Range{}
	}
	return l.rangeOf(body.Rbrace)
}

// deadEdge reports whether the succ-th edge of b is never taken: b ends
// in an If on a constant (if false { return }, which SSA keeps).
func deadEdge(b *ssa.BasicBlock, succ int) bool {
	if len(b.Instrs) == 0 {
		return false
	}
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return false
	}
	c, ok := iff.Cond.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.Bool {
		return false
	}
	taken := 1
	if constant.BoolVal(c.Value) {
		taken = 0
	}
	return succ != taken
}
