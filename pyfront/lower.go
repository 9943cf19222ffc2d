package pyfront

import (
	"strings"

	"github.com/asynclint/asynclint/asyncir"
)

// lowerer lowers one module's tree.
type lowerer struct {
	t    *tree
	mi   *moduleInfo
	path string
	// versionNames are module-level names bound to a version test
	// (PY_38 = sys.version_info >= (3, 8)), read by later tests.
	versionNames map[string]asyncir.Versions
	// lits are the constant displays of the tree being lowered that were
	// read instead of parsed, by offset, and lineStarts the file's lines
	// that position them (constlit.go).
	lits       map[int]*constLit
	lineStarts []int
	// spare is a finished builder, for the next function (builder).
	spare *fnBuilder
}

// fnBuilder builds the CFG of one function.
type fnBuilder struct {
	lw    *lowerer
	fi    *funcInfo
	f     *asyncir.Func
	cur   *asyncir.Block
	loops []loopTargets
	cls   *classInfo // set while lowering a class body
	// lastAssigned is the value of the last assignment, for chains.
	lastAssigned *asyncir.Value
	// attrAnnot is the annotation of the attribute being assigned
	// ("self.x: T = v"), recorded as the class's (recordAttr).
	attrAnnot *annotation
	// expectRaise counts the enclosing assertRaises/pytest.raises blocks.
	expectRaise int
	// guardLoads are the name loads of each guard's test (see checkGuards).
	guardLoads map[*asyncir.Block][]*asyncir.Op
	// localTests are the locals assigned a test of the parameters, with
	// onceBound memoizing whether that is their only binding and
	// localLoads the loads of the tests a guard being read went through
	// (localguard.go).
	localTests map[string]localTest
	onceBound  map[string]bool
	localLoads []*asyncir.Op
	// handlers are the except clauses of the enclosing try bodies,
	// innermost first: what new blocks' Handlers are.
	handlers []*asyncir.Block
	// catchNames are the exception names each enclosing except clause
	// gives (nil for a bare except).
	catchNames map[*asyncir.Block][]string
	// versions are the Python versions the code being lowered runs on:
	// what new blocks' Versions are.
	versions asyncir.Versions
	// expectWouldBlock counts the enclosing try bodies whose handlers
	// catch BlockingIOError.
	expectWouldBlock int
}

type loopTargets struct{ cont, brk *asyncir.Block }

// firstOps is the room a block's ops get with its first: most blocks
// that hold any hold a few, which grew through three allocations from
// one (8 gave the stdlib more bytes; 4 fewer allocations for the same).
const firstOps = 4

func (lw *lowerer) rng(n int32) asyncir.Range {
	nd := &lw.t.nodes[n]
	return asyncir.Range{
		File:  lw.path,
		Start: asyncir.Pos{Line: int32(nd.row) + 1, Col: int32(nd.col) + 1, Offset: int32(nd.start)},
		End:   asyncir.Pos{Line: int32(nd.erow) + 1, Col: int32(nd.ecol) + 1, Offset: int32(nd.end)},
	}
}

func (lw *lowerer) newFunc(name, qual string, kind asyncir.FuncKind, parent *funcInfo, n int32) (*fnBuilder, *funcInfo) {
	// Captured, paramSym and declared are made on first write
	// (setEntry, setFlag), and stores is a short list (scopeStores):
	// most functions capture and declare nothing, and a large module has
	// tens of thousands of functions.
	f := &asyncir.Func{Name: name, QualName: qual, Kind: kind, Module: lw.mi.mod, Range: lw.rng(n)}
	fi := &funcInfo{f: f, parent: parent, mod: lw.mi}
	if parent != nil {
		f.Parent = parent.f
	}
	lw.mi.mod.Funcs = append(lw.mi.mod.Funcs, f)
	lw.mi.funcs = append(lw.mi.funcs, fi)
	b := lw.builder(fi, f)
	b.cur = b.newBlock()
	return b, fi
}

// builder is a builder of fi's function f: the one the last nested
// function finished left (finishNested), or a new one. A large module has
// tens of thousands of functions, and a builder is garbage once its
// function is finished.
func (lw *lowerer) builder(fi *funcInfo, f *asyncir.Func) *fnBuilder {
	b := lw.spare
	if b == nil {
		return &fnBuilder{lw: lw, fi: fi, f: f}
	}
	lw.spare = nil
	*b = fnBuilder{lw: lw, fi: fi, f: f, guardLoads: b.guardLoads}
	return b
}

