package gofront

import (
	"go/constant"
	"go/token"
	"go/types"

	"github.com/asynclint/asynclint/asyncir"
	"golang.org/x/tools/go/ssa"
)

// recordCondGuards notes, on each sync.Cond.Wait op of f, the boolean
// struct fields its loop's condition reads (for len(q.items) == 0 &&
// !q.closed { q.cond.Wait() } waits to see q.closed), and on f the
// stores of true to boolean struct fields (q.closed = true): AL157 pairs
// a flag set without a Signal with the waits that test it.
func (l *lowerer) recordCondGuards(fn *ssa.Function, f *asyncir.Func) {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch in := instr.(type) {
			case *ssa.Store:
				fa, ok := in.Addr.(*ssa.FieldAddr)
				c, isConst := in.Val.(*ssa.Const)
				// A field of a value this function allocates is set before
				// anyone can wait on it (&queue{ready: true}).
				if ok && !isAlloc(fa.X) && (isConst && c.Value != nil && c.Value.Kind() == constant.Bool && constant.BoolVal(c.Value) || decrements(in.Val, fa)) {
					if key := fieldKey(fa); key != "" {
						f.FlagSets = append(f.FlagSets, asyncir.FlagSet{Field: key, Range: l.rangeOf(in.Pos())})
					}
				}
			case *ssa.Call:
				callee := in.Call.StaticCallee()
				if callee == nil || callee.Name() != "Wait" || callee.Pkg == nil || callee.Pkg.Pkg.Path() != "sync" || typeName(callee.Signature.Recv().Type()) != "sync.Cond" {
					continue
				}
				fields, own := loopGuardFields(b), waitsForParam(fn, b)
				if len(fields) == 0 && !own {
					continue
				}
				pos := l.rangeOf(in.Pos())
				for _, op := range f.Blocks[b.Index].Ops {
					if op.External == "sync.Cond.Wait" && op.Range == pos {
						op.SetGuards(fields)
						if own {
							op.SetWaitsForOwn()
						}
					}
				}
			}
		}
	}
}

// loopGuardFields lists the boolean struct fields whose becoming true
// ends the wait of b's loop: a loop header that dominates b, that b leads
// back to, and whose condition keeps waiting while the field is false
// (!q.closed on the branch to b, or q.closed on the other).
func loopGuardFields(b *ssa.BasicBlock) []string {
	var out []string
	for d, n := b.Idom(), 0; d != nil && n < 4; d, n = d.Idom(), n+1 {
		last, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
		if !ok || len(d.Succs) != 2 || !leadsBack(b, d) {
			continue
		}
		cond, negated := last.Cond, false
		if not, ok := cond.(*ssa.UnOp); ok && not.Op == token.NOT {
			cond, negated = not.X, true
		}
		if key := countDownField(cond); key != "" && d.Succs[whenHolds(negated)].Dominates(b) {
			out = append(out, key) // for c.n > 0 { c.cond.Wait() }
			continue
		}
		load, ok := cond.(*ssa.UnOp)
		if !ok || load.Op != token.MUL {
			continue
		}
		fa, ok := load.X.(*ssa.FieldAddr)
		if basic, isBasic := load.Type().Underlying().(*types.Basic); !ok || !isBasic || basic.Kind() != types.Bool {
			continue
		}
		onTrue := d.Succs[0].Dominates(b)
		if !onTrue && !d.Succs[1].Dominates(b) {
			continue
		}
		if key := fieldKey(fa); key != "" && negated == onTrue {
			out = append(out, key)
		}
	}
	return out
}

// whenHolds is the successor of an If taken when its condition, negated
// or not, holds before the negation.
func whenHolds(negated bool) int {
	if negated {
		return 1
	}
	return 0
}

// countDownField is the integer struct field a loop condition waits on
// to fall (c.n > 0, c.n != 0, c.n >= k, or mirrored with the constant
// first): the loop goes on while it holds. "" for any other condition.
func countDownField(cond ssa.Value) string {
	bin, ok := cond.(*ssa.BinOp)
	if !ok {
		return ""
	}
	x, y, op := bin.X, bin.Y, bin.Op
	if _, isConst := x.(*ssa.Const); isConst {
		x, y = y, x
		switch op {
		case token.LSS:
			op = token.GTR
		case token.LEQ:
			op = token.GEQ
		}
	}
	if _, isConst := y.(*ssa.Const); !isConst || op != token.GTR && op != token.GEQ && op != token.NEQ {
		return ""
	}
	load, ok := x.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return ""
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	if basic, isBasic := load.Type().Underlying().(*types.Basic); !ok || !isBasic || basic.Info()&types.IsInteger == 0 {
		return ""
	}
	return fieldKey(fa)
}

// decrements reports whether v, stored to fa, is the field's own value
// made smaller (c.n--, c.n -= k) or zero: a change that can end a wait
// for the count to fall.
func decrements(v ssa.Value, fa *ssa.FieldAddr) bool {
	if c, ok := v.(*ssa.Const); ok && c.Value != nil && c.Value.Kind() == constant.Int {
		return constant.Sign(c.Value) == 0
	}
	bin, ok := v.(*ssa.BinOp)
	if !ok || bin.Op != token.SUB {
		return false
	}
	load, ok := bin.X.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return false
	}
	src, ok := load.X.(*ssa.FieldAddr)
	return ok && fieldKey(src) != "" && fieldKey(src) == fieldKey(fa)
}

// leadsBack reports whether b reaches h again: h heads a loop around b.
func leadsBack(b, h *ssa.BasicBlock) bool {
	seen := map[*ssa.BasicBlock]bool{}
	work := []*ssa.BasicBlock{b}
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		for _, s := range x.Succs {
			if s == h {
				return true
			}
			if !seen[s] {
				seen[s] = true
				work = append(work, s)
			}
		}
	}
	return false
}

// isAlloc reports whether v is memory the function allocated itself.
func isAlloc(v ssa.Value) bool {
	_, ok := v.(*ssa.Alloc)
	return ok
}

// waitsForParam reports whether a loop around b (a header that
// dominates b and that b leads back to) tests a parameter of fn other
// than its receiver: what the waiter waits for is its caller's own.
func waitsForParam(fn *ssa.Function, b *ssa.BasicBlock) bool {
	params := fn.Params
	if fn.Signature.Recv() != nil && len(params) > 0 {
		params = params[1:]
	}
	if len(params) == 0 {
		return false
	}
	for d, n := b.Idom(), 0; d != nil && n < 4; d, n = d.Idom(), n+1 {
		last, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
		if ok && len(d.Succs) == 2 && leadsBack(b, d) && dependsOn(last.Cond, params, 6) {
			return true
		}
	}
	return false
}

// dependsOn reports whether v is computed from one of params, looking
// depth operands deep.
func dependsOn(v ssa.Value, params []*ssa.Parameter, depth int) bool {
	for _, p := range params {
		if v == ssa.Value(p) {
			return true
		}
	}
	instr, ok := v.(ssa.Instruction)
	if !ok || depth == 0 {
		return false
	}
	if _, isPhi := v.(*ssa.Phi); isPhi {
		return false
	}
	for _, op := range instr.Operands(nil) {
		if *op != nil && dependsOn(*op, params, depth-1) {
			return true
		}
	}
	return false
}
