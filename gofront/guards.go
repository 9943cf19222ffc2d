package gofront

import (
	"go/token"

	"github.com/asynclint/asynclint/asyncir"
	"golang.org/x/tools/go/ssa"
)

// nilGuard is the guard of a block that ends in `if p == nil` or
// `if p != nil` on a parameter p: its true edge is taken only when p is
// (is not) nil, so a caller that passes a channel it made rules the
// other edge out. An *ssa.Parameter operand is the argument itself: a
// parameter the body rebinds or takes the address of reaches the test as
// a phi or a load instead. Nil for any other branch.
func nilGuard(b *ssa.BasicBlock) *asyncir.Guard {
	if len(b.Instrs) == 0 {
		return nil
	}
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return nil
	}
	c, ok := iff.Cond.(*ssa.BinOp)
	if !ok || c.Op != token.EQL && c.Op != token.NEQ {
		return nil
	}
	p, ok := c.X.(*ssa.Parameter)
	k, ok2 := c.Y.(*ssa.Const)
	if !ok || !ok2 {
		p, ok = c.Y.(*ssa.Parameter)
		k, ok2 = c.X.(*ssa.Const)
	}
	if !ok || !ok2 || !k.IsNil() || p.Name() == "_" || p.Name() == "" {
		return nil
	}
	return &asyncir.Guard{Kind: asyncir.GuardIsNone, Param: p.Name(), Not: c.Op == token.NEQ}
}
