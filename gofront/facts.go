package gofront

import (
	"go/ast"
	"go/constant"
	"go/types"

	"github.com/asynclint/asynclint/asyncir"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/ssa"
)

// futureFact marks a function that returns an unbuffered channel a
// goroutine it starts sends on: the goroutine blocks until the caller
// receives. Stream: it sends in a loop, until the caller stops receiving.
type futureFact struct {
	Chan   string
	Stream bool
}

func (*futureFact) AFact()         {}
func (*futureFact) String() string { return "returns a future channel" }

// foreverFact marks a function with a loop that never exits.
type foreverFact struct{ Func string }

func (*foreverFact) AFact()         {}
func (*foreverFact) String() string { return "runs forever" }

// lockFact says which mutexes a function takes (and keeps for its
// caller, Held) or releases on places its parameters reach, so that a
// caller in another package sees a lock taken twice through the call.
type lockFact struct {
	Locks, Unlocks []lockInput
}

// lockInput is asyncir.InputLock without the op, which stays in its
// package.
type lockInput struct {
	Input int
	Path  string
	Kind  asyncir.LockOp
	Held  bool
	Must  bool
}

func (*lockFact) AFact()         {}
func (*lockFact) String() string { return "takes or releases its inputs' mutexes" }

// exportLocks records the lock summaries of the package's named
// functions, on their parameters.
func (l *lowerer) exportLocks() {
	var sums *asyncir.LockSummaries
	for _, fn := range l.srcFuncs {
		obj, ok := fn.Object().(*types.Func)
		if !ok || obj.Pkg() != l.pass.Pkg {
			continue
		}
		if sums == nil {
			sums = asyncir.NewLockSummaries(l.models, l.module)
		}
		acq, rel := sums.Of(l.funcs[fn])
		var fact lockFact
		for _, a := range acq {
			if a.Input < len(fn.Params) {
				fact.Locks = append(fact.Locks, lockInput{a.Input, a.Path, a.Kind, a.Held, a.Must})
			}
		}
		for _, a := range rel {
			if a.Input < len(fn.Params) {
				fact.Unlocks = append(fact.Unlocks, lockInput{a.Input, a.Path, a.Kind, false, a.Must})
			}
		}
		if len(fact.Locks)+len(fact.Unlocks) > 0 {
			l.pass.ExportObjectFact(obj, &fact)
		}
	}
}

// importLocks fills a model's Locks and Unlocks from obj's fact; false
// when it has none.
func importLocks(pass *analysis.Pass, obj *types.Func, m *asyncir.APIModel) bool {
	var fact lockFact
	if !pass.ImportObjectFact(obj, &fact) {
		return false
	}
	for _, a := range fact.Locks {
		m.Locks = append(m.Locks, asyncir.InputLock{Input: a.Input, Path: a.Path, Kind: a.Kind, Held: a.Held, Must: a.Must})
	}
	for _, a := range fact.Unlocks {
		m.Unlocks = append(m.Unlocks, asyncir.InputLock{Input: a.Input, Path: a.Path, Kind: a.Kind, Must: a.Must})
	}
	return true
}

// future reports whether calling fn returns a future channel, and
// whether its goroutine sends a stream on it.
func (l *lowerer) future(fn *ssa.Function) (future, stream bool) {
	if o := fn.Origin(); o != nil {
		fn = o
	}
	if fn.Pkg == l.pkg {
		ff, ok := l.futures[fn]
		return ok, ff.Stream
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok || obj.Pkg() == nil || obj.Pkg() == l.pass.Pkg {
		return false, false
	}
	var f futureFact
	if !l.pass.ImportObjectFact(obj, &f) {
		return false, false
	}
	return true, f.Stream
}

// computeFutures finds the package's future-returning functions and
// exports the fact for the named ones.
func (l *lowerer) computeFutures() {
	for _, fn := range l.srcFuncs {
		mc, stream := l.futureChan(fn)
		if mc == nil {
			continue
		}
		ff := futureFact{Chan: l.nameAt(mc.Pos(), 0), Stream: stream}
		l.futures[fn] = ff
		if obj, ok := fn.Object().(*types.Func); ok && obj.Pkg() == l.pass.Pkg {
			l.pass.ExportObjectFact(obj, &ff)
		}
	}
}

// futureChan returns the unbuffered channel fn makes and returns on every
// path, when a goroutine fn starts sends on it outside any select; stream
// when that send is in a loop.
func (l *lowerer) futureChan(fn *ssa.Function) (_ *ssa.MakeChan, stream bool) {
	res := fn.Signature.Results()
	if res.Len() != 1 {
		return nil, false
	}
	if _, ok := res.At(0).Type().Underlying().(*types.Chan); !ok {
		return nil, false
	}
	var mc *ssa.MakeChan
	for _, b := range fn.Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		m, ok := l.alias.canon(ret.Results[0]).(*ssa.MakeChan)
		if !ok || (mc != nil && m != mc) {
			return nil, false
		}
		mc = m
	}
	if mc == nil {
		return nil, false
	}
	if c, ok := mc.Size.(*ssa.Const); !ok || c.Value == nil || constant.Sign(c.Value) != 0 {
		return nil, false
	}
	for _, r := range l.alias.referrers(mc) {
		var g *ssa.Go
		switch r := r.(type) {
		case *ssa.Go:
			g = r
		case *ssa.MakeClosure:
			if folded(r) {
				g, _ = (*r.Referrers())[0].(*ssa.Go)
			}
		}
		if g == nil {
			continue
		}
		if sends, stream := l.sendsOnBinding(g, mc); sends {
			return mc, stream
		}
	}
	return nil, false
}