// finishNested finishes b, a nested function's builder, which no one
// holds, and leaves it to the next function its lowerer starts.
func (b *fnBuilder) finishNested() {
	b.finish()
	// A small map is kept, cleared: most functions with a guard have a
	// few. A large one would make each range over it scan its room.
	if len(b.guardLoads) > 8 {
		b.guardLoads = nil
	}
	clear(b.guardLoads)
	b.lw.spare = b
}

func (b *fnBuilder) newBlock() *asyncir.Block {
	blk := b.lw.mi.blocks.new()
	*blk = asyncir.Block{Index: len(b.f.Blocks), Func: b.f, Handlers: b.handlers, Versions: b.versions}
	b.f.Blocks = append(b.f.Blocks, blk)
	return blk
}

// edge adds the edge from → to; a block's first successors and
// predecessors go to room for two from the module's slab: most blocks
// have one or two of each.
func (b *fnBuilder) edge(from, to *asyncir.Block) {
	if cap(from.Succs) == 0 {
		from.Succs = b.lw.mi.edges.room(2)
	}
	if cap(to.Preds) == 0 {
		to.Preds = b.lw.mi.edges.room(2)
	}
	from.Succs = append(from.Succs, to)
	to.Preds = append(to.Preds, from)
}

// jump ends the current block with an edge to `to` and continues in a
// fresh unreachable block.
func (b *fnBuilder) jump(to *asyncir.Block) {
	if to != nil {
		b.edge(b.cur, to)
	}
	b.cur = b.newBlock()
}

// emit appends a copy of o, made in the module's slab, to the current
// block.
func (b *fnBuilder) emit(o asyncir.Op) *asyncir.Op {
	op := b.lw.mi.ops.new()
	*op = o
	return b.emitMade(op)
}

// emitMade appends op, made by the module's slab, to the current block.
func (b *fnBuilder) emitMade(op *asyncir.Op) *asyncir.Op {
	if excs := b.raises(op); excs != nil && len(b.cur.Handlers) > 0 {
		b.raisePoint(excs)
	}
	op.ExpectRaise = b.expectRaise > 0
	op.ExpectWouldBlock = b.expectWouldBlock > 0
	op.Block = b.cur
	op.Index = int32(len(b.cur.Ops))
	if b.cur.Ops == nil {
		b.cur.Ops = b.lw.mi.opLists.room(firstOps)
	}
	b.cur.Ops = append(b.cur.Ops, op)
	return op
}

// value makes op's result value with the given symbolic type.
func (b *fnBuilder) value(op *asyncir.Op, s *sym) *asyncir.Value {
	mi := b.lw.mi
	v := mi.values.new()
	*v = asyncir.Value{Def: op, Num: int32(len(mi.syms))}
	op.Result = v
	if s != nil && s.kind == symUnknown {
		s = nil
	}
	mi.syms = append(mi.syms, s)
	return v
}

// finish closes the function: falls off the end, decides local names and
// links loads to stores.
func (b *fnBuilder) finish() {
	if len(b.cur.Ops) > 0 || len(b.cur.Preds) > 0 || b.cur.Index == 0 {
		b.cur.Exit = true
		b.fi.bareRet = true
	}
	for _, blk := range b.f.Blocks {
		if len(blk.Succs) == 0 && !blk.Raises && blk.Index != 0 && len(blk.Preds) == 0 && len(blk.Ops) == 0 {
			continue
		}
		if len(blk.Succs) == 0 && !blk.Raises {
			blk.Exit = true
		}
	}
	fi := b.fi
	local := func(name string) bool {
		if fi.isModule || fi.isClass || fi.declared[name] {
			return false
		}
		return fi.isParam(name) || len(fi.stores.get(name)) > 0
	}
	b.f.Ops(func(op *asyncir.Op) {
		switch op.Kind {
		case asyncir.OpLoad:
			if !local(op.Var) {
				op.Global = true
				for p := fi.parent; p != nil && !p.isModule; p = p.parent {
					setFlag(&p.f.Captured, op.Var)
				}
			}
		case asyncir.OpStore:
			if op.Var != "" && !local(op.Var) {
				op.Global = true
			}
		}
	})
	asyncir.ComputeDefUse(b.f)
	b.checkGuards()
}

// lowerBlock lowers the statements of a block (or module) node.
func (b *fnBuilder) lowerBlock(n int32) {
	if n < 0 {
		return
	}
	versions := b.versions
	for c := b.lw.t.nodes[n].first; c >= 0; c = b.lw.t.nodes[c].next {
		b.lowerStmt(c)
	}
	// What an early return under a version test narrowed ends with the
	// block it is in.
	b.versions = versions
}

