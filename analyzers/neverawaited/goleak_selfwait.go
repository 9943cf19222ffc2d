package neverawaited

import (
	"fmt"

	"github.com/asynclint/asynclint/asyncir"
)

// checkSelfWaits reports AL156 for a goroutine that waits on the wait
// group that counts it: it calls Done on a group its inputs reach
// (p.wg), and before that Done, itself or through a function it calls
// (p.Close), calls Wait on the same group. Wait waits for this
// goroutine's Done, which never comes.
func checkSelfWaits(pass *asyncir.Pass) {
	models := pass.Program.Models
	waits := waitSummaries(models, pass.Module)
	for f, start := range goroutineStarts(pass) {
		if len(f.Blocks) == 0 {
			continue
		}
		f.Ops(func(done *asyncir.Op) {
			m := models.API(done.External)
			if m == nil || !m.Done || done.Recv == nil || (done.Kind != asyncir.OpCall && done.Kind != asyncir.OpDefer) {
				return
			}
			pl := asyncir.PlaceOf(done.Recv)
			if asyncir.InputOf(f, pl) < 0 || addsItself(f, pl) {
				return // a Done that balances the goroutine's own Add
			}
			f.Ops(func(o *asyncir.Op) {
				if o.Kind != asyncir.OpCall {
					return
				}
				// Before every Done: one that ran already (a barrier:
				// Done, then Wait for the others) gave the count back; a
				// deferred Done runs only at return.
				if !asyncir.ReachedFromEntry(o, func(x *asyncir.Op) bool { return x.Kind == asyncir.OpCall && givesBack(models, x, pl) }) {
					return
				}
				if o.External == "sync.WaitGroup.Wait" && o.Recv != nil && asyncir.PlaceOf(o.Recv) == pl {
					report(pass, asyncir.Diagnostic{
						Code:    "AL156",
						Range:   o.Range,
						Message: fmt.Sprintf("goroutine `%s` waits on %s, which counts it: it blocks forever", f.QualName, groupName(done.Recv)),
						Related: []asyncir.Related{
							{Range: done.Range, Message: "the goroutine's Done, which Wait needs"},
							{Range: start.Range, Message: "the goroutine is started here"},
						},
					})
					return
				}
				if o.Callee == nil {
					return
				}
				for _, w := range waits[o.Callee] {
					if cp, ok := asyncir.CalleePlace(o, w); ok && cp == pl {
						report(pass, asyncir.Diagnostic{
							Code:    "AL156",
							Range:   o.Range,
							Message: fmt.Sprintf("goroutine `%s` calls `%s`, which waits on %s for the goroutines it counts, this one included: it blocks forever", f.QualName, o.Callee.QualName, groupName(done.Recv)),
							Related: []asyncir.Related{
								{Range: w.At.Range, Message: "waits here"},
								{Range: done.Range, Message: "the goroutine's Done, which Wait needs"},
								{Range: start.Range, Message: "the goroutine is started here"},
							},
						})
						return
					}
				}
			})
		})
	}
}

// givesBack reports whether op calls Done on the wait group at pl.
func givesBack(models *asyncir.Models, op *asyncir.Op, pl asyncir.Place) bool {
	m := models.API(op.External)
	return m != nil && m.Done && op.Recv != nil && asyncir.PlaceOf(op.Recv) == pl
}

// groupName names a wait group for messages.
func groupName(v *asyncir.Value) string {
	switch {
	case v.Track != nil && v.Track.Field != "":
		return "`" + fieldName(v.Track.Field) + "`"
	case v.Track != nil && v.Track.Name != "":
		return "`" + v.Track.Name + "`"
	}
	return "the wait group"
}

// waitSummaries lists, per function, the wait groups rooted at its
// inputs that it waits on, itself or through the functions it calls.
func waitSummaries(models *asyncir.Models, mod *asyncir.Module) map[*asyncir.Func][]asyncir.InputLock {
	out := map[*asyncir.Func][]asyncir.InputLock{}
	add := func(f *asyncir.Func, a asyncir.InputLock) bool {
		for _, x := range out[f] {
			if x.Input == a.Input && x.Path == a.Path {
				return false
			}
		}
		out[f] = append(out[f], a)
		return true
	}
	for round := 0; round < 4; round++ {
		changed := false
		for _, f := range mod.Funcs {
			f.Ops(func(op *asyncir.Op) {
				if op.Kind != asyncir.OpCall {
					return
				}
				if op.External == "sync.WaitGroup.Wait" && op.Recv != nil {
					pl := asyncir.PlaceOf(op.Recv)
					if i := asyncir.InputOf(f, pl); i >= 0 {
						changed = add(f, asyncir.InputLock{Input: i, Path: pl.Path, At: op}) || changed
					}
					return
				}
				if op.Callee == nil {
					return
				}
				for _, w := range out[op.Callee] {
					if pl, ok := asyncir.CalleePlace(op, w); ok {
						if i := asyncir.InputOf(f, pl); i >= 0 {
							changed = add(f, asyncir.InputLock{Input: i, Path: pl.Path, At: w.At}) || changed
						}
					}
				}
			})
		}
		if !changed {
			break
		}
	}
	return out
}

// addsItself reports whether f calls Add on the group at pl: its Done
// may balance that Add (a start that failed) rather than count f.
func addsItself(f *asyncir.Func, pl asyncir.Place) bool {
	found := false
	f.Ops(func(op *asyncir.Op) {
		found = found || op.External == "sync.WaitGroup.Add" && op.Recv != nil && asyncir.PlaceOf(op.Recv) == pl
	})
	return found
}
