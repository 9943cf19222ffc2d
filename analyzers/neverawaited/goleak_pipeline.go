package neverawaited

import (
	"fmt"

	"github.com/asynclint/asynclint/asyncir"
)

// checkPipelineLeaks reports AL151 for a channel f makes and hands to
// goroutines only: producers that send on it in a loop outside any
// select, and one consumer that receives from it in a loop it can leave
// by returning (an error, the first match) before the channel is
// closed. Nobody receives after that, and the producer's next send
// blocks forever.
func checkPipelineLeaks(pass *asyncir.Pass, f *asyncir.Func) {
	models := pass.Program.Models
	for _, ch := range asyncir.Made(f, asyncir.Channel) {
		if ch.Track.Cap < 0 {
			continue
		}
		var producers, consumers []asyncir.Start
		ok := true
		for _, u := range ch.Uses {
			st, started := asyncir.StartOf(models, u)
			if !started {
				ok = false // f itself sends, receives or hands it on
				break
			}
			if containsStartSite(producers, st.Site) || containsStartSite(consumers, st.Site) {
				continue
			}
			if n, send, sends := goroutineSends(st.Bind, []*asyncir.Value{ch}); sends && send != nil {
				if n < asyncir.Inf && !repeats(st.Site, ch) {
					ok = false // a bounded count the buffer or the consumer may absorb
					break
				}
				producers = append(producers, st)
				continue
			}
			consumers = append(consumers, st)
		}
		if !ok || len(producers) == 0 || len(consumers) != 1 {
			continue
		}
		c := consumers[0]
		leave, onFailure, ok := consumerStops(models, c.Bind, ch)
		if !ok || leave == nil {
			continue
		}
		p := producers[0]
		send := firstPlainSend(p.Bind, ch)
		what := "unbuffered channel " + chanName(ch)
		if ch.Track.Cap > 0 {
			what = fmt.Sprintf("channel %s (buffer %d)", chanName(ch), ch.Track.Cap)
		}
		d := asyncir.Diagnostic{
			Code:    "AL151",
			Range:   send.Range,
			Message: fmt.Sprintf("goroutine %s can block forever sending on %s: its receiver, goroutine %s, can return before the channel is closed", spawnName(p.Bind), what, spawnName(c.Bind)),
			Related: []asyncir.Related{
				{Range: leave.Range, Message: "`" + c.Bind.Callee.QualName + "` stops receiving here"},
				{Range: p.Site.Range, Message: "the producer is started here"},
			},
		}
		if onFailure {
			d.Message += " (only after the test has failed)"
		}
		reportOnFailure(pass, d, onFailure)
	}
}

func containsStartSite(ss []asyncir.Start, site *asyncir.Op) bool {
	for _, s := range ss {
		if s.Site == site {
			return true
		}
	}
	return false
}

// consumerStops returns the return through which the goroutine bind
// starts can leave a loop that receives from ch (the input ch is bound
// to) before the channel is closed, and whether every such return comes
// after the running test failed (b.Errorf; return); ok is false when
// the goroutine does anything with ch but receive.
func consumerStops(models *asyncir.Models, bind *asyncir.Op, ch *asyncir.Value) (leave *asyncir.Op, onFailure, ok bool) {
	g := bind.Callee
	inputs := asyncir.Bindings(bind, ch)
	if g == nil || len(inputs) == 0 || len(g.Blocks) == 0 {
		return nil, false, false
	}
	var recvs []*asyncir.Op
	for _, in := range inputs {
		if in.Track == nil || in.Track.Escapes {
			return nil, false, false
		}
		for _, u := range in.Uses {
			switch {
			case u.Op.IsPlainReceive(in), u.Op.Kind == asyncir.OpDrain:
				if u.Op.Kind == asyncir.OpAwait {
					recvs = append(recvs, u.Op)
				}
			default:
				return nil, false, false // a select may watch a stop channel too
			}
		}
	}
	cfg := asyncir.NewCFG(g)
	avoidFailure := false
	cost := asyncir.PathCost{
		Op: func(op *asyncir.Op) int {
			if op.Kind == asyncir.OpDrain || avoidFailure && failsTest(models, op) {
				return asyncir.Inf
			}
			return 0
		},
		Edge: func(from, to *asyncir.Block) int {
			// Leaving a loop through its own condition: a counted loop
			// that takes as many values as it was told.
			if from.DecidesLoop() && len(from.Succs) > 0 && to != from.Succs[0] {
				return asyncir.Inf
			}
			return 0
		},
	}
	for _, r := range recvs {
		if len(cfg.LoopHeaders(r.Block)) == 0 {
			continue
		}
		if c, exit := asyncir.CheapestExit(r, cost); c < asyncir.Inf {
			leave = asyncir.ExitOp(exit)
			avoidFailure = true
			c, _ := asyncir.CheapestExit(r, cost)
			return leave, c >= asyncir.Inf, true
		}
	}
	return nil, false, true
}

// firstPlainSend is a send of the goroutine bind starts on the input ch
// is bound to, outside a select.
func firstPlainSend(bind *asyncir.Op, ch *asyncir.Value) *asyncir.Op {
	var send *asyncir.Op
	for _, in := range asyncir.Bindings(bind, ch) {
		for _, u := range in.Uses {
			if send == nil && u.Op.IsPlainSend(in) {
				send = u.Op
			}
		}
	}
	return send
}
