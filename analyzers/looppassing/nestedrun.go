package looppassing

import (
	"fmt"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
)

// loopStarters run an event loop on the calling thread until done.
var loopStarters = map[string]string{
	"asyncio.run":        "asyncio.run",
	"asyncio.Runner.run": "Runner.run",
	"asyncio.AbstractEventLoop.run_until_complete": "loop.run_until_complete",
	"asyncio.AbstractEventLoop.run_forever":        "loop.run_forever",
}

// runningLoopProbes tell a function whether a loop is running; one that
// asks is assumed to start a loop only when none is.
var runningLoopProbes = map[string]bool{
	"asyncio.get_running_loop": true, "asyncio._get_running_loop": true,
	"asyncio.AbstractEventLoop.is_running": true,
}

// startsLoopHere reports a call that starts a loop, in a function that
// does not first probe for a running one.
func startsLoopHere(op *asyncir.Op) bool {
	if op.Kind != asyncir.OpCall || loopStarters[op.External] == "" {
		return false
	}
	probes := false
	op.Func().Ops(func(o *asyncir.Op) {
		if o.Kind == asyncir.OpCall && (runningLoopProbes[o.External] || o.Method == "is_running" || o.Method == "_get_running_loop") {
			probes = true
		}
	})
	return !probes
}

// checkNestedRun reports AL304 at a call that starts an event loop in a
// coroutine, or in a synchronous function that a coroutine calls
// (directly or through other synchronous functions): the message carries
// the chain from the coroutine.
func checkNestedRun(pass *asyncir.Pass, g *graph, op *asyncir.Op) {
	starter := loopStarters[op.External]
	if op.Kind != asyncir.OpCall || starter == "" {
		return
	}
	f := op.Func()
	d := asyncir.Diagnostic{Code: "AL304", Severity: asyncir.SeverityError, Range: op.Range}
	switch {
	case f.IsAsync():
		d.Message = fmt.Sprintf("`%s` in coroutine `%s` starts an event loop inside the running one; it raises RuntimeError", starter, f.QualName)
	case f.Kind == asyncir.Sync && startsLoopHere(op):
		chain := g.asyncCaller(op)
		if chain == nil {
			return
		}
		last := chain[len(chain)-1]
		when := asyncir.OnlyWhen(asyncir.NecessaryGuards(f, guardBinding(last, f), op.Block))
		d.Message = fmt.Sprintf("`%s` in `%s` starts an event loop inside the running one of coroutine `%s`%s (%s); it raises RuntimeError", starter, f.QualName, chain[0].Func().QualName, when, chainText(chain, starter))
		for _, c := range chain {
			d.Related = append(d.Related, asyncir.Related{Range: c.Range, Message: fmt.Sprintf("`%s` calls `%s`", c.Func().QualName, c.Callee.QualName)})
		}
	default:
		return
	}
	pass.Report(d)
}

// chainText spells a call chain "main → helper → asyncio.run".
func chainText(chain []*asyncir.Op, last string) string {
	parts := []string{chain[0].Func().QualName}
	for _, c := range chain {
		parts = append(parts, c.Callee.QualName)
	}
	return strings.Join(append(parts, last), " → ")
}
