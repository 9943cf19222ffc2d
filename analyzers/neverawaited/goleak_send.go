package neverawaited

import (
	"fmt"
	"slices"

	"github.com/asynclint/asynclint/asyncir"
)

// checkSendLeaks reports AL151: goroutines started by f that send on a
// channel f made, when f can return having received fewer values than the
// goroutines send and the buffer holds.
//
// A goroutine that delivers its outcome on one of several channels (an
// error on errs, or a value or close on done, never both) is judged on the
// group: a receive from any of them takes its one delivery.
func checkSendLeaks(pass *asyncir.Pass, f *asyncir.Func, cfg *asyncir.CFG) {
	if f.QualName == "main" && f.Parent == nil {
		return // a program's main: its return ends every goroutine
	}
	models := pass.Program.Models
	made := asyncir.Made(f, asyncir.Channel)
	reported := map[*asyncir.Op]bool{}
	for i, first := range made {
		if first.Track.Cap < 0 {
			continue // a capacity computed at run time may match the senders
		}
		group := sendGroup(models, first, made)
		if slices.ContainsFunc(group, func(v *asyncir.Value) bool { return slices.Index(made, v) < i }) {
			continue // judged from its first member
		}
		s, ok := senders(models, group, cfg)
		if !ok || s.total == 0 || s.send == nil {
			continue
		}
		ch := s.sendOn
		if s.total >= asyncir.Inf && s.cap > 0 {
			continue // how many a buffer absorbs is unknown
		}
		site, exit := leakingPath(f, cfg, group, s, nil)
		if site == nil || reported[site] {
			continue
		}
		reported[site] = true
		// A leak that needs the test to have failed first is moot once
		// the test is fixed.
		onFailure := false
		if c, _ := leakingPath(f, cfg, group, s, func(op *asyncir.Op) bool { return failsTest(models, op) }); c == nil {
			onFailure = true
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
		d := asyncir.Diagnostic{
			Code:    "AL151",
			Range:   at,
			Message: fmt.Sprintf("goroutine %s can block forever sending on %s: `%s` can return before receiving every value", spawnName(s.bind[site]), what, f.QualName),
			Related: rel,
		}
		if onFailure {
			d.Message += " (only after the test has failed)"
		}
		reportOnFailure(pass, d, onFailure)
	}
}

// sendGroup is ch and the other channels f made that a goroutine sending
// on ch also sends on or closes, transitively: the channels its outcome
// may arrive on.
func sendGroup(models *asyncir.Models, ch *asyncir.Value, made []*asyncir.Value) []*asyncir.Value {
	group := []*asyncir.Value{ch}
	for i := 0; i < len(group); i++ {
		for _, u := range group[i].Uses {
			st, ok := asyncir.StartOf(models, u)
			if !ok || !deliversOn(st.Bind, group[i]) {
				continue
			}
			for _, other := range made {
				if other.Track.Cap >= 0 && !containsValue(group, other) && deliversOn(st.Bind, other) {
					group = append(group, other)
				}
			}
		}
	}
	return group
}

// deliversOn reports whether the function bind starts sends on or closes
// the input ch is bound to. A close that can come before a blocking send
// of the goroutine does not count: receiving from the closed channel says
// nothing about that send.
func deliversOn(bind *asyncir.Op, ch *asyncir.Value) bool {
	for _, in := range asyncir.Bindings(bind, ch) {
		for _, u := range in.Uses {
			if u.Op.Sends(in) || u.Op.Closes() == in && (u.Op.Kind == asyncir.OpDefer || !sendsAfter(u.Op)) {
				return true
			}
		}
	}
	return false
}

// sendsAfter reports whether a channel send outside a select can follow op.
func sendsAfter(op *asyncir.Op) bool {
	found := false
	op.Func().Ops(func(o *asyncir.Op) {
		found = found || o.Kind == asyncir.OpSend && o.Select() == nil && asyncir.Reaches(op, o, nil)
	})
	return found
}

func containsValue(vs []*asyncir.Value, v *asyncir.Value) bool {
	for _, x := range vs {
		if x == v {
			return true
		}
	}
	return false
}

type sendSummary struct {
	// stream: one goroutine sends an unbounded number of values (a loop);
	// otherwise an unbounded total comes from starting many goroutines.
	stream bool
	spawns []*asyncir.Op // the sites of the starts
	bind   map[*asyncir.Op]*asyncir.Op
	total  int            // values sent outside a select, Inf when unbounded
	send   *asyncir.Op    // one blocking send, for related information
	sendOn *asyncir.Value // the channel (of f) send is on
	cap    int            // the least buffer of a channel sent on outside a select
	// absorbed is how many of the sends the buffers take: each channel's
	// buffer holds its own channel's sends only.
	absorbed int
	// endless: a goroutine sends in a loop it never leaves (no condition
	// of its own, no return or break after the send): no number of
	// receives takes every value, so no receive can be the last.
	endless bool
}

// senders checks that the group's channels are only received from by f
// and only sent on by goroutines f starts, and counts their blocking sends.
func senders(models *asyncir.Models, group []*asyncir.Value, cfg *asyncir.CFG) (sendSummary, bool) {
	s := sendSummary{bind: map[*asyncir.Op]*asyncir.Op{}, cap: asyncir.Inf}
	for _, ch := range group {
		for _, u := range ch.Uses {
			st, started := asyncir.StartOf(models, u)
			switch {
			case u.Op.Receives(ch), u.Op.Kind == asyncir.OpSelect, u.Op.Kind == asyncir.OpDrain:
			case receivingInputs(u.Op, ch) != nil:
			case started:
				if !containsOp(s.spawns, st.Site) {
					s.spawns = append(s.spawns, st.Site)
					s.bind[st.Site] = st.Bind
				}
			default:
				return s, false // f sends or closes, or hands it on
			}
		}
	}
	for _, sp := range s.spawns {
		n, send, ok := goroutineSends(s.bind[sp], group)
		if !ok {
			return s, false
		}
		s.stream = s.stream || n >= asyncir.Inf
		s.endless = s.endless || sendsForever(s.bind[sp], group)
		if n > 0 && repeats(sp, group[0]) {
			n = asyncir.Inf
		}
		if send != nil {
			for _, ch := range group {
				for _, in := range asyncir.Bindings(s.bind[sp], ch) {
					if send.Recv == in {
						s.cap = min(s.cap, ch.Track.Cap)
						if s.send == nil {
							s.send, s.sendOn = send, ch
						}
					}
				}
			}
		}
		s.total = min(asyncir.Inf, s.total+n)
	}
	for _, ch := range group {
		n := 0
		for _, sp := range s.spawns {
			k := channelSends(s.bind[sp], ch)
			if k > 0 && repeats(sp, group[0]) {
				k = asyncir.Inf
			}
			n = min(asyncir.Inf, n+k)
		}
		s.absorbed = min(asyncir.Inf, s.absorbed+min(n, ch.Track.Cap))
	}
	return s, true
}

// channelSends is the most values the goroutine bind starts can send on
// ch outside a select on one run.
func channelSends(bind *asyncir.Op, ch *asyncir.Value) int {
	inputs := asyncir.Bindings(bind, ch)
	if len(inputs) == 0 || len(bind.Callee.Blocks) == 0 {
		return 0
	}
	return asyncir.NewCFG(bind.Callee).MaxOnPath(func(op *asyncir.Op) int {
		for _, in := range inputs {
			if op.IsPlainSend(in) {
				return 1
			}
		}
		return 0
	})
}

// goroutineSends is the most values the goroutine bind starts can send on
// the group's channels outside a select on one run; ok is false when it
// does anything else with them than send, select or close.
func goroutineSends(bind *asyncir.Op, group []*asyncir.Value) (int, *asyncir.Op, bool) {
	g := bind.Callee
	var inputs []*asyncir.Value
	for _, ch := range group {
		inputs = append(inputs, asyncir.Bindings(bind, ch)...)
	}
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
			case waitingSend(bind, u.Op, in):
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
			if waitingSend(bind, op, in) {
				return 1
			}
		}
		return 0
	})
	return n, send, true
}

