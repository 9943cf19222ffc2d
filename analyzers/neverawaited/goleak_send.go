package neverawaited

import (
	"fmt"

	"github.com/asynclint/asynclint/asyncir"
)

// checkSendLeaks reports AL151: goroutines started by f that send on a
// channel f made, when f can return having received fewer values than the
// goroutines send and the buffer holds.
func checkSendLeaks(pass *asyncir.Pass, f *asyncir.Func, cfg *asyncir.CFG) {
	for _, ch := range asyncir.Made(f, asyncir.Channel) {
		if ch.Track.Cap < 0 {
			continue // a capacity computed at run time may match the senders
		}
		s, ok := senders(pass.Program.Models, ch, cfg)
		if !ok || s.total == 0 {
			continue
		}
		if s.total >= asyncir.Inf && ch.Track.Cap > 0 {
			continue // how many a buffer absorbs is unknown
		}
		site, exit := leakingPath(f, cfg, ch, s)
		if site == nil {
			continue
		}
		what := "unbuffered channel " + chanName(ch)
		if ch.Track.Cap > 0 {
			what = fmt.Sprintf("channel %s (buffer %d)", chanName(ch), ch.Track.Cap)
		}
		rel := []asyncir.Related{{Range: s.send.Range, Message: "the goroutine blocks here"}}
		rel = append(rel, returnRelated(f, exit, "without receiving")...)
		// A goroutine an API starts (errgroup's Go) has no go statement in
		// the code: report its blocking send, relate the start.
		at := site.Range
		if site.Kind != asyncir.OpSpawn && s.send != nil && s.send.Range.File == site.Range.File {
			at = s.send.Range
			rel = append(rel[1:], asyncir.Related{Range: site.Range, Message: "the goroutine is started here"})
		}
		report(pass, asyncir.Diagnostic{
			Code:    "AL151",
			Range:   at,
			Message: fmt.Sprintf("goroutine %s can block forever sending on %s: `%s` can return before receiving every value", spawnName(s.bind[site]), what, f.QualName),
			Related: rel,
		})
	}
}

type sendSummary struct {
	// stream: one goroutine sends an unbounded number of values (a loop);
	// otherwise an unbounded total comes from starting many goroutines.
	stream bool
	spawns []*asyncir.Op // the sites of the starts
	bind   map[*asyncir.Op]*asyncir.Op
	total  int         // values sent outside a select, Inf when unbounded
	send   *asyncir.Op // one blocking send, for related information
}

// senders checks that ch is only received from by f and only sent on by
// goroutines f starts, and counts their blocking sends.
func senders(models *asyncir.Models, ch *asyncir.Value, cfg *asyncir.CFG) (sendSummary, bool) {
	s := sendSummary{bind: map[*asyncir.Op]*asyncir.Op{}}
	for _, u := range ch.Uses {
		st, started := asyncir.StartOf(models, u)
		switch {
		case u.Op.Receives(ch), u.Op.Kind == asyncir.OpSelect, u.Op.Kind == asyncir.OpDrain:
		case started:
			if !containsOp(s.spawns, st.Site) {
				s.spawns = append(s.spawns, st.Site)
				s.bind[st.Site] = st.Bind
			}
		default:
			return s, false // f sends or closes, or hands it on
		}
	}
	for _, sp := range s.spawns {
		n, send, ok := goroutineSends(s.bind[sp], ch)
		if !ok {
			return s, false
		}
		s.stream = s.stream || n >= asyncir.Inf
		if n > 0 && repeats(sp, ch) {
			n = asyncir.Inf
		}
		if send != nil && s.send == nil {
			s.send = send
		}
		s.total = min(asyncir.Inf, s.total+n)
	}
	return s, true
}

// goroutineSends is the most values the goroutine sp starts can send on
// ch outside a select on one run; ok is false when it does anything else
// with ch than send, select or close.
func goroutineSends(sp *asyncir.Op, ch *asyncir.Value) (int, *asyncir.Op, bool) {
	g := sp.Callee
	inputs := asyncir.Bindings(sp, ch)
	if len(inputs) == 0 || len(g.Blocks) == 0 {
		return 0, nil, false
	}
	var send *asyncir.Op
	for _, in := range inputs {
		if in.Track == nil || in.Track.Escapes {
			return 0, nil, false
		}
		for _, u := range in.Uses {
			switch {
			case u.Op.IsPlainSend(in):
				if send == nil {
					send = u.Op
				}
			case u.Op.Sends(in), u.Op.Kind == asyncir.OpSelect, u.Op.Closes() == in:
			default:
				return 0, nil, false
			}
		}
	}
	n := asyncir.NewCFG(g).MaxOnPath(func(op *asyncir.Op) int {
		for _, in := range inputs {
			if op.IsPlainSend(in) {
				return 1
			}
		}
		return 0
	})
	return n, send, true
}

