package wraptypes

import (
	"fmt"

	"github.com/asynclint/asynclint/asyncir"
)

// directCtors are the asyncio classes that should come from a factory.
var directCtors = map[string]string{
	"asyncio.Task":   "asyncio.create_task()",
	"asyncio.Future": "loop.create_future()",
}

// checkDirectInstantiation reports AL405, except inside the factories
// themselves (a loop's create_task/create_future, a function or class
// given to loop.set_task_factory), which must instantiate the class.
func checkDirectInstantiation(pass *asyncir.Pass, op *asyncir.Op) {
	use, ok := directCtors[op.External]
	if !ok || op.Class != nil || inTaskFactory(pass.Module, op.Func()) {
		return
	}
	d := asyncir.Diagnostic{Code: "AL405", Severity: asyncir.SeverityWarning, Range: op.Range,
		Message: fmt.Sprintf("`%s` is instantiated directly; use `%s`, which binds it to the running loop (and lets the loop supply its own implementation)", op.External, use)}
	if op.External == "asyncio.Future" && op.Func().IsAsync() {
		// Inside a coroutine Future() binds to the running loop already.
		d.Fact = asyncir.FactFutureInCoroutine
	}
	pass.Report(d)
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
			t := op.Args[0].Type
			for h := f; h != nil; h = h.Parent {
				if t.Func == h || t.Class != nil && h.Class == t.Class {
					found = true
				}
			}
		})
	}
	return found
}
