package neverawaited

import (
	"fmt"

	"github.com/asynclint/asynclint/asyncir"
)

// checkSkippedSends reports AL152 for the other side of a result
// channel: f makes a channel, starts one goroutine that sends on it or
// closes it, and waits for it with a plain receive; when the goroutine
// can return on some path (an error path) without sending or closing,
// the receive blocks forever.
func checkSkippedSends(pass *asyncir.Pass, f *asyncir.Func) {
	models := pass.Program.Models
	for _, ch := range asyncir.Made(f, asyncir.Channel) {
		var start *asyncir.Start
		var recvs []*asyncir.Op
		ok := true
		for _, u := range ch.Uses {
			st, started := asyncir.StartOf(models, u)
			switch {
			case started && (start == nil || start.Site == st.Site):
				start = &st
			case u.Op.IsPlainReceive(ch):
				recvs = append(recvs, u.Op)
			default:
				ok = false // f sends, closes, selects, or hands it on
			}
		}
		if !ok || start == nil || len(recvs) == 0 || repeats(start.Site, ch) {
			continue
		}
		skip, afterFailure := skippedDelivery(models, start.Bind, ch)
		if skip == nil {
			continue
		}
		// A receive in a loop takes as many values as the loop decides
		// (a count matched with the goroutine's loop of sends).
		cfg := asyncir.NewCFG(f)
		var recv *asyncir.Op
		for _, r := range recvs {
			if !cfg.InCycle(r.Block) && asyncir.Reaches(start.Site, r, nil) {
				recv = r
				break
			}
		}
		if recv == nil {
			continue
		}
		d := asyncir.Diagnostic{
			Code:    "AL152",
			Range:   recv.Range,
			Message: fmt.Sprintf("`%s` can block forever receiving from %s: goroutine %s can return without sending on or closing it", f.QualName, chanName(ch), spawnName(start.Bind)),
			Related: []asyncir.Related{
				{Range: skip.Range, Message: "`" + start.Bind.Callee.QualName + "` returns here without sending"},
				{Range: start.Site.Range, Message: "the goroutine is started here"},
			},
		}
		if afterFailure {
			d.Message += " (only after the test has failed)"
		}
		d.Fact = asyncir.FactSkippedDelivery
		reportOnFailure(pass, d, afterFailure)
	}
}

// skippedDelivery returns a return of the goroutine bind starts that a
// path from its entry reaches without sending on or closing the input ch
// is bound to; nil when every path delivers, or the goroutine does more
// with the channel than send and close. afterFailure: every such path
// marks the test failed first.
func skippedDelivery(models *asyncir.Models, bind *asyncir.Op, ch *asyncir.Value) (skip *asyncir.Op, afterFailure bool) {
	g := bind.Callee
	inputs := asyncir.Bindings(bind, ch)
	if g == nil || len(inputs) == 0 || len(g.Blocks) == 0 {
		return nil, false
	}
	cfg := asyncir.NewCFG(g)
	for _, in := range inputs {
		if in.Track == nil || in.Track.Escapes {
			return nil, false
		}
		for _, u := range in.Uses {
			switch {
			case cfg.InCycle(u.Op.Block):
				return nil, false // sends as many as its loop runs
			case u.Op.IsPlainSend(in):
			case u.Op.Closes() == in:
				if u.Op.Kind == asyncir.OpDefer {
					return nil, false // closed at every return
				}
			default:
				return nil, false
			}
		}
	}
	delivers := func(op *asyncir.Op) bool {
		for _, in := range inputs {
			if op.IsPlainSend(in) || op.Closes() == in {
				return true
			}
		}
		return false
	}
	deliversOrFails := func(op *asyncir.Op) bool { return delivers(op) || failsTest(models, op) }
	// A goroutine handed a channel its starter made never takes the
	// branch for a nil one (if done != nil { done <- x }).
	args := asyncir.MadeArgs(bind)
	for _, b := range g.Blocks {
		ret := asyncir.ExitOp(b)
		if !b.Exit || ret == nil || !asyncir.ReachedFromEntryUnder(ret, delivers, args) {
			continue
		}
		failed := !asyncir.ReachedFromEntryUnder(ret, deliversOrFails, args)
		if skip == nil || afterFailure && !failed {
			skip, afterFailure = ret, failed
		}
	}
	return skip, afterFailure
}