// waitingSend reports whether op, in the goroutine bind starts, sends on
// in and waits for a receiver: outside a select, or in one whose other
// cases never fire.
func waitingSend(bind, op *asyncir.Op, in *asyncir.Value) bool {
	return op.IsPlainSend(in) || op.Kind == asyncir.OpSend && op.Recv == in && onlyUnsignalled(bind, op)
}

// onlyUnsignalled reports whether op, a send that is a case of a select
// in the goroutine bind starts, waits as a plain send does: the select
// has no default, and every other case receives from a channel the
// starter made and handed only to this goroutine, which nobody sends on
// or closes (a stop channel never signalled).
func onlyUnsignalled(bind *asyncir.Op, op *asyncir.Op) bool {
	sel := op.Select()
	if sel == nil || sel.Default {
		return false
	}
	others := 0
	ok := true
	bind.Callee.Ops(func(c *asyncir.Op) {
		if c == op || c.Select() != sel {
			return
		}
		others++
		ok = ok && c.Kind == asyncir.OpAwait && neverSignalled(bind, c.Operand)
	})
	return ok && others > 0
}

// neverSignalled reports whether p, a value of the goroutine bind
// starts, is bound to a channel its starter made that neither side
// sends on, closes or hands elsewhere.
func neverSignalled(bind *asyncir.Op, p *asyncir.Value) bool {
	if p == nil {
		return false
	}
	for _, u := range p.Uses {
		if !u.Op.Receives(p) && u.Op.Kind != asyncir.OpSelect {
			return false
		}
	}
	args := append([]*asyncir.Value{bind.Recv}, bind.Args...)
	for _, a := range append(args, bind.Captures()...) {
		if a == nil || !containsValue(asyncir.Bindings(bind, a), p) {
			continue
		}
		if a.Track == nil || !a.Track.Made || a.Track.Escapes {
			return false
		}
		for _, u := range a.Uses {
			if u.Op != bind && !u.Op.Receives(a) && u.Op.Kind != asyncir.OpSelect {
				return false
			}
		}
		return true
	}
	return false
}

