package looppassing

import "github.com/asynclint/asynclint/asyncir"

var pythonRules = []*asyncir.Rule{
	{Code: "AL301", Name: "removed-loop-argument", Summary: "loop= passed to an asyncio API that removed it in Python 3.10",
		Severity: asyncir.SeverityError, Status: asyncir.StatusStable, Since: "0.1.0", Language: asyncir.Python, Fix: asyncir.FixAvailable(asyncir.Safe)},
	{Code: "AL302", Name: "get-event-loop-in-coroutine", Summary: "asyncio.get_event_loop() where the running loop is meant",
		Severity: asyncir.SeverityInfo, Status: asyncir.StatusStable, Since: "0.1.0", Language: asyncir.Python, Fix: asyncir.FixAvailable(asyncir.Safe)},
	{Code: "AL303", Name: "get-event-loop-without-running-loop", Summary: "asyncio.get_event_loop() where no loop is running",
		Severity: asyncir.SeverityWarning, Status: asyncir.StatusStable, Since: "0.1.0", Language: asyncir.Python},
	{Code: "AL304", Name: "nested-event-loop", Summary: "an event loop started inside a running event loop",
		Severity: asyncir.SeverityError, Status: asyncir.StatusStable, Since: "0.1.0", Language: asyncir.Python},
	{Code: "AL305", Name: "context-lost-in-thread", Summary: "a thread target that reads a ContextVar the thread does not inherit",
		Severity: asyncir.SeverityWarning, Status: asyncir.StatusStable, Since: "0.1.0", Language: asyncir.Python},
	{Code: "AL306", Name: "legacy-coroutine-api", Summary: "legacy coroutine machinery removed from asyncio",
		Severity: asyncir.SeverityInfo, Status: asyncir.StatusStable, Since: "0.1.0", Language: asyncir.Python},
}

func runPython(pass *asyncir.Pass) error {
	m := pass.Module
	if !m.Lowered {
		return nil
	}
	g := graphOf(pass.Program)
	for _, f := range m.Funcs {
		f.Ops(func(op *asyncir.Op) {
			switch op.Kind {
			case asyncir.OpCall:
				checkLoopKeyword(pass, op)
				checkGetEventLoop(pass, g, op)
				checkNestedRun(pass, g, op)
				checkThreadHop(pass, g, op)
				checkLegacy(pass, op)
			case asyncir.OpAttr, asyncir.OpLoad:
				checkLegacy(pass, op)
			}
		})
	}
	return nil
}
