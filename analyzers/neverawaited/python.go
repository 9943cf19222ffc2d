package neverawaited

import (
	"fmt"

	"github.com/asynclint/asynclint/asyncir"
)

var pythonRules = []*asyncir.Rule{
	{Code: "AL101", Name: "unawaited-coroutine", Summary: "coroutine created but never awaited, scheduled or handed on",
		Severity: asyncir.SeverityError, Status: asyncir.StatusStable, Since: "0.1.0", Language: asyncir.Python, Fix: asyncir.FixAvailable(asyncir.Safe)},
	{Code: "AL102", Name: "dangling-task", Summary: "task created and its only reference dropped",
		Severity: asyncir.SeverityWarning, Status: asyncir.StatusStable, Since: "0.1.0", Language: asyncir.Python},
	{Code: "AL103", Name: "reused-coroutine", Summary: "the same coroutine object awaited or scheduled twice",
		Severity: asyncir.SeverityError, Status: asyncir.StatusStable, Since: "0.1.0", Language: asyncir.Python},
	{Code: "AL104", Name: "coroutine-function-as-callback", Summary: "coroutine function passed where a plain callable is called",
		Severity: asyncir.SeverityError, Status: asyncir.StatusStable, Since: "0.1.0", Language: asyncir.Python},
	{Code: "AL105", Name: "sync-protocol-on-async-object", Summary: "with or for used on an object that only supports async with or async for",
		Severity: asyncir.SeverityError, Status: asyncir.StatusStable, Since: "0.1.0", Language: asyncir.Python},
}

func runPython(pass *asyncir.Pass) error {
	m := pass.Module
	if !m.Lowered {
		return nil
	}
	for _, f := range m.Funcs {
		f.Ops(func(op *asyncir.Op) {
			switch op.Kind {
			case asyncir.OpCall:
				checkCreated(pass, op)
				checkCallback(pass, op)
			case asyncir.OpStore:
				checkReuse(pass, op)
			case asyncir.OpWith, asyncir.OpFor:
				checkProtocol(pass, op)
			}
		})
	}
	return nil
}

// describe names what produced an awaitable, for messages.
func describe(t asyncir.Type, op *asyncir.Op) string {
	switch {
	case t.Origin != nil && op.Callee != nil && op.Callee != t.Origin && op.Callee.Kind == asyncir.Sync:
		// A synchronous wrapper hands out another function's coroutine.
		return "`" + t.Origin.QualName + "` (returned by `" + op.Callee.QualName + "`)"
	case t.Origin != nil:
		return "`" + t.Origin.QualName + "`"
	case t.OriginName != "":
		return "`" + t.OriginName + "`"
	case op.Callee != nil:
		return "`" + op.Callee.QualName + "`"
	case op.External != "":
		return "`" + op.External + "`"
	}
	return op.Method
}

// checkCreated reports AL101 and AL102 on a call whose awaitable result is
// dropped or parked in a local that is lost.
func checkCreated(pass *asyncir.Pass, op *asyncir.Op) {
	if op.ExpectRaise {
		return
	}
	v := op.Result
	t := v.Type()
	api := pass.Program.Models.API(op.External)
	switch {
	case t.Await == asyncir.Coroutine:
		name := describe(t, op)
		if discarded(v) {
			d := asyncir.Diagnostic{Code: "AL101", Severity: asyncir.SeverityError, Range: op.Range,
				Message: fmt.Sprintf("coroutine %s is created but never awaited; its body never runs", name)}
			if f := op.Func(); f.IsAsync() {
				d.Fixes = []asyncir.Fix{{Title: "Add `await`", Applicability: asyncir.Safe,
					Edits: []asyncir.Edit{{Range: asyncir.Range{File: op.Range.File, Start: op.Range.Start, End: op.Range.Start}, NewText: "await "}}}}
			}
			pass.Report(d)
			return
		}
		if st, lost, witness := lostInLocal(v, pass.Program.Models); lost {
			d := asyncir.Diagnostic{Code: "AL101", Severity: asyncir.SeverityError, Range: op.Range,
				Message: fmt.Sprintf("coroutine %s is stored in `%s` but, on some path, never awaited; its body never runs", name, st.Var)}
			switch {
			case witness == nil:
			case witness.Kind == asyncir.OpStore && witness.Var == st.Var:
				d.Related = []asyncir.Related{{Range: witness.Range, Message: fmt.Sprintf("`%s` is overwritten here before it is awaited", st.Var)}}
			default:
				d.Related = []asyncir.Related{{Range: witness.Range, Message: fmt.Sprintf("when this raises, the exception handler goes on without awaiting `%s`", st.Var)}}
			}
			pass.Report(d)
		}
	case api != nil && api.Spawns && t.Await == asyncir.AsyncioFuture && !passesFuture(api, op) && !doneAtFirstStep(pass.Program.Models, op):
		if discarded(v) {
			pass.Report(asyncir.Diagnostic{Code: "AL102", Severity: asyncir.SeverityWarning, Range: op.Range,
				Message: fmt.Sprintf("task created by `%s` is not referenced; the event loop keeps only a weak reference and may destroy it before it finishes", shortName(op))})
			return
		}
		if st := neverRead(v); st != nil {
			pass.Report(asyncir.Diagnostic{Code: "AL102", Severity: asyncir.SeverityWarning, Range: op.Range,
				Message: fmt.Sprintf("task created by `%s` is stored in `%s`, which is never read; the event loop keeps only a weak reference and may destroy it before it finishes", shortName(op), st.Var)})
		}
	case op.External == "asyncio.gather" && discarded(v):
		pass.Report(asyncir.Diagnostic{Code: "AL101", Severity: asyncir.SeverityError, Range: op.Range,
			Message: "result of `asyncio.gather` is never awaited; its exceptions are never retrieved and nothing waits for its tasks"})
	}
}