// leakingPath finds a spawn (or a receive after it) from which f can
// return having received too few values. Receives cost one each; a
// drained range, and leaving a receiving loop through its condition (a
// counted loop), are assumed to take every value. failed, when set,
// marks the ops that fail the running test: paths through them, or
// through a branch taken only once the test failed, are not followed.
func leakingPath(f *asyncir.Func, cfg *asyncir.CFG, group []*asyncir.Value, s sendSummary, failed func(*asyncir.Op) bool) (*asyncir.Op, *asyncir.Block) {
	var recvs []*asyncir.Op
	headers := map[*asyncir.Block]bool{}
	for _, ch := range group {
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
	}
	receives := func(op *asyncir.Op) bool {
		return (op.Kind == asyncir.OpAwait || op.Kind == asyncir.OpDrain) && containsValue(group, op.Operand)
	}
	cost := asyncir.PathCost{
		Op: func(op *asyncir.Op) int {
			var ins []*asyncir.Value
			for _, ch := range group {
				ins = append(ins, receivingInputs(op, ch)...)
			}
			switch {
			case op.CannotFire(), failed != nil && failed(op):
				return asyncir.Inf
			case len(ins) > 0:
				return calleeReceives(op, ins, s.total >= asyncir.Inf)
			case op.Kind == asyncir.OpDrain && receives(op):
				return asyncir.Inf
			case receives(op):
				if s.total >= asyncir.Inf {
					return asyncir.Inf
				}
				return 1
			}
			return 0
		},
		Edge: receivingLoopExit(cfg, headers),
	}
	if failed != nil {
		loopExit := cost.Edge
		cost.Edge = func(from, to *asyncir.Block) int {
			if from.EntersFailedTest(to) {
				return asyncir.Inf
			}
			return loopExit(from, to)
		}
	}
	if s.total < asyncir.Inf {
		// From the first start: later ones run after receives that served
		// the earlier goroutines.
		for _, sp := range s.spawns {
			if reachedFromOther(sp, s.spawns) {
				continue
			}
			if c, exit := asyncir.CheapestExit(sp, cost); c < asyncir.Inf && c+s.absorbed < s.total {
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
			if inEndlessLoop(cfg, f, r) || !s.endless && len(cfg.LoopHeaders(r.Block)) == 0 && (s.stream || len(recvs) > 1) {
				continue
			}
			if c, exit := asyncir.CheapestExit(r, cost); c < asyncir.Inf {
				return sp, exit
			}
		}
	}
	return nil, nil
}

// sendsForever reports whether the goroutine bind starts sends on one
// of group outside a select in a loop it never leaves: the loop has no
// condition of its own and no normal return follows the send.
func sendsForever(bind *asyncir.Op, group []*asyncir.Value) bool {
	g := bind.Callee
	if g == nil || len(g.Blocks) == 0 {
		return false
	}
	cfg := asyncir.NewCFG(g)
	forever := false
	for _, ch := range group {
		for _, in := range asyncir.Bindings(bind, ch) {
			for _, u := range in.Uses {
				if !waitingSend(bind, u.Op, in) {
					continue
				}
				if inEndlessLoop(cfg, g, u.Op) && !returnsAfter(u.Op.Block, func(b *asyncir.Block) bool { return firesNever(bind, b) }) {
					forever = true
				}
			}
		}
	}
	return forever
}

// firesNever reports whether block b is entered only when a select case
// fires that never can (a receive from a stop channel never signalled).
func firesNever(bind *asyncir.Op, b *asyncir.Block) bool {
	for _, op := range b.Ops {
		if op.Select() != nil && op.Kind == asyncir.OpAwait && neverSignalled(bind, op.Operand) {
			return true
		}
	}
	return false
}

// returnsAfter reports whether a normal return is reachable from b
// through blocks that are not dead.
func returnsAfter(b *asyncir.Block, dead func(*asyncir.Block) bool) bool {
	seen := map[*asyncir.Block]bool{b: true}
	work := []*asyncir.Block{b}
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		if x.Exit {
			return true
		}
		for _, s := range x.Succs {
			if !seen[s] && !dead(s) {
				seen[s] = true
				work = append(work, s)
			}
		}
	}
	return false
}

