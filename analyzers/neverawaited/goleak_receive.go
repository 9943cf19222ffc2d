package neverawaited

import (
	"fmt"

	"github.com/asynclint/asynclint/asyncir"
)

// checkReceiveLeaks reports AL152: goroutines started by f that receive
// from a channel only f sends on and closes, when f can return without
// closing it (for a goroutine that ranges) or without sending or closing
// (for one that receives once).
func checkReceiveLeaks(pass *asyncir.Pass, f *asyncir.Func) {
	for _, ch := range asyncir.Made(f, asyncir.Channel) {
		var spawns []*asyncir.Op
		bind := map[*asyncir.Op]*asyncir.Op{}
		ok := true
		for _, u := range ch.Uses {
			st, started := asyncir.StartOf(pass.Program.Models, u)
			switch {
			case started:
				if !containsOp(spawns, st.Site) {
					spawns = append(spawns, st.Site)
					bind[st.Site] = st.Bind
				}
			case u.Op.Sends(ch), u.Op.Kind == asyncir.OpClose, u.Op.Kind == asyncir.OpSelect:
			default:
				ok = false // f receives too, defers the close, or hands it on
			}
		}
		if !ok || len(spawns) == 0 {
			continue
		}
		var leak *receiver
		for _, sp := range spawns {
			r, ok := goroutineReceives(sp, bind[sp], ch)
			if !ok {
				leak = nil
				break
			}
			if leak == nil && r.recv != nil {
				leak = &r
			}
		}
		if leak == nil || (!leak.ranges && !singleReceiveJudgeable(f, ch, leak.spawn)) {
			continue
		}
		ranges := leak.ranges
		var sending []bool
		if !ranges {
			sending = loopsThatSend(f, ch)
		}
		cost := func(avoidFailure bool) asyncir.PathCost {
			return asyncir.PathCost{Op: func(op *asyncir.Op) int {
				if op.Closes() == ch || (!ranges && op.Sends(ch)) || op.CannotFire() || avoidFailure && failsTest(pass.Program.Models, op) {
					return asyncir.Inf
				}
				return 0
			}, Edge: func(_, to *asyncir.Block) int {
				if sending != nil && sending[to.Index] {
					return asyncir.Inf
				}
				return 0
			}}
		}
		c, exit := asyncir.CheapestExit(leak.spawn, cost(false))
		if c >= asyncir.Inf {
			continue
		}
		onFailure := false
		if c, _ := asyncir.CheapestExit(leak.spawn, cost(true)); c >= asyncir.Inf {
			onFailure = true
		}
		verb, missing := "receiving from", "sending on or closing it"
		if ranges {
			verb, missing = "ranging over", "closing it"
		}
		rel := []asyncir.Related{{Range: leak.recv.Range, Message: "the goroutine blocks here"}}
		rel = append(rel, returnRelated(f, exit, "without "+missing)...)
		at := leak.spawn.Range
		if leak.spawn.Kind != asyncir.OpSpawn && leak.recv.Range.File == at.File {
			at = leak.recv.Range
			rel = append(rel[1:], asyncir.Related{Range: leak.spawn.Range, Message: "the goroutine is started here"})
		}
		d := asyncir.Diagnostic{
			Code:    "AL152",
			Range:   at,
			Message: fmt.Sprintf("goroutine %s can block forever %s %s: `%s` can return without %s", spawnName(leak.bind), verb, chanName(ch), f.QualName, missing),
			Related: rel,
		}
		if onFailure {
			d.Message += " (only after the test has failed)"
		}
		reportOnFailure(pass, d, onFailure)
		if ranges {
			reportWaitOnRanger(pass, f, ch, leak, onFailure)
		}
	}
}

