package neverawaited

import (
	"fmt"
	"slices"

	"github.com/asynclint/asynclint/asyncir"
)

// checkUnwaitedGroups reports AL154: a wait group or errgroup that f
// makes and starts work on, when f can return without waiting for it.
func checkUnwaitedGroups(pass *asyncir.Pass, f *asyncir.Func) {
	models := pass.Program.Models
	for _, wg := range asyncir.Made(f, asyncir.WaitGroup) {
		var starts, workers []*asyncir.Op // workers: the goroutines counted
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
					for _, a := range op.Args { // wg.Go(func() { … })
						if a != nil && a.Def != nil && a.Def.Kind == asyncir.OpRef && a.Def.Callee != nil {
							workers = append(workers, a.Def)
						}
					}
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
				case op.Kind == asyncir.OpSpawn:
					workers = append(workers, op)
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
			d := asyncir.Diagnostic{
				Code:    "AL154",
				Range:   st.Range,
				Message: fmt.Sprintf("work started on %s is not waited for: `%s` can return without calling %s.Wait", name, f.QualName, name),
				Related: returnRelated(f, exit, "without waiting"),
			}
			if returnsOnlyWhenDone(st, waits) && len(workers) > 0 && !slices.ContainsFunc(workers, func(w *asyncir.Op) bool { return !w.HandsContext() }) {
				d.Fact = asyncir.FactWorkSeesContext
			}
			report(pass, d)
			break
		}
	}
}

// returnsOnlyWhenDone reports whether every way from st to a return that
// skips the waits returns because a context is done: right after a test
// of ctx.Err() ("if ctx.Err() != nil { return }"), or on the case of a
// receive from ctx.Done(). The function leaves the work unwaited only
// once it is cancelled.
func returnsOnlyWhenDone(st *asyncir.Op, waits map[*asyncir.Op]bool) bool {
	c, _ := asyncir.CheapestExit(st, asyncir.PathCost{Op: func(op *asyncir.Op) int {
		if waits[op] || op.Kind == asyncir.OpReturn && returnsOnDone(op.Block) {
			return asyncir.Inf
		}
		return 0
	}})
	return c >= asyncir.Inf
}

// returnsOnDone reports whether exit block b is entered only once a
// context was found done.
func returnsOnDone(b *asyncir.Block) bool {
	if slices.ContainsFunc(b.Ops, (*asyncir.Op).ReceivesContextDone) {
		return true
	}
	return len(b.Preds) > 0 && !slices.ContainsFunc(b.Preds, func(p *asyncir.Block) bool {
		return !slices.ContainsFunc(p.Ops, func(op *asyncir.Op) bool { return op.TestsContextErr() || op.ReceivesContextDone() })
	})
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