// inEndlessLoop reports whether r is in a loop that no condition of its
// own ends (for { ... }).
func inEndlessLoop(cfg *asyncir.CFG, f *asyncir.Func, r *asyncir.Op) bool {
	for _, h := range cfg.LoopHeaders(r.Block) {
		exits := false
		for _, b := range f.Blocks {
			exits = exits || b.DecidesLoop() && cfg.InLoop(b, h)
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

// checkReturnedChannels reports AL151 for a channel a called function
// returns and feeds from a goroutine it started (a future, or a stream it
// sends in a loop), when f receives from it but can return before taking
// every value: the callee's goroutine then blocks forever. AL153 covers
// the result thrown away.
func checkReturnedChannels(pass *asyncir.Pass, f *asyncir.Func, cfg *asyncir.CFG) {
	f.Ops(func(op *asyncir.Op) {
		ch := op.Result
		if op.Kind != asyncir.OpCall || ch == nil || ch.Track == nil || !ch.Track.Future || ch.Track.Escapes || len(ch.Uses) == 0 {
			return
		}
		for _, u := range ch.Uses {
			if !u.Op.Receives(ch) && u.Op.Kind != asyncir.OpSelect && u.Op.Kind != asyncir.OpDrain {
				return // handed on: someone else may receive
			}
		}
		s := sendSummary{spawns: []*asyncir.Op{op}, bind: map[*asyncir.Op]*asyncir.Op{op: op}, total: 1, stream: ch.Track.Stream}
		if ch.Track.Stream {
			s.total = asyncir.Inf
		}
		site, exit := leakingPath(f, cfg, []*asyncir.Value{ch}, s, nil)
		if site == nil {
			return
		}
		name := trimPath(op.External)
		if op.Callee != nil {
			name = op.Callee.QualName
		}
		// The goroutine blocks at its send: report there when the callee
		// is in this package, with the call that abandons it related.
		d := asyncir.Diagnostic{
			Code:    "AL151",
			Range:   op.Range,
			Message: fmt.Sprintf("the goroutine `%s` starts can block forever sending on the channel it returns: `%s` can return before receiving every value", name, f.QualName),
			Related: returnRelated(f, exit, "without receiving"),
		}
		if send := returnedChannelSend(pass.Program.Models, op.Callee); send != nil {
			d.Range = send.Range
			d.Related = append([]asyncir.Related{{Range: op.Range, Message: "`" + f.QualName + "` receives from it here, and may stop"}}, d.Related...)
			// Every caller that abandons the helper's goroutine has the
			// same fix, in the helper (a buffered channel): one finding.
			d.Cause = &asyncir.Cause{Range: send.Range, Site: op.Range,
				Message: fmt.Sprintf("the goroutine `%s` starts can block forever sending on the channel it returns", name),
				Callers: "callers that can return before receiving every value",
				Via:     "`" + f.QualName + "` receives from it here, and can return first"}
		}
		report(pass, d)
	})
}

// returnedChannelSend is the blocking send of the goroutine g starts on
// the channel g returns, or nil.
func returnedChannelSend(models *asyncir.Models, g *asyncir.Func) *asyncir.Op {
	if g == nil {
		return nil
	}
	var send *asyncir.Op
	g.Ops(func(op *asyncir.Op) {
		if send != nil || op.Kind != asyncir.OpReturn || op.Operand == nil {
			return
		}
		ch := op.Operand
		for _, u := range ch.Uses {
			st, ok := asyncir.StartOf(models, u)
			if !ok {
				continue
			}
			for _, in := range asyncir.Bindings(st.Bind, ch) {
				for _, iu := range in.Uses {
					if send == nil && iu.Op.IsPlainSend(in) {
						send = iu.Op
					}
				}
			}
		}
	})
	return send
}

// receivingLoopExit is the edge cost that keeps a path inside the loops
// whose heads are headers (loops that receive: a counted loop, or a
// range): leaving one by its own condition is assumed to have taken every
// value, so that edge costs Inf.
func receivingLoopExit(cfg *asyncir.CFG, headers map[*asyncir.Block]bool) func(from, to *asyncir.Block) int {
	return func(from, to *asyncir.Block) int {
		if from.DecidesLoop() && len(from.Succs) > 0 && to != from.Succs[0] {
			for _, h := range cfg.LoopHeaders(from.Succs[0]) {
				if headers[h] {
					return asyncir.Inf
				}
			}
		}
		return 0
	}
}
