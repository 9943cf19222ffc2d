package gofront

import (
	"go/constant"
	"go/token"
	"go/types"

	"github.com/asynclint/asynclint/asyncir"
	"golang.org/x/tools/go/ssa"
)

// edgeOp returns the op that belongs on the edge from b to its succ-th
// successor: the send or receive of a select case (SSA decides the case
// by comparing the select's index, so the case's communication happens on
// the edge into its body), or OpDrain on the edge a receive loop takes
// when the channel is closed (the !ok of v, ok := <-ch, as range does).
func (l *lowerer) edgeOp(b *ssa.BasicBlock, succ int) *asyncir.Op {
	if len(b.Instrs) == 0 {
		return nil
	}
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return nil
	}
	cond, negate := iff.Cond, false
	if u, ok := cond.(*ssa.UnOp); ok && u.Op == token.NOT {
		cond, negate = u.X, true
	}
	switch c := cond.(type) {
	case *ssa.BinOp:
		if c.Op != token.EQL || negate || succ != 0 {
			return nil
		}
		ex, ok := c.X.(*ssa.Extract)
		k, ok2 := c.Y.(*ssa.Const)
		if !ok || !ok2 || ex.Index != 0 || k.Value == nil || k.Value.Kind() != constant.Int {
			return nil
		}
		sel, ok := ex.Tuple.(*ssa.Select)
		i, exact := constant.Int64Val(k.Value)
		if !ok || !exact || i < 0 || int(i) >= len(sel.States) || l.selects[sel] == nil {
			return nil
		}
		st := sel.States[i]
		ch := l.value(st.Chan)
		op := &asyncir.Op{Range: l.rangeOf(st.Pos)}
		op.SetSelect(l.selects[sel])
		if st.Dir == types.SendOnly {
			op.Kind, op.Recv = asyncir.OpSend, ch
			ch.AddUse(asyncir.UseRecv, op)
		} else {
			op.Kind, op.Operand = asyncir.OpAwait, ch
			ch.AddUse(asyncir.UseAwait, op)
			// The value the case receives: the select's tuple holds
			// (index, ok, one value per receive case).
			k := 0
			for _, prev := range sel.States[:i] {
				if prev.Dir != types.SendOnly {
					k++
				}
			}
			if t := l.values[sel]; t != nil && 2+k < len(t.Elems()) && t.Elems()[2+k] != nil {
				op.Result = t.Elems()[2+k]
			}
		}
		return op
	case *ssa.Extract:
		recv, ok := c.Tuple.(*ssa.UnOp)
		if !ok || recv.Op != token.ARROW || !recv.CommaOk || c.Index != 1 {
			return nil
		}
		closed := 1
		if negate {
			closed = 0
		}
		if succ != closed {
			return nil
		}
		ch := l.value(recv.X)
		op := &asyncir.Op{Kind: asyncir.OpDrain, Range: l.rangeOf(recv.Pos()), Operand: ch}
		ch.AddUse(asyncir.UseFor, op)
		return op
	}
	return nil
}