// nestedIn makes the new function builder fb, whose definition is being
// lowered by b, run on the versions b's code runs on.
func (b *fnBuilder) nestedIn(fb *fnBuilder) {
	fb.versions = b.versions
	fb.cur.Versions = b.versions
}

func (b *fnBuilder) lowerStmt(n int32) {
	t := b.lw.t
	switch t.kind(n) {
	case kExpressionStatement:
		for _, c := range t.namedChildren(n) {
			switch t.kind(c) {
			case kAssignment:
				b.lowerAssign(c)
			case kAugAssignment:
				b.lowerAugAssign(c)
			default:
				if v := b.expr(c); v != nil {
					op := b.emit(asyncir.Op{Kind: asyncir.OpDiscard, Range: b.lw.rng(c), Operand: v})
					b.addUse(v, asyncir.UseDiscard, op)
					if b.fi.isModule && t.kind(c) == kCall {
						b.recordLazyTables(c, v)
					}
				}
			}
		}
	case kReturn:
		var v *asyncir.Value
		if cs := t.namedChildren(n); len(cs) > 0 {
			v = b.expr(cs[0])
		}
		op := b.emit(asyncir.Op{Kind: asyncir.OpReturn, Range: b.lw.rng(n), Operand: v})
		if v != nil {
			b.addUse(v, asyncir.UseReturn, op)
			b.fi.returns = append(b.fi.returns, v)
		} else {
			b.fi.bareRet = true
		}
		b.cur.Exit = true
		b.jump(nil)
	case kRaise:
		for _, c := range t.namedChildren(n) {
			b.use(b.expr(c), asyncir.UseOther, nil)
		}
		b.emit(asyncir.Op{Kind: asyncir.OpRaise, Range: b.lw.rng(n)})
		b.cur.Raises = true
		b.jump(nil)
	case kIf:
		b.lowerIf(n)
	case kWhile:
		b.lowerWhile(n)
	case kFor:
		b.lowerFor(n)
	case kTry:
		b.lowerTry(n)
	case kWith:
		b.lowerWith(n)
	case kMatch:
		b.lowerMatch(n)
	case kBreak:
		if len(b.loops) > 0 {
			b.jump(b.loops[len(b.loops)-1].brk)
		}
	case kContinue:
		if len(b.loops) > 0 {
			b.jump(b.loops[len(b.loops)-1].cont)
		}
	case kFunctionDef:
		b.lowerDef(n, nil)
	case kClassDef:
		b.lowerClass(n, nil)
	case kDecoratedDef:
		var decos []int32
		def := t.field(n, fDefinition)
		for _, c := range t.namedChildren(n) {
			if t.kind(c) == kDecorator {
				decos = append(decos, c)
			}
		}
		switch {
		case def < 0:
		case t.kind(def) == kFunctionDef:
			b.lowerDef(def, decos)
		case t.kind(def) == kClassDef:
			b.lowerClass(def, decos)
		}
	case kImport, kImportFrom, kFutureImport:
		b.lowerImport(n)
	case kGlobal, kNonlocal:
		for _, c := range t.namedChildren(n) {
			setFlag(&b.fi.declared, t.text(c))
		}
	case kDelete, kAssert:
		for _, c := range t.namedChildren(n) {
			b.use(b.expr(c), asyncir.UseOther, nil)
		}
	case kBlock, kModule:
		b.lowerBlock(n)
	case kError:
		// Recovered syntax: lower what tree-sitter could make of it.
		for _, c := range t.namedChildren(n) {
			b.lowerStmt(c)
		}
	default:
		if t.nodes[n].named && t.kind(n) != kComment && t.kind(n) != kPass {
			for _, c := range t.namedChildren(n) {
				b.use(b.expr(c), asyncir.UseOther, nil)
			}
		}
	}
}

func (b *fnBuilder) use(v *asyncir.Value, k asyncir.UseKind, op *asyncir.Op) {
	if v != nil {
		if op == nil {
			op = v.Def
		}
		b.addUse(v, k, op)
	}
}

// addUse records a consumer of v, as v.AddUse does; a value's first use
// goes to room from the module's slab: most values have one.
func (b *fnBuilder) addUse(v *asyncir.Value, k asyncir.UseKind, op *asyncir.Op) {
	if v != nil && cap(v.Uses) == 0 {
		v.Uses = b.lw.mi.useLists.room(1)
	}
	v.AddUse(k, op)
}

