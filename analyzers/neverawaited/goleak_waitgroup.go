package neverawaited

import (
	"fmt"
	"strconv"

	"github.com/asynclint/asynclint/asyncir"
)

// checkStuckWaits reports AL156: a sync.WaitGroup that f makes, counts
// with constant Adds and waits for, when a goroutine it counts can return
// without calling Done, or the Adds count more than the goroutines that
// call Done: Wait never returns.
func checkStuckWaits(pass *asyncir.Pass, f *asyncir.Func, cfg *asyncir.CFG) {
	models := pass.Program.Models
	for _, wg := range asyncir.Made(f, asyncir.WaitGroup) {
		if wg.Type().External != "sync.WaitGroup" {
			if c, ok := countErrgroup(models, wg); ok && len(c.waits) > 0 {
				checkWaitBeforeReceive(pass, f, c, "`"+wg.Track.Name+"`")
			}
			continue
		}
		// A group no goroutine is handed (wg.Add(2); go cleanImages();
		// wg.Wait()) has nobody to call Done: judged by its Adds alone.
		c, ok := countGroup(models, wg)
		if !ok || len(c.waits) == 0 {
			continue
		}
		wait := c.waits[0]
		name := "`" + wg.Track.Name + "`"
		if wg.Track.Name == "" {
			name = "the wait group"
		}
		if checkWaitBeforeReceive(pass, f, c, name) {
			continue
		}
		done := 0
		skipped := false
		for _, st := range c.starts {
			d, ok := goroutineDones(models, st, wg)
			if !ok {
				skipped = true // it hands the group on: its Done is not ours to count
				break
			}
			if d.skip != nil {
				diag := asyncir.Diagnostic{
					Code:    "AL156",
					Range:   wait.Range,
					Message: fmt.Sprintf("%s.Wait can block forever: goroutine %s can return without calling %s.Done", name, spawnName(st.Bind), name),
					Related: []asyncir.Related{
						{Range: d.skip.Range, Message: "`" + st.Bind.Callee.QualName + "` returns here without calling Done"},
						{Range: st.Site.Range, Message: "the goroutine is started here"},
					},
				}
				if d.afterFailure {
					diag.Message += " (only after the test has failed)"
				}
				diag.Fact = asyncir.FactSkippedDelivery // a hang, in a test
				reportOnFailure(pass, diag, d.afterFailure)
				skipped = true
				break
			}
			if d.once {
				done++
			}
		}
		if skipped || c.counted || c.added <= done || !c.straight(cfg, wait) {
			continue
		}
		report(pass, asyncir.Diagnostic{
			Code:    "AL156",
			Range:   wait.Range,
			Message: fmt.Sprintf("%s.Wait can block forever: Add counts %d but %s %s.Done", name, c.added, goroutinesCalling(done), name),
		})
	}
}

// groupCount is what f does with a wait group it made.
type groupCount struct {
	added int // the sum of the constant Adds
	// counted: some Add is not a constant (len(items)): the Adds are
	// not compared with the goroutines, but a goroutine that skips Done
	// still leaves Wait short.
	counted bool
	adds    []*asyncir.Op
	waits   []*asyncir.Op
	starts  []asyncir.Start
}

// countGroup collects the group's Adds, Waits and the goroutines it is
// handed to; ok is false when f does anything else with it (Done itself,
// Go, passing it to a call).
func countGroup(models *asyncir.Models, wg *asyncir.Value) (groupCount, bool) {
	var c groupCount
	for _, u := range wg.Uses {
		op := u.Op
		if st, started := asyncir.StartOf(models, u); started && op.Kind == asyncir.OpSpawn {
			if !containsStart(c.starts, st.Site) {
				c.starts = append(c.starts, st)
			}
			continue
		}
		if u.Kind != asyncir.UseRecv || op.Kind != asyncir.OpCall {
			return c, false
		}
		switch op.External {
		case "sync.WaitGroup.Add":
			if len(op.Args) != 1 || op.Args[0] == nil {
				return c, false
			}
			n, err := strconv.Atoi(op.Args[0].Const())
			if err != nil || n < 0 {
				c.counted = true
			}
			c.added += max(n, 0)
			c.adds = append(c.adds, op)
		case "sync.WaitGroup.Wait":
			c.waits = append(c.waits, op)
		default:
			return c, false
		}
	}
	return c, true
}

func containsStart(ss []asyncir.Start, site *asyncir.Op) bool {
	for _, s := range ss {
		if s.Site == site {
			return true
		}
	}
	return false
}