// sendsOnBinding reports whether the goroutine g starts sends on ch (as
// the parameter or captured variable ch is bound to) outside a select,
// and whether such a send repeats (it is in a loop).
func (l *lowerer) sendsOnBinding(g *ssa.Go, ch ssa.Value) (sends, stream bool) {
	c := g.Common()
	var callee *ssa.Function
	var inner []ssa.Value
	switch v := c.Value.(type) {
	case *ssa.Function:
		callee = v
	case *ssa.MakeClosure:
		callee, _ = v.Fn.(*ssa.Function)
		if callee == nil {
			return false, false
		}
		for i, b := range v.Bindings {
			if l.alias.canon(b) == ch && i < len(callee.FreeVars) {
				inner = append(inner, l.alias.canon(callee.FreeVars[i]))
			}
		}
	default:
		return false, false
	}
	for i, a := range c.Args {
		if l.alias.canon(a) == ch && i < len(callee.Params) {
			inner = append(inner, callee.Params[i])
		}
	}
	for _, in := range inner {
		for _, r := range l.alias.referrers(in) {
			if s, ok := r.(*ssa.Send); ok && l.alias.canon(s.Chan) == in {
				sends = true
				stream = stream || inCycle(s.Block())
			}
		}
	}
	return sends, stream
}

// inCycle reports whether b can run again after itself.
func inCycle(b *ssa.BasicBlock) bool {
	return blockReaches(b, b)
}

// exportForever records the named functions that run forever.
func (l *lowerer) exportForever() {
	for _, fn := range l.srcFuncs {
		obj, ok := fn.Object().(*types.Func)
		if !ok || obj.Pkg() != l.pass.Pkg {
			continue
		}
		if f := l.funcs[fn]; len(f.Blocks) > 0 && asyncir.NewCFG(f).RunsForever() {
			l.pass.ExportObjectFact(obj, &foreverFact{Func: f.QualName})
		}
	}
}

// exportForeverSyntax records the named functions that run forever in a
// package the fast path did not lower, from their syntactic CFGs.
func exportForeverSyntax(pass *analysis.Pass) {
	cfgs := pass.ResultOf[noReturn].(*declCFGs)
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			d, ok := decl.(*ast.FuncDecl)
			if !ok || d.Body == nil {
				continue
			}
			obj, ok := pass.TypesInfo.Defs[d.Name].(*types.Func)
			if !ok {
				continue
			}
			if g := cfgs.FuncDecl(d); g != nil && loopsForever(g) {
				pass.ExportObjectFact(obj, &foreverFact{Func: obj.Name()})
			}
		}
	}
}

// loopsForever reports whether a live block of g can reach no block that
// ends the function (one with no successors).
func loopsForever(g *cfg.CFG) bool {
	n := len(g.Blocks)
	canEnd := make([]bool, n)
	preds := make([][]int32, n)
	var work []int32
	for _, b := range g.Blocks {
		for _, s := range b.Succs {
			preds[s.Index] = append(preds[s.Index], b.Index)
		}
		if len(b.Succs) == 0 {
			canEnd[b.Index] = true
			work = append(work, b.Index)
		}
	}
	for len(work) > 0 {
		i := work[len(work)-1]
		work = work[:len(work)-1]
		for _, p := range preds[i] {
			if !canEnd[p] {
				canEnd[p] = true
				work = append(work, p)
			}
		}
	}
	for _, b := range g.Blocks {
		if b.Live && !canEnd[b.Index] {
			return true
		}
	}
	return false
}