// lowerIf lowers if/elif/else; a branch guarded by a test of the Python
// version (see versionTest) runs only on the versions the test allows,
// and the code after the statement on those of the branches that reach
// it.
func (b *fnBuilder) lowerIf(n int32) {
	t := b.lw.t
	outer := b.versions
	rest := outer // the versions on which no condition so far held
	var ends []*asyncir.Block
	var endVersions []asyncir.Versions
	branch := func(body int32, cond int32) {
		guard, known := asyncir.Versions{}, false
		if cond >= 0 {
			guard, known = b.versionTest(cond)
		}
		b.versions = rest.Intersect(guard)
		start := b.cur
		blk := b.newBlock()
		b.edge(start, blk)
		b.cur = blk
		b.lowerBlock(body)
		ends = append(ends, b.cur)
		endVersions = append(endVersions, b.versions)
		b.cur = start
		if c, ok := guard.Complement(); known && ok {
			rest = rest.Intersect(c)
		} else if cond >= 0 {
			rest = outer
		}
		b.versions = rest
	}
	cond := t.field(n, fCondition)
	mark := b.opMark()
	b.use(b.expr(cond), asyncir.UseOther, nil)
	b.guardNext(cond, mark)
	branch(t.field(n, fConsequence), cond)
	hasElse := false
	for c := t.nodes[n].first; c >= 0; c = t.nodes[c].next {
		switch t.kind(c) {
		case kElif:
			// The elif condition runs on the false edge.
			blk := b.newBlock()
			b.edge(b.cur, blk)
			b.cur = blk
			ec := t.field(c, fCondition)
			mark := b.opMark()
			b.use(b.expr(ec), asyncir.UseOther, nil)
			b.guardNext(ec, mark)
			branch(t.field(c, fConsequence), ec)
		case kElse:
			hasElse = true
			branch(t.field(c, fBody), -1)
		}
	}
	b.versions = outer
	after := b.newBlock()
	var reach []asyncir.Versions
	if !hasElse {
		b.edge(b.cur, after)
		reach = append(reach, rest)
	}
	for i, e := range ends {
		b.edge(e, after)
		if len(e.Preds) > 0 || len(e.Ops) > 0 || e.Index == 0 {
			reach = append(reach, endVersions[i])
		}
	}
	if len(reach) == 1 {
		// Every other branch returned or raised: what follows runs only
		// where this one did ("if sys.version_info >= (3, 7): return ...").
		after.Versions = reach[0]
		b.versions = reach[0]
	}
	b.cur = after
}

func (b *fnBuilder) lowerWhile(n int32) {
	t := b.lw.t
	head := b.loopHead()
	cond := t.field(n, fCondition)
	b.use(b.expr(cond), asyncir.UseOther, nil)
	// "while True" leaves only through break, which jumps to after.
	b.loopBody(n, head, nil, !isTrueLiteral(t, cond))
}

func isTrueLiteral(t *tree, n int32) bool {
	if n < 0 {
		return false
	}
	s := t.text(n)
	return s == "True" || s == "1"
}

func (b *fnBuilder) lowerFor(n int32) {
	t := b.lw.t
	async := t.hasChild(n, kAsync)
	mark := b.opMark()
	iter := b.expr(t.field(n, fRight))
	loads := b.loadsSince(mark)
	forOp := b.emit(asyncir.Op{Kind: asyncir.OpFor, Range: b.lw.rng(t.field(n, fRight)), Operand: iter, Async: async})
	b.use(iter, asyncir.UseFor, forOp)
	head := b.loopHead()
	if head.Guard = b.rangeGuard(t.field(n, fRight)); head.Guard != nil {
		b.noteGuardLoads(head, loads)
	}
	b.loopBody(n, head, func() {
		b.bindTarget(t.field(n, fLeft), b.sym(sym{kind: symElem, base: iter}), forOp)
	}, true)
}

// guardNext records the if/elif condition n, lowered since mark, as the
// guard of the branch that ends the current block (Succs[0] its
// consequence, Succs[1] the rest).
func (b *fnBuilder) guardNext(n int32, mark opMark) {
	if len(b.cur.Succs) == 0 {
		b.localLoads = nil
		if b.cur.Guard = b.condGuard(n); b.cur.Guard != nil {
			b.noteGuardLoads(b.cur, append(b.loadsSince(mark), b.localLoads...))
		}
	}
}

