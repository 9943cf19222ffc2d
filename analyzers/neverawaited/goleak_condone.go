package neverawaited

import (
	"fmt"
	"go/token"

	"github.com/asynclint/asynclint/asyncir"
)

// checkSignalsForOthers reports AL157 for a sync.Cond held in an
// unexported struct field whose waiters each wait for a condition of
// their own (the wait loop tests a parameter of the waiting function:
// for l.inbox[duty] == "" { l.cond.Wait() }) while the package only ever
// wakes one waiter at a time with Signal: the one woken may be a waiter
// whose own condition still fails; it waits again, and the waiter whose
// condition now holds is never woken.
func checkSignalsForOthers(pass *asyncir.Pass) {
	type condUse struct {
		waits     []*asyncir.Op // waits for a condition of their own
		signals   []*asyncir.Op
		broadcast bool // some wake-up reaches every waiter
	}
	var conds byField[condUse]
	for _, f := range pass.Module.Funcs {
		f.Ops(func(op *asyncir.Op) {
			for _, v := range append(append([]*asyncir.Value{op.Operand}, op.Args...), op.Captures()...) {
				if v != nil && v.Track != nil && v.Track.Field != "" && v.Type().Await == asyncir.Cond {
					conds.use(v.Track.Field).broadcast = true // handed on: who wakes it is not known
				}
			}
			if op.Recv == nil || op.Recv.Track == nil || op.Recv.Track.Field == "" || op.Recv.Type().Await != asyncir.Cond {
				return
			}
			key := op.Recv.Track.Field
			switch op.External {
			case "sync.Cond.Wait":
				if op.WaitsForOwn() {
					u := conds.use(key)
					u.waits = append(u.waits, op)
				}
			case "sync.Cond.Signal":
				u := conds.use(key)
				u.signals = append(u.signals, op)
			case "sync.Cond.Broadcast":
				conds.use(key).broadcast = true
			default:
				conds.use(key).broadcast = true // handed on: who wakes it is not known
			}
		})
	}
	for _, key := range conds.order {
		u := conds.records[key]
		if u.broadcast || len(u.waits) == 0 || len(u.signals) == 0 || token.IsExported(lastDot(key)) {
			continue
		}
		s := u.signals[0]
		for _, w := range u.waits {
			report(pass, asyncir.Diagnostic{
				Code:  "AL157",
				Range: w.Range,
				Message: fmt.Sprintf("`%s`.Wait can block forever: each caller of `%s` waits for a condition of its own, and `%s` wakes one waiter with Signal, which may be another's",
					fieldName(key), w.Func().QualName, s.Func().QualName),
				Related: []asyncir.Related{{Range: s.Range, Message: "wakes a single waiter; Broadcast wakes each to test its own condition"}},
			})
		}
	}
}
