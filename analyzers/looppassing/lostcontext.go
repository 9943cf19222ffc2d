package looppassing

import (
	"fmt"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
)

// goRules: contexts cut off or never handed to the work they should stop.
var goRules = []*asyncir.Rule{
	{Code: "AL351", Name: "detached-context", Summary: "new root context created in a function that already has one", Severity: asyncir.SeverityWarning, Status: asyncir.StatusPreview, Since: "0.1.0", Language: asyncir.Go, Fix: asyncir.FixAvailable(asyncir.Unsafe)},
	{Code: "AL352", Name: "goroutine-ignores-context", Summary: "goroutine started from a context-aware function cannot observe the context", Severity: asyncir.SeverityWarning, Status: asyncir.StatusPreview, Since: "0.1.0", Language: asyncir.Go},
}

func runGo(pass *asyncir.Pass) error {
	for _, f := range pass.Module.Funcs {
		if !f.HasContext {
			continue
		}
		checkDetached(pass, f)
		checkIgnoringGoroutines(pass, f)
	}
	return nil
}

// checkDetached reports AL351: context.Background()/TODO() made and
// passed on inside a function that has a context.
func checkDetached(pass *asyncir.Pass, f *asyncir.Func) {
	models := pass.Program.Models
	f.Ops(func(op *asyncir.Op) {
		if op.Kind != asyncir.OpCall || op.Result == nil || !passedOn(models, op.Result) {
			return
		}
		m := models.API(op.External)
		if m == nil || !m.RootContext || afterDone(op) {
			return
		}
		call := shortName(op.External) + "()"
		pass.Report(asyncir.Diagnostic{
			Code:     "AL351",
			Severity: asyncir.SeverityWarning,
			Range:    op.Range,
			Message:  fmt.Sprintf("`%s` cuts off `%s`: its cancellation and deadline do not reach the work this context is passed to", call, f.ContextName),
			Fixes: []asyncir.Fix{{
				Title:         "Pass `" + f.ContextName + "`",
				Applicability: asyncir.Unsafe,
				Edits:         []asyncir.Edit{{Range: op.Range, NewText: f.ContextName}},
			}},
		})
	})
}

// afterDone reports whether op can run after a receive from a context's
// Done channel: the context may be cancelled there, so work that must
// still finish (a graceful Shutdown, a last report) needs a root of its
// own.
func afterDone(op *asyncir.Op) bool {
	found := false
	op.Func().Ops(func(o *asyncir.Op) {
		found = found || o.Kind == asyncir.OpAwait && isDone(o.Operand) && asyncir.Reaches(o, op, nil)
	})
	return found
}

// isDone reports whether v is the channel of a ctx.Done() call.
func isDone(v *asyncir.Value) bool {
	if v == nil || v.Def == nil {
		return false
	}
	d := v.Def
	return d.Kind == asyncir.OpCall && d.Method == "Done" && d.Recv != nil && d.Recv.Type().Await == asyncir.Context
}

// passedOn reports whether v is handed to a call that may wait on it
// (stored into a struct or returned, it is a deliberate root, like a
// values-only context; a call that reads only its values, such as
// resetting profiler labels with pprof.SetGoroutineLabels, cuts nothing
// off). A context derived from v that is only stored is a deliberate
// root too (go-redis's pool: dialCtx, cancel :=
// context.WithCancel(context.Background()) kept in a wantConn whose dial
// must outlive the caller).
func passedOn(models *asyncir.Models, v *asyncir.Value) bool {
	for _, u := range v.Uses {
		if u.Kind != asyncir.UseArg {
			continue
		}
		m := models.API(u.Op.External)
		switch {
		case m != nil && m.ContextValuesOnly:
		case m != nil && m.DerivesContext && onlyStored(derived(u.Op)):
		default:
			return true
		}
	}
	return false
}

// derived is the context a deriving call returns (its first result).
func derived(call *asyncir.Op) *asyncir.Value {
	if r := call.Result; r != nil && len(r.Elems()) > 0 {
		return r.Elems()[0]
	}
	return call.Result
}

// onlyStored reports whether v is used, and only stored away.
func onlyStored(v *asyncir.Value) bool {
	if v == nil || len(v.Uses) == 0 {
		return false
	}
	for _, u := range v.Uses {
		if u.Kind != asyncir.UseStore {
			return false
		}
	}
	return true
}

func shortName(name string) string {
	if i := strings.LastIndex(name, "/"); i >= 0 {
		return name[i+1:]
	}
	return name
}