// loopHead starts a loop's head block (Succs[0] will enter the body).
func (b *fnBuilder) loopHead() *asyncir.Block {
	head := b.newBlock()
	head.LoopHead = true
	b.edge(b.cur, head)
	b.cur = head
	return head
}

// loopBody lowers the body and else clause of the loop statement n whose
// head starts each iteration (continue and the back edge go there); the
// current block, where the condition has been evaluated (the head, unless
// the condition can raise inside a try), decides: enter runs at the start
// of each iteration (for targets), exits says whether the loop can end
// without break (the else clause runs only then).
func (b *fnBuilder) loopBody(n int32, head *asyncir.Block, enter func(), exits bool) {
	t := b.lw.t
	decide := b.cur
	head.LoopHead, decide.LoopHead = false, true
	after := b.newBlock()
	body := b.newBlock()
	b.edge(decide, body)
	b.cur = body
	if enter != nil {
		enter()
	}
	b.loops = append(b.loops, loopTargets{cont: head, brk: after})
	b.lowerBlock(t.field(n, fBody))
	b.loops = b.loops[:len(b.loops)-1]
	b.edge(b.cur, head)
	if alt := t.field(n, fAlternative); alt >= 0 && exits {
		els := b.newBlock()
		b.edge(decide, els)
		b.cur = els
		b.lowerBlock(t.field(alt, fBody))
		b.edge(b.cur, after)
	} else if exits {
		b.edge(decide, after)
	}
	b.cur = after
}

// lowerTry: each handler is reached from just before each op of the try
// body that can raise what it catches (see raises and raisePoint); one
// that no such op reaches is reached from the end of each block of the
// body, so that it stays reachable.
// The else clause runs only when the body raised nothing, and the
// handlers, else and finally clauses raise into the enclosing try.
func (b *fnBuilder) lowerTry(n int32) {
	t := b.lw.t
	var els, fin int32 = -1, -1
	var clauses []int32
	for c := t.nodes[n].first; c >= 0; c = t.nodes[c].next {
		switch t.kind(c) {
		case kExcept:
			clauses = append(clauses, c)
		case kElse:
			els = c
		case kFinally:
			fin = c
		}
	}
	outer := b.handlers
	handlers := make([]*asyncir.Block, len(clauses))
	if b.catchNames == nil {
		b.catchNames = map[*asyncir.Block][]string{}
	}
	for i, c := range clauses {
		handlers[i] = b.newBlock()
		handlers[i].Handler = true
		b.catchNames[handlers[i]] = b.exceptNames(c)
	}
	b.handlers = append(append([]*asyncir.Block(nil), handlers...), outer...)
	first := len(b.f.Blocks)
	start := b.newBlock()
	b.edge(b.cur, start)
	b.cur = start
	wouldBlock := b.catchesWouldBlock(clauses)
	if wouldBlock {
		b.expectWouldBlock++
	}
	b.lowerBlock(t.field(n, fBody))
	if wouldBlock {
		b.expectWouldBlock--
	}
	b.handlers = outer
	bodyBlocks := b.f.Blocks[first:]
	for _, h := range handlers {
		if len(h.Preds) > 0 {
			continue
		}
		for _, bb := range bodyBlocks {
			b.edge(bb, h)
		}
	}
	if els >= 0 {
		eb := b.newBlock()
		b.edge(b.cur, eb)
		b.cur = eb
		b.lowerBlock(t.field(els, fBody))
	}
	ends := []*asyncir.Block{b.cur}
	for i, h := range clauses {
		hb := handlers[i]
		b.cur = hb
		for _, c := range t.namedChildren(h) {
			switch t.kind(c) {
			case kBlock:
				b.lowerBlock(c)
			case kAsPattern:
				cs := t.namedChildren(c)
				if len(cs) > 0 {
					v := b.expr(cs[0])
					b.use(v, asyncir.UseOther, nil)
					hb.SetCatch(caught(v))
				}
				if tgt := t.field(c, fAlias); tgt >= 0 {
					b.bindTarget(tgt, nil, nil)
				}
			default:
				v := b.expr(c)
				b.use(v, asyncir.UseOther, nil)
				hb.SetCatch(caught(v))
			}
		}
		ends = append(ends, b.cur)
	}
	after := b.newBlock()
	for _, e := range ends {
		b.edge(e, after)
	}
	b.cur = after
	if fin >= 0 {
		b.lowerBlock(t.field(fin, fBody))
		if fb := t.namedChildren(fin); len(fb) > 0 && t.field(fin, fBody) < 0 {
			b.lowerBlock(fb[len(fb)-1])
		}
	}
}

