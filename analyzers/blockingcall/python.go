package blockingcall

import (
	"fmt"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
)

var pythonRules = []*asyncir.Rule{
	{Code: "AL201", Name: "blocking-call-in-async-function", Summary: "blocking call directly inside an async function",
		Severity: asyncir.SeverityWarning, Status: asyncir.StatusStable, Since: "0.1.0", Language: asyncir.Python, Fix: asyncir.FixAvailable(asyncir.Unsafe)},
	{Code: "AL202", Name: "blocking-helper-in-async-function", Summary: "async function calls a synchronous function that blocks",
		Severity: asyncir.SeverityWarning, Status: asyncir.StatusStable, Since: "0.1.0", Language: asyncir.Python, Fix: asyncir.FixAvailable(asyncir.DisplayOnly)},
	{Code: "AL203", Name: "blocking-call-in-loop-callback", Summary: "blocking call in a callback or protocol method the event loop runs",
		Severity: asyncir.SeverityWarning, Status: asyncir.StatusStable, Since: "0.1.0", Language: asyncir.Python},
	{Code: "AL204", Name: "thread-future-wait-on-loop", Summary: "waiting for a thread-side future on the event loop thread",
		Severity: asyncir.SeverityError, Status: asyncir.StatusStable, Since: "0.1.0", Language: asyncir.Python},
}

func runPython(pass *asyncir.Pass) error {
	m := pass.Module
	if !m.Lowered {
		return nil
	}
	var mb *mayBlock
	var ol *onLoop
	for _, f := range m.Funcs {
		async := f.IsAsync() || f.Kind == asyncir.LegacyCoroutine
		if !async && f.Kind != asyncir.Sync {
			continue
		}
		if ol == nil {
			mb, ol = summary(pass.Program), loopFuncs(pass.Program)
		}
		var entry *loopEntry
		if !async {
			if entry = ol.f[f]; entry == nil || cold(pass.Program.Models, f) {
				continue
			}
		}
		f.Ops(func(op *asyncir.Op) {
			if op.Kind == asyncir.OpCall || op.Kind == asyncir.OpFor {
				checkCall(pass, mb, f, entry, op)
			}
		})
	}
	return nil
}

// where describes the function a call runs in, for messages.
func where(f *asyncir.Func, entry *loopEntry) string {
	switch {
	case entry == nil:
		return "coroutine `" + f.QualName + "`"
	case entry.class != nil:
		return "protocol callback `" + f.QualName + "`"
	}
	return "`" + f.QualName + "`, a callback the loop runs (registered with `" + shortAPI(entry.api.Name) + "`)"
}

// checkCall reports one call of a coroutine (entry nil) or of a function
// the loop runs.
func checkCall(pass *asyncir.Pass, mb *mayBlock, f *asyncir.Func, entry *loopEntry, op *asyncir.Op) {
	if api := blockingAPI(pass.Program, op); api != nil {
		if alreadyReady(entry, api) {
			return
		}
		if what := threadFutureWait(op); what != "" {
			pass.Report(asyncir.Diagnostic{Code: "AL204", Severity: asyncir.SeverityError, Range: op.Range,
				Message: fmt.Sprintf("%s blocks the event loop thread in %s; if the future needs this loop to finish, it never does", what, where(f, entry)),
				Related: registration(entry)})
			return
		}
		code, tip := "AL201", advice(api)
		if entry != nil {
			code, tip = "AL203", "move the work to a task or a thread"
		}
		d := asyncir.Diagnostic{Code: code, Severity: asyncir.SeverityWarning, Range: op.Range,
			Message: fmt.Sprintf("`%s` blocks the event loop in %s; %s", shortAPI(api.Name), where(f, entry), tip),
			Related: registration(entry), Tier: api.BlockingTier(), Fact: entry.fact()}
		if code == "AL201" {
			d.Fixes = fixes(pass.Module, f, op, api)
		}
		pass.Report(d)
		return
	}
	g, at := runsBody(op)
	if g == nil || g == f || mb.w[g] == nil {
		return
	}
	w := mb.at(at, g, nil, 0)
	if w == nil || alreadyReady(entry, w.api) {
		// No witness: the arguments of this call rule out every
		// blocking branch.
		return
	}
	hops, api := w.hops(), w.api
	names := []string{f.QualName, g.QualName}
	var related []asyncir.Related
	for i, h := range hops {
		callee := shortAPI(api.Name)
		if i < len(hops)-1 {
			callee = hops[i+1].Func().QualName
		}
		names = append(names, callee)
		related = append(related, asyncir.Related{Range: h.Range,
			Message: fmt.Sprintf("`%s` calls `%s` here", h.Func().QualName, callee)})
	}
	related = append(related, registration(entry)...)
	code := "AL202"
	if entry != nil {
		code = "AL203"
	}
	if threadFutureWait(hops[len(hops)-1]) != "" && entry != nil {
		code = "AL204"
	}
	chain := strings.Join(names, " → ")
	d := asyncir.Diagnostic{Code: code, Severity: asyncir.SeverityWarning, Range: at.Range,
		Message: fmt.Sprintf("`%s` blocks the event loop in %s: it calls `%s`%s (%s)",
			g.QualName, where(f, entry), shortAPI(api.Name), mb.onlyWhen(at, g, hops), chain),
		Related: related, Tier: api.BlockingTier(), Fact: entry.fact()}
	if code == "AL204" {
		d.Severity = asyncir.SeverityError
	} else {
		leaf, callee := mb.projectLeaf(at, g, hops, api)
		d.Cause = cause(f, entry, leaf, callee, api, chain)
	}
	if code == "AL202" {
		d.Fixes = []asyncir.Fix{{Title: fmt.Sprintf("Run `%s` in a worker thread: `await asyncio.to_thread(%s, …)`", g.QualName, g.Name),
			Applicability: asyncir.DisplayOnly}}
	}
	pass.Report(d)
}