// passesFuture reports whether the spawning call is given a future it
// returns unchanged (ensure_future(loop.run_in_executor(...))): no task
// is created, and whoever made the future keeps it alive.
func passesFuture(api *asyncir.APIModel, op *asyncir.Op) bool {
	arg := op.Arg(0, "coro_or_future")
	return api.PassesFutures && arg != nil && arg.Type().Await == asyncir.AsyncioFuture
}

// doneAtFirstStep reports whether the spawning call is given a coroutine
// that finishes without suspending (ensure_future(queue.put(x)) on a
// queue that cannot fill): the loop holds the new task strongly until
// its first step, which ends it.
func doneAtFirstStep(models *asyncir.Models, op *asyncir.Op) bool {
	arg := op.Arg(0, "coro")
	if arg == nil {
		arg = op.Keyword("coro_or_future")
	}
	return arg != nil && arg.Def != nil && models.FinishesAtOnce(arg.Def)
}

func shortName(op *asyncir.Op) string {
	if op.External == "asyncio.AbstractEventLoop.create_task" {
		return "loop.create_task"
	}
	return op.External
}

// discarded reports whether an expression statement drops v.
func discarded(v *asyncir.Value) bool {
	for _, u := range v.Uses {
		if u.Kind == asyncir.UseDiscard {
			return true
		}
	}
	return false
}

// lostInLocal reports whether v's only uses are stores to locals and one
// of them can reach the function's end, or a redefinition, unread.
func lostInLocal(v *asyncir.Value, models *asyncir.Models) (*asyncir.Op, bool, *asyncir.Op) {
	stores := localStores(v)
	if stores == nil {
		return nil, false, nil
	}
	for _, st := range stores {
		if lost, w := asyncir.UnusedOnSomePath(st, models.NeverRaises); lost {
			return st, true, w
		}
	}
	return nil, false, nil
}

// localStores returns the local stores of v when those are all its uses.
func localStores(v *asyncir.Value) []*asyncir.Op {
	var out []*asyncir.Op
	for _, u := range v.Uses {
		if u.Kind != asyncir.UseStore || u.Op.Kind != asyncir.OpStore || u.Op.Var == "" || u.Op.Global {
			return nil
		}
		out = append(out, u.Op)
	}
	return out
}

// neverRead returns the store of v into a local that no load ever reads.
func neverRead(v *asyncir.Value) *asyncir.Op {
	stores := localStores(v)
	if len(stores) != 1 {
		return nil
	}
	st := stores[0]
	f := st.Func()
	if f.Captured[st.Var] {
		return nil
	}
	read := false
	f.Ops(func(op *asyncir.Op) {
		if op.Kind == asyncir.OpLoad && op.Var == st.Var {
			read = true
		}
	})
	if read {
		return nil
	}
	return st
}

// checkReuse reports AL103: the coroutine stored by st is consumed twice
// on one path.
func checkReuse(pass *asyncir.Pass, st *asyncir.Op) {
	if st.Var == "" || st.Global || st.Operand == nil || st.Operand.Type().Await != asyncir.Coroutine {
		return
	}
	var consumers []*asyncir.Op
	st.Func().Ops(func(op *asyncir.Op) {
		if op.Kind != asyncir.OpLoad || op.Var != st.Var || !defines(op, st) {
			return
		}
		for _, u := range op.Result.Uses {
			if consumes(pass, u) && !u.Op.ExpectRaise {
				consumers = append(consumers, u.Op)
			}
		}
	})
	reported := map[*asyncir.Op]bool{}
	for _, first := range consumers {
		for _, second := range consumers {
			if reported[second] || !asyncir.ReachableWithout(first, second, st.Var) {
				continue
			}
			reported[second] = true
			again := "awaited again"
			var related []asyncir.Related
			if first == second {
				again = "awaited again on the next iteration of the loop"
			} else {
				related = []asyncir.Related{{Range: first.Range, Message: "first awaited or scheduled here"}}
			}
			pass.Report(asyncir.Diagnostic{Code: "AL103", Severity: asyncir.SeverityError, Range: second.Range,
				Message: fmt.Sprintf("coroutine %s in `%s` is %s; a coroutine object runs only once", describe(st.Operand.Type(), st.Operand.Def), st.Var, again),
				Related: related})
		}
	}
}

func defines(load, store *asyncir.Op) bool {
	for _, d := range load.Defs() {
		if d == store {
			return true
		}
	}
	return false
}

