package blockingcall

import (
	"fmt"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
)

// goRules: blocking calls a context cannot interrupt.
var goRules = []*asyncir.Rule{
	{Code: "AL251", Name: "uncancellable-blocking-call", Summary: "blocking call that cannot be cancelled in a function that has a context", Severity: asyncir.SeverityWarning, Status: asyncir.StatusPreview, Since: "0.1.0", Language: asyncir.Go, Fix: asyncir.FixAvailable(asyncir.DisplayOnly)},
}

// runGo reports AL251: in a function that can observe a context, a call
// the models say blocks without taking one.
func runGo(pass *asyncir.Pass) error {
	models := pass.Program.Models
	for _, f := range pass.Module.Funcs {
		if !f.HasContext {
			continue
		}
		f.Ops(func(op *asyncir.Op) {
			if op.Kind != asyncir.OpCall {
				return
			}
			m := models.API(op.External)
			if m == nil || !m.Blocks || takesContext(op) {
				return
			}
			// exec.CommandContext(ctx, ...).Run(): the receiver was made
			// with the context, so the method observes it.
			if op.Recv != nil && op.Recv.Def != nil && takesContext(op.Recv.Def) {
				return
			}
			// req, _ := http.NewRequest(...); client.Do(req.WithContext(ctx)):
			// the result is handed a context before it is used.
			if laterGetsContext(op.Result) {
				return
			}
			name := shortName(op.External)
			d := asyncir.Diagnostic{
				Code:     "AL251",
				Severity: asyncir.SeverityWarning,
				Range:    op.Range,
				Message:  fmt.Sprintf("`%s` blocks without observing `%s`: cancelling the context does not interrupt it", name, f.ContextName),
			}
			if m.Replacement != "" {
				d.Fixes = []asyncir.Fix{{Title: "Use " + m.Replacement, Applicability: asyncir.DisplayOnly}}
			}
			pass.Report(d)
		})
	}
	return nil
}

// laterGetsContext reports whether v (or, for a tuple, its first element)
// is the receiver of a call that takes a context.
func laterGetsContext(v *asyncir.Value) bool {
	if v == nil {
		return false
	}
	vals := []*asyncir.Value{v}
	if len(v.Elems) > 0 {
		vals = append(vals, v.Elems[0])
	}
	for _, x := range vals {
		if x == nil {
			continue
		}
		for _, u := range x.Uses {
			if u.Kind == asyncir.UseRecv && u.Op.Kind == asyncir.OpCall && takesContext(u.Op) {
				return true
			}
		}
	}
	return false
}

func takesContext(op *asyncir.Op) bool {
	for _, a := range op.Args {
		if a != nil && a.Type.Await == asyncir.Context {
			return true
		}
	}
	return false
}

// shortName drops the package path's directories: net/http.Get → http.Get.
func shortName(name string) string {
	if i := strings.LastIndex(name, "/"); i >= 0 {
		return name[i+1:]
	}
	return name
}