// caught lists the exception types an except clause names: the elements
// of a tuple, or the one value.
func caught(v *asyncir.Value) []*asyncir.Value {
	switch {
	case v == nil:
		return nil
	case len(v.Elems()) > 0:
		return v.Elems()
	}
	return []*asyncir.Value{v}
}

// catchesWouldBlock reports whether an except clause names
// BlockingIOError or ssl's SSLWantReadError/SSLWantWriteError, the errors
// a non-blocking socket raises instead of waiting.
func (b *fnBuilder) catchesWouldBlock(handlers []int32) bool {
	t := b.lw.t
	for _, h := range handlers {
		for _, c := range t.namedChildren(h) {
			if t.kind(c) == kBlock {
				continue
			}
			text := t.text(c)
			if strings.Contains(text, "BlockingIOError") || strings.Contains(text, "SSLWantReadError") || strings.Contains(text, "SSLWantWriteError") {
				return true
			}
		}
	}
	return false
}

func (b *fnBuilder) lowerWith(n int32) {
	t := b.lw.t
	async := t.hasChild(n, kAsync)
	for _, clause := range t.namedChildren(n) {
		if t.kind(clause) != kWithClause {
			continue
		}
		for _, item := range t.namedChildren(clause) {
			val := t.field(item, fValue)
			if val < 0 {
				continue
			}
			target := int32(-1)
			if t.kind(val) == kAsPattern {
				target = t.field(val, fAlias)
				if cs := t.namedChildren(val); len(cs) > 0 {
					val = cs[0]
				}
			}
			v := b.expr(val)
			if expectsRaise(t, val) {
				b.expectRaise++
				defer func() { b.expectRaise-- }()
			}
			op := b.emit(asyncir.Op{Kind: asyncir.OpWith, Range: b.lw.rng(val), Operand: v, Async: async})
			b.use(v, asyncir.UseWith, op)
			if target >= 0 {
				b.bindTarget(target, b.sym(sym{kind: symSame, base: v}), op)
			}
		}
	}
	b.lowerBlock(t.field(n, fBody))
}

// expectsRaise recognises "with self.assertRaises(E)", assertRaisesRegex
// and "with pytest.raises(E)" by the called method's name.
func expectsRaise(t *tree, n int32) bool {
	if t.kind(n) != kCall {
		return false
	}
	fn := t.field(n, fFunction)
	if fn < 0 {
		return false
	}
	name := t.text(fn)
	if t.kind(fn) == kAttribute {
		name = t.text(t.field(fn, fAttribute))
	}
	switch name {
	case "assertRaises", "assertRaisesRegex", "raises":
		return true
	}
	return false
}

func (b *fnBuilder) lowerMatch(n int32) {
	t := b.lw.t
	b.use(b.expr(t.field(n, fSubject)), asyncir.UseOther, nil)
	start := b.cur
	after := b.newBlock()
	var walk func(int32)
	walk = func(x int32) {
		for c := t.nodes[x].first; c >= 0; c = t.nodes[c].next {
			if t.kind(c) == kCaseClause {
				blk := b.newBlock()
				b.edge(start, blk)
				b.cur = blk
				b.lowerBlock(t.field(c, fConsequence))
				b.edge(b.cur, after)
			} else if t.kind(c) == kBlock {
				walk(c)
			}
		}
	}
	walk(n)
	b.edge(start, after)
	b.cur = after
}

