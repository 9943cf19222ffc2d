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
// blocks inside the loop, or a local that enters with a sentinel constant
// the If compares it with and is set to any other value there. It returns the loop's head, those blocks, and
// the If's successor the changed value takes; nil for any other test.
// prometheus's TestGoCollectorGC sets first = false and closes waitCh in
// one block; the loop's break is reached only once first is false, so
// never before the close.
func firstTurn(b *ssa.BasicBlock) (head *ssa.BasicBlock, changed []*ssa.BasicBlock, succ int) {
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return nil, nil, 0
	}
	cond, not := withoutNot(iff.Cond)
	// The flag is a bool φ, or a φ compared with a sentinel constant
	// (old := -1; … if old == -1 { old = v; close(ready); continue }).
	var phi *ssa.Phi
	var sentinel *ssa.Const
	switch c := cond.(type) {
	case *ssa.Phi:
		if !types.Identical(c.Type().Underlying(), types.Typ[types.Bool]) {
			return nil, nil, 0
		}
		phi = c
	case *ssa.BinOp:
		if c.Op != token.EQL && c.Op != token.NEQ {
			return nil, nil, 0
		}
		x, y := c.X, c.Y
		if _, ok := x.(*ssa.Const); ok {
			x, y = y, x
		}
		p, ok1 := x.(*ssa.Phi)
		k, ok2 := y.(*ssa.Const)
		if !ok1 || !ok2 || k.Value == nil {
			return nil, nil, 0
		}
		phi, sentinel = p, k
		not = not != (c.Op == token.NEQ)
	default:
		return nil, nil, 0
	}
	// holds is the condition's value (before not) for an incoming value:
	// known for constants; any other value is not the sentinel.
	holds := func(v ssa.Value) (val, known bool) {
		c, ok := v.(*ssa.Const)
		if sentinel == nil {
			if !ok || c.Value == nil || c.Value.Kind() != constant.Bool {
				return false, false
			}
			return constant.BoolVal(c.Value), true
		}
		if !ok || c.Value == nil {
			return false, true
		}
		return constant.Compare(c.Value, token.EQL, sentinel.Value), true
	}
	head = phi.Block()
	var entry *bool
	var sets [2][]*ssa.BasicBlock // by the condition's value: false, true
	for k, v := range phi.Edges {
		if v == phi {
			continue // unchanged on this edge
		}
		val, known := holds(v)
		pred := head.Preds[k]
		if !blockReaches(head, pred) {
			if _, isConst := v.(*ssa.Const); !known || !isConst || entry != nil && *entry != val {
				return nil, nil, 0
			}
			entry = &val
			continue
		}
		if !known {
			return nil, nil, 0
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
	// Succs[0] is taken when the If's condition (the flag's, negated by
	// not) holds.
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
