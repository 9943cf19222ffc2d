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

// checkNestedRun reports AL304: in a coroutine, a call that starts an
// event loop, directly or through synchronous functions of the program.
func checkNestedRun(pass *asyncir.Pass, g *graph, op *asyncir.Op) {
	f := op.Func()
	if op.Kind != asyncir.OpCall || !f.IsAsync() {
		return
	}
	var chain []*asyncir.Op
	switch {
	case loopStarters[op.External] != "":
		chain = []*asyncir.Op{op}
	case op.Callee != nil && g.startsLoop[op.Callee] != nil:
		chain = append([]*asyncir.Op{op}, g.startsLoop[op.Callee]...)
	default:
		return
	}
	last := chain[len(chain)-1]
	d := asyncir.Diagnostic{Code: "AL304", Severity: asyncir.SeverityError, Range: op.Range}
	starter := loopStarters[last.External]
	if len(chain) == 1 {
		d.Message = fmt.Sprintf("`%s` in coroutine `%s` starts an event loop inside the running one; it raises RuntimeError", starter, f.QualName)
	} else {
		d.Message = fmt.Sprintf("`%s` starts an event loop inside the running one of coroutine `%s` (%s); it raises RuntimeError", starter, f.QualName, chainText(f, chain, starter))
		for _, c := range chain[1:] {
			d.Related = append(d.Related, asyncir.Related{Range: c.Range, Message: fmt.Sprintf("in `%s`", c.Func().QualName)})
		}
	}
	pass.Report(d)
}

// chainText spells a call chain "main → helper → asyncio.run".
func chainText(f *asyncir.Func, chain []*asyncir.Op, last string) string {
	parts := []string{f.QualName}
	for _, c := range chain[:len(chain)-1] {
		parts = append(parts, c.Callee.QualName)
	}
	return strings.Join(append(parts, last), " → ")
}