// consumes reports whether a use runs the coroutine: await, or passing it
// to an API that schedules it.
func consumes(pass *asyncir.Pass, u asyncir.Use) bool {
	switch u.Kind {
	case asyncir.UseAwait:
		return true
	case asyncir.UseArg:
		api := pass.Program.Models.API(u.Op.External)
		return api != nil && api.Schedules
	}
	return false
}

// CallbackAPI returns the model of a call that takes a callback; see
// asyncir.Models.CallbackAPI.
func CallbackAPI(models *asyncir.Models, op *asyncir.Op) *asyncir.APIModel {
	return models.CallbackAPI(op)
}

// checkCallback reports AL104.
func checkCallback(pass *asyncir.Pass, op *asyncir.Op) {
	api := CallbackAPI(pass.Program.Models, op)
	if api == nil {
		return
	}
	arg := op.Arg(api.Callback, api.CallbackKeyword)
	if api.CallbackKeyword != "" {
		if kw := op.Keyword(api.CallbackKeyword); kw != nil {
			arg = kw
		}
	}
	if arg == nil {
		return
	}
	name, ok := coroutineCallable(pass, arg)
	if !ok {
		return
	}
	pass.Report(asyncir.Diagnostic{Code: "AL104", Severity: asyncir.SeverityError, Range: arg.Def.Range,
		Message: fmt.Sprintf("coroutine function `%s` is passed to `%s`, which calls it and drops the coroutine; its body never runs", name, apiShort(api.Name))})
}

func apiShort(name string) string {
	for _, p := range []string{"asyncio.AbstractEventLoop.", "asyncio.Future."} {
		if len(name) > len(p) && name[:len(p)] == p {
			if p == "asyncio.Future." {
				return "Future." + name[len(p):]
			}
			return "loop." + name[len(p):]
		}
	}
	return name
}

// coroutineCallable reports whether calling v returns a coroutine: a
// coroutine function, a lambda or function returning one, or
// functools.partial of one.
func coroutineCallable(pass *asyncir.Pass, v *asyncir.Value) (string, bool) {
	t := v.Type()
	switch {
	case t.Kind == asyncir.FuncObj && t.Func != nil && t.Func.CallResult.Await == asyncir.Coroutine:
		return t.Func.QualName, true
	case t.Kind == asyncir.FuncObj && t.External != "":
		if api := pass.Program.Models.API(t.External); api != nil && api.ReturnsAwait == asyncir.Coroutine && api.ReturnsClass == "" {
			return t.External, true
		}
	}
	if d := v.Def; d != nil && d.Kind == asyncir.OpCall && d.External == "functools.partial" && len(d.Args) > 0 {
		if name, ok := coroutineCallable(pass, d.Args[0]); ok {
			return name, true
		}
	}
	return "", false
}

// checkProtocol reports AL105.
func checkProtocol(pass *asyncir.Pass, op *asyncir.Op) {
	if op.Async || op.Operand == nil || op.ExpectRaise {
		return
	}
	t := op.Operand.Type()
	models := pass.Program.Models
	stmt, need := "with", "async with"
	if op.Kind == asyncir.OpFor {
		stmt, need = "for", "async for"
	}
	var what string
	switch {
	case t.Kind != asyncir.Instance:
		return
	case op.Kind == asyncir.OpFor && t.Await == asyncir.AsyncIterator:
		name := t.Name()
		if t.Origin != nil {
			name = t.Origin.QualName
		}
		what = "async generator `" + name + "`"
	case t.External != "":
		cm := models.Class(t.External)
		if cm == nil || (op.Kind == asyncir.OpWith && !cm.AsyncContextOnly) || (op.Kind == asyncir.OpFor && !cm.AsyncIterOnly) {
			return
		}
		what = "`" + t.External + "`"
	case t.Class != nil:
		if !onlyAsyncProtocol(t.Class, op.Kind == asyncir.OpWith) {
			return
		}
		what = "`" + t.Class.QualName + "`"
	default:
		return
	}
	pass.Report(asyncir.Diagnostic{Code: "AL105", Severity: asyncir.SeverityError, Range: op.Range,
		Message: fmt.Sprintf("`%s` used on %s, which only supports `%s`", stmt, what, need)})
}

// harmlessBases provide neither protocol.
var harmlessBases = map[string]bool{"builtins.object": true, "abc.ABC": true, "typing.Generic": true, "typing.Protocol": true}

// onlyAsyncProtocol reports whether a fully known class has the async
// context (or iteration) protocol and not the synchronous one.
func onlyAsyncProtocol(c *asyncir.Class, ctx bool) bool {
	if !c.FullyKnown() {
		return false
	}
	for _, ext := range c.ExternalAncestors() {
		if !harmlessBases[ext] {
			return false
		}
	}
	if ctx {
		return c.LookupMethod("__aenter__") != nil && c.LookupMethod("__enter__") == nil
	}
	return c.LookupMethod("__aiter__") != nil && c.LookupMethod("__iter__") == nil && c.LookupMethod("__getitem__") == nil
}
