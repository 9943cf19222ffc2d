package looppassing

import (
	"fmt"

	"github.com/asynclint/asynclint/asyncir"
)

const (
	getEventLoop       = "asyncio.get_event_loop"
	policyGetEventLoop = "asyncio.AbstractEventLoopPolicy.get_event_loop"
)

// checkGetEventLoop reports AL302 where a loop is running (a coroutine, a
// loop callback, or a synchronous function only ever called from those)
// and AL303
// where none is (module level, or a function that goes on to start the
// loop it got).
func checkGetEventLoop(pass *asyncir.Pass, g *graph, op *asyncir.Op) {
	if op.External != getEventLoop && op.External != policyGetEventLoop {
		return
	}
	f := op.Func()
	call := "asyncio.get_event_loop()"
	if op.External == policyGetEventLoop {
		call = "asyncio.get_event_loop_policy().get_event_loop()"
	}
	switch {
	case f.IsAsync():
		d := asyncir.Diagnostic{Code: "AL302", Severity: asyncir.SeverityWarning, Range: op.Range,
			Message: fmt.Sprintf("`%s` in coroutine `%s` returns the loop the policy holds, not necessarily the running one; use `asyncio.get_running_loop()`", call, f.QualName)}
		d.Fixes = runningLoopFix(op, asyncir.Safe)
		pass.Report(d)
	case g.onLoop[f]:
		d := asyncir.Diagnostic{Code: "AL302", Severity: asyncir.SeverityWarning, Range: op.Range,
			Message: fmt.Sprintf("`%s` in `%s`, which only runs on the event loop, returns the loop the policy holds, not necessarily the running one; use `asyncio.get_running_loop()`", call, f.QualName)}
		if cs := g.callers[f]; len(cs) > 0 {
			d.Related = append(d.Related, asyncir.Related{Range: cs[0].Range, Message: fmt.Sprintf("called from `%s`", cs[0].Func().QualName)})
		}
		if s := g.scheduled[f]; s != nil {
			d.Related = append(d.Related, asyncir.Related{Range: s.Range, Message: "scheduled as an event loop callback here"})
		}
		// Unsafe: a caller we cannot see (reflection, another thread)
		// would get RuntimeError instead of a loop.
		d.Fixes = runningLoopFix(op, asyncir.Unsafe)
		pass.Report(d)
	case op.External == getEventLoop && f == f.Module.Body, op.External == getEventLoop && startsLoopOn(op.Result):
		sev, consequence := asyncir.SeverityWarning, "deprecated when no loop is set (DeprecationWarning) and a RuntimeError from Python 3.14"
		if pass.Config.TargetVersion >= 314 {
			sev, consequence = asyncir.SeverityError, "it raises RuntimeError on Python 3.14 and later when no loop is set"
		}
		pass.Report(asyncir.Diagnostic{Code: "AL303", Severity: sev, Range: op.Range,
			Message: fmt.Sprintf("`asyncio.get_event_loop()` is called where no event loop is running; %s; use `asyncio.run()` or `asyncio.new_event_loop()`", consequence)})
	}
}

// startsLoopOn reports whether the loop v is run with run_until_complete
// or run_forever in the same function (directly or through one local):
// evidence that no loop was running where v was obtained.
func startsLoopOn(v *asyncir.Value) bool {
	starts := func(u asyncir.Use) bool {
		return u.Kind == asyncir.UseRecv && u.Op.Kind == asyncir.OpCall && (u.Op.Method == "run_until_complete" || u.Op.Method == "run_forever")
	}
	for _, u := range v.Uses {
		if starts(u) {
			return true
		}
		if u.Kind != asyncir.UseStore || u.Op.Kind != asyncir.OpStore || u.Op.Var == "" || u.Op.Global {
			continue
		}
		st := u.Op
		found := false
		st.Func().Ops(func(op *asyncir.Op) {
			if found || op.Kind != asyncir.OpLoad || op.Var != st.Var || !reaches(op, st) {
				return
			}
			for _, lu := range op.Result.Uses {
				if starts(lu) {
					found = true
				}
			}
		})
		if found {
			return true
		}
	}
	return false
}

func reaches(load, store *asyncir.Op) bool {
	for _, d := range load.Defs {
		if d == store {
			return true
		}
	}
	return false
}

// runningLoopFix renames get_event_loop to get_running_loop in
// "asyncio.get_event_loop()" (any receiver spelling of the asyncio
// module). It is offered only when the call's text is exactly
// "<recv>.get_event_loop()": the method name then starts one byte after
// the receiver, with no room for whitespace or comments.
func runningLoopFix(op *asyncir.Op, a asyncir.Applicability) []asyncir.Fix {
	if op.External != getEventLoop || op.Recv == nil || op.Recv.Def == nil || len(op.Args) > 0 || len(op.Keywords) > 0 {
		return nil
	}
	const name = "get_event_loop"
	r := op.Recv.Def.Range
	if r.End.Line != op.Range.End.Line || op.Range.End.Offset-r.End.Offset != 1+len(name)+2 {
		return nil
	}
	start := asyncir.Pos{Line: r.End.Line, Col: r.End.Col + 1, Offset: r.End.Offset + 1}
	end := asyncir.Pos{Line: start.Line, Col: start.Col + len(name), Offset: start.Offset + len(name)}
	return []asyncir.Fix{{Title: "Replace with `get_running_loop()`", Applicability: a,
		Edits: []asyncir.Edit{{Range: asyncir.Range{File: op.Range.File, Start: start, End: end}, NewText: "get_running_loop"}}}}
}
