package neverawaited

import (
	"fmt"
	"go/token"

	"github.com/asynclint/asynclint/asyncir"
)

// fieldGroup is what the package does with a sync.WaitGroup held in an
// unexported struct field (s.wg), the same in every method.
type fieldGroup struct {
	adds, waits []*asyncir.Op
	// doers are the functions that call Done on it directly; dones
	// their Done calls and defers.
	doers map[*asyncir.Func]bool
	dones map[*asyncir.Op]bool
	// unknown: some use the rule does not follow (the group handed to
	// a call, Go, Done in a loop).
	unknown bool
}

// checkFieldWaitGroups reports AL156 for a WaitGroup held in an
// unexported struct field when a goroutine of the package, started right
// after an Add of that field, can return without calling Done: every
// Wait of the field then waits forever for the count it left behind
// (Add in saveAll, go s.save, an early error return in save, Wait in
// Flush).
func checkFieldWaitGroups(pass *asyncir.Pass) {
	models := pass.Program.Models
	groups := map[string]*fieldGroup{}
	var order []string
	for _, f := range pass.Module.Funcs {
		f.Ops(func(op *asyncir.Op) {
			for _, v := range fieldGroupsOf(op) {
				key := v.Track.Field
				g := groups[key]
				if g == nil {
					g = &fieldGroup{doers: map[*asyncir.Func]bool{}, dones: map[*asyncir.Op]bool{}}
					groups[key] = g
					order = append(order, key)
				}
				m := models.API(op.External)
				switch {
				case v != op.Recv || op.Kind != asyncir.OpCall && op.Kind != asyncir.OpDefer || m == nil:
					g.unknown = true
				case op.External == "sync.WaitGroup.Add" && op.Kind == asyncir.OpCall:
					g.adds = append(g.adds, op)
				case m.Waits && op.Kind == asyncir.OpCall:
					g.waits = append(g.waits, op)
				case m.Done:
					g.doers[f], g.dones[op] = true, true
					if asyncir.NewCFG(f).InCycle(op.Block) {
						g.unknown = true // one Done per item, with Adds to match
					}
				default:
					g.unknown = true
				}
			}
		})
	}
	for _, key := range order {
		g := groups[key]
		if g.unknown || token.IsExported(lastDot(key)) || len(g.waits) == 0 || len(g.adds) == 0 {
			continue
		}
		reportFieldGroupSkip(pass, key, g)
		reportUnstartedAdds(pass, key, g)
	}
}

// reportUnstartedAdds reports AL156 at the first Wait of a field group
// when a function adds one to it, starts the goroutine that calls Done on
// some path after, and can return without starting it and without
// calling Done (an error return between Add and the go statement): the
// count it took is never given back.
func reportUnstartedAdds(pass *asyncir.Pass, key string, g *fieldGroup) {
	models := pass.Program.Models
	for _, add := range g.adds {
		if n := add.Arg(0, ""); n == nil || n.Const() != "1" || asyncir.NewCFG(add.Func()).InCycle(add.Block) {
			continue // a count matched by a loop, or not known
		}
		gives := func(o *asyncir.Op) int {
			_, starts := asyncir.StartOf(models, asyncir.Use{Op: o})
			if g.dones[o] || o.Kind == asyncir.OpSpawn || starts || o.Callee != nil && (g.doers[o.Callee] || startsOrDones(o.Callee, g)) {
				return asyncir.Inf
			}
			return 0
		}
		// The function starts the counted goroutine on some path after
		// the Add: a function that only adds (enter, with leave calling
		// Done; a gate) hands the count to its caller.
		startsAfter := false
		add.Func().Ops(func(o *asyncir.Op) {
			_, starts := asyncir.StartOf(models, asyncir.Use{Op: o})
			startsAfter = startsAfter || (o.Kind == asyncir.OpSpawn || starts) && asyncir.Reaches(add, o, nil)
		})
		if !startsAfter {
			continue
		}
		c, exit := asyncir.CheapestExit(add, asyncir.PathCost{Op: gives})
		ret := asyncir.ExitOp(exit)
		if c >= asyncir.Inf || ret == nil {
			continue
		}
		f := add.Func()
		report(pass, asyncir.Diagnostic{
			Code:  "AL156",
			Range: g.waits[0].Range,
			Message: fmt.Sprintf("`%s`.Wait can block forever: `%s` adds one to it and can return without starting the goroutine that calls Done",
				fieldName(key), f.QualName),
			Related: []asyncir.Related{
				{Range: add.Range, Message: "counted here"},
				{Range: ret.Range, Message: "`" + f.QualName + "` returns here without starting it or calling Done"},
			},
		})
		return
	}
}