// cause is the root of a transitive finding: leaf, the project call that
// reaches the blocking API (callee names what it calls). Every coroutine
// or callback whose chain ends there shares it.
func cause(f *asyncir.Func, entry *loopEntry, leaf *asyncir.Op, callee string, api *asyncir.APIModel, chain string) *asyncir.Cause {
	callers := "coroutines"
	if entry != nil {
		callers = "loop callbacks"
	}
	msg := fmt.Sprintf("`%s` calls `%s`, which blocks the event loop", leaf.Func().QualName, callee)
	if api := shortAPI(api.Name); api != callee {
		msg += fmt.Sprintf(" (it calls `%s`)", api)
	}
	return &asyncir.Cause{Range: leaf.Range, Callers: callers, Message: msg,
		Via: fmt.Sprintf("%s reaches it here (%s)", where(f, entry), chain)}
}

// projectLeaf is the last call of a chain that is the project's own, and
// the name of what it calls: the blocking API, or the installed library's
// function the chain enters there (the fix goes in the project; nothing
// is reported in a library).
func (mb *mayBlock) projectLeaf(at *asyncir.Op, g *asyncir.Func, hops []*asyncir.Op, api *asyncir.APIModel) (*asyncir.Op, string) {
	leaf, callee := hops[len(hops)-1], shortAPI(api.Name)
	for i := len(hops) - 1; i >= 0 && mb.library[hops[i].Func()]; i-- {
		if i == 0 {
			return at, g.QualName
		}
		leaf, callee = hops[i-1], hops[i].Func().QualName
	}
	return leaf, callee
}

// alreadyReady reports whether the loop runs the callback when its file
// descriptor is ready for exactly what the call waits for (a recv in an
// add_reader callback): that one call does not wait.
func alreadyReady(entry *loopEntry, api *asyncir.APIModel) bool {
	return entry != nil && entry.api != nil && entry.api.Readies != "" && api.ReadyWhen == entry.api.Readies
}

// registration points at the call that made f a loop callback.
func registration(entry *loopEntry) []asyncir.Related {
	if entry == nil || entry.op == nil {
		return nil
	}
	return []asyncir.Related{{Range: entry.op.Range, Message: "registered as a loop callback here"}}
}

// threadFutureWait describes a wait on a concurrent.futures future that
// AL204 reports: the result of run_coroutine_threadsafe, or
// concurrent.futures.wait/as_completed.
func threadFutureWait(op *asyncir.Op) string {
	switch op.External {
	case "concurrent.futures.wait", "concurrent.futures.as_completed":
		if fs := op.Arg(0, "fs"); fs != nil && anyLoopFuture(fs) {
			return "`" + op.External + "` on a future of `asyncio.run_coroutine_threadsafe`"
		}
		return ""
	}
	if (op.Method == "result" || op.Method == "exception") && op.Recv != nil && loopFuture(op.Recv.Type()) {
		return "`." + op.Method + "()` on the future of `asyncio.run_coroutine_threadsafe`"
	}
	return ""
}

// loopFuture reports whether t is the concurrent future of a coroutine
// scheduled on a loop: it completes only when that loop runs.
func loopFuture(t asyncir.Type) bool {
	return t.OriginName == "asyncio.run_coroutine_threadsafe"
}

// anyLoopFuture reports whether a collection of futures holds one from
// run_coroutine_threadsafe (a list display, or a list of known elements).
func anyLoopFuture(v *asyncir.Value) bool {
	for _, e := range v.Elems() {
		if e != nil && loopFuture(e.Type()) {
			return true
		}
	}
	return v.Type().Elem != nil && loopFuture(*v.Type().Elem)
}

// advice is the message's closing suggestion.
func advice(api *asyncir.APIModel) string {
	switch {
	case api.Name == "time.sleep":
		return "use `await asyncio.sleep`"
	case api.Replacement != "":
		return "use `" + shortAPI(api.Replacement) + "` or `await asyncio.to_thread`"
	}
	return "run it in a thread with `await asyncio.to_thread`"
}

// shortAPI spells an API the way users write it.
func shortAPI(name string) string {
	name = strings.TrimPrefix(name, "builtins.")
	if rest, ok := strings.CutPrefix(name, "asyncio.AbstractEventLoop."); ok {
		return "loop." + rest
	}
	if rest, ok := strings.CutPrefix(name, "asyncio.Future."); ok {
		return "Future." + rest
	}
	return name
}