// lowerAssign handles "a = b = value", annotated assignments and
// tuple unpacking.
func (b *fnBuilder) lowerAssign(n int32) {
	t := b.lw.t
	left, right := t.field(n, fLeft), t.field(n, fRight)
	mark := b.opMark()
	defer b.noteLocalTest(n, mark)
	var v *asyncir.Value
	if right >= 0 {
		if t.kind(right) == kAssignment {
			// Chained assignment: the inner one binds first; rebind the
			// same value to the outer target.
			b.lowerAssign(right)
			v = b.lastAssigned
		} else {
			v = b.expr(right)
		}
	}
	if ty := t.field(n, fType); v == nil && right >= 0 && ty >= 0 && t.kind(left) == kIdentifier && !b.fi.isClass {
		// "f: TextIO = ...": a literal says nothing of the type, the
		// annotation does (a class body keeps it as the attribute's).
		op := b.emit(asyncir.Op{Kind: asyncir.OpRef, Range: b.lw.rng(right)})
		v = b.value(op, b.sym(sym{kind: symAnnot, annot: b.annotation(ty)}))
	}
	if v == nil && right >= 0 {
		b.storeUntracked(left)
	}
	if b.fi.isModule && right >= 0 && t.kind(left) == kIdentifier {
		b.recordVersionName(t.text(left), right)
		b.recordCallableAlias(t.text(left), right)
	}
	if ty := t.field(n, fType); ty >= 0 && t.kind(left) == kIdentifier {
		ann := b.annotation(ty)
		if v == nil {
			if b.cls != nil {
				b.cls.annots[t.text(left)] = ann
			}
			return
		}
		if s := b.lw.mi.symOf(v); s == nil || s.kind == symNone {
			b.lw.mi.syms[v.Num] = b.sym(sym{kind: symAnnot, annot: ann})
		}
	}
	if v == nil {
		return
	}
	b.lastAssigned = v
	if ty := t.field(n, fType); ty >= 0 && t.kind(left) == kAttribute {
		// "self.session: Optional[ClientSession] = None" declares the
		// attribute's type for every method.
		b.attrAnnot = b.annotation(ty)
		defer func() { b.attrAnnot = nil }()
	}
	b.bindValue(left, v)
}

func (b *fnBuilder) lowerAugAssign(n int32) {
	t := b.lw.t
	v := b.expr(t.field(n, fRight))
	b.use(v, asyncir.UseOther, nil)
	left := t.field(n, fLeft)
	if left >= 0 && t.kind(left) == kIdentifier {
		lv := b.expr(left)
		b.use(lv, asyncir.UseOther, nil)
		op := b.emit(asyncir.Op{Kind: asyncir.OpStore, Range: b.lw.rng(left), Var: t.text(left)})
		b.fi.stores.add(op.Var, nil)
	} else {
		b.use(b.expr(left), asyncir.UseOther, nil)
	}
}

// bindValue stores v into the target node.
func (b *fnBuilder) bindValue(target int32, v *asyncir.Value) {
	t := b.lw.t
	switch t.kind(target) {
	case kIdentifier:
		name := t.text(target)
		op := b.emit(asyncir.Op{Kind: asyncir.OpStore, Range: b.lw.rng(target), Var: name, Operand: v})
		b.addUse(v, asyncir.UseStore, op)
		b.fi.stores.add(name, v)
		b.recordBinding(name, v)
	case kAttribute:
		obj := b.expr(t.field(target, fObject))
		attr := t.text(t.field(target, fAttribute))
		op := b.emit(asyncir.Op{Kind: asyncir.OpStore, Range: b.lw.rng(target), Recv: obj, Attr: attr, Operand: v})
		b.use(obj, asyncir.UseRecv, op)
		b.addUse(v, asyncir.UseStore, op)
		b.recordAttr(obj, attr, v)
	case kPatternList, kTuplePattern, kListPattern, kTuple, kList, kExpressionList:
		elems := t.namedChildren(target)
		if len(v.Elems()) == len(elems) {
			b.addUse(v, asyncir.UseStore, v.Def)
			for i, e := range elems {
				b.bindValue(e, v.Elems()[i])
			}
			return
		}
		b.addUse(v, asyncir.UseStore, v.Def)
		for _, e := range elems {
			b.bindTarget(e, b.sym(sym{kind: symElem, base: v}), v.Def)
		}
	case kParenthesized:
		if cs := t.namedChildren(target); len(cs) == 1 {
			b.bindValue(cs[0], v)
		}
	default:
		// Subscripts and starred targets keep the value somewhere.
		recv := b.expr(target)
		op := b.emit(asyncir.Op{Kind: asyncir.OpStore, Range: b.lw.rng(target), Recv: recv, Operand: v})
		b.use(recv, asyncir.UseRecv, op)
		b.addUse(v, asyncir.UseStore, op)
	}
}

// bindTarget binds a target to a fresh value of symbolic type s (loop
// variables, with-targets, except-targets).
func (b *fnBuilder) bindTarget(target int32, s *sym, at *asyncir.Op) {
	if target < 0 {
		return
	}
	t := b.lw.t
	if t.kind(target) == kAsPatternTarget {
		if cs := t.namedChildren(target); len(cs) == 1 {
			target = cs[0]
		}
	}
	rng := b.lw.rng(target)
	src := b.emit(asyncir.Op{Kind: asyncir.OpRef, Range: rng})
	if s != nil && (s.kind == symElem || s.kind == symSame) {
		// Analyzers follow a loop variable or an unpacked name back to
		// the container (or context manager) it came from.
		src.Operand = s.base
	}
	v := b.value(src, s)
	b.bindValue(target, v)
}

