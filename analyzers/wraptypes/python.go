package wraptypes

import "github.com/asynclint/asynclint/asyncir"

var pythonRules = []*asyncir.Rule{
	{Code: "AL401", Name: "await-concurrent-future", Summary: "a concurrent.futures future awaited",
		Severity: asyncir.SeverityError, Status: asyncir.StatusStable, Since: "0.1.0", Language: asyncir.Python},
	{Code: "AL402", Name: "mixed-future-kinds", Summary: "a future passed to an API of the other future kind",
		Severity: asyncir.SeverityError, Status: asyncir.StatusStable, Since: "0.1.0", Language: asyncir.Python},
	{Code: "AL403", Name: "coroutine-identity-in-wait", Summary: "asyncio.wait or as_completed given coroutines, whose identity is lost",
		Severity: asyncir.SeverityError, Status: asyncir.StatusStable, Since: "0.1.0", Language: asyncir.Python},
	{Code: "AL404", Name: "result-of-pending-future", Summary: "result() or exception() on a future not known to be done",
		Severity: asyncir.SeverityError, Status: asyncir.StatusStable, Since: "0.1.0", Language: asyncir.Python},
	{Code: "AL405", Name: "direct-future-instantiation", Summary: "asyncio.Task or asyncio.Future instantiated directly",
		Severity: asyncir.SeverityWarning, Status: asyncir.StatusStable, Since: "0.1.0", Language: asyncir.Python},
}

func runPython(pass *asyncir.Pass) error {
	m := pass.Module
	if !m.Lowered {
		return nil
	}
	for _, f := range m.Funcs {
		f.Ops(func(op *asyncir.Op) {
			if op.Kind == asyncir.OpCall {
				checkDirectInstantiation(pass, op)
			}
			if op.ExpectRaise {
				// A test that expects the exception the other rules
				// predict (assertRaises, pytest.raises) is checking it.
				return
			}
			switch op.Kind {
			case asyncir.OpAwait:
				checkAwaitConcurrent(pass, op)
			case asyncir.OpCall:
				checkMixedKinds(pass, op)
				checkWaitCoroutines(pass, op)
				checkPendingResult(pass, op)
			}
		})
	}
	return nil
}

// describe names a value for messages: its variable, and what made it.
func describe(v *asyncir.Value) string {
	name := ""
	if v.Def != nil {
		switch d := v.Def; d.Kind {
		case asyncir.OpLoad:
			name = "`" + d.Var + "`"
		case asyncir.OpAttr:
			if d.Attr != "" && d.Recv != nil && d.Recv.Def != nil && d.Recv.Def.Kind == asyncir.OpLoad {
				name = "`" + d.Recv.Def.Var + "." + d.Attr + "`"
			}
		}
	}
	origin := v.Type().OriginName
	if d := v.Def; d != nil && d.Kind == asyncir.OpCall {
		if d.Callee != nil {
			origin = d.Callee.QualName
		} else if origin == "" {
			origin = d.External
		}
	}
	switch {
	case name != "" && origin != "":
		return name + " (from `" + short(origin) + "`)"
	case name != "":
		return name
	case origin != "":
		return "returned by `" + short(origin) + "`"
	}
	return "here"
}

// short drops the long class prefixes of model names.
func short(name string) string {
	for p, s := range map[string]string{
		"asyncio.AbstractEventLoop.":   "loop.",
		"concurrent.futures.Executor.": "Executor.",
		"asyncio.TaskGroup.":           "TaskGroup.",
	} {
		if len(name) > len(p) && name[:len(p)] == p {
			return s + name[len(p):]
		}
	}
	return name
}
