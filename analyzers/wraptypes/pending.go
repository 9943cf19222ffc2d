package wraptypes

import (
	"fmt"

	"github.com/asynclint/asynclint/asyncir"
)

// settling are the methods after which a future is done (or, for
// cancel on a Task, about to be): a later result() is not a bug.
var settling = map[string]bool{"done": true, "set_result": true, "set_exception": true, "cancel": true, "cancelled": true}

// checkPendingResult reports AL404: result() or exception() on an
// asyncio future created in the same function that is not known to be
// done on some path to the call. Known done: awaited, guarded with
// done(), settled with set_result/set_exception, or handed to anything
// (a call, a container, another name) that may wait for it. Futures that
// arrive as parameters (done callbacks), attributes, or from a done set
// are never reported, and neither are TaskGroup tasks (done when the
// group's block ends).
func checkPendingResult(pass *asyncir.Pass, op *asyncir.Op) {
	if op.Recv == nil || (op.Method != "result" && op.Method != "exception") || len(op.Args) > 0 {
		return
	}
	v := op.Recv
	if v.Type.Kind != asyncir.Instance || v.Type.Await != asyncir.AsyncioFuture {
		return
	}
	d := v.Def
	switch {
	case d == nil:
		return
	case d.Kind == asyncir.OpCall:
		if !created(d) {
			return
		}
	case d.Kind == asyncir.OpLoad && !d.Global && len(d.Defs) > 0:
		for _, st := range d.Defs {
			if st.Operand == nil || st.Operand.Def == nil || st.Operand.Def.Kind != asyncir.OpCall || !created(st.Operand.Def) {
				return
			}
		}
		if op.Func().Captured[d.Var] || mayBeDone(op, d.Var) {
			return
		}
	default:
		return
	}
	pass.Report(asyncir.Diagnostic{Code: "AL404", Severity: asyncir.SeverityError, Range: op.Range,
		Message: fmt.Sprintf("`.%s()` on asyncio future %s, which is not known to be done here; on a pending future it raises InvalidStateError; `await` it first", op.Method, describe(v))})
}

// created reports a call that makes a new pending asyncio future.
func created(call *asyncir.Op) bool {
	switch call.External {
	case "asyncio.create_task", "asyncio.ensure_future", "asyncio.AbstractEventLoop.create_task",
		"asyncio.AbstractEventLoop.create_future", "asyncio.AbstractEventLoop.run_in_executor",
		"asyncio.Future", "asyncio.Task", "asyncio.gather", "asyncio.shield":
		return true
	}
	return false
}

// mayBeDone reports whether, on some path to the call, the local v may
// have been completed: some load of v that can reach call (without v
// being rebound) is awaited, settled, checked with done(), or handed on.
func mayBeDone(call *asyncir.Op, v string) bool {
	found := false
	call.Func().Ops(func(op *asyncir.Op) {
		if found || op.Kind != asyncir.OpLoad || op.Var != v || op.Global || op.Result == call.Recv {
			return
		}
		for _, u := range op.Result.Uses {
			if !settles(u) {
				continue
			}
			if asyncir.ReachableWithout(u.Op, call, v) {
				found = true
				return
			}
		}
	})
	return found
}

// settles reports a use after which the future may be done.
func settles(u asyncir.Use) bool {
	switch u.Kind {
	case asyncir.UseRecv:
		return u.Op.Kind == asyncir.OpCall && settling[u.Op.Method]
	case asyncir.UseCompare, asyncir.UseDiscard:
		return false
	}
	// Awaited, passed to a call, stored, returned, yielded, used in a
	// condition: assume it may be done afterwards.
	return true
}
