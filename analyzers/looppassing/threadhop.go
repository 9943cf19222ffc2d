package looppassing

import (
	"fmt"

	"github.com/asynclint/asynclint/asyncir"
)

// threadHops are the APIs that run a callable on another thread without
// copying the caller's context (asyncio.to_thread copies it): the
// callable's position and keyword.
var threadHops = map[string]struct {
	pos   int
	kw    string
	short string
}{
	"asyncio.AbstractEventLoop.run_in_executor": {1, "", "loop.run_in_executor"},
	"concurrent.futures.Executor.submit":        {0, "fn", "Executor.submit"},
	"threading.Thread":                          {1, "target", "threading.Thread"},
	"threading.Timer":                           {1, "function", "threading.Timer"},
}

const contextVarGet = "contextvars.ContextVar.get"

// readsContextHere reports a ContextVar read.
func readsContextHere(op *asyncir.Op) bool {
	return op.Kind == asyncir.OpCall && op.External == contextVarGet
}

// checkThreadHop reports AL305: async code (a coroutine or a function
// only called from coroutines) hands a thread a callable that reads a
// ContextVar, directly or through synchronous calls.
func checkThreadHop(pass *asyncir.Pass, g *graph, op *asyncir.Op) {
	hop, ok := threadHops[op.External]
	f := op.Func()
	if !ok || !(f.IsAsync() || g.onLoop[f]) {
		return
	}
	target := op.Arg(hop.pos, hop.kw)
	if hop.kw != "" {
		if kw := op.Keyword(hop.kw); kw != nil {
			target = kw
		}
	}
	fn := callableFunc(target)
	if fn == nil || fn.Kind != asyncir.Sync || g.readsContext[fn] == nil {
		return
	}
	chain := g.readsContext[fn]
	read := chain[len(chain)-1]
	name := varName(read.Recv)
	path := fn.QualName
	for _, c := range chain[:len(chain)-1] {
		path += " → " + c.Callee.QualName
	}
	path += " → " + name + ".get()"
	d := asyncir.Diagnostic{Code: "AL305", Severity: asyncir.SeverityWarning, Range: target.Def.Range,
		Message: fmt.Sprintf("`%s` runs `%s` on another thread, where ContextVar `%s` (read in %s) has its default value, not this task's; use `asyncio.to_thread` or `contextvars.copy_context().run`", hop.short, fn.QualName, name, path)}
	for _, c := range chain {
		d.Related = append(d.Related, asyncir.Related{Range: c.Range, Message: fmt.Sprintf("in `%s`", c.Func().QualName)})
	}
	pass.Report(d)
}

// callableFunc is the program function a callable argument runs: a
// function or method reference, a lambda, or functools.partial of one.
func callableFunc(v *asyncir.Value) *asyncir.Func {
	if v == nil {
		return nil
	}
	if t := v.Type(); t.Kind == asyncir.FuncObj && t.Func != nil {
		return t.Func
	}
	if d := v.Def; d != nil && d.Kind == asyncir.OpRef && d.Callee != nil && d.Callee.Name == "<lambda>" {
		return d.Callee
	}
	if d := v.Def; d != nil && d.Kind == asyncir.OpCall && d.External == "functools.partial" && len(d.Args) > 0 {
		return callableFunc(d.Args[0])
	}
	return nil
}

// varName is how the source spells a value: a name or an attribute.
func varName(v *asyncir.Value) string {
	if v == nil || v.Def == nil {
		return "?"
	}
	switch d := v.Def; d.Kind {
	case asyncir.OpLoad:
		return d.Var
	case asyncir.OpAttr:
		if d.Attr != "" {
			return varName(d.Recv) + "." + d.Attr
		}
	}
	return v.Type().Name()
}
