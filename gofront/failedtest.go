package gofront

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// failedTestSucc is the successor of the If ending b (an index into
// b.Succs) that runs only once the running test has failed: the false
// side of a check that returns false when it failed the test
// (if !assert.NoError(t, err) { return }, pion/transport's TestUDPConn);
// -1 when the If tests no such check.
func (l *lowerer) failedTestSucc(b *ssa.BasicBlock) int {
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return -1
	}
	cond, failed := iff.Cond, 1 // the If's false edge
	if u, ok := cond.(*ssa.UnOp); ok && u.Op == token.NOT {
		cond, failed = u.X, 0
	}
	call, ok := cond.(*ssa.Call)
	if !ok {
		return -1
	}
	if m := l.models.API(externalName(&call.Call)); m == nil || !m.FailsTestWhenFalse {
		return -1
	}
	return failed
}
