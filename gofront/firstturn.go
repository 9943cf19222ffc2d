package gofront

import (
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// firstTurn describes the If ending b when it tests a loop's first-turn
// flag: a local bool that enters the loop (an SSA φ in the loop's head)
// with one constant and is set to the other only on the edges from some
// blocks inside the loop. It returns the loop's head, those blocks, and
// the If's successor the changed value takes; nil for any other test.
// prometheus's TestGoCollectorGC sets first = false and closes waitCh in
// one block; the loop's break is reached only once first is false, so
// never before the close.
func firstTurn(b *ssa.BasicBlock) (head *ssa.BasicBlock, changed []*ssa.BasicBlock, succ int) {
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return nil, nil, 0
	}
	cond, not := iff.Cond, false
	for {
		u, ok := cond.(*ssa.UnOp)
		if !ok || u.Op != token.NOT {
			break
		}
		cond, not = u.X, !not
	}
	phi, ok := cond.(*ssa.Phi)
	if !ok || !types.Identical(phi.Type().Underlying(), types.Typ[types.Bool]) {
		return nil, nil, 0
	}
	head = phi.Block()
	var entry *bool
	var sets [2][]*ssa.BasicBlock // by value: false, true
	for k, v := range phi.Edges {
		if v == phi {
			continue // unchanged on this edge
		}
		c, ok := v.(*ssa.Const)
		if !ok || c.Value == nil || c.Value.Kind() != constant.Bool {
			return nil, nil, 0
		}
		val, pred := constant.BoolVal(c.Value), head.Preds[k]
		if !blockReaches(head, pred) {
			if entry != nil && *entry != val {
				return nil, nil, 0
			}
			entry = &val
			continue
		}
		i := 0
		if val {
			i = 1
		}
		sets[i] = append(sets[i], pred)
	}
	if entry == nil {
		return nil, nil, 0
	}
	changedTo := !*entry
	changed = sets[0]
	if changedTo {
		changed = sets[1]
	}
	if len(changed) == 0 {
		return nil, nil, 0
	}
	// Succs[0] is taken when the If's condition, φ negated by not, holds.
	if changedTo == not {
		succ = 1
	}
	return head, changed, succ
}

// blockReaches reports whether to can be reached from from by one or more
// edges.
func blockReaches(from, to *ssa.BasicBlock) bool {
	seen := map[*ssa.BasicBlock]bool{}
	work := append([]*ssa.BasicBlock(nil), from.Succs...)
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		if x == to {
			return true
		}
		if !seen[x] {
			seen[x] = true
			work = append(work, x.Succs...)
		}
	}
	return false
}