// startsOrDones reports whether f itself starts a goroutine or calls
// Done on the group: a helper that takes over the count.
func startsOrDones(f *asyncir.Func, g *fieldGroup) bool {
	found := false
	f.Ops(func(o *asyncir.Op) {
		found = found || o.Kind == asyncir.OpSpawn || g.dones[o]
	})
	return found
}

// reportFieldGroupSkip finds a goroutine counted by an Add of the field
// just before its go statement that can return without Done, and
// reports the first Wait.
func reportFieldGroupSkip(pass *asyncir.Pass, key string, g *fieldGroup) {
	models := pass.Program.Models
	for _, f := range pass.Module.Funcs {
		var found bool
		f.Ops(func(spawn *asyncir.Op) {
			w := spawn.Callee
			if found || spawn.Kind != asyncir.OpSpawn || w == nil || !g.doers[w] || !countedBefore(spawn, g.adds) {
				return
			}
			isDone := func(o *asyncir.Op) bool {
				return g.dones[o] || o.Callee != nil && g.doers[o.Callee] || o.NeverDrains()
			}
			var skip *asyncir.Op
			afterFailure := false
			for _, b := range w.Blocks {
				ret := asyncir.ExitOp(b)
				if !b.Exit || ret == nil || !asyncir.ReachedFromEntryUnder(ret, isDone, asyncir.MadeArgs(spawn)) {
					continue
				}
				failed := !asyncir.ReachedFromEntryUnder(ret, func(o *asyncir.Op) bool { return isDone(o) || failsTest(models, o) }, asyncir.MadeArgs(spawn))
				if skip == nil || afterFailure && !failed {
					skip, afterFailure = ret, failed
				}
			}
			if skip == nil {
				return
			}
			for d := range g.dones {
				if d.Func() == w && d.Kind == asyncir.OpDefer {
					return // a return before the deferred Done: unusual, not judged
				}
			}
			found = true
			wait := g.waits[0]
			diag := asyncir.Diagnostic{
				Code:  "AL156",
				Range: wait.Range,
				Message: fmt.Sprintf("`%s`.Wait can block forever: goroutine `%s`, counted by its Add, can return without calling Done",
					fieldName(key), w.QualName),
				Related: []asyncir.Related{
					{Range: skip.Range, Message: "`" + w.QualName + "` returns here without calling Done"},
					{Range: spawn.Range, Message: "the goroutine is started here"},
				},
			}
			if afterFailure {
				diag.Message += " (only after the test has failed)"
			}
			diag.Fact = asyncir.FactSkippedDelivery
			reportOnFailure(pass, diag, afterFailure)
		})
		if found {
			return
		}
	}
}

// countedBefore reports whether an Add of the group runs before the go
// statement on every path to it, in the same function.
func countedBefore(spawn *asyncir.Op, adds []*asyncir.Op) bool {
	for _, a := range adds {
		if a.Func() == spawn.Func() && precedes(a, spawn) {
			return true
		}
	}
	return false
}

// fieldGroupsOf lists the sync.WaitGroups held in struct fields that op
// uses.
func fieldGroupsOf(op *asyncir.Op) []*asyncir.Value {
	var out []*asyncir.Value
	add := func(v *asyncir.Value) {
		if v != nil && v.Type().Await == asyncir.WaitGroup && v.Type().External == "sync.WaitGroup" && v.Track != nil && v.Track.Field != "" {
			out = append(out, v)
		}
	}
	add(op.Recv)
	for _, a := range op.Args {
		add(a)
	}
	for _, c := range op.Captures() {
		add(c)
	}
	if op.Kind != asyncir.OpSelect {
		add(op.Operand)
	}
	return out
}

// lastDot is the part of s after its last dot.
func lastDot(s string) string {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '.' {
			return s[i+1:]
		}
	}
	return s
}