// straight reports whether every Add and go statement runs once, on every
// path to wait: then their counts are what Wait waits for.
func (c groupCount) straight(cfg *asyncir.CFG, wait *asyncir.Op) bool {
	ops := append([]*asyncir.Op(nil), c.adds...)
	for _, st := range c.starts {
		ops = append(ops, st.Site)
	}
	for _, op := range ops {
		if cfg.InCycle(op.Block) || cfg.InCycle(wait.Block) {
			return false
		}
		if asyncir.ReachedFromEntry(wait, func(o *asyncir.Op) bool { return o == op }) {
			return false // a path to Wait that skips it
		}
	}
	return true
}

// goroutineDones describes the Done calls of a counted goroutine.
type goroutineDone struct {
	once bool        // it calls Done exactly once on every path
	skip *asyncir.Op // a return some path reaches without calling Done
	// afterFailure: every such path first marks the test failed.
	afterFailure bool
}

// goroutineDones follows the group into the goroutine st starts; ok is
// false when the goroutine does anything with it but Done, or calls Done
// in a loop (one Done per item, with Adds to match).
func goroutineDones(models *asyncir.Models, st asyncir.Start, wg *asyncir.Value) (goroutineDone, bool) {
	var d goroutineDone
	g := st.Bind.Callee
	inputs := asyncir.Bindings(st.Bind, wg)
	if g == nil || len(inputs) == 0 || len(g.Blocks) == 0 {
		return d, false
	}
	cfg := asyncir.NewCFG(g)
	var dones []*asyncir.Op
	deferred := false
	for _, in := range inputs {
		for _, u := range in.Uses {
			op := u.Op
			m := models.API(op.External)
			if u.Kind != asyncir.UseRecv || m == nil || !m.Done || cfg.InCycle(op.Block) {
				return d, false
			}
			switch op.Kind {
			case asyncir.OpCall:
				dones = append(dones, op)
			case asyncir.OpDefer:
				deferred = true
				dones = append(dones, op)
			default:
				return d, false
			}
		}
	}
	if len(dones) == 0 {
		return d, true // not counted by this goroutine
	}
	isDone := func(op *asyncir.Op) bool { return containsOp(dones, op) }
	// A path that leaves a range over a ticker's channel is not one:
	// the channel is never closed.
	doneOrNever := func(op *asyncir.Op) bool { return isDone(op) || op.NeverDrains() }
	doneOrFailed := func(op *asyncir.Op) bool { return doneOrNever(op) || failsTest(models, op) }
	// A goroutine handed the group its starter made never takes the
	// branch for a nil one (if wg != nil { wg.Done() }).
	args := asyncir.MadeArgs(st.Bind)
	for _, b := range g.Blocks {
		if ret := asyncir.ExitOp(b); b.Exit && ret != nil && asyncir.ReachedFromEntryUnder(ret, doneOrNever, args) {
			if deferred {
				return d, false // a return before the defer: unusual, not judged
			}
			// Prefer a skipping path on which the test has not failed.
			failed := !asyncir.ReachedFromEntryUnder(ret, doneOrFailed, args)
			if d.skip == nil || d.afterFailure && !failed {
				d.skip, d.afterFailure = ret, failed
			}
		}
	}
	if d.skip != nil {
		return d, true
	}
	d.once = cfg.MaxOnPath(func(op *asyncir.Op) int {
		if isDone(op) {
			return 1
		}
		return 0
	}) == 1
	return d, true
}

func goroutinesCalling(n int) string {
	switch n {
	case 0:
		return "no goroutine calls"
	case 1:
		return "only 1 goroutine calls"
	}
	return fmt.Sprintf("only %d goroutines call", n)
}

// countErrgroup collects the goroutines an errgroup starts (Go, TryGo)
// and its Waits; ok is false when f does anything else with it.
func countErrgroup(models *asyncir.Models, g *asyncir.Value) (groupCount, bool) {
	var c groupCount
	for _, u := range g.Uses {
		op := u.Op
		m := models.API(op.External)
		if u.Kind != asyncir.UseRecv || op.Kind != asyncir.OpCall || m == nil {
			return c, false
		}
		switch {
		case m.Waits:
			c.waits = append(c.waits, op)
		case m.Spawns && m.Callback >= 0 && m.Callback < len(op.Args) && op.Args[m.Callback] != nil && op.Args[m.Callback].Def != nil:
			st, ok := asyncir.StartOf(models, asyncir.Use{Kind: asyncir.UseArg, Op: op.Args[m.Callback].Def})
			if !ok {
				return c, false
			}
			c.starts = append(c.starts, st)
		default:
			return c, false
		}
	}
	return c, true
}