// leakingPath finds a spawn (or a receive after it) from which f can
// return having received too few values. Receives cost one each; a
// drained range, and leaving a receiving loop through its condition (a
// counted loop), are assumed to take every value.
func leakingPath(f *asyncir.Func, cfg *asyncir.CFG, ch *asyncir.Value, s sendSummary) (*asyncir.Op, *asyncir.Block) {
	var recvs []*asyncir.Op
	headers := map[*asyncir.Block]bool{}
	for _, u := range ch.Uses {
		if u.Op.Receives(ch) || u.Op.Kind == asyncir.OpDrain {
			if !containsOp(recvs, u.Op) {
				recvs = append(recvs, u.Op)
			}
			for _, h := range cfg.LoopHeaders(u.Op.Block) {
				headers[h] = true
			}
		}
	}
	cost := asyncir.PathCost{
		Op: func(op *asyncir.Op) int {
			switch {
			case op.CannotFire():
				return asyncir.Inf
			case op.Kind == asyncir.OpDrain && op.Operand == ch:
				return asyncir.Inf
			case op.Receives(ch):
				if s.total >= asyncir.Inf {
					return asyncir.Inf
				}
				return 1
			}
			return 0
		},
		Edge: func(from, to *asyncir.Block) int {
			// A loop's own condition ending a loop that receives (a counted
			// loop, or a range): assumed to have taken every value.
			if from.LoopHead && len(from.Succs) > 0 && to != from.Succs[0] {
				for _, h := range cfg.LoopHeaders(from.Succs[0]) {
					if headers[h] {
						return asyncir.Inf
					}
				}
			}
			return 0
		},
	}
	if s.total < asyncir.Inf {
		// From the first start: later ones run after receives that served
		// the earlier goroutines.
		for _, sp := range s.spawns {
			if reachedFromOther(sp, s.spawns) {
				continue
			}
			if c, exit := asyncir.CheapestExit(sp, cost); c < asyncir.Inf && c+ch.Track.Cap < s.total {
				return sp, exit
			}
		}
		return nil, nil
	}
	// Unbounded senders: any path that stops receiving before the loop
	// that counts them finishes leaks one. A receive inside a loop with
	// no exit of its own is counted by the loop's logic (a counter of
	// finished workers), which the IR does not follow: no start there. A
	// stream of values is only judged inside a loop that receives it (a
	// range, or a counted loop): a lone receive after such a loop may be
	// the stream's end marker.
	for _, sp := range s.spawns {
		if c, exit := asyncir.CheapestExit(sp, cost); c < asyncir.Inf {
			return sp, exit
		}
		for _, r := range recvs {
			if r.Kind == asyncir.OpDrain || !asyncir.Reaches(sp, r, nil) {
				continue
			}
			if inEndlessLoop(cfg, f, r) || len(cfg.LoopHeaders(r.Block)) == 0 && (s.stream || len(recvs) > 1) {
				continue
			}
			if c, exit := asyncir.CheapestExit(r, cost); c < asyncir.Inf {
				return sp, exit
			}
		}
	}
	return nil, nil
}

// inEndlessLoop reports whether r is in a loop that no condition of its
// own ends (for { ... }).
func inEndlessLoop(cfg *asyncir.CFG, f *asyncir.Func, r *asyncir.Op) bool {
	for _, h := range cfg.LoopHeaders(r.Block) {
		exits := false
		for _, b := range f.Blocks {
			exits = exits || b.LoopHead && cfg.InLoop(b, h)
		}
		if !exits {
			return true
		}
	}
	return false
}

// repeats reports whether the go statement sp can run again on the same
// channel: a cycle through it that does not make ch anew.
func repeats(sp *asyncir.Op, ch *asyncir.Value) bool {
	return asyncir.Reaches(sp, sp, func(op *asyncir.Op) bool { return op == ch.Def })
}

func reachedFromOther(sp *asyncir.Op, all []*asyncir.Op) bool {
	for _, o := range all {
		if o != sp && asyncir.Reaches(o, sp, nil) {
			return true
		}
	}
	return false
}

func containsOp(ops []*asyncir.Op, op *asyncir.Op) bool {
	for _, o := range ops {
		if o == op {
			return true
		}
	}
	return false
}
