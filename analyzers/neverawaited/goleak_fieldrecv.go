package neverawaited

import (
	"fmt"
	"go/token"

	"github.com/asynclint/asynclint/asyncir"
)

// checkFieldReceiveLeaks reports AL152 for a channel held in an
// unexported struct field that nothing in the package closes, when every
// send on it is a select case of a goroutine beside a case that leaves
// (the stop channel, ctx.Done): once that goroutine takes the other case
// nobody sends again, and a receive of the field outside a select (Wait
// reading w.dataCh after Stop) blocks forever. The mirror of
// checkFieldSendLeaks.
func checkFieldReceiveLeaks(pass *asyncir.Pass) {
	type fieldUse struct {
		recvs   []*asyncir.Op // outside a select
		sends   []*asyncir.Op // select cases
		plain   []*asyncir.Op // sends outside a select, by goroutines
		unknown bool          // a close, another plain send, or handed on
	}
	fields := map[string]*fieldUse{}
	var order []string
	spawned := map[*asyncir.Func]bool{}
	for g := range goroutineStarts(pass) {
		spawned[g] = true
	}
	for _, f := range pass.Module.Funcs {
		f.Ops(func(op *asyncir.Op) {
			for _, v := range opChannels(op) {
				if v.Track == nil || v.Track.Field == "" {
					continue
				}
				u := fields[v.Track.Field]
				if u == nil {
					u = &fieldUse{}
					fields[v.Track.Field] = u
					order = append(order, v.Track.Field)
				}
				switch {
				case v.Track.Escapes:
					u.unknown = true
				case op.Receives(v) && op.Select() == nil && op.Kind != asyncir.OpDrain:
					u.recvs = append(u.recvs, op)
				case op.Sends(v) && op.Select() != nil:
					u.sends = append(u.sends, op)
				case op.IsPlainSend(v) && spawned[f]:
					u.plain = append(u.plain, op)
				case op.Kind == asyncir.OpSelect, op.Receives(v), op.Kind == asyncir.OpDrain:
				case getterReturn(op, v):
				default:
					u.unknown = true
				}
			}
		})
	}
	for _, key := range order {
		u := fields[key]
		if u.unknown || token.IsExported(lastDot(key)) || len(u.recvs) == 0 {
			continue
		}
		if len(u.sends) == 0 {
			reportEndedProducers(pass, key, u.plain, u.recvs)
			continue
		}
		if len(u.plain) > 0 {
			continue // a plain sender may go on sending
		}
		var leave *asyncir.Op
		for _, s := range u.sends {
			l := leavingCase(s)
			if l == nil || !spawned[s.Func()] {
				leave = nil
				break
			}
			if leave == nil {
				leave = l
			}
		}
		if leave == nil {
			continue // some sender keeps sending, or is no goroutine
		}
		for _, r := range u.recvs {
			if receivesItself(r.Func(), u.sends) {
				continue // its own sender
			}
			report(pass, asyncir.Diagnostic{
				Code:  "AL152",
				Range: r.Range,
				Message: fmt.Sprintf("`%s` can block forever receiving from `%s`: its sender, goroutine `%s`, can stop sending, and nothing closes it",
					r.Func().QualName, fieldName(key), leave.Func().QualName),
				Related: []asyncir.Related{{Range: leave.Range, Message: "`" + leave.Func().QualName + "` stops sending when this case fires"}},
			})
		}
	}
}

// reportEndedProducers reports AL152 for the receiving loops of a field
// channel that only goroutines send on, outside a select, when each of
// those goroutines can return and nothing closes the channel (a fetcher
// that stops on a flag and returns without close): a loop that leaves
// only when the channel is closed blocks forever after the last send.
func reportEndedProducers(pass *asyncir.Pass, key string, sends, recvs []*asyncir.Op) {
	if len(sends) == 0 {
		return
	}
	var exit *asyncir.Block
	for _, s := range sends {
		c, e := asyncir.CheapestExit(s, asyncir.PathCost{})
		if c >= asyncir.Inf {
			return // a sender that never returns keeps the receivers fed
		}
		if exit == nil {
			exit = e
		}
	}
	for _, r := range recvs {
		if receivesItself(r.Func(), sends) || len(asyncir.NewCFG(r.Func()).LoopHeaders(r.Block)) == 0 || leavesBeforeClose(r) {
			continue // its own sender, one receive, or a loop it can leave
		}
		rel := []asyncir.Related{}
		if at := asyncir.ExitOp(exit); at != nil {
			rel = append(rel, asyncir.Related{Range: at.Range, Message: "`" + sends[0].Func().QualName + "` returns here without closing it"})
		}
		report(pass, asyncir.Diagnostic{
			Code:  "AL152",
			Range: r.Range,
			Message: fmt.Sprintf("`%s` can block forever receiving from `%s`: it receives until the channel is closed, its sender, goroutine `%s`, can return, and nothing closes it",
				r.Func().QualName, fieldName(key), sends[0].Func().QualName),
			Related: rel,
		})
	}
}

// leavesBeforeClose reports whether the function receiving with r can
// return other than by seeing the channel closed: a counted loop
// (for n > 0 { <-s.done; n-- }), a condition, a return in the loop.
func leavesBeforeClose(r *asyncir.Op) bool {
	c, _ := asyncir.CheapestExit(r, asyncir.PathCost{Op: func(o *asyncir.Op) int {
		if o.Kind == asyncir.OpDrain {
			return asyncir.Inf
		}
		return 0
	}})
	return c < asyncir.Inf
}
