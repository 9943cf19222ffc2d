package looppassing

import (
	"fmt"

	"github.com/asynclint/asynclint/asyncir"
)

// checkIgnoringGoroutines reports AL352: a goroutine started from f that
// runs forever (a loop with no exit, here or in what it calls) and is
// handed no context, so cancelling f's context cannot stop it.
func checkIgnoringGoroutines(pass *asyncir.Pass, f *asyncir.Func) {
	forever := pass.Program.Summary("looppassing.forever", runsForever).(map[*asyncir.Func]bool)
	models := pass.Program.Models
	f.Ops(func(op *asyncir.Op) {
		if op.Kind != asyncir.OpSpawn || op.HandsContext() {
			return
		}
		name := ""
		var rel []asyncir.Related
		switch {
		case op.Callee != nil && forever[op.Callee]:
			name = op.Callee.QualName
			if op.Callee.Range.IsValid() {
				rel = append(rel, asyncir.Related{Range: op.Callee.Range, Message: "`" + name + "` has a loop with no exit"})
			}
		case op.Callee == nil && op.External != "":
			if m := models.API(op.External); m != nil && m.NeverReturns {
				name = shortName(op.External)
			}
		}
		if name == "" {
			return
		}
		pass.Report(asyncir.Diagnostic{
			Code:     "AL352",
			Severity: asyncir.SeverityWarning,
			Range:    op.Range,
			Message:  fmt.Sprintf("goroutine `%s` runs forever and cannot observe `%s`: it outlives the cancellation of `%s`", name, f.ContextName, f.QualName),
			Related:  rel,
		})
	})
}

// runsForever computes, to a fixed point, the functions of the program
// that may never return: a loop with no exit, or a call to such a
// function (in the program, or modelled as never returning).
func runsForever(p *asyncir.Program) any {
	forever := map[*asyncir.Func]bool{}
	p.AllFuncs(func(f *asyncir.Func) {
		if len(f.Blocks) > 0 && asyncir.NewCFG(f).RunsForever() {
			forever[f] = true
		}
	})
	for changed := true; changed; {
		changed = false
		p.AllFuncs(func(f *asyncir.Func) {
			if forever[f] {
				return
			}
			f.Ops(func(op *asyncir.Op) {
				if op.Kind != asyncir.OpCall || forever[f] {
					return
				}
				m := p.Models.API(op.External)
				if (op.Callee != nil && forever[op.Callee]) || (op.Callee == nil && m != nil && m.NeverReturns) {
					forever[f] = true
					changed = true
				}
			})
		})
	}
	return forever
}
