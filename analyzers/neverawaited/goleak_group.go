package neverawaited

import (
	"fmt"

	"github.com/asynclint/asynclint/asyncir"
)

// checkUnwaitedGroups reports AL154: a wait group or errgroup that f
// makes and starts work on, when f can return without waiting for it.
func checkUnwaitedGroups(pass *asyncir.Pass, f *asyncir.Func) {
	models := pass.Program.Models
	for _, wg := range asyncir.Made(f, asyncir.WaitGroup) {
		var starts []*asyncir.Op
		waits := map[*asyncir.Op]bool{}
		ok := true
		for _, u := range wg.Uses {
			op := u.Op
			switch {
			case u.Kind == asyncir.UseRecv && op.Kind == asyncir.OpCall:
				m := models.API(op.External)
				switch {
				case m != nil && m.StartsWork:
					starts = append(starts, op)
				case m != nil && m.Waits:
					waits[op] = true
				}
			case u.Kind == asyncir.UseRecv && op.Kind == asyncir.OpDefer:
				if m := models.API(op.External); m != nil && m.Waits {
					ok = false // waited for at every return
				}
			case op.Callee != nil && (op.Kind == asyncir.OpSpawn || op.Kind == asyncir.OpCall || op.Kind == asyncir.OpDefer):
				w, known := calleeWaits(models, op, wg)
				switch {
				case !known || (w && op.Kind != asyncir.OpCall):
					// A goroutine that waits makes the group a barrier or a
					// closer's signal, not f's to wait for.
					ok = false
				case w:
					waits[op] = true
				}
			default:
				ok = false
			}
		}
		if !ok || len(starts) == 0 || len(waits) == 0 {
			continue // never waited for at all: not a skipped Wait
		}
		cost := asyncir.PathCost{Op: func(op *asyncir.Op) int {
			if waits[op] {
				return asyncir.Inf
			}
			return 0
		}}
		for _, st := range starts {
			c, exit := asyncir.CheapestExit(st, cost)
			if c >= asyncir.Inf {
				continue
			}
			name := "the group"
			if wg.Track.Name != "" {
				name = "`" + wg.Track.Name + "`"
			}
			report(pass, asyncir.Diagnostic{
				Code:    "AL154",
				Range:   st.Range,
				Message: fmt.Sprintf("work started on %s is not waited for: `%s` can return without calling %s.Wait", name, f.QualName, name),
				Related: returnRelated(f, exit, "without waiting"),
			})
			break
		}
	}
}

// calleeWaits reports whether the function op calls, spawns or defers
// waits on the group wg is bound to; known is false when it hands it on.
func calleeWaits(models *asyncir.Models, op *asyncir.Op, wg *asyncir.Value) (waits, known bool) {
	inputs := asyncir.Bindings(op, wg)
	if len(inputs) == 0 {
		return false, false
	}
	for _, in := range inputs {
		if in.Track == nil || in.Track.Escapes {
			return false, false
		}
		for _, u := range in.Uses {
			if u.Kind != asyncir.UseRecv || (u.Op.Kind != asyncir.OpCall && u.Op.Kind != asyncir.OpDefer) {
				return false, false
			}
			if m := models.API(u.Op.External); m != nil && m.Waits {
				waits = true
			}
		}
	}
	return waits, true
}