// reportWaitOnRanger reports AL156 at a Wait of f that waits for the
// leaking goroutine (it calls Done on the group) and that f can reach
// from the start without closing ch: the goroutine's range never ends,
// so neither does Wait.
func reportWaitOnRanger(pass *asyncir.Pass, f *asyncir.Func, ch *asyncir.Value, leak *receiver, onFailure bool) {
	models := pass.Program.Models
	closes := func(op *asyncir.Op) bool { return op.Closes() == ch }
	f.Ops(func(w *asyncir.Op) {
		m := models.API(w.External)
		if w.Kind != asyncir.OpCall || m == nil || !m.Waits || w.Recv == nil || !asyncir.Reaches(leak.spawn, w, closes) {
			return
		}
		counted := false
		for _, in := range asyncir.Bindings(leak.bind, w.Recv) {
			for _, u := range in.Uses {
				if dm := models.API(u.Op.External); dm != nil && dm.Done {
					counted = true
				}
			}
		}
		if !counted {
			return
		}
		d := asyncir.Diagnostic{
			Code:    "AL156",
			Range:   w.Range,
			Message: fmt.Sprintf("%s.Wait blocks forever: goroutine %s ranges over %s, which `%s` does not close before waiting", groupName(w.Recv), spawnName(leak.bind), chanName(ch), f.QualName),
			Related: []asyncir.Related{{Range: leak.recv.Range, Message: "the goroutine blocks here"}},
		}
		reportOnFailure(pass, d, onFailure)
	})
}

// loopsThatSend marks the blocks of every loop of f with a send on ch
// in it. Which turn sends (i == 222 of 10000, the first match) is the
// loop's data to decide: a path that goes round without sending is not
// one the analysis can show happens.
func loopsThatSend(f *asyncir.Func, ch *asyncir.Value) []bool {
	var cfg *asyncir.CFG
	var in []bool
	f.Ops(func(op *asyncir.Op) {
		if !op.Sends(ch) {
			return
		}
		if cfg == nil {
			cfg = asyncir.NewCFG(f)
		}
		for _, h := range cfg.LoopHeaders(op.Block) {
			for _, b := range f.Blocks {
				if cfg.InLoop(b, h) {
					if in == nil {
						in = make([]bool, len(f.Blocks))
					}
					in[b.Index] = true
				}
			}
		}
	})
	return in
}

type receiver struct {
	spawn  *asyncir.Op // the start's site
	bind   *asyncir.Op // the op binding the started function's inputs
	recv   *asyncir.Op // a receive that can block forever; nil if none
	ranges bool        // it receives until the channel is closed
}

// goroutineReceives describes how the goroutine sp starts uses ch; ok is
// false when it sends, closes or hands it on (then it is a producer and
// the channel's life is not f's alone).
func goroutineReceives(sp, bind *asyncir.Op, ch *asyncir.Value) (receiver, bool) {
	r := receiver{spawn: sp, bind: bind}
	g := bind.Callee
	inputs := asyncir.Bindings(bind, ch)
	if len(inputs) == 0 || len(g.Blocks) == 0 {
		return r, false
	}
	var cfg *asyncir.CFG
	var plain []*asyncir.Op
	for _, in := range inputs {
		if in.Track == nil || in.Track.Escapes {
			return r, false
		}
		for _, u := range in.Uses {
			switch {
			case u.Op.IsPlainReceive(in):
				plain = append(plain, u.Op)
			case u.Op.Kind == asyncir.OpDrain:
				r.ranges = true
			case u.Op.Receives(in), u.Op.Kind == asyncir.OpSelect:
			default:
				return r, false
			}
		}
	}
	// A receive in a loop that is not a range takes as many values as
	// the loop decides: only a range (or an ok-check) waits for close.
	for _, op := range plain {
		if cfg == nil {
			cfg = asyncir.NewCFG(g)
		}
		if cfg.InCycle(op.Block) && !r.ranges {
			return r, false
		}
		if r.recv == nil || cfg.InCycle(op.Block) {
			r.recv = op
		}
	}
	return r, true
}

// singleReceiveJudgeable reports whether one goroutine's single receive
// can be matched with f's sends: the go statement runs once, and f sent
// nothing before it (a semaphore filled before the workers start).
func singleReceiveJudgeable(f *asyncir.Func, ch *asyncir.Value, spawn *asyncir.Op) bool {
	if repeats(spawn, ch) {
		return false
	}
	for _, u := range ch.Uses {
		if u.Op.Sends(ch) && asyncir.Reaches(u.Op, spawn, nil) {
			return false
		}
	}
	return true
}
