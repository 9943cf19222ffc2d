package neverawaited

import (
	"fmt"
	"slices"

	"github.com/asynclint/asynclint/asyncir"
)

// checkUncancelledLoops reports AL152 for a goroutine that can only
// return through a select's ctx.Done() case, where the context comes from
// context.WithCancel and its cancel func is never called (dropped, or
// kept in a field nothing reads): Done never closes, and once the
// goroutine's other partners are gone it blocks in that select forever.
func checkUncancelledLoops(pass *asyncir.Pass) {
	starts := goroutineStarts(pass)
	for _, f := range pass.Module.Funcs {
		start := starts[f]
		if start == nil || len(f.Blocks) == 0 {
			continue
		}
		var dead []*asyncir.Op
		f.Ops(func(op *asyncir.Op) {
			if ctx := doneContext(op); ctx != nil && ctx.Track.CancelLost && !op.Select().Default {
				dead = append(dead, op)
			}
		})
		if len(dead) == 0 || canReturnWithout(f, dead) {
			continue
		}
		ctx := doneContext(dead[0])
		why := "its `context.WithCancel` cancel func is dropped"
		if ctx.Track.CancelField != "" {
			why = fmt.Sprintf("its `context.WithCancel` cancel func is kept in `%s`, which nothing calls", fieldName(ctx.Track.CancelField))
		}
		rel := []asyncir.Related{{Range: ctx.Track.NeverDoneAt, Message: "the context is made here"}}
		if start.Range.IsValid() {
			rel = append(rel, asyncir.Related{Range: start.Range, Message: "the goroutine is started here"})
		}
		report(pass, asyncir.Diagnostic{
			Code:    "AL152",
			Range:   dead[0].Select().Range,
			Message: fmt.Sprintf("goroutine `%s` can only return when its context is done, and nothing cancels it: %s, so the goroutine blocks here forever once its partners are gone", f.QualName, why),
			Related: rel,
		})
	}
}

// doneContext is the context whose Done channel op, a select case,
// receives from; nil for any other op.
func doneContext(op *asyncir.Op) *asyncir.Value {
	if op.Select() == nil || !op.ReceivesContextDone() {
		return nil
	}
	ctx := op.Operand.Def.Recv
	if ctx == nil || ctx.Track == nil {
		return nil
	}
	return ctx
}

// canReturnWithout reports whether some path from f's entry reaches a
// return without taking any of the cases in cut. A panic is no way out:
// it ends the program, and SSA adds one to every select without default.
func canReturnWithout(f *asyncir.Func, cut []*asyncir.Op) bool {
	isCut := map[*asyncir.Op]bool{}
	for _, op := range cut {
		isCut[op] = true
	}
	found := false
	asyncir.WalkFromEntry(f, nil, func(b *asyncir.Block) bool {
		if slices.ContainsFunc(b.Ops, func(op *asyncir.Op) bool { return isCut[op] }) {
			return false
		}
		found = found || b.Exit
		return !found
	})
	return found
}