// recordBinding remembers module-level and class-level names.
func (b *fnBuilder) recordBinding(name string, v *asyncir.Value) {
	switch {
	case b.fi.isModule || b.fi.declared[name] && b.fi.parent != nil && b.fi.parent.isModule:
		g := b.lw.mi.global(name)
		g.values = append(g.values, v)
	case b.cls != nil:
		b.cls.attrs[name] = append(b.cls.attrs[name], v)
	}
}

// recordAttr remembers "self.x = v" in methods as attribute x of the class.
func (b *fnBuilder) recordAttr(obj *asyncir.Value, attr string, v *asyncir.Value) {
	s := b.lw.mi.symOf(obj)
	if s != nil && s.kind == symName {
		// "self" is a load of the method's first parameter.
		for scope := b.fi; scope != nil && s.kind == symName; scope = scope.parent {
			if ps := scope.paramSym[s.name]; ps != nil {
				s = ps
			} else if _, local := scope.stores.lookup(s.name); local || scope.isModule {
				break
			}
		}
	}
	if s == nil || s.kind != symSelf || s.cls == nil {
		return
	}
	if ci := b.lw.mi.classOf[s.cls]; ci != nil {
		ci.attrs[attr] = append(ci.attrs[attr], v)
		if b.attrAnnot != nil {
			ci.annots[attr] = b.attrAnnot
		}
	}
}

func (mi *moduleInfo) global(name string) *binding {
	g := mi.globals[name]
	if g == nil {
		g = &binding{}
		mi.globals[name] = g
	}
	return g
}

func (b *fnBuilder) lowerImport(n int32) {
	t := b.lw.t
	mi := b.lw.mi
	bind := func(name string, target string, rng asyncir.Range, imported, module string) {
		mi.mod.Imports = append(mi.mod.Imports, asyncir.Import{Module: module, Name: imported, Alias: name, Range: rng})
		b.raisePoint([]string{"ImportError"})
		op := b.emit(asyncir.Op{Kind: asyncir.OpRef, Range: rng})
		v := b.value(op, b.sym(sym{kind: symModule, name: target}))
		if b.fi.isModule {
			g := mi.global(name)
			if g.module != "" && g.module != target {
				// "try: from asyncio import get_running_loop / except
				// ImportError: from asyncio import get_event_loop as
				// get_running_loop": either may be bound.
				g.conflict = true
				g.otherImports = append(g.otherImports, g.module)
			}
			g.module = target
			_ = v
			return
		}
		st := b.emit(asyncir.Op{Kind: asyncir.OpStore, Range: rng, Var: name, Operand: v})
		b.addUse(v, asyncir.UseStore, st)
		b.fi.stores.add(name, v)
	}
	switch t.kind(n) {
	case kImport:
		for _, c := range t.namedChildren(n) {
			switch t.kind(c) {
			case kDottedName:
				full := t.text(c)
				first, _, _ := strings.Cut(full, ".")
				bind(first, first, b.lw.rng(c), "", full)
			case kAliasedImport:
				name := t.field(c, fName)
				alias := t.field(c, fAlias)
				if name >= 0 && alias >= 0 {
					bind(t.text(alias), t.text(name), b.lw.rng(c), "", t.text(name))
				}
			}
		}
	case kImportFrom:
		modNode := t.field(n, fModuleName)
		if modNode < 0 {
			return
		}
		mod := resolveRelative(compactDots(t.text(modNode)), mi.pkg)
		for c := t.nodes[n].first; c >= 0; c = t.nodes[c].next {
			if c == modNode {
				continue
			}
			switch t.kind(c) {
			case kDottedName:
				name := t.text(c)
				bind(name, joinDotted(mod, name), b.lw.rng(c), name, mod)
			case kAliasedImport:
				name := t.field(c, fName)
				alias := t.field(c, fAlias)
				if name >= 0 && alias >= 0 {
					bind(t.text(alias), joinDotted(mod, t.text(name)), b.lw.rng(c), t.text(name), mod)
				}
			case kWildcardImport:
				mi.star = append(mi.star, mod)
				mi.mod.Imports = append(mi.mod.Imports, asyncir.Import{Module: mod, Name: "*", Range: b.lw.rng(c)})
			}
		}
	}
}

func compactDots(s string) string {
	return strings.Join(strings.Fields(s), "")
}
