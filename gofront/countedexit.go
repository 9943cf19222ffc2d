package gofront

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// countedExit reports whether the If ending b leaves a loop once a
// counter the loop steps reaches a bound: `done := 0; for { select {
// case <-a: done++; case <-b: done++ }; if done == 2 { return } }` is a
// counted loop with its test in the body (fasthttp's TestShutdown waits
// for three goroutines so). stay is the If's successor that goes on with
// the loop.
//
// The counter is an integer that enters the loop's head as a constant
// and is only ever stepped by a constant inside the loop (φs of itself
// and ±k); the bound is a constant or a value made outside the loop.
func countedExit(b *ssa.BasicBlock) (stay int, ok bool) {
	iff, isIf := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !isIf || len(b.Succs) != 2 {
		return 0, false
	}
	cmp, isBin := iff.Cond.(*ssa.BinOp)
	if !isBin {
		return 0, false
	}
	switch cmp.Op {
	case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
	default:
		return 0, false
	}
	for _, pair := range [][2]ssa.Value{{cmp.X, cmp.Y}, {cmp.Y, cmp.X}} {
		counter, bound := pair[0], pair[1]
		head := counterHead(counter)
		if head == nil || !inLoop(b, head) || definedIn(bound, head) {
			continue
		}
		in0 := b.Succs[0] == head || inLoop(b.Succs[0], head)
		in1 := b.Succs[1] == head || inLoop(b.Succs[1], head)
		switch {
		case in0 && !in1:
			return 0, true
		case in1 && !in0:
			return 1, true
		}
	}
	return 0, false
}

// counterHead is the loop head where v, an integer, enters as a constant
// and is stepped around the loop by constants only; nil when v is not
// such a counter.
func counterHead(v ssa.Value) *ssa.BasicBlock {
	if b, ok := v.Type().Underlying().(*types.Basic); !ok || b.Info()&types.IsInteger == 0 {
		return nil
	}
	var head *ssa.BasicBlock
	stepped := false
	seen := map[ssa.Value]bool{}
	var walk func(v ssa.Value) bool
	walk = func(v ssa.Value) bool {
		if seen[v] {
			return true
		}
		seen[v] = true
		switch x := v.(type) {
		case *ssa.BinOp:
			if x.Op != token.ADD && x.Op != token.SUB {
				return false
			}
			if _, ok := x.Y.(*ssa.Const); ok {
				stepped = true
				return walk(x.X)
			}
			if _, ok := x.X.(*ssa.Const); ok && x.Op == token.ADD {
				stepped = true
				return walk(x.Y)
			}
			return false
		case *ssa.Phi:
			for i, e := range x.Edges {
				if _, isConst := e.(*ssa.Const); isConst {
					// Only the loop's entry may set it: a constant from
					// inside the loop resets the count.
					pred := x.Block().Preds[i]
					if blockReaches(x.Block(), pred) || head != nil && head != x.Block() {
						return false
					}
					head = x.Block()
					continue
				}
				if !walk(e) {
					return false
				}
			}
			return true
		}
		return false
	}
	if !walk(v) || !stepped || head == nil {
		return nil
	}
	return head
}

// inLoop reports whether block x is in the loop headed by head: head
// dominates it and it leads back to head.
func inLoop(x, head *ssa.BasicBlock) bool {
	return head.Dominates(x) && blockReaches(x, head)
}

// definedIn reports whether v is computed inside the loop headed by head
// (a bound that may change from turn to turn).
func definedIn(v ssa.Value, head *ssa.BasicBlock) bool {
	instr, ok := v.(ssa.Instruction)
	if !ok || instr.Block() == nil {
		return false // a constant, parameter, free variable or global
	}
	return instr.Block() == head || inLoop(instr.Block(), head)
}
