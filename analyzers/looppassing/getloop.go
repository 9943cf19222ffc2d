package looppassing

import (
	"fmt"
	"slices"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
)

const (
	getEventLoop       = "asyncio.get_event_loop"
	policyGetEventLoop = "asyncio.AbstractEventLoopPolicy.get_event_loop"
)

// checkGetEventLoop reports AL302 where a loop is running (a coroutine, or
// a private or nested synchronous function that only runs on the event
// loop) and AL303 where none is (module level, or a function that goes on
// to start the loop it got).
func checkGetEventLoop(pass *asyncir.Pass, g *graph, op *asyncir.Op) {
	if op.External != getEventLoop && op.External != policyGetEventLoop {
		return
	}
	f := op.Func()
	switch {
	case inFeatureFallback(op):
		// Where asyncio.get_running_loop() is missing (3.6).
	case f.IsAsync():
		pass.Report(runningLoopDiagnostic(op, "coroutine `"+f.QualName+"`", asyncir.Safe))
	case g.onLoop[f] && knownCallers(f):
		d := runningLoopDiagnostic(op, "`"+f.QualName+"`, which only runs on the event loop,", asyncir.Unsafe)
		if cs := g.callers[f]; len(cs) > 0 {
			d.Related = append(d.Related, asyncir.Related{Range: cs[0].Range, Message: fmt.Sprintf("called from `%s`", cs[0].Func().QualName)})
		}
		if s := g.scheduled[f]; s != nil {
			d.Related = append(d.Related, asyncir.Related{Range: s.Range, Message: "scheduled as an event loop callback here"})
		}
		pass.Report(d)
	case op.External == getEventLoop && (f == f.Module.Body || startsLoopOn(op.Result)) && !loopProvided(op) && op.Block.Versions.RunsFrom(pass.Config.TargetVersion):
		sev, consequence := asyncir.SeverityWarning, "deprecated when no loop is set (DeprecationWarning) and a RuntimeError from Python 3.14"
		if pass.Config.TargetVersion >= 314 {
			sev, consequence = asyncir.SeverityError, "it raises RuntimeError on Python 3.14 and later when no loop is set"
		}
		pass.Report(asyncir.Diagnostic{Code: "AL303", Severity: sev, Range: op.Range,
			Message: fmt.Sprintf("`asyncio.get_event_loop()` is called where no event loop is running; %s; use `asyncio.run()` or `asyncio.new_event_loop()`", consequence)})
	}
}

// runningLoopDiagnostic is AL302 for op, which runs where the loop is
// running (where says in what). asyncio.get_event_loop() then returns the
// running loop on every Python version: a style finding, with the fix.
// The policy's get_event_loop() ignores the running loop: a warning.
// A fix that changes a caller asynclint cannot see (another thread,
// reflection) from getting a loop to getting RuntimeError is unsafe.
func runningLoopDiagnostic(op *asyncir.Op, where string, fix asyncir.Applicability) asyncir.Diagnostic {
	if op.External == policyGetEventLoop {
		return asyncir.Diagnostic{Code: "AL302", Severity: asyncir.SeverityWarning, Range: op.Range,
			Message: fmt.Sprintf("`asyncio.get_event_loop_policy().get_event_loop()` in %s ignores the running loop: it returns the loop set for the thread, which may be another one; use `asyncio.get_running_loop()`", where)}
	}
	return asyncir.Diagnostic{Code: "AL302", Severity: asyncir.SeverityInfo, Range: op.Range,
		Message: fmt.Sprintf("`asyncio.get_event_loop()` in %s returns the running loop; `asyncio.get_running_loop()` says so and cannot create a loop by accident", where),
		Fixes:   runningLoopFix(op, fix)}
}

// knownCallers reports whether the program can hold every caller of f: a
// nested function, or a private one (a name or class name with one
// leading underscore). A public function or method can be imported and
// called from anywhere, with or without a running loop.
func knownCallers(f *asyncir.Func) bool {
	if f.Parent != nil && f.Parent != f.Module.Body {
		return true
	}
	for _, part := range strings.Split(f.QualName, ".") {
		if strings.HasPrefix(part, "_") && !(strings.HasPrefix(part, "__") && strings.HasSuffix(part, "__")) {
			return true
		}
	}
	return false
}

// startsLoopOn reports whether the loop v is run with run_until_complete
// or run_forever in the same function (directly or through one local):
// evidence that no loop was running where v was obtained — unless the
// function asks v.is_running() first, being written for both cases.
func startsLoopOn(v *asyncir.Value) bool {
	return calledOn(v, "run_until_complete", "run_forever") && !calledOn(v, "is_running")
}

// calledOn reports whether one of the methods is called on v in its
// function, directly or through one local.
func calledOn(v *asyncir.Value, methods ...string) bool {
	starts := func(u asyncir.Use) bool {
		return u.Kind == asyncir.UseRecv && u.Op.Kind == asyncir.OpCall && slices.Contains(methods, u.Op.Method)
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
	for _, d := range load.Defs() {
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
	if op.External != getEventLoop || op.Recv == nil || op.Recv.Def == nil || len(op.Args) > 0 || len(op.Keywords()) > 0 {
		return nil
	}
	const name = "get_event_loop"
	r := op.Recv.Def.Range
	if r.End.Line != op.Range.End.Line || int(op.Range.End.Offset-r.End.Offset) != 1+len(name)+2 {
		return nil
	}
	start := asyncir.Pos{Line: r.End.Line, Col: r.End.Col + 1, Offset: r.End.Offset + 1}
	end := asyncir.Pos{Line: start.Line, Col: start.Col + int32(len(name)), Offset: start.Offset + int32(len(name))}
	return []asyncir.Fix{{Title: "Replace with `get_running_loop()`", Applicability: a,
		Edits: []asyncir.Edit{{Range: asyncir.Range{File: op.Range.File, Start: start, End: end}, NewText: "get_running_loop"}}}}
}
