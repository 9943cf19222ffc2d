package wraptypes

import (
	"fmt"
	"slices"

	"github.com/asynclint/asynclint/asyncir"
)

// settling are the methods after which a future is done (or, for
// cancel on a Task, about to be): a later result() is not a bug.
var settling = map[string]bool{"done": true, "set_result": true, "set_exception": true, "cancel": true, "cancelled": true}

// checkPendingResult reports AL404: result() or exception() on an
// asyncio future created in the same function that nothing on any path
// to the call can have completed. Known done: awaited, guarded with
// done(), settled with set_result/set_exception, handed to anything (a
// call, a container, another name) that may wait for it, or given a
// chance to run: an await between creation and call in a coroutine, any
// call (which may run the loop) in a synchronous function. Futures that
// arrive as parameters (done callbacks), attributes, or from a done set
// are never reported, and neither are TaskGroup tasks (done when the
// group's block ends).
func checkPendingResult(pass *asyncir.Pass, op *asyncir.Op) {
	if op.Recv == nil || (op.Method != "result" && op.Method != "exception") || len(op.Args) > 0 {
		return
	}
	v := op.Recv
	if v.Type().Kind != asyncir.Instance || v.Type().Await != asyncir.AsyncioFuture {
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
	case d.Kind == asyncir.OpLoad && !d.Global && len(d.Defs()) > 0:
		for _, st := range d.Defs() {
			if st.Operand == nil || st.Operand.Def == nil || st.Operand.Def.Kind != asyncir.OpCall || !created(st.Operand.Def) {
				return
			}
		}
		if op.Func().Captured[d.Var] || mayBeDone(op, d.Var) {
			return
		}
		for _, st := range d.Defs() {
			if progressBetween(st, op, d.Var) || aliasMayBeDone(st, op, d.Var) {
				return
			}
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

// aliasMayBeDone reports whether the future that st stores in the local v
// has another name that may complete it before the call: the attribute of
// a chained assignment (w = obj.attr = loop.create_future()) when some
// path to the call settles obj.attr or hands obj on, or any other place
// the future was put (a container, an argument).
func aliasMayBeDone(st, call *asyncir.Op, v string) bool {
	for _, u := range st.Operand.Uses {
		switch {
		case u.Op == st || u.Op.Kind == asyncir.OpStore && u.Op.Var != "":
		case u.Op.Kind == asyncir.OpStore && u.Op.Attr != "" && u.Op.Recv != nil && u.Op.Recv.Def != nil && u.Op.Recv.Def.Kind == asyncir.OpLoad:
			if attrMayBeDone(u.Op, st, call, v) {
				return true
			}
		case settles(u) && asyncir.ReachableWithout(u.Op, call, v):
			return true
		}
	}
	return false
}

// attrMayBeDone reports whether, after st stored the future in v and
// store in obj.attr, a path to the call settles obj.attr (awaits it, sets
// its result, checks done(), hands it on) or passes obj to a call that
// might.
func attrMayBeDone(store, st, call *asyncir.Op, v string) bool {
	obj := store.Recv.Def.Var
	isObj := func(x *asyncir.Value) bool {
		return x != nil && x.Def != nil && x.Def.Kind == asyncir.OpLoad && x.Def.Var == obj
	}
	found := false
	call.Func().Ops(func(op *asyncir.Op) {
		if found || op == store || op == call || !asyncir.ReachableWithout(st, op, v) || !asyncir.ReachableWithout(op, call, v) {
			return
		}
		switch op.Kind {
		case asyncir.OpAttr:
			if op.Attr == store.Attr && isObj(op.Recv) {
				for _, u := range op.Result.Uses {
					found = found || settles(u)
				}
			}
		case asyncir.OpCall:
			found = isObj(op.Recv) || slices.ContainsFunc(op.Args, isObj)
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

// progressBetween reports whether, between the store of v and the call,
// the loop may run the future to completion: a coroutine suspends at
// await, async for and async with; a synchronous function may run the
// loop in any call (run_until_complete, run_forever, a test helper).
func progressBetween(st, call *asyncir.Op, v string) bool {
	f := call.Func()
	found := false
	f.Ops(func(op *asyncir.Op) {
		if found || op == call || !progress(op, f.IsAsync(), v) {
			return
		}
		found = asyncir.ReachableWithout(st, op, v) && asyncir.ReachableWithout(op, call, v)
	})
	return found
}

func progress(op *asyncir.Op, async bool, v string) bool {
	switch op.Kind {
	case asyncir.OpAwait:
		return true
	case asyncir.OpWith, asyncir.OpFor:
		return op.Async
	case asyncir.OpYield:
		return true
	case asyncir.OpCall:
		if async {
			return false
		}
		// The future's own methods (result, add_done_callback, ...) do
		// not run the loop.
		r := op.Recv
		return r == nil || r.Def == nil || r.Def.Kind != asyncir.OpLoad || r.Def.Var != v
	}
	return false
}
