package neverawaited

import (
	"fmt"

	"github.com/asynclint/asynclint/asyncir"
)

// checkUnansweredRequests reports AL152 for a caller that makes a reply
// channel, files it in a request's field, hands the request to a
// goroutine over a request channel and then waits on the reply outside
// a select, when that goroutine — the only one that receives requests
// and the only one that answers on the reply field — can return after
// taking a request without answering it: a loop that queues requests
// (pending = append(pending, req)) and answers them on a later turn, but
// returns on shutdown with the queue unanswered. The reply channel, the
// request and its queue are known by their struct fields.
func checkUnansweredRequests(pass *asyncir.Pass) {
	type replyField struct {
		stores, waits, answers []*asyncir.Op
		unknown                bool
	}
	replies := map[string]*replyField{}
	var order []string
	reply := func(key string) *replyField {
		if replies[key] == nil {
			replies[key] = &replyField{}
			order = append(order, key)
		}
		return replies[key]
	}
	takes := map[string][]*asyncir.Op{} // request channel field → its receives
	for _, f := range pass.Module.Funcs {
		f.Ops(func(op *asyncir.Op) {
			var known *asyncir.Value
			switch {
			case op.StoresChannelField() && op.Operand.Track != nil && op.Operand.Track.Made:
				r := reply(op.Attr)
				r.stores = append(r.stores, op)
			case (op.Kind == asyncir.OpAwait || op.Kind == asyncir.OpDrain) && fieldOf(op.Operand) != "":
				known = op.Operand
				takes[fieldOf(known)] = append(takes[fieldOf(known)], op)
				if op.Kind == asyncir.OpAwait && op.Select() == nil {
					r := reply(fieldOf(known))
					r.waits = append(r.waits, op)
				}
			case op.Kind == asyncir.OpSend && fieldOf(op.Recv) != "":
				known = op.Recv
				r := reply(fieldOf(known))
				r.answers = append(r.answers, op)
			case op.Kind == asyncir.OpClose && fieldOf(op.Operand) != "":
				known = op.Operand
				r := reply(fieldOf(known))
				r.answers = append(r.answers, op)
			}
			if known != nil && known.Track.Escapes {
				reply(fieldOf(known)).unknown = true
			}
			for _, fld := range handedOn(op, known) {
				reply(fld).unknown = true
			}
		})
	}
	spawned := goroutineStarts(pass)
	for _, key := range order {
		r := replies[key]
		if r.unknown || len(r.waits) == 0 || len(r.answers) == 0 {
			continue
		}
		for _, w := range r.waits {
			ts := requestTakes(r.stores, w, takes)
			if len(ts) == 0 || spawned[ts[0].Func()] == nil {
				continue
			}
			loop := ts[0].Func()
			answers, handsOn := answersOf(loop, r.answers)
			if len(answers) == 0 || handsOn {
				continue
			}
			var take *asyncir.Op
			var exit *asyncir.Block
			for _, t := range ts {
				if exit == nil {
					take, exit = t, leavesUnanswered(t, answers)
				}
			}
			if exit == nil {
				continue
			}
			rel := []asyncir.Related{{Range: take.Range, Message: "`" + loop.QualName + "` takes the request here"}}
			report(pass, asyncir.Diagnostic{
				Code:  "AL152",
				Range: w.Range,
				Message: fmt.Sprintf("`%s` can block forever receiving from `%s`: goroutine `%s`, which takes its request, can return without answering it",
					w.Func().QualName, fieldName(key), loop.QualName),
				Related: append(rel, returnRelated(loop, exit, "without answering it")...),
			})
		}
	}
}

// answersOf splits the answers on a reply field (other request loops
// may share the request type) into loop's own, and whether loop calls
// or starts a function that answers too: a request it hands on may be
// answered there.
func answersOf(loop *asyncir.Func, all []*asyncir.Op) (own []*asyncir.Op, handsOn bool) {
	others := map[*asyncir.Func]bool{}
	for _, a := range all {
		if a.Func() == loop {
			own = append(own, a)
		} else {
			others[a.Func()] = true
		}
	}
	loop.Ops(func(o *asyncir.Op) {
		handsOn = handsOn || o.Callee != nil && others[o.Callee]
	})
	return own, handsOn
}

// requestTakes returns the receives of the request that w's function
// sends after filing a reply channel (one of stores) and before it waits
// with w, when one function alone receives from that request channel;
// nil otherwise.
func requestTakes(stores []*asyncir.Op, w *asyncir.Op, takes map[string][]*asyncir.Op) []*asyncir.Op {
	f := w.Func()
	var take []*asyncir.Op
	for _, s := range stores {
		if s.Func() != f || !asyncir.Reaches(s, w, nil) {
			continue
		}
		f.Ops(func(q *asyncir.Op) {
			if take != nil || q.Kind != asyncir.OpSend || fieldOf(q.Recv) == "" || !asyncir.Reaches(s, q, nil) || !asyncir.Reaches(q, w, nil) {
				return
			}
			if ts := takes[fieldOf(q.Recv)]; len(ts) > 0 && ts[0].Func() != f && allIn(ts, ts[0].Func()) {
				take = ts
			}
		})
	}
	return take
}

// leavesUnanswered returns an exit of take's function that a path from
// take reaches without answering: passing no answer, and entering no
// loop that answers (a range over the queue, which answers every request
// in it however many turns it takes); nil when every path answers.
func leavesUnanswered(take *asyncir.Op, answers []*asyncir.Op) *asyncir.Block {
	cfg := asyncir.NewCFG(take.Func())
	answering := map[*asyncir.Block]bool{} // headers of loops that answer
	for _, a := range answers {
		for _, h := range cfg.LoopHeaders(a.Block) {
			if !cfg.InLoop(take.Block, h) {
				answering[h] = true
			}
		}
	}
	isAnswer := map[*asyncir.Op]bool{}
	for _, a := range answers {
		isAnswer[a] = true
	}
	c, exit := asyncir.CheapestExit(take, asyncir.PathCost{
		Op: func(o *asyncir.Op) int {
			if isAnswer[o] {
				return asyncir.Inf
			}
			return 0
		},
		Edge: func(from, to *asyncir.Block) int {
			if answering[to] && !cfg.InLoop(from, to) {
				return asyncir.Inf
			}
			return 0
		},
	})
	if c >= asyncir.Inf {
		return nil
	}
	return exit
}
