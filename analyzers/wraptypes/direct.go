package wraptypes

import (
	"fmt"

	"github.com/asynclint/asynclint/asyncir"
)

// directCtors are the asyncio classes that should come from a factory:
// the factory where the running loop is meant, the loop's own, and what
// the factory does that the constructor does not.
var directCtors = map[string]struct{ running, loop, adds string }{
	"asyncio.Task":   {"asyncio.create_task()", "loop.create_task()", "honours the loop's task factory (loop.set_task_factory)"},
	"asyncio.Future": {"loop.create_future()", "loop.create_future()", "lets the loop supply its own implementation"},
}

// checkDirectInstantiation reports AL405, except inside the factories
// themselves (a loop's create_task/create_future, a function or class
// given to loop.set_task_factory), which must instantiate the class, and
// for asyncio.Task(..., eager_start=...), the only way to start one task
// eagerly before create_task takes eager_start (3.14). The message says
// which loop the object binds to; asyncio.Future() in a coroutine (bound
// to the running loop, or the one given) carries a fact saying to which
// loop it binds (futureFact).
func checkDirectInstantiation(pass *asyncir.Pass, op *asyncir.Op) {
	use, ok := directCtors[op.External]
	if !ok || op.Class() != nil || inTaskFactory(pass.Module, op.Func()) || op.External == "asyncio.Task" && op.Keyword("eager_start") != nil {
		return
	}
	d := asyncir.Diagnostic{Code: "AL405", Severity: asyncir.SeverityWarning, Range: op.Range}
	f := op.Func()
	switch {
	case op.Keyword("loop") != nil:
		d.Message = fmt.Sprintf("`%s` is instantiated directly with `loop=`; `%s` binds it to the same loop and %s", op.External, use.loop, use.adds)
	case f.IsAsync() && !op.Star:
		d.Message = fmt.Sprintf("`%s` is instantiated directly in coroutine `%s`, where it binds to the running loop; `%s` does the same and %s", op.External, f.QualName, use.running, use.adds)
	default:
		d.Message = fmt.Sprintf("`%s` is instantiated directly; without `loop=` it binds to whatever loop `asyncio.get_event_loop()` returns where this runs; use `%s` on the loop meant", op.External, use.running)
	}
	if op.External == "asyncio.Future" {
		// A Task skips the task factory wherever it is built; a Future
		// loses only the loop's own implementation, unless nothing says
		// a loop runs where it binds.
		d.Fact = futureFact(op)
	}
	pass.Report(d)
}

// futureFact says to which loop a directly built asyncio.Future binds:
// the running one inside a coroutine, the one given with loop=, the
// caller's in any other function; none at module level or in a
// constructor, which runs wherever the object is made — before
// asyncio.run, say, whose loop the future then does not belong to.
func futureFact(op *asyncir.Op) string {
	f := op.Func()
	switch {
	case f.IsAsync():
		return asyncir.FactFutureInCoroutine
	case op.Keyword("loop") != nil:
		return asyncir.FactFutureGivenLoop
	case f == f.Module.Body || f.Class != nil && (f.Name == "__init__" || f.Name == "__new__"):
		return ""
	}
	return asyncir.FactFutureInHelper
}

// inTaskFactory reports whether f implements a factory: a method named
// create_task or create_future (an event loop's own), or a function or
// class (or a method of one) the module passes to set_task_factory.
func inTaskFactory(m *asyncir.Module, f *asyncir.Func) bool {
	if f.Class != nil && (f.Name == "create_task" || f.Name == "create_future") {
		return true
	}
	found := false
	for _, g := range m.Funcs {
		g.Ops(func(op *asyncir.Op) {
			if found || op.Kind != asyncir.OpCall || op.Method != "set_task_factory" || len(op.Args) == 0 || op.Args[0] == nil {
				return
			}
			t := op.Args[0].Type()
			for h := f; h != nil; h = h.Parent {
				if t.Func == h || t.Class != nil && h.Class == t.Class {
					found = true
				}
			}
		})
	}
	return found
}
